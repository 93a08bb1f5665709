"""Datasette over a crawled database: Chinese search, facets, canned queries, the feed.

A real `datasette serve -i` (read-only) with the project's metadata.yml and
plugin, queried over HTTP.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from .datasette_server import Datasette, build_database

SEED_000 = "http://www.zjknews.com/news/shizheng/202207/28/376950.html"
SEED_003 = "http://www.sjx.gov.cn/xwzx/zwyw/202202/t20220210_3027554.shtml"
QUERIES = ("new_reports", "updated_reports", "meetings_by_region", "failing_sites",
           "region_timeline", "new_reports_feed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_database(tmp_path_factory.mktemp("datasette"))
    ds = Datasette(db)
    yield ds
    ds.close()


def get(server: Datasette, path: str, **params) -> bytes:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{server.base}{path}?{query}", timeout=30) as resp:
        return resp.read()


def get_json(server: Datasette, path: str, **params) -> dict:
    return json.loads(get(server, path, _shape="objects", **params))


def search(server: Datasette, words: str) -> list[dict]:
    return get_json(server, "/reports/reports.json", _search=words, _size="max")["rows"]


def test_a_simplified_query_finds_the_traditional_script_seeds(server):
    urls = {row["url"] for row in search(server, "领导小组")}
    assert {SEED_000, SEED_003} <= urls


def test_a_traditional_query_finds_the_same_reports(server):
    assert {r["url"] for r in search(server, "領導小組")} == {r["url"] for r in search(server, "领导小组")}


def test_two_character_words_find_reports(server):
    assert len(search(server, "疫情")) >= 20
    assert len(search(server, "防控")) >= 20


def test_several_words_must_all_occur(server):
    rows = search(server, "陈震 扩大")
    assert [r["url"] for r in rows if r["url"].startswith("http")] == [SEED_003]


def test_search_is_exact_about_word_order(server):
    assert search(server, "小组领导") == []


def test_default_facets_and_sort_come_from_metadata(server):
    data = get_json(server, "/reports/reports.json")
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert {"site", "region", "meeting_kind", "is_meeting", "meeting_date"} <= set(facets)
    dates = [r["meeting_date"] for r in data["rows"] if r["meeting_date"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("name", QUERIES)
def test_every_canned_query_returns_rows(server, name):
    params = {"region": "河北省张家口市"} if name == "region_timeline" else {}
    rows = get_json(server, f"/reports/{name}.json", **params)["rows"]
    assert rows, name


def test_failing_sites_names_the_broken_site_and_check(server):
    rows = get_json(server, "/reports/failing_sites.json")["rows"]
    assert [(r["spider"], r["failed_checks"]) for r in rows] == [("zjknews", "list_pages")]


def test_the_feed_of_new_reports_is_atom(server):
    feed = ET.fromstring(get(server, "/reports/new_reports_feed.atom"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) >= 20
    assert all(e.find("a:title", ns).text and e.find("a:link", ns) is not None for e in entries)


def test_the_database_is_served_read_only(server):
    databases = json.loads(get(server, "/-/databases.json"))
    assert [d["is_mutable"] for d in databases if d["name"] == "reports"] == [False]
