"""Meeting facts from the cleaned, simplified text of a report.

``meeting_facts`` decides whether a report is the report of an
epidemic-prevention meeting and pulls out when it was held, who chaired it,
its kind and number, who attended, and the place it is about. Every rule is a
small pure function; a fact that cannot be read safely is left as None,
because a wrong fact is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crawler import regions
from crawler.regions import CITY, COUNTY, PROVINCE, Division

# --- vocabulary -------------------------------------------------------------

EPIDEMIC = re.compile(r"疫情|新冠|肺炎|冠状病毒|防疫|联防联控")

# A meeting kind as it ends a meeting's name, in the order used for meeting_kind.
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("领导小组会议", r"领导小组(?:第[0-9零〇一二两三四五六七八九十百]+次)?(?:[(（][^)）]{1,4}[)）])?(?:全体)?(?:成员)?"
                 r"(?:工作)?(?:扩大)?会议?"),
    ("专题会", r"专题(?:工作)?会(?:议)?"),
    ("调度会", r"调度(?:工作)?会(?:议)?"),
    ("电视电话会议", r"电视电话(?:会议|会)"),
    ("指挥部会议", r"指挥部(?:第[0-9零〇一二两三四五六七八九十百]+次)?(?:[(（][^)）]{1,4}[)）])?(?:全体)?(?:成员)?"
               r"(?:工作)?(?:扩大)?(?:会议|会)"),
    ("other", r"视频(?:会议|会)|常委会(?:[(（][^)）]{1,4}[)）])?(?:会议)?|(?:工作|部署|推进|联席)(?:会议|会)"
              r"|机制(?:工作)?会议"),
)
KIND_RE = re.compile("|".join(f"(?:{p})" for _, p in KIND_PATTERNS))
_KIND_ONE = [(k, re.compile(p)) for k, p in KIND_PATTERNS]

# Meetings that are not decision meetings even when they are about the epidemic.
NOT_A_MEETING = re.compile(r"发布会|培训会|见面会|座谈会|演练|答记者问|通气会")

HELD_BEFORE = re.compile(r"(?:召开|举行|召集|主持|组织召开|视频召开)(?:了)?")
HELD_AFTER = re.compile(
    r"^(?:[^，。；！？\n“”]{0,30}?(?:召开|举行)|强调|指出|要求|部署|传达|研究|听取)"
)
NOT_HELD_AFTER = re.compile(r"^(?:精神|要求|部署|决策|安排|提出|议定|确定)")

CLAUSE_BREAK = "，。；：！？\n“”‘’"
SENTENCE_BREAK = "。！？\n；"

TITLE_WORDS = (
    "党组书记", "书记", "副书记", "市长", "县长", "区长", "省长", "州长", "旗长", "盟长",
    "主任", "副主任", "组长", "副组长", "部长", "秘书长", "局长", "厅长", "院长", "委员",
    "常委", "主席", "总指挥", "副总指挥", "指挥长", "副指挥长", "负责人", "领导", "专员",
    "政委", "司令员", "镇长", "乡长", "处长", "主任委员", "检察长", "行长", "理事长",
    "董事长", "总经理", "经理", "校长", "会长", "社长", "台长", "馆长", "所长", "队长",
    "政法委书记", "纪委书记", "监委主任", "长",
)
_TITLE_RE = re.compile("|".join(sorted(map(re.escape, TITLE_WORDS), key=len, reverse=True)))
_NOT_NAME = re.compile(
    r"[市县省委局办处厅院室各全等及与在对由向从的了是为并]|会议|领导|同志|负责|部门|单位|主持|讲话|参加|出席|干部|群众|人员"
)
_NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


# --- numbers and dates -------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """An integer from Arabic digits or Chinese numerals up to 9999: 六十二 → 62, 一百零五 → 105."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if all(c in _DIGITS for c in text) and len(text) > 1:  # 二〇二二 style
        return int("".join(str(_DIGITS[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


def parse_published(published_at: str | None) -> date | None:
    """The date part of an ISO 8601 timestamp or bare date, or None."""
    if not published_at:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", published_at.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


DATE_RE = re.compile(
    r"(?:(?P<y>\d{4}|[二〇零一三四五六七八九]{4})年)?(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})(?:日|号)"
)
_NOT_MEETING_DATE_AFTER = re.compile(r"^(?:[上下中]午|晚上?|早上?|凌晨|夜间?)?(?:以来|起|至|到|前|之前|后|以后|零时|0时|24时|—|-|－)")


def resolve_date(year: int | None, month: int | None, day: int, published: date | None) -> date | None:
    """Complete a possibly year- or month-less date from the publication date.

    A meeting is held on or before the day it is reported: a date that would
    fall after publication belongs to the previous month or year.
    """
    if year is not None and month is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    if month is not None:
        candidate = _safe_date(published.year, month, day)
        if candidate is not None and candidate > published:
            candidate = _safe_date(published.year - 1, month, day)
        return candidate
    candidate = _safe_date(published.year, published.month, day)
    if candidate is None or candidate > published:
        first = published.replace(day=1) - timedelta(days=1)
        candidate = _safe_date(first.year, first.month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateMention:
    """A date written in the text, before completion."""

    start: int
    year: int | None
    month: int | None
    day: int


def find_dates(text: str) -> list[DateMention]:
    """Dates such as 2022年7月27日, 7月27日晚 and 3日 that could be a meeting date."""
    out = []
    for m in DATE_RE.finditer(text):
        if _NOT_MEETING_DATE_AFTER.match(text[m.end():]):
            continue
        if m.start() > 0 and text[m.start() - 1] in "第至到—-－、" and not m["m"]:
            continue
        day = chinese_number(m["d"])
        month = chinese_number(m["m"]) if m["m"] else None
        year = chinese_number(m["y"]) if m["y"] else None
        if not day or day > 31 or (month is not None and not 1 <= month <= 12):
            continue
        if month is None and m["d"].isdigit() is False:
            continue  # 十日 alone is too often not a date
        out.append(DateMention(m.start(), year, month, day))
    return out


# --- meetings ---------------------------------------------------------------

@dataclass(frozen=True)
class Meeting:
    """A meeting named in the text: its name, where it is, whether it was held."""

    name: str
    evidence: str
    start: int
    end: int
    held: bool
    priority: int
    kind: str | None = None


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return i


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and text[start - 1] not in SENTENCE_BREAK:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in SENTENCE_BREAK:
        end += 1
    return start, end


def _extend_chain(text: str, end: int) -> int:
    """Extend a meeting name over 暨…会议 chains: 领导小组会议暨视频调度会议."""
    while text.startswith("暨", end):
        nxt = KIND_RE.search(text, end + 1)
        if not nxt or any(c in CLAUSE_BREAK for c in text[end:nxt.start()]) or nxt.start() - end > 30:
            break
        end = nxt.end()
    return end


# A body that holds a meeting: 市疫情防控指挥部召开全体成员会议, 领导小组召开会议.
ORG_HELD = re.compile(
    r"(?P<org>领导小组|指挥部|联防联控机制)(?:办公室)?(?:[在于][^，。；]{0,15})?(?:召开|举行)(?:了)?"
    r"(?:第[0-9零〇一二两三四五六七八九十百]+次)?(?:全体(?:成员)?|扩大|专题|工作)?(?:会议|会)"
)
_ORG_KIND = {"领导小组": "领导小组会议", "指挥部": "指挥部会议", "联防联控机制": "other"}


def find_meetings(text: str) -> list[Meeting]:
    """Every epidemic-prevention meeting named in ``text``, held or only referred to."""
    out: list[Meeting] = []
    pos = 0
    while True:
        m = KIND_RE.search(text, pos)
        if not m:
            break
        end = _extend_chain(text, m.end())
        pos = end
        meeting = _meeting_at(text, _clause_start(text, m.start()), m.start(), end)
        if meeting is not None:
            out.append(meeting)
    for m in ORG_HELD.finditer(text):
        start = _clause_start(text, m.start())
        name = text[start:m.end()]
        if EPIDEMIC.search(name) and not any(x.start <= m.end() and x.end >= m.start() for x in out):
            out.append(Meeting(name, name, start, m.end(), True, 0, _ORG_KIND[m["org"]]))
    return out


def _meeting_at(text: str, clause_start: int, kind_start: int, end: int) -> Meeting | None:
    before = text[clause_start:kind_start]
    verbs = list(HELD_BEFORE.finditer(before))
    name_start = clause_start + verbs[-1].end() if verbs else clause_start
    name = text[name_start:end].strip()
    after = text[end:end + 40]
    if NOT_A_MEETING.search(name) or NOT_A_MEETING.match(after):
        return None
    if not _about_epidemic(name, text, end):
        return None
    if verbs:
        held, priority = True, 0
        evidence_start = clause_start if end - clause_start <= 60 else clause_start + verbs[-1].start()
        evidence = text[evidence_start:end]
    elif HELD_AFTER.match(after) and not NOT_HELD_AFTER.match(after):
        held, priority = True, 1
        verb = HELD_AFTER.match(after)
        evidence = text[name_start:end + verb.end()]
    else:
        held, priority = False, 9
        evidence = name
    if "常委会" in name and not EPIDEMIC.search(name):
        evidence += "，" + _standing_committee_subject(text, end)
    if "收听收看" in before or "参加" in before:
        priority += 2
    return Meeting(name, evidence.strip(), name_start, end, held, priority)


# A 常委会 is an epidemic meeting when it studies the epidemic specially
# (专题研究疫情防控工作), or when the epidemic is the one subject it studies
# (研究部署我县疫情防控工作), not one item of a list (研究部署疫情防控、安全生产等工作).
_STANDING_SUBJECT = re.compile(
    r"(?:专题|专门)(?:研究|部署|听取)[^，。；]{0,8}(?:疫情|新冠)[^，。；]{0,8}"
    r"|(?:研究|部署|听取)(?:部署|研究)?(?:[^，。；、和及与]{0,6}?)(?:疫情|新冠)[^，。；、和及与等]{0,8}"
    r"(?=[，。；]|$)"
)


def _standing_committee_subject(text: str, end: int) -> str:
    """The phrase that makes a 常委会 an epidemic meeting: 专题研究部署疫情防控工作."""
    sentence_end = _sentence_bounds(text, end)[1]
    m = _STANDING_SUBJECT.search(text, end, sentence_end)
    return m.group() if m else ""


def _about_epidemic(name: str, text: str, end: int) -> bool:
    """The meeting's own name is about the epidemic, or a 常委会 studies it specially."""
    if EPIDEMIC.search(name):
        return True
    return "常委会" in name and bool(_standing_committee_subject(text, end))


def meeting_kind(name: str) -> str:
    """The first listed kind that a meeting's name contains, else ``other``."""
    best: tuple[int, str] | None = None
    for kind, pattern in _KIND_ONE:
        m = pattern.search(name)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else "other"


def meeting_number(name: str) -> int | None:
    """The meeting's sequence number: 第六十二次 → 62."""
    m = re.search(r"第([0-9零〇一二两三四五六七八九十百千]+)次", name)
    return chinese_number(m[1]) if m else None


def main_meeting(title: str, body: str) -> tuple[Meeting, str] | None:
    """The held meeting the report is about, and which text ('title'/'body') names it."""
    candidates: list[tuple[int, int, Meeting, str]] = []
    for where, text in (("body", body), ("title", title)):
        for meeting in find_meetings(text):
            if meeting.held:
                candidates.append((0 if where == "body" else 1, meeting.priority, meeting, where))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1], c[2].start))
    return candidates[0][2], candidates[0][3]


# --- people -----------------------------------------------------------------

def strip_titles(phrase: str) -> str | None:
    """The person's name at the end of a title phrase: 市委副书记孙远富 → 孙远富."""
    phrase = phrase.strip().removesuffix("同志").strip()
    last = None
    for m in _TITLE_RE.finditer(phrase):
        last = m
    name = phrase[last.end():] if last else phrase
    name = name.strip("、 ")
    if not _NAME_RE.match(name):
        return None
    if _NOT_NAME.search(name):
        return None
    if name in {"会议", "大会", "市委", "县委", "区委", "省委", "领导", "同志", "他们", "本人"}:
        return None
    return name


_CHAIR_PATTERNS = (
    re.compile(r"(?P<who>[^，。；：！？\n“”]{2,40}?)受[^，。；！？\n]{1,20}?委托[^，。；！？\n]{0,6}?主持"),
    re.compile(r"由(?P<who>[^，。；：！？\n“”由]{2,40}?)主持"),
    re.compile(r"(?P<who>[^，。；：！？\n“”]{2,40}?)(?:出席并|出席会议并|在[^，。；]{1,15})?主持(?:召开|会议|并|。|，|$)"),
)


def find_chairs(text: str) -> list[tuple[int, str]]:
    """(position, name) of everyone the text says chaired a meeting."""
    out: list[tuple[int, str]] = []
    for pattern in _CHAIR_PATTERNS:
        for m in pattern.finditer(text):
            who = m["who"]
            if "委托" in who:
                continue
            name = strip_titles(who)
            if name and not any(abs(p - m.start()) < 3 for p, _ in out):
                out.append((m.start(), name))
    out.sort()
    return out


def find_chair(title: str, body: str, meeting: Meeting | None, where: str | None) -> str | None:
    """The chair of the main meeting: the chair named nearest to it."""
    for text, here in ((body, "body"), (title, "title")):
        chairs = find_chairs(text)
        if not chairs:
            continue
        if meeting is not None and where == here:
            start, end = _sentence_bounds(text, meeting.start)
            same = [name for pos, name in chairs if start <= pos <= end]
            if same:
                return same[0]
        return chairs[0][1]
    return None


# 出席会议, 参加, 列席; a speaker listed with 出席并讲话 attended too.
_ATTEND_RE = re.compile(
    r"(?:出席|参加|列席)(?:了)?(?:会议|此次会议|本次会议|。|$)|出席(?:会议)?并(?:作重要)?(?:讲话|致辞)"
)
_ACTION_RE = re.compile(r"主持|讲话|强调|指出|召开|要求|提出|通报|汇报|介绍")


def find_attendees(body: str, chair: str | None) -> list[str]:
    """Names listed as attending: 市领导李明、呼亚民出席会议; 刘雪松、闫利艳等参加."""
    names: list[str] = []
    for m in _ATTEND_RE.finditer(body):
        start, _ = _sentence_bounds(body, m.start())
        clauses = re.split(r"[，,]", body[start:m.start()])
        kept: list[str] = []
        for clause in reversed(clauses):
            if kept and _ACTION_RE.search(clause):
                break
            kept.insert(0, clause)
        for name in _names_in(",".join(kept)):
            if name != chair and name not in names:
                names.append(name)
    return names


def _names_in(segment: str) -> list[str]:
    segment = re.split(r"在[^、，]{0,12}(?:会场|现场)|等(?:人|同志)?|以及|及", segment)[0] if segment else ""
    out = []
    for item in re.split(r"[、，,和]", segment):
        if _ACTION_RE.search(item):
            continue
        name = strip_titles(item)
        if name:
            out.append(name)
    return out


# --- region -----------------------------------------------------------------

_LEVEL_OF_CHAR = {"省": PROVINCE, "市": CITY, "州": CITY, "盟": CITY, "县": COUNTY, "区": COUNTY, "旗": COUNTY}
_SELF_MARKER = re.compile(r"(?:我|全|本)(省|市|州|盟|县|区|旗)")
_OFFICE_MARKER = re.compile(r"(?:^|(?<=[、，。；：“\s副]))(省|市|州|县|区|旗)(?:委|政府|长|领导|应对|疫情|新冠|新型)")
_SOURCE_SUFFIX = re.compile(r"(?:人民政府|政府|新闻网|日报|融媒体中心|电视台|广播电视台|发布|网站|网)")


def report_level(title: str, body: str, chair_phrase: str | None) -> int | None:
    """The level of government that held the meeting, from 县委副书记…, 我市, 全县."""
    votes = {PROVINCE: 0, CITY: 0, COUNTY: 0}
    if chair_phrase:
        m = re.match(r"(省|市|州|县|区|旗)(?:委|政府|长|人大)", chair_phrase)
        if m:
            votes[_LEVEL_OF_CHAR[m[1]]] += 3
        elif re.match(r"副(市|县|区|省)长", chair_phrase):
            votes[_LEVEL_OF_CHAR[chair_phrase[1]]] += 3
    for text in (title, body):
        for m in _SELF_MARKER.finditer(text):
            votes[_LEVEL_OF_CHAR[m[1]]] += 2
        for m in _OFFICE_MARKER.finditer(text):
            votes[_LEVEL_OF_CHAR[m[1]]] += 1
    best = max(votes.values())
    if best == 0 or list(votes.values()).count(best) > 1:
        return None
    return max(votes, key=votes.get)


@dataclass
class _Candidate:
    div: Division
    score: float
    first: int
    strong: bool


def _consistent(div: Division, site: Division | None) -> bool:
    return site is None or div.is_within(site) or site.is_within(div)


def _disambiguate(codes: tuple[str, ...], context: list[Division]) -> Division | None:
    options = [d for d in (regions.get(c) for c in codes) if d is not None]
    if len(options) == 1:
        return options[0]
    narrowed = [d for d in options if any(d.is_within(c) for c in context if c.code != d.code)]
    return narrowed[0] if len(narrowed) == 1 else None


# A short name (三江, 晋中) is a place only where a place stands: 三江召开…, 晋中：…
SHORT_NAME_CONTEXT = re.compile(r"召开|举行|[：:]|疫情|新冠|全[市县区州]|[市县区州旗](?:委|政府)")


def _mentions(text: str, site: Division | None, allow_short: bool,
              short_context: re.Pattern[str] | None = SHORT_NAME_CONTEXT) -> list[tuple[int, Division, bool]]:
    """(position, division, official) for the usable place names in ``text``."""
    found = regions.find_mentions(text)
    context = [site] if site else []
    out: list[tuple[int, Division, bool]] = []
    for i, mention in enumerate(found):
        if mention.text in regions.GENERIC_NAMES:
            prev = found[i - 1] if i else None
            if not prev or prev.end != mention.start:
                continue
        if not mention.official and not allow_short:
            continue
        if not mention.official and short_context and not short_context.match(text, mention.end):
            continue
        div = _disambiguate(mention.codes, context + [d for _, d, _ in out])
        if div is None:
            continue
        if not mention.official and (site is None or not div.is_within(site)):
            continue
        out.append((mention.start, div, mention.official))
    return out


def _candidates(title: str, body: str, source: str | None, site: Division | None) -> list[_Candidate]:
    cands: dict[str, _Candidate] = {}

    def add(div: Division, weight: float, pos: int, strong: bool) -> None:
        c = cands.setdefault(div.code, _Candidate(div, 0.0, pos, False))
        c.score += weight
        c.first = min(c.first, pos)
        c.strong = c.strong or strong

    for pos, div, _ in _mentions(title or "", site, allow_short=True):
        add(div, 3, -1000 + pos, True)
    if source:
        src = _SOURCE_SUFFIX.split(source)[0] or source
        for pos, div, _ in _mentions(src, site, allow_short=True, short_context=None):
            add(div, 3, -500 + pos, True)
    lead_end = body.find("\n") if "\n" in body else len(body)
    for pos, div, _official in _mentions(body, site, allow_short=False):
        if not _consistent(div, site):
            continue
        add(div, 1.5 if pos < lead_end else 1, pos, False)
    return list(cands.values())


def find_region(title: str, body: str, source: str | None, site_region: str | None,
                chair_phrase: str | None) -> Division | None:
    """The division the report is about, or the site's own region as the fallback."""
    site = regions.resolve_name(site_region)
    cands = _candidates(title, body, source, site)
    level = report_level(title, body, chair_phrase)
    usable = [c for c in cands if c.strong or _consistent(c.div, site)]
    if level is not None:
        at_level = [c for c in usable if _level_matches(c.div, level)]
        if at_level:
            return max(at_level, key=lambda c: (c.score, -c.first)).div
        if site is not None and _level_matches(site, level):
            return site
        usable = [c for c in usable if c.div.level < level]
    if usable:
        best = max(usable, key=lambda c: (c.score, -c.first))
        if site is None or best.strong or best.div.is_within(site):
            return best.div
    return site


def _level_matches(div: Division, level: int) -> bool:
    if div.level == level:
        return True
    # A county-level city (辛集市) calls itself 市.
    return level == CITY and div.level == COUNTY and div.name.endswith("市")


# --- the entry point --------------------------------------------------------

def _chair_phrase(body: str, chair: str | None) -> str | None:
    if not chair:
        return None
    i = body.find(chair)
    if i < 0:
        return None
    start = _clause_start(body, i)
    return body[start:i]


def meeting_facts(title: str | None, body: str, published_at: str | None,
                  source: str | None = None, site_region: str | None = None) -> dict:
    """Return is_meeting (0/1), meeting_evidence (the phrase that decided it, or None),
    meeting_date ('YYYY-MM-DD' or None), meeting_chair, meeting_kind, meeting_number (int|None),
    attendees (list[str]), region (full name or None), region_code (6-digit str or None)."""
    title = title or ""
    body = body or ""
    found = main_meeting(title, body)
    facts: dict = {
        "is_meeting": 0, "meeting_evidence": None, "meeting_date": None, "meeting_chair": None,
        "meeting_kind": None, "meeting_number": None, "attendees": [],
    }
    meeting, where = found if found else (None, None)
    if meeting is not None:
        chair = find_chair(title, body, meeting, where)
        facts.update({
            "is_meeting": 1,
            "meeting_evidence": meeting.evidence,
            "meeting_date": _meeting_date(body if where == "body" else title, body, meeting, where,
                                          parse_published(published_at)),
            "meeting_chair": chair,
            "meeting_kind": meeting.kind or meeting_kind(meeting.name),
            "meeting_number": meeting_number(meeting.name),
            "attendees": find_attendees(body, chair),
        })
    chair_phrase = _chair_phrase(body, facts["meeting_chair"])
    region = find_region(title, body, source, site_region, chair_phrase)
    facts["region"] = region.full_name if region else None
    facts["region_code"] = region.code if region else None
    return facts


def _meeting_date(text: str, body: str, meeting: Meeting, where: str | None,
                  published: date | None) -> str | None:
    """The date written in the meeting's sentence, else at the start of the body."""
    mentions: list[DateMention] = []
    if where == "body":
        start, end = _sentence_bounds(body, meeting.start)
        mentions = find_dates(body[start:meeting.start]) or find_dates(body[meeting.end:end])
    if not mentions:
        first_para = body.split("\n", 1)[0]
        mentions = find_dates(first_para[:40])
    for mention in mentions[:1]:
        resolved = resolve_date(mention.year, mention.month, mention.day, published)
        if resolved is not None:
            return resolved.isoformat()
    return None
