"""`scrapy crawl textdump -a path=DIR`: plain-text page dumps, like seeds/.

Each `*.txt` under DIR (UTF-8; a dump that is not, or whose text is
mojibake, is refused and counted) is read over `file://`, its layout recognised
from the text alone, and stored through the same cleaning as crawled pages.
A dump is keyed by its path under DIR (`textdump:<relative path>`), so a
changed file is an updated report and a new file a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response

from ..encoding import mojibake_reason
from ..runs import run_context
from ..sites import site_for_layout
from ..textdump import read_dump, recognise_layout

logger = logging.getLogger(__name__)


class TextDumpSpider(scrapy.Spider):
    """Reads a folder of text dumps."""

    name = "textdump"
    # Local files: no politeness delay, no robots.txt.
    custom_settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}

    def __init__(self, *args: Any, path: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not path:
            raise UsageError("textdump needs a folder: scrapy crawl textdump -a path=DIR")
        self.root = Path(path).expanduser().resolve()
        if not self.root.exists():
            raise UsageError(f"textdump: no such file or folder: {path}")

    def dump_files(self) -> list[Path]:
        """The dumps to read: DIR itself when it is a file, else every *.txt below it."""
        if self.root.is_file():
            return [self.root]
        return sorted(p for p in self.root.rglob("*.txt") if p.is_file())

    async def start(self):  # noqa: D102 (Scrapy's entry point)
        files = self.dump_files()
        if not files:
            logger.warning("textdump: no .txt files under %s", self.root)
        for file in files:
            yield scrapy.Request(file.as_uri(), callback=self.parse_dump, cb_kwargs={"file": file})

    def key_for(self, file: Path) -> str:
        """The stable URL a dump is stored under."""
        base = self.root.parent if self.root.is_file() else self.root
        return "textdump:" + file.relative_to(base).as_posix()

    def parse_dump(self, response: Response, file: Path) -> Iterator[Any]:
        """Recognise the dump's layout and yield it as a RawArticle item."""
        self.crawler.stats.inc_value("textdump/files")
        context = run_context(self.crawler)
        try:
            text = response.body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            context.page_failed(self.key_for(file), None, "not_utf8",
                                f"text dump is not UTF-8, skipped: {file} ({exc})")
            return
        garbled = mojibake_reason(text)
        if garbled:
            context.page_failed(self.key_for(file), None, "mojibake",
                                f"text dump is mojibake, skipped: {file} ({garbled})")
            return
        layout = recognise_layout(text)
        if layout is None:
            context.page_failed(self.key_for(file), None, "unknown_layout",
                                f"text dump of unknown layout, skipped: {file}")
            return
        raw = read_dump(text, url=self.key_for(file), layout=layout)
        site = site_for_layout(layout)
        raw.site = site.name if site else None
        raw.encoding = "utf-8"
        # Dumps are UTF-8 by definition; a byte-order mark is the only thing to report.
        raw.encoding_source = "bom" if response.body.startswith(b"\xef\xbb\xbf") else "textdump"
        raw.title_suffixes = ()
        yield raw
