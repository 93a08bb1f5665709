"""crawler.checks: each check, on stats and the site's earlier runs."""

from __future__ import annotations

from crawler.checks import (
    check_anti_bot,
    check_field_coverage,
    check_http_errors,
    check_list_pages,
    check_parse_failures,
    failed_checks,
    run_checks,
)

HEALTHY = {
    "finish_reason": "finished", "list/pages": 2, "list/article_links": 8, "articles/pages": 8,
    "reports/new": 8, "downloader/request_count": 11,
}


def past(**stats) -> dict:
    return {"stats": {**HEALTHY, **stats}}


def test_a_healthy_run_passes_everything():
    assert failed_checks(run_checks(HEALTHY, [past()])) == []


def test_list_pages_without_links_fail_and_say_what_was_there_before():
    ok, detail = check_list_pages({**HEALTHY, "list/article_links": 0}, [past()])
    assert not ok and "the last run found 8" in detail


def test_one_empty_list_page_among_several_fails():
    ok, _ = check_list_pages({**HEALTHY, "list/empty_pages": 1}, [])
    assert not ok


def test_no_list_page_at_all_fails():
    assert not check_list_pages({**HEALTHY, "list/pages": 0}, [])[0]


def test_text_dumps_have_no_list_check():
    assert check_list_pages({"textdump/files": 3}, [])[0]


def test_coverage_fails_past_twenty_percent_without_dates():
    stats = {**HEALTHY, "reports/new": 10, "reports/missing/published_at": 3}
    assert not check_field_coverage(stats, [])[0]
    assert check_field_coverage({**stats, "reports/missing/published_at": 2}, [])[0]


def test_rejected_pages_count_as_missing_a_body():
    stats = {**HEALTHY, "reports/new": 3, "reports/failed/rejected": 1}
    assert not check_field_coverage(stats, [])[0]


def test_parse_failures_rising_fail_but_a_site_that_always_had_them_passes():
    stats = {**HEALTHY, "reports/failed": 3}
    assert not check_parse_failures(stats, [past()])[0]
    assert check_parse_failures(stats, [past(**{"reports/failed": 2})] * 3)[0]


def test_a_failed_list_page_fails_the_http_check():
    assert not check_http_errors({**HEALTHY, "errors/list_pages": 1, "errors/requests": 1}, [])[0]


def test_a_few_dead_article_links_pass_the_http_check():
    assert check_http_errors({**HEALTHY, "errors/requests": 1}, [])[0]
    assert not check_http_errors({**HEALTHY, "errors/requests": 5}, [])[0]


def test_challenge_pages_fail():
    assert not check_anti_bot({**HEALTHY, "antibot/pages": 1}, [])[0]
    assert check_anti_bot(HEALTHY, [])[0]


def test_a_killed_or_closed_run_fails():
    results = run_checks({**HEALTHY, "finish_reason": "shutdown"}, [])
    assert failed_checks(results) == ["finished"]
