"""crawler.crawlall: the Quickstart's command, end to end against the offline mirror."""

from __future__ import annotations

from crawler.sites import SITES

from .cases import STORED
from .crawl import crawlall, rows


def test_crawlall_offline_stores_every_site_and_says_how_to_browse(tmp_path):
    db = tmp_path / "reports.db"
    done = crawlall("--offline", "--db", str(db), "--loglevel", "WARNING")
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"serve -i {db}" in done.stdout
    stored = {r["url"] for r in rows(db)}
    assert stored == {c.url for c in STORED}
    runs = rows(db, "select spider, finish_reason from runs")
    assert sorted(r["spider"] for r in runs) == sorted(SITES)
    assert {r["finish_reason"] for r in runs} == {"finished"}
    for site in ("zjknews", "scgov"):
        assert site in done.stdout


def test_crawlall_reports_an_unwritable_database_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = crawlall("--offline", "--db", str(blocker / "r.db"), timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "cannot write the reports database" in done.stderr


def test_crawlall_will_not_start_while_another_run_holds_the_lock(tmp_path):
    import fcntl

    db = tmp_path / "reports.db"
    with open(f"{db}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        done = crawlall("--offline", "--db", str(db), timeout=60)
    assert done.returncode == 3
    assert "another run holds" in done.stderr
    assert rows(db, "select * from runs") == []


def test_crawlall_exits_non_zero_when_a_site_fails_its_checks(tmp_path):
    from .sitebuilder import MiniSite

    site = MiniSite(tmp_path / "fixtures")
    site.publish(2)
    site.replace_list("<html><body>改版</body></html>")
    db = tmp_path / "reports.db"
    done = crawlall("--offline", "--db", str(db), "--site",
         "zjknews", "-s", f"OFFLINE_FIXTURES_DIR={site.root}", "--loglevel", "WARNING", timeout=120)
    assert done.returncode == 1
    assert "FAILED: list_pages" in done.stdout
