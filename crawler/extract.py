"""Read any Chinese government or news article page, by rules that need no site configuration.

`extract_article(html, url)` returns the article's title, publication time,
body, source, author and editor, and `field_sources`, which names the rule
that produced each field. The page is parsed once (lxml), and read in this
order, the first rule that yields a value winning:

1. gov-CMS meta tags (`ArticleTitle`, `PubDate`, `ContentSource`, `Author`,
   with `SiteName` and `ColumnName` cut from a `<title>`), then Open Graph and the
   news portals' time tags (`article:published_time`, `og:release_date`, `og:time`,
   `apub:time`, `weibo: article:create_at`…; names read without their stray spaces);
   a share title that disagrees with a heading `<title>` confirms, that wraps the
   visible headline (`转发：标题，速看！`) or that the headline carries on
   (`标题——记某某`), gives way to it. The heading is the h1–h3 or title-named element
   (`title`, `headline`, `tit`, `subject`) that `<title>` or the share title holds
   anywhere (site and column may come first; punctuation width aside), or that starts
   with a headline `<title>` holds cut short (with `…` or without), read with or without
   a leading kicker child or a trailing badge (`原创`), its `<br>` lines joined; else a
   plain element of text alone that `<title>` shows so (`<p class="bt">`,
   `<td><font><b>`); else the first `<h1>` that is not the site's logo (named so, or
   only a link home), or a title-named element; else `<title>` without site and column
   parts at either end;
2. the body containers of the known CMS families (TRS WCM `TRS_Editor`,
   `TRS_UEDITOR`, `Custom_UnionStyle`; `cmsArticleContent`; 大汉 JCMS
   `#zoom` and its `ContentStart` marker; 开普云 `#UCAP-CONTENT`; 博达 VSB
   `v_news_content`; WeChat `#js_content`; `itemprop=articleBody`);
3. `<time datetime>` and JSON-LD (`headline`, `datePublished`, `author`,
   `publisher`);
4. the visible lines around the title and the body: `发布时间：` / `时间：` /
   `日期：`, `来源：`, `作者：`, `责任编辑：`, or an unlabelled date line;
5. for the date, elements named as times (`date`, `time`, `pubtime`, `h-time`…)
   before the body and outside related lists and footers; the full time in the attribute
   of a relative time (`<span title="…">3 天前</span>`); a labelled date line right
   after the body; a year-less
   `MM-DD HH:MM` completed with the year written beside it, or of the URL, a
   last-change meta (`dateUpdate`, `dateModified`), a script or another date of
   the page; a time kept in a script (`var ct`, `create_time`, JSON `pubtime`,
   `pubTime`, `newsTime`…); a last-change meta; a date-only value takes its
   time from a visible date of the same day;
6. a text-density fallback for the body (the element whose paragraphs carry
   the most punctuated text, link text discounted, with the sibling parts of the same
   article when image, video or ad blocks split it), and the URL for the date.

The cleaning is the project's own (`crawler.article.build_report`, so
`clean.py`, `bylines.py`, `furniture.py` and `dates.py`): the body loses the
title copies, bylines, editor lines and page furniture exactly as every
layout's does. Share widgets, related-link lists, pagers and hidden print
copies are pruned from the body container before its text is read; bar
bylines (`记者 | 张三`) at its head, and closing source/editor lines (`(责编：…)`,
`【纠错】【责任编辑:…】`, `来源：…`, `本文来源：…`), `（完）` marks, WeChat's 往期推荐
tails or lone short links (`返回首页`) at its end are cut. A byline that opens a
paragraph after its dateline (`新华社合肥3月16日电（记者 刘美子）…`) stays, as a reader
sees it; its names are the reporters.

`locate(root, url)` is the same reading without the cleaning: the generic
layout turns it into a :class:`~crawler.article.RawArticle`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import lxml.html
import opencc
from lxml import etree

from . import bylines, furniture
from .article import RawArticle, Rejected, build_report
from .clean import CJK, clean_text, squash, to_simplified
from .dates import date_from_url, find_datetime
from .encoding import decide_encoding

__all__ = ["Located", "extract_article", "locate", "parse_html", "without_document_ends"]

CST = timezone(timedelta(hours=8))

# --- Rule tables ------------------------------------------------------------

# Meta tags, by field, in the order they are trusted. Gov-CMS names first
# (the 政府网站 specification's ArticleTitle/PubDate/ContentSource), then the
# names news CMSs and Open Graph use.
META_TITLE = ("ArticleTitle", "og:title", "twitter:title")
META_TIME = (
    "PubDate", "pubdate", "publishdate", "PublishDate", "publish_date", "article:published_time",
    "og:published_time", "og:release_date", "publication_date", "firstpublishedtime", "pubtime",
    "_pubtime", "ptime", "apub:time", "weibo:article:create_at", "og:time",
)
# Last-change times: only a year for a year-less date, or the last resort for the date.
META_MODIFIED = (
    "dateUpdate", "dateModified", "article:modified_time", "og:updated_time", "lastmod",
)
META_SOURCE = ("ContentSource", "source", "article:source")
META_AUTHOR = ("Author", "author", "article:author")
META_SITE = ("SiteName", "og:site_name")
META_COLUMN = ("ColumnName",)

# Known body containers: (rule name, XPath). The first one that holds text wins.
CONTAINERS: tuple[tuple[str, str], ...] = (
    ("TRS_UEDITOR", "//div[contains(@class,'TRS_UEDITOR')]"),
    ("TRS_Editor", "//div[contains(@class,'TRS_Editor')]"),
    ("Custom_UnionStyle", "//div[contains(@class,'Custom_UnionStyle')]"),
    ("cmsArticleContent", "//div[contains(@class,'cmsArticleContent')]"),
    ("UCAP-CONTENT", "//*[@id='UCAP-CONTENT'] | //ucapcontent"),
    ("zoom", "//*[@id='zoom' or @id='Zoom' or @id='fontzoom']"),
    ("ContentStart", "//meta[@name='ContentStart']/.."),
    ("v_news_content", "//*[contains(@class,'v_news_content') or @id='vsb_content']"),
    ("js_content", "//*[@id='js_content']"),
    ("articleBody", "//*[@itemprop='articleBody']"),
)

# Elements never part of a body: widgets, related links, pagers, comments.
_NOISE = re.compile(
    r"share|fenxiang|bdshare|jiathis|bshare|social|related|relate|xiangguan|xgxw|xgwz|xglj|"
    r"recommend|tuijian|comment|pinglun|commet|qr|erweima|ewm|print|dayin|pagelist|"
    r"vote|poll|toupiao|video|player|"
    r"pagination|pager|page-?nav|prenext|pre-?next|context|actbox|handle|breadcrumb|crumb|"
    r"footer|copyright|toolbar|tools|sidebar|advert|banner|guanggao|(?:^|[-_\s])(?:ad|gg)(?:[-_\s\d]|$)",
    re.I,
)
_CONTAINER_NAMES = re.compile(r"TRS_|Custom_UnionStyle|cmsArticleContent|zoom|content|article", re.I)
# Hidden for good (print copies, templates); `visibility:hidden` is how pages such as
# WeChat's hide a body until their scripts run, so it does not count.
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_SKIP = frozenset("script style noscript iframe button select textarea input".split())
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre hr dd dt "
    "dl header footer figure figcaption center main aside nav form fieldset details summary "
    "address caption tbody thead".split()
)

# Visible labelled lines: `发布时间：…  来源：…  作者：…  浏览次数：…`.
_LABELS = (
    "发布时间|发布日期|发表时间|发稿时间|发文日期|成文日期|更新时间|时间|日期|"
    "信息来源|文章来源|稿件来源|新闻来源|来源|作者|撰稿人|撰稿|"
    "责任编辑|编辑|审核|浏览次数|浏览量|点击数|点击量|点击|浏览|阅读|访问量|字号|字体"
)


def _both_scripts(pattern: str) -> str:
    """`pattern` with each simplified character also matching its traditional form."""
    converter = opencc.OpenCC("s2t")
    out = []
    for char in pattern:
        trad = converter.convert(char)
        out.append(f"[{char}{trad}]" if trad != char and len(trad) == 1 else char)
    return "".join(out)


_LABEL = re.compile(rf"(?P<label>{_both_scripts(_LABELS)})\s*[:：]\s*")
_TIME_LABELS = {"发布时间", "发布日期", "发表时间", "发稿时间", "发文日期", "时间", "日期", "成文日期"}
_SOURCE_LABELS = {"信息来源", "文章来源", "稿件来源", "新闻来源", "来源"}
_AUTHOR_LABELS = {"作者", "撰稿人", "撰稿"}
_EDITOR_LABELS = {"责任编辑", "编辑"}
# Labels that, starting a short line in the body's first lines, make it a meta line.
_META_START = re.compile(
    r"^(?:发布时间|发布日期|发表时间|发稿时间|信息来源|文章来源|稿件来源|来源|作者|"
    r"浏览次数|点击数|字号|【字号|更新时间)\s*[:：]"
)
# Ends of articles and dropped lines that the shared furniture list does not name
# (general news pages: recommended reading, comment prompts, 原标题 notes).
_END_EXTRA = re.compile(
    r"^(?:相关(?:链接|文章|报道|日志|博文|推荐|视频|图集|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|网友评论|"
    r"我要评论|发表评论|文章评论|更多>>|返回顶部|【打印本页】|【关闭窗口】|\[打印本页\]|"
    r"往期推荐|往期回顾|往期精彩|精彩回顾|精彩推荐|更多精彩|长按识别|长按二维码|扫码关注|"
    # a short heading of recommendations: 精彩视频推荐, 编辑推荐, 相关推荐
    r"[^，。；！？\s]{0,6}推荐$|"
    r"[-—－(（【\[]*\s*完\s*[-—－)）】\]]*$|"
    # a platform's statement under the article: 特别声明：以上内容…, 免责声明, 声明：该文观点仅代表…
    r"[【\[]?(?:特别|免责)声明|声明[:：].{0,30}(?:仅代表|不代表|观点)|"
    # a column's rights note: 本文为某某授权某专栏发布，转载请注明出处。
    r"本文(?:为|系|由).{0,40}(?:授权|原创|独家|首发|专栏|专稿).{0,40}(?:转载|观点|立场))"
)
_DROP_EXTRA = re.compile(r"^(?:[（(]?原标?题(?:为|[:：]).*|【?纠错】?|【?收藏】?|分享：?|点击数?[:：]?\s*\d*\s*次?)$")
# Punctuation that marks running text: Chinese marks; the Latin ones between letters of any
# script, read in text whose spaces are squeezed out (`platform,run`, `residents.The`,
# Korean `했다.이`); Arabic-script (Uyghur), Tibetan and Mongolian marks.
_PUNCT = re.compile(r"[，。；：！？、“”،؛؟۔།᠂᠃]|(?<=[^\W\d_])[,.;!?](?=[^\W\d_]|[\"”’]|$)")
_SENTENCE_END = re.compile(r"[。！？؟۔།᠃]|(?<=[^\W\d_])[.!?](?=[^\W\d_]|[\"”’]|$)")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—{1,2}|\s-\s|-)\s*")
_SITE_WORDS = re.compile(
    r"(?:网|网站|门户|政府|人民政府|新闻|频道|首页|在线|日报|晚报|融媒|客户端|官网|中心|"
    r"要闻|动态|资讯|公开|专栏|专题|信息|栏目|"
    # organs and institutions that run sites: 某县委员会, 某市统计局, 某县人民医院
    r"委员会|常委会|政协|人大|法院|检察院|医院|大学|学院|学校|局|厅|办公室|党委|县委|市委|区委)$"
)


@dataclass
class Located:
    """What a page shows for each field, before cleaning, and the rule that found it."""

    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    site_name: str | None = None
    title_suffixes: tuple[str, ...] = ()
    field_sources: dict[str, str | None] = field(default_factory=dict)


# --- Parsing ----------------------------------------------------------------


# `</body>` and `</html>` end tags: lxml drops whatever follows a stray `</html>` in the
# middle of a page, and puts what follows a stray `</body>` outside the body; browsers
# show both. Without them lxml closes the document itself.
_END_TAGS = re.compile(r"</\s*(?:body|html)\s*>", re.I)
_END_TAGS_BYTES = re.compile(rb"</\s*(?:body|html)\s*>", re.I)


def without_document_ends(html: str) -> str:
    """`html` without its `</body>` and `</html>` end tags (see `_END_TAGS`)."""
    return _END_TAGS.sub("", html)


def parse_html(html: str | bytes) -> etree._Element:
    """Parse a page once with lxml (an XML declaration in a str is dropped first, and so
    are `</body>` and `</html>`, which lxml takes too literally when they stand early)."""
    if isinstance(html, str):
        html = without_document_ends(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
        if not html.strip():
            html = "<html></html>"
    else:
        html = _END_TAGS_BYTES.sub(b"", html)
        if not html.strip():
            html = b"<html></html>"
    try:
        return lxml.html.document_fromstring(html)
    except etree.ParserError:
        # Nothing lxml can read as a document (only comments, or undecodable bytes).
        return lxml.html.document_fromstring("<html></html>")


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text_parts(el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The text under `el`, scripts, styles and `skip` tags left out, as one raw string."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = _tag(node)
        if tag in _SKIP or tag in skip:
            return
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def _text(el: etree._Element) -> str:
    """All the text under `el` (scripts and styles skipped), spaces squeezed."""
    return re.sub(r"\s+", " ", _text_parts(el)).strip()


def _is_hidden(el: etree._Element) -> bool:
    return bool(_HIDDEN.search(el.get("style") or "")) or el.get("hidden") is not None


def _hidden_on_page(el: etree._Element) -> bool:
    """`el` or one of its ancestors is hidden."""
    return _is_hidden(el) or any(_is_hidden(a) for a in el.iterancestors())


def _names(el: etree._Element) -> str:
    """An element's class and id, as one string its names are searched in."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _is_noise(el: etree._Element) -> bool:
    """A widget, pager, share bar or related list, by its class or id. An element so named
    that holds running text (three sentences, few links) is still an article's part
    (`<div id="printContent">`), unless named as a footer, comments or related reading.
    `<body>` and `<html>` are never noise: their names are the layout's flags
    (`comments-open`)."""
    if _tag(el) in ("body", "html"):
        return False
    names = _names(el)
    if not names or _CONTAINER_NAMES.search(names) and not _NOISE.search(re.sub("content", "", names, flags=re.I)):
        return False
    if not _NOISE.search(names):
        return False
    if _STRONG_NOISE.search(names):
        return True
    return len(_SENTENCE_END.findall(_own_text(el))) < 3 or _link_density(el) > 0.3


def _link_density(el: etree._Element) -> float:
    total = len(_text(el))
    if not total:
        return 0.0
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


# A platform's prompt back to its home page, set inside an article's last paragraph:
# `<a href="//www.sohu.com/?strategyid=1">返回搜狐，查看更多</a>`.
_HOME_PROMPT = re.compile(r"^(?:返回|回到|点击进入|查看更多|更多精彩)")


def _is_home_prompt(el: etree._Element) -> bool:
    if _tag(el) != "a" or not _HOME_PROMPT.match(_text(el)):
        return False
    path = re.sub(r"^(?:https?:)?//[^/]+", "", (el.get("href") or "").strip()).split("?")[0]
    return bool(_HOME_PATH.fullmatch(path))


# The rest of an article that a page folds until the reader asks for it (`展开全文`).
_FOLD_NAMES = re.compile(r"fold|collapse|expand|zhankai|more-?con|hide-?con|rest", re.I)


def _is_folded_text(el: etree._Element) -> bool:
    """A hidden element named as a fold that holds running text: part of the article."""
    names = _names(el)
    if not _FOLD_NAMES.search(names):
        return False
    return len(_SENTENCE_END.findall(_own_text(el))) >= 2 and _link_density(el) <= 0.3


# The title of an official document or the name of an attached file.
_DOCUMENT = re.compile(
    r"^(?:\d+\s*[.、．]\s*)?(?:关于.+|.+(?:通知|决定|意见|办法|方案|规定|公告|通告|细则|规划|名单|公示|批复))"
    r"(?:\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar))?$|\.(?:docx?|pdf|xlsx?|wps|ofd|zip|rar)$",
    re.I,
)


def _lists_documents(el: etree._Element) -> bool:
    """Most of the list's links name official documents or attached files."""
    texts = [_text(a) for a in el.iter("a") if _text(a)]
    return bool(texts) and 2 * sum(bool(_DOCUMENT.search(t)) for t in texts) > len(texts)


def _is_data_row(tr: etree._Element) -> bool:
    """A table row of short cells (a data table's row, not a layout table's): two cells
    or more, no table inside, 300 characters at most."""
    cells = sum(1 for c in tr if _tag(c) in ("td", "th"))
    return cells >= 2 and tr.find(".//table") is None and len(_text(tr)) <= 300


_PLAYERS = ("iframe", "embed", "object", "video")


def _is_player_box(el: etree._Element) -> bool:
    """Is `el`, a block that holds an embedded player or document viewer, only the player
    and its labels (`在线预览 下载 全屏查看`, `如无法正常预览，请下载附件后查看。`)?"""
    if _tag(el) not in ("div", "section", "p", "center", "table", "figure"):
        return False
    text = _text(el)
    return len(text) <= 60 and len(_SENTENCE_END.findall(text)) <= 1


def blocks_of(el: etree._Element, *, prune: bool = True) -> list[str]:
    """The text of `el`, one string per block; widgets, hidden parts and link lists pruned."""
    out: list[str] = []
    buf: list[str] = []
    # The blocks that hold an embedded player: the only candidates for a player box.
    around_players = {a for p in el.iter(*_PLAYERS) for a in p.iterancestors()} if prune else set()

    def flush() -> None:
        text = _unwrapped("".join(buf)).replace(_KEPT_BREAK, "\n").strip()
        if text:
            out.append(text)
        buf.clear()

    def dropped(node: etree._Element) -> bool:
        tag = _tag(node)
        if tag in _SKIP or not tag:
            return True
        if not prune or node is el:
            return False
        if _is_hidden(node) and not _is_folded_text(node) or _is_noise(node) or _is_home_prompt(node):
            return True
        if node in around_players and _is_player_box(node):
            return True
        # A list of links (related articles, prev/next) is not body text, unless it lists
        # the documents the article names (`相关文件：` + `关于…的通知`, `附件：` + `名单.xls`).
        return tag in ("ul", "ol", "dl") and _link_density(node) > 0.5 and not _lists_documents(node)

    def walk(node: etree._Element, pre: bool = False) -> None:
        tag = _tag(node)
        # Inside code, names are a highlighter's (`<span class="token comment">`), not widgets.
        if (tag in _SKIP or not tag) if pre else dropped(node):
            return
        block = tag in _BLOCK
        pre = pre or tag in ("pre", "textarea")
        if tag == "tr" and _is_data_row(node):
            # A row of a data table is one line, its cells apart by a space.
            flush()
            cells = [c for c in node if _tag(c) in ("td", "th")]
            buf.append(" ".join(" ".join(blocks_of(c, prune=prune)) for c in cells if not dropped(c)))
            flush()
            return
        if block:
            flush()
        if node.text:
            buf.append(node.text.replace("\n", _KEPT_BREAK) if pre else node.text)
        for child in node:
            walk(child, pre)
            if child.tail:
                buf.append(child.tail.replace("\n", _KEPT_BREAK) if pre else child.tail)
        if block:
            flush()

    walk(el)
    flush()
    return out


_KEPT_BREAK = "\ue000"  # a `<pre>` line break while the block's text is unwrapped
_SOURCE_BREAK = re.compile(r"[ \t\r\f]*\n\s*")
_CJK_BREAK = re.compile(rf"(?<=[{CJK}，。；：！？、“”（）])[ \t\r\f]*\n\s*(?=[{CJK}，。；：！？、“”（）])")


def _unwrapped(text: str) -> str:
    """Text as a browser lays it out: a line break in the page's source is a space, or
    nothing between Chinese characters (a paragraph wrapped in the HTML source is one
    paragraph). `<pre>` keeps its lines."""
    if "\n" not in text:
        return text
    return _SOURCE_BREAK.sub(" ", _CJK_BREAK.sub("", text))


# --- Metadata -----------------------------------------------------------------


def _metas(root: etree._Element) -> dict[str, str]:
    """Meta tags by name or property (first non-empty value of each)."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        # Names are written with stray spaces (`weibo: article:create_at`, `og:time `).
        key = re.sub(r"\s+", "", key or "")
        value = (meta.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _first_meta(metas: dict[str, str], names: tuple[str, ...]) -> tuple[str, str] | None:
    lowered = {k.lower(): (k, v) for k, v in metas.items()}
    for name in names:
        hit = lowered.get(name.lower())
        if hit:
            return hit
    return None


def _json_ld(root: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object describing an article (or the first object at all)."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for obj in stack:
            if isinstance(obj, dict):
                objects.extend(g for g in obj.get("@graph", []) if isinstance(g, dict))
                objects.append(obj)
    for obj in objects:
        if "Article" in str(obj.get("@type", "")) or "datePublished" in obj:
            return obj
    return objects[0] if objects else {}


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


_ISO = re.compile(
    r"(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})[T ](?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)


def normalize_time(value: str | None) -> str | None:
    """A timestamp as the shared date rules read it, in China Standard Time.

    `2022-03-05T02:18:00Z` -> `2022-03-05 10:18:00`; `1646446680` (Unix
    seconds) likewise; any other form is returned as it is.
    """
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"1\d{9}(?:\d{3})?", value):
        seconds = int(value[:10])
        return datetime.fromtimestamp(seconds, CST).strftime("%Y-%m-%d %H:%M:%S")
    match = _ISO.search(value)
    if not match:
        return value
    date_part = "-".join(f"{int(p):02d}" for p in match["date"].split("-"))
    time_part = match["time"] if match["time"].count(":") == 2 else match["time"] + ":00"
    hour, rest = time_part.split(":", 1)
    try:
        stamp = datetime.fromisoformat(f"{date_part}T{int(hour):02d}:{rest}")
    except ValueError:
        return value
    tz = match["tz"]
    if tz:
        offset = UTC if tz == "Z" else datetime.strptime(tz.replace(":", ""), "%z").tzinfo
        stamp = stamp.replace(tzinfo=offset).astimezone(CST)
    return stamp.strftime("%Y-%m-%d %H:%M:%S")


def labelled(line: str) -> list[tuple[str, str]]:
    """The `label：value` pairs of a meta line, each value running to the next label."""
    matches = list(_LABEL.finditer(line))
    pairs = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[match.end() : end].strip(" |｜/【】[]　\u00a0")
        pairs.append((to_simplified(match["label"]) or "", value))
    return pairs


def _source_value(value: str) -> str | None:
    value = re.split(r"\s{2,}|[|｜]", value.strip())[0].strip()
    return value or None


# --- Title ------------------------------------------------------------------


def _split_title(text: str) -> list[str]:
    return [part for part in _TITLE_SEPARATORS.split(text) if part]


def _is_site_part(part: str, known: set[str]) -> bool:
    """A `<title>` part that names the site or a column (`某某日报`, `工作动态`, a known name)."""
    part = part.strip()
    return squash(part) in known or bool(_SITE_WORDS.search(part))


def title_from_document_title(doc_title: str, site_words: tuple[str, ...]) -> str:
    """`<title>` without the site and column names that follow the article's title, or that
    stand before it (`湖州日报-标题`, `工作动态 - 标题 - 某区人民政府`)."""
    parts = _split_title(doc_title)
    if len(parts) <= 1:
        return doc_title.strip()
    known = {squash(w) for w in site_words if w}
    while len(parts) > 1:
        last = parts[-1].strip()
        if _is_site_part(last, known) or len(last) <= 4:
            parts.pop()
            continue
        break
    while len(parts) > 1 and len(parts[0].strip()) <= 10 and _is_site_part(parts[0], known) and (
        len(parts[1].strip()) > len(parts[0].strip())
    ):
        parts.pop(0)
    # Keep the separators the title itself holds: cut the original at its end.
    head = parts[0]
    index = doc_title.find(head)
    kept = doc_title[index:]
    for part in parts[1:]:
        index = kept.find(part, len(head))
        head = kept[: index + len(part)] if index >= 0 else head
    return head.strip()


def _key(text: str | None) -> str:
    """A matching key for headlines: squashed, without punctuation or symbols (a `<title>`
    writes `：，“”` as `:,"`, or drops them)."""
    return "".join(ch for ch in squash(text) if unicodedata.category(ch)[0] not in "PSZ")


def _agrees(claimed: str, heading: str | None, doc_title: str) -> bool:
    """A meta or JSON-LD title is the article's unless it disagrees with a heading that
    `<title>` confirms.

    A share title that `<title>` does not hold and that is not the heading (`og:title`
    set to the site's name, or to a rewritten headline) gives way to a heading that
    `<title>` holds; without such a heading it stands. A share title that holds the
    heading and more (`转发：标题，速看！`, `标题 – 站名`) gives way to the heading, and so does
    one the heading carries on (`标题` against the page's `标题——记村支书张三`) or sets
    behind a short label (`【关注】标题`).
    """
    key, head, page_title = _key(claimed), _key(heading), _key(doc_title)
    if head and key != head and head in key:
        return False
    # `<title>` confirms a headline, not the site's name that it also holds.
    page_title = _key(title_from_document_title(doc_title, ())) if head else page_title
    if len(key) >= 6 and head != key and key in head and heading and not (
        find_datetime(heading) or labelled(heading)
    ) and (head.startswith(key) or len(head) - len(key) <= 12):
        return False
    if not key or not head or not page_title or key == head or key in page_title:
        return True
    return head not in page_title


def _heading_own_text(el: etree._Element) -> str:
    """A heading's text without the child elements that carry a date or a label (PHPCMS
    puts `<span>date 来源：…</span>` inside its `<h1>`)."""
    parts = [el.text or ""]
    for child in el:
        text = _text(child) if isinstance(child.tag, str) else ""
        if text and not find_datetime(text) and not labelled(text):
            parts.append(text)
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


# Elements whose class or id names a headline: `title`, `biaoti`, `tit` (`p.tit`,
# `div.detail-tit`, `newstit`) and Discuz's `thread_subject`.
_TITLE_NAMES = re.compile(r"title|headline|biaoti|tit(?=$|[-_\s\d])|subject", re.I)
# Names of a site's logo or masthead heading (`h1.logo`, `h1.site-title`, `#BlogTitle`).
_LOGO_NAMES = re.compile(r"logo|site[-_]?(?:title|name)|blog[-_]?title|brand|masthead", re.I)
# A CMS's cut of a long title: `我市新增…`, `签署...`.
_ELLIPSIS = re.compile(r"(?:…+|\.{3,}|。{3,})$")


def _broken_text(el: etree._Element) -> str:
    """The text of a heading broken over lines by `<br>`: the lines joined with nothing
    between Chinese characters, else with a space."""
    lines: list[str] = [""]

    def walk(node: etree._Element) -> None:
        tag = _tag(node)
        if tag in _SKIP:
            return
        if tag == "br":
            lines.append("")
        elif node.text:
            lines[-1] += node.text
        for child in node:
            walk(child)
            if child.tail:
                lines[-1] += child.tail
    walk(el)
    out = ""
    for line in (re.sub(r"\s+", " ", x).strip() for x in lines):
        if not line:
            continue
        joint = "" if re.match(rf"[{CJK}]", line) and re.search(rf"[{CJK}]$", out) else " "
        out = f"{out}{joint}{line}" if out else line
    return out


def _heading_variants(el: etree._Element) -> list[str]:
    """The texts a heading may show its headline as: all of it, without its date or label
    children, broken over lines by `<br>`, without a leading kicker child (`<h1><span>文旅
    </span> 标题</h1>`, Discuz's `<h1><a>[本地新闻]</a><span>标题</span></h1>`) and without a
    short trailing badge child (`<h1>标题<span>原创</span></h1>`)."""
    broken = el.find(".//br") is not None
    variants = [_broken_text(el) if broken else _text(el), _heading_own_text(el)]
    children = [c for c in el if isinstance(c.tag, str) and _tag(c) != "br"]
    if children and not (el.text or "").strip():
        parts = [children[0].tail or ""]
        for child in children[1:]:
            parts.extend((_text(child), child.tail or ""))
        rest = re.sub(r"\s+", " ", "".join(parts)).strip()
        if rest:
            variants.append(rest)
    if children and (el.text or "").strip() and not (children[-1].tail or "").strip():
        badge = _text(children[-1])
        if 0 < len(badge) <= 4:
            whole = _text(el)
            variants.append(whole[: len(whole) - len(badge)].strip())
    return variants


def _title_stems(doc_title: str, cut_title: str) -> list[str]:
    """The keys of the beginnings of a headline that `<title>` may hold cut short: the parts
    a CMS cut with an ellipsis, and `cut_title`, `<title>` without its site and column parts
    (a CMS that cuts titles at a fixed length writes no ellipsis)."""
    stems = []
    for part in _split_title(doc_title) or [doc_title]:
        key = squash(part)
        if _ELLIPSIS.search(key):
            stem = _key(_ELLIPSIS.sub("", key))
            if len(stem) >= 6:
                stems.append(stem)
    cut = _key(cut_title)
    if len(cut) >= 10 and cut not in stems:
        stems.append(cut)
    return stems


def _shown_in(text: str, keys: list[str], stems: list[str]) -> int:
    """How well `text` is the headline that `<title>` or a share title holds: 2 when one of
    `keys` holds it (`<title>` may put the site and column first), 1 when it starts with a
    stem of a headline `<title>` holds cut short, else 0.

    A text held by the share title (the second key) must be at least half as long as it.
    """
    head = _key(text)
    if not head:
        return 0
    for i, key in enumerate(keys):
        if key and head in key and (i == 0 or 2 * len(head) >= len(key)):
            return 2
    return 1 if any(head.startswith(stem) and len(head) > len(stem) for stem in stems) else 0


def _is_logo(el: etree._Element) -> bool:
    """A heading that carries the site's name: named as a logo, or only a link to the home page."""
    for node in el.iter():
        if isinstance(node.tag, str) and _LOGO_NAMES.search(_names(node)):
            return True
    links = el.findall(".//a")
    if len(links) == 1 and squash(_text(links[0])) == squash(_text(el)):
        href = re.sub(r"^(?:https?:)?//[^/]+", "", links[0].get("href") or "").strip()
        return bool(_HOME_PATH.fullmatch(href))
    return False


# A link to a site's home page: `/`, `./`, `../../`, `index.shtml`, `/index.jsp`.
_HOME_PATH = re.compile(r"(?:\.{0,2}/)*(?:(?:index|default)\.\w{2,5})?")


def _title_candidates(root: etree._Element) -> list[etree._Element]:
    """Headings (h1–h3) and elements named as titles in the page's body, visible ones only."""
    found = []
    for el in root.xpath("//body//*"):
        if not isinstance(el.tag, str) or _tag(el) in ("html", "head", "body", "title"):
            continue
        names = _names(el)
        if _tag(el) not in ("h1", "h2", "h3") and not _TITLE_NAMES.search(names):
            continue
        if _hidden_on_page(el):
            continue
        found.append(el)
    return found


def _heading_title(
    root: etree._Element, doc_title: str, share_title: str = "", site_words: tuple[str, ...] = ()
) -> tuple[str, etree._Element] | None:
    """The heading (h1–h3, or an element named as a title) that `<title>` or the share title
    shows: the best-matched, then the longest one (see :func:`_shown_in`). Without one, the
    first `<h1>` that is not the site's logo."""
    keys = [_key(doc_title), _key(share_title)]
    cut_title = title_from_document_title(doc_title, site_words) if doc_title else ""
    stems = _title_stems(doc_title, cut_title)
    known = {squash(w) for w in site_words if w}
    cut = len(_key(cut_title))
    candidates = _title_candidates(root)
    best: tuple[int, int, str, etree._Element] | None = None
    for el in candidates:
        for text in _heading_variants(el):
            if not (4 <= len(text) <= 120):
                continue
            rank = _shown_in(text, keys, stems)
            # The site's or column's name, which `<title>` holds too (`<h1>某某新闻网</h1>`).
            if rank and (_is_logo(el) or _is_site_part(text, known)) and 2 * len(_key(text)) < cut:
                rank = 0
            # Longest by key: a variant that only adds spaces does not win over the first.
            if rank and (best is None or (rank, len(_key(text))) > best[:2]):
                best = (rank, len(_key(text)), text, el)
    if best:
        return best[2], best[3]
    shown = _line_title(root, keys[0], stems, known, cut_title)
    if shown:
        return shown
    for el in root.xpath("//body//h1"):
        text = _text(el)
        if 6 <= len(text) <= 80 and not _is_hidden(el) and not _is_logo(el) and not (
            _is_site_part(text, known) and _key(text) in keys[0]
        ):
            return text, el
    for el in candidates:
        text = _text(el)
        if _tag(el) in ("h2", "h3") or not 6 <= len(text) <= 80 or _is_logo(el):
            continue
        if _in_furniture(el) or el.find(".//a") is not None or any(
            _tag(a) in ("li", "a") for a in el.iterancestors()
        ):
            continue
        return text, el
    # A `<title>` that only names the site: the first plain `<h2>` outside page furniture.
    if not cut_title or _is_site_part(cut_title, known):
        for el in root.xpath("//body//h2"):
            text = _text(el)
            if not 8 <= len(text) <= 80 or _is_hidden(el) or el.find(".//a") is not None:
                continue
            if _in_furniture(el) or any(_tag(a) in ("li", "a") or _is_noise(a) for a in el.iterancestors()):
                continue
            return text, el
    return None


# Elements that may hold a headline set in plain markup (`<p class="bt">`, `<td><font><b>`).
_LINE_TAGS = frozenset("p div td span font b strong center".split())


def _line_title(
    root: etree._Element, title_key: str, stems: list[str], known: set[str], cut_title: str
) -> tuple[str, etree._Element] | None:
    """A headline in plain markup: the longest element of text alone that `<title>` (its key
    `title_key`) holds, most of `cut_title` (`<title>` without its site and column parts),
    or that starts with a headline `<title>` holds cut short; never a link, a list item or a
    site name (`known`)."""
    cut = _key(cut_title)
    if len(cut) < 4:
        return None
    best: tuple[int, int, str, etree._Element] | None = None
    for el in root.xpath("//body//*"):
        if _tag(el) not in _LINE_TAGS or el.find(".//a") is not None:
            continue
        if any(_tag(c) in _BLOCK for c in el.iter() if c is not el):
            continue
        text = _text(el)
        if not 6 <= len(text) <= 120 or _is_site_part(text, known):
            continue
        rank = _shown_in(text, [title_key], stems)
        if rank == 2 and 10 * len(_key(text)) < 6 * len(cut):
            continue
        if not rank or _in_furniture(el) or any(_tag(a) in ("li", "a") for a in el.iterancestors()):
            continue
        if _hidden_on_page(el):
            continue
        if best is None or (rank, len(text)) > best[:2]:
            best = (rank, len(text), text, el)
    return (best[2], best[3]) if best else None


_SUBTITLE_NAMES = re.compile(r"sub|h2|fubiaoti|futi|yinti|vice", re.I)


def _subtitle_after(heading: etree._Element) -> str | None:
    """A short line right after the title heading, marked as a subtitle by its tag or class."""
    sibling = heading.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    if sibling is None:
        return None
    names = _names(sibling)
    if _tag(sibling) not in ("h2", "h3", "h4") and not _SUBTITLE_NAMES.search(names):
        return None
    text = _text(sibling)
    if not (4 <= len(text) <= 60) or find_datetime(text) or labelled(text) or sibling.find(".//a") is not None:
        return None
    return text


# --- Body -------------------------------------------------------------------


def _hidden_set(root: etree._Element) -> set[etree._Element]:
    hidden: set[etree._Element] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el not in hidden and _is_hidden(el):
            hidden.update(el.iter())
    return hidden


def _own_text(el: etree._Element) -> str:
    """The text of `el` outside its links."""
    return re.sub(r"\s+", "", _text_parts(el, frozenset({"a"})))


def _direct_text(el: etree._Element) -> str:
    """Text that sits directly in `el` or in its inline children (a `<br>`-separated body)."""
    parts = [el.text or ""]
    for child in el:
        tag = _tag(child)
        if tag and tag not in _BLOCK and tag not in _SKIP and tag != "a":
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", "", "".join(parts))


_STRONG_NOISE = re.compile(
    r"footer|copyright|banquan|sidebar|comment|pinglun|related|xiangguan|recommend|tuijian", re.I
)
_POSITIVE = re.compile(
    r"content|article|body|text|detail|main|zhengwen|neirong|wenzhang|(?:^|[-_\s])(?:zw|nr|con)",
    re.I,
)


def _is_furniture_box(node: etree._Element) -> bool:
    """A footer, sidebar, comment box or related list by its tag or names. Names on
    `<body>` and on wrappers that hold the page's `<h1>` are the layout's flags
    (`comments-open`, `has-sidebar`), not furniture."""
    tag = _tag(node)
    if tag in ("body", "html"):
        return False
    if tag in ("footer", "aside", "nav"):
        return True
    return bool(_STRONG_NOISE.search(_names(node))) and node.find(".//h1") is None


def _in_furniture(el: etree._Element) -> bool:
    """`el` sits in page furniture (its own names or an ancestor's, see
    :func:`_is_furniture_box`)."""
    return any(_is_furniture_box(node) for node in (el, *el.iterancestors()))


def _furniture_set(root: etree._Element) -> set[etree._Element]:
    """Every element that sits in page furniture, found in one walk of the page."""
    inside: set[etree._Element] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el not in inside and _is_furniture_box(el):
            inside.update(el.iter())
    return inside


def density_container(
    root: etree._Element, after: etree._Element | None = None
) -> etree._Element | None:
    """The element whose paragraphs hold the most punctuated, unlinked text.

    Candidates in footers, sidebars and comment boxes are left out; with
    `after` (the title heading), candidates that stand before it lose most of
    their score.
    """
    parts = density_parts(root, after)
    return parts[0] if parts else None


def density_parts(
    root: etree._Element, after: etree._Element | None = None, *, show_hidden: bool = False
) -> list[etree._Element]:
    """The body by text density: the densest element (see :func:`density_container`), then
    the siblings after it that carry the same article on (a body split into several
    wrappers by image, video or ad blocks): siblings holding punctuated running text with
    few links, at least a fifth of the densest element's score, or a sentence of their own.
    """
    hidden = set() if show_hidden else _hidden_set(root)
    furniture_boxes = _furniture_set(root)
    order = {el: i for i, el in enumerate(root.iter())}
    scores: dict[etree._Element, float] = {}

    def credit(el: etree._Element | None, score: float) -> None:
        if el is not None and isinstance(el.tag, str):
            scores[el] = scores.get(el, 0.0) + score

    for el in root.iter():
        tag = _tag(el)
        if not tag or tag in _SKIP or el in hidden:
            continue
        if tag == "p":
            text = _own_text(el)
            target = el.getparent()
        elif tag in ("div", "td", "section", "article", "font", "span", "blockquote"):
            if tag in ("font", "span") and _tag(el.getparent()) == "p":
                continue  # the paragraph's own text, credited to the paragraph's parent
            text = _direct_text(el)
            target = el
        else:
            continue
        if len(text) < 10:
            continue
        punct = len(_PUNCT.findall(text))
        if not punct or el in furniture_boxes:
            continue
        score = 1 + punct + min(len(text) / 100, 3)
        credit(target, score)
        if target is not None:
            credit(target.getparent(), score / 2)
    title_at = order.get(after, -1) if after is not None else -1
    ancestors_of_title = set(after.iterancestors()) if after is not None else set()
    best, best_score = None, 0.0
    for el, score in sorted(scores.items(), key=lambda kv: -kv[1])[:15]:
        if el in furniture_boxes:
            continue
        if _tag(el) in ("html", "body"):
            score *= 0.5
        names = _names(el)
        if _POSITIVE.search(names):
            score *= 1.25
        if title_at >= 0 and order[el] < title_at and el not in ancestors_of_title:
            score *= 0.2
        score *= 1 - _link_density(el)
        if score > best_score and _holds_sentences(el):
            best, best_score = el, score
    if best is None:
        return []
    return _with_continuations(best, hidden, order, title_at)


def _holds_sentences(el: etree._Element) -> bool:
    """`el` holds running text: 30 characters or more, a sentence end among them. A date and
    source line (`发布时间：… 来源：…`) scores on its colons but holds no sentence."""
    text = _own_text(el)
    return len(text) >= 30 and bool(_SENTENCE_END.search(text))


# Summary boxes that stand before an article's text and are not part of it.
_SUMMARY_NAMES = re.compile(r"summary|digest|abstract|intro|lead|desc|zhaiyao|daoyu|brief", re.I)


def _with_continuations(
    best: etree._Element, hidden: set[etree._Element], order: dict[etree._Element, int],
    title_at: int,
) -> list[etree._Element]:
    """`best` and the blocks that hold more of its article, in page order.

    The other parts are the siblings after the title that share `best`'s tag and class
    (`div.article-part` between image and video blocks). When no sibling shares its class,
    a `best` that neither is an `<article>` nor is named as content takes siblings of its
    own tag, or paragraphs, that hold punctuated running text with few links (summary boxes
    before it left out). Blocks between two parts join when they share the parts' class
    (an editor's subheading block) or end a sentence (an image caption does, a
    `视频加载中…` label does not). Without such siblings, the same is tried for the
    elements that only wrap `best` (an editor's `<section>` around each few paragraphs).
    """
    unit = best
    for _ in range(4):
        parts = _parts_around(unit, hidden, order, title_at)
        if len(parts) > 1:
            return parts
        parent = unit.getparent()
        if parent is None or _tag(parent) in ("html", "body"):
            break
        if len(_own_text(parent)) > 1.2 * len(_own_text(unit)) + 10:
            break
        unit = parent
    return [best]


def _parts_around(
    best: etree._Element, hidden: set[etree._Element], order: dict[etree._Element, int],
    title_at: int,
) -> list[etree._Element]:
    """`best` and its sibling parts (see :func:`_with_continuations`)."""
    parent = best.getparent()
    if parent is None or _tag(best) in ("html", "body"):
        return [best]

    def shown(el: etree._Element) -> bool:
        return isinstance(el.tag, str) and _tag(el) not in _SKIP and order.get(el, -1) >= title_at and (
            el not in hidden and not _is_noise(el) and not _in_furniture(el)
        )

    def readable(el: etree._Element) -> str | None:
        if not shown(el):
            return None
        text = _own_text(el)
        if len(text) < 10 or not _SENTENCE_END.search(text) or _link_density(el) > 0.25:
            return None
        return text

    def kin(el: etree._Element) -> bool:
        return bool(cls) and _tag(el) == _tag(best) and (el.get("class") or "").strip() == cls

    siblings = [c for c in parent if c is not best]
    cls = (best.get("class") or "").strip()
    parts = [c for c in siblings if kin(c) and readable(c)]
    names = f"{cls} {best.get('id') or ''}"
    if not parts and _tag(best) not in ("article", "td") and not _POSITIVE.search(names):
        for sibling in siblings:
            text = readable(sibling)
            if not text or _tag(sibling) not in (_tag(best), "p") or len(_PUNCT.findall(text)) < 2:
                continue
            sibling_names = _names(sibling)
            if order[sibling] < order[best] and _SUMMARY_NAMES.search(sibling_names):
                continue
            parts.append(sibling)
    if not parts:
        return [best]
    chosen = {best, *parts}
    positions = [i for i, c in enumerate(parent) if c in chosen]
    between = list(parent)[positions[0] : positions[-1] + 1]
    return [
        c for c in between
        if c in chosen or (kin(c) and shown(c) and _link_density(c) <= 0.25) or readable(c)
    ]


def _known_container(
    root: etree._Element, show_hidden: bool = False
) -> tuple[str, list[etree._Element]] | None:
    """The first known CMS body container with text, and the other visible elements of the
    same rule that stand apart from it (a body split into two `TRS_Editor` blocks by an
    image), in page order; furniture such as a footer or comment box is not one of them."""
    for name, xpath in CONTAINERS:
        found: list[etree._Element] = []
        for el in root.xpath(xpath):
            if not show_hidden and _hidden_on_page(el):
                continue
            if not re.search(r"[^\W\d_]{2}", _text(el)):
                continue
            if found and (_in_furniture(el) or any(a in found for a in el.iterancestors())):
                continue
            found.append(el)
        if found:
            return name, found
    return None


_ATTACHMENT_LABEL = re.compile(r"^\s*(?:相关)?附\s*件\s*\d*\s*[:：]?")


def _attachments_after(container: etree._Element) -> list[etree._Element]:
    """The article's attachments when the CMS sets them just after its body container
    (`<div class="fj_box">附件：<a>1.…申请表.docx</a>…`): a sibling that opens with
    `附件` and lists documents."""
    sibling = container.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    if sibling is None or _hidden_on_page(sibling) or _in_furniture(sibling):
        return []
    if _ATTACHMENT_LABEL.match(_text(sibling)) and _lists_documents(sibling):
        return [sibling]
    return []


def _captions_before(body: etree._Element, heading: etree._Element | None) -> list[str]:
    """The captions of a picture set just before the body, after the title (an e-paper's
    `<table class="picture">` above `#ozoom`): short lines beside an image, one of which
    ends a sentence. Summary boxes and link galleries are not pictures of the article."""
    sibling = body.getprevious()
    for _ in range(3):
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getprevious()
        if sibling is None or sibling is heading or (heading is not None and heading in sibling.iter()):
            return []
        names = _names(sibling)
        if sibling.find(".//img") is not None and not (
            _is_hidden(sibling) or _is_noise(sibling) or _SUMMARY_NAMES.search(names)
        ) and _link_density(sibling) <= 0.25:
            lines = blocks_of(sibling)
            if lines and all(len(x) <= 120 for x in lines) and any(_SENTENCE_END.search(x) for x in lines):
                return lines
            return []
        sibling = sibling.getprevious()
    return []


# --- Visible lines ----------------------------------------------------------


def _index_of(lines: list[str], wanted: str, start: int = 0) -> int:
    key = squash(wanted)
    if not key:
        return -1
    for i in range(start, len(lines)):
        if squash(lines[i]) == key:
            return i
    return -1


def _page_lines(root: etree._Element) -> list[str]:
    body = root.find("body")
    return blocks_of(body if body is not None else root, prune=False)


# A byline written with a bar: `界面新闻记者 | 刘晓晓`, `编辑｜王五`.
_BAR_BYLINE = re.compile(
    rf"^[{CJK}]{{0,12}}?(?:记者|编辑|责编|作者|撰文|摄影|通讯员|校对|审核|文|图)\s*[|｜丨]\s*[{CJK}·、 ]{{2,20}}$"
    # or with a space: `本报记者 张三`, `北辰研究院新闻发言人　程嘉树`
    rf"|^[{CJK}]{{0,16}}?(?:记者|作者|撰文|摄影|通讯员|发言人|撰稿人?)[\s\u3000]+[{CJK}·]{{2,4}}$"
)
# The short labelled lines that close an article: `来源：…`, `(责编：…)`, `【责任编辑:…】`,
# `[责编：…]`, an empty `责任编辑：`, each possibly after a `【纠错】` widget.
_TAIL_META = re.compile(
    r"^[(（【\[]?\s*(?:责任编辑|责编|编辑|来源|本文来源|文章来源|稿件来源|信息来源|作者|审核|校对|"
    r"监制|统筹|记者|通讯员|摄影|摄像|文字|图片|文|图|供稿|供图|审稿|初审|复审|终审|"
    r"标签|关键词|关键字|tags?|撰稿|剪辑|后期|制作)"
    r"\s*[:：|｜]\s*[^。！？]{0,30}$",
    re.I,
)
_WIDGET_CHUNK = re.compile(r"^\s*[【\[](?:纠错|收藏|打印|关闭|返回顶部|分享)[】\]]\s*")


# A closing contributor line in parentheses: `（心血管内科 宋佳）`, `（县农业局 周立新）`.
_TAIL_CONTRIBUTOR = re.compile(rf"^[(（][^()（）。，！？]{{2,20}}[\s\u3000]+[{CJK}·]{{2,4}}[)）]$")


# Closing lines that are not the article's: an author's one-line profile (`作者为科技商业
# 观察家，…`) and a platform's promotion ending in its domain (`…上手机新浪网娱乐频道 ent.sina.cn`).
_TAIL_EXTRA = re.compile(
    r"^(?:(?:作者|笔者)(?:为|系|是)[^。！？]{2,60}。?|[^。！？]{0,50}\s(?:[a-z0-9-]+\.)+(?:cn|com|net|org)/?|"
    # a rights line: 【…作品的中文相关权益归某公司独家所有。未经授权，不得转载、摘编等。】
    r"(?=.{0,120}$).*未经.{0,12}(?:许可|授权).{0,12}(?:转载|摘编|使用).*)$",
    re.I,
)


def _is_tail_meta(line: str) -> bool:
    """`line` is a closing source/editor line, a bracketed one or one behind a widget marker,
    a contributor in parentheses, an author's profile or a platform's promotion."""
    text = to_simplified(clean_text(line)) or ""
    while _WIDGET_CHUNK.match(text):
        text = _WIDGET_CHUNK.sub("", text, count=1)
    if _TAIL_EXTRA.match(text):
        return True
    return bool(text) and len(text) <= 40 and bool(_TAIL_META.match(text) or _TAIL_CONTRIBUTOR.match(text))


# A byline in parentheses right after a dateline: `新华社合肥3月16日电（记者 刘美子）`,
# `本报讯（记者 周立 通讯员 何静）`.
_DATELINE_BYLINE = re.compile(
    rf"^(?P<dateline>[{CJK}\d]{{0,20}}?(?:电|讯|消息))\s*[(（][^()（）]{{0,30}}?"
    r"(?:记者|通讯员|摄影|撰稿)[^()（）]{0,30}[)）]\s*"
)


def dateline_byline(line: str) -> list[str]:
    """The names in the parenthesised byline that follows a paragraph's dateline
    (`新华社合肥3月16日电（记者 刘美子）…`). The paragraph keeps its byline, as a reader
    sees it; the names are the article's reporters."""
    hans = to_simplified(line.strip()) or line
    match = _DATELINE_BYLINE.match(hans)
    if match is None:
        return []
    return bylines.names_in(hans[len(match["dateline"]) : match.end()])


# A credit line above the text: `【文/观察者网 王慧】`, `文/图 南方日报记者 黄晓晴 通讯员 林志远`.
_CREDIT_HEAD = re.compile(
    r"^[【\[]?(?:文|图|文字|摄影|文/图|图/文|图文)\s*(?:[/|｜丨:：]\s*|\s+)[^，。；！？]{2,36}?[】\]]?$"
)


def _is_head_meta(text: str, hans: str) -> bool:
    """A short first line that names the authors or editors with a bar (`记者 | 张三`) or
    a slash (`【文/观察者网 王慧】`)."""
    return len(text) <= 40 and bool(_BAR_BYLINE.match(hans) or _CREDIT_HEAD.match(hans))


def _link_lines(el: etree._Element | None) -> frozenset[str]:
    """The squashed texts of the links in `el`: a body line that is only one of them is a link."""
    if el is None:
        return frozenset()
    return frozenset(squash(_text(a)) for a in el.iter("a") if squash(_text(a)))


# Closing byline lines (`记者：钟毅 许丹丹`, `（记者 杨秀芝 通讯员 吴小平）`): the cleaning reads the
# reporters from them, so the tail is trimmed past them and they are kept.
_TAIL_BYLINE = re.compile(r"^[(（【\[]?\s*(?:本报)?(?:记者|通讯员|摄影|摄像|文字|图片|文|图)")


_LINK_SEPARATORS = re.compile(r"[,，、|｜/·-]\s*|\s+")


def _drop_tail(kept: list[str], links: frozenset[str]) -> list[str]:
    """Cut the closing furniture off the body: source and editor lines, lone short links
    (`返回首页`, `阅读原文`) and runs of whole-link lines (related reading) after the last
    paragraph. Byline lines among them stay, for the cleaning to read the reporters from."""
    bylines_after: list[str] = []

    def link_count(line: str) -> int:
        """1 for a whole link, n for a list of n links and separators (a tag list:
        `玉峰道路, 美樹營地, 控溪吊橋`), 0 otherwise."""
        if _DOCUMENT.search(line.strip()):
            return 0
        if squash(line) in links:
            return 1
        parts = [squash(p) for p in _LINK_SEPARATORS.split(line) if squash(p)]
        return len(parts) if len(parts) >= 2 and all(p in links for p in parts) else 0

    in_link_run = False
    while kept:
        last = kept[-1]
        if _is_tail_meta(last) and _TAIL_BYLINE.match(to_simplified(clean_text(last)) or ""):
            bylines_after.insert(0, kept.pop())
            continue
        links_in_last = link_count(last)
        # A related-reading run set in the body's own container: two or more lines, each
        # a whole link, close it.
        link_run = links_in_last > 0 and (in_link_run or len(kept) > 1 and link_count(kept[-2]) > 0)
        if _is_tail_meta(last) or furniture.is_furniture(clean_text(last)) or link_run or (
            len(last.strip()) <= 20 and links_in_last or links_in_last >= 3
        ):
            in_link_run = in_link_run or link_run
            kept.pop()
            continue
        break
    return kept + bylines_after


def _trim_body(
    lines: list[str], links: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """Split the meta lines off the body's first lines, cut it at extra end markers and drop
    its closing furniture (`links`: the texts of the body container's links)."""
    meta: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines):
        text = clean_text(line)
        if not text:
            continue
        hans = to_simplified(text) or ""
        if _END_EXTRA.match(hans) and kept:
            break
        if _DROP_EXTRA.match(hans):
            continue
        if len(kept) < 3 and len(text) <= 120 and (
            _META_START.match(hans) or len(labelled(text)) >= 2 or _is_head_meta(text, hans)
        ):
            meta.append(text)
            continue
        if len(kept) < 2 and i < 4 and len(text) <= 40 and (find_datetime(text) or _DATELINE.match(hans)) and not re.search(
            r"[，。；！？]", text
        ):
            meta.append(text)
            continue
        kept.append(line)
    return _drop_tail(kept, links), meta


# A dateline standing alone above the text: `TNW中文站 10月14日报道`, `本报讯 3月5日电`.
_DATELINE = re.compile(r"^[^，。；！？]{0,20}?\s*\d{1,2}月\d{1,2}日\s*(?:电|讯|报道|消息)$")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")


def _with_clock_times(lines: list[str]) -> list[str]:
    """A live page's items: a time of day on its own line opens the next line
    (`21:40`, `【市防指】截至21时…` -> `21:40 【市防指】截至21时…`)."""
    out: list[str] = []
    for line in lines:
        if out and _CLOCK.fullmatch(clean_text(out[-1])):
            out[-1] = f"{out[-1].strip()} {line.strip()}"
        else:
            out.append(line)
    return out


# Publication times that pages keep in scripts, as variables or JSON properties: WeChat's
# `var ct = "1647696600"` and `var create_time = "1658970548" * 1`, `window.DATA = {"pubtime":
# "…"}`, Next.js data `"pubTime":"…"`, `"newsTime":"…"`, `"datePublished":"…"`.
_SCRIPT_TIME = re.compile(
    r"""(?<![\w.-])["']?(?:ct|create_?time|publish_?time|pub_?time|pub_?date|publish_?date|"""
    r"""news_?time|date_?published|release_?time|post_?time)["']?\s*[:=]\s*["']"""
    r"""(?P<value>1\d{9}(?:\d{3})?|"""
    r"""(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)["']""",
    re.I,
)
# Dated paths the shared URL rule does not read: /2022-03/16/content_1.htm (新华网, gov.cn),
# /2022/0728/56789.html, /20220728/.
_URL_DAY = re.compile(
    r"/(?P<y>20\d{2})(?:-(?P<m>\d{2})/|/?(?P<m2>[01]\d))(?P<d>[0-3]\d)/"
)
# A time shown relative to now (`3 天前`, `昨天 08:12`) keeps the full time in an attribute.
_RELATIVE = re.compile(r"^\s*(?:\d+\s*(?:秒|分钟|小时|天|周)前|刚刚|昨天|前天|半小时前)")
_TIME_ATTRIBUTES = ("title", "datetime", "data-time", "data-date")


def _script_time(root: etree._Element) -> str | None:
    for script in root.iter("script"):
        match = _SCRIPT_TIME.search(script.text or "")
        if match:
            return normalize_time(match["value"])
    return None


# Elements whose class or id names a time (`date`, `time`, `pubtime`, `post_time`, `h-time`,
# `pubtime_baidu`, `m-con-time`…): one of the name's `-`/`_` parts is a time word.
_TIME_WORDS = frozenset(
    "date time datetime pubtime pubdate ptime publishtime publishdate posttime postdate "
    "releasetime newstime articletime fbsj fbrq".split()
)
# A date without its year, with a time: `07-28 14:30`, `10/08 09:05`, `7月28日 14:30`.
_MONTH_DAY = re.compile(
    r"(?<![\d年/.\-])(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?\s*"
    r"(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])"
)
# A year standing alone before such a date (a date split over elements: `2022 03/16 18:02`).
_LONE_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年?\s*$")


def _is_time_named(el: etree._Element) -> bool:
    names = _names(el).lower()
    return any(part in _TIME_WORDS for part in re.split(r"[\s_\-]+", names) if part)


def _spaced_text(el: etree._Element) -> str:
    """The text of `el` with its child elements' texts kept apart by spaces."""
    return " ".join(t.strip() for t in el.itertext() if t and t.strip())


def named_times(root: etree._Element, body: etree._Element | None = None) -> list[str]:
    """Texts of the time-named elements that stand before the body and outside page furniture.

    Dates in related-news lists, comment boxes and footers (after the body, inside a list
    item or a furniture box) are not the article's. An element that holds only part of a
    date (`发布时间: 07-28` beside `<span class="time">14:30</span>`) gives its parent's text.
    """
    found: list[str] = []
    for el in root.iter():
        if el is body:
            break
        text = _time_named_text(el)
        if text and (find_datetime(text) or _MONTH_DAY.search(text)) and text not in found:
            found.append(text)
    return found


def _time_named_text(el: etree._Element) -> str | None:
    """The text of a time-named element outside lists and page furniture (its parent's text
    when it holds only part of a date), or None."""
    if not isinstance(el.tag, str) or _tag(el) in ("html", "body", "meta") or not _is_time_named(el):
        return None
    if _is_hidden(el) or _in_furniture(el) or any(
        _tag(a) == "li" or _is_noise(a) or _is_hidden(a) for a in el.iterancestors()
    ):
        return None
    text = _spaced_text(el)
    parent = el.getparent()
    if not _has_time(text) and parent is not None:
        around = _spaced_text(parent)
        text = around if len(around) <= 80 else text
    return text


def named_time_after(parts: list[etree._Element]) -> str | None:
    """The full date of the first time-named element after the body, outside lists
    and page furniture: a blog's `posted @ <span id="post-date">2021-03-04 10:22</span>`
    under the post."""
    if not parts:
        return None
    for el in parts[-1].xpath("following::*"):
        text = _time_named_text(el)
        if text and find_datetime(text):
            return text
    return None


def relative_time(root: etree._Element, body: etree._Element | None = None) -> str | None:
    """The full time kept in an attribute of an element, before the body, that shows a relative
    time (Discuz's `<span title="2022-7-27 08:12:41">3 天前</span>`)."""
    for el in root.iter():
        if el is body:
            break
        if not isinstance(el.tag, str) or not _RELATIVE.match(el.text or ""):
            continue
        for name in _TIME_ATTRIBUTES:
            value = normalize_time(el.get(name))
            if value and find_datetime(value):
                return value
    return None


def _reference_day(candidates: list[str | None]) -> date | None:
    """The first full date among `candidates` (URL day, metas, script times, other dates)."""
    for text in candidates:
        match = find_datetime(normalize_time(text)) if text else None
        if match:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
    return None


def complete_year(text: str, reference: date | None) -> str | None:
    """A year-less `MM-DD HH:MM` in `text` as a full date, the year taken from a year written
    just before it (`2022 03/16 18:02`, a date split over elements) or from `reference`.

    A day after the reference day is taken from the year before (a page changed on
    2023-01-02 showing `12-31 18:00`).
    """
    match = _MONTH_DAY.search(text or "")
    if match is None:
        return None
    month, day, hour, minute = (int(match[k]) for k in ("m", "d", "H", "M"))
    second = int(match["S"] or 0)
    written = _LONE_YEAR.search(text[: match.start()])
    if written is None and reference is None:
        return None
    year = int(written["y"]) if written else reference.year
    try:
        if written is None and date(year, month, day) > reference + timedelta(days=1):
            year -= 1
        date(year, month, day)
    except ValueError:
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d}"


def url_day(url: str) -> str | None:
    """The day a `/YYYY-MM/DD/`, `/YYYY/MMDD/` or `/YYYYMMDD/` path gives, as `YYYY-MM-DD`
    text the date rules read."""
    match = _URL_DAY.search(url or "")
    if not match:
        return None
    day = f"{match['y']}-{match['m'] or match['m2']}-{match['d']}"
    return day if find_datetime(day) else None


# --- Putting it together ----------------------------------------------------


def locate(root: etree._Element, url: str = "") -> Located:
    """Find each field's raw text on a parsed page (the tree is not changed)."""
    found = Located()
    sources = found.field_sources
    metas = _metas(root)
    ld = _json_ld(root)

    site = _first_meta(metas, META_SITE)
    column = _first_meta(metas, META_COLUMN)
    found.site_name = site[1] if site else _name_of(ld.get("publisher"))
    found.title_suffixes = tuple(v for v in (site and site[1], column and column[1]) if v)

    # Title.
    doc_title_el = root.find(".//title")
    doc_title = _text(doc_title_el) if doc_title_el is not None else ""
    meta_title = _first_meta(metas, META_TITLE)
    found_heading = _heading_title(
        root, doc_title, meta_title[1] if meta_title else "", found.title_suffixes
    )
    heading, heading_el = found_heading if found_heading else (None, None)
    headline = ld["headline"].strip() if isinstance(ld.get("headline"), str) else ""
    if meta_title and len(meta_title[1]) >= 2 and _agrees(meta_title[1], heading, doc_title):
        found.title, sources["title"] = meta_title[1], f"meta:{meta_title[0]}"
    elif headline and _agrees(headline, heading, doc_title):
        found.title, sources["title"] = headline, "json-ld:headline"
    elif heading:
        found.title, sources["title"] = heading, "heading"
    elif doc_title:
        found.title = title_from_document_title(doc_title, found.title_suffixes)
        sources["title"] = "title"
    if found.title and sources.get("title", "").startswith(("meta:og", "meta:twitter")):
        found.title = title_from_document_title(found.title, found.title_suffixes)
    if heading and found.title != heading and _key(found.title) == _key(heading):
        # The same words as the page shows them (its punctuation width and spaces).
        found.title = heading
        sources["title"] = f"{sources['title']}+heading"

    subtitle = _subtitle_after(heading_el) if heading_el is not None else None
    if subtitle:
        found.subtitle, sources["subtitle"] = subtitle, "heading+1"

    # Body.
    known = _known_container(root)
    if known:
        parts, sources["body"] = known[1] + _attachments_after(known[1][-1]), f"container:{known[0]}"
    else:
        parts = density_parts(root, heading_el)
        sources["body"] = "density" if parts else None
    if not parts:
        # A page that hides its article until a script shows it (`style="display:none"`
        # on the wrapper): read it as the browser will show it.
        known = _known_container(root, show_hidden=True)
        parts = known[1] if known else density_parts(root, heading_el, show_hidden=True)
        if parts:
            sources["body"] = f"container:{known[0]}+hidden" if known else "density+hidden"
    body_el = parts[0] if parts else None
    raw_body = [line for part in parts for line in blocks_of(part)]
    if body_el is not None:
        raw_body = _captions_before(body_el, heading_el) + raw_body
    links = frozenset().union(*(_link_lines(part) for part in parts))
    body_lines, body_meta = _trim_body(raw_body, links)
    found.body = body_lines
    found.reporters = dateline_byline(body_lines[0]) if body_lines else []

    # The visible lines: between the title and the body (meta), after the body (editor).
    page = _page_lines(root)
    title_at = _index_of(page, heading or found.title or "")
    first = body_lines[0] if body_lines else (raw_body[0] if raw_body else "")
    body_at = _index_of(page, first, max(title_at, 0)) if first else -1
    if body_at < 0:
        body_at = _index_of(page, first) if first else -1
    if title_at >= 0 and body_at > title_at:
        header = page[title_at + 1 : body_at]
    elif body_at >= 0:
        header = page[max(0, body_at - 12) : body_at]
    elif title_at >= 0:
        header = page[title_at + 1 : title_at + 8]
    else:
        header = []
    last = body_lines[-1] if body_lines else ""
    end_at = _index_of(page, last, max(body_at, 0)) if last else -1
    trailer = page[end_at + 1 : end_at + 10] if end_at >= 0 else []
    meta_lines = body_meta + [clean_text(x) for x in header]
    visible = [(label, value) for line in meta_lines for label, value in labelled(line)]
    after_body = [pair for line in trailer for pair in labelled(clean_text(line))]

    found.body = _with_clock_times(body_lines)

    # Publication time.
    found.published, sources["publish_time"] = publication_time(
        root, url, metas, ld, meta_lines, visible, body_el, after_body, parts
    )

    # Source.
    meta_source = _first_meta(metas, META_SOURCE)
    text_source = next((v for label, v in visible if label in _SOURCE_LABELS and v), None)
    if text_source is None:
        text_source = next(
            (bylines.source_in(clean_text(x)) for x in trailer if bylines.source_in(clean_text(x))),
            None,
        )
    if meta_source:
        found.source, sources["source"] = meta_source[1], f"meta:{meta_source[0]}"
    elif text_source and _source_value(text_source):
        found.source, sources["source"] = _source_value(text_source), "text:来源"
    elif _name_of(ld.get("publisher")) and ld.get("datePublished"):
        found.source, sources["source"] = _name_of(ld.get("publisher")), "json-ld:publisher"
    elif named := _named_source(root, parts):
        found.source, sources["source"] = named, "element:source"

    # Author.
    meta_author = _first_meta(metas, META_AUTHOR)
    text_author = next((v for label, v in visible if label in _AUTHOR_LABELS and v), None)
    if meta_author:
        found.author, sources["author"] = meta_author[1], f"meta:{meta_author[0]}"
    elif text_author:
        found.author, sources["author"] = text_author, "text:作者"
    elif _name_of(ld.get("author")):
        found.author, sources["author"] = _name_of(ld.get("author")), "json-ld:author"

    # Editor: a labelled line in the header, or the first editor line after the body.
    text_editor = next((f"{label}：{v}" for label, v in visible if label in _EDITOR_LABELS and v), None)
    trailer_editor = next((clean_text(x) for x in trailer if bylines.is_editor_line(clean_text(x))), None)
    if trailer_editor:
        found.editor, sources["editor"] = trailer_editor, "text:after-body"
    elif text_editor:
        found.editor, sources["editor"] = text_editor, "text:责任编辑"
    return found


# An element named as the article's source (`<a class="source">`, `<span class="a_source">`,
# `<a id="ne_article_source">`): portals set the outlet's name there without a label.
_SOURCE_NAMES = re.compile(r"(?:^|[-_\s])(?:\w+_)?(?:source|laiyuan|media-?name)(?:$|[-_\s])", re.I)
_SOURCE_PREFIX = re.compile(rf"^(?:(?:{_both_scripts('|'.join(sorted(_SOURCE_LABELS)))})\s*[:：]|来自|來自)\s*")


def _named_source(root: etree._Element, parts: list[etree._Element]) -> str | None:
    """The text of the first element named as a source, outside the body, when it is a
    short name (a label such as `来源：` is dropped; dates and sentences are not names)."""
    inside = {el for part in parts for el in part.iter()}
    for el in root.iter():
        if el in inside or not _SOURCE_NAMES.search(_names(el)) or _hidden_on_page(el):
            continue
        text = _SOURCE_PREFIX.sub("", _text(el))
        if 2 <= len(text) <= 24 and not re.search(r"\d|[，。；！？:：|｜]", text):
            return text
    return None


# Words that mark a date line as a later change, not the publication.
_CHANGE_WORDS = re.compile(r"修改|更新|编辑于|最后|modified|updated", re.I)


def _has_time(value: str | None) -> bool:
    match = find_datetime(value)
    return bool(match and match["H"])


def publication_time(
    root: etree._Element,
    url: str,
    metas: dict[str, str],
    ld: dict[str, Any],
    meta_lines: list[str],
    visible: list[tuple[str, str]],
    body: etree._Element | None,
    after_body: list[tuple[str, str]] | None = None,
    parts: list[etree._Element] | None = None,
) -> tuple[str | None, str | None]:
    """The page's publication time as raw text, and the rule that found it.

    In order: article-time meta tags, `<time datetime>`, JSON-LD, the labelled or
    unlabelled date line between the title and the body, time-named elements before the
    body, a relative time's full time (`<span title="…">3 天前</span>`), a labelled date
    line right after the body (`after_body`: its `label, value` pairs), a time-named
    element after the body (`parts`: the body's elements), a year-less `MM-DD HH:MM`
    completed with the year of the URL, a meta tag, a script
    or another date of the page, a script variable, a last-change meta tag, the URL. A
    date-only value takes its time from a visible date of the same day.
    """
    meta_time = _first_meta(metas, META_TIME)
    modified = _first_meta(metas, META_MODIFIED)
    time_el = root.xpath("//time[@datetime] | //*[@itemprop='datePublished']")
    time_value = None
    if time_el:
        time_value = time_el[0].get("datetime") or time_el[0].get("content") or _text(time_el[0])
    ld_time = ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None
    labelled_time = next(
        ((label, v) for label, v in visible if label in _TIME_LABELS and find_datetime(v)), None
    )
    dated = [x for x in meta_lines if find_datetime(x)]
    # `已于 2021-09-17 修改` is a change; `于 2021-09-16 首次发布` the publication.
    date_line = next((x for x in dated if not _CHANGE_WORDS.search(x)), dated[0] if dated else None)
    named = named_times(root, body)
    named_full = next((x for x in named if find_datetime(x)), None)
    script_time = _script_time(root)
    shown = [v for v in (labelled_time and labelled_time[1], date_line, named_full) if v]

    candidates: list[tuple[str, str | None]] = [
        (f"meta:{meta_time[0]}" if meta_time else "meta",
         normalize_time(meta_time and meta_time[1])),
        ("time", normalize_time(time_value)),
        ("json-ld:datePublished", normalize_time(ld_time)),
        (f"text:{labelled_time[0]}" if labelled_time else "text",
         labelled_time and labelled_time[1]),
        ("text:date-line", date_line),
        ("element", named_full),
        ("element:relative", relative_time(root, body)),
        ("text:after-body", next(
            (v for label, v in after_body or [] if label in _TIME_LABELS and find_datetime(v)), None
        )),
    ]
    value, source = next(((v, k) for k, v in candidates if v and find_datetime(v)), (None, None))
    if value is None:
        value = named_time_after(parts or [])
        source = "element:after-body" if value else None
    if value is None:
        reference = _reference_day(
            [date_from_url(url), url_day(url), modified and modified[1], script_time,
             *[x for x in _page_lines(root) if find_datetime(x)][:1]]
        )
        completed = (complete_year(x, reference) for x in [*meta_lines, *named])
        yearless = next((x for x in completed if x), None)
        modified_time = normalize_time(modified and modified[1])
        late = [
            ("text:month-day", yearless),
            ("script", script_time),
            (f"meta:{modified[0]}" if modified else "meta", modified_time),
        ]
        value, source = next(((v, k) for k, v in late if v and find_datetime(v)), (None, None))
    if value is not None and not _has_time(value):
        day = find_datetime(value)
        same_day = next(
            (x for x in shown if _has_time(x) and _same_day(find_datetime(x), day)), None
        )
        if same_day:
            return same_day, f"{source}+text"
        return value, source
    if value is None and date_from_url(url):
        return None, "url"
    if value is None and url_day(url):
        return url_day(url), "url"
    return value, source


def _same_day(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return False
    return all(int(a[k]) == int(b[k]) for k in ("y", "m", "d"))


def raw_article(found: Located, url: str, layout: str | None = None) -> RawArticle:
    """The :class:`RawArticle` the shared cleaning takes, from what `locate` found."""
    return RawArticle(
        url=url,
        layout=layout,
        title=found.title,
        subtitle=found.subtitle,
        published=found.published,
        source=found.source,
        body=list(found.body),
        editor=found.editor,
        title_suffixes=found.title_suffixes,
    )


def _author(found: Located, reporters: list[str]) -> tuple[str | None, str | None]:
    if found.author:
        names = bylines.names_in(clean_text(found.author))
        return ("、".join(names) if names else clean_text(found.author)) or None, found.field_sources.get("author")
    if reporters:
        return "、".join(reporters), "byline"
    return None, None


def extract_article(html: str | bytes, url: str = "") -> dict[str, Any]:
    """Read an article page: title, publish_time, body, source, author, editor, field_sources.

    `title` is the headline and `body` the paragraphs as the page writes them (site and
    column parts, bylines, editor lines and furniture cut, spaces squeezed; the shared
    cleaning's repairs kept, its punctuation width not imposed).
    `publish_time` is ISO 8601 (`2022-03-05T10:18:00+08:00`, or a bare date
    when the page gives no time); `body` is the cleaned paragraphs joined by
    `\\n` (empty when the page has no article body). Fields the page does not
    give are None, and so is their entry in `field_sources`. Bytes are decoded by the
    project's encoding policy (:func:`crawler.encoding.decide_encoding`); `encoding` and
    `encoding_source` say how (None for a `str`).
    """
    encoding = encoding_source = None
    if isinstance(html, bytes):
        # The project's encoding policy, not lxml's reading of the `<meta>` alone: a page
        # that declares gb2312 and is UTF-8 is read as UTF-8.
        decision = decide_encoding(html)
        html, encoding, encoding_source = decision.text, decision.encoding, decision.source
    root = parse_html(html)
    found = locate(root, url)
    raw = raw_article(found, url, layout="generic")
    sources = dict(found.field_sources)
    try:
        report = build_report(raw)
    except Rejected:
        report = _report_without_body(raw)
        sources["body"] = None
    reporters = report.get("reporters") or found.reporters
    author, sources["author"] = _author(found, reporters)
    if report.get("editor") and not sources.get("editor"):
        sources["editor"] = "body"
    if report.get("source") and not sources.get("source"):
        sources["source"] = "title-copy"
    if report.get("subtitle") and not sources.get("subtitle"):
        sources["subtitle"] = "title-copy"
    for name in ("title", "publish_time", "source", "editor"):
        key = "published_at" if name == "publish_time" else name
        if not report.get(key):
            sources[name] = None
        else:
            sources.setdefault(name, None)
    return {
        "title": _as_written(report.get("title") or "", [found.title or ""]) or None,
        "subtitle": report.get("subtitle"),
        "publish_time": report.get("published_at"),
        "body": _as_written(report.get("body") or "", found.body),
        "source": report.get("source"),
        "author": author,
        "reporters": reporters,
        "editor": report.get("editor"),
        "site_name": found.site_name,
        "encoding": encoding,
        "encoding_source": encoding_source,
        "field_sources": {k: sources.get(k) for k in _FIELDS if k in sources or k in _FIELDS},
    }


_FIELDS = ("title", "subtitle", "publish_time", "body", "source", "author", "editor")


def _as_written(cleaned: str, raw_lines: list[str]) -> str:
    """Each cleaned line (a title, a body's paragraphs) in the page's own writing where the
    page holds the same text up to spaces and character width (`3月5日,县委…` keeps its
    ASCII comma, `秋茶开采 “一片叶子”` its space); a line the cleaning repaired (a pinyin
    note, a mirror's damage) stays cleaned."""
    if not cleaned:
        return cleaned
    raw = " ".join(raw_lines)
    keys: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(raw):
        if not ch.isspace():
            for k in unicodedata.normalize("NFKC", ch):
                keys.append(k)
                where.append(i)
    stream = "".join(keys)
    out = []
    cursor = 0
    for paragraph in cleaned.split("\n"):
        key = "".join(unicodedata.normalize("NFKC", ch) for ch in paragraph if not ch.isspace())
        at = stream.find(key, cursor) if key else -1
        if at < 0 and key:
            at = stream.find(key)
        if at < 0:
            out.append(paragraph)
            continue
        start, end = where[at], where[at + len(key) - 1]
        out.append(re.sub(r"\s+", " ", raw[start : end + 1]).strip())
        cursor = at + len(key)
    return "\n".join(out)



def _report_without_body(raw: RawArticle) -> dict[str, Any]:
    """The fields of a page with no body: the cleaning's, with a filler body to pass its check."""
    filler = "。" * 40
    report = build_report(
        RawArticle(
            url=raw.url, layout=raw.layout, title=raw.title, subtitle=raw.subtitle,
            published=raw.published,
            source=raw.source, body=[filler], editor=raw.editor, title_suffixes=raw.title_suffixes,
        )
    )
    report["body"] = ""
    return report
