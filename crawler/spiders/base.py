"""The spider every site uses: walk the list pages, read the articles.

What to request is decided here; how to read a page is the layout's. A
spider class per site is made from its configuration (see sites.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from ..layouts import LAYOUTS, Layout
from ..sites import Site

logger = logging.getLogger(__name__)


class SiteSpider(scrapy.Spider):
    """Crawls one site's list pages (with pagination) and its article pages."""

    site: ClassVar[Site | None] = None
    custom_settings: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, max_list_pages: int | str | None = None, **kwargs: Any):
        if self.site is None:
            raise NotConfigured(f"{type(self).__name__} has no site configuration")
        super().__init__(*args, **kwargs)
        self.layout: Layout = LAYOUTS[self.site.layout]
        self.allowed_domains = list(self.site.allowed_domains)
        self.max_list_pages = int(max_list_pages) if max_list_pages else 50

    async def start(self):  # noqa: D102 (Scrapy's entry point)
        for url in self.site.start_urls:
            yield scrapy.Request(
                url, callback=self.parse_list, errback=self.on_error, cb_kwargs={"page": 1}
            )

    def parse_list(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        """Follow the article links of a list page, then the next list pages."""
        stats = self.crawler.stats
        stats.inc_value("list/pages")
        if not isinstance(response, TextResponse):
            stats.inc_value("list/not_html")
            logger.warning("List page is not HTML: %s", response.url)
            return
        links = self.layout.list_links(response.selector, response.url)
        stats.inc_value("list/article_links", len(links))
        if not links:
            stats.inc_value("list/empty_pages")
            logger.warning("List page yields no article links: %s", response.url)
        logger.info("List page %d of %s: %d article links", page, self.name, len(links))
        for url in links:
            yield response.follow(url, callback=self.parse_article, errback=self.on_error)
        if page >= self.max_list_pages:
            return
        for offset, url in enumerate(self.layout.next_pages(response.selector, response.url), 1):
            yield response.follow(
                url, callback=self.parse_list, errback=self.on_error,
                cb_kwargs={"page": page + offset},
            )

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Read an article page into a RawArticle item (the pipeline cleans and stores it)."""
        self.crawler.stats.inc_value("articles/pages")
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("reports/failed")
            self.crawler.stats.inc_value("reports/failed/not_html")
            logger.warning("Article page is not HTML, skipped: %s", response.url)
            return
        try:
            raw = self.layout.read_article(response.selector, response.url)
        except Exception as exc:  # a page no selector can read must not stop the crawl
            self.crawler.stats.inc_value("reports/failed")
            self.crawler.stats.inc_value("reports/failed/unreadable")
            logger.warning("Cannot read %s: %s: %s", response.url, type(exc).__name__, exc)
            return
        raw.site = self.site.name
        raw.encoding = response.encoding
        yield raw

    def on_error(self, failure: Failure) -> None:
        """Log a request that failed (HTTP error, timeout, DNS) with its URL and count it."""
        request = failure.request if hasattr(failure, "request") else None
        url = request.url if request else "?"
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.crawler.stats.inc_value("errors/requests")
        logger.warning("Request failed: %s (%s)", url, reason)


def spider_for(site: Site, module: str) -> type[SiteSpider]:
    """A spider class named after `site`, for Scrapy's spider loader."""
    class_name = "".join(part.capitalize() for part in site.name.split("_")) + "Spider"
    return type(class_name, (SiteSpider,), {"name": site.name, "site": site, "__module__": module})
