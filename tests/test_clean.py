"""crawler.clean: one test per kind of dirt."""

import pytest

from crawler.clean import (
    clean_text,
    full_width_punctuation,
    is_pinyin_syllable,
    normalize_spaces,
    repair_mirror_damage,
    squash,
    strip_pinyin,
    to_simplified,
)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("首頁(yè) 新聞中心", "首頁 新聞中心"),
        ("時(shí)政", "時政"),
        ("領(lǐng)導(dǎo)小組", "領導小組"),
        ("集團(tuán)記者", "集團記者"),
        ("綠(lǜ)色", "綠色"),
        ("的(de)", "的"),
    ],
)
def test_pinyin_notes_are_removed(dirty, clean):
    assert strip_pinyin(dirty) == clean


@pytest.mark.parametrize(
    "text",
    ["(記者 郝學鋒)", "領導小組(擴大)會議", "各縣(區)", "世界衛生組織(who)", "鄉(鎮)", "(2022)"],
)
def test_real_parentheses_stay(text):
    assert strip_pinyin(text) == text


@pytest.mark.parametrize("word", ["shí", "dǎo", "zhuàng", "lǜ", "er", "a", "xiong"])
def test_pinyin_syllables_are_recognised(word):
    assert is_pinyin_syllable(word)


@pytest.mark.parametrize("word", ["who", "abc", "covid", "qq", "ng"])
def test_other_words_are_not_pinyin(word):
    assert not is_pinyin_syllable(word)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("召開,,會議", "召開,會議"),
        ("自治區,、柳州市", "自治區、柳州市"),
        ("參加會議,。", "參加會議。"),
        ("答卷,??h委副書記", "答卷。縣委副書記"),
        ("答卷,??h領導陳明", "答卷。縣領導陳明"),
    ],
)
def test_mirror_comma_and_gbk_damage_is_repaired(dirty, clean):
    assert repair_mirror_damage(dirty) == clean


def test_garbled_pair_takes_the_character_the_text_uses_most():
    text = "全縣上下,??h委書記到縣政府" + "縣" * 3
    assert "。縣委書記" in repair_mirror_damage(text)


def test_unresolvable_question_runs_between_characters_are_dropped():
    assert repair_mirror_damage("勐??臘縣") == "勐臘縣"


def test_question_marks_in_latin_text_stay():
    assert repair_mirror_damage("what? yes") == "what? yes"


def test_a_single_question_mark_between_characters_is_a_question():
    assert repair_mirror_damage("还要戴口罩吗?专家回应") == "还要戴口罩吗?专家回应"


@pytest.mark.parametrize(
    ("half", "full"),
    [
        ("7月27日晚,張家口市", "7月27日晚，張家口市"),
        ("強調:保持", "強調：保持"),
        ("編輯:呂永清", "編輯：呂永清"),
        ("一是;二是", "一是；二是"),
    ],
)
def test_half_width_punctuation_in_chinese_becomes_full_width(half, full):
    assert full_width_punctuation(half) == full


@pytest.mark.parametrize("text", ["2022-07-28 09:09:08", "0313-2051987", "1,000 people", "a:b"])
def test_punctuation_between_digits_or_latin_stays(text):
    assert full_width_punctuation(text) == text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("\u00a0\u00a0張家口新聞網訊\u3000\u3000 7月27日晚", "張家口新聞網訊 7月27日晚"),
        ("守牢安全紅線 交好防控答卷", "守牢安全紅線 交好防控答卷"),
        ("精神， 按照", "精神，按照"),
        ("\u200b正文\t", "正文"),
    ],
)
def test_spaces_are_normalised(dirty, clean):
    assert normalize_spaces(dirty) == clean


def test_clean_text_applies_every_rule():
    dirty = "  張家口新聞網(wǎng)訊   7月27日晚,會(huì)議召開,,各縣(區)參加,。"
    assert clean_text(dirty) == "張家口新聞網訊 7月27日晚，會議召開，各縣(區)參加。"


def test_clean_text_of_nothing_is_empty():
    assert clean_text(None) == ""
    assert clean_text("   ") == ""


def test_simplified_copy_uses_opencc_for_forms_the_seeds_never_show():
    assert to_simplified("衛生健康委員會發佈") == "卫生健康委员会发布"
    assert to_simplified("鄺驅書記") == "邝驱书记"
    assert to_simplified(None) is None


def test_squash_ignores_script_width_and_spaces():
    assert squash("會議 強調:") == squash("会议强调：")
