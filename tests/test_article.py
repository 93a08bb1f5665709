"""crawler.article: from a page's strings to a cleaned report."""

from __future__ import annotations

import pytest

from crawler.article import RawArticle, Rejected, build_report, content_hash

BODY = "7月27日晚，张家口市召开会议。市委副书记孙远富主持会议并讲话。"


def raw(**fields) -> RawArticle:
    base = {"url": "http://www.zjknews.com/news/shizheng/202207/28/376950.html", "site": "zjknews"}
    return RawArticle(**{**base, **fields})


def test_fields_are_cleaned_and_dated():
    report = build_report(raw(
        title=" 市應(yīng)對疫情會議強調 ", published="2022-07-28 09:09:08\xa0\xa0来源:张家口新闻网",
        source="2022-07-28 09:09:08  来源：张家口新闻网", body=[BODY],
    ))
    assert report["title"] == "市應對疫情會議強調"
    assert report["title_hans"] == "市应对疫情会议强调"
    assert report["published_at"] == "2022-07-28T09:09:08+08:00"
    assert report["source"] == "张家口新闻网"


def test_byline_and_editor_leave_the_body():
    report = build_report(raw(body=[BODY, "劉雪松、閆利艷等參加。(記者 郝學鋒)", "編輯：呂永清",
                                    "河山新聞", "移動客戶端"]))
    assert report["body"].splitlines() == [BODY, "劉雪松、閆利艷等參加。"]
    assert report["reporters"] == ["郝學鋒"]
    assert report["editor"] == "呂永清"


def test_furniture_and_what_follows_the_end_markers_are_dropped():
    report = build_report(raw(body=[
        "您当前的位置：首页 > 新闻中心 > 时政", BODY, "【字体：大 中 小】",
        "【专题】张家口市市长活动报道专集", "1.本网(张家口新闻网)稿件……", "还有一段",
    ]))
    assert report["body"] == BODY


def test_an_editor_line_or_end_marker_above_the_text_is_dropped_not_an_end():
    report = build_report(raw(body=["分享到：", "编辑：张三", BODY, "编辑：李四", "推荐阅读"]))
    assert report["body"] == BODY
    assert report["editor"] == "张三"


def test_a_paragraph_that_opens_with_the_titles_words_is_text():
    title = "全国人大常委会会议"
    first = "全国人大常委会会议25日在京开幕，会议审议了多部法律草案。"
    report = build_report(raw(title=title, body=[first, BODY]))
    assert report["body"].splitlines() == [first, BODY]
    assert report["subtitle"] is None


def test_a_body_the_page_carries_twice_is_kept_once():
    second = "何平强调，要本着对人民群众高度负责的态度，抓好各项工作落实。"
    report = build_report(raw(body=[BODY, second, "扫一扫在手机打开当前页", BODY, second]))
    assert report["body"].splitlines() == [BODY, second]


def test_a_one_paragraph_body_carried_twice_is_kept_once():
    report = build_report(raw(body=[BODY, "扫一扫在手机打开当前页", BODY]))
    assert report["body"] == BODY


def test_a_paragraph_the_article_repeats_is_kept():
    second = "何平强调，要本着对人民群众高度负责的态度，抓好各项工作落实。"
    third = "会议要求，各地要加强值班值守，确保信息畅通。"
    report = build_report(raw(body=[BODY, second, BODY, third]))
    assert report["body"].splitlines() == [BODY, second, BODY, third]


def test_pasted_title_copies_give_source_and_subtitle():
    title = "雷健坤主持召开市委第六十二次疫情防控专题会强调：保持高度警醒"
    report = build_report(raw(title=title, body=[
        f"{title}_阳泉市政府", f"{title} 刘文华提出具体要求", BODY,
    ]))
    assert report["body"] == BODY
    assert report["source"] == "阳泉市政府"
    assert report["subtitle"] == "刘文华提出具体要求"


def test_a_title_from_the_html_title_loses_the_site_suffix():
    report = build_report(raw(title="武卫东主持召开会议_张家口新闻网", body=[BODY],
                              title_suffixes=("张家口新闻网",)))
    assert report["title"] == "武卫东主持召开会议"


def test_the_url_gives_the_date_when_the_page_does_not():
    report = build_report(raw(url="http://www.zjknews.com/news/shizheng/202110/24/341458.html",
                              body=[BODY]))
    assert report["published_at"] == "2021-10-24"


def test_a_flattened_body_is_split_at_sentence_ends():
    report = build_report(raw(body=["https://mp.weixin.qq.com/s/abc 2月9日，会议召开,。 會議指出，要抓好落实。"]))
    assert report["body"].splitlines() == ["2月9日，会议召开。", "會議指出，要抓好落实。"]


@pytest.mark.parametrize("body", [[], [""], ["编辑：张三"], ["短"], ["扫一扫在手机打开当前页"]])
def test_no_body_is_rejected(body):
    with pytest.raises(Rejected, match="no article body"):
        build_report(raw(title="有标题", body=body))


def test_the_hash_changes_with_the_content_only():
    one = build_report(raw(body=[BODY]))
    two = build_report(raw(body=[BODY], encoding="gb18030"))
    three = build_report(raw(body=[BODY + "补充。"]))
    assert one["content_hash"] == two["content_hash"] != three["content_hash"]
    assert content_hash(one) == one["content_hash"]
