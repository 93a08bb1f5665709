"""crawler.datasette_search: the query-string rewrite and the page script."""

from urllib.parse import parse_qs

from crawler.datasette_search import SHOW_TYPED_QUERY, extra_body_script, rewrite_query_string


def test_search_parameters_become_raw_bigram_queries():
    out = parse_qs(rewrite_query_string("_search=领导小组&_facet=site".encode()).decode())
    assert out == {"_search": ['"领导 导小 小组"'], "_facet": ["site"], "_searchmode": ["raw"]}


def test_column_searches_are_rewritten_too():
    out = parse_qs(rewrite_query_string("_search_title=疫情".encode()).decode())
    assert out["_search_title"] == ['"疫情"'] and out["_searchmode"] == ["raw"]


def test_a_users_searchmode_is_replaced():
    out = parse_qs(rewrite_query_string("_search=疫情&_searchmode=escaped".encode()).decode())
    assert out["_searchmode"] == ["raw"]


def test_queries_without_search_are_untouched():
    assert rewrite_query_string(b"_facet=site&_size=10") == b"_facet=site&_size=10"


def test_the_script_is_added_to_table_pages_only():
    assert extra_body_script("table") == SHOW_TYPED_QUERY
    assert extra_body_script("row") == ""
    assert "box.value = typed" in SHOW_TYPED_QUERY
