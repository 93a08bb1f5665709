"""Checks after each run: a site that broke is not a site with no news.

Pure functions of the run's stats and the same site's earlier runs (from the
`runs` table). Each check is named and gives pass/fail with a reason.
"""

from __future__ import annotations

from statistics import median
from typing import Any

MAX_MISSING_SHARE = 0.2
MAX_FAILED_SHARE = 0.2
MAX_ERROR_SHARE = 0.2


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def check_list_pages(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """List pages must yield article links (as they did before)."""
    pages, links = stats.get("list/pages", 0), stats.get("list/article_links", 0)
    empty = stats.get("list/empty_pages", 0)
    if stats.get("textdump/files") is not None:
        return True, "text dumps have no list pages"
    if pages == 0:
        return False, "no list page could be fetched"
    if stats.get("spider_exceptions/count", 0):
        return False, f"{stats['spider_exceptions/count']} list or article pages raised errors"
    if links == 0:
        before = [r["stats"].get("list/article_links", 0) for r in history]
        was = f" (the last run found {before[0]})" if before and before[0] else ""
        return False, f"{pages} list pages yielded no article links{was}"
    if empty:
        return False, f"{empty} of {pages} list pages yielded no article links"
    return True, f"{pages} list pages, {links} article links"


def check_field_coverage(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """At most 20% of this run's new pages may lack a date or a body.

    Text dumps are held to the body only: many carry no date at all.
    """
    stored = stats.get("reports/new", 0) + stats.get("reports/updated", 0)
    rejected = stats.get("reports/failed/rejected", 0)
    dumps = stats.get("textdump/files") is not None
    missing = rejected + (0 if dumps else stats.get("reports/missing/published_at", 0))
    total = stored + rejected
    share = _share(missing, total)
    what = "a body" if dumps else "a date or a body"
    detail = f"{missing} of {total} new pages without {what}"
    return share <= MAX_MISSING_SHARE, detail


def check_parse_failures(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """Pages that could not be read must not rise above 20% and twice the usual rate."""
    fetched = stats.get("articles/pages", 0) + stats.get("textdump/files", 0)
    failed = stats.get("reports/failed", 0) + stats.get("spider_exceptions/count", 0)
    share = _share(failed, fetched)
    usual = [
        _share(r["stats"].get("reports/failed", 0),
               r["stats"].get("articles/pages", 0) + r["stats"].get("textdump/files", 0))
        for r in history
    ]
    baseline = median(usual) if usual else 0.0
    ok = share <= MAX_FAILED_SHARE or share <= 2 * baseline
    return ok, f"{failed} of {fetched} pages failed ({share:.0%}; usual {baseline:.0%})"


def check_http_errors(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """No list page may fail, and at most 20% of requests may end in an HTTP error."""
    list_errors = stats.get("errors/list_pages", 0)
    failed = stats.get("errors/requests", 0)
    requests = stats.get("downloader/request_count", 0)
    if list_errors:
        return False, f"{list_errors} list pages failed to download"
    share = _share(failed, requests)
    return share <= MAX_ERROR_SHARE, f"{failed} of {requests} requests failed"


def check_anti_bot(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """No anti-bot challenge or login page may come back instead of content."""
    pages = stats.get("antibot/pages", 0)
    return pages == 0, f"{pages} challenge or login pages" if pages else "none"


def check_finished(stats: dict[str, Any], history: list[dict]) -> tuple[bool, str]:
    """The run must end by itself, not be cut short."""
    reason = stats.get("finish_reason", "finished")
    return reason == "finished", f"finish reason: {reason}"


CHECKS = {
    "finished": check_finished,
    "list_pages": check_list_pages,
    "field_coverage": check_field_coverage,
    "parse_failures": check_parse_failures,
    "http_errors": check_http_errors,
    "anti_bot": check_anti_bot,
}


def run_checks(stats: dict[str, Any], history: list[dict]) -> dict[str, dict[str, Any]]:
    """Every check's result: {name: {"ok": bool, "detail": str}}."""
    results = {}
    for name, check in CHECKS.items():
        ok, detail = check(stats, history)
        results[name] = {"ok": ok, "detail": detail}
    return results


def failed_checks(results: dict[str, dict[str, Any]]) -> list[str]:
    """The names of the checks that failed."""
    return [name for name, result in results.items() if not result["ok"]]
