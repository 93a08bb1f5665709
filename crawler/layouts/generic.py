"""The generic layout: any Chinese government or news site, by configuration alone.

Article pages are read by :func:`crawler.extract.locate` (meta tags, known
CMS containers, `<time>`/JSON-LD, visible 来源/发布时间 lines, text density).
List pages are read by the site's `list_links_xpath` when its entry gives
one, else by a link rule: same-site links whose URL looks like an article of
one of the common CMS families, with an anchor text (or `title`) of at least
eight characters. Links inside JS data blocks (大汉 JCMS `<datastore>`
records) count too. Next list pages come from `下一页`/`下页`/`next` links, the
TRS `createPageHTML` call, or a 大汉 JCMS pager (`?uid=…&pageNum=N`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from ..article import RawArticle
from ..extract import locate, raw_article
from .base import Layout

if TYPE_CHECKING:
    from ..sites import Site

# Article URLs of the common CMS families.
ARTICLE_URL = re.compile(
    r"(?:"
    r"/\d{6}/t\d{8}_\d+\.s?html?$"  # TRS WCM: /202203/t20220305_123.shtml
    r"|/t\d{8}_\d+\.s?html?$"
    r"|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$"  # 大汉 JCMS: /art/2022/3/5/art_1_2.html
    r"|/\d{4}/\d{2}/\d{2}/[\w-]+\.s?html?$"  # /2022/03/05/123.html
    r"|/\d{4}/\d{1,2}/\d{1,2}/[\w-]+\.s?html?$"
    r"|/\d{4}-\d{2}/\d{2}/(?:content_|c_)?\d+\.s?html?$"  # /2022-03/05/content_123.htm
    r"|/\d{4}/\d{4}/\d+\.s?html?$"  # 织梦: /a/xwzx/2022/0305/123.html
    r"|/\d{6}/\d{2}/[\w-]+\.s?html?$"  # /202203/05/123.html
    r"|/\d{6}/[\w-]*\d{3,}[\w-]*\.s?html?$"  # /202203/123.html
    r"|/a/\d{8}/\d+\.s?html?$"  # 织梦: /a/20220305/123.html
    r"|/content/[\w/-]*\d+[\w-]*(?:\.s?html?)?$"  # /content/2022-03/05/content_1.html, /content/post_1.html
    r"|/(?:news|xwzx|xw|info|article|detail|show)/(?:[\w-]+/)*\d{3,}\.s?html?$"
    r"|/(?:art|article|info|news|content|detail|show)[_-]?\d+\.s?html?$"
    r"|[?&](?:id|aid|articleid|newsid|contentid|infoid)=\d+"
    r")",
    re.I,
)
# URLs that are never articles even when they match above.
NOT_ARTICLE = re.compile(r"/(?:index|list|col)[_\d]*\.s?html?$|/col/col\d+/|\.(?:jpg|png|gif|pdf|docx?|xlsx?|zip|rar)$", re.I)
MIN_ANCHOR_CHARS = 8
NEXT_TEXTS = ("下一页", "下页", "下一頁", "下頁", "next", "Next", "NEXT", ">", "›", "»", ">>")

_CREATE_PAGE = re.compile(
    r"createPage(?:HTML)?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([^\"']+)[\"']\s*,\s*[\"']([^\"']+)[\"']"
)
_HREF = re.compile(r"""<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.*?)</a>""", re.I | re.S)
_TITLE_ATTR = re.compile(r"""title\s*=\s*["']([^"']*)["']""", re.I)
_TAGS = re.compile(r"<[^>]+>")
# 大汉 JCMS list units: the pager script names the unit and the page count.
_JCMS_UNIT = re.compile(r"<datastore>", re.I)
_JCMS_TOTAL = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>|totalpage\s*[:=]\s*['\"]?(\d+)", re.I)
_JCMS_UID = re.compile(r"(?:unitid|uid)\s*[=:]\s*['\"]?(\d+)", re.I)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _same_site(url: str, base: str, domains: tuple[str, ...]) -> bool:
    host = _host(url)
    if domains:
        return any(host == d or host.endswith("." + d) for d in domains)
    return host == _host(base)


def _anchor_text(text: str) -> str:
    return re.sub(r"\s+", "", _TAGS.sub("", text or ""))


class GenericLayout(Layout):
    """Reads any article page by :mod:`crawler.extract`; lists by configuration or a link rule."""

    name = "generic"
    article_url = ARTICLE_URL.pattern
    list_links_xpath = ""

    def __init__(self, site: Site | None = None) -> None:
        self.site = site
        self.domains: tuple[str, ...] = tuple(d.lower() for d in site.allowed_domains) if site else ()
        self.links_xpath: str = (getattr(site, "list_links_xpath", None) or "") if site else ""
        pattern = getattr(site, "article_url", None) if site else None
        self.article_re = re.compile(pattern) if pattern else None

    def for_site(self, site: Site) -> GenericLayout:
        """This layout configured for one site (its domains, list selector, article URL rule)."""
        return GenericLayout(site)

    # --- list pages -----------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        """True when `url` matches the site's article rule, or else the generic one."""
        if self.article_re is not None:
            return bool(self.article_re.search(url))
        path = urlsplit(url)
        tail = path.path + (f"?{path.query}" if path.query else "")
        return bool(ARTICLE_URL.search(tail)) and not NOT_ARTICLE.search(path.path)

    def _anchors(self, sel: Selector) -> list[tuple[str, str]]:
        """(href, text or title) of every link: in the page, and in its JS data blocks."""
        scope = sel.xpath(self.links_xpath) if self.links_xpath else []
        anchors: list[tuple[str, str]] = []
        for a in scope or sel.xpath("//a[@href]"):
            text = "".join(a.xpath(".//text()").getall())
            title = a.xpath("@title").get() or ""
            anchors.append((a.xpath("@href").get() or "", max(_anchor_text(text), title.strip(), key=len)))
        if scope:
            return anchors
        # Links the page only holds as text: JCMS <datastore> records, JSON/JS lists.
        for script in sel.xpath("//script/text()").getall():
            for match in _HREF.finditer(script):
                title = _TITLE_ATTR.search(match.group(0))
                text = _anchor_text(match.group(2))
                anchors.append((match.group(1), max(text, title.group(1).strip() if title else "", key=len)))
        return anchors

    def list_links(self, sel: Selector, url: str) -> list[str]:
        """The article URLs of a list page: configured selector, else the generic link rule."""
        links: list[str] = []
        configured = bool(self.links_xpath and sel.xpath(self.links_xpath))
        for href, text in self._anchors(sel):
            absolute = urljoin(url, href.strip()).split("#", 1)[0]
            if not absolute.startswith("http") or absolute in links or absolute == url:
                continue
            if not _same_site(absolute, url, self.domains) or not self.is_article_url(absolute):
                continue
            if not configured and len(text) < MIN_ANCHOR_CHARS:
                continue
            links.append(absolute)
        return links

    def next_pages(self, sel: Selector, url: str) -> list[str]:
        """The next list page(s): a 下一页 link, the TRS page count, or a JCMS pager."""
        pages: list[str] = []

        def add(target: str) -> None:
            target = urljoin(url, target.strip())
            if (
                target.startswith("http") and target != url and target not in pages
                and _same_site(target, url, self.domains)
            ):
                pages.append(target)

        for a in sel.xpath("//a[@href]"):
            text = re.sub(r"\s+", "", "".join(a.xpath(".//text()").getall()))
            title = (a.xpath("@title").get() or "").strip()
            rel = (a.xpath("@rel").get() or "").lower()
            href = a.xpath("@href").get() or ""
            if href.startswith(("javascript", "#")):
                continue
            if text in NEXT_TEXTS or title in ("下一页", "下页") or rel == "next":
                add(href)
        if pages:
            return pages[:1]
        scripts = " ".join(sel.xpath("//script/text()").getall())
        match = _CREATE_PAGE.search(scripts)
        if match and int(match[2]) == 0:
            count, prefix, ext = int(match[1]), match[3], match[4]
            return [urljoin(url, f"{prefix}_{i}.{ext}") for i in range(1, count)]
        if _JCMS_UNIT.search(scripts):
            total = _JCMS_TOTAL.search(scripts)
            uid = _JCMS_UID.search(scripts)
            current = re.search(r"[?&]pageNum=(\d+)", url)
            if total and uid and not current:
                count = int(total.group(1) or total.group(2))
                base = url.split("?", 1)[0]
                return [f"{base}?uid={uid.group(1)}&pageNum={i}" for i in range(2, count + 1)]
        return []

    # --- article pages --------------------------------------------------------

    def read_article(self, sel: Selector, url: str) -> RawArticle:
        """Read an article page with the generic extractor (one pass over the parsed tree)."""
        root = sel.root
        if not isinstance(root, etree._Element):
            return RawArticle(url=url, layout=self.name)
        found = locate(root.getroottree().getroot(), url)
        return raw_article(found, url, layout=self.name)


def configured(layout: Layout, site: Site) -> Layout:
    """`layout` as `site` uses it: the generic layout takes the site's configuration."""
    return layout.for_site(site) if isinstance(layout, GenericLayout) else layout


__all__ = ["ARTICLE_URL", "GenericLayout", "configured"]
