"""The administrative-division table and place-name lookup."""

from __future__ import annotations

import pytest

from crawler import regions


def test_table_is_complete_to_county_level() -> None:
    divs = regions.divisions()
    assert len(divs) > 3000
    levels = {d.level for d in divs.values()}
    assert levels == {regions.PROVINCE, regions.CITY, regions.COUNTY}
    assert all(len(code) == 6 and code.isdigit() for code in divs)


@pytest.mark.parametrize(("code", "full_name"), [
    ("130700", "河北省张家口市"),
    ("140300", "山西省阳泉市"),
    ("450226", "广西壮族自治区柳州市三江侗族自治县"),
    ("511900", "四川省巴中市"),
    ("110105", "北京市朝阳区"),
    ("500101", "重庆市万州区"),
    ("419001", "河南省济源市"),
    ("140302", "山西省阳泉市城区"),
])
def test_full_names(code: str, full_name: str) -> None:
    assert regions.get(code).full_name == full_name


@pytest.mark.parametrize(("name", "level", "short"), [
    ("三江侗族自治县", regions.COUNTY, "三江"),
    ("黔南布依族苗族自治州", regions.CITY, "黔南"),
    ("积石山保安族东乡族撒拉族自治县", regions.COUNTY, "积石山"),
    ("新疆维吾尔自治区", regions.PROVINCE, "新疆"),
    ("广西壮族自治区", regions.PROVINCE, "广西"),
    ("内蒙古自治区", regions.PROVINCE, "内蒙古"),
    ("张家口市", regions.CITY, "张家口"),
    ("盂县", regions.COUNTY, None),
    ("城区", regions.COUNTY, None),
])
def test_short_name(name: str, level: int, short: str | None) -> None:
    assert regions.short_name(name, level) == short


@pytest.mark.parametrize(("name", "code"), [
    ("河北省张家口市", "130700"),
    ("广西壮族自治区柳州市三江侗族自治县", "450226"),
    ("三江侗族自治县", "450226"),
    ("三江", "450226"),
    ("三江县", "450226"),
    ("山西省", "140000"),
    ("北京市", "110000"),
    ("北京市朝阳区", "110105"),
    ("吉林省长春市朝阳区", "220104"),
    ("朝阳区", None),  # two of them: ambiguous
    ("山西省阳泉市城区", "140302"),
    ("不存在的地方", None),
    (None, None),
])
def test_resolve_name(name: str | None, code: str | None) -> None:
    div = regions.resolve_name(name)
    assert (div.code if div else None) == code


def test_find_mentions_is_leftmost_longest() -> None:
    found = regions.find_mentions("三江侗族自治县疫情防控，柳州市会议")
    assert [m.text for m in found] == ["三江侗族自治县", "柳州市"]
    assert found[0].official and found[0].codes == ("450226",)


def test_short_names_are_marked_unofficial() -> None:
    (mention,) = regions.find_mentions("三江召开")
    assert not mention.official


def test_is_within() -> None:
    assert regions.is_within("450226", "450000")
    assert regions.is_within("450226", "450200")
    assert not regions.is_within("450226", "140300")
    assert regions.get("140300").is_within(regions.get("140000"))


def test_by_full_name() -> None:
    assert regions.by_full_name("四川省巴中市").code == "511900"
    assert regions.by_full_name("四川省").code == "510000"
    assert regions.by_full_name("巴中") is None
