"""Entities in a Thai message: province, phone, email, request reference, people, date, sector.

Every parser takes any `str` and returns a value or None; none of them raises. Thai digits
(๐-๙) and full-width digits count as digits everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

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

BANGKOK_UTC_OFFSET = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no daylight saving.
MAX_PEOPLE = 100_000
MAX_YEARS_AWAY = 10  # a year further from today than this is read as some other number

_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙０１２３４５６７８９", "01234567890123456789")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_THAI_CHAR = r"[\u0e00-\u0e7f]"


def _normalise(text: str) -> str:
    """Arabic digits, no zero-width characters, one spelling of แ and ำ."""
    text = text.translate(_ZERO_WIDTH).translate(_DIGITS)
    return text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")


# --- phone -------------------------------------------------------------------------------

_SEP = r"(?:\s*[\-.]\s*|\)\s*|\s)"
_NATIONAL = rf"(?P<national>[689](?:{_SEP}?\d){{8}}|[2-7](?:{_SEP}?\d){{7}})"
_PHONE = re.compile(rf"(?<![\d+])(?:\(?\+?\s?66\)?{_SEP}?(?:\(0\)\s?|0{_SEP}?)?|\(?0){_NATIONAL}(?!\d)")
_VALID_PHONE = re.compile(r"0[689]\d{8}|0[2-7]\d{7}")
_MAX_PHONE_SEPARATORS = 3  # 081-234-5678 has two; "09.00-12.00 13.00" has four.


def parse_phone(text: str) -> str | None:
    """The first Thai mobile (10 digits, 06/08/09) or landline (9 digits, 02-07), as 0-digits."""
    for match in _PHONE.finditer(_normalise(text)):
        national = match.group("national")
        if len(re.findall(r"\D+", national)) > _MAX_PHONE_SEPARATORS:
            continue
        digits = "0" + re.sub(r"\D", "", national)
        if _VALID_PHONE.fullmatch(digits):
            return digits
    return None


# --- email and reference -----------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_REFERENCE = re.compile(r"(?<![a-z0-9])itc[\s\-_]*(\d{4})[\s\-_]*(\d{1,6})(?!\d)", re.IGNORECASE)


def parse_email(text: str) -> str | None:
    """The first e-mail address, its domain lower-cased."""
    match = _EMAIL.search(_normalise(text))
    if match is None:
        return None
    local, _, domain = match.group().strip(".").rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_reference(text: str) -> str | None:
    """A request reference however typed (itc 2569 42, ITC2569000042) as ITC-2569-000042."""
    match = _REFERENCE.search(_normalise(text))
    if match is None:
        return None
    return f"ITC-{match.group(1)}-{int(match.group(2)):06d}"


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
    text = _normalise(text)
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


# --- date --------------------------------------------------------------------------------

_THAI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("มกราคม", "มกรา", "ม.ค."),
    2: ("กุมภาพันธ์", "กุมภา", "ก.พ."),
    3: ("มีนาคม", "มีนา", "มี.ค."),
    4: ("เมษายน", "เมษา", "เม.ย."),
    5: ("พฤษภาคม", "พฤษภา", "พ.ค."),
    6: ("มิถุนายน", "มิถุนา", "มิ.ย."),
    7: ("กรกฎาคม", "กรกฏาคม", "กรกฎา", "กรกฏา", "ก.ค."),
    8: ("สิงหาคม", "สิงหา", "ส.ค."),
    9: ("กันยายน", "กันยา", "ก.ย."),
    10: ("ตุลาคม", "ตุลา", "ต.ค."),
    11: ("พฤศจิกายน", "พฤศจิกา", "พ.ย."),
    12: ("ธันวาคม", "ธันวา", "ธ.ค."),
}
_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?![a-z])"
)
_RELATIVE_DAYS = {
    "เมื่อวานซืน": -2,
    "เมื่อวาน": -1,
    "yesterday": -1,
    "วันนี้": 0,
    "today": 0,
    "พรุ่งนี้": 1,
    "พรุ้งนี้": 1,
    "พุ่งนี้": 1,
    "tomorrow": 1,
    "มะรืนนี้": 2,
    "มะรืน": 2,
}
_THAI_WEEKDAYS = {
    "จันทร์": 0,
    "อังคาร": 1,
    "พุธ": 2,
    "พฤหัสบดี": 3,
    "พฤหัสฯ": 3,
    "พฤหัส": 3,
    "ศุกร์": 4,
    "เสาร์": 5,
    "อาทิตย์": 6,
}
_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _month_term(term: str) -> str:
    """A pattern for one month word; abbreviations also typed without dots (ธค, ธ.ค)."""
    if "." not in term:
        return re.escape(term)
    letters = [re.escape(part) for part in term.split(".") if part]
    dotted = r"\.\s?".join(letters) + r"\.?"
    return f"{dotted}|{''.join(letters)}(?!{_THAI_CHAR})"


def _month_lookup() -> tuple[str, dict[str, int]]:
    """A pattern over every month word and a map from a matched word's letters to its month."""
    months = {term.replace(".", ""): month for month, terms in _THAI_MONTHS.items() for term in terms}
    words = (term for terms in _THAI_MONTHS.values() for term in terms)
    longest_first = sorted(words, key=len, reverse=True)
    return "|".join(map(_month_term, longest_first)) + f"|{_ENGLISH_MONTH}", months


_MONTH_PATTERN, _MONTH_BY_LETTERS = _month_lookup()
_YEAR = r"(?:\s*(?:(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|,)\s*)?(?P<year>\d{4}|\d{2})(?![\d:.]))?"
_DAY_MONTH = re.compile(
    rf"(?<![\d.:/])(?P<day>\d{{1,2}})\s*(?:[-/]\s*)?(?P<month>{_MONTH_PATTERN}){_YEAR}",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<![a-z])(?P<month>{_ENGLISH_MONTH})\s*(?P<day>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?!\d){_YEAR}",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?!24/7(?!\d))(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![\d/])"
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)")
_DAY_ONLY = re.compile(rf"วันที่\s*(?P<day>\d{{1,2}})(?!\d|\s*[/.\-]\d|\s*(?:{_MONTH_PATTERN}))")
_RELATIVE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)), re.IGNORECASE)
_THAI_WEEKDAY = re.compile(
    rf"(?P<ago>เมื่อ\s*)?(?P<prefix>วัน\s*)?(?P<day>{'|'.join(_THAI_WEEKDAYS)})"
    r"\s*(?P<which>หน้า|นี้|ที่จะถึง(?:นี้)?|ที่แล้ว|ก่อน(?=\s|$))?"
)
_ENGLISH_WEEKDAY = re.compile(
    rf"(?<![a-z])(?:(?P<which>next|this|coming|last)\s+)?(?P<day>{'|'.join(_ENGLISH_WEEKDAYS)})(?![a-z])",
    re.IGNORECASE,
)


def bangkok_today() -> dt.date:
    """Today's date in Asia/Bangkok."""
    return dt.datetime.now(BANGKOK_UTC_OFFSET).date()


def _full_year(written: str, today: dt.date) -> int | None:
    """Gregorian year from a written one (2569, 69, 2026, 26); None when implausibly far."""
    year = int(written)
    if len(written) == 4:
        year = year - 543 if year >= 2400 else year
    else:
        # Two digits: the Buddhist (25yy) or Gregorian (20yy) reading nearer to today.
        year = min((2500 + year - 543, 2000 + year), key=lambda y: abs(y - today.year))
    # "15 ธ.ค. 10 คน" or "1 มี.ค. 1500 บาท": the number after the month is not a year.
    return year if abs(year - today.year) <= MAX_YEARS_AWAY else None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _next_day_month(day: int, month: int, today: dt.date) -> dt.date | None:
    """The first date with this day and month that is not before today."""
    for year in range(today.year, today.year + 9):  # 29 ก.พ. may be years away
        found = _date_or_none(year, month, day)
        if found is not None and found >= today:
            return found
    return None


def _resolve(day: str, month: int, year: str | None, today: dt.date) -> dt.date | None:
    """A date from its parts; without a usable year, the next one not in the past."""
    full_year = _full_year(year, today) if year else None
    if full_year is None:
        return _next_day_month(int(day), month, today)
    return _date_or_none(full_year, month, int(day))


def _month_number(written: str) -> int | None:
    letters = re.sub(r"[\s.]", "", written.lower())
    return _MONTH_BY_LETTERS.get(letters) or next(
        (i + 1 for i, name in enumerate(_ENGLISH_MONTHS) if letters.startswith(name)), None
    )


def _written_dates(text: str, today: dt.date) -> Iterator[tuple[int, dt.date | None]]:
    """Dates written with a month: 15 ธ.ค., 15 ธันวาคม 2569, Dec 15, 15/12/2569, 2026-12-15."""
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            month = _month_number(match.group("month"))
            if month is not None:
                yield match.start(), _resolve(match.group("day"), month, match.group("year"), today)
    for match in _NUMERIC.finditer(text):
        if match.group("year") or match.group("sep") == "/":
            yield (
                match.start(),
                _resolve(match.group("day"), int(match.group("month")), match.group("year"), today),
            )
    for match in _ISO.finditer(text):
        year = _full_year(match.group("year"), today) or 0
        yield match.start(), _date_or_none(year, int(match.group("month")), int(match.group("day")))


def _next_day_of_month(day: int, today: dt.date) -> dt.date | None:
    """วันที่ 20: the next 20th of a month, today included."""
    year, month = today.year, today.month
    for _ in range(3):
        found = _date_or_none(year, month, day)
        if found is not None and found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday_date(weekday: int, which: str, today: dt.date) -> dt.date | None:
    """นี้ / none: the next such day, today included; หน้า: that day of next (Mon-Sun) week;
    เมื่อ / ที่แล้ว: the last such day before today."""
    try:
        if which in ("ที่แล้ว", "ก่อน", "เมื่อ", "last"):
            return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
        if which in ("หน้า", "next"):
            next_monday = today + dt.timedelta(days=7 - today.weekday())
            return next_monday + dt.timedelta(days=weekday)
        ahead = (weekday - today.weekday()) % 7
        if which.startswith("ที่จะถึง") and ahead == 0:
            ahead = 7
        return today + dt.timedelta(days=ahead)
    except OverflowError:
        return None


def _spoken_dates(text: str, today: dt.date) -> Iterator[tuple[int, dt.date | None]]:
    """Dates said in words: พรุ่งนี้, วันศุกร์หน้า, ศุกร์นี้, วันที่ 20, next Friday."""
    for match in _RELATIVE.finditer(text):
        try:
            yield match.start(), today + dt.timedelta(days=_RELATIVE_DAYS[match.group().lower()])
        except OverflowError:
            continue
    for match in _THAI_WEEKDAY.finditer(text):
        prefix, day, which = match.group("prefix"), match.group("day"), match.group("which") or ""
        which = "เมื่อ" if match.group("ago") and prefix else which
        # Bare จันทร์ is the moon and อาทิตย์หน้า is "next week": demand วัน where it matters.
        if prefix or (which and day != "อาทิตย์"):
            yield match.start(), _weekday_date(_THAI_WEEKDAYS[day], which, today)
    for match in _ENGLISH_WEEKDAY.finditer(text):
        weekday = _ENGLISH_WEEKDAYS.index(match.group("day").lower())
        yield match.start(), _weekday_date(weekday, (match.group("which") or "").lower(), today)
    for match in _DAY_ONLY.finditer(text):
        yield match.start(), _next_day_of_month(int(match.group("day")), today)


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The first date in the message, relative to today (Asia/Bangkok unless given).

    A date written with its month beats one said in words: "วันศุกร์ที่ 18 ธ.ค." is 18 ธ.ค.
    """
    text = _normalise(text)
    today = today or bangkok_today()
    for finder in (_written_dates, _spoken_dates):
        found = [(position, date) for position, date in finder(text, today) if date is not None]
        if found:
            return min(found, key=lambda item: item[0])[1]
    return None


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
    for match in _SECTOR.finditer(_normalise(text)):
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
        "people": lambda t: _people_with_unit(_normalise(t)),
        "date": lambda t: parse_date(t, today),
        "sector": parse_sector,
    }
    found = {key: parse(text) for key, parse in parsers.items()}
    return {key: value for key, value in found.items() if value is not None}
