"""Scrapy extensions: the run record.

:class:`RunRecorder` opens a row in `runs` when a spider opens and fills it
when it closes (counts, finish reason, the run's stats as JSON), then logs a
short summary. A database that cannot be written stops the crawl with one
clear error line.
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


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The run's headline counts, from its Scrapy stats."""
    return {
        "new_reports": stats.get("reports/new", 0),
        "updated_reports": stats.get("reports/updated", 0),
        "pages": stats.get("downloader/response_count", 0),
        # Pages that could not become reports, requests that failed (HTTP
        # 4xx/5xx after retries, timeouts, DNS) and exceptions in callbacks,
        # each logged with its URL.
        "errors": stats.get("reports/failed", 0)
        + stats.get("errors/requests", 0)
        + sum(v for k, v in stats.items() if k.startswith("spider_exceptions/")),
    }


class RunRecorder:
    """Records each crawl run in the `runs` table."""

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
        """Fill the run's row and log its summary."""
        if self.context.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        counts = run_counts(stats)
        self.context.store.finish_run(
            self.context.run_id, finish_reason=reason, checks={}, stats=stats, **counts
        )
        logger.info(
            "Run %d of %s finished (%s): %d new, %d updated, %d pages, %d errors",
            self.context.run_id, spider.name, reason, counts["new_reports"],
            counts["updated_reports"], counts["pages"], counts["errors"],
        )
        self.context.close()
