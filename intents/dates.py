"""Dates in a Thai message: พรุ่งนี้, วันศุกร์หน้า, 15 ธ.ค., 15/12/2569 (Buddhist era), 2026-12-15.

`parse_date` takes any `str` and returns a date or None; it never raises. Part of `extract_entities`.
`parse_period` reads a stretch of days said instead of one (สัปดาห์หน้า, ต้นเดือนหน้า, ปลายธันวา).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from intents.normalize import normalize_for_entities

BANGKOK_UTC_OFFSET = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no daylight saving.
MAX_YEARS_AWAY = 10  # a year further from today than this is read as some other number

_THAI_CHAR = r"[\u0e00-\u0e7f]"

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
    r"(?<![\d/.\-])(?!24/7(?![\d/]))(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![\d/])"
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)")
# วันที่ 20, and a weekday with its day of the month ("จันทร์ที่ 7", "วันพุธที่ 9"): the day of the month decides.
_DAY_ONLY = re.compile(
    rf"(?:วัน|(?:วัน)?(?:{'|'.join(_THAI_WEEKDAYS)})\s*)ที่\s*(?P<day>\d{{1,2}})"
    rf"(?!\d|\s*[/.\-]\d|\s*(?:{_MONTH_PATTERN}))"
)
_MONTH_WORD = re.compile(_MONTH_PATTERN, re.IGNORECASE)
_RELATIVE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)), re.IGNORECASE)
_THAI_WEEKDAY = re.compile(
    rf"(?P<ago>เมื่อ\s*)?(?P<prefix>วัน\s*)?(?P<day>{'|'.join(_THAI_WEEKDAYS)})"
    r"\s*(?P<which>หน้า|นี้|ที่จะถึง(?:นี้)?|ที่แล้ว|ก่อน(?=\s|$))?"
)
# อาทิตย์หน้า without วัน is "next week"; วันอาทิตย์หน้า is a Sunday, read by _THAI_WEEKDAY.
_WEEK_PERIOD = re.compile(
    r"(?P<part>ต้น|กลาง|ปลาย|ท้าย)?\s*(?<!วัน)(?<!วัน )(?:สัปดาห์|อาทิตย์|วีค|week)\s*(?P<which>หน้า|ถัดไป|นี้)",
    re.IGNORECASE,
)
# A month, or a part of one; not after a day's number ("30 ก.พ." is no date, not all of February).
_MONTH_PERIOD = re.compile(
    rf"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)?\s*(?:(?:เดือน\s*)?(?<!\d)(?<!\d\s)(?P<month>{_MONTH_PATTERN})"
    rf"(?:\s*(?P<next_year>ปีหน้า)|{_YEAR})|เดือน\s*(?P<which>หน้า|ถัดไป|นี้)?)",
    re.IGNORECASE,
)
# "อีก 3 วัน" is a day; "อีก 2 อาทิตย์" the days around it, "อีกเดือน" that month (read by parse_period).
_SO_MANY = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10}
_IN_SO_MANY = re.compile(rf"อีก\s*(?P<count>\d{{1,2}}|{'|'.join(_SO_MANY)})?\s*(?P<unit>วัน|สัปดาห์|อาทิตย์|วีค|เดือน)"
                         r"(?!\s*(?:ที่|หน้า|นี้|ก่อน|แล้ว))")
# A part of a year ("ต้นปีหน้า": January; "กลางปี": June; "ปลายปี": December), and the weeks after its holidays.
_PART_OF_YEAR = re.compile(r"(?P<part>ต้น|กลาง|ปลาย|สิ้น|ท้าย)\s*ปี\s*(?:(?P<which>หน้า|นี้)|(?:พ\.?\s?ศ\.?)?\s*(?P<year>\d{4}))?"
                           r"(?!\s*(?:ที่แล้ว|ก่อน))")
_MONTH_OF_PART = {"ต้น": 1, "กลาง": 6, "ปลาย": 12, "สิ้น": 12, "ท้าย": 12}
_AFTER_HOLIDAY = re.compile(r"หลัง\s*(?:วัน)?(?:หยุด)?\s*(?P<holiday>ปีใหม่|สงกรานต์)")
_DAYS_AFTER = {"ปีใหม่": ((1, 2), (1, 15)), "สงกรานต์": ((4, 16), (4, 30))}  # (month, day) first and last
_PART_OF_MONTH = {"ต้น": (1, 10), "กลาง": (11, 20), "ปลาย": (21, 31), "สิ้น": (21, 31), "ท้าย": (21, 31)}
_PART_OF_WEEK = {"ต้น": (0, 2), "กลาง": (1, 3), "ปลาย": (3, 6), "ท้าย": (3, 6)}  # Monday is 0
_ENGLISH_WEEKDAY = re.compile(
    rf"(?<![a-z])(?:(?P<which>next|this|coming|last)\s+)?(?P<day>{'|'.join(_ENGLISH_WEEKDAYS)})(?![a-z])",
    re.IGNORECASE,
)


def weekday_named(word: str) -> int | None:
    """The weekday (Monday 0) a word names alone ("ศุกร์", "พฤหัสบดี"); None for any other word."""
    return _THAI_WEEKDAYS.get(word)


def names_a_month(text: str) -> bool:
    """True when the text names a month (ธ.ค., ธันวาคม, Dec) or writes a date in figures (15/12, 2026-12-15)."""
    text = normalize_for_entities(text)
    # In figures as `parse_date` reads them: with a year, or with a slash ("1.5 กิโล" is a weight).
    figures = any(match.group("year") or match.group("sep") == "/" for match in _NUMERIC.finditer(text))
    return figures or any(pattern.search(text) for pattern in (_DAY_MONTH, _MONTH_DAY, _ISO, _MONTH_WORD))


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
    """Dates said in words: วันที่ 20, จันทร์ที่ 7, พรุ่งนี้, วันศุกร์หน้า, ศุกร์นี้, next Friday."""
    for match in _DAY_ONLY.finditer(text):  # first: at the same place a weekday alone would be read
        yield match.start(), _next_day_of_month(int(match.group("day")), today)
    for match in _RELATIVE.finditer(text):
        try:
            yield match.start(), today + dt.timedelta(days=_RELATIVE_DAYS[match.group().lower()])
        except OverflowError:
            continue
    for match in _IN_SO_MANY.finditer(text):  # "อีก 3 วัน"; "อีกวัน" alone is some other day
        if match.group("unit") == "วัน" and match.group("count"):
            yield match.start(), today + dt.timedelta(days=_count(match))
    for match in _THAI_WEEKDAY.finditer(text):
        prefix, day, which = match.group("prefix"), match.group("day"), match.group("which") or ""
        which = "เมื่อ" if match.group("ago") and prefix else which
        # Bare จันทร์ is the moon and อาทิตย์หน้า is "next week": demand วัน where it matters.
        if prefix or (which and day != "อาทิตย์"):
            yield match.start(), _weekday_date(_THAI_WEEKDAYS[day], which, today)
    for match in _ENGLISH_WEEKDAY.finditer(text):
        weekday = _ENGLISH_WEEKDAYS.index(match.group("day").lower())
        yield match.start(), _weekday_date(weekday, (match.group("which") or "").lower(), today)


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The first date in the message, relative to today (Asia/Bangkok unless given).

    A date written with its month beats one said in words: "วันศุกร์ที่ 18 ธ.ค." is 18 ธ.ค.
    """
    text = normalize_for_entities(text)
    today = today or bangkok_today()
    for finder in (_written_dates, _spoken_dates):
        found = [(position, date) for position, date in finder(text, today) if date is not None]
        if found:
            return min(found, key=lambda item: item[0])[1]
    return None


def _week(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """This (Monday-Sunday) week from today on, or next week; or a part of it (ต้นสัปดาห์หน้า: Monday to Wednesday)."""
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=0 if match.group("which") == "นี้" else 7)
    first, last = _PART_OF_WEEK.get(match.group("part") or "", (0, 6))
    start, end = monday + dt.timedelta(days=first), monday + dt.timedelta(days=last)
    return (max(start, today), end) if end >= today else None


def _part_of_month(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date]:
    first, last = _PART_OF_MONTH.get(part or "", (1, 31))
    days_in_month = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, first), dt.date(year, month, min(last, days_in_month))


def _month_stretch(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """ต้นเดือนหน้า, กลางเดือนนี้, ปลายธันวา, เดือนมกรา, สิ้นเดือน, ธันวาปีหน้า: a named month without its year, or a
    part of a month said without one, is the next one with days to come."""
    part, which, named = match.group("part"), match.group("which"), match.group("month")
    if named is None and part is None and which in (None, "นี้"):
        return None  # "เดือน" or "เดือนนี้" alone says nothing of when
    month = _month_number(named) if named else today.month + (which in ("หน้า", "ถัดไป"))
    if month is None:
        return None
    year = today.year + (month - 1) // 12
    if named and match.group("next_year"):
        year = today.year + 1
    elif named and match.group("year"):
        year = _full_year(match.group("year"), today) or year
    first, last = _part_of_month(part, year, (month - 1) % 12 + 1)
    rolls = named and not (match.group("next_year") or match.group("year"))
    if last < today and rolls:
        first, last = _part_of_month(part, year + 1, first.month)
    elif last < today and named is None and which is None:
        first, last = _part_of_month(part, year + first.month // 12, first.month % 12 + 1)
    return (max(first, today), last) if last >= today else None


def _count(match: re.Match[str]) -> int:
    said = match.group("count") or "หนึ่ง"
    return int(said) if said.isdigit() else _SO_MANY[said]


def _so_many_ahead(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """อีก 2 อาทิตย์: the week around the day two weeks from today; อีก 2 เดือน: that month."""
    count, unit = _count(match), match.group("unit")
    if unit == "วัน":
        return None  # a day, read by parse_date
    if unit == "เดือน":
        month = today.month - 1 + count
        return _part_of_month(None, today.year + month // 12, month % 12 + 1)
    then = today + dt.timedelta(weeks=count)
    return then - dt.timedelta(days=3), then + dt.timedelta(days=3)


def _year_stretch(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """ต้นปีหน้า: January next year; ปลายปี: this December, or next year's once it has passed."""
    month = _MONTH_OF_PART[match.group("part")]
    year = _full_year(match.group("year"), today) if match.group("year") else None
    year = year or today.year + (match.group("which") == "หน้า")
    first, last = _part_of_month(None, year, month)
    if last < today and match.group("which") is None and match.group("year") is None:
        first, last = _part_of_month(None, year + 1, month)
    return (max(first, today), last) if last >= today else None


def _after_holiday(match: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """หลังปีใหม่: 2-15 January to come; หลังสงกรานต์: 16-30 April to come."""
    (month, first), (_, last) = _DAYS_AFTER[match.group("holiday")]
    year = today.year + (dt.date(today.year, month, last) < today)
    return max(dt.date(year, month, first), today), dt.date(year, month, last)


_STRETCHES = ((_IN_SO_MANY, _so_many_ahead), (_WEEK_PERIOD, _week), (_PART_OF_YEAR, _year_stretch),
              (_AFTER_HOLIDAY, _after_holiday), (_MONTH_PERIOD, _month_stretch))


def parse_period(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a stretch said instead of a date, from today on; None when there is none."""
    text = normalize_for_entities(text)
    today = today or bangkok_today()
    try:
        for pattern, read in _STRETCHES:
            for match in pattern.finditer(text):
                if stretch := read(match, today):
                    return stretch
    except (ValueError, OverflowError):
        return None
    return None


_HOURS = {"เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10, "สิบเอ็ด": 11, "โมง": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4,
          "ห้า": 5}
_REFUSED_AFTER = r"(?!\s*(?:ไม่|บ่))"  # "เช้าไม่สะดวก" names no time wanted
_CLOCK = re.compile(r"(?<![\d.:/])(?P<hour>[01]?\d|2[0-3])\s*[:.]\s*(?P<minute>[0-5]\d)\s*(?:น\.?|นาฬิกา)(?!\w)"
                    r"|(?<![\d.:/])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d/])(?!\s*(?:ชั่วโมง|ชม|นาที|hr|h\b))")
_AFTERNOON = re.compile(r"บ่าย\s*(?P<hour>โมง|สอง|สาม|สี่|[1-4])(?:\s*โมง)?\s*(?P<half>ครึ่ง)?" + _REFUSED_AFTER)
_O_CLOCK = re.compile(r"(?<!\d)(?P<hour>สิบเอ็ด|เจ็ด|แปด|เก้า|สิบ|[7-9]|1[01])\s*โมง\s*(?:เช้า)?\s*(?P<half>ครึ่ง)?"
                      r"|(?<!\d)(?P<evening>สี่|ห้า|[45])\s*โมง\s*เย็น" + _REFUSED_AFTER)
_NOON = re.compile(r"เที่ยง(?!คืน)\s*(?P<half>ครึ่ง)?" + _REFUSED_AFTER)
# Not a gift basket (กระเช้า), this morning past (เมื่อเช้า), an event's round (รอบบ่าย) or a morning market or meal
# (ตลาดเช้า, อาหารเช้า); all day only as a booking's
# ("ขอใช้ทั้งวัน", "ทั้งวันค่ะ"), not "แจ้งเตือนเด้งทั้งวัน".
_PART_OF_DAY = re.compile(r"(?<!ไม่ใช่)(?<!ไม่ใช่ )(?<!ไม่เอา)(?:ช่วง|ตอน|ภาค|ครึ่งวัน)\s*(?P<part>เช้า|บ่าย|เย็น)" + _REFUSED_AFTER +
                          r"|(?<!กระ)(?<!เมื่อ)(?<!รอบ)(?<!ห้อง)(?<!ความ)(?<!ตลาด)(?<!อาหาร)(?<!ข้าว)(?<!มื้อ)(?<!ช่วง)(?<!ตอน)"
                          r"(?P<bare>เช้า|บ่าย)(?!นี้)" + _REFUSED_AFTER
                          + r"|(?:^\s*|(?:ใช้|จอง|ขอ|เอา)\S{0,12}?)(?P<all>ทั้งวัน|เต็มวัน)")


def time_of_day(text: str) -> str | None:
    """The time of day said for a booking, as staff read it: "ช่วงเช้า", "ช่วงบ่าย", "ช่วงเย็น", "ทั้งวัน", or a clock
    time ("13:30 น." from "บ่ายโมงครึ่ง", "13.30 น.", "10 โมง"); None when there is none, or only one refused
    ("เช้าไม่สะดวก")."""
    text = normalize_for_entities(text)
    if match := _CLOCK.search(text):
        hour, minute = (match["hour"], match["minute"]) if match["hour"] else (match["h"], match["m"])
        return f"{int(hour):02d}:{minute} น."
    if match := _AFTERNOON.search(text):
        hour = _HOURS.get(match["hour"]) or int(match["hour"])
        return f"{12 + hour:02d}:{'30' if match['half'] else '00'} น."
    if match := _O_CLOCK.search(text):
        written = match["hour"] or match["evening"]
        hour = _HOURS.get(written) or int(written)
        return f"{hour + (12 if match['evening'] else 0):02d}:{'30' if match['half'] else '00'} น."
    if match := _NOON.search(text):
        return f"12:{'30' if match['half'] else '00'} น."
    if match := _PART_OF_DAY.search(text):
        return "ทั้งวัน" if match["all"] else f"ช่วง{match['part'] or match['bare']}"
    return None
