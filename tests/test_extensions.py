"""crawler.extensions: the run record, and a database that cannot be written."""

from __future__ import annotations

from .crawl import scrapy


def test_an_unwritable_database_stops_the_crawl_with_one_error_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = scrapy("crawl", "sanjiang", "-s", "OFFLINE=1", db=blocker / "reports.db")
    errors = [line for line in done.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "cannot write the reports database" in errors[0]
    assert "Traceback" not in done.stderr
    assert "Spider closed (reports_db_unwritable)" in done.stderr
