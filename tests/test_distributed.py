"""Distributed mode end to end: a real Redis, two crawler processes, one writer.

The crawlers share the frontier (scrapy-redis) and send reports through a
Redis stream; the writer is the one process that writes SQLite.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.distributed import Keys, safe_url
from crawler.store import Store
from crawler.writer import Writer, merge_stats

from .cases import STORED
from .crawl import ROOT, rows
from .redis_server import RedisServer

SITE = "sanjiang"
EXPECTED = {c.url for c in STORED if c.site == SITE}


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    yield server
    server.close()


def crawler(redis_url: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", SITE, "-s", "OFFLINE=1",
         "-s", f"REDIS_URL={redis_url}", "-s", "LOG_LEVEL=INFO", "-s", "REDIS_RUN_GRACE=3"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(log, "w"),
    )


def writer(redis_url: str, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.writer", "--db", str(db), "--redis-url", redis_url,
         *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def crawl_with_two(redis_url: str, tmp_path: Path) -> list[str]:
    logs = [tmp_path / "c1.log", tmp_path / "c2.log"]
    procs = [crawler(redis_url, log) for log in logs]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    return [log.read_text() for log in logs]


def test_two_crawlers_and_a_writer_store_every_article_once_then_nothing_new(redis_server, tmp_path):
    db = tmp_path / "reports.db"
    w = writer(redis_server.url, db, "--until-idle", "3")
    logs = crawl_with_two(redis_server.url, tmp_path)
    assert w.wait(timeout=120) == 0, w.stdout.read()[-3000:]
    stored = rows(db)
    assert sorted(r["url"] for r in stored) == sorted(EXPECTED)
    assert {r["first_seen_run"] for r in stored} == {1}
    (run,) = rows(db, "select * from runs")
    assert run["spider"] == SITE and run["finish_reason"] == "finished"
    assert (run["new_reports"], run["updated_reports"]) == (len(EXPECTED), 0)
    assert run["stats"]["run/crawlers"] == 2
    assert run["pages"] == run["stats"]["downloader/response_count"] > len(EXPECTED)
    assert all(result["ok"] for result in run["checks"].values()), run["checks"]
    assert sum("leaves run" in log for log in logs) == 2
    assert sum("(last: the writer records the run)" in log for log in logs) == 1

    # A second distributed run over the unchanged site is incremental and flags nothing.
    w = writer(redis_server.url, db, "--until-idle", "3")
    crawl_with_two(redis_server.url, tmp_path)
    assert w.wait(timeout=120) == 0
    one, two = rows(db, "select * from runs order by id")
    assert (two["new_reports"], two["updated_reports"]) == (0, 0)
    assert two["pages"] <= one["pages"] / 2
    assert len(rows(db)) == len(EXPECTED)


def test_killing_the_writer_mid_stream_loses_nothing(redis_server, tmp_path):
    db = tmp_path / "reports.db"
    crawl_with_two(redis_server.url, tmp_path)  # everything waits in the stream
    first = writer(redis_server.url, db, "--loglevel", "INFO")
    for line in first.stdout:
        if "New report" in line:
            first.send_signal(signal.SIGKILL)
            break
    first.wait(timeout=30)
    partial = len(rows(db))
    assert partial < len(EXPECTED)
    second = writer(redis_server.url, db, "--until-idle", "2")
    assert second.wait(timeout=120) == 0
    stored = rows(db)
    assert sorted(r["url"] for r in stored) == sorted(EXPECTED)
    (run,) = rows(db, "select * from runs")
    assert run["new_reports"] == len(EXPECTED)
    assert Store(db).db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_message_applied_but_not_acknowledged_is_applied_again_harmlessly(redis_server, tmp_path):
    crawl_with_two(redis_server.url, tmp_path)
    keys = Keys()
    store = Store(tmp_path / "reports.db")
    first = Writer(store, redis_server.client, keys)
    messages = first.read("0", None, 1000) or first.read(">", 100, 1000)
    for _message_id, fields in messages[:5]:
        first.apply(fields)  # committed, never acknowledged: the writer "dies" here
    second = Writer(store, redis_server.client, keys)
    while second.step(block_ms=100):
        pass
    assert sorted(r["url"] for r in rows(store.path)) == sorted(EXPECTED)
    (run,) = rows(store.path, "select * from runs")
    assert run["new_reports"] == len(EXPECTED)
    assert redis_server.client.xpending(keys.stream, "writer")["pending"] == 0


def test_the_writer_tells_crawlers_what_is_stored(redis_server, tmp_path):
    store = Store(tmp_path / "reports.db")
    run = store.start_run(SITE)
    store.save_report({"url": "http://www.sjx.gov.cn/a.shtml", "body": "正文",
                       "published_at": "2022-02-10", "content_hash": "h"}, run)
    Writer(store, redis_server.client, Keys())
    assert redis_server.client.hget("meetings:known", "http://www.sjx.gov.cn/a.shtml") == "2022-02-10"


def test_stats_of_several_crawlers_merge():
    merged = merge_stats([
        {"downloader/response_count": 5, "memusage/max": 10, "finish_reason": "finished",
         "start_time": "2026-01-01 10:00:00", "elapsed_time_seconds": 3.0},
        {"downloader/response_count": 7, "memusage/max": 30, "finish_reason": "shutdown",
         "start_time": "2026-01-01 09:59:00", "elapsed_time_seconds": 2.0},
    ])
    assert merged["downloader/response_count"] == 12
    assert merged["memusage/max"] == 30 and merged["elapsed_time_seconds"] == 3.0
    assert merged["start_time"] == "2026-01-01 09:59:00"
    assert merged["finish_reason"] == "shutdown" and merged["run/crawlers"] == 2


def test_redis_passwords_stay_out_of_the_log():
    assert safe_url("redis://user:secret@host:6379/0") == "redis://user:***@host:6379/0"
    assert safe_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_without_redis_url_nothing_changes(tmp_path):
    from scrapy.settings import Settings

    from crawler.distributed import DistributedAddon

    settings = Settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler"})
    DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    settings.set("REDIS_URL", "redis://127.0.0.1:1/0")
    DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"


def test_a_run_whose_crawlers_were_lost_can_be_ended(redis_server, tmp_path):
    from crawler.distributed import _JOIN

    keys = Keys()
    token = redis_server.client.eval(_JOIN, 3, keys.run(SITE), keys.crawlers(SITE),
                                     keys.started(SITE), "lost-run", "gone:1")
    assert token == "lost-run"
    ended = subprocess.run(
        [sys.executable, "-m", "crawler.writer", "--redis-url", redis_server.url,
         "--db", str(tmp_path / "reports.db"), "--end-run", SITE],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert ended.returncode == 0 and "ended run lost-run" in ended.stderr
    db = tmp_path / "reports.db"
    w = writer(redis_server.url, db, "--until-idle", "1")
    assert w.wait(timeout=60) == 0
    (run,) = rows(db, "select * from runs")
    assert run["finish_reason"] == "crawlers_lost"
    assert not run["checks"]["finished"]["ok"]
    assert redis_server.client.exists(keys.run(SITE)) == 0
