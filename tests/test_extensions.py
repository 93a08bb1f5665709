"""crawler.extensions: the run record, and a database that cannot be written."""

from __future__ import annotations

from crawler.extensions import run_counts

from .crawl import scrapy


def test_run_counts_add_failed_pages_and_failed_requests():
    stats = {"reports/new": 3, "reports/updated": 1, "downloader/response_count": 9,
             "reports/failed": 2, "errors/requests": 1}
    assert run_counts(stats) == {"new_reports": 3, "updated_reports": 1, "pages": 9, "errors": 3}


def test_run_counts_of_an_empty_run_are_zero():
    assert run_counts({}) == {"new_reports": 0, "updated_reports": 0, "pages": 0, "errors": 0}


def test_an_unwritable_database_stops_the_crawl_with_one_error_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = scrapy("crawl", "sanjiang", "-s", "OFFLINE=1", db=blocker / "reports.db")
    errors = [line for line in done.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "cannot write the reports database" in errors[0]
    assert "Traceback" not in done.stderr
    assert "Spider closed (reports_db_unwritable)" in done.stderr
