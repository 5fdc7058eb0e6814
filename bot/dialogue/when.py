"""The answer to "which day?": a working day from today to a year ahead, or when said in words, for staff to fix the
day with the user. A weekend, a public holiday, a day just passed or one years away is refused with the working days
near it offered, each a tap."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot import workdays
from bot.dialogue import texts
from bot.dialogue.refusals import Invalid
from bot.dialogue.replies import opens_with_none, plain
from bot.line.outbound import Choose
from intents import dates

JUST_PASSED = timedelta(days=60)
FURTHEST = timedelta(days=366)
WORDS_KEPT = 100  # of a reply that says when in words, kept as typed for staff
# "ศุกร์ไม่สะดวก ขอเป็นวันจันทร์": the day asked for instead of the one refused.
INSTEAD = re.compile(r"(?:ขอ|เปลี่ยน|เอา)\s*เป็น|แทน|ขอ(?=\s*วัน)|หมายถึง")
# A day refused ("ศุกร์ไม่ได้ค่ะ", "สัปดาห์หน้าไม่ว่าง", "ไม่เอาวันพุธ"): no answer, whatever day it names.
NOT_THEN = re.compile(r"ไม่ได้|ไม่ว่าง|ไม่สะดวก|ไม่ใช่|ไม่เอา|บ่ได้|บ่ว่าง|บ่เอา")
# A no said first, apart from what follows: "ไม่ใช่ครับ วันที่9ธันวา" (not "ไม่ใช่วันศุกร์").
SAID_NO_FIRST = re.compile(r"^\s*(?:ไม่ใช่|บ่แม่น|บ่ใช่)(?:ค่ะ|ครับ|คะ|จ้า|นะ|เจ้า|เด้อ|ๆ)*[\s,]+")
# A day left out of the rest ("ปลายธันวา แต่ไม่เอาวันพุธ", "ยกเว้นวันจันทร์"): kept as typed, as any day is.
EXCEPT = re.compile(r"ยกเว้น|นอกจาก|ไม่เอาวัน|แต่ไม่เอา|ที่ไม่ใช่")
# Any day ("วันไหนก็ได้", "ไม่รีบค่ะ") or the soonest ("เร็วที่สุดค่ะ ของต้องส่งสิ้นเดือน"): kept as typed, for staff
# to fix the day with the user.
ANY_DAY = re.compile(r"วันไหนก็ได้|(?<!ไม่)(?:ได้|ว่าง|สะดวก)ทุกวัน|ได้หมด|แล้วแต่|ไม่ด่วน|ไม่รีบ|ไม่ต้อง(?:รีบ|เร็ว)")
SOONEST = re.compile(r"(?<!ไม่)(?:เร็วที่สุด|เร็วสุด|ไวที่สุด|ไวสุด|ยิ่งเร็วยิ่งดี|โดยเร็ว|ด่วน|asap)", re.IGNORECASE)


def read_date(text: str, today: date) -> date | str:
    """Take a working day from today to a year ahead (Thai, Buddhist era or the picker); or when said in words, for
    staff to fix the day with the user: any day or the soonest (kept as typed), a stretch ("สัปดาห์หน้า": its working
    days), or "not sure yet". A day refused ("ศุกร์ไม่ได้ค่ะ") is no answer; a no and then a day ("ไม่ใช่ครับ
    วันที่9ธันวา") is that day."""
    instead = INSTEAD.search(text)
    if instead and NOT_THEN.search(text, 0, instead.start()):
        return read_date(text[instead.end():], today)
    no = SAID_NO_FIRST.match(text)
    if no and not NOT_THEN.search(text, no.end()) and dates.parse_date(text[no.end():], today):
        return read_date(text[no.end():], today)
    if ANY_DAY.search(text) or EXCEPT.search(text):
        return _as_typed(text)
    if NOT_THEN.search(text):
        raise Invalid(texts.DATE_NOT_THEN)
    when = dates.parse_date(text, today) or _weekday_alone(text, today)
    if when is not None:
        return _open_day(when, text, today)
    if SOONEST.search(text):
        return _as_typed(text)
    stretch = _stretch(text, today)
    if stretch is not None:
        return stretch
    if opens_with_none(text):  # as the chip sends it, or typed ("ยังไม่แน่ใจเลยครับ")
        return "ยังไม่ระบุ"
    raise Invalid(texts.DATE_UNREAD)


def _as_typed(text: str) -> str:
    return " ".join(text.split())[:WORDS_KEPT]


def _weekday_alone(text: str, today: date) -> date | None:
    """A weekday named alone ("ศุกร์ค่ะ"), which the question makes a day (elsewhere จันทร์ is the moon): the next
    one, today included."""
    weekday = dates.weekday_named(plain(text))
    return next_weekday(weekday, today) if weekday is not None else None


def next_weekday(weekday: int, today: date) -> date:
    """The next day that is `weekday` (Monday 0), today included."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _open_day(when: date, text: str, today: date) -> date:
    """`when`, if the centres are open that day and it is from today to a year ahead; else what to say about it."""
    calendar = workdays.load_calendar()
    if when < today:
        raise Invalid(texts.DATE_PASSED)
    # A day and month without a year is the next one to come; one that passed only lately was perhaps misread or
    # mistyped ("1 พ.ย." on 22 พ.ย.): next year's is offered, not taken, when the centres are open that day.
    passed = dates.parse_date(text, today - JUST_PASSED)
    if passed is not None and passed < today and (passed.month, passed.day) == (when.month, when.day):
        if not calendar.is_working_day(when):
            raise Invalid(texts.DATE_PASSED)
        shown = texts.thai_date(when)
        raise Invalid(texts.DATE_JUST_PASSED.format(passed=texts.thai_date(passed), next=shown),
                      (_offer(when, shown),))
    if when - today > FURTHEST:  # most likely a year mistyped: the same day and month to come, if open, is offered
        nearer = dates.parse_date(f"{when.day}/{when.month}", today)
        near = nearer is not None and nearer - today <= FURTHEST and calendar.is_working_day(nearer)
        offered = (_offer(nearer, texts.thai_date(nearer)),) if near and nearer else ()
        raise Invalid(texts.DATE_TOO_FAR.format(day=texts.thai_date(when)), offered)
    if not calendar.is_working_day(when):
        raise _closed(when, today, calendar)
    return when


def _stretch(text: str, today: date) -> date | str | None:
    """A stretch of days said instead of a date ("สัปดาห์หน้า", "ต้นเดือนหน้า"), as its working days; one day left is
    that day. None when the text says none."""
    stretch = dates.parse_period(text, today)
    if stretch is None:
        return None
    if stretch[0] - today > FURTHEST:
        raise Invalid(texts.DATE_TOO_FAR.format(day=texts.thai_days(*stretch)))
    calendar = workdays.load_calendar()
    first, last = calendar.working_day(stretch[0], 1), calendar.working_day(stretch[1], -1)
    if first > last:  # all closed: a weekend, the year's last days
        after = calendar.working_day(stretch[1] + timedelta(days=1), 1)
        raise Invalid(texts.DAYS_CLOSED.format(days=texts.thai_days(*stretch)),
                      (_offer(after, texts.day_and_date(after)),))
    return first if first == last else texts.DAYS_BETWEEN.format(days=texts.thai_days(first, last))


def _closed(day: date, today: date, calendar: workdays.BusinessCalendar) -> Invalid:
    """A weekend or public holiday: the working days either side are offered."""
    why = texts.why_closed(day, calendar.holidays.get(day, ""))
    near = dict.fromkeys(d for d in (calendar.working_day(day, -1), calendar.working_day(day, 1)) if d >= today)
    return Invalid(texts.DATE_CLOSED.format(day=texts.thai_date(day), why=why),
                   tuple(_offer(d, texts.day_and_date(d)) for d in near))


def _offer(day: date, label: str) -> Choose:
    return Choose(label, f"answer={day.isoformat()}", label)
