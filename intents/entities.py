"""Entities in a Thai message: province, phone, email, request reference, people, date, sector.

Every parser takes any `str` and returns a value or None; none of them raises. Thai digits (๐-๙) and
full-width digits count as digits everywhere. Dates are read by `intents.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from intents.dates import parse_date
from intents.normalize import normalize_for_entities
from intents.provinces import find_province

Entities = dict[str, str | int | dt.date]

# The six DIPROM cluster sectors: stable code -> Thai name, in the department's order.
SECTORS: dict[str, str] = {
    "automotive": "ยานยนต์และชิ้นส่วน",
    "cosmetics": "เครื่องสำอาง",
    "gems_jewelry": "อัญมณีและเครื่องประดับ",
    "processed_food": "อาหารแปรรูป",
    "textiles": "สิ่งทอและเครื่องนุ่งห่ม",
    "palm_oil": "ปาล์มน้ำมัน",
}

MAX_PEOPLE = 100_000


# --- phone -------------------------------------------------------------------------------

_SEP = r"(?:\s*[\-.]\s*|\)\s*|\s)"
_NATIONAL = rf"(?P<national>[689](?:{_SEP}?\d){{8}}|[2-7](?:{_SEP}?\d){{7}})"
_PHONE = re.compile(rf"(?<![\d+])(?:\(?\+?\s?66\)?{_SEP}?(?:\(0\)\s?|0{_SEP}?)?|\(?0){_NATIONAL}(?!\d)")
_VALID_PHONE = re.compile(r"0[689]\d{8}|0[2-7]\d{7}")
_MAX_PHONE_SEPARATORS = 3  # 081-234-5678 has two; "09.00-12.00 13.00" has four.
# Or digit by digit, as said to voice typing: "0 7 6 1 2 3 4 5 6".
_SPELT_PHONE = re.compile(r"(?<![\d+])0(?: \d){8,9}(?!\d| \d)")


# An extension typed right after the number: "02 123 4567 ต่อ 12", "02-123-4567 ext. 12", "(#12)".
_EXTENSION = re.compile(r"[\s,(]*(?:ต่อ|ext\.?|x|#)\s*(\d{1,4})(?!\d|\s*(?:คน|ท่าน))", re.IGNORECASE)


def parse_phone(text: str) -> str | None:
    """The first Thai mobile (10 digits, 06/08/09) or landline (9 digits, 02-07), as 0-digits."""
    return next((digits for _, _, digits in _phones(normalize_for_entities(text))), None)


def parse_phones(text: str) -> list[str]:
    """Every Thai phone number in the text, as `parse_phone` reads the first, once each and in order."""
    return list(dict.fromkeys(digits for _, _, digits in _phones(normalize_for_entities(text))))


def parse_phone_extension(text: str) -> str | None:
    """The extension typed right after the first phone number ("02 123 4567 ต่อ 12" -> "12"), as digits."""
    text = normalize_for_entities(text)
    end = next((end for _, end, _ in _phones(text)), None)
    return extension_after(text, end) if end is not None else None


def phones_at(text: str) -> list[tuple[int, int, str]]:
    """Every phone number in `text` (already read by `normalize_for_entities`) as `parse_phones` reads them, each
    with where it starts and ends."""
    first: dict[str, tuple[int, int, str]] = {}
    for start, end, digits in _phones(text):
        first.setdefault(digits, (start, end, digits))
    return list(first.values())


def extension_after(text: str, end: int) -> str | None:
    """The extension typed right after a phone number ending at `end` in `text`, as digits."""
    match = _EXTENSION.match(text, end)
    return match.group(1) if match else None


def phone_start(text: str) -> int | None:
    """Where the first phone number starts in `text` (already read by `normalize_for_entities`)."""
    span = phone_span(text)
    return span[0] if span else None


def phone_span(text: str) -> tuple[int, int] | None:
    """Where the first phone number starts and ends in `text` (already read by `normalize_for_entities`)."""
    return next(((start, end) for start, end, _ in _phones(text)), None)


def _phones(text: str) -> Iterator[tuple[int, int, str]]:
    found = []
    for match in _PHONE.finditer(text):
        national = match.group("national")
        if len(re.findall(r"\D+", national)) <= _MAX_PHONE_SEPARATORS:
            found.append((match.start(), match.end(), "0" + re.sub(r"\D", "", national)))
    found += [(match.start(), match.end(), match.group().replace(" ", "")) for match in _SPELT_PHONE.finditer(text)]
    yield from sorted((start, end, digits) for start, end, digits in found if _VALID_PHONE.fullmatch(digits))


# --- email and reference -----------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_REFERENCE = re.compile(r"(?<![a-z0-9])itc[\s\-_]*(\d{4})[\s\-_]*(\d{1,6})(?!\d)", re.IGNORECASE)


def parse_email(text: str) -> str | None:
    """The first e-mail address, its domain lower-cased."""
    match = _EMAIL.search(normalize_for_entities(text))
    if match is None:
        return None
    local, _, domain = match.group().strip(".").rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_reference(text: str) -> str | None:
    """A request reference however typed (itc 2569 42, ITC2569000042) as ITC-2569-000042."""
    match = _REFERENCE.search(normalize_for_entities(text))
    if match is None:
        return None
    return f"ITC-{match.group(1)}-{int(match.group(2)):06d}"


def without_reference(text: str) -> str:
    """The text with any request reference taken out ("เลื่อน ITC-2569-000042 เป็น 3 ธ.ค." has one date)."""
    return _REFERENCE.sub(" ", normalize_for_entities(text))


# --- people ------------------------------------------------------------------------------

_THAI_NUMBER_WORD = "หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย|พัน|หมื่น|แสน"
# ราย counts people (ผู้ประกอบการ 20 ราย) except in รายการ, รายได้, ...
_PEOPLE_UNIT = (
    r"\s*(?:คน(?!ละ)|ท่าน|ราย(?!การ|ได้|งาน|ละ|ชื่อ|ย่อย|วัน|เดือน|ปี|จ่าย)"
    r"|(?:people|persons?|pax|ppl)(?![a-z]))"
)
_PEOPLE_DIGITS = re.compile(
    rf"(?<![\d.,/:\-])(\d{{1,3}}(?:,\d{{3}}){{1,2}}|\d{{1,7}})(?:\s*(?:-|ถึง|to)\s*(\d{{1,7}}))?"
    rf"{_PEOPLE_UNIT}",
    re.IGNORECASE,
)
# กี่สิบคน and หลายสิบคน ask or guess, they do not count.
_PEOPLE_WORDS = re.compile(rf"(?<!กี่)(?<!หลาย)((?:{_THAI_NUMBER_WORD})+){_PEOPLE_UNIT}")
_ALONE = re.compile(r"คนเดียว")
# Each run of spaces has exactly one place to go, so a long message cannot backtrack for ages.
_BARE_NUMBER = re.compile(
    r"(?:(?:ประมาณ|ราวๆ|ราว|about|around|~)\s*)?(\d{1,7}|(?:" + _THAI_NUMBER_WORD + r")+)"
    r"(?:\s*(?:คน|ท่าน))?(?:\s*(?:ครับ|คับ|ค่ะ|คะ|จ้า|นะ))*[\s.!]*",
    re.IGNORECASE,
)


def _thai_number(words: str) -> int | None:
    """สิบ -> 10, ยี่สิบห้า -> 25; None for what is not a number."""
    from pythainlp.util import thaiword_to_num  # heavy import, only when Thai number words appear

    try:
        return int(thaiword_to_num(words))
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _plausible_people(count: int | None) -> int | None:
    return count if count is not None and 0 < count <= MAX_PEOPLE else None


def _people_with_unit(text: str) -> int | None:
    """A number of people written with its unit (10 คน, สิบท่าน, 20-30 คน -> 30)."""
    match = _PEOPLE_DIGITS.search(text)
    if match is not None:
        return _plausible_people(int((match.group(2) or match.group(1)).replace(",", "")))
    match = _PEOPLE_WORDS.search(text)
    if match is not None:
        return _plausible_people(_thai_number(match.group(1)))
    return None


def parse_people(text: str) -> int | None:
    """Number of people: "10 คน", "สิบคน", "๑๕ ท่าน", or a bare number answering "how many?"."""
    text = normalize_for_entities(text)
    found = _people_with_unit(text)
    if found is not None:
        return found
    if _ALONE.search(text):
        return 1
    match = _BARE_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    number = match.group(1)
    return _plausible_people(int(number) if number.isdigit() else _thai_number(number))


# --- sector ------------------------------------------------------------------------------

_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "automotive": (
        "ยานยนต์",
        "ชิ้นส่วนรถ",
        "อะไหล่รถ",
        "อะไหล่ยนต์",
        "อะไหล่มอเตอร์ไซค์",
        "รถยนต์",
        "automotive",
        "auto parts",
        "auto part",
        "car parts",
        "car part",
        "automobile",
    ),
    "cosmetics": (
        "เครื่องสำอาง",
        "เวชสำอาง",
        "สกินแคร์",
        "ครีมบำรุง",
        "ครีมทาผิว",
        "ครีมกันแดด",
        "เซรั่ม",
        "โลชั่น",
        "ลิปสติก",
        "เมคอัพ",
        "น้ำหอม",
        "สบู่",
        "แชมพู",
        "cosmetics",
        "cosmetic",
        "skincare",
        "skin care",
        "serum",
        "lotion",
        "makeup",
        "perfume",
        "lipstick",
    ),
    "gems_jewelry": (
        "อัญมณี",
        "เครื่องประดับ",
        "จิวเวลรี่",
        "จิวเวลรี",
        "จิวเวอรี่",
        "จิวเวอรี",
        "เพชรพลอย",
        "พลอยดิบ",
        "เจียระไน",
        "แหวน",
        "สร้อยคอ",
        "ต่างหู",
        "กำไล",
        "jewelry",
        "jewellery",
        "gems",
        "gem",
        "gemstone",
        "gemstones",
    ),
    "processed_food": (
        "อาหารแปรรูป",
        "แปรรูปอาหาร",
        "อาหาร",
        "ขนม",
        "เครื่องดื่ม",
        "น้ำพริก",
        "processed food",
        "food processing",
        "food",
        "foods",
        "snack",
        "snacks",
        "beverage",
    ),
    "textiles": (
        "สิ่งทอ",
        "เครื่องนุ่งห่ม",
        "เสื้อผ้า",
        "ผ้าไหม",
        "ผ้าฝ้าย",
        "ผ้าทอ",
        "ผ้า",
        "แฟชั่น",
        "textiles",
        "textile",
        "garment",
        "garments",
        "apparel",
        "clothing",
        "fashion",
    ),
    "palm_oil": ("ปาล์มน้ำมัน", "น้ำมันปาล์ม", "ปาล์ม", "palm oil", "oil palm", "palm"),
}


# Words that contain a sector word without naming the sector: a restaurant is no food maker.
_NOT_SECTOR_WORDS = ("ร้านอาหาร", "restaurant")


def _sector_pattern() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """One pattern over every sector word, longest first, and the sector each word means."""
    sector_of: dict[str, str | None] = {word: None for word in _NOT_SECTOR_WORDS}
    for code, words in _SECTOR_WORDS.items():
        sector_of.update({word.replace(" ", ""): code for word in words})
    alternatives = []
    everything = (*_NOT_SECTOR_WORDS, *(word for words in _SECTOR_WORDS.values() for word in words))
    for word in sorted(everything, key=len, reverse=True):
        body = r"\s*".join(map(re.escape, word.split()))
        alternatives.append(rf"(?<![a-z]){body}(?![a-z])" if word.isascii() else body)
    return re.compile("|".join(alternatives), re.IGNORECASE), sector_of


_SECTOR, _SECTOR_OF = _sector_pattern()


def parse_sector(text: str) -> str | None:
    """The cluster sector code (a key of SECTORS) first named in the message."""
    for match in _SECTOR.finditer(normalize_for_entities(text)):
        sector = _SECTOR_OF[re.sub(r"\s+", "", match.group().lower())]
        if sector is not None:
            return sector
    return None


# --- all together ------------------------------------------------------------------------


def _province_name(text: str) -> str | None:
    province = find_province(text)
    return province.name if province else None


def extract_entities(text: str, *, today: dt.date | None = None) -> Entities:
    """Every entity found in the message; a key appears only when its entity does."""
    parsers: dict[str, Callable[[str], str | int | dt.date | None]] = {
        "province": _province_name,
        "phone": parse_phone,
        "email": parse_email,
        "reference": parse_reference,
        "people": lambda t: _people_with_unit(normalize_for_entities(t)),
        "date": lambda t: parse_date(t, today),
        "sector": parse_sector,
    }
    found = {key: parse(text) for key, parse in parsers.items()}
    return {key: value for key, value in found.items() if value is not None}
