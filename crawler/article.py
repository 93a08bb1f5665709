"""From what a page shows to a cleaned report: shared by every layout and text dumps.

A layout (or the text-dump reader) fills a :class:`RawArticle` with the
page's strings as they are; :func:`build_report` cleans them, pulls out the
bylines, editor, source and dates, cuts the furniture and returns the
report's fields, or raises :class:`Rejected` with the reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from . import bylines, furniture
from .clean import CJK, clean_text, squash, to_simplified
from .dates import date_from_url, parse_published

MIN_BODY_CHARS = 20
# Text copies flatten paragraphs into one line: a space after a sentence end
# that a Chinese sentence follows was a paragraph break.
_FLATTENED_BREAK = re.compile(rf"(?<=[。！？])[ \u3000\u00a0]+(?=[“{CJK}])")


class Rejected(ValueError):
    """A page that cannot become a report; the message says why."""


@dataclass
class RawArticle:
    """The strings a page shows, before cleaning."""

    url: str
    site: str | None = None
    layout: str | None = None
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    source: str | None = None
    body: list[str] = field(default_factory=list)
    editor: str | None = None
    encoding: str | None = None
    # Where the encoding came from: bom, header, meta, sniffed (crawler.encoding).
    encoding_source: str | None = None
    title_suffixes: tuple[str, ...] = ()


def _strip_suffix(title: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        for sep in ("_", "-", " - ", "—", "|"):
            tail = f"{sep}{suffix}"
            if title.endswith(tail):
                return title[: -len(tail)].strip()
    return title


def _title_copy(paragraph: str, title: str) -> tuple[bool, str | None, str | None]:
    """Is `paragraph` a pasted copy of the title? Return (copy, source, subtitle)."""
    key, head = squash(title), squash(paragraph)
    if not key or not head.startswith(key):
        return False, None, None
    rest = paragraph[len(paragraph) - len(paragraph.lstrip()) :]
    # Find where the title ends in the paragraph's own characters.
    consumed, i = 0, 0
    while i < len(rest) and consumed < len(key):
        if not rest[i].isspace():
            consumed += 1
        i += 1
    tail = rest[i:].strip()
    if not tail:
        return True, None, None
    if tail[0] in "_|":
        return True, tail[1:].strip() or None, None
    # A subtitle pasted after the title is short; a paragraph that only opens with the
    # title's words (`全国人大常委会会议25日在京开幕，……`) is text.
    if len(tail) > 40 or re.search(r"[，。；！？]", tail):
        return False, None, None
    return True, None, tail


def _body(raw: RawArticle, title: str) -> tuple[list[str], list[str], str | None, dict]:
    """Clean the body lines; return paragraphs, reporters, editor and found hints."""
    paragraphs: list[str] = []
    reporters: list[str] = []
    editor: str | None = None
    hints: dict[str, str] = {}
    first_at: dict[str, int] = {}  # a kept paragraph's key -> its index
    expected = -1  # in a repeated run: the index of the paragraph that repeats next
    lines = [
        clean_text(part)
        for chunk in raw.body
        for line in (chunk or "").splitlines()
        for part in _FLATTENED_BREAK.split(line)
    ]
    for i, line in enumerate(lines):
        if not line:
            continue
        # An end marker or an editor line closes the article; before its first paragraph
        # (a share bar or `编辑：…` above the text) it is only dropped.
        if furniture.is_end_marker(line):
            if paragraphs:
                break
            continue
        if furniture.is_furniture(line) or furniture.is_url_only(line):
            continue
        if bylines.is_editor_line(line):
            # A byline may stand before the editor.
            editor = editor or bylines.editor_in(line)
            before, names = bylines.split_byline(bylines.before_editor(line))
            reporters += [n for n in names if n not in reporters]
            if before and not furniture.is_furniture(before):
                paragraphs.append(before)
            if paragraphs:
                break
            continue
        line = furniture.strip_bullet(line)
        if title and len(paragraphs) < 2:
            is_copy, source, subtitle = _title_copy(line, title)
            if is_copy:
                if source:
                    hints.setdefault("source", source)
                if subtitle:
                    hints.setdefault("subtitle", subtitle)
                continue
        line = furniture.strip_urls(line)
        line, names = bylines.split_byline(line)
        reporters += [n for n in names if n not in reporters]
        if not line:
            continue
        key = squash(line)
        j = first_at.get(key) if len(key) >= 10 else None
        if j is not None and (j == expected or _starts_repeat(j, paragraphs, lines, i)):
            expected = j + 1
            continue  # the page carries its body twice
        expected = -1
        first_at.setdefault(key, len(paragraphs))
        paragraphs.append(line)
    return paragraphs, reporters, editor, hints


def _starts_repeat(j: int, paragraphs: list[str], lines: list[str], i: int) -> bool:
    """Does the line at `i`, a copy of paragraph `j`, start the body over again? It does
    when the body so far is that one paragraph, or when the next line copies paragraph
    `j + 1` too. A single paragraph the article itself repeats is kept."""
    if j == 0 and len(paragraphs) == 1:
        return True
    if j + 1 >= len(paragraphs):
        return False
    following = next((x for x in lines[i + 1 :] if x), "")
    following = bylines.split_byline(furniture.strip_urls(following))[0]
    return squash(following) == squash(paragraphs[j + 1])


def content_hash(report: dict) -> str:
    """A hash of the cleaned content: what makes a new version of a report."""
    keys = ("title", "subtitle", "published_at", "source", "reporters", "editor", "body")
    payload = json.dumps([report.get(k) for k in keys], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def build_report(raw: RawArticle) -> dict:
    """Clean a page's strings into a report's fields; raise Rejected when it has no body."""
    title = _strip_suffix(clean_text(raw.title), raw.title_suffixes) or None
    subtitle = clean_text(raw.subtitle) or None
    paragraphs, reporters, editor, hints = _body(raw, title or "")
    body = "\n".join(paragraphs)
    if len(body.replace("\n", "")) < MIN_BODY_CHARS:
        raise Rejected(f"no article body ({len(body)} characters after cleaning)")
    raw_editor = clean_text(raw.editor)
    if raw_editor:
        editor = bylines.editor_in(raw_editor) or editor
    source = clean_text(raw.source)
    source = (bylines.source_in(source) or source) if source else hints.get("source")
    published_at = parse_published(clean_text(raw.published)) or date_from_url(raw.url)
    report = {
        "url": raw.url,
        "site": raw.site,
        "layout": raw.layout,
        "title": title,
        "subtitle": subtitle or hints.get("subtitle"),
        "published_at": published_at,
        "source": source or None,
        "reporters": reporters,
        "editor": editor,
        "body": body,
        "encoding": raw.encoding,
        "encoding_source": raw.encoding_source,
    }
    report["title_hans"] = to_simplified(report["title"])
    report["body_hans"] = to_simplified(body)
    report["content_hash"] = content_hash(report)
    return report
