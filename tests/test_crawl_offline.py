"""End to end: `scrapy crawl <site> -s OFFLINE=1` against the real local mirror server."""

from __future__ import annotations

import pytest

from crawler.sites import SITES

from .cases import CASES, ITEM_FIELDS, Case
from .crawl import rows, scrapy


@pytest.fixture(scope="module", params=sorted(SITES))
def crawled(request, tmp_path_factory):
    """One offline crawl of a site, then an unchanged second one; the database and its rows."""
    site = request.param
    db = tmp_path_factory.mktemp(site) / "reports.db"
    first = scrapy("crawl", site, "-s", "OFFLINE=1", db=db)
    stored = {r["url"]: r for r in rows(db)}
    scrapy("crawl", site, "-s", "OFFLINE=1", db=db)
    return site, db, stored, first


def site_cases(site: str) -> list[Case]:
    return [c for c in CASES if c.site == site]


def test_every_page_is_stored_once_with_its_fields(crawled):
    site, _db, stored, _ = crawled
    for case in site_cases(site):
        if case.rejected:
            assert case.url not in stored, case.id
            continue
        assert case.url in stored, case.id
        row = stored[case.url]
        for field in ITEM_FIELDS:
            assert row[field] == case.item[field], (case.id, field)
        assert row["site"] == site
    assert len(stored) == sum(1 for c in site_cases(site) if not c.rejected)


def test_stored_urls_are_the_real_site_urls(crawled):
    site, _db, stored, _ = crawled
    hosts = SITES[site].allowed_domains
    assert all(any(f"//{h}/" in url for h in hosts) for url in stored)
    assert not any("127.0.0.1" in url for url in stored)


def test_runs_record_pages_new_reports_and_failures(crawled):
    site, db, _stored, first = crawled
    runs = rows(db, "select * from runs order by id")
    assert [r["spider"] for r in runs] == [site, site]
    one, two = runs
    cases = site_cases(site)
    assert one["finish_reason"] == "finished"
    assert one["new_reports"] == sum(1 for c in cases if not c.rejected)
    assert one["errors"] >= sum(1 for c in cases if c.rejected)
    assert one["stats"].get("reports/failed", 0) == sum(1 for c in cases if c.rejected)
    assert one["pages"] > len(cases)
    assert two["new_reports"] == 0 and two["updated_reports"] == 0
    assert two["pages"] <= one["pages"] / 2
    assert all(result["ok"] for result in one["checks"].values()), one["checks"]
    assert all(result["ok"] for result in two["checks"].values()), two["checks"]
    assert "Offline mirror" in first.stderr


def test_rejected_pages_are_logged_with_their_url(crawled):
    site, _db, _stored, first = crawled
    for case in site_cases(site):
        if case.rejected:
            assert case.url in first.stderr
