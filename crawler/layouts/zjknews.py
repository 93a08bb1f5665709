"""张家口新闻网 (www.zjknews.com): an EmpireCMS-style static news site.

Two article templates: the usual one with a title block and a
`date  来源：…` line, and a byline-first one with no title block, whose date
is only in the URL (the title then comes from <title>).
"""

from .base import Layout


class ZjknewsLayout(Layout):
    """URL rules and selectors of 张家口新闻网."""

    name = "zjknews"
    # 时政 articles (`/news/shizheng/202207/28/<id>.html`, `/news/shizheng/2022/09/<id>.html`)
    # and 新闻中心 ones (`/news/<yyyymm>/<id>.html`); other columns are other spiders' business.
    article_url = r"zjknews\.com/news/(?:shizheng/(?:\d{6}/\d{2}|\d{4}/\d{2})|\d{6})/\d+\.html$"
    list_links_xpath = "//div[contains(@class,'i_left')]//ul/li/a"
    title_xpaths = ("//h1[contains(@class,'hot_h1')]", "//title")
    subtitle_xpaths = (
        "//h1[contains(@class,'hot_h1')]/following-sibling::div[1][not(contains(@class,'key'))]",
    )
    published_xpaths = ("//span[@class='key_word']", "//div[contains(@class,'key w1')]//span[1]")
    source_xpaths = published_xpaths
    body_xpaths = ("//div[contains(@class,'i_left_body')]", "//div[@class='i_left fl']")
    title_suffixes = ("张家口新闻网", "張家口新聞網")
    text_signatures = (r"张家口新闻网", r"张家口新闻传媒集团", r"您当前的位置.*时政")
