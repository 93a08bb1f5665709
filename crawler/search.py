"""Chinese full-text search on SQLite FTS5, with the stock tokenizer.

SQLite's `unicode61` tokenizer takes a run of Chinese characters as one
token, and `trigram` cannot match two-character words (疫情, 防控, 会议).
So the index holds overlapping character bigrams of the simplified text
(`疫情防控` -> `疫情 情防 防控`), and a query becomes a phrase of the same
bigrams (`防控工作` -> `"防控 控工 工作"`): consecutive bigrams match exactly
the substring, for words of any length, with no segmentation dictionary.
Queries in traditional script are converted first, so `領導小組` finds
reports written either way.
"""

from __future__ import annotations

import re

from .clean import CJK, to_simplified

_RUNS = re.compile(rf"[{CJK}]+|[0-9A-Za-z]+")
_TERM = re.compile(r'"[^"]*"|\S+')


def bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a run of Chinese characters; a lone character alone."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str | None) -> list[str]:
    """The index tokens of `text`: bigrams of Chinese runs, lower-cased words and numbers."""
    out: list[str] = []
    for run in _RUNS.findall(to_simplified(text or "") or ""):
        if run[0].isascii():
            out.append(run.lower())
        else:
            out.extend(bigrams(run))
    return out


def index_text(*texts: str | None) -> str:
    """What goes into the FTS table for a report (its simplified title and body)."""
    return " ".join(" ".join(tokens(t)) for t in texts if t)


def _term_query(term: str) -> str | None:
    words = tokens(term.strip('"'))
    if not words:
        return None
    runs = _RUNS.findall(to_simplified(term) or "")
    if len(runs) == 1 and len(runs[0]) == 1 and not runs[0].isascii():
        return f'"{runs[0]}" *'  # one character: any bigram that starts with it
    return '"' + " ".join(words) + '"'


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for a user's search: every term must occur (AND).

    `领导小组 疫情` -> `"领导 导小 小组" AND "疫情"`. Quotes in the query only group
    words; `AND` is implied (so a rewritten query rewrites to itself); other FTS5
    operators typed by the user are treated as words.
    """
    terms = [t for t in _TERM.findall(query or "") if t != "AND"]  # AND is implied
    parts = [p for p in (_term_query(t) for t in terms) if p]
    return " AND ".join(parts) if parts else '""'
