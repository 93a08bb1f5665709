"""The no-op spider: the ceiling of a Scrapy crawl of the same pages on the same machine.

It requests exactly what a site's real spider requests on a first run (the
start page, every list page its pagination reaches, every article linked
from them), finding the links with the same layout rules, and does nothing
else: no article is read, nothing is cleaned or stored, no run is recorded.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse

from crawler.layouts import LAYOUTS, Layout
from crawler.sites import SITES, Site


class CeilingSpider(scrapy.Spider):
    """Walks one configured site's lists and articles like SiteSpider, and does no work."""

    name = "bench_ceiling"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {"crawler.extensions.RunRecorder": None, "crawler.notify.Notifier": None},
    }

    def __init__(self, site: str, max_list_pages: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.site: Site = SITES[site]
        self.layout: Layout = LAYOUTS[self.site.layout]
        self.allowed_domains = list(self.site.allowed_domains)
        self.max_list_pages = int(max_list_pages) if max_list_pages else 50

    async def start(self) -> AsyncIterator[scrapy.Request]:  # noqa: D102 (Scrapy's entry point)
        for url in self.site.start_urls:
            yield scrapy.Request(url, callback=self.parse_list, cb_kwargs={"page": 1},
                                 dont_filter=True)

    def parse_list(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        """Follow the article links and the next list pages, as the real spider does."""
        if not isinstance(response, TextResponse):
            return
        for url in self.layout.list_links(response.selector, response.url):
            yield response.follow(url, callback=self.parse_article)
        if page >= self.max_list_pages:
            return
        for offset, url in enumerate(self.layout.next_pages(response.selector, response.url), 1):
            yield response.follow(url, callback=self.parse_list, cb_kwargs={"page": page + offset},
                                  dont_filter=True)

    def parse_article(self, response: Response) -> None:
        """Nothing: the page was downloaded, that is all the ceiling measures."""
        self.crawler.stats.inc_value("articles/pages")
