"""The offline fixture mirror: real HTTP on 127.0.0.1, real site URLs in the crawl.

`fixtures/<site>/mirror/<host>/<path>` holds what a site serves at
`http(s)://<host>/<path>` (see fixtures/README.md). With `OFFLINE=1`,
:class:`OfflineAddon` swaps Scrapy's HTTP download handler for
:class:`OfflineDownloadHandler`, which starts one :class:`MirrorServer` per
process and sends every request to it. Requests and responses keep the real
URLs, so spiders, middlewares and stored items see the real site.

Run ``python -m crawler.offline`` to serve the mirror for a browser.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.settings import SETTINGS_PRIORITIES

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
INDEX_FILES = ("index.html", "index.shtml", "index.htm")


@dataclass
class MirrorFile:
    """One response of the mirror: where its bytes are, its status and headers."""

    path: Path | None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class Mirror:
    """The files of every `fixtures/*/mirror/` tree, looked up by host and path."""

    def __init__(self, fixtures_dir: Path) -> None:
        self.fixtures_dir = Path(fixtures_dir)
        self.hosts: dict[str, Path] = {}
        self.overrides: dict[str, dict] = {}
        for site_dir in sorted(p for p in self.fixtures_dir.iterdir() if p.is_dir()):
            mirror_dir = site_dir / "mirror"
            if not mirror_dir.is_dir():
                continue
            for host_dir in mirror_dir.iterdir():
                if host_dir.is_dir():
                    self.hosts[host_dir.name.lower()] = host_dir
            manifest = site_dir / "mirror.json"
            if manifest.is_file():
                self.overrides.update(json.loads(manifest.read_text(encoding="utf-8")))
        if not self.hosts:
            raise FileNotFoundError(f"no fixture mirror found under {self.fixtures_dir}")

    def lookup(self, host: str, path: str) -> MirrorFile:
        """Return the response for `path` (URL path, query dropped) on `host`."""
        host = host.lower()
        root = self.hosts.get(host)
        rel = unquote(path).lstrip("/")
        override = self.overrides.get(f"{host}/{rel}", {})
        file_path = self._resolve(root, rel) if root else None
        if file_path is None:
            return MirrorFile(None, override.get("status", 404), override.get("headers", {}))
        headers = {"Content-Type": _content_type(file_path)}
        headers.update(override.get("headers", {}))
        return MirrorFile(file_path, override.get("status", 200), headers)

    @staticmethod
    def _resolve(root: Path, rel: str) -> Path | None:
        candidate = (root / rel).resolve()
        if root.resolve() not in candidate.parents and candidate != root.resolve():
            return None
        if candidate.is_dir():
            for name in INDEX_FILES:
                if (candidate / name).is_file():
                    return candidate / name
            return None
        return candidate if candidate.is_file() else None


def _content_type(path: Path) -> str:
    if path.suffix in (".html", ".shtml", ".htm"):
        return "text/html"
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class _Handler(BaseHTTPRequestHandler):
    mirror: Mirror
    server_version = "fixture-mirror/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        host, _, path = self.path.lstrip("/").partition("/")
        found = self.mirror.lookup(host, "/" + urlsplit(path).path)
        body = found.path.read_bytes() if found.path else b"<html><body>404</body></html>"
        self.send_response(found.status)
        for name, value in found.headers.items():
            self.send_header(name, value)
        if not found.path and "Content-Type" not in found.headers:
            self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("mirror: " + format, *args)


class MirrorServer:
    """A threaded HTTP server on 127.0.0.1 serving a :class:`Mirror`."""

    def __init__(self, fixtures_dir: Path, port: int = 0) -> None:
        handler = type("MirrorHandler", (_Handler,), {"mirror": Mirror(fixtures_dir)})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def local_url(self, url: str) -> str:
        """Map a real site URL to the same resource on this server."""
        parts = urlsplit(url)
        path = parts.path or "/"
        local = f"http://127.0.0.1:{self.port}/{parts.hostname}{quote(path, safe='/%')}"
        return local + (f"?{parts.query}" if parts.query else "")

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


_servers: dict[Path, MirrorServer] = {}
_servers_lock = threading.Lock()


def mirror_server(fixtures_dir: Path | str | None = None) -> MirrorServer:
    """Return this process's server for `fixtures_dir`, starting it on first use."""
    key = Path(fixtures_dir or DEFAULT_FIXTURES_DIR).resolve()
    with _servers_lock:
        if key not in _servers:
            _servers[key] = MirrorServer(key)
            logger.info("Offline mirror of %s serving on 127.0.0.1:%d", key, _servers[key].port)
        return _servers[key]


class OfflineDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, pointed at the fixture mirror."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.server = mirror_server(crawler.settings.get("OFFLINE_FIXTURES_DIR"))

    async def download_request(self, request: Request) -> Response:
        """Fetch `request` from the mirror; the response keeps the real URL."""
        local = request.replace(url=self.server.local_url(request.url))
        response = await super().download_request(local)
        return response.replace(url=request.url)


class OfflineAddon:
    """Switches the download handlers to the mirror when the OFFLINE setting is true."""

    def update_settings(self, settings: Settings) -> None:
        """Install :class:`OfflineDownloadHandler` for http and https when OFFLINE is on."""
        if not settings.getbool("OFFLINE"):
            return
        handler = f"{__name__}.OfflineDownloadHandler"
        settings.set(
            "DOWNLOAD_HANDLERS",
            {**settings.getdict("DOWNLOAD_HANDLERS"), "http": handler, "https": handler},
            priority="addon",
        )
        # The mirror is local: no politeness delay is needed against it, unless
        # the command line asks for one.
        for name, value in (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_ENABLED", False)):
            if (settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["cmdline"]:
                settings.set(name, value, priority="spider")


def main() -> None:
    """Serve the fixture mirror until interrupted (for looking at it in a browser)."""
    import argparse
    import time

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--port", type=int, default=8800)
    ap.add_argument("--fixtures", default=str(DEFAULT_FIXTURES_DIR))
    args = ap.parse_args()
    server = MirrorServer(Path(args.fixtures), args.port)
    hosts = ", ".join(sorted(server.httpd.RequestHandlerClass.mirror.hosts))
    print(f"Serving {hosts} on http://127.0.0.1:{server.port}/<host>/<path>")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
