"""The spider every site uses: walk the list pages, read the articles.

What to request is decided here; how to read a page is the layout's. A
spider class per site is made from its configuration (see sites.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from ..challenge import challenge_marker
from ..encoding import looks_binary, mojibake_reason
from ..extract import without_document_ends
from ..incremental import Incremental
from ..layouts import Layout, layout_for
from ..middlewares import RefusedRequest, error_kind
from ..runs import run_context
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
        self.layout: Layout = layout_for(self.site)
        self.allowed_domains = list(self.site.allowed_domains)
        self.max_list_pages = int(max_list_pages) if max_list_pages else 50

    async def start(self):  # noqa: D102 (Scrapy's entry point)
        for url in self.site.start_urls:
            yield scrapy.Request(
                url, callback=self.parse_list, errback=self.on_list_error, cb_kwargs={"page": 1},
            )

    def parse_list(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        """Follow the article links of a list page, then the next list pages.

        Articles already stored are not fetched again (unless recent, see
        REFETCH_DAYS); pagination stops at the first page whose articles are
        all known (unless FULL_CRAWL).
        """
        stats = self.crawler.stats
        stats.inc_value("list/pages")
        if not isinstance(response, TextResponse):
            stats.inc_value("list/empty_pages")
            logger.warning("List page is not HTML: %s", response.url)
            return
        links = self.layout.list_links(response.selector, response.url)
        stats.inc_value("list/article_links", len(links))
        if not links:
            stats.inc_value("list/empty_pages")
            marker = challenge_marker(response.status, response.text)
            if marker:
                stats.inc_value("antibot/pages")
                logger.warning("Challenge page instead of a list (%s): %s", marker, response.url)
            else:
                logger.warning("List page yields no article links: %s", response.url)
            return
        fetch, known = self.incremental.split(links)
        stats.inc_value("articles/known_skipped", len(links) - len(fetch))
        logger.info(
            "List page %d of %s: %d article links, %d to fetch", page, self.name, len(links),
            len(fetch),
        )
        for url in fetch:
            yield response.follow(url, callback=self.parse_article, errback=self.on_error)
        if known == len(links) and not self.incremental.full:
            logger.info("List page %d of %s holds only known reports: stop", page, self.name)
            return
        if page >= self.max_list_pages:
            return
        for offset, url in enumerate(self.layout.next_pages(response.selector, response.url), 1):
            yield response.follow(
                url, callback=self.parse_list, errback=self.on_list_error,
                cb_kwargs={"page": page + offset},
            )

    @property
    def incremental(self) -> Incremental:
        """What this run already knows (made on first use)."""
        if not hasattr(self, "_incremental"):
            self._incremental = Incremental(self.crawler)
        return self._incremental

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Read an article page into a RawArticle item (the pipeline cleans and stores it)."""
        stats = self.crawler.stats
        stats.inc_value("articles/pages")
        context = run_context(self.crawler)
        if not isinstance(response, TextResponse):
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            what = "binary content served as " if looks_binary(response.body) else ""
            context.page_failed(response.url, self.site.name, "not_html",
                                f"not an HTML page ({what}{content_type or 'no content type'})")
            return
        if not response.body.strip():
            context.page_failed(response.url, self.site.name, "empty",
                                f"empty response (HTTP {response.status}, "
                                f"{len(response.body)} bytes)")
            return
        try:
            # A stray `</html>` mid-page would end the document for lxml; browsers read on.
            selector = Selector(text=without_document_ends(response.text), type="html")
            raw = self.layout.read_article(selector, response.url)
        except Exception as exc:  # a page no selector can read must not stop the crawl
            context.page_failed(response.url, self.site.name, "unreadable",
                                f"{type(exc).__name__}: {exc}")
            return
        if not any(block.strip() for block in raw.body):
            marker = challenge_marker(response.status, response.text)
            if marker:
                stats.inc_value("antibot/pages")
                logger.warning("Challenge page instead of an article (%s): %s", marker,
                               response.url)
                return
        garbled = mojibake_reason("\n".join([raw.title or "", *(raw.body or [])]))
        if garbled:
            context.page_failed(response.url, self.site.name, "mojibake",
                                f"decoded as {response.encoding}, still mojibake: {garbled}")
            return
        raw.site = self.site.name
        raw.encoding = response.encoding
        request = response.request
        raw.encoding_source = request.meta.get("encoding_source") if request else None
        yield raw

    def on_error(self, failure: Failure) -> None:
        """Log a request that failed (HTTP error, timeout, DNS, refusal) with its URL and count it.

        Counted under ``errors/requests`` and ``errors/http/<status>`` or
        ``errors/<kind>`` (see crawler.middlewares.error_kind); a challenge page
        under ``antibot/pages`` instead of ``errors/requests``.
        """
        stats = self.crawler.stats
        if isinstance(failure.value, RefusedRequest):
            return  # logged and counted where it was refused (crawler.middlewares.refuse)
        request = getattr(failure, "request", None)
        url = request.url if request else "?"
        if error_kind(failure.value) == "robots_forbidden":
            # The site's choice, not a failure: Scrapy counts it as robotstxt/forbidden.
            logger.info("Forbidden by robots.txt, not fetched: %s", url)
            return
        response = getattr(failure.value, "response", None)
        if response is not None:
            stats.inc_value(f"errors/http/{response.status}")
            text = response.text if isinstance(response, TextResponse) else ""
            marker = challenge_marker(response.status, text)
            if marker:  # counted once, as a challenge (the anti_bot check)
                stats.inc_value("antibot/pages")
                logger.warning("Challenge page (%s): %s", marker, url)
                return
            stats.inc_value("errors/requests")
            reason = f"HTTP {response.status}"
        else:
            stats.inc_value("errors/requests")
            stats.inc_value(f"errors/{error_kind(failure.value)}")
            reason = f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
        logger.warning("Request failed: %s (%s)", url, reason)

    def on_list_error(self, failure: Failure) -> None:
        """A list page that failed: counted apart, since the site's check depends on it."""
        self.crawler.stats.inc_value("errors/list_pages")
        self.on_error(failure)


def spider_for(site: Site, module: str) -> type[SiteSpider]:
    """A spider class named after `site`, for Scrapy's spider loader."""
    class_name = "".join(part.capitalize() for part in site.name.split("_")) + "Spider"
    return type(class_name, (SiteSpider,), {"name": site.name, "site": site, "__module__": module})
