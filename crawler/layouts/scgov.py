"""四川省人民政府 (www.sc.gov.cn): the provincial portal, republishing every city's news.

Lists are `list_ft.shtml`, `list_ft_2.shtml`, … with links in
`#dash-table`; articles put date, source and the font-size control in
`ul#articleattribute` and the body in `div.cmsArticleContent`.
"""

from .base import Layout


class ScgovLayout(Layout):
    """URL rules and selectors of 四川省人民政府网站."""

    name = "scgov"
    article_url = (
        r"sc\.gov\.cn/10462/(?:\d+/)*(?:c\d+/)?\d{4}/\d{1,2}/\d{1,2}/(?:\d{8}|[0-9a-f]{32})\.shtml$"
    )
    list_links_xpath = "//*[@id='dash-table']//a"
    title_xpaths = ("//h1", "//title")
    published_xpaths = ("//ul[@id='articleattribute']/li[1]",)
    source_xpaths = ("//ul[@id='articleattribute']/li[2]",)
    body_xpaths = (
        "//div[contains(@class,'cmsArticleContent')]",
        "//ucapcontent",
        "//div[contains(@class,'contText')]",
    )
    editor_xpaths = ("//div[contains(@class,'editor')]",)
    title_suffixes = ("四川省人民政府网站", "四川省人民政府", "四川省政府信息公开")
    text_signatures = (
        r"【字体",
        r"\d{4}年\d{2}月\d{2}日 \d{2}时\d{2}分",
        r"扫一扫在手机打开当前页",
    )
