"""What a layout is: URL rules and selectors, and the reading they drive.

A layout module subclasses :class:`Layout` and sets class attributes only
(plus, rarely, one small method where the template needs it). Reading is
pure: `read_article(Selector, url)` needs no crawl, so fixture tests call it
directly on saved pages.
"""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urljoin

from parsel import Selector

from ..article import RawArticle
from ..extract import blocks_of


def block_texts(nodes: list[Selector]) -> list[str]:
    """The text of `nodes`, one string per block (paragraph, div, line break)."""
    out: list[str] = []
    for node in nodes:
        root = node.root
        if isinstance(root, str):  # an attribute or text node
            if root.strip():
                out.append(root.strip())
            continue
        out.extend(blocks_of(root, prune=False))
    return out


class Layout:
    """URL rules and selectors for one page template (subclasses set the attributes)."""

    name: ClassVar[str] = ""
    # Article URLs on list pages: links matching this are followed.
    article_url: ClassVar[str] = ""
    # Where list pages hold their article links (XPath to <a> elements); the
    # whole page when it finds nothing.
    list_links_xpath: ClassVar[str] = "//a"
    # Next list page: a link with one of these texts.
    next_page_texts: ClassVar[tuple[str, ...]] = ("下一页", "下页")
    # Article fields: the first XPath that yields text wins.
    title_xpaths: ClassVar[tuple[str, ...]] = ("//h1",)
    subtitle_xpaths: ClassVar[tuple[str, ...]] = ()
    published_xpaths: ClassVar[tuple[str, ...]] = ()
    source_xpaths: ClassVar[tuple[str, ...]] = ()
    body_xpaths: ClassVar[tuple[str, ...]] = ()
    editor_xpaths: ClassVar[tuple[str, ...]] = ()
    # Site names that end <title> (`…_张家口新闻网`), cut from a title taken from it.
    title_suffixes: ClassVar[tuple[str, ...]] = ()
    # Regexes over a text dump (simplified) that identify this template.
    text_signatures: ClassVar[tuple[str, ...]] = ()

    # --- list pages ---------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        """True when `url` is an article of this layout."""
        return bool(re.search(self.article_url, url))

    def list_links(self, sel: Selector, url: str) -> list[str]:
        """The article URLs a list page links to, in page order, each once."""
        anchors = sel.xpath(self.list_links_xpath) or sel.xpath("//a")
        links: list[str] = []
        for href in anchors.xpath("@href").getall():
            absolute = urljoin(url, href.strip())
            if absolute.startswith("http") and self.is_article_url(absolute) and absolute not in links:
                links.append(absolute)
        return links

    def next_pages(self, sel: Selector, url: str) -> list[str]:
        """The list pages to visit after this one."""
        pages = []
        for text in self.next_page_texts:
            for href in sel.xpath(f"//a[normalize-space(.)='{text}']/@href").getall():
                target = urljoin(url, href.strip())
                if target.startswith("http") and target != url and target not in pages:
                    pages.append(target)
        return pages

    # --- article pages ------------------------------------------------------

    @staticmethod
    def first_text(sel: Selector, xpaths: tuple[str, ...]) -> str | None:
        """The text of the first XPath that yields any, blocks joined by newlines."""
        for xpath in xpaths:
            found = sel.xpath(xpath)
            if not found:
                continue
            if isinstance(found[0].root, str):
                text = " ".join(s.strip() for s in found.getall() if s.strip())
            else:
                text = "\n".join(block_texts(found))
            if text.strip():
                return text
        return None

    def body_blocks(self, sel: Selector) -> list[str]:
        """The body's blocks, from the first body XPath that yields any."""
        for xpath in self.body_xpaths:
            found = sel.xpath(xpath)
            blocks = block_texts(found) if found else []
            if blocks:
                return blocks
        return []

    def read_article(self, sel: Selector, url: str) -> RawArticle:
        """Read an article page into a :class:`RawArticle`."""
        return RawArticle(
            url=url,
            layout=self.name,
            title=self.first_text(sel, self.title_xpaths),
            subtitle=self.first_text(sel, self.subtitle_xpaths),
            published=self.first_text(sel, self.published_xpaths),
            source=self.first_text(sel, self.source_xpaths),
            body=self.body_blocks(sel),
            editor=self.first_text(sel, self.editor_xpaths),
            title_suffixes=self.title_suffixes,
        )
