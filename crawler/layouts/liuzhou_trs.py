"""The TRS WCM template of the Liuzhou government sites (三江, 柳州 and its counties).

Lists are `index.shtml`, `index_1.shtml`, … with the page count in a
`createPageHTML(N, current, "index", "shtml")` script; articles carry the
gov-CMS meta tags (ArticleTitle, PubDate, ContentSource) and their body in
`div.TRS_UEDITOR`.
"""

import re
from urllib.parse import urljoin

from parsel import Selector

from .base import Layout

_CREATE_PAGE = re.compile(
    r"createPage(?:HTML)?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([^\"']+)[\"']\s*,\s*[\"']([^\"']+)[\"']"
)


class LiuzhouTrsLayout(Layout):
    """URL rules and selectors of the Liuzhou TRS government portals."""

    name = "liuzhou_trs"
    article_url = r"\.gov\.cn/(?:[\w-]+/)*\d{6}/t\d{8}_\d+\.s?html$"
    list_links_xpath = "//ul[contains(@class,'list-Special')]//div[contains(@class,'text-overflow')]/a"
    title_xpaths = ("//meta[@name='ArticleTitle']/@content", "//h1", "//title")
    published_xpaths = (
        "//meta[@name='PubDate']/@content",
        "//*[starts-with(normalize-space(text()),'时间')]/..",
    )
    source_xpaths = ("//meta[@name='ContentSource']/@content",)
    body_xpaths = ("//div[contains(@class,'TRS_UEDITOR')]", "//div[contains(@class,'TRS_Editor')]")
    editor_xpaths = ("//div[contains(@class,'editor')]",)
    text_signatures = (r"^时间[:：]\s*$", r"^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$")

    def next_pages(self, sel: Selector, url: str) -> list[str]:
        """All list pages, read from the createPageHTML call on the first one."""
        match = _CREATE_PAGE.search(" ".join(sel.xpath("//script/text()").getall()))
        if not match or int(match[2]) != 0:
            return []
        count, prefix, ext = int(match[1]), match[3], match[4]
        return [urljoin(url, f"{prefix}_{i}.{ext}") for i in range(1, count)]
