"""Which of the given titles (events the admins published) a message names, however loosely it is typed:
"สมัครงาน cluster day ภาคเหนือ 2 คน" names "CLUSTER DAY ภาคเหนือ", "ลงทะเบียนอบรมออกแบบฉลาก" names "อบรมออกแบบฉลากสินค้า".

A title is named by its own words, never by the words any event or course has (GENERIC_WORDS: อบรม, งาน, สัมมนา,
ลงทะเบียน, ...). Those are left out of the title; the message must then hold more than half of what is left (its
words run together, "ออกแบบฉลากสินค้า"), spaces aside, in pieces of at least MIN_PIECE characters: so one of two
equal words ("ออนไลน์" of "การตลาดออนไลน์") is not enough, nor letters scattered over a long message. Pieces of
characters, not words, because the tokeniser cuts a title and a shortened mention of it differently (ฉลากสินค้า
is one word, ฉลาก another).

Besides its title, a message may say the day, the province or the round of the event it means (`said_of_event`):
"cluster day เชียงใหม่", "อบรมเซรามิกลำปาง รุ่นที่ 9". Then the titles it names loosely (`named_loosely`: also those
of a series it names by the start their own words share, "cluster day" of "CLUSTER DAY 2569" and "CLUSTER DAY
ภาคเหนือ") are the events it may mean, and what it says picks among them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from intents.dates import bangkok_today, parse_date, parse_period
from intents.normalize import normalize, normalize_for_entities
from intents.provinces import find_province, province_alone
from intents.tokenize import tokenize

GENERIC_WORDS = frozenset({
    "อบรม", "ฝึกอบรม", "การอบรม", "หลักสูตร", "คอร์ส", "workshop", "เวิร์กช็อป", "เวิร์คช็อป", "เวิร์คชอป", "สัมมนา",
    "การสัมมนา", "งาน", "กิจกรรม", "โครงการ", "ลงทะเบียน", "สมัคร", "เรื่อง", "การ", "และ", "ของ", "ใน", "ที่", "เพื่อ",
    "สำหรับ", "กับ", "ครั้ง", "ครั้งที่", "รุ่น", "รุ่นที่", "ประจำปี", "ปี", "จังหวัด", "จ.", "ผู้ประกอบการ", "sme",
    "smes", "เอสเอ็มอี", "ศึกษาดูงาน", "ดูงาน", "ฟรี", "-", "&", ":", "(", ")", '"',
})
MIN_PIECE = 4
# A title's English words as people type them in Thai letters ("งานคลัสเตอร์เดย์ยังรับคนอยู่บ่" of "CLUSTER DAY 2569"),
# their marks and vowels often left out in a hurry ("ลงทเบียนคลสเตอรเดย์22ธคค่ะ", "คลาสเตอร์เดย์", h91).
IN_THAI_LETTERS = ((re.compile(r"คล[ัา]?สเตอ(?:ร์?)?เด(?:ย์?)?"), "clusterday"),)
# A polite particle run on after a day and a short month ("22ธคค่ะ", "๑๕ ธ.ค.ครับ"): spaced off for the date to read.
_PARTICLE_AFTER_A_DATE = re.compile(r"(?<=[\d๐-๙])(\s*(?:[ก-๙]\.?){2,4}?)(?=(?:นะคะ|นะครับ|ค่ะ|คะ|ครับ|คับ|จ้า|จ้ะ|นะ)(?![ก-๙]))")
# "รุ่นที่ 9", "รุ่น ๙": the round of a course run several times, in a title or a message.
_ROUND = re.compile(r"รุ่น\s*(?:ที่)?\s*(?P<round>\d{1,3})(?!\d)")


@dataclass(frozen=True)
class SaidOfEvent:
    """What a message says of the event it means besides its title: the days it may be on (one day, or a stretch
    such as "ปลายธันวา"), the province it is in or meant for (official name), its round; each None when not said."""

    days: tuple[dt.date, dt.date] | None = None
    province: str | None = None
    round: int | None = None

    def __bool__(self) -> bool:
        return any(value is not None for value in (self.days, self.province, self.round))


def named_titles(text: str, titles: Sequence[str]) -> list[int]:
    """The positions of the titles the text names best: those with the most characters found, among those it
    names (several when they tie, none when it names none)."""
    message = _compact(text)
    found = [_found(_own(title), message) for title in titles]
    best = max(found, default=0)
    return [i for i, count in enumerate(found) if count and count == best]


def named_loosely(text: str, titles: Sequence[str]) -> list[int]:
    """The positions of the titles the text names (`named_titles`), and of the titles of a series the text names
    by the start they share ("cluster day" of "CLUSTER DAY 2569" and "CLUSTER DAY ภาคเหนือ"): all the events it
    may mean, for a day, a province or a round said beside it to pick from. A word shared further on
    ("แปรรูป" of two courses) names no series, nor does a province ("มีงานที่ลำปางไหม" says where)."""
    message = _compact(text)
    owns = [_own(title) for title in titles]
    series = {i for i, own in enumerate(owns) for piece in _pieces(own, message)
              if own.startswith(piece) and sum(other.startswith(piece) for other in owns) > 1
              and province_alone(piece) is None}
    return sorted(series.union(named_titles(text, titles)))


def sharing_a_word(text: str, titles: Sequence[str]) -> list[int]:
    """The positions of the titles that share a whole word with the text (MIN_PIECE characters or more, not
    generic, not a province): a title's word the text holds ("มีอบรมบรรจุภัณฑ์ไหม" of
    "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก"), or the text's word the title holds ("ฉลาก" of "อบรมฉลากสินค้า").
    Words, not pieces of letters: "เรื่องขอ อย." shares "รื่อง" with "เครื่องสำอาง" but no word (h90)."""
    said = _own_words(text)
    return [i for i, title in enumerate(titles)
            if words_shared(text, title) or any(word in _compact(title) for word in said)]


def _own_words(text: str) -> list[str]:
    """The text's words that could name a topic: MIN_PIECE characters or more, not generic, not a province."""
    words = [_compact(word) for word in tokenize(normalize(text, emoji="strip"))]
    return [word for word in words if len(word) >= MIN_PIECE and word not in GENERIC_WORDS
            and province_alone(word) is None]


def words_shared(text: str, title: str) -> list[str]:
    """The title's own words (MIN_PIECE characters or more, not a province) the text holds whole, as the title
    spells them: the topic a message asked about, to say back ("บรรจุภัณฑ์")."""
    message = _compact(text)
    words = [word.strip() for word in tokenize(normalize(title, emoji="strip"))]
    return [word for word in dict.fromkeys(words) if word not in GENERIC_WORDS and len(word) >= MIN_PIECE
            and _compact(word) in message and province_alone(word) is None]


def said_of_event(text: str, today: dt.date | None = None) -> SaidOfEvent:
    """The day (or days), province and round the text says, as `SaidOfEvent`. Days gone by are no event's to
    come ("เห็นประกาศเมื่อวาน"): left out."""
    today = today or bangkok_today()
    text = _PARTICLE_AFTER_A_DATE.sub(r"\1 ", text)
    day = parse_date(text, today)
    days = (day, day) if day else parse_period(text, today)
    province = find_province(text)
    return SaidOfEvent(days if days and days[1] >= today else None, province.name if province else None,
                       round_of(text))


def round_of(text: str) -> int | None:
    """The round a title or a message names ("รุ่นที่ 9", "รุ่น ๙"), or None."""
    found = _ROUND.search(normalize_for_entities(text))
    return int(found.group("round")) if found else None


def _found(own: str, message: str) -> int:
    """How many characters of the title's own words the message holds, in pieces of MIN_PIECE or more; 0 when
    that is not more than half of them."""
    found = sum(len(piece) for piece in _pieces(own, message))
    return found if found * 2 > len(own) else 0


def _pieces(own: str, message: str) -> list[str]:
    """The longest pieces, of MIN_PIECE characters or more, of the title's own words that the message holds."""
    pieces, start = [], 0
    while start < len(own):
        end = start
        while end < len(own) and own[start:end + 1] in message:
            end += 1
        while start < end < len(own) and own[end - 1].isdigit() and own[end].isdigit():
            end -= 1  # a number counts whole: "cluster day 2 คน" names no "CLUSTER DAY 2569"
        if end - start >= MIN_PIECE:
            pieces.append(own[start:end])
            start = end
        else:
            start += 1
    return pieces


@lru_cache(maxsize=1024)
def _own(title: str) -> str:
    """The title without its generic words, run together."""
    return "".join(_compact(word) for word in tokenize(normalize(title, emoji="strip")) if word not in GENERIC_WORDS)


def _compact(text: str) -> str:
    """The text run together, lower case, with a title's English words people spell in Thai put back in English
    (`IN_THAI_LETTERS`: "คลัสเตอร์เดย์" is "clusterday")."""
    compact = "".join(normalize(text, emoji="strip").split())
    for spelt, word in IN_THAI_LETTERS:
        compact = spelt.sub(word, compact)
    return compact
