"""crawler.dates: the date forms the sites write, and dates in URLs."""

import pytest

from crawler.dates import date_from_url, parse_published


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-07-28 09:09:08  来源：张家口新闻网", "2022-07-28T09:09:08+08:00"),
        ("2016-04-16 09:31 来源：张家口新闻网", "2016-04-16T09:31:00+08:00"),
        ("2022年02月10日 15:26", "2022-02-10T15:26:00+08:00"),
        ("• 2020年01月26日 15时22分", "2020-01-26T15:22:00+08:00"),
        ("时间：2022年2月9日", "2022-02-09"),
        ("网络编辑 阳泉 2022-07-09 10:29:37 0 防控", "2022-07-09T10:29:37+08:00"),
        ("2021-10-24", "2021-10-24"),
        ("2022/3/5 8:05", "2022-03-05T08:05:00+08:00"),
    ],
)
def test_published_dates_become_iso_8601(text, iso):
    assert parse_published(text) == iso


@pytest.mark.parametrize("text", [None, "", "来源：张家口新闻网", "2022-13-45", "第62次"])
def test_no_date_gives_none(text):
    assert parse_published(text) is None


def test_impossible_date_is_skipped_for_the_next_one():
    assert parse_published("2022-02-30 / 2022-03-01 10:00") == "2022-03-01T10:00:00+08:00"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.zjknews.com/news/shizheng/202110/24/341458.html", "2021-10-24"),
        ("http://www.sjx.gov.cn/xwzx/zwyw/202202/t20220210_3027554.shtml", "2022-02-10"),
        ("https://www.sc.gov.cn/10462/c102250/2020/1/26/717053622b5441438f4191e461fd0939.shtml",
         "2020-01-26"),
        ("http://www.zjknews.com/news/shizheng/2022/09/379522.html", None),
        ("http://www.shanxidayuan.com/gsyl/yangquan/5927.html", None),
        (None, None),
    ],
)
def test_dates_in_urls(url, day):
    assert date_from_url(url) == day
