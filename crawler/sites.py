"""The sites the crawler follows: configuration only, one entry per site.

A site on a known layout needs no code: add an entry here, and `scrapy crawl
<name>` exists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """One site: who publishes it, where it is, where to start, which layout reads it."""

    name: str
    label: str
    region: str
    region_code: str
    layout: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    # For the `generic` layout: where list pages hold their article links (XPath to
    # <a> elements), and a regex that article URLs match. None: the generic link
    # rule (same-site links that look like articles, anchor text of 8+ characters).
    list_links_xpath: str | None = None
    article_url: str | None = None


SITES: dict[str, Site] = {
    site.name: site
    for site in (
        Site(
            name="zjknews",
            label="张家口新闻网",
            region="河北省张家口市",
            region_code="130700",
            layout="zjknews",
            start_urls=("http://www.zjknews.com/news/shizheng/",),
            allowed_domains=("www.zjknews.com",),
        ),
        Site(
            name="shanxidayuan",
            label="大院网-山西大院资讯网",
            region="山西省",
            region_code="140000",
            layout="shanxidayuan",
            start_urls=("http://www.shanxidayuan.com/gsyl/",),
            allowed_domains=("www.shanxidayuan.com",),
        ),
        Site(
            name="sanjiang",
            label="三江侗族自治县人民政府",
            region="广西壮族自治区柳州市三江侗族自治县",
            region_code="450226",
            layout="liuzhou_trs",
            start_urls=("http://www.sjx.gov.cn/xwzx/zwyw/",),
            allowed_domains=("www.sjx.gov.cn",),
        ),
        Site(
            name="scgov",
            label="四川省人民政府",
            region="四川省",
            region_code="510000",
            layout="scgov",
            start_urls=("https://www.sc.gov.cn/10462/c102250/list_ft.shtml",),
            allowed_domains=("www.sc.gov.cn",),
        ),
        Site(
            name="tongdao",
            label="通道新闻网",
            region="湖南省怀化市通道侗族自治县",
            region_code="431230",
            layout="generic",
            start_urls=("http://www.tdxww.cn/a/xwzx/",),
            allowed_domains=("www.tdxww.cn",),
        ),
    )
}


def site_for_layout(layout: str) -> Site | None:
    """The first configured site that uses `layout` (for text dumps)."""
    return next((site for site in SITES.values() if site.layout == layout), None)
