"""Plain-text page dumps (like seeds/): recognise the layout, find the article.

A dump is the visible text of a page, top to bottom. The reader is the same
for every layout: the first line with a date and a time starts the meta
block; the lines right above it are the title and subtitle; the body runs
from after the meta block to the first end-of-article marker. Layouts only
tell which template a dump comes from (`TEXT_SIGNATURES` in each layout).
"""

from __future__ import annotations

import re

from . import furniture
from .article import RawArticle
from .clean import clean_text, to_simplified
from .dates import find_datetime
from .layouts import LAYOUTS

_LABEL_ONLY = re.compile(r"^[•·\s]*[\u4e00-\u9fff]{1,4}[:：]$")
_BULLET = re.compile(r"^[•·]\s*")


def recognise_layout(text: str) -> str | None:
    """The name of the layout whose signatures the dump matches best, or None."""
    hans = to_simplified(text) or ""
    best, best_score = None, 0
    for name, layout in LAYOUTS.items():
        score = sum(1 for pattern in layout.text_signatures if re.search(pattern, hans, re.M))
        if score > best_score:
            best, best_score = name, score
    return best


def _is_meta_line(line: str) -> bool:
    match = find_datetime(line)
    return bool(match and match["H"] is not None)


def _is_header(line: str) -> bool:
    """Furniture above the title: nav, breadcrumb, site name, lone numbers, date-only lines."""
    if furniture.is_furniture(line) or furniture.is_nav_line(line):
        return True
    match = find_datetime(line)
    return bool(match and match.group(0).strip() == line.strip())


def read_dump(text: str, url: str, layout: str | None = None) -> RawArticle:
    """Split a dump's lines into a :class:`RawArticle` (cleaning comes later).

    Lines are matched in their cleaned form; the body keeps the raw lines, so
    the shared cleaning sees them as a crawled page's blocks.
    """
    pairs = [(raw, clean_text(raw)) for raw in text.splitlines()]
    raws = [raw for raw, clean in pairs if clean]
    lines = [clean for _, clean in pairs if clean]
    meta = next((i for i, line in enumerate(lines) if _is_meta_line(line)), None)
    article = RawArticle(url=url, layout=layout)
    if meta is None:
        start = 0
        while start < len(lines) and _is_header(lines[start]):
            start += 1
        article.body = raws[start:]
        return article
    article.published = _BULLET.sub("", lines[meta])
    above: list[str] = []
    for line in reversed(lines[:meta]):
        if _LABEL_ONLY.match(line):
            continue
        if _is_header(line) or len(above) == 2:
            break
        above.insert(0, line)
    if above:
        article.title = above[0]
        article.subtitle = above[1] if len(above) > 1 else None
    source = re.search(r"[来來]\s*源\s*[:：].*", lines[meta])
    article.source = source.group(0) if source else None
    body_start = meta + 1
    while body_start < len(lines) and (
        _BULLET.match(lines[body_start]) or _LABEL_ONLY.match(lines[body_start])
    ):
        candidate = _BULLET.sub("", lines[body_start])
        if re.match(r"[来來]\s*源", candidate):
            article.source = candidate
        elif not furniture.is_furniture(candidate):
            break
        body_start += 1
    article.body = raws[body_start:]
    return article
