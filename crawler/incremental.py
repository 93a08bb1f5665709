"""Incremental crawling: which listed articles a run fetches.

An article already stored is not fetched again, unless it was published in
the last REFETCH_DAYS days (to catch late edits) or FULL_CRAWL is set. The
listed-but-skipped reports are marked as seen by this run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from .runs import run_context

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class Incremental:
    """Splits a list page's links into those to fetch and those already known."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.context = run_context(crawler)
        self.full = settings.getbool("FULL_CRAWL")
        self.refetch_days = settings.getfloat("REFETCH_DAYS")

    def is_recent(self, row: dict) -> bool:
        """Published (or, without a date, first seen) within REFETCH_DAYS."""
        if self.refetch_days <= 0:
            return False
        stamp = row.get("published_at") or row.get("first_seen_at")
        if not stamp:
            return False  # a failed page: left alone until a full crawl
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError:
            return True
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return datetime.now(UTC) - when <= timedelta(days=self.refetch_days)

    def split(self, urls: list[str]) -> tuple[list[str], int]:
        """The URLs to fetch, and how many of `urls` are already stored."""
        if self.full:
            return list(urls), 0
        store = self.context.store
        known = store.known(urls)
        fetch = [u for u in urls if u not in known or self.is_recent(known[u])]
        store.mark_seen([u for u in urls if u in known and u not in fetch], self.context.run_id)
        return fetch, len(known)
