"""Monitoring across runs, end to end against a mirror that changes between runs.

New and updated flags, incremental crawling, and the checks that tell a
broken site from a quiet one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .crawl import ROOT, rows, scrapy
from .sitebuilder import MiniSite


def crawl(site: MiniSite, db: Path, *settings: str):
    args = ["crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}"]
    for setting in settings:
        args += ["-s", setting]
    return scrapy(*args, db=db)


def last_run(db: Path) -> dict:
    return rows(db, "select * from runs order by id desc limit 1")[0]


@pytest.fixture
def site(tmp_path) -> MiniSite:
    return MiniSite(tmp_path / "fixtures")


def test_four_runs_flag_new_and_updated_reports(site: MiniSite, tmp_path):
    db = tmp_path / "reports.db"
    counts = []
    site.publish(2)
    crawl(site, db)
    counts.append(last_run(db))
    site.publish(3)
    crawl(site, db)
    counts.append(last_run(db))
    # Runs 3 and 4 ask for a refresh of every stored article, so an edit is seen.
    crawl(site, db, "REFETCH_DAYS=100000")
    counts.append(last_run(db))
    edited = site.edit(0, "</p>", "补充一句话。</p>")
    crawl(site, db, "REFETCH_DAYS=100000")
    counts.append(last_run(db))
    assert [(r["new_reports"], r["updated_reports"]) for r in counts] == [
        (2, 0), (3, 0), (0, 0), (0, 1)]
    (version,) = rows(db, "select * from report_versions")
    assert version["url"] == edited and "补充一句话。" not in version["body"]
    row = rows(db, "select * from reports where url = ?", (edited,))[0]
    assert "补充一句话。" in row["body"]
    assert (row["first_seen_run"], row["updated_run"], row["last_seen_run"]) == (1, 4, 4)


def test_an_unchanged_second_run_fetches_at_most_half_and_flags_nothing(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(5)
    crawl(site, db)
    crawl(site, db)
    one, two = rows(db, "select * from runs order by id")
    assert two["pages"] <= one["pages"] / 2
    assert (two["new_reports"], two["updated_reports"]) == (0, 0)
    assert two["stats"]["articles/known_skipped"] == 5
    assert {r["last_seen_run"] for r in rows(db)} == {2}


def test_full_crawl_fetches_everything_again_without_flagging(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(3)
    crawl(site, db)
    crawl(site, db, "FULL_CRAWL=1")
    two = last_run(db)
    assert two["stats"]["articles/pages"] == 3
    assert (two["new_reports"], two["updated_reports"]) == (0, 0)


def failed(run: dict) -> list[str]:
    return sorted(name for name, result in run["checks"].items() if not result["ok"])


def test_a_healthy_run_passes_every_check(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(3)
    crawl(site, db)
    assert failed(last_run(db)) == []


def test_a_broken_layout_fails_the_list_check(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(3)
    crawl(site, db)
    site.replace_list('<html><body><div class="new-layout"><span>改版了</span></div></body></html>')
    crawl(site, db)
    run = last_run(db)
    assert failed(run) == ["list_pages"]
    assert "the last run found 3" in run["checks"]["list_pages"]["detail"]


def test_a_503_fails_the_http_check(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(2)
    site.replace_list("<html><body>Service Unavailable</body></html>", status=503,
                      headers={"Retry-After": "0"})
    crawl(site, db, "RETRY_TIMES=1")
    run = last_run(db)
    assert "http_errors" in failed(run)
    assert run["stats"]["errors/http/503"] == 1
    assert run["stats"]["retry/count"] == 1


def test_an_anti_bot_page_fails_the_anti_bot_check(site, tmp_path):
    db = tmp_path / "reports.db"
    site.publish(2)
    site.replace_list(
        "<html><script>document.cookie='__jsl_clearance=1';location.reload()</script></html>",
        status=412,
    )
    crawl(site, db)
    run = last_run(db)
    assert "anti_bot" in failed(run)
    assert run["stats"]["antibot/pages"] == 1


def test_four_runs_over_text_dumps(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder, db = tmp_path / "dumps", tmp_path / "reports.db"
    folder.mkdir()
    for seed in seeds[:2]:
        shutil.copy(seed, folder)
    scrapy("crawl", "textdump", "-a", f"path={folder}", db=db)
    for seed in seeds[2:]:
        shutil.copy(seed, folder)
    scrapy("crawl", "textdump", "-a", f"path={folder}", db=db)
    scrapy("crawl", "textdump", "-a", f"path={folder}", db=db)
    dump = folder / seeds[4].name
    dump.write_text(dump.read_text(encoding="utf-8").replace("1月25日", "1月24日"),
                    encoding="utf-8")
    scrapy("crawl", "textdump", "-a", f"path={folder}", db=db)
    runs = rows(db, "select new_reports, updated_reports, checks from runs order by id")
    assert [(r["new_reports"], r["updated_reports"]) for r in runs] == [
        (2, 0), (3, 0), (0, 0), (0, 1)]
    assert all(all(c["ok"] for c in r["checks"].values()) for r in runs)
