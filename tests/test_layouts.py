"""Every field of every fixture page, read by its layout and cleaned (no crawl).

One test per (page, field): a wrong field is one failure. Expected values
are in fixtures/<site>/cases/*.json.
"""

from __future__ import annotations

import pytest

from crawler.article import Rejected
from crawler.layouts import LAYOUTS
from crawler.pipelines import report_from
from crawler.sites import SITES

from .cases import CASES, FACT_FIELDS, ITEM_FIELDS, REJECTED, STORED, Case, response_for

_reports: dict[str, dict] = {}


def read(case: Case) -> dict:
    """The report the crawler makes of the case's page (memoised)."""
    if case.id not in _reports:
        site = SITES[case.site]
        response = response_for(case.url)
        raw = LAYOUTS[site.layout].read_article(response.selector, case.url)
        raw.site, raw.encoding = site.name, response.encoding
        _reports[case.id] = report_from(raw)
    return _reports[case.id]


def test_there_are_cases_for_every_site():
    sites = {case.site for case in CASES}
    assert sites >= set(SITES)
    for site in SITES:
        assert sum(1 for c in CASES if c.site == site) >= 6, site


@pytest.mark.parametrize(
    ("case", "field"),
    [(c, f) for c in STORED for f in ITEM_FIELDS],
    ids=lambda v: v.id if isinstance(v, Case) else v,
)
def test_item_field(case: Case, field: str):
    assert read(case)[field] == case.item[field]


@pytest.mark.parametrize(
    ("case", "field"),
    [(c, f) for c in STORED for f in FACT_FIELDS if c.facts is not None],
    ids=lambda v: v.id if isinstance(v, Case) else v,
)
def test_fact_field(case: Case, field: str):
    got = read(case)[field]
    want = case.facts[field]
    if field == "attendees":
        assert set(got or []) == set(want or [])
    else:
        assert got == want


@pytest.mark.parametrize("case", REJECTED, ids=lambda c: c.id)
def test_broken_page_is_rejected(case: Case):
    with pytest.raises(Rejected):
        read(case)


@pytest.mark.parametrize("case", STORED, ids=lambda c: c.id)
def test_simplified_copies(case: Case):
    report = read(case)
    assert report["body_hans"] and "\n" not in report["body_hans"][:1]
    assert report["body_hans"].count("\n") == report["body"].count("\n")
    assert not any(ch in report["body_hans"] for ch in "會議縣區書記為")
