"""crawler.runs: run counts, closing a run, the per-crawler context."""

from __future__ import annotations

from crawler.runs import run_counts


def test_run_counts_add_failed_pages_and_failed_requests():
    stats = {"reports/new": 3, "reports/updated": 1, "downloader/response_count": 9,
             "reports/failed": 2, "errors/requests": 1}
    assert run_counts(stats) == {"new_reports": 3, "updated_reports": 1, "pages": 9, "errors": 3}


def test_run_counts_of_an_empty_run_are_zero():
    assert run_counts({}) == {"new_reports": 0, "updated_reports": 0, "pages": 0, "errors": 0}
