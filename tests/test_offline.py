"""crawler.offline: the fixture mirror over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.offline import Mirror, MirrorServer, mirror_server


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    site = tmp_path / "demo" / "mirror" / "www.example.gov.cn"
    (site / "news").mkdir(parents=True)
    (site / "news" / "index.shtml").write_bytes("<html>列表</html>".encode())
    (site / "news" / "a.html").write_bytes("<meta charset=gb2312>文章".encode("gbk"))
    (tmp_path / "demo" / "mirror.json").write_text(
        json.dumps({"www.example.gov.cn/news/gone.html": {"status": 503,
                                                          "headers": {"Retry-After": "5"}}})
    )
    return tmp_path


@pytest.fixture
def server(tree: Path):
    srv = MirrorServer(tree)
    yield srv
    srv.close()


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_real_urls_map_to_the_local_server(server: MirrorServer):
    local = server.local_url("https://www.example.gov.cn/news/a.html?x=1")
    assert local == f"http://127.0.0.1:{server.port}/www.example.gov.cn/news/a.html?x=1"


def test_files_are_served_byte_for_byte_without_a_charset(server: MirrorServer):
    status, headers, body = fetch(server.local_url("http://www.example.gov.cn/news/a.html"))
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert body == "<meta charset=gb2312>文章".encode("gbk")


def test_a_folder_serves_its_index(server: MirrorServer):
    status, _, body = fetch(server.local_url("http://www.example.gov.cn/news/"))
    assert status == 200 and "列表" in body.decode()


def test_missing_files_are_404(server: MirrorServer):
    assert fetch(server.local_url("http://www.example.gov.cn/nothing.html"))[0] == 404
    assert fetch(server.local_url("http://other.example.com/"))[0] == 404


def test_manifest_sets_status_and_headers(server: MirrorServer):
    status, headers, _ = fetch(server.local_url("http://www.example.gov.cn/news/gone.html"))
    assert status == 503 and headers["Retry-After"] == "5"


def test_paths_cannot_leave_the_mirror(tree: Path):
    mirror = Mirror(tree)
    assert mirror.lookup("www.example.gov.cn", "/../../demo/mirror.json").path is None


def test_an_empty_fixture_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no fixture mirror"):
        Mirror(tmp_path)


def test_one_server_per_process_and_folder(tree: Path):
    assert mirror_server(tree) is mirror_server(tree)
