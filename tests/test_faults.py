"""Faults: the mirror misbehaves on purpose, the crawl goes on and loses nothing.

First what the mirror sends for each fault (crawler.offline, over real HTTP),
then one real crawl through every fault at once: each is logged with its URL
and counted under its own stat in the run's row, nothing half-made is stored,
and the next runs store what the faults kept out, flagging nothing twice.
"""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

import pytest

from crawler.offline import FAULTS, Mirror, MirrorServer

from .crawl import rows, scrapy
from .faultsite import GBK_ARTICLE, FaultSite
from .sitebuilder import HOST

# --- the mirror's faults, over HTTP -------------------------------------------


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory):
    site = FaultSite(tmp_path_factory.mktemp("faults") / "fixtures")
    urls = {fault: site.add(fault) for fault in FAULTS}
    urls["gbk"] = site.add("no_charset", source=GBK_ARTICLE)
    server = MirrorServer(site.root)
    yield server, urls
    server.close()


def get(server: MirrorServer, url: str, timeout: float = 3) -> tuple[int, dict, bytes]:
    """One GET through http.client; raises on a connection that ends without a response."""
    local = server.local_url(url).split(str(server.port), 1)[1]
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request("GET", local)
        resp = conn.getresponse()
        status, headers = resp.status, dict(resp.getheaders())
        try:
            body = resp.read()
        except http.client.IncompleteRead as exc:
            body = exc.partial
            headers["x-incomplete"] = "1"
        return status, headers, body
    finally:
        conn.close()


def test_a_timeout_sends_nothing(mirror):
    server, urls = mirror
    with pytest.raises(socket.timeout):
        get(server, urls["timeout"], timeout=0.5)


def test_a_dropped_connection_sends_no_response(mirror):
    server, urls = mirror
    with pytest.raises(http.client.RemoteDisconnected):
        get(server, urls["drop_connection"])


def test_a_truncated_body_is_shorter_than_announced(mirror):
    server, urls = mirror
    _, headers, body = get(server, urls["truncate"])
    assert headers["x-incomplete"] == "1"
    assert len(body) == int(headers["Content-Length"]) // 2


def test_redirect_faults(mirror):
    server, urls = mirror
    status, headers, _ = get(server, urls["redirect_loop"])
    path = urls["redirect_loop"].split(HOST, 1)[1]
    assert (status, headers["Location"]) == (302, f"{path}?loop=1")
    assert get(server, urls["redirect_loop"] + "?loop=1")[1]["Location"] == path
    status, headers, _ = get(server, urls["redirect_offsite"])
    path = urls["redirect_offsite"].split(HOST, 1)[1]
    assert (status, headers["Location"]) == (302, f"http://offsite.example.net{path}")


def test_charset_faults(mirror):
    server, urls = mirror
    _, headers, body = get(server, urls["wrong_charset"])
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    _, headers, body = get(server, urls["gbk"])
    assert headers["Content-Type"] == "text/html"
    assert b"charset" not in body.lower() and "会议".encode("gbk") in body
    _, _, body = get(server, urls["mojibake"])
    assert "会议".encode().decode("latin-1").encode() in body


def test_size_and_content_faults(mirror):
    server, urls = mirror
    _, _, body = get(server, urls["huge"])
    assert len(body) == 6 * 1024 * 1024 and body.rstrip().endswith(b"</html>")
    status, headers, body = get(server, urls["binary"])
    assert headers["Content-Type"] == "application/octet-stream" and body.startswith(b"\x89PNG")
    assert len(body) == 4096
    status, headers, body = get(server, urls["empty"])
    assert (status, body) == (200, b"")
    status, _, body = get(server, urls["challenge"])
    assert status == 412 and b"__jsl_clearance" in body


def test_faults_from_the_setting_add_to_the_manifest(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    url = site.add()
    key = url.split("://", 1)[1]
    mirror = Mirror(site.root, {key: {"fault": "slow", "delay": 2}})
    found = mirror.lookup(HOST, url.split(HOST, 1)[1])
    assert (found.fault, found.options) == ("slow", {"delay": 2})


def test_an_unknown_fault_is_a_clear_error(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    site.add("no_such_fault")
    with pytest.raises(ValueError, match="unknown fault 'no_such_fault'"):
        Mirror(site.root)


# --- one crawl through every fault ---------------------------------------------

# fault -> the stat the run must show for it (each exactly once).
EXPECTED = {
    "timeout": "errors/DownloadTimeoutError",
    "drop_connection": "errors/DownloadFailedError",
    "truncate": "errors/ResponseDataLossError",
    "redirect_loop": "errors/redirect_loop",
    "redirect_offsite": "errors/offsite",
    "huge": "errors/DownloadCancelledError",
    "binary": "reports/failed/not_html",
    "empty": "reports/failed/empty",
    "mojibake": "reports/failed/mojibake",
    "challenge": "antibot/pages",
    "503": "errors/http/503",
    "404": "errors/http/404",
    "500": "errors/http/500",
}
STATUS_FAULTS = {
    "503": {"status": 503, "headers": {"Retry-After": "1"}},
    "500": {"status": 500},
    "404": {"status": 404},
}
# Faults after which the page is kept in failed_pages (not fetched again until a full crawl).
FAILED_PAGE_KINDS = {"binary": "not_html", "empty": "empty", "mojibake": "mojibake"}
SETTINGS = ("DOWNLOAD_TIMEOUT=1", "RETRY_TIMES=1")


def crawl(site: FaultSite, db: Path, *settings: str):
    args = ["crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}"]
    for setting in settings:
        args += ["-s", setting]
    return scrapy(*args, db=db)


def test_every_fault_in_one_crawl_then_recovery(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    healthy = [site.add(None), site.add("wrong_charset", source=GBK_ARTICLE),
               site.add("no_charset", source=GBK_ARTICLE)]
    faulty = {name: site.add(STATUS_FAULTS.get(name, name)) for name in EXPECTED}
    db = tmp_path / "reports.db"
    done = crawl(site, db, *SETTINGS)

    run = rows(db, "select * from runs")[0]
    stats = run["stats"]
    assert run["finish_reason"] == "finished"
    for name, stat in EXPECTED.items():
        assert stats.get(stat) == 1, (name, stat, stats.get(stat))
        # Logged with its URL (the challenge's and the HTTP errors' lines too).
        assert faulty[name] in done.stderr, name
    request_faults = [n for n, s in EXPECTED.items() if s.startswith("errors/")]
    assert stats["errors/requests"] == len(request_faults)  # the 412 challenge is antibot/pages
    assert stats["reports/failed"] == len(FAILED_PAGE_KINDS)
    assert run["errors"] == stats["errors/requests"] + stats["reports/failed"] + 1  # + challenge
    failed_checks = {name for name, result in run["checks"].items() if not result["ok"]}
    assert failed_checks == {"anti_bot", "http_errors", "parse_failures"}
    # Retries follow Scrapy's settings: RETRY_TIMES=1 is one retry per retryable fault.
    assert stats["retry/count"] == 5  # timeout, drop, truncate, 500, 503
    assert stats["retry/max_reached"] == 5

    stored = rows(db)
    assert sorted(r["url"] for r in stored) == sorted(healthy)
    assert all(r["first_seen_run"] == 1 for r in stored)
    failed = {r["url"]: r["kind"] for r in rows(db, "select * from failed_pages")}
    assert failed == {faulty[n]: kind for n, kind in FAILED_PAGE_KINDS.items()}

    # The site recovers. An ordinary run fetches what never arrived (the
    # failed pages wait for a full crawl); then a full crawl fetches those.
    for rel in site.pages:
        site.set_fault(rel, None)
    crawl(site, db, *SETTINGS)
    crawl(site, db, *SETTINGS, "FULL_CRAWL=1")
    runs = rows(db, "select * from runs order by id")
    missed = len(EXPECTED) - len(FAILED_PAGE_KINDS)
    assert [(r["new_reports"], r["updated_reports"]) for r in runs] == [
        (3, 0), (missed, 0), (len(FAILED_PAGE_KINDS), 0)]
    assert runs[2]["errors"] == runs[1]["errors"] == 0
    assert len(rows(db)) == len(site.pages)
    assert rows(db, "select * from failed_pages") == []
    assert rows(db, "pragma integrity_check") == [{"integrity_check": "ok"}]

