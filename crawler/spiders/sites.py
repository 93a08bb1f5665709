"""One spider per configured site: `scrapy crawl zjknews`, `scrapy crawl scgov`, …"""

from ..sites import SITES
from .base import spider_for


def _define_spiders() -> None:
    for site in SITES.values():
        cls = spider_for(site, __name__)
        globals()[cls.__name__] = cls


_define_spiders()
