"""crawler/layouts/generic.py: the link rule, configured selectors, pagination, reading."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.article import RawArticle
from crawler.layouts import LAYOUTS, GenericLayout, layout_for
from crawler.sites import SITES, Site

LIST = "http://www.example.gov.cn/col/col1346/index.html"


def site(**kwargs) -> Site:
    base = dict(
        name="example", label="示例县", region="浙江省衢州市开化县", region_code="330824",
        layout="generic", start_urls=(LIST,), allowed_domains=("www.example.gov.cn",),
    )
    return Site(**{**base, **kwargs})


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.gov.cn/xwzx/zwyw/202203/t20220305_3041688.shtml",
        "http://www.example.gov.cn/art/2022/3/5/art_1346_598765.html",
        "http://www.example.gov.cn/a/xwzx/2022/0305/118.html",
        "http://www.example.gov.cn/a/20220305/123.html",
        "http://www.example.gov.cn/2022/03/05/123.html",
        "http://www.example.gov.cn/10462/c102250/2020/3/10/0e303c54382e4766b48a89fff4df98e4.shtml",
        "http://www.example.gov.cn/xinwen/2022-03/05/content_5677201.htm",
        "http://www.example.gov.cn/content/2022-03/05/content_123456.html",
        "http://www.example.gov.cn/news/shizheng/202207/28/376950.html",
        "http://www.example.gov.cn/info/1032/8841.htm",
        "http://www.example.gov.cn/index.php?m=content&c=index&a=show&catid=9&id=1208",
    ],
)
def test_article_urls_of_the_common_cms_families(url):
    assert GenericLayout().is_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.gov.cn/col/col1346/index.html",
        "http://www.example.gov.cn/a/xwzx/list_2_2.html",
        "http://www.example.gov.cn/xwzx/zwyw/index_1.shtml",
        "http://www.example.gov.cn/a/zt/yqfk/",
        "http://www.example.gov.cn/uploads/2022/03/05/photo123.jpg",
        "http://www.example.gov.cn/",
    ],
)
def test_not_articles(url):
    assert not GenericLayout().is_article_url(url)


LIST_HTML = """<html><body>
<div class="nav"><a href="/">首页</a><a href="/col/col1346/index.html">政务动态</a></div>
<a href="/art/2022/3/1/art_1346_1.html">通知公告</a>
<ul class="list">
<li><a href="/art/2022/3/5/art_1346_2.html">县疫情防控工作领导小组召开会议</a></li>
<li><a href="/art/2022/3/4/art_1346_3.html" title="全县疫情防控视频调度会召开 部署重点工作">全县疫情防控视频调度…</a></li>
<li><a href="http://other.example.com/art/2022/3/4/art_1_4.html">别的网站的一篇文章标题很长</a></li>
</ul>
<div id="4892"><script type="text/xml"><datastore><totalpage>3</totalpage><recordset>
<record><![CDATA[<li><a href="/art/2022/3/3/art_1346_5.html" target="_blank">数据块里的文章标题足够长</a></li>]]></record>
</recordset></datastore><script>var unitid = 4892;</script></script></div>
</body></html>"""


def test_link_rule_same_site_article_urls_with_long_anchor_texts():
    layout = layout_for(site())
    links = layout.list_links(Selector(text=LIST_HTML), LIST)
    assert links == [
        "http://www.example.gov.cn/art/2022/3/5/art_1346_2.html",
        "http://www.example.gov.cn/art/2022/3/4/art_1346_3.html",
        "http://www.example.gov.cn/art/2022/3/3/art_1346_5.html",
    ]


def test_configured_selector_and_article_rule_win():
    layout = layout_for(site(list_links_xpath="//ul[@class='list']//a", article_url=r"/art_1346_3\."))
    links = layout.list_links(Selector(text=LIST_HTML), LIST)
    assert links == ["http://www.example.gov.cn/art/2022/3/4/art_1346_3.html"]


def test_jcms_pager_from_the_data_block():
    layout = layout_for(site())
    assert layout.next_pages(Selector(text=LIST_HTML), LIST) == [
        f"{LIST}?uid=4892&pageNum=2", f"{LIST}?uid=4892&pageNum=3",
    ]
    assert layout.next_pages(Selector(text=LIST_HTML), f"{LIST}?uid=4892&pageNum=2") == []


def test_next_page_link_and_trs_page_count():
    layout = GenericLayout()
    dede = "<ul class='pagelist'><li><a>首页</a></li><li><a href='list_2_2.html'>下一页</a></li></ul>"
    url = "http://www.example.gov.cn/a/xwzx/"
    assert layout.next_pages(Selector(text=dede), url) == ["http://www.example.gov.cn/a/xwzx/list_2_2.html"]
    trs = '<script>createPageHTML(3, 0, "index", "shtml");</script>'
    assert layout.next_pages(Selector(text=trs), url) == [
        "http://www.example.gov.cn/a/xwzx/index_1.shtml", "http://www.example.gov.cn/a/xwzx/index_2.shtml",
    ]
    last = "<ul class='pagelist'><li><a>下一页</a></li></ul>"
    assert layout.next_pages(Selector(text=last), url) == []


def test_layout_for_configures_only_the_generic_layout():
    assert layout_for(SITES["sanjiang"]) is LAYOUTS["liuzhou_trs"]
    configured = layout_for(SITES["tongdao"])
    assert isinstance(configured, GenericLayout) and configured is not LAYOUTS["generic"]
    assert configured.domains == ("www.tdxww.cn",)


def test_read_article_gives_a_raw_article():
    html = (
        "<html><head><meta name='ArticleTitle' content='标题标题'></head><body>"
        "<div class='TRS_Editor'><p>会议指出，要从严从紧抓好各项防控措施落实。</p></div></body></html>"
    )
    raw = GenericLayout().read_article(Selector(text=html), "http://www.example.gov.cn/a/1.html")
    assert isinstance(raw, RawArticle)
    assert raw.layout == "generic" and raw.title == "标题标题"
    assert raw.body == ["会议指出，要从严从紧抓好各项防控措施落实。"]
