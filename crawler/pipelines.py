"""The item pipeline: raw page -> cleaned report -> meeting facts -> store.

Thin on purpose: cleaning is crawler.article, facts are crawler.facts,
storage is crawler.store.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from .article import RawArticle, Rejected, build_report
from .facts import meeting_facts
from .runs import run_context
from .sites import SITES

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def report_from(raw: RawArticle) -> dict[str, Any]:
    """The full report for a raw page: cleaned fields plus meeting facts."""
    report = build_report(raw)
    site = SITES.get(raw.site or "")
    facts = meeting_facts(
        report["title_hans"],
        report["body_hans"],
        report["published_at"],
        source=report["source"],
        site_region=site.region if site else None,
    )
    report.update(facts)
    return report


class ReportPipeline:
    """Cleans each RawArticle, adds its facts and stores it; counts what happened."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.context = run_context(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReportPipeline:
        """Build the pipeline for `crawler`."""
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        """Clean, extract, store; drop (and count) a page that cannot become a report."""
        if not isinstance(item, RawArticle):
            return item
        stats = self.crawler.stats
        try:
            report = report_from(item)
        except Rejected as exc:
            self.context.page_failed(item.url, item.site, "rejected", str(exc), log=False)
            raise DropItem(f"Rejected {item.url}: {exc}") from exc
        except Exception as exc:  # a bug on one page must not stop the crawl
            logger.exception("Cannot clean %s", item.url)
            self.context.page_failed(item.url, item.site, "error", f"{type(exc).__name__}: {exc}",
                                     log=False)
            raise DropItem(f"Failed {item.url}: {type(exc).__name__}: {exc}") from exc
        status = self.context.store.save_report(report, self.context.run_id)
        stats.inc_value(f"reports/{status}")
        if status != "unchanged":
            for field in ("title", "published_at"):
                if not report.get(field):
                    stats.inc_value(f"reports/missing/{field}")
        if status != "unchanged":
            logger.info("%s report: %s %s", status.capitalize(), item.url, report.get("title") or "")
        return report
