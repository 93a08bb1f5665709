"""crawler.notify: one apprise message per run with news or failures, to a real local endpoint."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler.notify import compose, notify_urls

from .crawl import rows, scrapy
from .sitebuilder import MiniSite


class Inbox:
    """A real HTTP endpoint on 127.0.0.1 that keeps what apprise posts to it."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        inbox = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                inbox.messages.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook-secret"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def inbox():
    box = Inbox()
    yield box
    box.close()


RUN = {"id": 3, "spider": "zjknews", "new_reports": 2, "updated_reports": 0, "pages": 5,
       "errors": 0, "checks": {"list_pages": {"ok": True, "detail": "fine"},
                               "anti_bot": {"ok": False, "detail": "1 challenge page"}}}


def test_message_lists_failures_then_new_reports():
    new = [{"url": f"http://x/{i}", "title": f"标题{i}", "is_meeting": 1,
            "meeting_date": "2022-07-27", "region": "河北省张家口市"} for i in range(25)]
    title, body = compose(RUN, new)
    assert title == "zjknews: 2 new; checks failed: anti_bot"
    assert body.index("FAILED anti_bot") < body.index("New reports:")
    assert "[meeting] 标题0 2022-07-27 河北省张家口市" in body
    assert "… and 5 more" in body and "标题20" not in body


def test_urls_come_from_the_setting_or_the_environment(monkeypatch):
    monkeypatch.setenv("REPORTS_NOTIFY_URLS", "json://a/ , mailto://b")
    assert notify_urls(None) == ["json://a/", "mailto://b"]
    assert notify_urls(["tgram://x"]) == ["tgram://x"]
    monkeypatch.delenv("REPORTS_NOTIFY_URLS")
    assert notify_urls(None) == []


def test_one_message_after_new_reports_and_none_after_a_quiet_run(inbox, tmp_path):
    site = MiniSite(tmp_path / "fixtures")
    urls = site.publish(2)
    db = tmp_path / "reports.db"
    args = ["crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}",
            "-s", f"NOTIFY_URLS={inbox.url}"]
    first = scrapy(*args, db=db)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["title"].startswith("zjknews: 2 new")
    assert all(url in message["message"] for url in urls)
    second = scrapy(*args, db=db)
    assert len(inbox.messages) == 1
    new = site.publish(1)
    scrapy(*args, db=db)
    assert len(inbox.messages) == 2
    assert new[0] in inbox.messages[1]["message"]
    assert urls[0] not in inbox.messages[1]["message"]
    for log in (first.stderr, second.stderr):
        assert "hook-secret" not in log
    assert not any("hook-secret" in json.dumps(r) for r in rows(db, "select * from runs"))


def test_notify_always_sends_after_a_quiet_run(inbox, tmp_path):
    site = MiniSite(tmp_path / "fixtures")
    site.publish(1)
    db = tmp_path / "reports.db"
    args = ["crawl", "zjknews", "-s", "OFFLINE=1", "-s", f"OFFLINE_FIXTURES_DIR={site.root}",
            "-s", f"NOTIFY_URLS={inbox.url}", "-s", "NOTIFY_ALWAYS=1"]
    scrapy(*args, db=db)
    scrapy(*args, db=db)
    assert len(inbox.messages) == 2
    assert inbox.messages[1]["title"] == "zjknews: 0 new"
