"""The date a machine booking asks for, read on fixed days against the holiday file: a working day is taken; a
weekend, a public holiday, a day gone or a year away is told why and the days the centres are open offered; words
for when are kept for staff; a day refused is no answer; a yes takes the one day offered, and only a yes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue import answers, fields, flows, texts
from bot.line.outbound import Choose
from tests.bot.test_flows import PROFILE, said

SUNDAY = date(2026, 11, 22)
NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday and a public holiday
MACHINERY = flows.FLOWS["machinery"]
AT_THE_DATE = {"machine": "CNC", "details": "กัดแม่พิมพ์"}


def answered(reply: str, today: date = SUNDAY, answers: dict | None = None) -> flows.Turn:
    return flows.answer(MACHINERY, "preferred_date", answers or AT_THE_DATE, reply, today)


def chips(turn: flows.Turn) -> list[str]:
    """The labels of the days offered, before the question's own chips."""
    [message] = turn.messages
    return [c.label for c in message.quick_replies if isinstance(c, Choose) and c.data.startswith("answer=2")]


@pytest.mark.parametrize(("today", "typed", "kept"), [
    (SUNDAY, "15/12/2569", "2026-12-15"),
    (SUNDAY, "ศุกร์ค่ะ", "2026-11-27"),  # a weekday alone: the next one
    (SUNDAY, "ศุกร์ไม่สะดวก ขอเป็นจันทร์", "2026-11-23"),  # the day asked for instead
    (SUNDAY, "อาทิตย์หน้าค่ะ", "ช่วง 23–27 พ.ย. 2569"),  # next week, not next Sunday
    (SUNDAY, "จันทร์-ศุกร์ สัปดาห์หน้า", "ช่วง 23–27 พ.ย. 2569"),
    (SUNDAY, "ต้นเดือนหน้า", "ช่วง 1–9 ธ.ค. 2569"),  # 10 ธ.ค. is Constitution Day
    (SUNDAY, "ไม่แน่ใจค่ะ ประมาณต้นเดือนหน้า", "ช่วง 1–9 ธ.ค. 2569"),
    (NEW_YEARS_EVE, "ปลายธันวาปีหน้า", "ช่วง 21–30 ธ.ค. 2570"),
    (SUNDAY, "ต้นสัปดาห์หน้า", "ช่วง 23–25 พ.ย. 2569"),
    (SUNDAY, "อีก 2 อาทิตย์ค่ะ", "ช่วง 3–9 ธ.ค. 2569"),  # the working days around 6 ธ.ค.
    (SUNDAY, "หลังปีใหม่ครับ", "ช่วง 4–15 ม.ค. 2570"),
    (SUNDAY, "ต้นปีหน้าค่ะ", "ช่วง 4–29 ม.ค. 2570"),
    (SUNDAY, "อีก 3 วันค่ะ", "2026-11-25"),
    (SUNDAY, "ไม่ใช่ครับ วันที่9ธันวา", "2026-12-09"),  # a no, then the day meant (h77)
    (SUNDAY, "ไม่ใช่ค่ะ 9 ธ.ค. ไม่ได้ ขอเป็น 11 ธ.ค.", "2026-12-11"),  # the one asked for instead (h79)
    (NEW_YEARS_EVE, "อาทิตย์หน้าค่ะ", "ช่วง 4–8 ม.ค. 2570"),
    (date(2026, 11, 30), "สิ้นเดือน", "2026-11-30"),  # one day left: that day
    (SUNDAY, "เร็วที่สุดค่ะ ของต้องส่งลูกค้าสิ้นเดือน", "เร็วที่สุดค่ะ ของต้องส่งลูกค้าสิ้นเดือน"),  # as typed
    (SUNDAY, "วันไหนก็ได้ค่ะ ยกเว้นวันจันทร์", "วันไหนก็ได้ค่ะ ยกเว้นวันจันทร์"),
    (SUNDAY, "ไม่รีบค่ะ", "ไม่รีบค่ะ"),
    (SUNDAY, "ปลายธันวา แต่ไม่เอาวันพุธ", "ปลายธันวา แต่ไม่เอาวันพุธ"),  # not the Wednesday left out
    (SUNDAY, "ยังไม่แน่ใจ", "ยังไม่ระบุ"),
])
def test_a_working_day_or_words_for_when_are_kept(today, typed, kept):
    turn = answered(typed, today)
    assert turn.state == "business_name" and turn.answers["preferred_date"] == kept


@pytest.mark.parametrize(("today", "typed", "told", "offered"), [
    (SUNDAY, "เสาร์นี้", "วันที่ 28 พ.ย. 2569 ตรงกับวันเสาร์ ศูนย์ปิดทำการค่ะ",
     ["ศุกร์ 27 พ.ย. 2569", "จันทร์ 30 พ.ย. 2569"]),
    (SUNDAY, "7 ธ.ค.", "วันที่ 7 ธ.ค. 2569 ตรงกับวันหยุดชดเชยวันพ่อแห่งชาติ ศูนย์ปิดทำการค่ะ",
     ["ศุกร์ 4 ธ.ค. 2569", "อังคาร 8 ธ.ค. 2569"]),
    (SUNDAY, "จันทร์ที่ 7 ครับ", "วันที่ 7 ธ.ค. 2569 ตรงกับวันหยุดชดเชยวันพ่อแห่งชาติ",
     ["ศุกร์ 4 ธ.ค. 2569", "อังคาร 8 ธ.ค. 2569"]),  # the 7th, not the next Monday
    (SUNDAY, "10/12/2569", "วันที่ 10 ธ.ค. 2569 ตรงกับวันรัฐธรรมนูญ", ["พุธ 9 ธ.ค. 2569", "ศุกร์ 11 ธ.ค. 2569"]),
    (NEW_YEARS_EVE, "พรุ่งนี้", "วันที่ 1 ม.ค. 2570 ตรงกับวันขึ้นปีใหม่", ["จันทร์ 4 ม.ค. 2570"]),  # not 30 ธ.ค., gone
    (NEW_YEARS_EVE, "สิ้นเดือน", "ช่วง 31 ธ.ค. 2569 ศูนย์ปิดทำการค่ะ", ["จันทร์ 4 ม.ค. 2570"]),
    (SUNDAY, "อาทิตย์นี้ค่ะ", "ช่วง 22 พ.ย. 2569 ศูนย์ปิดทำการค่ะ", ["จันทร์ 23 พ.ย. 2569"]),
    (SUNDAY, "1 พ.ย.", "วันที่ 1 พ.ย. 2569 ผ่านมาแล้วค่ะ หากหมายถึง 1 พ.ย. 2570", ["1 พ.ย. 2570"]),
    (SUNDAY, "6 พ.ย.", "วันที่นี้ผ่านมาแล้วค่ะ", []),  # 6 พ.ย. 2570 is a Saturday: not offered
    (SUNDAY, "15/12/2571", "วันที่ 15 ธ.ค. 2571 อีกนานกว่า 1 ปี", ["15 ธ.ค. 2569"]),
    (SUNDAY, "29 ก.พ.", "วันที่ 29 ก.พ. 2571 อีกนานกว่า 1 ปี", []),  # the same day is no nearer one
    (SUNDAY, "ต้นมกราคม 2571", "วันที่ 1–10 ม.ค. 2571 อีกนานกว่า 1 ปี", []),
    (SUNDAY, "ปลายธันวาปีหน้า", "วันที่ 21–31 ธ.ค. 2570 อีกนานกว่า 1 ปี", []),
    (SUNDAY, "24/7/2570", "วันที่ 24 ก.ค. 2570 ตรงกับวันเสาร์", ["ศุกร์ 23 ก.ค. 2570", "จันทร์ 26 ก.ค. 2570"]),  # not 24/7
    (SUNDAY, "30 ก.พ.", "ขอวันที่อีกครั้ง", []),  # no such day: not all of February
    (SUNDAY, "ศุกร์ไม่ได้ค่ะ", texts.DATE_NOT_THEN, []),
    (SUNDAY, "สัปดาห์หน้าไม่ว่าง", texts.DATE_NOT_THEN, []),
    (SUNDAY, "ไม่ได้ทุกวันค่ะ", texts.DATE_NOT_THEN, []),
])
def test_a_day_the_centres_cannot_take_is_told_why_with_the_open_days_offered(today, typed, told, offered):
    turn = answered(typed, today)
    assert turn.state == "preferred_date" and "preferred_date" not in turn.answers
    assert said(turn.messages).startswith(told) and chips(turn) == offered


@pytest.mark.parametrize(("reply", "kept"), [
    ("ใช่ค่ะ", "2027-11-01"), ("ปีหน้าค่ะ", "2027-11-01"), ("ตามนั้นครับ", "2027-11-01"),
    ("ไม่ใช่ปีหน้าค่ะ ขอเป็น 3 ธ.ค.", "2026-12-03"),  # its own date, not the one offered
])
def test_a_yes_takes_the_one_day_offered(reply, kept):
    offered = answered("1 พ.ย.")
    turn = answered(reply, answers=offered.answers)
    assert turn.answers["preferred_date"] == kept and fields.OFFERED not in turn.answers


@pytest.mark.parametrize(("first", "reply", "kept"), [
    ("เสาร์หน้าค่ะ", "จันทร์ก็ได้ค่ะ", "2026-11-30"),  # the Monday offered, not the next one
    ("เสาร์ที่ 5 ธ.ค.ค่ะ", "งั้นเอาวันศุกร์ก่อนหน้าค่ะ", "2026-12-04"),
    ("31 ธ.ค.", "30ก็ได้ครับ", "2026-12-30"),
    ("31 ธ.ค.", "วันที่30ครับ", "2026-12-30"),  # not 30 พ.ย.
    ("15 มี.ค. 2572", "เอาอันนั้นแหละ", "2027-03-15"),
    ("เสาร์หน้าค่ะ", "จันทร์ 7 ธ.ค.", None),  # a date of its own: read as typed, a holiday
    ("เสาร์หน้าค่ะ", "จันทร์ไม่ได้ค่ะ", None),
    ("7 ธ.ค.", "วันพุธค่ะ", "2026-12-09"),  # a weekday none offered: the one near them, not 25 พ.ย.
    ("7 ธ.ค.", "งั้นพฤหัสก็ได้", "2026-12-03"),
    ("7 ธ.ค.", "พุธหน้าค่ะ", "2026-11-25"),  # of a week: read from today
])
def test_a_day_of_those_offered_named_in_part_is_that_day(first, reply, kept):
    offered = answered(first)
    turn = answered(reply, answers=offered.answers)
    assert turn.answers.get("preferred_date") == kept


@pytest.mark.parametrize("first", ["7 ธ.ค.", "เสาร์ที่ 5 ธ.ค."])  # both offer [ศุกร์ 4 ธ.ค.] [อังคาร 8 ธ.ค.]
def test_a_weekday_near_the_days_offered_that_is_closed_is_refused_with_its_reason_not_tomorrow_nor_next_week(first):
    offered = answered(first)
    turn = answered("วันจันทร์ค่ะ", answers=offered.answers)  # not 23 พ.ย. (the next Monday), nor 14 ธ.ค. unasked
    assert "preferred_date" not in turn.answers
    assert said(turn.messages).startswith("วันที่ 7 ธ.ค. 2569 ตรงกับวันหยุดชดเชยวันพ่อแห่งชาติ")


def test_the_weekday_after_the_days_offered_is_taken_when_said_so():
    offered = answered("7 ธ.ค.")
    turn = answered("งั้นเอาจันทร์ถัดไปละกันครับ", answers=offered.answers)  # h77
    assert turn.answers["preferred_date"] == "2026-12-14"


@pytest.mark.parametrize("reply", ["วันนั้นไม่ว่างค่ะ", "555", "รับทราบค่ะ"])
def test_what_is_no_yes_takes_nothing(reply):
    offered = answered("1 พ.ย.")
    turn = answered(reply, answers=offered.answers)
    assert turn.state == "preferred_date" and "preferred_date" not in turn.answers


def test_a_yes_to_two_days_offered_asks_which_with_the_same_days():
    offered = answered("เสาร์นี้")
    turn = answered("ใช่ค่ะ", answers=offered.answers)
    assert turn.state == "preferred_date" and said(turn.messages).startswith(texts.PICK_AN_OFFER)
    assert chips(turn) == ["ศุกร์ 27 พ.ย. 2569", "จันทร์ 30 พ.ย. 2569"]


def test_the_days_offered_are_offered_again_after_an_interruption_and_never_filed():
    offered = answered("เสาร์นี้")
    [again] = flows.ask(MACHINERY, "preferred_date", offered.answers)
    assert [c.label for c in again.quick_replies][:2] == ["ศุกร์ 27 พ.ย. 2569", "จันทร์ 30 พ.ย. 2569"]
    turn = answered("30/11/2569", answers=offered.answers)
    assert turn.answers["preferred_date"] == "2026-11-30" and fields.OFFERED not in turn.answers


@pytest.mark.parametrize(("reply", "kept"), [
    ("ไม่ใช่เจ้า ขอวันที่8ธันวา", "2026-12-08"), ("ไม่ใช่ครับ หมายถึงสัปดาห์หน้า", "ช่วง 23–27 พ.ย. 2569"),
    ("ขอเปลี่ยนเป็นปลายธันวาดีกว่าครับ", "ช่วง 21–30 ธ.ค. 2569"),
])
def test_a_date_typed_at_the_summary_changes_the_date(reply, kept):
    answers = AT_THE_DATE | PROFILE | {"preferred_date": "2026-11-24"}
    turn = flows.answer(MACHINERY, "confirm", answers, reply, SUNDAY)
    assert turn.state == "confirm" and turn.answers["preferred_date"] == kept


@pytest.mark.parametrize(("typed", "told"), [
    ("วันนี้เปิดไหมคะ จะขับรถไปเลย", "วันอาทิตย์ 22 พ.ย. 2569 ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวันจันทร์ 23 พ.ย. 2569"),
    ("พรุ่งนี้ศูนย์เปิดกี่โมงคะ", "วันจันทร์ 23 พ.ย. 2569 ศูนย์เปิดทำการตามปกติ เวลา 08:30–16:30 น. ค่ะ"),
    ("7 ธ.ค. ศูนย์หยุดไหม", "วันจันทร์ 7 ธ.ค. 2569 ตรงกับวันหยุดชดเชยวันพ่อแห่งชาติ ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวันอังคาร"),
    ("ศูนย์อยู่ที่ไหนคะ", None), ("เมื่อวานศูนย์เปิดไหม", None),
])
def test_whether_the_centres_open_on_the_day_asked(typed, told):
    said = answers.open_that_day(typed, SUNDAY)
    assert (said is None) if told is None else (said is not None and said.startswith(told))


def test_a_price_asked_with_a_closed_day_is_kept_for_the_officer_and_the_open_days_offered():
    turn = answered("เสาร์นี้ได้ไหมคะ ค่าเครื่องเท่าไหร่")
    assert chips(turn) == ["ศุกร์ 27 พ.ย. 2569", "จันทร์ 30 พ.ย. 2569"]
    assert turn.answers[fields.QUESTIONS] == ["เสาร์นี้ได้ไหมคะ ค่าเครื่องเท่าไหร่"]
    assert fields.QUESTIONS not in answered("เสาร์นี้ได้ไหมคะ").answers  # a question about the day only: answered
