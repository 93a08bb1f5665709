"""Scrapy extensions: the run record and its checks.

:class:`RunRecorder` opens a row in `runs` when a spider opens and fills it
when it closes: counts, finish reason, the checks (crawler.checks, against the
site's earlier runs in the same database) and the run's stats as JSON. It then
logs a summary and sends the `run_finished` signal (for notifications). A
database that cannot be written stops the crawl with one clear error line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from .checks import failed_checks, run_checks
from .runs import run_context
from .store import StoreError

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Sent after a run's row is complete: handlers get run (the row as a dict,
# checks decoded) and new_reports (the reports the run stored first).
run_finished = object()


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


def summary_lines(run: dict[str, Any]) -> list[str]:
    """A short text summary of a finished run, checks included."""
    lines = [
        f"Run {run['id']} of {run['spider']} ({run['finish_reason']}): "
        f"{run['new_reports']} new, {run['updated_reports']} updated, "
        f"{run['pages']} pages, {run['errors']} errors"
    ]
    for name, result in run["checks"].items():
        lines.append(f"  [{'pass' if result['ok'] else 'FAIL'}] {name}: {result['detail']}")
    return lines


class RunRecorder:
    """Records each crawl run, with its checks, in the `runs` table."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.context = run_context(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        """Build the extension and connect it to the spider signals."""
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        """Start the run; stop the crawl if the database cannot be written."""
        try:
            run_id = self.context.start(spider.name)
        except StoreError as exc:
            logger.error("%s", exc)
            self.crawler.stats.set_value("store/error", str(exc))
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="reports_db_unwritable"))
            return
        logger.info("Run %d of %s, storing in %s", run_id, spider.name, self.context.db_path)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Fill the run's row, log its summary and tell the notifier."""
        if self.context.run_id is None:
            return
        store = self.context.store
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        history = store.recent_runs(spider.name, before=self.context.run_id)
        checks = run_checks(stats, history)
        counts = run_counts(stats)
        store.finish_run(self.context.run_id, finish_reason=reason, checks=checks, stats=stats,
                         **counts)
        run = {"id": self.context.run_id, "spider": spider.name, "finish_reason": reason,
               "checks": checks, **counts}
        failed = failed_checks(checks)
        for line in summary_lines(run):
            logger.log(logging.WARNING if failed and "FAIL" in line else logging.INFO, line)
        self.crawler.signals.send_catch_log(
            run_finished, run=run, new_reports=store.new_reports(self.context.run_id)
        )
        self.context.close()
