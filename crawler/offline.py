"""The offline fixture mirror: real HTTP on 127.0.0.1, real site URLs in the crawl.

`fixtures/<site>/mirror/<host>/<path>` holds what a site serves at
`http(s)://<host>/<path>` (see fixtures/README.md). With `OFFLINE=1`,
:class:`OfflineAddon` swaps Scrapy's HTTP download handler for
:class:`OfflineDownloadHandler`, which starts one :class:`MirrorServer` per
process and sends every request to it. Requests and responses keep the real
URLs, so spiders, middlewares and stored items see the real site.

The mirror can also misbehave on purpose: a `fault` per path in
`mirror.json` (or in the OFFLINE_FAULTS setting) makes it time out, drop the
connection, truncate the body, loop redirects, serve the wrong charset… (see
:data:`FAULTS` and fixtures/README.md), so the crawler's bad days are tested
against real HTTP.

Run ``python -m crawler.offline`` to serve the mirror for a browser.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import re
import sys
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

# The faults a path can be given (`"fault"` in mirror.json, or OFFLINE_FAULTS),
# with what the mirror then does. Options beside `fault` in the same entry are
# given in brackets.
FAULTS: dict[str, str] = {
    "timeout": "accept the request, send nothing, close after [delay] s (default: never)",
    "slow": "wait [delay] s (default 5) before serving the page normally",
    "drop_connection": "close the connection without sending a response",
    "truncate": "announce the full Content-Length, send [keep] bytes (default half), close",
    "redirect_loop": "302 back and forth between the path and the path with ?loop=1",
    "redirect_offsite": "302 to [location] (default http://offsite.example.net/<path>)",
    "wrong_charset": "serve the bytes as they are with `charset=[charset]` (default utf-8)",
    "no_charset": "serve `text/html` without a charset, the page's <meta> charset removed",
    "mojibake": "serve the page decoded as [charset] (default latin-1), re-encoded as UTF-8",
    "huge": "serve the page padded to [size] bytes (default 6 MiB) with an HTML comment",
    "binary": "serve [size] bytes (default 4096) of binary noise as [content_type] "
              "(default application/octet-stream)",
    "empty": "200 with an empty body (Content-Type: text/html)",
    "challenge": "a JavaScript anti-bot challenge page (加速乐 style) with HTTP [status] (412)",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?(charset\s*=\s*["']?[\w-]+["']?|http-equiv\s*=\s*["']?content-type[^>]*)[^>]*>""",
    re.I,
)
CHALLENGE_PAGE = (
    b"<html><head><title></title></head><body><script>document.cookie="
    b"'__jsl_clearance=1700000000.1|0|abc';location.href=location.pathname+location.search"
    b"</script></body></html>"
)


@dataclass
class MirrorFile:
    """One response of the mirror: where its bytes are, its status and headers."""

    path: Path | None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # The fault to inject (a key of FAULTS) and its options, or None.
    fault: str | None = None
    options: dict = field(default_factory=dict)


class Mirror:
    """The files of every `fixtures/*/mirror/` tree, looked up by host and path."""

    def __init__(self, fixtures_dir: Path, faults: dict | None = None) -> None:
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
        for key, fault in (faults or {}).items():
            entry = {"fault": fault} if isinstance(fault, str) else dict(fault)
            self.overrides[key] = {**self.overrides.get(key, {}), **entry}
        for key, entry in self.overrides.items():
            if entry.get("fault") is not None and entry["fault"] not in FAULTS:
                raise ValueError(f"mirror: unknown fault {entry['fault']!r} for {key} "
                                 f"(known: {', '.join(FAULTS)})")

    def lookup(self, host: str, path: str) -> MirrorFile:
        """Return the response for `path` (URL path, query dropped) on `host`."""
        host = host.lower()
        root = self.hosts.get(host)
        rel = unquote(path).lstrip("/")
        override = self.overrides.get(f"{host}/{rel}", {})
        fault = override.get("fault")
        options = {k: v for k, v in override.items() if k not in ("status", "headers", "fault")}
        file_path = self._resolve(root, rel) if root else None
        if file_path is None:
            return MirrorFile(None, override.get("status", 404), override.get("headers", {}),
                              fault, options)
        headers = {"Content-Type": _content_type(file_path)}
        headers.update(override.get("headers", {}))
        return MirrorFile(file_path, override.get("status", 200), headers, fault, options)

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


def _noise(size: int) -> bytes:
    """`size` bytes of deterministic binary noise (a PNG signature, then hashes)."""
    out = bytearray(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    block = b"fixture-mirror"
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


class _Handler(BaseHTTPRequestHandler):
    mirror: Mirror
    stopping: threading.Event
    server_version = "fixture-mirror/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        host, _, path = self.path.lstrip("/").partition("/")
        parts = urlsplit(path)
        found = self.mirror.lookup(host, "/" + parts.path)
        body = found.path.read_bytes() if found.path else b"<html><body>404</body></html>"
        status, headers = found.status, dict(found.headers)
        if not found.path and "Content-Type" not in headers:
            headers["Content-Type"] = "text/html"
        keep = None
        if found.fault:
            result = self._fault(found, "/" + parts.path, parts.query, body, status, headers)
            if result is None:
                return
            status, headers, body, keep = result
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body if keep is None else body[:keep])
            if keep is not None:
                self.wfile.flush()
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a page over DOWNLOAD_MAXSIZE, a timeout): fine.
            self.close_connection = True

    def _fault(self, found: MirrorFile, path: str, query: str, body: bytes, status: int,
               headers: dict[str, str]) -> tuple[int, dict[str, str], bytes, int | None] | None:
        """Apply `found.fault`: the response to send, or None when nothing is to be sent."""
        fault, options = found.fault, found.options
        if fault == "timeout":
            self.stopping.wait(options.get("delay"))
            self.close_connection = True
            return None
        if fault == "drop_connection":
            self.close_connection = True
            return None
        if fault == "slow":
            self.stopping.wait(options.get("delay", 5))
            return status, headers, body, None
        if fault == "truncate":
            return status, headers, body, int(options.get("keep", len(body) // 2))
        if fault == "redirect_loop":
            target = path if "loop=1" in query else f"{path}?loop=1"
            return 302, {"Location": target, "Content-Type": "text/html"}, b"", None
        if fault == "redirect_offsite":
            target = options.get("location", f"http://offsite.example.net{path}")
            return 302, {"Location": target, "Content-Type": "text/html"}, b"", None
        if fault == "wrong_charset":
            headers["Content-Type"] = f"text/html; charset={options.get('charset', 'utf-8')}"
            return status, headers, body, None
        if fault == "no_charset":
            headers["Content-Type"] = "text/html"
            return status, headers, _META_CHARSET.sub(b"", body), None
        if fault == "mojibake":
            text = body.decode("utf-8", errors="replace")
            garbled = text.encode("utf-8").decode(options.get("charset", "latin-1"),
                                                  errors="replace")
            headers["Content-Type"] = "text/html; charset=utf-8"
            return status, headers, garbled.encode("utf-8"), None
        if fault == "huge":
            size = int(options.get("size", 6 * 1024 * 1024))
            pad = b"<!--" + b" " * max(0, size - len(body) - 7) + b"-->"
            cut = body.lower().rfind(b"</body>")
            cut = len(body) if cut < 0 else cut
            return status, headers, body[:cut] + pad + body[cut:], None
        if fault == "binary":
            headers["Content-Type"] = options.get("content_type", "application/octet-stream")
            return status, headers, _noise(int(options.get("size", 4096))), None
        if fault == "empty":
            return status, {**headers, "Content-Type": "text/html"}, b"", None
        if fault == "challenge":
            return int(options.get("status", 412)), {"Content-Type": "text/html"}, \
                CHALLENGE_PAGE, None
        raise ValueError(f"unknown fault {fault!r}")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("mirror: " + format, *args)


class _HTTPServer(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops the SYNs of a crawler's burst
    # of connections, which then wait a second for the retransmission.
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple) -> None:
        """A client that hangs up mid-request is normal; anything else is logged."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            logger.debug("mirror: %s went away: %s", client_address, exc)
        else:
            logger.warning("mirror: error serving %s", client_address, exc_info=True)


class MirrorServer:
    """A threaded HTTP server on 127.0.0.1 serving a :class:`Mirror`."""

    def __init__(self, fixtures_dir: Path, port: int = 0, faults: dict | None = None) -> None:
        self.stopping = threading.Event()
        handler = type("MirrorHandler", (_Handler,),
                       {"mirror": Mirror(fixtures_dir, faults), "stopping": self.stopping})
        self.httpd = _HTTPServer(("127.0.0.1", port), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()

    def local_url(self, url: str) -> str:
        """Map a real site URL to the same resource on this server."""
        parts = urlsplit(url)
        path = parts.path or "/"
        local = f"http://127.0.0.1:{self.port}/{parts.hostname}{quote(path, safe='/%')}"
        return local + (f"?{parts.query}" if parts.query else "")

    def close(self) -> None:
        """Stop serving (and end the responses that faults hold open)."""
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


_servers: dict[tuple[Path, str], MirrorServer] = {}
_servers_lock = threading.Lock()


def mirror_server(fixtures_dir: Path | str | None = None,
                  faults: dict | None = None) -> MirrorServer:
    """Return this process's server for `fixtures_dir` (and `faults`), starting it on first use."""
    folder = Path(fixtures_dir or DEFAULT_FIXTURES_DIR).resolve()
    key = (folder, json.dumps(faults or {}, sort_keys=True))
    with _servers_lock:
        if key not in _servers:
            _servers[key] = MirrorServer(folder, faults=faults)
            logger.info("Offline mirror of %s serving on 127.0.0.1:%d", folder, _servers[key].port)
        return _servers[key]


class OfflineDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, pointed at the fixture mirror."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        faults = settings.get("OFFLINE_FAULTS") or None
        if isinstance(faults, str):
            faults = json.loads(faults)
        self.server = mirror_server(settings.get("OFFLINE_FIXTURES_DIR"), faults)

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
