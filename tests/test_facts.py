"""Meeting facts: one test per rule and per tricky phrasing, and the five seeds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import opencc
import pytest

from crawler.facts import (
    chinese_number,
    find_attendees,
    find_chairs,
    meeting_facts,
    meeting_kind,
    meeting_number,
    resolve_date,
    strip_titles,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
T2S = opencc.OpenCC("t2s")
ZJK = "河北省张家口市"
SANJIANG = "广西壮族自治区柳州市三江侗族自治县"


def facts(body: str, title: str | None = None, published: str | None = "2022-07-28T09:00:00+08:00",
          source: str | None = None, site: str | None = ZJK) -> dict:
    return meeting_facts(title, body, published, source, site)


# --- is_meeting -------------------------------------------------------------

POSITIVES = [
    "7月27日晚，张家口市应对新冠肺炎疫情工作领导小组会议暨视频调度会议召开。",
    "7月8日，市委书记雷健坤主持召开市委第六十二次疫情防控专题会。",
    "1月25日，我市召开新型冠状病毒感染的肺炎疫情防控工作电视电话会议。",
    "3日，市新冠肺炎疫情防控指挥部召开全体成员会议，安排部署近期工作。",
    "7月26日，县委书记李四主持召开县委常委会会议，专题研究部署疫情防控工作。",
    "7月26日，市新型冠状病毒感染的肺炎疫情联防联控机制领导小组召开会议。",
    "7月26日，全市疫情防控工作视频调度会召开。",
    "7月26日下午，县应对新冠肺炎疫情工作领导小组（扩大）会议在县政府会议室召开。",
    # a 常委会 whose one subject is the epidemic, without 专题
    "2022年4月2日，县委书记王五主持召开县委常委会（扩大）会议，传达学习上级会议精神，研究部署我县疫情防控工作。",
]


@pytest.mark.parametrize("body", POSITIVES)
def test_meeting_reports_are_meetings(body: str) -> None:
    result = facts(body)
    assert result["is_meeting"] == 1
    assert result["meeting_evidence"]


NEGATIVES = [
    # vaccination drive, volunteers, reopening: 疫情 but no meeting
    "7月27日，我市新冠疫苗加强针接种工作有序推进，各接种点秩序井然，疫情防控措施落实到位。",
    "疫情防控志愿者们坚守卡口一线，为群众测温验码，筑牢疫情防控屏障。",
    "根据市应对新冠肺炎疫情工作领导小组办公室通知，全市景区自7月28日起有序恢复开放。",
    # meetings on something else that mention 疫情防控 in passing
    "7月27日，全市安全生产工作会议召开。会议强调，要统筹做好疫情防控和安全生产工作。",
    "7月27日，市政府召开经济运行调度会，分析上半年经济形势，要求统筹疫情防控和经济社会发展。",
    "7月27日，全市防汛工作视频调度会议召开，会议要求在做好疫情防控的同时做好防汛准备。",
    "7月27日，全县春耕生产推进会召开，会议强调统筹抓好疫情防控和春耕生产。",
    # a meeting only referred to, not reported
    "各地要认真贯彻落实省应对新冠肺炎疫情工作领导小组会议精神，抓好疫情防控。",
    # a press conference is not a meeting
    "7月27日，市政府新闻办召开疫情防控新闻发布会，通报最新情况。",
    # a 常委会 on other business that touches the epidemic in passing
    "7月27日，县委常委会召开会议，研究部署经济运行、安全生产和疫情防控等工作。",
    "7月27日，县委常委会召开会议，研究部署疫情防控、安全生产等工作。",
    "7月27日，县委常委会召开会议，研究部署疫情防控和防汛工作。",
]


@pytest.mark.parametrize("body", NEGATIVES)
def test_lookalikes_are_not_meetings(body: str) -> None:
    result = facts(body)
    assert result["is_meeting"] == 0
    assert result["meeting_evidence"] is None
    assert result["meeting_date"] is None
    assert result["meeting_chair"] is None


def test_title_alone_can_decide() -> None:
    result = facts("会议指出，当前疫情形势严峻复杂。", title="市应对新冠肺炎疫情工作领导小组会议强调")
    assert result["is_meeting"] == 1
    assert result["meeting_evidence"] == "市应对新冠肺炎疫情工作领导小组会议强调"


def test_evidence_is_the_held_meeting_not_the_one_watched() -> None:
    body = ("10月23日晚，在收听收看省应对新冠肺炎疫情工作领导小组会议暨视频调度会议后，"
            "市委书记武卫东主持召开市应对新冠肺炎疫情工作领导小组会议暨视频调度会议。")
    result = facts(body)
    assert result["meeting_evidence"] == "市委书记武卫东主持召开市应对新冠肺炎疫情工作领导小组会议暨视频调度会议"


# --- meeting_date -----------------------------------------------------------

@pytest.mark.parametrize(("body", "published", "expected"), [
    ("7月27日晚，市疫情防控工作领导小组会议召开。", "2022-07-28T09:09:08+08:00", "2022-07-27"),
    ("10月23日晚，市委书记武卫东主持召开市疫情防控工作领导小组会议。", "2021-10-24", "2021-10-23"),
    ("3日，市疫情防控工作领导小组会议召开。", "2022-08-04", "2022-08-03"),
    ("31日，市疫情防控工作领导小组会议召开。", "2022-08-02", "2022-07-31"),
    ("12月31日，市疫情防控工作领导小组会议召开。", "2022-01-01", "2021-12-31"),
    ("30日，市疫情防控工作领导小组会议召开。", "2022-01-01T08:00:00+08:00", "2021-12-30"),
    ("2021年12月31日下午，市疫情防控工作领导小组会议召开。", "2022-01-05", "2021-12-31"),
    ("7月27日上午，市疫情防控工作领导小组会议召开。", None, None),
    ("2022年7月27日，市疫情防控工作领导小组会议召开。", None, "2022-07-27"),
    ("日前，市疫情防控工作领导小组会议召开。", "2022-07-28", None),
    ("市疫情防控工作领导小组会议近日召开。", "2022-07-28", None),
])
def test_meeting_date(body: str, published: str | None, expected: str | None) -> None:
    assert facts(body, published=published)["meeting_date"] == expected


def test_date_since_is_not_the_meeting_date() -> None:
    body = "近日，市疫情防控工作领导小组会议召开。会议指出，7月1日以来全市疫情形势平稳。"
    assert facts(body)["meeting_date"] is None


def test_publication_date_is_never_the_meeting_date() -> None:
    result = facts("市疫情防控工作领导小组会议召开。", published="2022-07-28T09:09:08+08:00")
    assert result["is_meeting"] == 1
    assert result["meeting_date"] is None


@pytest.mark.parametrize(("year", "month", "day", "published", "expected"), [
    (None, 7, 27, date(2022, 7, 28), date(2022, 7, 27)),
    (None, 12, 31, date(2022, 1, 1), date(2021, 12, 31)),
    (None, None, 3, date(2022, 7, 4), date(2022, 7, 3)),
    (None, None, 31, date(2022, 3, 1), None),  # 2月31日 does not exist
    (None, None, 29, date(2022, 3, 1), None),
    (None, 2, 30, date(2022, 3, 1), None),
    (2022, 7, 27, None, date(2022, 7, 27)),
    (None, 7, 27, None, None),
])
def test_resolve_date(year, month, day, published, expected) -> None:
    assert resolve_date(year, month, day, published) == expected


# --- meeting_chair ----------------------------------------------------------

@pytest.mark.parametrize(("body", "chair"), [
    ("7月27日晚，市疫情防控工作领导小组会议召开。市委副书记孙远富主持会议并讲话。", "孙远富"),
    ("7月27日，市疫情防控工作领导小组会议召开，会议由市委副书记、市长赵文锋主持。", "赵文锋"),
    ("7月27日，市委书记、市疫情防控工作领导小组组长雷健坤主持召开市疫情防控专题会。", "雷健坤"),
    ("2月9日，县疫情防控工作领导小组会议召开。县委副书记、县长陈震受邝驱书记委托主持会议并讲话。", "陈震"),
    ("7月27日，市疫情防控工作电视电话会议召开。市长何平出席并讲话。副市长温奇志主持会议。", "温奇志"),
    ("7月27日，市疫情防控工作领导小组会议召开。市长何平出席会议并讲话。", None),
    ("7月27日，市疫情防控工作领导小组会议召开，市委书记主持会议。", None),
    ("7月27日，市疫情防控工作领导小组会议召开。王五同志主持会议。", "王五"),
])
def test_meeting_chair(body: str, chair: str | None) -> None:
    assert facts(body)["meeting_chair"] == chair


def test_chair_from_title() -> None:
    result = facts("7月8日，市委第六十二次疫情防控专题会召开。",
                   title="雷健坤主持召开市委第六十二次疫情防控专题会强调：保持高度警醒")
    assert result["meeting_chair"] == "雷健坤"


@pytest.mark.parametrize(("phrase", "name"), [
    ("市委副书记孙远富", "孙远富"),
    ("县委副书记、县长陈震", "陈震"),
    ("市政府秘书长赵建仁", "赵建仁"),
    ("市委书记", None),
    ("雷健坤同志", "雷健坤"),
    ("各有关部门负责人", None),
])
def test_strip_titles(phrase: str, name: str | None) -> None:
    assert strip_titles(phrase) == name


def test_find_chairs_proxy_is_not_the_principal() -> None:
    assert [n for _, n in find_chairs("县长陈震受邝驱书记委托主持会议")] == ["陈震"]


# --- meeting_kind and meeting_number -------------------------------------------

@pytest.mark.parametrize(("name", "kind"), [
    ("张家口市应对新冠肺炎疫情工作领导小组会议暨视频调度会议", "领导小组会议"),
    ("市委第六十二次疫情防控专题会暨市疫情防控工作领导小组会议", "专题会"),
    ("新型冠状病毒感染的肺炎疫情防控工作电视电话会议", "电视电话会议"),
    ("全市疫情防控工作视频调度会", "调度会"),
    ("市新冠肺炎疫情防控指挥部全体成员会议", "指挥部会议"),
    ("疫情防控工作领导小组（扩大）会议", "领导小组会议"),
    ("县委常委会会议", "other"),
    ("全市疫情防控工作视频会议", "other"),
])
def test_meeting_kind(name: str, kind: str) -> None:
    assert meeting_kind(name) == kind


@pytest.mark.parametrize(("name", "number"), [
    ("市委第六十二次疫情防控专题会", 62),
    ("第十次疫情防控工作领导小组会议", 10),
    ("第一百零五次疫情防控调度会", 105),
    ("第12次疫情防控调度会", 12),
    ("第二十次疫情防控调度会", 20),
    ("疫情防控工作领导小组会议", None),
])
def test_meeting_number(name: str, number: int | None) -> None:
    assert meeting_number(name) == number


def test_first_in_body_is_not_a_meeting_number() -> None:
    body = "7月8日，市委第六十二次疫情防控专题会召开。要常态化运行“第一时间、第一落点”管控。"
    assert facts(body)["meeting_number"] == 62


@pytest.mark.parametrize(("text", "value"), [
    ("六十二", 62), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
    ("两百", 200), ("62", 62), ("二〇二二", 2022), ("七", 7), ("abc", None),
])
def test_chinese_number(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


# --- attendees --------------------------------------------------------------

@pytest.mark.parametrize(("body", "chair", "names"), [
    ("刘雪松、闫利艳等参加。", None, ["刘雪松", "闫利艳"]),
    ("市长赵文锋、市委副书记孙远富出席会议。", None, ["赵文锋", "孙远富"]),
    ("高峰、韩晓杰及各有关部门负责人在市主会场参加会议，各县区设分会场。", None, ["高峰", "韩晓杰"]),
    ("市委副书记、政法委书记尚日红，市领导李明、呼亚民出席会议。", None, ["尚日红", "李明", "呼亚民"]),
    ("副市长温奇志主持会议，市政府秘书长赵建仁参加会议。", "温奇志", ["赵建仁"]),
    ("市疫情防控工作领导小组成员单位负责同志参加会议。", None, []),
    # a speaker listed with 出席并讲话 attended, but is not the chair
    ("市委书记刘振国出席并讲话。市委副书记孙志刚主持会议。市领导陈立群参加会议。", "孙志刚",
     ["刘振国", "陈立群"]),
])
def test_attendees(body: str, chair: str | None, names: list[str]) -> None:
    assert find_attendees(body, chair) == names


# --- region -----------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "region", "code"), [
    # the title names the place
    ({"title": "三江召开疫情防控工作领导小组会议", "site": SANJIANG}, SANJIANG, "450226"),
    # a pasted title copy's source on a provincial republisher
    ({"source": "阳泉市政府", "site": "山西省"}, "山西省阳泉市", "140300"),
    # 我市 with the source
    ({"source": "巴中市人民政府网站", "site": "四川省"}, "四川省巴中市", "511900"),
    # nothing in the text: the site's own region
    ({"site": ZJK}, ZJK, "130700"),
    ({"site": None}, None, None),
])
def test_region_sources(kwargs: dict, region: str | None, code: str | None) -> None:
    body = "7月8日，我市召开疫情防控工作领导小组会议，市委书记王五主持会议。"
    result = meeting_facts(kwargs.get("title"), body, "2022-07-09", kwargs.get("source"),
                           kwargs.get("site"))
    assert (result["region"], result["region_code"]) == (region, code)


def test_region_county_report_mentioning_its_city() -> None:
    body = ("2月9日，三江侗族自治县疫情防控工作领导小组会议召开，会议传达自治区、柳州市疫情防控会议精神。"
            "县委副书记、县长陈震主持会议。全县上下要压实责任。")
    result = meeting_facts(None, body, "2022-02-10", None, SANJIANG)
    assert result["region_code"] == "450226"


def test_region_city_report_naming_its_counties_stays_the_city() -> None:
    body = ("7月8日，巴中市疫情防控工作领导小组会议召开，市委书记王五主持会议。"
            "通江县、南江县、平昌县要加强卡口管理。全市上下要压实责任。")
    result = meeting_facts(None, body, "2022-07-09", None, "四川省")
    assert result["region_code"] == "511900"


def test_region_body_place_names_on_a_provincial_portal() -> None:
    body = "7月8日，晋中市召开疫情防控工作领导小组会议，市委书记王五主持会议。全市上下要压实责任。"
    result = meeting_facts(None, body, "2022-07-09", None, "山西省")
    assert result["region"] == "山西省晋中市"


def test_region_ignores_other_places_outside_the_site() -> None:
    body = "7月8日，我市召开疫情防控工作领导小组会议，要求严防北京市、天津市输入风险。"
    result = meeting_facts(None, body, "2022-07-09", "张家口新闻网", ZJK)
    assert result["region_code"] == "130700"


def test_region_higher_level_mentions_do_not_win() -> None:
    body = ("7月8日，县疫情防控工作领导小组会议召开，传达省委、省政府和柳州市会议精神。"
            "县委书记王五主持会议。全县要压实责任。")
    result = meeting_facts(None, body, "2022-07-09", None, SANJIANG)
    assert result["region_code"] == "450226"


def test_region_common_words_are_not_places() -> None:
    body = "1月25日，我市召开疫情防控工作电视电话会议，努力让群众度过一个安定祥和的春节。"
    result = meeting_facts(None, body, "2020-01-26", None, None)
    assert result["region"] is None


# --- the five seeds ---------------------------------------------------------

_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")


def _crude_clean(text: str) -> str:
    """Just enough cleaning for the seeds: pinyin notes, the mirror's commas, t2s."""
    text = _PINYIN.sub("", text)
    for bad, good in ((",,", "，"), (",、", "、"), (",。", "。"), (",??h", "。县")):
        text = text.replace(bad, good)
    text = re.sub(r"(?<=[\u4e00-\u9fff]),", "，", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff]):", "：", text)
    return T2S.convert(text)


# seed: (title line index or None, body start, body end, published_at, source, site_region)
SEED_INPUTS = {
    "000": (3, "张家口新闻网讯", "(记者", "2022-07-28T09:09:08+08:00", "张家口新闻网", ZJK),
    "001": (None, "10月23日晚", "【专题】", "2021-10-24", None, ZJK),
    "002": (2, "7月8日，", "版权声明", "2022-07-09T10:29:37+08:00", "阳泉市政府", "山西省"),
    "003": (0, "2月9日", "记者：", "2022-02-10T15:26:00+08:00", None, SANJIANG),
    "004": (1, "1月25日", "责任编辑", "2020-01-26T15:22:00+08:00", "巴中市人民政府网站", "四川省"),
}

SEED_FACTS = {
    "000": {"meeting_date": "2022-07-27", "meeting_chair": "孙远富", "region": ZJK,
            "region_code": "130700", "meeting_kind": "领导小组会议", "meeting_number": None},
    "001": {"meeting_date": "2021-10-23", "meeting_chair": "武卫东", "region": ZJK,
            "region_code": "130700", "meeting_kind": "领导小组会议"},
    "002": {"meeting_date": "2022-07-08", "meeting_chair": "雷健坤", "region": "山西省阳泉市",
            "region_code": "140300", "meeting_kind": "专题会", "meeting_number": 62},
    "003": {"meeting_date": "2022-02-09", "meeting_chair": "陈震", "region": SANJIANG,
            "region_code": "450226", "meeting_kind": "领导小组会议"},
    "004": {"meeting_date": "2020-01-25", "meeting_chair": "温奇志", "region": "四川省巴中市",
            "region_code": "511900", "meeting_kind": "电视电话会议"},
}


def seed_input(seed: str) -> tuple[str | None, str, str, str | None, str]:
    """(title, body, published_at, source, site_region) cut crudely from a seed dump."""
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    text = _crude_clean(path.read_text(encoding="utf-8"))
    title_line, start, end, published, source, site = SEED_INPUTS[seed]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[title_line].lstrip("• ") if title_line is not None else None
    i = text.index(_crude_clean(start))
    j = text.index(_crude_clean(end), i)
    body = "\n".join(line.strip() for line in text[i:j].splitlines() if line.strip())
    return title, body, published, source, site


SEED_CASES = [(seed, field, value) for seed, want in SEED_FACTS.items() for field, value in want.items()]


@pytest.mark.parametrize(("seed", "field", "value"), SEED_CASES)
def test_seed_facts(seed: str, field: str, value: object) -> None:
    title, body, published, source, site = seed_input(seed)
    result = meeting_facts(title, body, published, source, site)
    assert result["is_meeting"] == 1
    assert result[field] == value


def test_seed_001_without_a_publication_date_has_no_meeting_date() -> None:
    title, body, _, source, site = seed_input("001")
    result = meeting_facts(title, body, None, source, site)
    assert result["meeting_date"] is None
    assert result["meeting_chair"] == "武卫东"


def test_seed_004_speaker_is_not_the_chair() -> None:
    title, body, published, source, site = seed_input("004")
    assert "何平出席并讲话" in body
    assert meeting_facts(title, body, published, source, site)["meeting_chair"] == "温奇志"


def test_seed_003_attendees() -> None:
    result = meeting_facts(*seed_input("003"))
    assert result["attendees"][:3] == ["陈明", "雷恣伟", "雷道理"]
    assert "陈震" not in result["attendees"] and "邝驱" not in result["attendees"]


def test_seed_004_speaker_attended() -> None:
    assert meeting_facts(*seed_input("004"))["attendees"] == ["何平", "赵建仁"]


def test_region_county_named_in_the_title_of_a_city_site() -> None:
    result = meeting_facts("蔚县召开疫情防控工作领导小组会议",
                           "7月8日，蔚县召开疫情防控工作领导小组会议，县委书记王五主持会议。全县要压实责任。",
                           "2022-07-09", "张家口新闻网", ZJK)
    assert (result["region"], result["region_code"]) == ("河北省张家口市蔚县", "130726")


def test_short_name_in_a_common_word_is_not_a_place() -> None:
    result = meeting_facts("全力打赢疫情防控阻击战 确保群众安居乐业",
                           "1月25日，我市召开疫情防控工作电视电话会议。全市上下要压实责任。",
                           "2020-01-26", "巴中市人民政府网站", "四川省")
    assert result["region_code"] == "511900"  # not 安居区 of 遂宁


def test_meeting_held_after_a_date_in_the_name_sentence() -> None:
    result = facts("市疫情防控工作领导小组会议7月3日召开，会议由市长张三主持。",
                   published="2022-07-04")
    assert (result["is_meeting"], result["meeting_date"], result["meeting_chair"]) == (1, "2022-07-03", "张三")


def test_standing_committee_evidence_shows_the_subject() -> None:
    result = facts("7月27日，市委常委会召开会议，专题研究疫情防控工作。市委书记武卫东主持会议。")
    assert "专题研究疫情防控" in result["meeting_evidence"]
