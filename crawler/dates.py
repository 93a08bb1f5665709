"""Publication dates: the forms the sites write them in, and the URL fallback.

All sites publish in China Standard Time, so a date with a time becomes ISO
8601 with `+08:00`; a date alone stays a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_DATETIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时時]\s*(?P<M>\d{1,2})\s*分?(?:\s*[:：]\s*(?P<S>\d{1,2})\s*秒?)?)?"
)

_URL_DATES = (
    # /202207/28/376950.html (zjknews), /202202/t20220210_1.shtml (TRS)
    re.compile(r"/t(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})_"),
    re.compile(r"/(?P<y>20\d{2})(?P<m>\d{2})/(?P<d>\d{2})/"),
    # /2020/1/26/<id>.shtml (sc.gov.cn)
    re.compile(r"/(?P<y>20\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/[^/]+$"),
)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_datetime(text: str | None) -> re.Match[str] | None:
    """The first date (with its time, if any) written in `text`."""
    if not text:
        return None
    for match in _DATETIME.finditer(text):
        if _valid(int(match["y"]), int(match["m"]), int(match["d"])):
            return match
    return None


def parse_published(text: str | None) -> str | None:
    """ISO 8601 for the first date in `text`: with `+08:00` when it has a time.

    `2022-07-28 09:09:08` -> `2022-07-28T09:09:08+08:00`;
    `2020年01月26日 15时22分` -> `2020-01-26T15:22:00+08:00`;
    `2021-10-24` -> `2021-10-24`; no date -> None.
    """
    match = find_datetime(text)
    if match is None:
        return None
    day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    if match["H"] is None:
        return day.isoformat()
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    return stamp.isoformat() + "+08:00"


def date_from_url(url: str | None) -> str | None:
    """The publication date that a URL carries (`/202110/24/`, `/t20220210_`, `/2020/1/26/`)."""
    if not url:
        return None
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match:
            day = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
            if day:
                return day.isoformat()
    return None
