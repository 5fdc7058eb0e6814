"""A day asked of a centre ("ศูนย์อุดรเปิดเสาร์ไหม", "พรุ่งนี้แวะศูนย์ขอนแก่นได้ไหมคะ"): whether it opens then, with its
hours, or why not and when it opens again, and the centre's card; through the webhook and the fake LINE API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import workdays
from bot.dialogue import texts
from intents.dates import bangkok_today
from tests.bot.test_service_requests import USER
from tests.bot.test_where_they_live import centre_shown, keep_province


def next_saturday() -> str:
    today = bangkok_today()
    return texts.day_and_date(today + timedelta(days=(5 - today.weekday()) % 7))


def told_closed_on_saturday(said: str) -> bool:
    """Closed that Saturday, and the working day it opens again, with the hours."""
    return said.startswith(f"วัน{next_saturday()} ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน") and "08:30–16:30 น." in said


@pytest.mark.parametrize(("typed", "province"), [
    ("ไปงานแต่งที่อุดรค่ะ ศูนย์อุดรเปิดเสาร์ไหม", "อุดรธานี"),  # h90, h91: before, the card alone
    ("ศูนย์เชียงใหม่เปิดเสาร์ไหมคะ", "เชียงใหม่"),
])
def test_a_weekday_said_bare_with_a_centre_is_answered_with_the_card(chat, typed, province):
    chat.follow(USER)
    said = chat.say(USER, typed)
    assert told_closed_on_saturday(said[0]), said
    assert centre_shown(said[1:], province)


def test_a_visit_asked_for_tomorrow_is_told_whether_the_centre_opens_then(chat):
    chat.follow(USER)
    said = chat.say(USER, "พรุ่งนี้แวะศูนย์ขอนแก่นได้ไหมคะ")
    tomorrow = bangkok_today() + timedelta(days=1)
    opens = workdays.load_calendar().is_working_day(tomorrow)
    assert said[0].startswith(f"วัน{texts.day_and_date(tomorrow)}"), said
    assert ("ศูนย์เปิดทำการตามปกติ เวลา 08:30–16:30 น." in said[0]) if opens else ("เปิดอีกครั้งวัน" in said[0])
    assert centre_shown(said[1:], "ขอนแก่น")


def test_a_bare_weekday_asked_of_the_follower_s_centre_is_answered_with_its_card(chat, app):
    chat.consent(USER)
    keep_province(app, "ลำปาง")
    said = chat.say(USER, "เปิดเสาร์ไหม")
    assert told_closed_on_saturday(said[0]) and centre_shown(said[1:], "ลำปาง")


def test_a_bare_weekday_asked_with_no_centre_known_is_answered_then_the_province_asked(chat):
    chat.consent(USER)
    said = chat.say(USER, "เปิดเสาร์ไหมคะ")
    assert told_closed_on_saturday(said[0]) and said[1] == texts.ASK_PROVINCE_FOR_CENTRE
    assert centre_shown(chat.say(USER, "ลำปางค่ะ"), "ลำปาง")


def test_the_working_week_asked_is_no_single_day(chat, app):
    chat.consent(USER)
    keep_province(app, "ลำปาง")
    said = chat.say(USER, "ศูนย์ลำปางเปิดจันทร์ถึงศุกร์ไหมคะ")
    assert not any("ทำการค่ะ" in s or "ตามปกติ" in s for s in said) and centre_shown(said, "ลำปาง")


def test_a_day_asked_of_another_centre_right_after_comes_with_that_centre_s_card(chat):
    chat.follow(USER)
    chat.say(USER, "ศูนย์ลำปางเปิดเสาร์ไหมคะ")
    said = chat.say(USER, "พรุ่งนี้แวะศูนย์ขอนแก่นได้ไหมคะ")  # before, the day alone, as a follow-up of the first
    assert said[0].startswith(f"วัน{texts.day_and_date(bangkok_today() + timedelta(days=1))}")
    assert centre_shown(said[1:], "ขอนแก่น")
