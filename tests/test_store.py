"""crawler.store: schema, upserts, new/updated/unchanged, versions, runs."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.store import REPORT_COLUMNS, Store, StoreError, report_id


def report(url: str = "http://x.gov.cn/a.html", body: str = "正文", **extra) -> dict:
    return {"url": url, "site": "demo", "title": "标题", "body": body, "reporters": ["甲乙"],
            "content_hash": f"h-{body}", **extra}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "sub" / "reports.db")
    yield s
    s.close()


def test_tables_have_the_contract_columns(store: Store):
    assert set(REPORT_COLUMNS) <= set(store.db["reports"].columns_dict)
    for name in ("id", "spider", "started_at", "finished_at", "finish_reason", "new_reports",
                 "updated_reports", "pages", "errors", "checks", "stats"):
        assert name in store.db["runs"].columns_dict
    assert "report_id" in store.db["report_versions"].columns_dict


def test_database_is_in_wal_mode(store: Store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_first_save_is_new_then_unchanged_then_updated(store: Store):
    run1, run2, run3 = (store.start_run("demo") for _ in range(3))
    assert store.save_report(report(), run1) == "new"
    assert store.save_report(report(), run2) == "unchanged"
    assert store.save_report(report(body="改过的正文"), run3) == "updated"
    row = store.db["reports"].get(report_id("http://x.gov.cn/a.html"))
    assert (row["first_seen_run"], row["last_seen_run"], row["updated_run"]) == (run1, run3, run3)
    assert row["body"] == "改过的正文"
    assert row["reporters"] == '["甲乙"]'


def test_an_update_keeps_the_previous_version(store: Store):
    run1, run2 = store.start_run("demo"), store.start_run("demo")
    store.save_report(report(), run1)
    store.save_report(report(body="新正文"), run2)
    (version,) = store.db["report_versions"].rows
    assert version["body"] == "正文"
    assert (version["stored_run"], version["replaced_run"]) == (run1, run2)


def test_one_row_per_url(store: Store):
    run = store.start_run("demo")
    for _ in range(3):
        store.save_report(report(), run)
    store.save_report(report(url="http://x.gov.cn/b.html"), run)
    assert store.db["reports"].count == 2


def test_finish_run_stores_json(store: Store):
    run = store.start_run("demo")
    store.finish_run(run, finish_reason="finished", new_reports=1, checks={"ok": True},
                     stats={"a": 1})
    row = store.db["runs"].get(run)
    assert row["checks"] == '{"ok": true}' and row["finished_at"]


def test_an_unwritable_path_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot write the reports database"):
        Store(blocker / "reports.db")


def test_reopening_adds_missing_columns(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("create table reports (id text primary key, url text not null)")
    con.commit()
    con.close()
    s = Store(path)
    assert "meeting_chair" in s.db["reports"].columns_dict
    s.close()


def test_the_search_index_follows_new_and_updated_reports(store: Store):
    from crawler.search import fts_query

    def found(words: str) -> int:
        sql = "select count(*) from reports_fts where reports_fts match ?"
        return store.db.execute(sql, [fts_query(words)]).fetchone()[0]

    run = store.start_run("demo")
    store.save_report(report(body_hans="疫情防控工作领导小组会议"), run)
    assert found("领导小组") == 1
    store.save_report(report(body="新", body_hans="春耕生产会议", content_hash="h2"), run)
    assert found("领导小组") == 0 and found("春耕") == 1
    assert store.rebuild_search() == 1
    assert found("春耕") == 1


def test_a_new_file_opened_by_two_processes_at_once_waits_out_a_lock_answered_at_once(
    tmp_path, monkeypatch
):
    # SQLite can answer `database is locked` at once, without waiting, to the second of two
    # processes that set up a new file together; the store tries again.
    real_execute = sqlite3.Connection.execute
    answers = iter([sqlite3.OperationalError("database is locked")])

    class Flaky(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql.startswith("PRAGMA journal_mode"):
                error = next(answers, None)
                if error is not None:
                    raise error
            return real_execute(self, sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Flaky, **k))
    store = Store(tmp_path / "reports.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "reports" in store.db.table_names()
    store.close()


def test_a_store_that_cannot_open_its_file_says_why(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot write the reports database"):
        Store(blocker / "reports.db")
