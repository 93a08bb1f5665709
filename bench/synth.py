"""A synthetic fixture mirror of many articles, built from the real fixture pages.

Each site's own article pages (under ``fixtures/<site>/mirror/``) are the
templates: every synthetic article is a copy of one of them at a new URL in
that site's URL form, with its publication date moved back by a number of
days (in the page and in the URL) and, every other copy, two body paragraphs
swapped, so that no two articles share a content hash. The list pages are
the site's real first list page with its list and pagination rewritten, so
the real spiders walk them as they walk the real site:

- zjknews: ``index.html``, ``index_2.html``… with a ``下一页`` link;
- shanxidayuan: ``/gsyl/``, ``list_2.html``… with a ``下一页`` link;
- sanjiang: ``index.shtml``, ``index_1.shtml``… with
  ``createPageHTML(count, current, "index", "shtml")``;
- scgov: ``list_ft.shtml``, ``list_ft_2.shtml``… with a ``下页`` link.

A template is any article page of the site that the crawler turns into a
report (pages it rejects are left out), so every synthetic article should be
stored by a crawl. ``python -m bench.synth DIR --articles N`` builds one.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from parsel import Selector

from crawler.article import Rejected, build_report
from crawler.dates import date_from_url
from crawler.layouts import LAYOUTS
from crawler.offline import DEFAULT_FIXTURES_DIR
from crawler.sites import SITES

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.S)


@dataclass
class Template:
    """One real article page of a site, ready to be copied."""

    path: str
    text: str
    encoding: str
    published: date
    title: str
    headers: dict | None = None


@dataclass
class Article:
    """One synthetic article: where it lives, when it was published, its list title."""

    path: str
    published: date
    title: str


@dataclass
class Shape:
    """How one site names its pages and marks up its lists (the site's real forms)."""

    site: str
    host: str
    list_template: str
    body_marker: str
    per_page: int
    article_path: Callable[[str, date, int], str]
    list_path: Callable[[int], str]
    render_list: Callable[[str, list[Article], int, int], str]
    serial_base: int = 0
    headers: dict[str, dict] = field(default_factory=dict)


def _sub_once(pattern: str, repl: str, text: str) -> str:
    """Replace the one match of `pattern` (DOTALL); fail loudly when the template changed."""
    new, count = re.subn(pattern, lambda _m: repl, text, count=1, flags=re.S)
    if count != 1:
        raise ValueError(f"list template no longer matches {pattern!r}")
    return new


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


# --- zjknews: EmpireCMS, index.html / index_N.html, 下一页 ----------------------


def _zjk_article(template: str, day: date, serial: int) -> str:
    if re.match(r"news/shizheng/\d{6}/\d{2}/", template):
        return f"news/shizheng/{day:%Y%m}/{day:%d}/{serial}.html"
    return f"news/shizheng/{day:%Y}/{day:%m}/{serial}.html"


def _zjk_list_path(page: int) -> str:
    return "news/shizheng/index.html" if page == 1 else f"news/shizheng/index_{page}.html"


def _zjk_render(text: str, items: list[Article], page: int, pages: int) -> str:
    def href(n: int) -> str:
        return "/news/shizheng/" if n == 1 else f"index_{n}.html"

    rows = "".join(
        f'<li><a href="/{a.path}" target="_blank" title="{_esc(a.title)}">{_esc(a.title)}</a>'
        f"<span>{a.published:%Y-%m-%d}</span></li>\n"
        for a in items
    )
    nav = [f'<a title="Total record">&nbsp;<b>{pages}</b> </a>&nbsp;']
    if page > 1:
        nav.append(f'<a href="{href(1)}">首页</a>&nbsp;<a href="{href(page - 1)}">上一页</a>&nbsp;')
    for n in range(max(1, page - 2), min(pages, page + 2) + 1):
        nav.append(f"<b>{n}</b>&nbsp;" if n == page else f'<a href="{href(n)}">{n}</a>&nbsp;')
    if page < pages:
        nav.append(f'<a href="{href(page + 1)}">下一页</a>&nbsp;<a href="{href(pages)}">尾页</a>')
    text = _sub_once(r'<ul class="list">.*?</ul>', f'<ul class="list">\n{rows}</ul>', text)
    return _sub_once(r'<div class="page">.*?</div>', f'<div class="page">{"".join(nav)}</div>', text)


# --- shanxidayuan: /gsyl/, list_N.html, 下一页 ---------------------------------


def _sxdy_article(template: str, day: date, serial: int) -> str:
    city = template.split("/")[1]
    return f"gsyl/{city}/{serial}.html"


def _sxdy_list_path(page: int) -> str:
    return "gsyl/index.html" if page == 1 else f"gsyl/list_{page}.html"


def _sxdy_render(text: str, items: list[Article], page: int, pages: int) -> str:
    def href(n: int) -> str:
        return "/gsyl/" if n == 1 else f"/gsyl/list_{n}.html"

    rows = "".join(
        f'<div class="list-item"><h2><a href="/{a.path}" title="{_esc(a.title)}">{_esc(a.title)}</a></h2>\n'
        f'<p class="desc"></p>\n<div class="meta"><span>网络编辑</span> '
        f'<a href="/{a.path.rsplit("/", 1)[0]}/">{a.path.split("/")[1]}</a> '
        f"<span>{a.published:%Y-%m-%d}</span></div></div>\n"
        for a in items
    )
    prev = href(page - 1) if page > 1 else "javascript:;"
    nxt = href(page + 1) if page < pages else "javascript:;"
    nums = " ".join(
        f'<a href="{href(n)}" class="page-num{" page-num-current" if n == page else ""}">{n}</a>'
        for n in range(max(1, page - 2), min(pages, page + 2) + 1)
    )
    bar = (
        f'<div class="pagebar"><a href="/gsyl/" class="page-index">首页</a> '
        f'<a href="{prev}" class="page-pre">上一页</a> {nums} '
        f'<a href="{nxt}" class="page-next">下一页</a> '
        f'<a href="{href(pages)}" class="page-last">尾页</a></div>'
    )
    text = _sub_once(
        r'<div class="article-list">.*?(?=<div class="pagebar">)',
        f'<div class="article-list">\n{rows}</div>\n', text,
    )
    return _sub_once(r'<div class="pagebar">.*?</div>', bar, text)


# --- sanjiang: TRS WCM, index.shtml / index_N.shtml, createPageHTML -----------


def _sj_article(template: str, day: date, serial: int) -> str:
    return f"xwzx/zwyw/{day:%Y%m}/t{day:%Y%m%d}_{serial}.shtml"


def _sj_list_path(page: int) -> str:
    return "xwzx/zwyw/index.shtml" if page == 1 else f"xwzx/zwyw/index_{page - 1}.shtml"


def _sj_render(text: str, items: list[Article], page: int, pages: int) -> str:
    rows = "".join(
        "\t\t\t\t<li>\n"
        f'\t\t\t\t\t<div class="text-overflow"><a href="./{a.path.split("/", 2)[2]}" '
        f'target="_blank" title="{_esc(a.title)}">{_esc(a.title)}</a></div>\n'
        f'\t\t\t\t\t<div class="layout-fixed">{a.published:%Y-%m-%d}</div>\n'
        "\t\t\t\t</li>\n"
        for a in items
    )
    text = _sub_once(
        r'<ul class="list-group list-Special">.*?</ul>',
        f'<ul class="list-group list-Special">\n{rows}\t\t\t</ul>', text,
    )
    return _sub_once(
        r'createPageHTML\(\s*\d+\s*,\s*\d+\s*,\s*"index"\s*,\s*"shtml"\s*\)',
        f'createPageHTML({pages}, {page - 1}, "index", "shtml")', text,
    )


# --- scgov: list_ft.shtml / list_ft_N.shtml, 下页 -----------------------------


def _sc_article(template: str, day: date, serial: int) -> str:
    if re.search(r"/[0-9a-f]{32}\.shtml$", template):
        digest = hashlib.md5(f"scgov-{serial}".encode()).hexdigest()  # noqa: S324 (a name, not security)
        return f"10462/c102250/{day.year}/{day.month}/{day.day}/{digest}.shtml"
    column = "/".join(template.split("/")[:-4])  # e.g. 10462/10464/10797
    return f"{column}/{day.year}/{day.month}/{day.day}/{serial}.shtml"


def _sc_list_path(page: int) -> str:
    return "10462/c102250/list_ft.shtml" if page == 1 else f"10462/c102250/list_ft_{page}.shtml"


def _sc_render(text: str, items: list[Article], page: int, pages: int) -> str:
    def href(n: int) -> str:
        return "list_ft.shtml" if n == 1 else f"list_ft_{n}.shtml"

    rows = "".join(
        "\t\t\t<tr>\n"
        f'\t\t\t\t<td class="td-title"><a href="/{a.path}" target="_blank" title="{_esc(a.title)}">'
        f"{_esc(a.title)}</a></td>\n"
        f'\t\t\t\t<td class="td-date">{a.published:%Y-%m-%d}</td>\n'
        "\t\t\t</tr>\n"
        for a in items
    )

    def arrow(label: str, n: int, active: bool) -> str:
        inner = f'<a href="{href(n)}">{label}</a>' if active else label
        return f'<span class="arrow">{inner}</span>'

    nums = "".join(
        f'<span class="num current">{n}</span>' if n == page
        else f'<span class="num"><a href="{href(n)}">{n}</a></span>'
        for n in range(max(1, page - 2), min(pages, page + 2) + 1)
    )
    nav = (
        '<div id="page_div">\n\t\t\t'
        + arrow("首页", 1, page > 1) + arrow("上页", page - 1, page > 1) + nums
        + arrow("下页", page + 1, page < pages) + arrow("尾页", pages, page < pages)
        + f'\n\t\t\t<div class="pagination_index"><span>共{pages}页</span></div>\n\t\t</div>'
    )
    text = _sub_once(r"<tbody>.*?</tbody>", f"<tbody>\n{rows}\t\t\t</tbody>", text)
    return _sub_once(
        r'<div id="page_div">.*?<div class="pagination_index">.*?</div>\s*</div>', nav, text,
    )


SHAPES: dict[str, Shape] = {
    shape.site: shape
    for shape in (
        Shape("zjknews", "www.zjknews.com", "news/shizheng/index.html", 'class="i_left_body"', 20,
              _zjk_article, _zjk_list_path, _zjk_render, serial_base=400000),
        Shape("shanxidayuan", "www.shanxidayuan.com", "gsyl/index.html", 'class="article-content"',
              20, _sxdy_article, _sxdy_list_path, _sxdy_render, serial_base=10000),
        Shape("sanjiang", "www.sjx.gov.cn", "xwzx/zwyw/index.shtml", "TRS_UEDITOR", 20,
              _sj_article, _sj_list_path, _sj_render, serial_base=4000000),
        Shape("scgov", "www.sc.gov.cn", "10462/c102250/list_ft.shtml", "cmsArticleContent", 20,
              _sc_article, _sc_list_path, _sc_render, serial_base=10500000),
    )
}


def _decode(data: bytes) -> tuple[str, str]:
    """The page's text and the codec to write it back with (GBK pages stay GBK)."""
    found = _CHARSET.search(data[:2048])
    charset = found[1].decode("ascii").lower() if found else "utf-8"
    codec = "gb18030" if charset in ("gb2312", "gbk", "gb18030") else "utf-8"
    return data.decode(codec), codec


def _overrides(site_dir: Path) -> dict[str, dict]:
    """The site's mirror.json (status and headers per path), or nothing."""
    manifest = site_dir / "mirror.json"
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}


def load_templates(site: str, fixtures_dir: Path = DEFAULT_FIXTURES_DIR) -> list[Template]:
    """The site's article pages that the crawler turns into reports, with their dates."""
    shape = SHAPES[site]
    layout = LAYOUTS[SITES[site].layout]
    site_dir = Path(fixtures_dir) / site
    root = site_dir / "mirror" / shape.host
    overrides = _overrides(site_dir)
    scheme = SITES[site].start_urls[0].split(":", 1)[0]
    templates = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        url = f"{scheme}://{shape.host}/{rel}"
        if not layout.is_article_url(url):
            continue
        text, codec = _decode(path.read_bytes())
        raw = layout.read_article(Selector(text=text), url)
        raw.site = site
        try:
            report = build_report(raw)
        except Rejected:
            continue
        stamp = report["published_at"] or date_from_url(url)
        if not stamp:
            continue
        templates.append(Template(rel, text, codec, date.fromisoformat(stamp[:10]),
                                  report["title"] or rel, overrides.get(f"{shape.host}/{rel}")))
    if not templates:
        raise ValueError(f"no usable article page for {site} under {root}")
    return templates


def _date_forms(day: date) -> list[str]:
    return [f"{day:%Y-%m-%d}", f"{day:%Y年%m月%d日}", f"{day.year}年{day.month}月{day.day}日",
            f"{day:%Y/%m/%d}"]


def _swap_paragraphs(text: str, marker: str, turn: int) -> str:
    """Swap two neighbouring inner paragraphs of the body (never the first or the last)."""
    start = text.find(marker)
    if start < 0:
        return text
    end = text.find("</div>", start)
    paragraphs = _PARAGRAPH.findall(text, start, end if end > 0 else len(text))[1:-1]
    if len(paragraphs) < 2:
        return text
    i = turn % (len(paragraphs) - 1)
    a, b = paragraphs[i], paragraphs[i + 1]
    if a == b:
        return text
    token = "\x00swap\x00"
    return text.replace(a, token).replace(b, a).replace(token, b)


def variant(template: Template, shape: Shape, new_path: str, day: date, cycle: int) -> str:
    """The template's text as a new article: new URL, new date, maybe paragraphs swapped."""
    text = template.text.replace(template.path, new_path)
    for old, new in zip(_date_forms(template.published), _date_forms(day), strict=True):
        text = text.replace(old, new)
    if cycle % 2:
        text = _swap_paragraphs(text, shape.body_marker, cycle // 2)
    return text


@dataclass
class SiteBuild:
    """What was written for one site."""

    site: str
    articles: list[Article]
    list_pages: int
    templates: int

    def urls(self) -> list[str]:
        """The real URLs of the synthetic articles."""
        shape = SHAPES[self.site]
        scheme = SITES[self.site].start_urls[0].split(":", 1)[0]
        return [f"{scheme}://{shape.host}/{a.path}" for a in self.articles]


def build_site(site: str, count: int, out_dir: Path,
               fixtures_dir: Path = DEFAULT_FIXTURES_DIR) -> SiteBuild:
    """Write `count` synthetic articles of `site` and its list pages under `out_dir/<site>/`."""
    shape = SHAPES[site]
    templates = load_templates(site, fixtures_dir)
    site_dir = out_dir / site
    root = site_dir / "mirror" / shape.host
    manifest: dict[str, dict] = {}
    articles: list[Article] = []
    for i in range(count):
        template = templates[i % len(templates)]
        cycle = i // len(templates)
        day = template.published - timedelta(days=cycle)
        path = shape.article_path(template.path, day, shape.serial_base + i)
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(variant(template, shape, path, day, cycle).encode(template.encoding))
        if template.headers:
            manifest[f"{shape.host}/{path}"] = template.headers
        articles.append(Article(path, day, template.title))
    articles.sort(key=lambda a: (a.published, a.path), reverse=True)
    source = Path(fixtures_dir) / site
    list_text, list_codec = _decode(
        (source / "mirror" / shape.host / shape.list_template).read_bytes()
    )
    list_override = _overrides(source).get(f"{shape.host}/{shape.list_template}")
    pages = max(1, -(-len(articles) // shape.per_page))
    for page in range(1, pages + 1):
        items = articles[(page - 1) * shape.per_page : page * shape.per_page]
        path = shape.list_path(page)
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shape.render_list(list_text, items, page, pages).encode(list_codec))
        if list_override:
            manifest[f"{shape.host}/{path}"] = list_override
    if manifest:
        (site_dir / "mirror.json").write_text(json.dumps(manifest), encoding="utf-8")
    return SiteBuild(site, articles, pages, len(templates))


def build_mirror(out_dir: Path, articles: int, sites: tuple[str, ...] = tuple(SHAPES),
                 fixtures_dir: Path = DEFAULT_FIXTURES_DIR) -> dict[str, SiteBuild]:
    """A fixture folder at `out_dir` holding `articles` synthetic articles spread over `sites`."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    share, extra = divmod(articles, len(sites))
    return {
        site: build_site(site, share + (1 if n < extra else 0), out_dir, fixtures_dir)
        for n, site in enumerate(sites)
    }


def main() -> None:
    """Build a synthetic mirror (for looking at it with ``python -m crawler.offline``)."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    for build in build_mirror(args.out, args.articles).values():
        print(f"{build.site}: {len(build.articles)} articles from {build.templates} templates, "
              f"{build.list_pages} list pages")


if __name__ == "__main__":
    main()
