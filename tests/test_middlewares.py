"""crawler.middlewares: redirect loops and offsite redirects refused, failures named."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.middlewares import RedirectGuardMiddleware, RefusedRequest, error_kind


class Crawler:
    """The attributes the middleware reads (it is driven by hand here, no crawl)."""

    settings = Settings()

    def __init__(self) -> None:
        self.stats = MemoryStatsCollector(self)
        self.spider = Spider("demo", allowed_domains=["www.example.gov.cn"])


@pytest.fixture
def guard() -> RedirectGuardMiddleware:
    return RedirectGuardMiddleware(Crawler())


def redirect(request: Request, location: str, status: int = 302) -> Response:
    return Response(request.url, status=status, headers={"Location": location}, request=request)


def test_an_ordinary_redirect_passes(guard):
    request = Request("http://www.example.gov.cn/a.html")
    response = redirect(request, "/b.html")
    assert guard.process_response(request, response) is response


def test_a_redirect_back_to_the_chain_is_a_loop(guard):
    request = Request("http://www.example.gov.cn/b.html",
                      meta={"redirect_urls": ["http://www.example.gov.cn/a.html"]})
    with pytest.raises(RefusedRequest) as refused:
        guard.process_response(request, redirect(request, "/a.html"))
    assert refused.value.kind == "redirect_loop"
    assert guard.crawler.stats.get_value("errors/redirect_loop") == 1
    assert guard.crawler.stats.get_value("errors/requests") == 1


def test_a_redirect_to_itself_is_a_loop(guard):
    request = Request("http://www.example.gov.cn/a.html")
    with pytest.raises(RefusedRequest, match="redirects back"):
        guard.process_response(request, redirect(request, "http://www.example.gov.cn/a.html", 301))


def test_a_redirect_off_the_allowed_domains_is_refused(guard):
    request = Request("http://www.example.gov.cn/a.html")
    with pytest.raises(RefusedRequest) as refused:
        guard.process_response(request, redirect(request, "https://evil.example.net/a.html"))
    assert refused.value.kind == "offsite"
    sub = redirect(request, "http://news.www.example.gov.cn/a.html")
    assert guard.process_response(request, sub) is sub  # subdomains are allowed, as in Scrapy


def test_non_redirects_and_dont_redirect_pass(guard):
    request = Request("http://www.example.gov.cn/a.html", meta={"dont_redirect": True})
    response = redirect(request, "https://evil.example.net/")
    assert guard.process_response(request, response) is response
    ok = Response("http://www.example.gov.cn/a.html", status=200)
    assert guard.process_response(Request(ok.url), ok) is ok


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (RefusedRequest("private_address", "x"), "private_address"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_forbidden"),
        (IgnoreRequest("Filtered offsite request to 'a.com'"), "offsite"),
        (IgnoreRequest("max redirections reached"), "redirect_limit"),
        (IgnoreRequest("something else"), "IgnoreRequest"),
        (DownloadTimeoutError("took longer"), "DownloadTimeoutError"),
    ],
)
def test_error_kinds(exc, kind):
    assert error_kind(exc) == kind
