"""Downloader middleware for the bad days, and how a failed request is named.

:class:`RedirectGuardMiddleware` stops redirect loops and redirects off the
spider's allowed domains at the 3xx response, before Scrapy's redirect
middleware follows them, with a warning that names both URLs. Every refusal
goes through :func:`refuse`: logged with its URL, counted under
``errors/requests`` and ``errors/<kind>`` where it happens (so requests
without an errback are counted too), raised as :class:`RefusedRequest`.
:func:`error_kind` names every other failure for the spiders' errbacks
(``errors/DownloadTimeoutError``, ``errors/ResponseDataLossError``…).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.url import url_is_from_any_domain
from w3lib.url import safe_url_string

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RefusedRequest(IgnoreRequest):
    """A request the crawler refused on purpose; `kind` names its stat (``errors/<kind>``)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def refuse(crawler: Crawler, request: Request, kind: str, message: str) -> RefusedRequest:
    """Log and count a refused request; return the exception to raise."""
    logger.warning("Request refused (%s): %s: %s", kind, request.url, message)
    crawler.stats.inc_value("errors/requests")
    crawler.stats.inc_value(f"errors/{kind}")
    return RefusedRequest(kind, message)


def error_kind(exc: BaseException) -> str:
    """The stat name (after ``errors/``) of a request that failed with `exc`.

    Refusals carry their kind; Scrapy's own refusals are told apart by their
    message (robots.txt, offsite, too many redirects); anything else is named
    by its exception type.
    """
    if isinstance(exc, RefusedRequest):
        return exc.kind
    if isinstance(exc, IgnoreRequest):
        message = str(exc).lower()
        for marker, kind in (("robots.txt", "robots_forbidden"), ("offsite", "offsite"),
                             ("max redirections", "redirect_limit")):
            if marker in message:
                return kind
    return type(exc).__name__


class RedirectGuardMiddleware:
    """Refuses redirect loops and redirects off the allowed domains, at the 3xx response.

    Placed after (above) Scrapy's RedirectMiddleware in DOWNLOADER_MIDDLEWARES
    so it sees the redirect first. Without it a loop back to a URL already
    crawled is dropped silently by the duplicate filter, and an offsite
    redirect only shows as ``offsite/filtered``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        """Build the middleware for `crawler`."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        """Pass `response` on, unless it redirects in a loop or off the allowed domains."""
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location or \
                request.meta.get("dont_redirect"):
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in {safe_url_string(url) for url in chain}:
            raise refuse(self.crawler, request, "redirect_loop",
                         f"redirects back to {target} (after {len(chain)} URLs)")
        spider = spider or self.crawler.spider
        domains = list(getattr(spider, "allowed_domains", None) or [])
        if domains and not url_is_from_any_domain(target, domains):
            raise refuse(self.crawler, request, "offsite",
                         f"redirects off the allowed domains, to {target}")
        return response
