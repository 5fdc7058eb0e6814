"""A day the centres close, asked of them: the weekday said once for a weekend ("วันเสาร์ 28 พ.ย. 2569 ศูนย์ปิดทำการ
ค่ะ"), a holiday still named ("ตรงกับวันรัฐธรรมนูญ"); through the webhook and the fake LINE API."""

from __future__ import annotations

from datetime import timedelta

from bot.dialogue import texts
from intents.dates import bangkok_today
from tests.bot.test_service_requests import USER


def test_a_saturday_asked_of_a_centre_is_said_closed_without_naming_the_weekday_twice(chat):
    today = bangkok_today()
    saturday = texts.day_and_date(today + timedelta(days=(5 - today.weekday()) % 7))
    chat.follow(USER)
    said = chat.say(USER, "เสาร์นี้ศูนย์ที่โคราชเปิดไหมคะ จะขับรถไปเลย")
    assert said[0].startswith(f"วัน{saturday} ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน"), said
    assert said[0].count("เสาร์") == 1


def test_a_holiday_asked_of_a_centre_is_still_named(chat):
    chat.follow(USER)
    said = chat.say(USER, "10 ธ.ค. ศูนย์เชียงใหม่เปิดไหมคะ")
    assert "ตรงกับวันรัฐธรรมนูญ ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน" in said[0], said
