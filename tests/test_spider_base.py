"""crawler/spiders/base.py: how a site spider reads an article page."""

from __future__ import annotations

import re

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.project import get_project_settings

from crawler.article import RawArticle, build_report
from crawler.encoding import EncodingMiddleware
from crawler.runs import run_context
from crawler.sites import SITES
from crawler.spiders.base import spider_for

from .cases import STORED, response_for


def read(site: str, response: HtmlResponse, tmp_path) -> RawArticle:
    """The RawArticle the spider of `site` reads from `response`."""
    settings = get_project_settings().copy_to_dict()
    settings["REPORTS_DB"] = str(tmp_path / "reports.db")
    crawler = Crawler(spider_for(SITES[site], __name__), Settings(settings))
    crawler.stats = MemoryStatsCollector(crawler)
    spider = crawler.spidercls.from_crawler(crawler)
    crawler.spider = spider
    run_context(crawler).start(spider.name)
    response = EncodingMiddleware.from_crawler(crawler).process_response(response.request, response)
    items = [x for x in spider.parse_article(response) if isinstance(x, RawArticle)]
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("case", STORED[::7], ids=lambda c: c.id)
def test_a_stray_end_of_document_does_not_cut_the_article(case, tmp_path):
    original = response_for(case.url)
    # `</body></html>` right after the first paragraph's end: lxml alone would stop there.
    body = re.sub(rb"(</p>|<br\s*/?>)", rb"\1</body></html>", original.body, count=1)
    assert body != original.body
    request = Request(case.url)
    response = HtmlResponse(case.url, body=body, headers=original.headers, request=request)
    report = build_report(read(case.site, response, tmp_path))
    assert report["body"] == case.item["body"]
    assert report["title"] == case.item["title"]
