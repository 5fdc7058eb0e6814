"""Which of the given titles (events the admins published) a message names, however loosely it is typed:
"สมัครงาน cluster day ภาคเหนือ 2 คน" names "CLUSTER DAY ภาคเหนือ", "ลงทะเบียนอบรมออกแบบฉลาก" names "อบรมออกแบบฉลากสินค้า".

A title is named by its own words, never by the words any event or course has (GENERIC_WORDS: อบรม, งาน, สัมมนา,
ลงทะเบียน, ...). Those are left out of the title; the message must then hold more than half of what is left (its
words run together, "ออกแบบฉลากสินค้า"), spaces aside, in pieces of at least MIN_PIECE characters: so one of two
equal words ("ออนไลน์" of "การตลาดออนไลน์") is not enough, nor letters scattered over a long message. Pieces of
characters, not words, because the tokeniser cuts a title and a shortened mention of it differently (ฉลากสินค้า
is one word, ฉลาก another).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from intents.normalize import normalize
from intents.tokenize import tokenize

GENERIC_WORDS = frozenset({
    "อบรม", "ฝึกอบรม", "การอบรม", "หลักสูตร", "คอร์ส", "workshop", "เวิร์กช็อป", "เวิร์คช็อป", "เวิร์คชอป", "สัมมนา",
    "การสัมมนา", "งาน", "กิจกรรม", "โครงการ", "ลงทะเบียน", "สมัคร", "เรื่อง", "การ", "และ", "ของ", "ใน", "ที่", "เพื่อ",
    "สำหรับ", "กับ", "ครั้ง", "ครั้งที่", "รุ่น", "รุ่นที่", "ประจำปี", "ปี", "จังหวัด", "จ.", "ผู้ประกอบการ", "sme",
    "smes", "เอสเอ็มอี", "ศึกษาดูงาน", "ดูงาน", "ฟรี", "-", "&", ":", "(", ")", '"',
})
MIN_PIECE = 4


def named_titles(text: str, titles: Sequence[str]) -> list[int]:
    """The positions of the titles the text names best: those with the most characters found, among those it
    names (several when they tie, none when it names none)."""
    message = _compact(text)
    found = [_found(_own(title), message) for title in titles]
    best = max(found, default=0)
    return [i for i, count in enumerate(found) if count and count == best]


def _found(own: str, message: str) -> int:
    """How many characters of the title's own words the message holds, in pieces of MIN_PIECE or more; 0 when
    that is not more than half of them."""
    found, start = 0, 0
    while start < len(own):
        end = start
        while end < len(own) and own[start:end + 1] in message:
            end += 1
        while start < end < len(own) and own[end - 1].isdigit() and own[end].isdigit():
            end -= 1  # a number counts whole: "cluster day 2 คน" names no "CLUSTER DAY 2569"
        if end - start >= MIN_PIECE:
            found, start = found + end - start, end
        else:
            start += 1
    return found if found * 2 > len(own) else 0


@lru_cache(maxsize=1024)
def _own(title: str) -> str:
    """The title without its generic words, run together."""
    return "".join(_compact(word) for word in tokenize(normalize(title, emoji="strip")) if word not in GENERIC_WORDS)


def _compact(text: str) -> str:
    return "".join(normalize(text, emoji="strip").split())
