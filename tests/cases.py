"""The fixture cases (fixtures/<site>/cases/*.json), shared by the tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from crawler.offline import DEFAULT_FIXTURES_DIR, Mirror

FIXTURES = DEFAULT_FIXTURES_DIR
ITEM_FIELDS = ("title", "subtitle", "published_at", "source", "reporters", "editor", "body")
FACT_FIELDS = (
    "is_meeting", "meeting_date", "meeting_chair", "meeting_kind", "meeting_number",
    "attendees", "region", "region_code",
)


@dataclass
class Case:
    """One expected article page."""

    site: str
    name: str
    url: str
    seed: str | None
    rejected: bool
    item: dict | None
    facts: dict | None

    @property
    def id(self) -> str:
        return f"{self.site}/{self.name}"


def load_cases() -> list[Case]:
    """Every case of every site, in a stable order."""
    cases = []
    for path in sorted(FIXTURES.glob("*/cases/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cases.append(
            Case(
                site=path.parent.parent.name,
                name=path.stem,
                url=data["url"],
                seed=data.get("seed"),
                rejected=bool(data.get("rejected")),
                item=data.get("item"),
                facts=data.get("facts"),
            )
        )
    return cases


_mirror: Mirror | None = None


def response_for(url: str) -> HtmlResponse:
    """The saved page for `url`, with the status and headers the mirror serves it with."""
    global _mirror
    _mirror = _mirror or Mirror(FIXTURES)
    parts = urlsplit(url)
    found = _mirror.lookup(parts.hostname or "", parts.path or "/")
    assert found.path is not None, f"no fixture file for {url}"
    return HtmlResponse(
        url=url, body=found.path.read_bytes(), headers=found.headers, status=found.status
    )


CASES = load_cases()
STORED = [c for c in CASES if not c.rejected]
REJECTED = [c for c in CASES if c.rejected]
