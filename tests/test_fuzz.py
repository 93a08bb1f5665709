"""Fuzzing: mutated fixture pages and text dumps must never crash the crawler.

A seeded mutator of our own (deterministic, no shrinking needed: a failure
names its case number, and `mutate(seed, case)` rebuilds the input) cuts,
duplicates, splices, re-encodes and garbles the fixture pages of every site
and the seed text dumps. Each mutant goes through the real spider callback,
the encoding middleware, the cleaning and the fact extraction into a real
store; a last test crawls a mirror of mutants over real HTTP.

What must hold for every mutant: no exception escapes (only DropItem), no
page fails with kind `error` (a crash caught by the pipeline), nothing stored
is mojibake, and every page is accounted for in the stats: pages read ==
reports stored (new/updated/unchanged) + reports/failed + antibot/pages.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, TextResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.project import get_project_settings

from crawler.article import RawArticle
from crawler.encoding import EncodingMiddleware, mojibake_reason
from crawler.pipelines import ReportPipeline
from crawler.runs import run_context
from crawler.sites import SITES
from crawler.spiders.base import spider_for
from crawler.spiders.textdump import TextDumpSpider

from .cases import CASES, response_for
from .crawl import ROOT, rows, scrapy
from .faultsite import FaultSite

HTML_CASES = 1100
DUMP_CASES = 1000
SEED = 20221024

JUNK = [
    b"<div>", b"</div>", b"</p>", b"<p>", b"<br>", b"<script>", b"</script>", b"<!--", b"-->",
    b"<![CDATA[", b"<table><tr><td>", b"&nbsp;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&amp",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\x1b[31m", b"<title>", b"</title>",
    b"<h1>", "发布时间：2022年13月45日 25:61".encode(), "来源：".encode(), "责任编辑：".encode(),
    "【字体：大 中 小】".encode(), "疫情防控工作领导小组会议".encode(), "主持召开".encode(),
    "第六十二次".encode(), b"<meta charset=gbk>", b"<meta charset=bogus-8>",
    b"<script>__jsl_clearance</script>", "请完成验证".encode(),
    "锟斤拷".encode(), "\u202e\u200b\u0301🦠".encode(), b"<div>" * 300, b"A" * 5000,
]
CHARSETS = [None, "utf-8", "gbk", "gb2312", "iso-8859-1", "big5", "bogus", ""]


def _span(rng: random.Random, data: bytes) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randrange(1, 2000))


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits of `data`."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(11)
        start, end = _span(rng, data)
        if op == 0:
            data = data[: rng.randrange(len(data) + 1)]  # truncated
        elif op == 1:
            data = data[:start] + data[end:]  # a span lost
        elif op == 2:
            data = data[:end] + data[start:end] + data[end:]  # a span doubled
        elif op == 3:
            data = data[:start] + rng.choice(JUNK) + data[start:]  # junk spliced in
        elif op == 4:
            data = data[:start] + rng.randbytes(rng.randrange(1, 64)) + data[start:]
        elif op == 5:  # re-encoded: UTF-8 <-> GBK, labels left as they were
            text = data.decode("utf-8", errors="ignore") or data.decode("gb18030", "ignore")
            data = text.encode(rng.choice(["gbk", "utf-8", "big5", "utf-16"]), errors="ignore")
        elif op == 6:  # garbled: UTF-8 read as Latin-1 or GBK and written back
            text = data.decode("utf-8", errors="ignore")
            wrong = rng.choice(["latin-1", "gbk"])
            data = text.encode("utf-8").decode(wrong, errors="ignore").encode("utf-8")
        elif op == 7:
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = b"\n".join(lines)
        elif op == 8:  # every tag of one kind removed
            tag = rng.choice([b"<p>", b"</p>", b"<div", b"</div>", b"<br>", b"<title>"])
            data = data.replace(tag, b"")
        elif op == 9:  # digits changed (dates, numbers)
            data = bytes(rng.choice(b"0123456789") if 48 <= b <= 57 and rng.random() < 0.3
                         else b for b in data)
        else:
            data = b"" if rng.random() < 0.2 else data[:start] + data[start:end] * 50
    return data


def mutate_text(text: str, rng: random.Random) -> str:
    """One to four random edits of a text dump."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        op = rng.randrange(8)
        i = rng.randrange(len(lines) + 1)
        if op == 0:
            lines = lines[:i]
        elif op == 1:
            del lines[i : i + rng.randrange(1, 6)]
        elif op == 2:
            lines[i:i] = lines[i : i + rng.randrange(1, 6)]
        elif op == 3:
            lines.insert(i, rng.choice(JUNK).decode("utf-8", errors="replace"))
        elif op == 4:
            rng.shuffle(lines)
        elif op == 5:
            lines.insert(i, "".join(chr(rng.choice([rng.randrange(0x20, 0x7f),
                                                    rng.randrange(0x4e00, 0x9fff),
                                                    rng.randrange(0x80, 0x2fff)]))
                                    for _ in range(rng.randrange(1, 80))))
        elif op == 6:
            lines = [line.replace("日", "曰").replace("月", "") if rng.random() < 0.5 else line
                     for line in lines]
        else:
            return text.encode("utf-8").decode("latin-1")  # mojibake
        text = "\n".join(lines)
    return text


class Harness:
    """A real spider, encoding middleware, pipeline and store, driven page by page."""

    def __init__(self, spidercls: type, db: Path, **spider_args: str) -> None:
        settings = get_project_settings().copy_to_dict()
        settings["REPORTS_DB"] = str(db)
        self.crawler = Crawler(spidercls, Settings(settings))
        self.crawler.stats = MemoryStatsCollector(self.crawler)
        self.spider = spidercls.from_crawler(self.crawler, **spider_args)
        self.crawler.spider = self.spider
        self.context = run_context(self.crawler)
        self.context.start(self.spider.name)
        self.pipeline = ReportPipeline.from_crawler(self.crawler)
        self.encoding = EncodingMiddleware.from_crawler(self.crawler)

    def feed(self, response: TextResponse, callback: Callable, **kwargs) -> None:
        """One page through the middleware, the callback and the pipeline, as in a crawl."""
        response = self.encoding.process_response(response.request, response)
        for item in callback(response, **kwargs) or ():
            assert isinstance(item, RawArticle)
            try:
                self.pipeline.process_item(item)
            except DropItem:
                pass

    @property
    def stats(self) -> dict:
        return self.crawler.stats.get_stats()

    def close(self) -> None:
        self.context.close()


def accounted(stats: dict, read: int) -> None:
    """Every page read is stored, failed or a challenge, and none crashed."""
    stored = sum(stats.get(f"reports/{s}", 0) for s in ("new", "updated", "unchanged"))
    assert stored + stats.get("reports/failed", 0) + stats.get("antibot/pages", 0) == read, stats
    assert stats.get("reports/failed/error", 0) == 0, stats


def no_mojibake_stored(db: Path) -> None:
    for row in rows(db, "select url, title, body from reports"):
        assert mojibake_reason(f"{row['title'] or ''}\n{row['body']}") is None, row["url"]


def test_mutated_fixture_pages_never_crash_a_spider(tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "reports.db"
    harnesses = {name: Harness(spider_for(site, __name__), db) for name, site in SITES.items()}
    crashes: list[str] = []
    read: dict[str, int] = dict.fromkeys(SITES, 0)
    for case_no in range(HTML_CASES):
        case = CASES[case_no % len(CASES)]
        original = response_for(case.url)
        body = mutate_bytes(original.body, rng)
        headers = dict(original.headers.to_unicode_dict())
        charset = rng.choice(CHARSETS)
        if charset is not None:
            headers["Content-Type"] = f"text/html; charset={charset}"
        request = Request(f"{case.url}?fuzz={case_no}")
        response = HtmlResponse(request.url, body=body, headers=headers, request=request)
        harness = harnesses[case.site]
        try:
            harness.feed(response, harness.spider.parse_article)
        except Exception as exc:  # noqa: BLE001 (the point of the test)
            crashes.append(f"case {case_no} ({case.id}): {type(exc).__name__}: {exc}")
        read[case.site] += 1
    assert crashes == []
    for name, harness in harnesses.items():
        assert harness.stats["articles/pages"] == read[name]
        accounted(harness.stats, read[name])
        harness.close()
    failed = sum(h.stats.get("reports/failed", 0) for h in harnesses.values())
    assert len(rows(db, "select id from failed_pages")) == failed
    no_mojibake_stored(db)
    # The mutants are not all refused: the cleaning still stores most pages.
    assert len(rows(db)) > HTML_CASES / 3


def test_mutated_text_dumps_never_crash_the_dump_reader(tmp_path):
    rng = random.Random(SEED)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder, db = tmp_path / "dumps", tmp_path / "reports.db"
    folder.mkdir()
    harness = Harness(TextDumpSpider, db, path=str(folder))
    crashes: list[str] = []
    for case_no in range(DUMP_CASES):
        seed = seeds[case_no % len(seeds)]
        text = mutate_text(seed.read_text(encoding="utf-8"), rng)
        body = text.encode("utf-8") if rng.random() < 0.95 else text.encode("gbk", "replace")
        file = folder / f"{case_no:04d}_{seed.name}"
        request = Request(file.as_uri())
        response = TextResponse(request.url, body=body, request=request)
        try:
            harness.feed(response, harness.spider.parse_dump, file=file)
        except Exception as exc:  # noqa: BLE001 (the point of the test)
            crashes.append(f"case {case_no} ({seed.name}): {type(exc).__name__}: {exc}")
    assert crashes == []
    assert harness.stats["textdump/files"] == DUMP_CASES
    accounted(harness.stats, DUMP_CASES)
    harness.close()
    no_mojibake_stored(db)
    assert len(rows(db)) > DUMP_CASES / 3


def test_a_crawl_over_mutated_pages_accounts_for_every_one(tmp_path):
    rng = random.Random(SEED + 1)
    site = FaultSite(tmp_path / "fixtures")
    zjk = [c for c in CASES if c.site == "zjknews"]
    for case_no in range(120):
        site.add(body=mutate_bytes(response_for(zjk[case_no % len(zjk)].url).body, rng))
    db = tmp_path / "reports.db"
    done = scrapy("crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}",
                  db=db)
    stats = rows(db, "select stats from runs")[0]["stats"]
    assert "Traceback" not in done.stderr
    assert stats.get("spider_exceptions/count", 0) == 0
    assert stats["articles/pages"] == 120
    accounted(stats, 120)
    no_mojibake_stored(db)


@pytest.mark.parametrize("case_no", range(3))
def test_the_mutator_is_deterministic(case_no):
    data = response_for(CASES[case_no].url).body
    assert mutate_bytes(data, random.Random(case_no)) == mutate_bytes(data, random.Random(case_no))



def test_block_texts_survives_control_characters_after_a_node():
    from parsel import Selector

    from crawler.layouts.base import block_texts

    selector = Selector(text="<html><body><div><p>正文</p>\x01尾巴</div></body></html>")
    assert block_texts(selector.xpath("//p")) == ["正文"]
