"""`crawler-writer`: the one process that owns the SQLite store in distributed mode.

    crawler-writer                         # REPORTS_DB and REDIS_URL from the settings
    crawler-writer --db data/reports.db --redis-url redis://127.0.0.1:6379/0
    crawler-writer --until-idle 10         # exit after 10 s with no message and no open run
    crawler-writer --end-run zjknews       # end a run whose crawlers were killed

It reads the crawlers' messages from the Redis stream through a consumer
group, applies each one in its own SQLite transaction, and acknowledges it
only after the commit. Killed at any point, it is restarted and first
re-reads what it had not acknowledged: a report applied twice is
"unchanged" the second time, and a run's counts are read from the database,
so nothing is lost and nothing is counted twice.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from typing import Any

from scrapy.utils.project import get_project_settings

from .distributed import DEFAULT_PREFIX, GROUP, Keys, connect, end_run, safe_url
from .extensions import log_summary
from .notify import Notifier, notify_urls
from .runs import close_run
from .store import Store, StoreError

logger = logging.getLogger("crawler.writer")

_MAX_KEYS = ("memusage/max", "elapsed_time_seconds")


def merge_stats(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's stats from its crawlers': counts add up, maxima and times combine."""
    merged: dict[str, Any] = {}
    for stats in parts:
        for key, value in stats.items():
            if key not in merged or merged[key] is None:
                merged[key] = value
            elif value is None:
                continue
            elif key in _MAX_KEYS or key.endswith("/max"):
                merged[key] = max(merged[key], value)
            elif key == "start_time":
                merged[key] = min(merged[key], value)
            elif key == "finish_time":
                merged[key] = max(merged[key], value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(
                    merged[key], (int, float)):
                merged[key] = merged[key] + value
    reasons = [s.get("finish_reason", "finished") for s in parts]
    merged["finish_reason"] = next((r for r in reasons if r != "finished"), "finished")
    merged["run/crawlers"] = len(parts)
    return merged


class Writer:
    """Applies the stream's messages to the store, acknowledging after each commit."""

    def __init__(self, store: Store, client: Any, keys: Keys, notifier: Notifier | None = None,
                 consumer: str | None = None) -> None:
        self.store = store
        self.client = client
        self.keys = keys
        self.notifier = notifier
        # One writer, one consumer name: a restarted writer re-reads what the
        # killed one had not acknowledged.
        self.consumer = consumer or "main"
        self.stopping = False
        try:
            client.xgroup_create(keys.stream, GROUP, id="0", mkstream=True)
        except Exception as exc:  # the group exists already: that is the restart case
            if "BUSYGROUP" not in str(exc):
                raise
        self.seed_known()

    def seed_known(self) -> int:
        """Give the crawlers the URLs already stored (for incremental crawling)."""
        rows = self.store.db.execute(
            "select url, coalesce(published_at, first_seen_at, '') from reports "
            "union all select url, '' from failed_pages where url not in (select url from reports)"
        ).fetchall()
        if rows:
            self.client.hset(self.keys.known, mapping=dict(rows))
        return len(rows)

    # --- messages ---------------------------------------------------------

    def run_id_for(self, token: str, spider: str) -> int:
        """The runs row of a distributed run, made on its first message."""
        return self.store.run_for_key(token, spider)

    def apply(self, fields: dict[str, str]) -> None:
        """Apply one message (in one transaction per store call)."""
        kind, token, spider = fields.get("type"), fields.get("token", ""), fields.get("spider", "")
        data = {k: json.loads(v) for k, v in fields.items() if k not in ("type", "token", "spider",
                                                                          "reason")}
        run_id = self.run_id_for(token, spider)
        if kind == "report":
            report = data["report"]
            status = self.store.save_report(report, run_id)
            self.client.hset(self.keys.known, report["url"],
                             report.get("published_at") or "seen")
            if status != "unchanged":
                logger.info("%s report: %s", status.capitalize(), report["url"])
        elif kind == "failure":
            self.store.record_failure(data["url"], data.get("site"), data["kind"], data["reason"],
                                      run_id)
            self.client.hsetnx(self.keys.known, data["url"], "")
        elif kind == "seen":
            self.store.mark_seen(data["urls"], run_id)
        elif kind == "run_end":
            self.end_run(token, spider, run_id, fields.get("reason", "finished"))
        else:
            logger.warning("Unknown message type %r ignored", kind)

    def end_run(self, token: str, spider: str, run_id: int, reason: str) -> None:
        """Record a distributed run from its crawlers' stats and the database's counts."""
        already = self.store.db.execute("select finished_at from runs where id = ?",
                                        [run_id]).fetchone()[0]
        parts = [json.loads(v) for v in self.client.hvals(self.keys.runstats(token))]
        stats = merge_stats(parts) if parts else {"finish_reason": reason}
        new, updated = self.store.run_report_counts(run_id)
        stats.update({"reports/new": new, "reports/updated": updated})
        stats.pop("reports/queued", None)
        run, new_reports = close_run(self.store, run_id, spider, stats["finish_reason"], stats)
        log_summary(run)
        if self.notifier is not None and not already:
            self.notifier.run_finished(run, new_reports)
        self.client.delete(self.keys.runstats(token))

    # --- the loop ---------------------------------------------------------

    def read(self, message_id: str, block_ms: int | None, count: int) -> list:
        """Messages for this consumer: its unacknowledged ones ('0') or new ones ('>')."""
        answer = self.client.xreadgroup(GROUP, self.consumer, {self.keys.stream: message_id},
                                        count=count, block=block_ms)
        return answer[0][1] if answer else []

    def step(self, block_ms: int = 1000, count: int = 100) -> int:
        """Apply what is waiting (unacknowledged first); return how many messages."""
        messages = self.read("0", None, count)
        if not messages:
            messages = self.read(">", block_ms, count)
        done = 0
        for message_id, fields in messages:
            if self.stopping:
                break
            if fields:  # an entry trimmed from the stream comes back empty
                self.apply(fields)
            self.client.xack(self.keys.stream, GROUP, message_id)
            done += 1
        return done

    def open_runs(self) -> int:
        """Runs some crawler has not left yet."""
        return sum(1 for key in self.client.scan_iter(f"{self.keys.prefix}:run:*")
                   if key.count(":") == 2)

    def serve(self, until_idle: float | None = None) -> None:
        """Apply messages until stopped (or idle for `until_idle` seconds with no open run)."""
        idle_since = time.monotonic()
        while not self.stopping:
            if self.step():
                idle_since = time.monotonic()
            elif until_idle is not None and time.monotonic() - idle_since >= until_idle:
                if not self.open_runs():
                    break
                idle_since = time.monotonic()


def main(argv: list[str] | None = None) -> int:
    """Run the writer; exit 2 when the database or Redis cannot be reached."""
    settings = get_project_settings()
    ap = argparse.ArgumentParser(prog="crawler-writer", description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=settings.get("REPORTS_DB"))
    ap.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or settings.get("REDIS_URL"))
    ap.add_argument("--prefix", default=settings.get("REDIS_PREFIX") or DEFAULT_PREFIX)
    ap.add_argument("--until-idle", type=float, default=None, metavar="SECONDS",
                    help="exit after this long with no message and no open run")
    ap.add_argument("--end-run", metavar="SPIDER",
                    help="end SPIDER's open run whose crawlers were lost (killed), then exit")
    ap.add_argument("--loglevel", default="INFO")
    args = ap.parse_args(argv)
    logging.basicConfig(level=args.loglevel, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    if not args.redis_url:
        print("crawler-writer: no Redis: give --redis-url or set REDIS_URL", file=sys.stderr)
        return 2
    try:
        store = Store(args.db)
        client = connect(args.redis_url)
        client.ping()
    except StoreError as exc:
        print(f"crawler-writer: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"crawler-writer: cannot reach Redis at {safe_url(args.redis_url)}: {exc}",
              file=sys.stderr)
        return 2
    if args.end_run:
        token = end_run(client, Keys(args.prefix), args.end_run)
        print(f"crawler-writer: ended run {token} of {args.end_run}" if token
              else f"crawler-writer: {args.end_run} has no open run", file=sys.stderr)
        return 0
    urls = notify_urls(settings.get("NOTIFY_URLS"))
    notifier = Notifier(urls, settings.getbool("NOTIFY_ALWAYS")) if urls else None
    writer = Writer(store, client, Keys(args.prefix), notifier)

    def stop(signum: int, frame: Any) -> None:
        writer.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("Writing %s from %s (stream %s)", args.db, safe_url(args.redis_url),
                writer.keys.stream)
    writer.serve(args.until_idle)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
