"""A small zjknews-shaped site in a temporary fixture folder, changed between runs.

Built from the real fixture pages, so the crawler reads it with its real
layout; the tests add, edit and break pages, then crawl it again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .cases import FIXTURES

HOST = "www.zjknews.com"
SOURCE = FIXTURES / "zjknews" / "mirror" / HOST
ARTICLES = sorted(
    p.relative_to(SOURCE).as_posix()
    for p in SOURCE.glob("news/shizheng/*/*/*.html")
    if p.read_bytes().count(b"<p") > 2 and b"gb2312" not in p.read_bytes()
)


class MiniSite:
    """A fixture folder holding one zjknews list page and some of its articles."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site_dir = root / "zjknews"
        self.mirror = self.site_dir / "mirror" / HOST
        self.list_path = self.mirror / "news" / "shizheng" / "index.html"
        self.articles: list[str] = []
        self.list_path.parent.mkdir(parents=True, exist_ok=True)

    def url(self, rel: str) -> str:
        return f"http://{HOST}/{rel}"

    def publish(self, count: int) -> list[str]:
        """Put `count` more fixture articles online and on the list page; return their URLs."""
        new = ARTICLES[len(self.articles) : len(self.articles) + count]
        assert len(new) == count, "not enough fixture articles"
        for rel in new:
            target = self.mirror / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SOURCE / rel, target)
        self.articles += new
        self.write_list()
        return [self.url(rel) for rel in new]

    def write_list(self) -> None:
        items = "".join(f'<li><a href="/{rel}">文章</a></li>' for rel in reversed(self.articles))
        self.list_path.write_text(
            '<html><head><meta charset="utf-8"><title>时政</title></head><body>'
            f'<div class="i_left fl"><ul>{items}</ul></div></body></html>',
            encoding="utf-8",
        )

    def edit(self, index: int, old: str, new: str) -> str:
        """Change text in a published article; return its URL."""
        path = self.mirror / self.articles[index]
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self.url(self.articles[index])

    def replace_list(self, html: str, status: int | None = None,
                     headers: dict[str, str] | None = None) -> None:
        """Serve something else at the list page (a broken layout, a challenge page)."""
        self.list_path.write_text(html, encoding="utf-8")
        manifest = {}
        if status or headers:
            manifest[f"{HOST}/news/shizheng/"] = {"status": status or 200,
                                                   "headers": headers or {}}
        (self.site_dir / "mirror.json").write_text(json.dumps(manifest), encoding="utf-8")
