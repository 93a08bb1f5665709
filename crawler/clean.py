"""Text cleaning shared by every layout and by text dumps.

Pure functions on strings. What "cleaned" means is written down in
docs/cleaning.md; each rule there is one function here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# --- Characters -------------------------------------------------------------

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：！？“”‘’（）《》【】"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MULTI_SPACE = re.compile(r" {2,}")
_SPACE_AROUND_PUNCT = re.compile(rf" *([{CJK_PUNCT}]) *")


def normalize_spaces(text: str) -> str:
    """Turn every kind of space into one ordinary space and strip the ends.

    Spaces next to Chinese punctuation are removed; a space between two
    characters (or a character and a digit) stays, as one space.
    """
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _MULTI_SPACE.sub(" ", text.strip())
    return _SPACE_AROUND_PUNCT.sub(r"\1", text)


# --- Pinyin notes -----------------------------------------------------------

_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINALS = (
    "(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|"
    "iu|in|ing|ua|uo|ui|un|üe|ve|ue|ün|vn|a|o|e|i|u|ü|v)"
)
_SYLLABLE = re.compile(f"^{_INITIALS}{_FINALS}$")
_PINYIN_NOTE = re.compile(rf"(?<=[{CJK}])\(([a-z{TONED}]{{1,6}})\)")
_TONE_FREE = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü"
)


def is_pinyin_syllable(word: str) -> bool:
    """True when `word` is one pinyin syllable (tone marks allowed)."""
    return bool(_SYLLABLE.match(word.translate(_TONE_FREE)))


def strip_pinyin(text: str) -> str:
    """Remove the pinyin notes mirrors put after characters: `時(shí)` -> `時`.

    Only a parenthesised, lower-case, valid pinyin syllable right after a
    Chinese character is a note; `(記者 郝學鋒)`, `(擴大)`, `各縣(區)` stay.
    """
    return _PINYIN_NOTE.sub(lambda m: "" if is_pinyin_syllable(m.group(1)) else m.group(0), text)


# --- Mirror damage ----------------------------------------------------------

# Words common in government reports. A garbled GBK pair whose trail byte
# survived as an ASCII letter is restored from the words that start with a
# character of that trail byte and go on with the next character of the text
# (`?h委` -> `縣委` or `黨委`); of several, the one the text uses most wins,
# then the one listed first (the list runs from the most common).
_COMMON_WORDS = (
    "縣委 縣長 縣領 縣政 縣人 縣級 縣城 縣裡 區委 區長 鄉鎮 黨委 黨組 黨員 黨建 黨中 黨政 "
    "議題 議程 會議 領導 長期 關於 發展 開展 員工 體系 進一 與會"
).split()


_COMMON_WORDS_ORDER = "".join(dict.fromkeys(word[0] for word in _COMMON_WORDS))


@lru_cache(maxsize=1)
def _trail_byte_words() -> dict[tuple[str, str], set[str]]:
    """(surviving trail letter, next character) -> the characters it may have been."""
    table: dict[tuple[str, str], set[str]] = {}
    for word in _COMMON_WORDS:
        raw = word[0].encode("gbk")
        if len(raw) == 2 and chr(raw[1]).isascii() and chr(raw[1]).isalpha():
            table.setdefault((chr(raw[1]), word[1]), set()).add(word[0])
    return table


_EXTRA_COMMA = re.compile(r",(?=[,、。；;：:！!？])")
_GARBLED_PAIR = re.compile(rf"(,?)\?\?([A-Za-z])(?=([{CJK}]))")
_QUESTION_RUN = re.compile(rf"(?<=[{CJK}，。、,])\?{{2,}}(?=[{CJK}])")


def repair_mirror_damage(text: str) -> str:
    """Undo what mirrors do to punctuation and GBK text.

    `,,` -> `,`, `,、` -> `、`, `,。` -> `。`; `,??h委` -> `。縣委` (a garbled
    sentence end and a GBK pair whose trail byte `h` survived); other `?` runs
    between Chinese characters are dropped as damage.
    """
    table = _trail_byte_words()

    def pair(m: re.Match[str]) -> str:
        candidates = table.get((m.group(2), m.group(3)), ())
        if not candidates:
            return m.group(0)
        # The character the text uses most; on a tie, the one listed first.
        order = _COMMON_WORDS_ORDER
        counts = sorted(candidates, key=lambda c: (-text.count(c), order.index(c)))
        char = counts[0]
        # The mirror puts its extra comma before punctuation, so `,?` was one.
        return ("。" if m.group(1) else "") + char

    text = _GARBLED_PAIR.sub(pair, text)
    text = _EXTRA_COMMA.sub("", text)
    return _QUESTION_RUN.sub("", text)


# --- Punctuation width ------------------------------------------------------

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！"}
_HALF_PUNCT = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[,:;!]|[,:;!](?=[{CJK}{CJK_PUNCT}])")


def full_width_punctuation(text: str) -> str:
    """Half-width `,` `:` `;` `!` next to a Chinese character become full-width."""
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)


# --- One line, one text -----------------------------------------------------


def clean_text(text: str | None) -> str:
    """Apply every text rule to one line or paragraph. None becomes ''."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = strip_pinyin(text)
    text = repair_mirror_damage(text)
    text = full_width_punctuation(text)
    return normalize_spaces(text)


# --- Script -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str | None) -> str | None:
    """Convert traditional characters to simplified with OpenCC (t2s)."""
    if text is None:
        return None
    return _t2s().convert(text)


def squash(text: str | None) -> str:
    """A comparison key: simplified, without spaces or punctuation width."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", to_simplified(text) or "")
    return re.sub(r"\s+", "", text)
