"""Crash safety: kill -9 in the middle, two processes on one database, atomic writes.

Real crawls in subprocesses against the local mirror; the database is
checked with PRAGMA integrity_check after every ordeal.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from crawler.store import Store, StoreError

from .crawl import ROOT, rows
from .faultsite import FaultSite


def command(site: FaultSite, db: Path, *settings: str) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "zjknews", "-s", "OFFLINE=1",
           "-s", f"OFFLINE_FIXTURES_DIR={site.root}", "-s", f"REPORTS_DB={db}"]
    for setting in settings:
        cmd += ["-s", setting]
    return cmd


def count(db: Path, sql: str = "select count(*) from reports") -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def assert_sound(db: Path) -> None:
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    con.close()


def test_a_run_killed_mid_crawl_is_completed_by_the_next(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    fast = [site.add() for _ in range(5)]
    # These two hold the crawl open: the kill comes while they are in flight.
    slow = [site.add({"fault": "slow", "delay": 60}) for _ in range(2)]
    db = tmp_path / "reports.db"
    proc = subprocess.Popen(command(site, db), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while count(db) < len(fast) and time.monotonic() < deadline:
            assert proc.poll() is None, "the crawl ended before it was killed"
            time.sleep(0.1)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert_sound(db)
    killed = rows(db, "select * from runs")
    assert [(r["id"], r["finished_at"]) for r in killed] == [(1, None)]
    assert sorted(r["url"] for r in rows(db)) == sorted(fast)

    for rel in site.pages:
        site.set_fault(rel, None)
    done = subprocess.run(command(site, db), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert_sound(db)
    run = rows(db, "select * from runs where id = 2")[0]
    assert run["finish_reason"] == "finished"
    # It stores what the killed run missed, and flags nothing twice.
    assert (run["new_reports"], run["updated_reports"]) == (len(slow), 0)
    stored = rows(db)
    assert sorted(r["url"] for r in stored) == sorted(fast + slow)
    assert {r["url"]: r["first_seen_run"] for r in stored} == {
        **{u: 1 for u in fast}, **{u: 2 for u in slow}}
    assert count(db, "select count(*) from report_versions") == 0


def test_two_processes_on_one_database_wait_for_each_other(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    urls = [site.add() for _ in range(8)]
    db = tmp_path / "reports.db"
    procs = [subprocess.Popen(command(site, db, "FULL_CRAWL=1"), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    assert not any("Traceback" in err or "database is locked" in err for err in errors)
    assert_sound(db)
    runs = rows(db, "select * from runs order by id")
    assert [r["finish_reason"] for r in runs] == ["finished", "finished"]
    # Each report is new in exactly one of the two runs.
    assert sum(r["new_reports"] for r in runs) == len(urls)
    assert sorted(r["url"] for r in rows(db)) == sorted(urls)


# --- the store's writes ------------------------------------------------------------


def report(url: str, body: str = "正文内容") -> dict:
    return {"url": url, "site": "zjknews", "title": "标题", "body": body,
            "title_hans": "标题", "body_hans": body, "content_hash": body}


def fail(*args, **kwargs):
    raise RuntimeError("killed in the middle of the write")


def test_an_update_that_fails_midway_leaves_nothing(tmp_path, monkeypatch):
    store = Store(tmp_path / "reports.db")
    run = store.start_run("zjknews")
    assert store.save_report(report("http://a/1"), run) == "new"
    # The version row is written, then the write dies before the report's update.
    monkeypatch.setattr(sqlite_utils.db.Table, "update", fail)
    with pytest.raises(RuntimeError):
        store.save_report(report("http://a/1", "改过的正文内容"), run)
    monkeypatch.undo()
    assert [r["body"] for r in rows(store.path)] == ["正文内容"]
    assert rows(store.path, "select * from report_versions") == []
    assert store.save_report(report("http://a/1", "改过的正文内容"), run) == "updated"
    store.close()


def test_a_new_report_that_fails_midway_leaves_its_failed_page(tmp_path, monkeypatch):
    store = Store(tmp_path / "reports.db")
    run = store.start_run("zjknews")
    store.record_failure("http://a/2", "zjknews", "empty", "empty", run)
    monkeypatch.setattr(sqlite_utils.db.Table, "insert", fail)
    with pytest.raises(RuntimeError):
        store.save_report(report("http://a/2"), run)
    monkeypatch.undo()
    assert rows(store.path) == []
    assert [r["url"] for r in rows(store.path, "select * from failed_pages")] == ["http://a/2"]
    store.close()


def test_a_new_report_is_written_with_its_failed_page_cleared_in_one_transaction(tmp_path):
    store = Store(tmp_path / "reports.db")
    run = store.start_run("zjknews")
    store.record_failure("http://a/2", "zjknews", "empty", "empty", run)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    assert store.save_report(report("http://a/2"), run) == "new"
    store.db.conn.set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    commits = [s for s in statements if s.upper().startswith("COMMIT")]
    assert (len(begins), len(commits)) == (1, 1), statements
    assert begins[0].upper() == "BEGIN IMMEDIATE"
    assert rows(store.path, "select * from failed_pages") == []
    store.close()


def test_a_database_locked_too_long_is_a_clear_error(tmp_path):
    db = tmp_path / "reports.db"
    store = Store(db)
    store.db.conn.execute("pragma busy_timeout = 200")  # instead of 30 s
    holder = sqlite3.connect(db)
    holder.execute("begin immediate")
    with pytest.raises(StoreError, match="locked by another process"):
        store.start_run("zjknews")
    holder.rollback()
    holder.close()
