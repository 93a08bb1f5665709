"""A zjknews-shaped site whose pages misbehave: one fixture article per fault.

Each page is a copy of a real fixture article under a new URL, so the crawler
reads it with the real layout; the mirror's `fault` key (fixtures/README.md)
makes the local server misbehave on it over real HTTP.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .sitebuilder import ARTICLES, HOST, SOURCE

# The one fixture page that is GBK bytes, its charset only in <meta> (gb2312).
GBK_ARTICLE = "news/shizheng/202110/24/341458.html"


class FaultSite:
    """A fixture folder with one list page and articles, each with an optional fault."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site_dir = root / "zjknews"
        self.mirror = self.site_dir / "mirror" / HOST
        self.list_path = self.mirror / "news" / "shizheng" / "index.html"
        self.list_path.parent.mkdir(parents=True, exist_ok=True)
        self.pages: list[str] = []
        self.manifest: dict[str, dict] = {}

    def url(self, rel: str) -> str:
        return f"http://{HOST}/{rel}"

    def add(self, fault: str | dict | None = None, source: str | None = None,
            body: bytes | None = None) -> str:
        """Put one article online (a copy of `source`, or `body`) with `fault`; return its URL."""
        rel = f"news/shizheng/202207/28/{900000 + len(self.pages)}.html"
        target = self.mirror / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if body is not None:
            target.write_bytes(body)
        else:
            shutil.copy(SOURCE / (source or ARTICLES[len(self.pages) % len(ARTICLES)]), target)
        self.pages.append(rel)
        self.set_fault(rel, fault)
        self.write()
        return self.url(rel)

    def set_fault(self, rel: str, fault: str | dict | None) -> None:
        """Give the page at `rel` a fault (a name, or a manifest entry), or none."""
        key = f"{HOST}/{rel}"
        if fault is None:
            self.manifest.pop(key, None)
        else:
            self.manifest[key] = {"fault": fault} if isinstance(fault, str) else fault
        self.write()

    def write(self) -> None:
        items = "".join(f'<li><a href="/{rel}">文章</a></li>' for rel in self.pages)
        self.list_path.write_text(
            '<html><head><meta charset="utf-8"><title>时政</title></head><body>'
            f'<div class="i_left fl"><ul>{items}</ul></div></body></html>',
            encoding="utf-8",
        )
        (self.site_dir / "mirror.json").write_text(json.dumps(self.manifest), encoding="utf-8")
