"""Bylines, editor and source lines: read them, and cut them from the body.

Patterns accept both scripts (mirrors serve traditional characters) and
both punctuation widths.
"""

from __future__ import annotations

import re

from .clean import CJK

_REPORTER = r"(?:[实實][习習])?[记記]者"
_CORRESPONDENT = r"[通][讯訊][员員]"
_ROLE = rf"(?:{_REPORTER}|{_CORRESPONDENT}|[摄攝][影]|[见見][习習]{_REPORTER})"
_EDITOR = r"(?:(?:[责責][任])?[编編][辑輯]|[责責][编編])"
_NAME = rf"[{CJK}·]{{2,5}}"
_NAMES = rf"{_NAME}(?:[ 、，,/]+{_NAME})*"

# A whole line that is a byline: `张家口新闻传媒集团记者 王宋平`, `记者：龚普康 潘原`.
_BYLINE_LINE = re.compile(
    rf"^(?:[□■◇◆●○]\s*)?[{CJK}]{{0,16}}?{_ROLE}[ ：:]*{_NAMES}(?:[ ，,]*{_ROLE}[ ：:]*{_NAMES})*$"
)
# A byline in parentheses ending a paragraph: `…等参加。(记者 郝学锋)`.
_BYLINE_PAREN = re.compile(rf"[（(]\s*(?:[{CJK}]{{0,8}}?{_ROLE}[^()（）]*)[)）]\s*$")
# A byline glued after the last sentence: `…要严肃追责问责。记者:龚普康 潘原 实习记者:吴雨奇`.
_BYLINE_TAIL = re.compile(rf"(?<=[。！？”』」])\s*({_ROLE}\s*[:：]\s*.+)$")
# An editor line, possibly bracketed: `编辑：吕永清`, `(责编：王五)`, `[責編：王五]`.
_EDITOR_LINE = re.compile(rf"^(?:.*?\s)?[(（\[【]?\s*{_EDITOR}\s*[:：]\s*(?P<name>{_NAME})")
_EDITOR_ANYWHERE = re.compile(rf"{_EDITOR}\s*[:：]\s*(?P<name>{_NAME})")
_SOURCE = re.compile(r"[来來]\s*[源]\s*[:：]\s*(?P<source>[^\s|｜]+(?: [^\s|｜:：]+)*)")
# Crew of a video or a page, after the reporters: `记者：梁晓 何舟 剪辑：吴凡`.
_CREW = re.compile(r"\s*(?:[剪][辑輯]|[摄攝][像]|[后後][期]|[制製][作]|[配][音]|[审審][核]|[校][对對]|[监監][制製])\s*[:：]")
_ROLE_WORDS = re.compile(rf"{_ROLE}|{_EDITOR}|[本][报報]|[:：]")


def names_in(text: str) -> list[str]:
    """The person names in a byline fragment, role words and punctuation dropped."""
    text = _ROLE_WORDS.sub(" ", text)
    # Stop at the editor part of a combined line.
    names = []
    for token in re.split(r"[\s、，,/()（）]+", text):
        if re.fullmatch(_NAME, token) and token not in names:
            names.append(token)
    return names


def split_byline(paragraph: str) -> tuple[str, list[str]]:
    """Cut a byline from `paragraph`; return what is left and the names.

    A paragraph that is only a byline returns ('', names).
    """
    editor_cut = _CREW.split(_EDITOR_ANYWHERE.split(paragraph, maxsplit=1)[0], maxsplit=1)[0].strip()
    if editor_cut and _BYLINE_LINE.match(editor_cut):
        return "", names_in(editor_cut)
    match = _BYLINE_PAREN.search(paragraph)
    if match:
        return _cut(paragraph, match.start(), match.group(0))
    match = _BYLINE_TAIL.search(paragraph)
    if match:
        byline = _EDITOR_ANYWHERE.split(match.group(1), maxsplit=1)[0]
        return _cut(paragraph, match.start(), byline)
    return paragraph, []


_SHOT_BY = re.compile(r"[摄攝]\s*([)）]?)\s*$")  # `（记者 郝明 摄）`
_PHOTO_ROLE = re.compile(r"[摄攝][影]")
_OTHER_ROLE = re.compile(rf"{_REPORTER}|{_CORRESPONDENT}")


def _cut(paragraph: str, start: int, byline: str) -> tuple[str, list[str]]:
    """The paragraph without its closing byline, and the byline's names. A photo credit
    (`（记者 郝明 摄）`, or only photographers: `（摄影：李子涵）`, `摄影：陈默`) is a
    caption's own and stays in its line."""
    shot = _SHOT_BY.search(byline)
    names = names_in(_SHOT_BY.sub(r"\1", byline))
    if shot or _PHOTO_ROLE.search(byline) and not _OTHER_ROLE.search(byline):
        return paragraph, names
    return paragraph[:start].rstrip(), names


def editor_in(line: str) -> str | None:
    """The editor's name when `line` is (or ends with) an editor line."""
    match = _EDITOR_LINE.match(line)
    return match["name"] if match else None


def before_editor(line: str) -> str:
    """The part of `line` before its `编辑：` label."""
    return _EDITOR_ANYWHERE.split(line, maxsplit=1)[0].strip()


def is_editor_line(line: str) -> bool:
    """True when the whole line is editor/byline furniture (`编辑：吕永清`)."""
    match = _EDITOR_ANYWHERE.search(line)
    if not match:
        return False
    before = line[: match.start()].strip()
    return not before or bool(_BYLINE_LINE.match(before)) or len(before) <= 6


def source_in(text: str | None) -> str | None:
    """The text after `来源：`, or None."""
    if not text:
        return None
    match = _SOURCE.search(text)
    return match["source"].strip() if match else None
