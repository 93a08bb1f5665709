"""The state a crawl shares between its components: the store and the run's id.

The pipeline and the run recorder both need the open database and the id of
the current run; :func:`run_context` gives each crawler one of each, opened
on first use.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING

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

    def close(self) -> None:
        """Close the store."""
        if self._store is not None:
            self._store.close()
            self._store = None


_contexts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def run_context(crawler: Crawler) -> RunContext:
    """The crawler's RunContext, made on first use."""
    if crawler not in _contexts:
        _contexts[crawler] = RunContext(crawler)
    return _contexts[crawler]
