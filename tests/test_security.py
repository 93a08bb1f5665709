"""crawler.safety and the crawler's manners: what it refuses, what it honours, what it hides.

Private and loopback addresses are refused outside OFFLINE mode without any
connection (checked by a listening socket that must see nothing); robots.txt
is honoured; the User-Agent names the project; throttling is on by default;
Datasette is opened read-only in every documented command; notification URLs
never reach the database or the logs. No test here touches the internet:
every address crawled is on the loopback interface.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.offline import OfflineAddon
from crawler.safety import is_public, literal_ip

from .crawl import ROOT, rows, scrapy
from .faultsite import FaultSite
from .sitebuilder import MiniSite

SECRET = "s3cr3t-T0KEN-9f2c"
PROBE = '''
import scrapy


class Probe(scrapy.Spider):
    name = "probe"

    def __init__(self, urls="", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = urls.split()

    def parse(self, response):
        yield {"url": response.url}
'''


class Listener:
    """A TCP socket on 127.0.0.1 that records every connection and the request it reads."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                data = conn.recv(4096)
                self.requests.append(data)
                conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                self.requests.append(b"")
            finally:
                conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def probe(tmp_path: Path, urls: list[str], *settings: str) -> subprocess.CompletedProcess:
    """`scrapy runspider` a one-page spider on `urls`, with the project's settings."""
    spider = tmp_path / "probe.py"
    spider.write_text(PROBE, encoding="utf-8")
    args = ["runspider", str(spider), "-a", "urls=" + " ".join(urls)]
    for setting in settings:
        args += ["-s", setting]
    return scrapy(*args, db=tmp_path / "reports.db")


# --- private addresses ---------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
     "::"],
)
def test_non_public_addresses(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "114.114.114.114", "2001:4860:4860::8888"])
def test_public_addresses(address):
    assert is_public(address)


def test_literal_ips_are_recognised():
    assert literal_ip("[::1]") == "::1"
    assert literal_ip("127.0.0.1") == "127.0.0.1"
    assert literal_ip("www.sc.gov.cn") is None


def test_loopback_urls_are_refused_without_a_connection(tmp_path, listener):
    urls = [f"http://127.0.0.1:{listener.port}/", f"http://localhost:{listener.port}/a",
            f"http://[::1]:{listener.port}/b"]
    done = probe(tmp_path, urls)
    assert listener.requests == []
    run = rows(tmp_path / "reports.db", "select * from runs")[0]
    assert run["stats"]["errors/private_address"] == 3
    assert run["stats"]["errors/requests"] == 3
    for url in urls:
        assert f"Request refused (private_address): {url}" in done.stderr


def test_the_switch_allows_private_addresses_and_the_user_agent_names_the_project(
        tmp_path, listener):
    probe(tmp_path, [f"http://127.0.0.1:{listener.port}/"], "ALLOW_PRIVATE_ADDRESSES=1")
    assert listener.requests, "no connection with ALLOW_PRIVATE_ADDRESSES=1"
    user_agents = {line for request in listener.requests for line in request.split(b"\r\n")
                   if line.lower().startswith(b"user-agent:")}
    assert user_agents and all(b"epidemic-meeting-monitor" in ua for ua in user_agents)


# --- manners ---------------------------------------------------------------------


def test_polite_defaults():
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getfloat("DOWNLOAD_DELAY") >= 0.5
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert "epidemic-meeting-monitor" in settings["USER_AGENT"]
    assert not settings.getbool("ALLOW_PRIVATE_ADDRESSES")
    assert settings.getint("DOWNLOAD_MAXSIZE") == 5 * 1024 * 1024


def test_offline_mode_drops_the_delay_only_for_the_mirror():
    settings = Settings({"DOWNLOAD_DELAY": 0.5, "AUTOTHROTTLE_ENABLED": True})
    OfflineAddon().update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.5  # not offline: unchanged
    settings.set("OFFLINE", True)
    OfflineAddon().update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert not settings.getbool("AUTOTHROTTLE_ENABLED")


def test_robots_txt_is_honoured(tmp_path):
    site = FaultSite(tmp_path / "fixtures")
    allowed, forbidden = site.add(), site.add()
    path = forbidden.split(".com", 1)[1]
    (site.mirror / "robots.txt").write_text(f"User-agent: *\nDisallow: {path}\n")
    db = tmp_path / "reports.db"
    done = scrapy("crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}",
                  db=db)
    assert [r["url"] for r in rows(db)] == [allowed]
    run = rows(db, "select * from runs")[0]
    assert run["stats"]["robotstxt/forbidden"] == 1
    assert f"Forbidden by robots.txt, not fetched: {forbidden}" in done.stderr
    # The site's choice is not an error of the run.
    assert run["errors"] == 0 and all(c["ok"] for c in run["checks"].values())


DOCUMENTED = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
              *sorted((ROOT / "crawler").glob("*.py"))]


def test_datasette_is_opened_read_only_in_every_documented_command():
    commands = []
    for path in DOCUMENTED:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"datasette\S*\s+serve\b|datasette_command\(\)\}\s+serve\b", line):
                commands.append((path.name, line))
    assert commands
    for name, line in commands:
        assert re.search(r"\s(-i|--immutable)\s", line), f"{name}: {line.strip()}"


def test_notification_urls_never_reach_the_database_or_the_logs(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens: the notification fails fast, locally
    site = MiniSite(tmp_path / "fixtures")
    site.publish(1)
    db = tmp_path / "reports.db"
    env = {**os.environ, "REPORTS_NOTIFY_URLS": f"json://user:{SECRET}@127.0.0.1:{port}/{SECRET}"}
    cmd = [sys.executable, "-m", "scrapy", "crawl", "zjknews", "-s", "OFFLINE=1",
           "-s", f"OFFLINE_FIXTURES_DIR={site.root}", "-s", f"REPORTS_DB={db}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Notification failed" in done.stderr  # it was tried
    assert SECRET not in done.stdout + done.stderr
    for path in tmp_path.glob("reports.db*"):
        assert SECRET.encode() not in path.read_bytes(), path.name


def test_notification_urls_stay_out_of_debug_logs(monkeypatch, caplog):
    from crawler.notify import Notifier

    class Crawler:
        settings = Settings({"NOTIFY_URLS": None})
        signals = None

    monkeypatch.setenv("REPORTS_NOTIFY_URLS", f"json://user:{SECRET}@127.0.0.1:9/{SECRET}")
    caplog.set_level(logging.DEBUG)
    crawler = Crawler()
    crawler.signals = type("Signals", (), {"connect": lambda *a, **k: None})()
    Notifier.from_crawler(crawler)
    assert SECRET not in caplog.text
