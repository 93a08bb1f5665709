"""crawler.bylines: reporters, editors and sources, in both scripts."""

import pytest

from crawler.bylines import editor_in, is_editor_line, names_in, source_in, split_byline


@pytest.mark.parametrize(
    ("paragraph", "left", "names"),
    [
        ("劉雪松、閆利艷等參加。(記者 郝學鋒)", "劉雪松、閆利艷等參加。", ["郝學鋒"]),
        ("会议结束。（记者 张三 李四）", "会议结束。", ["张三", "李四"]),
        ("張家口新聞傳媒集團記者 王宋平", "", ["王宋平"]),
        ("记者：龚普康 潘原", "", ["龚普康", "潘原"]),
        ("要嚴肅追責問責。記者：龔普康 潘原 實習記者：吳雨奇", "要嚴肅追責問責。",
         ["龔普康", "潘原", "吳雨奇"]),
        ("本报记者 王五 通讯员 赵六", "", ["王五", "赵六"]),
        ("市委书记主持会议。", "市委书记主持会议。", []),
        ("各县(区)设分会场。", "各县(区)设分会场。", []),
        # a photo credit is the caption's own: it stays, its names are still read
        ("副校长在开幕式上致辞（摄影：李子涵）", "副校长在开幕式上致辞（摄影：李子涵）", ["李子涵"]),
        ("▲ 周德厚在铁铺里打制柴刀。摄影：陈默", "▲ 周德厚在铁铺里打制柴刀。摄影：陈默", ["陈默"]),
        ("活动现场。（记者 张三 摄影 李四）", "活动现场。", ["张三", "李四"]),
        ("医务人员为居民采集核酸样本。（记者 郝明 摄）", "医务人员为居民采集核酸样本。（记者 郝明 摄）", ["郝明"]),
        # the crew after the reporters is not a reporter
        ("记者：梁晓 何舟 剪辑：吴凡", "", ["梁晓", "何舟"]),
        ("□本报记者 孙晓 通讯员 马腾", "", ["孙晓", "马腾"]),
    ],
)
def test_bylines_are_cut_and_read(paragraph, left, names):
    assert split_byline(paragraph) == (left, names)


def test_names_drop_role_words():
    assert names_in("记者：甲乙 实习记者：丙丁") == ["甲乙", "丙丁"]


@pytest.mark.parametrize(
    ("line", "name"),
    [("編輯：陸梁鑫", "陸梁鑫"), ("责任编辑：陈利", "陈利"), ("编辑: 吕永清", "吕永清"),
     ("记者：张三 编辑：李四", "李四")],
)
def test_editor_lines(line, name):
    assert is_editor_line(line)
    assert editor_in(line) == name


def test_a_sentence_about_editing_is_not_an_editor_line():
    assert not is_editor_line("会议要求各新闻单位加强审核把关，明确责任编辑：层层把关")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("2022-07-28 09:09:08  来源：张家口新闻网", "张家口新闻网"),
        ("來源：張家口新聞網", "張家口新聞網"),
        ("来源： 巴中市人民政府网站", "巴中市人民政府网站"),
        ("没有", None),
        (None, None),
    ],
)
def test_sources(text, source):
    assert source_in(text) == source


@pytest.mark.parametrize(
    ("line", "name"),
    [("(责编：王五)", "王五"), ("[责编：王五]", "王五"), ("（責編：陸梁鑫）", "陸梁鑫"),
     ("责编：王五", "王五"), ("【編輯：陸梁鑫】", "陸梁鑫")],
)
def test_short_and_bracketed_editor_lines(line, name):
    assert is_editor_line(line)
    assert editor_in(line) == name
