"""The encoding policy: how every HTML page is decoded, and mojibake refused.

Chinese government and news sites get their charsets wrong in every way: GBK
pages served as UTF-8, a `<meta>` that says gb2312 on a page full of GBK-only
characters, no charset at all. One policy decides, for every layout:

1. a byte-order mark wins (source ``bom``);
2. else the HTTP header's charset and the `<meta>` charset are tried in that
   order: the first whose decoding is clean (no replacement characters, no
   mojibake) wins (source ``header`` or ``meta``), so when decoding by the
   header yields replacement characters or mojibake and decoding by the meta
   does not, the meta wins;
3. else the bytes are sniffed: strict UTF-8, then strict GB18030 (``sniffed``);
   bytes that are valid UTF-8 are never read as GB18030;
4. else the first declared charset is kept (or UTF-8), and the page's text
   will look like mojibake and be refused.

gb2312 and gbk are always decoded as gb18030 (their superset; w3lib's
translation table). :class:`EncodingMiddleware` applies the policy to every
HTML response and leaves the source in ``response.meta["encoding_source"]``;
:func:`mojibake_reason` is the test a page's text must pass to be stored.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy.http import Response, TextResponse, XmlResponse
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

SOURCES = ("bom", "header", "meta", "sniffed")
SNIFFED = ("utf-8", "gb18030")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Characters that UTF-8 (or GBK) bytes become when read as Latin-1 / cp1252.
_LATIN_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
# U+FFFD written as UTF-8 and read back as GBK; MSVC's fill bytes read as GBK.
_GARBLE_MARKS = ("锟斤拷", "烫烫烫", "屯屯屯")
# Labels of GB2312 and GBK that sites use (some unknown to Python's codecs).
_GB_LABELS = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb-2312-80",
                        "csgb2312", "euc-cn", "x-euc-cn", "chinese", "iso-ir-58", "csiso58gb231280",
                        "gb18030"})
# Magic numbers of files that are not web pages.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
                 b"Rar!", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf")


def normalise(name: str | None) -> str | None:
    """The codec to decode `name` with (gb2312 and gbk: gb18030), or None if unknown."""
    if not name:
        return None
    key = name.strip().lower().replace("_", "-")
    if key in _GB_LABELS:
        return "gb18030"
    return resolve_encoding(key)


def _latin_byte(char: str) -> bytes:
    """The byte a Latin-1 or cp1252 reading turned into `char`."""
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _latin_recovered(text: str, real: str) -> int:
    """CJK characters recovered by reading Latin-1-looking runs of `text` as `real`.

    Lenient, since a cp1252 reading drops the five bytes it has no character
    for: a run counts when it gives back more CJK than replacement characters.
    """
    found = 0
    for run in _LATIN_RUN.findall(text):
        raw = b"".join(_latin_byte(char) for char in run)
        decoded = raw.decode(real, errors="replace")
        cjk = len(_CJK.findall(decoded))
        if cjk > decoded.count("\ufffd"):
            found += cjk
    return found


def mojibake_reason(text: str) -> str | None:
    """Why `text` looks decoded with the wrong charset, or None when it looks right.

    Looks for replacement characters, GBK read as UTF-8 and back (锟斤拷),
    UTF-8 or GBK read as Latin-1 (``å¼ å®¶å£``, ``ÕÅ¼Ò¿Ú``) and UTF-8 read as
    GBK (``寮犲鍙``: the GB18030 bytes of the text are valid UTF-8 CJK).
    """
    if not text:
        return None
    bad = text.count("\ufffd")
    if bad:
        return f"{bad} replacement characters (bytes invalid in the charset used)"
    for mark in _GARBLE_MARKS:
        if mark in text:
            return f"{mark}: GBK bytes read as UTF-8 and written back"
    cjk = len(_CJK.findall(text))
    if _LATIN_RUN.search(text):
        recovered = _latin_recovered(text, "utf-8")
        if recovered >= 2:
            return f"UTF-8 read as Latin-1 ({recovered} Chinese characters hide in Latin letters)"
        recovered = _latin_recovered(text, "gb18030")
        if recovered >= 8 and recovered > cjk:
            return f"GBK read as Latin-1 ({recovered} Chinese characters hide in Latin letters)"
    if cjk >= 10:
        redone = text.encode("gb18030", errors="ignore").decode("utf-8", errors="replace")
        again, broken = len(_CJK.findall(redone)), redone.count("\ufffd")
        if again >= 10 and again >= 4 * broken:
            return f"UTF-8 read as GBK ({again} characters decode again as UTF-8)"
    return None


def looks_binary(body: bytes) -> bool:
    """Is `body` a file rather than text (a known magic number, or NUL bytes near the start)?"""
    head = body[:1024]
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head and not read_bom(head)[0]


@dataclass(frozen=True)
class Decision:
    """How a page is decoded: the codec, where it came from, the text and any problem left."""

    encoding: str
    source: str
    text: str
    problem: str | None = None


def _decode(body: bytes, encoding: str, source: str) -> Decision:
    text = body.decode(encoding, errors="replace")
    return Decision(encoding, source, text, mojibake_reason(text))


def decide_encoding(body: bytes, content_type: str | bytes | None = None) -> Decision:
    """Decide how to decode an HTML `body` served with `content_type` (see the module doc)."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        encoding = normalise(bom_encoding) or "utf-8"
        return _decode(body[len(bom):], encoding, "bom")
    tried: list[Decision] = []
    declared = ((normalise(http_content_type_encoding(content_type or "")), "header"),
                (normalise(html_body_declared_encoding(body)), "meta"))
    for encoding, source in declared:
        if not encoding or any(d.encoding == encoding for d in tried):
            continue
        decision = _decode(body, encoding, source)
        if decision.problem is None:
            return decision
        tried.append(decision)
    for encoding in SNIFFED:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        problem = mojibake_reason(text)
        if problem is None:
            return Decision(encoding, "sniffed", text)
        # Valid UTF-8 is never GBK: a page whose UTF-8 is mojibake was garbled
        # before it was served (double-encoded), and no charset repairs it.
        if not tried:
            tried.append(Decision(encoding, "sniffed", text, problem))
        break
    return tried[0] if tried else _decode(body, "utf-8", "sniffed")


class EncodingMiddleware:
    """Downloader middleware: decodes every HTML response by the project's policy.

    Sets the response's encoding explicitly, puts the source (bom, header,
    meta, sniffed) in ``response.meta["encoding_source"]`` and counts it under
    ``encoding/<source>``. A body that is a file (an image, a PDF, a zip)
    whatever its Content-Type becomes a plain, non-text Response, which
    spiders refuse as ``not_html``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingMiddleware:
        """Build the middleware for `crawler`."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        """Return `response` decoded by the policy (or as non-text when it is binary)."""
        if not isinstance(response, TextResponse) or isinstance(response, XmlResponse):
            return response
        if looks_binary(response.body):
            self.stats.inc_value("encoding/binary")
            return Response(
                url=response.url, status=response.status, headers=response.headers,
                body=response.body, flags=response.flags, request=response.request,
                certificate=response.certificate, ip_address=response.ip_address,
                protocol=response.protocol,
            )
        decision = decide_encoding(response.body, response.headers.get("Content-Type"))
        request.meta["encoding_source"] = decision.source
        self.stats.inc_value(f"encoding/{decision.source}")
        if decision.problem:
            logger.debug("No charset decodes %s cleanly: %s", response.url, decision.problem)
        return response.replace(encoding=decision.encoding)
