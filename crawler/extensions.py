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

from .runs import run_context
from .store import StoreError

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Sent after a run's row is complete: handlers get run (the row as a dict,
# checks decoded) and new_reports (the reports the run stored first).
run_finished = object()


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
        logger.info("Run %s of %s, storing in %s", run_id, spider.name, self.context.target)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Fill the run's row, log its summary and tell the notifier."""
        if self.context.run_id is None:
            return
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        finished = self.context.finish(spider.name, reason, stats)
        if finished is not None:  # None: another process closes the run (distributed mode)
            run, new_reports = finished
            log_summary(run)
            self.crawler.signals.send_catch_log(run_finished, run=run, new_reports=new_reports)
        self.context.close()


def log_summary(run: dict[str, Any]) -> None:
    """Log a run's summary; failed checks at WARNING."""
    for line in summary_lines(run):
        logger.log(logging.WARNING if "[FAIL]" in line else logging.INFO, line)
