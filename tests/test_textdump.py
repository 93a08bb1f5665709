"""crawler.textdump: layout recognition and the generic dump reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.textdump import read_dump, recognise_layout

SEEDS = {p.name[:3]: p.read_text(encoding="utf-8")
         for p in (Path(__file__).parent.parent / "seeds").glob("*.txt")}


@pytest.mark.parametrize(
    ("seed", "layout"),
    [("000", "zjknews"), ("001", "zjknews"), ("002", "shanxidayuan"), ("003", "liuzhou_trs"),
     ("004", "scgov")],
)
def test_seed_layouts_are_recognised(seed, layout):
    assert recognise_layout(SEEDS[seed]) == layout


def test_unknown_text_has_no_layout():
    assert recognise_layout("一段普通的文字，没有任何页面特征。") is None


def test_title_subtitle_date_and_source_come_from_around_the_meta_line():
    raw = read_dump(SEEDS["000"], "textdump:000.txt")
    assert raw.title == "市應對新冠肺炎疫情工作領導小組會議強調"
    assert raw.subtitle == "筑牢重點公共場所疫情防控防線"
    assert raw.published.startswith("2022-07-28 09:09:08")
    assert "張家口新聞網" in raw.source


def test_a_label_line_between_title_and_date_is_skipped():
    raw = read_dump(SEEDS["003"], "textdump:003.txt")
    assert raw.title.startswith("守牢安全紅線")
    assert raw.subtitle is None
    assert raw.published == "2022年02月10日 15:26"


def test_bullets_after_the_date_give_the_source_and_end_before_the_body():
    raw = read_dump(SEEDS["004"], "textdump:004.txt")
    assert raw.title == "巴中市新型冠状病毒感染的肺炎疫情防控工作电视电话会议召开"
    assert raw.source == "来源：巴中市人民政府网站"
    assert "1月25日" in raw.body[0]


def test_a_dump_without_a_meta_line_is_all_body():
    raw = read_dump(SEEDS["001"], "textdump:001.txt")
    assert raw.title is None and raw.published is None
    assert raw.body[0].startswith("張家口新聞傳媒集團")


def test_a_stray_date_line_above_the_title_is_not_the_title():
    raw = read_dump("2020-07-26\n\n标题在这里\n\n2020年01月26日 15时22分\n正文第一段。", "t")
    assert raw.title == "标题在这里"
