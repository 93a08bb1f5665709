"""The SQLite store: schema and writes, through sqlite-utils.

Tables (documented in README.md):
- `reports`: one row per article URL, upserted on `id` (a hash of the URL);
- `report_versions`: the earlier cleaned content of reports that changed;
- `runs`: one row per crawl run;
- `failed_pages`: pages that could not become reports, with the reason;
- `reports_fts`: the full-text index of the reports (see crawler.search).

Every write is one transaction. New versus existing is decided by reading
the stored row, never from `last_rowid`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .search import index_text

REPORT_COLUMNS: dict[str, type] = {
    "id": str,
    "url": str,
    "site": str,
    "layout": str,
    "title": str,
    "subtitle": str,
    "published_at": str,
    "source": str,
    "reporters": str,
    "editor": str,
    "body": str,
    "title_hans": str,
    "body_hans": str,
    "is_meeting": int,
    "meeting_date": str,
    "meeting_chair": str,
    "meeting_kind": str,
    "meeting_number": int,
    "attendees": str,
    "meeting_evidence": str,
    "region": str,
    "region_code": str,
    "encoding": str,
    "encoding_source": str,
    "content_hash": str,
    "first_seen_at": str,
    "last_seen_at": str,
    "updated_at": str,
    "first_seen_run": int,
    "last_seen_run": int,
    "updated_run": int,
}
JSON_COLUMNS = ("reporters", "attendees")
VERSIONED_COLUMNS = ("title", "subtitle", "published_at", "source", "reporters", "editor", "body")

RUN_COLUMNS: dict[str, type] = {
    "id": int,
    "spider": str,
    "started_at": str,
    "finished_at": str,
    "finish_reason": str,
    "new_reports": int,
    "updated_reports": int,
    "pages": int,
    "errors": int,
    "checks": str,
    "stats": str,
    "run_key": str,
}


FAILED_COLUMNS: dict[str, type] = {
    "id": str,
    "url": str,
    "site": str,
    "kind": str,
    "reason": str,
    "attempts": int,
    "first_failed_at": str,
    "last_failed_at": str,
    "first_failed_run": int,
    "last_failed_run": int,
}


# Seconds a write waits for another process's lock before it fails.
LOCK_TIMEOUT = 30


class StoreError(Exception):
    """The database cannot be opened or written; the message says why."""


def now_utc() -> str:
    """The current time, ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def report_id(url: str) -> str:
    """The stable id of a report: 16 hex digits of the SHA-256 of its URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class Store:
    """The reports database at `path`, created on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)
            self.db = sqlite_utils.Database(conn)
            self._set_up()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot write the reports database {self.path}: {exc}") from exc

    def _set_up(self) -> None:
        """WAL mode and the schema. Two processes that open a new file at once can meet in
        SQLite's lock upgrade, where it answers `database is locked` at once instead of
        waiting; the one told so tries again until the lock timeout."""
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                with self.transaction():  # two processes creating one file: one waits
                    self._ensure_schema()
                return
            except (sqlite3.OperationalError, StoreError) as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _ensure_schema(self) -> None:
        db = self.db
        if "reports" not in db.table_names():
            db["reports"].create(REPORT_COLUMNS, pk="id", not_null={"url"})
            db["reports"].create_index(["url"], unique=True)
            db["reports"].create_index(["site", "first_seen_run"])
            db["reports"].create_index(["meeting_date"])
        else:
            missing = {k: v for k, v in REPORT_COLUMNS.items() if k not in db["reports"].columns_dict}
            for name, kind in missing.items():
                db["reports"].add_column(name, kind)
        if "report_versions" not in db.table_names():
            db["report_versions"].create(
                {
                    "id": int,
                    "report_id": str,
                    "url": str,
                    "content_hash": str,
                    **{c: str for c in VERSIONED_COLUMNS},
                    "stored_run": int,
                    "replaced_at": str,
                    "replaced_run": int,
                },
                pk="id",
                foreign_keys=[("report_id", "reports", "id")],
            )
            db["report_versions"].create_index(["report_id"])
        if "runs" not in db.table_names():
            db["runs"].create(RUN_COLUMNS, pk="id")
            db["runs"].create_index(["run_key"], unique=True)
        elif "run_key" not in db["runs"].columns_dict:
            db["runs"].add_column("run_key", str)
            db["runs"].create_index(["run_key"], unique=True)
        if "reports_fts" not in db.table_names():
            # Contentless: only the index of the bigram text is kept (crawler.search).
            db.execute("create virtual table reports_fts using fts5(search, content='')")
            self.rebuild_search()
        if "failed_pages" not in db.table_names():
            db["failed_pages"].create(FAILED_COLUMNS, pk="id", not_null={"url"})

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, all or nothing, taken at once (BEGIN IMMEDIATE).

        sqlite-utils calls inside it nest as savepoints instead of committing
        on their own; another process writing the same file waits for it (up
        to the connection's 30 s timeout) instead of failing mid-way.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the reports database {self.path} stayed locked by another "
                             f"process: {exc}") from exc
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    # --- runs -----------------------------------------------------------

    def start_run(self, spider: str) -> int:
        """Record the start of a run; return its id."""
        with self.transaction():
            table = self.db["runs"].insert({"spider": spider, "started_at": now_utc()})
        return int(table.last_pk)

    def run_for_key(self, run_key: str, spider: str) -> int:
        """The run with this key (a distributed run's token), started on first use."""
        with self.transaction():
            found = self.db.execute("select id from runs where run_key = ?", [run_key]).fetchone()
            if found:
                return int(found[0])
            table = self.db["runs"].insert(
                {"spider": spider, "started_at": now_utc(), "run_key": run_key})
        return int(table.last_pk)

    def run_report_counts(self, run_id: int) -> tuple[int, int]:
        """How many reports a run stored first, and how many it found changed."""
        new = self.db.execute("select count(*) from reports where first_seen_run = ?",
                              [run_id]).fetchone()[0]
        updated = self.db.execute("select count(*) from reports where updated_run = ?",
                                  [run_id]).fetchone()[0]
        return new, updated

    def finish_run(self, run_id: int, **fields: Any) -> None:
        """Record how a run ended (counts, checks, stats)."""
        row = {k: (json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, dict) else v)
               for k, v in fields.items()}
        row.setdefault("finished_at", now_utc())
        with self.transaction():
            self.db["runs"].update(run_id, row)

    # --- reports --------------------------------------------------------

    def save_report(self, report: dict[str, Any], run_id: int | None) -> str:
        """Insert or update one report; return 'new', 'updated' or 'unchanged'."""
        row = {k: report.get(k) for k in REPORT_COLUMNS if k in report}
        for name in JSON_COLUMNS:
            if isinstance(row.get(name), list):
                row[name] = json.dumps(row[name], ensure_ascii=False)
        row["id"] = report_id(report["url"])
        stamp = now_utc()
        with self.transaction():
            self.db.execute("delete from failed_pages where id = ?", [row["id"]])
            old = self._get(row["id"])
            if old is None:
                row.update(first_seen_at=stamp, last_seen_at=stamp,
                           first_seen_run=run_id, last_seen_run=run_id)
                self.db["reports"].insert(row)
                self._index(row["id"], None, row)
                return "new"
            row.update(last_seen_at=stamp, last_seen_run=run_id)
            status = "unchanged"
            if old["content_hash"] != row.get("content_hash"):
                status = "updated"
                row.update(updated_at=stamp, updated_run=run_id)
                self.db["report_versions"].insert(
                    {
                        "report_id": old["id"],
                        "url": old["url"],
                        "content_hash": old["content_hash"],
                        **{c: old.get(c) for c in VERSIONED_COLUMNS},
                        "stored_run": old.get("updated_run") or old.get("first_seen_run"),
                        "replaced_at": stamp,
                        "replaced_run": run_id,
                    }
                )
            self.db["reports"].update(row["id"], row)
            if status == "updated":
                self._index(row["id"], old, row)
            return status

    def _index(self, rid: str, old: dict[str, Any] | None, new: dict[str, Any]) -> None:
        """Keep the search index in step with a report (inside the caller's transaction)."""
        rowid = self.db.execute("select rowid from reports where id = ?", [rid]).fetchone()[0]
        if old is not None:
            self.db.execute(
                "insert into reports_fts(reports_fts, rowid, search) values('delete', ?, ?)",
                [rowid, index_text(old.get("title_hans"), old.get("body_hans"))],
            )
        self.db.execute(
            "insert into reports_fts(rowid, search) values (?, ?)",
            [rowid, index_text(new.get("title_hans"), new.get("body_hans"))],
        )

    def rebuild_search(self) -> int:
        """Rebuild the search index from the stored reports; return how many were indexed."""
        rows = self.db.execute("select rowid, title_hans, body_hans from reports").fetchall()
        with self.transaction():
            self.db.execute("insert into reports_fts(reports_fts) values('delete-all')")
            self.db.conn.executemany(
                "insert into reports_fts(rowid, search) values (?, ?)",
                [(rowid, index_text(title, body)) for rowid, title, body in rows],
            )
        return len(rows)

    def known(self, urls: list[str]) -> dict[str, dict[str, Any]]:
        """The stored reports and failed pages among `urls`: url -> {published_at, first_seen_at}.

        A failed page has no dates: it is not fetched again until a full crawl.
        """
        if not urls:
            return {}
        marks = ",".join("?" for _ in urls)
        sql = (
            f"select url, published_at, first_seen_at from reports where url in ({marks}) "
            f"union all select url, null, null from failed_pages where url in ({marks})"
        )
        found: dict[str, dict[str, Any]] = {}
        for row in self.db.query(sql, [*urls, *urls]):
            found.setdefault(row["url"], row)
        return found

    def record_failure(self, url: str, site: str | None, kind: str, reason: str,
                       run_id: int | None) -> None:
        """Keep a page that could not become a report, with why (one row per URL)."""
        rid, stamp = report_id(url), now_utc()
        with self.transaction():
            old = list(self.db.query("select attempts from failed_pages where id = ?", [rid]))
            row = {"id": rid, "url": url, "site": site, "kind": kind, "reason": reason,
                   "last_failed_at": stamp, "last_failed_run": run_id,
                   "attempts": (old[0]["attempts"] if old else 0) + 1}
            if not old:
                row.update(first_failed_at=stamp, first_failed_run=run_id)
            self.db["failed_pages"].upsert(row, pk="id")

    def mark_seen(self, urls: list[str], run_id: int | None) -> None:
        """Record that a run saw these stored reports listed (without fetching them)."""
        if not urls:
            return
        stamp = now_utc()
        with self.transaction():
            self.db.conn.executemany(
                "update reports set last_seen_at = ?, last_seen_run = ? where id = ?",
                [(stamp, run_id, report_id(url)) for url in urls],
            )

    def recent_runs(self, spider: str, limit: int = 5, before: int | None = None) -> list[dict]:
        """The last finished runs of `spider` (newest first), with stats decoded."""
        sql = (
            "select * from runs where spider = ? and finished_at is not null"
            + (" and id < ?" if before else "")
            + " order by id desc limit ?"
        )
        params = [spider, *([before] if before else []), limit]
        runs = []
        for row in self.db.query(sql, params):
            for name in ("stats", "checks"):
                row[name] = json.loads(row[name]) if row.get(name) else {}
            runs.append(row)
        return runs

    def new_reports(self, run_id: int, limit: int = 50) -> list[dict]:
        """The reports a run stored first, newest meeting date first."""
        return list(self.db.query(
            "select url, title, site, meeting_date, is_meeting, region from reports "
            "where first_seen_run = ? order by meeting_date desc, published_at desc limit ?",
            [run_id, limit],
        ))

    def _get(self, rid: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from reports where id = ?", [rid]))
        return rows[0] if rows else None

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()
