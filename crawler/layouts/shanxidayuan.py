"""大院网-山西大院资讯网 (www.shanxidayuan.com): an aggregator on a PHP CMS news theme.

It reposts city-government news; the source page's <title> (`…_阳泉市政府`)
is pasted at the top of the body, which the shared cleaning reads as the
source and drops.
"""

from .base import Layout


class ShanxidayuanLayout(Layout):
    """URL rules and selectors of 山西大院网."""

    name = "shanxidayuan"
    article_url = r"shanxidayuan\.com/[a-z]+/[a-z]+/\d+\.html$"
    list_links_xpath = "//div[contains(@class,'list')]//a"
    title_xpaths = ("//h1", "//title")
    published_xpaths = ("//div[contains(@class,'article-meta')]",)
    body_xpaths = ("//div[contains(@class,'article-content')]",)
    title_suffixes = ("大院网-山西大院资讯网", "山西大院网", "大院网")
    text_signatures = (r"山西大院", r"大院网")
