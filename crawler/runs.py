"""The state a crawl shares between its components: the store and the run's id.

The pipeline and the run recorder both need the open database and the id of
the current run; :func:`run_context` gives each crawler one of each, opened
on first use. :func:`close_run` records a finished run with its counts and
checks (used by the run recorder, and by the writer in distributed mode).
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING, Any

from .checks import run_checks
from .store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RunContext:
    """The open store and the current run of one crawler."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("REPORTS_DB")
        self._store: Store | None = None
        self.run_id: int | None = None

    @property
    def store(self) -> Store:
        """The reports database (raises StoreError when it cannot be written)."""
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def start(self, spider_name: str) -> int:
        """Start the run once; return its id."""
        if self.run_id is None:
            self.run_id = self.store.start_run(spider_name)
            self.crawler.stats.set_value("run/id", self.run_id)
        return self.run_id

    def page_failed(self, url: str, site: str | None, kind: str, reason: str,
                    log: bool = True) -> None:
        """Count, log and keep a page that could not become a report."""
        stats = self.crawler.stats
        stats.inc_value("reports/failed")
        stats.inc_value(f"reports/failed/{kind}")
        if log:
            logger.warning("Page failed (%s): %s: %s", kind, url, reason)
        if self.run_id is not None:
            self.store.record_failure(url, site, kind, reason, self.run_id)

    @property
    def target(self) -> str:
        """Where the run's reports go, for the log."""
        return str(self.db_path)

    def finish(self, spider_name: str, reason: str, stats: dict[str, Any]
               ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """Record the run's end, with its checks; return the run and its new reports."""
        return close_run(self.store, self.run_id, spider_name, reason, stats)

    def close(self) -> None:
        """Close the store."""
        if self._store is not None:
            self._store.close()
            self._store = None


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The run's headline counts, from its Scrapy stats."""
    return {
        "new_reports": stats.get("reports/new", 0),
        "updated_reports": stats.get("reports/updated", 0),
        "pages": stats.get("downloader/response_count", 0),
        # Pages that could not become reports, requests that failed (HTTP
        # 4xx/5xx after retries, timeouts, DNS), challenge pages and
        # exceptions in callbacks, each logged with its URL.
        "errors": stats.get("reports/failed", 0)
        + stats.get("errors/requests", 0)
        + stats.get("antibot/pages", 0)
        + callback_exceptions(stats),
    }


def callback_exceptions(stats: dict[str, Any]) -> int:
    """Exceptions raised in spider callbacks (Scrapy counts them per type)."""
    if "spider_exceptions/count" in stats:
        return stats["spider_exceptions/count"]
    return sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))


def close_run(store: Store, run_id: int, spider: str, reason: str, stats: dict[str, Any]
              ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check a finished run against the site's history and record it; return it and its news."""
    history = store.recent_runs(spider, before=run_id)
    checks = run_checks(stats, history)
    counts = run_counts(stats)
    store.finish_run(run_id, finish_reason=reason, checks=checks, stats=stats, **counts)
    run = {"id": run_id, "spider": spider, "finish_reason": reason, "checks": checks, **counts}
    return run, store.new_reports(run_id)


_contexts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def run_context(crawler: Crawler) -> RunContext:
    """The crawler's RunContext, made on first use (a Redis one when REDIS_URL is set)."""
    if crawler not in _contexts:
        if crawler.settings.get("REDIS_URL"):
            from .distributed import RedisRunContext

            _contexts[crawler] = RedisRunContext(crawler)
        else:
            _contexts[crawler] = RunContext(crawler)
    return _contexts[crawler]
