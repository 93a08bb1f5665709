"""crawler.encoding: which charset decodes a page, and mojibake refused.

Pure functions first (decide_encoding, mojibake_reason, looks_binary), then
the middleware on responses, then real crawls over charset faults.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.encoding import (
    EncodingMiddleware,
    decide_encoding,
    looks_binary,
    mojibake_reason,
    normalise,
)

from .cases import FIXTURES
from .crawl import ROOT, rows, scrapy
from .faultsite import GBK_ARTICLE, FaultSite

TEXT = "张家口市召开疫情防控工作领导小组会议，市委书记主持会议并讲话。会议要求严格落实各项防控措施。"
# Characters in GBK's range beyond GB2312 (喆, 镕, 堃): a page labelled gb2312 often has them.
GBK_ONLY = "王喆、朱镕基、李堃出席会议。"


def page(body: str, meta: str | None = None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>标题</title></head><body><p>{body}</p></body></html>"


# --- decide_encoding ------------------------------------------------------


def test_a_byte_order_mark_wins_over_everything():
    body = b"\xef\xbb\xbf" + page(TEXT, "gbk").encode("utf-8")
    decision = decide_encoding(body, "text/html; charset=gbk")
    assert (decision.encoding, decision.source) == ("utf-8", "bom")
    assert TEXT in decision.text and decision.problem is None


def test_the_header_wins_when_it_decodes_cleanly():
    decision = decide_encoding(page(TEXT, "gbk").encode("utf-8"), "text/html; charset=utf-8")
    assert (decision.encoding, decision.source) == ("utf-8", "header")


def test_gbk_bytes_served_as_utf8_are_read_by_their_meta():
    decision = decide_encoding(page(TEXT, "gbk").encode("gbk"), "text/html; charset=utf-8")
    assert (decision.encoding, decision.source) == ("gb18030", "meta")
    assert TEXT in decision.text


def test_a_wrong_meta_loses_to_a_right_header():
    decision = decide_encoding(page(TEXT, "utf-8").encode("gbk"), "text/html; charset=GBK")
    assert (decision.encoding, decision.source) == ("gb18030", "header")


def test_a_latin1_header_on_a_gbk_page_loses_to_the_meta():
    decision = decide_encoding(page(TEXT, "gb2312").encode("gbk"),
                               "text/html; charset=ISO-8859-1")
    assert (decision.encoding, decision.source) == ("gb18030", "meta")


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "gb_2312-80"])
def test_gb2312_and_gbk_are_read_as_gb18030(label):
    assert normalise(label) == "gb18030"
    decision = decide_encoding(page(GBK_ONLY, label).encode("gbk"))
    assert decision.encoding == "gb18030" and GBK_ONLY in decision.text


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("gbk", "gb18030")])
def test_no_charset_anywhere_is_sniffed(encoding, expected):
    decision = decide_encoding(page(TEXT).encode(encoding), "text/html")
    assert (decision.encoding, decision.source) == (expected, "sniffed")
    assert decision.problem is None


def test_valid_utf8_mojibake_is_never_read_as_gbk():
    garbled = page(TEXT).encode("utf-8").decode("latin-1").encode("utf-8")
    decision = decide_encoding(garbled, "text/html; charset=utf-8")
    assert decision.encoding == "utf-8"
    assert "Latin-1" in decision.problem


def test_an_unknown_charset_label_is_ignored():
    decision = decide_encoding(page(TEXT, "no-such-charset").encode("gbk"), "text/html")
    assert (decision.encoding, decision.source) == ("gb18030", "sniffed")


def test_an_empty_body_decodes_to_nothing():
    decision = decide_encoding(b"", None)
    assert decision.text == "" and decision.problem is None


# --- mojibake_reason --------------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "reason"),
    [
        (TEXT.encode("gbk").decode("utf-8", errors="replace"), "replacement characters"),
        ("锟斤拷" * 3 + TEXT, "锟斤拷"),
        (TEXT.encode("utf-8").decode("latin-1"), "UTF-8 read as Latin-1"),
        (TEXT.encode("utf-8").decode("cp1252", errors="ignore"), "UTF-8 read as Latin-1"),
        (TEXT.encode("gbk").decode("latin-1"), "GBK read as Latin-1"),
        ("召开疫情防控".encode().decode("gb18030") * 3, "UTF-8 read as GBK"),
    ],
)
def test_mojibake_is_recognised(garbled, reason):
    assert reason in (mojibake_reason(garbled) or "")


@pytest.mark.parametrize(
    "text",
    [TEXT, GBK_ONLY, "", "Café au lait, naïve résumé — “quoted” 2022年", "①②③ ＡＢＣ 《人民日报》",
     "國務院聯防聯控機制召開會議", "Ｐａｇｅ　１　／　２"],
)
def test_clean_text_is_not_mojibake(text):
    assert mojibake_reason(text) is None


def fixture_pages() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/mirror/**/*")
                  if p.is_file() and p.suffix in (".html", ".shtml", ".htm"))


def test_no_fixture_page_or_seed_is_taken_for_mojibake():
    pages = fixture_pages()
    assert len(pages) > 40
    for path in pages:
        decision = decide_encoding(path.read_bytes(), "text/html")
        assert decision.problem is None, path
        assert decision.source in ("meta", "sniffed"), path
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert mojibake_reason(seed.read_text(encoding="utf-8")) is None, seed


def test_binary_bodies_are_recognised():
    assert looks_binary(b"\x89PNG\r\n\x1a\n....")
    assert looks_binary(b"%PDF-1.7 ...")
    assert looks_binary(b"abc\x00def")
    assert not looks_binary(page(TEXT).encode("utf-8"))
    assert not looks_binary("\ufeff<html>".encode("utf-16"))


# --- the middleware -----------------------------------------------------------


@pytest.fixture
def middleware() -> EncodingMiddleware:
    class Crawler:  # the two attributes the middleware reads
        settings = Settings()

    crawler = Crawler()
    crawler.stats = MemoryStatsCollector(crawler)
    return EncodingMiddleware(crawler)


def test_the_middleware_sets_the_encoding_and_its_source(middleware):
    request = Request("http://www.example.gov.cn/a.html")
    response = HtmlResponse(request.url, body=page(GBK_ONLY, "gb2312").encode("gbk"),
                            headers={"Content-Type": "text/html; charset=utf-8"},
                            request=request)
    decoded = middleware.process_response(request, response)
    assert decoded.encoding == "gb18030" and GBK_ONLY in decoded.text
    assert decoded.meta["encoding_source"] == "meta"
    assert middleware.stats.get_value("encoding/meta") == 1


def test_a_binary_body_becomes_a_non_text_response(middleware):
    request = Request("http://www.example.gov.cn/a.html")
    response = HtmlResponse(request.url, body=b"\x89PNG\r\n\x1a\n\x00\x00", request=request,
                            headers={"Content-Type": "text/html"})
    result = middleware.process_response(request, response)
    assert type(result) is Response and not isinstance(result, TextResponse)
    assert middleware.stats.get_value("encoding/binary") == 1


# --- real crawls --------------------------------------------------------------


def test_charset_faults_end_to_end(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    served_as_utf8 = site.add("wrong_charset", source=GBK_ARTICLE)
    no_charset = site.add("no_charset", source=GBK_ARTICLE)
    plain = site.add(None, source=GBK_ARTICLE)
    garbled = site.add("mojibake")
    db = tmp_path / "reports.db"
    scrapy("crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}",
           db=db)
    stored = {r["url"]: r for r in rows(db)}
    assert set(stored) == {served_as_utf8, no_charset, plain}
    assert [(stored[u]["encoding"], stored[u]["encoding_source"])
            for u in (served_as_utf8, no_charset, plain)] == [
        ("gb18030", "meta"), ("gb18030", "sniffed"), ("gb18030", "meta")]
    assert len({stored[u]["body"] for u in stored}) == 1  # same page, same text
    assert all(mojibake_reason(r["body"] + r["title"]) is None for r in stored.values())
    (failed,) = rows(db, "select url, kind, reason from failed_pages")
    assert (failed["url"], failed["kind"]) == (garbled, "mojibake")
    run = rows(db, "select * from runs")[0]
    assert run["stats"]["reports/failed/mojibake"] == 1
    assert run["errors"] == 1
