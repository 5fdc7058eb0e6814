"""A time of day said for a machine booking ("1 ธ.ค. ช่วงบ่ายค่ะ", "บ่ายโมง"): kept beside the day, shown on the
summary card, the centre's alert and the status card, changed at the card, and changed after sending ("ขอเปลี่ยนเป็น
ช่วงบ่าย") without a new request; through the webhook, the database and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.dialogue import texts
from bot.line import fake_events as ev
from tests.bot.test_moving_a_booked_day import BOOKED, OFFICER, file_a_booking, moves_told_to
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    STAFF,
    USER,
    add_staff,
    answer_until_summary,
    requests_in,
)
from tests.chat import a_working_day, shown, typed_date


def summary_card(chat) -> str:
    [card] = shown([chat.line_api.delivered_messages(to=USER)[-1].message])
    return card


def at_the_summary(chat, app, day: str) -> None:
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until_summary(chat, app, USER, ANSWERS | {"preferred_date": day})


def test_a_time_said_with_the_day_is_kept_and_shown_to_the_user_and_the_centre(chat, app, line_api):
    add_staff(app)
    at_the_summary(chat, app, f"{typed_date(BOOKED)} ช่วงบ่ายค่ะ")
    assert f"วันที่สะดวก {texts.thai_date(BOOKED)} ช่วงเวลา ช่วงบ่าย" in summary_card(chat)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["preferred_date"] == BOOKED.isoformat() and request.answers["preferred_time"] == "ช่วงบ่าย"
    [alert] = shown([m.message for m in line_api.delivered_messages(to=STAFF) if m.message["type"] == "flex"])
    assert "ช่วงเวลา ช่วงบ่าย" in alert
    [card] = shown(chat.send(ev.text(USER, "สถานะคำขอ")))
    assert f"วันที่สะดวก {texts.thai_date(BOOKED)} ช่วงเวลา ช่วงบ่าย" in card


def test_no_time_is_asked_when_none_is_said(chat, app):
    at_the_summary(chat, app, typed_date(BOOKED))
    assert "ช่วงเวลา" not in summary_card(chat)


def test_a_time_the_job_is_done_in_is_not_the_bookings(chat, app):
    chat.consent(USER)
    chat.say(USER, f"อยากจองเครื่องซีล ซีลถุงโจ๊กขายตอนเช้า วันที่ {typed_date(BOOKED)} ค่ะ")  # h80
    answer_until_summary(chat, app, USER)
    assert "ช่วงเวลา" not in summary_card(chat)


def test_a_time_refused_at_the_card_and_another_given_is_taken(chat, app):
    at_the_summary(chat, app, f"{typed_date(BOOKED)} ช่วงเช้า")
    chat.say(USER, "ไม่ใช่ช่วงเช้าค่ะ ช่วงบ่าย")  # h80: the time was asked again
    assert "ช่วงเวลา ช่วงบ่าย" in summary_card(chat)


def test_a_time_typed_at_the_card_changes_it(chat, app):
    at_the_summary(chat, app, f"{typed_date(BOOKED)} ช่วงเช้า")
    [changed, _card] = chat.say(USER, "ขอเป็นบ่ายโมงค่ะ")
    assert changed.startswith("แก้ช่วงเวลาให้แล้วค่ะ") and "ช่วงเวลา 13:00 น." in summary_card(chat)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["preferred_time"] == "13:00 น." and request.answers["preferred_date"] == BOOKED.isoformat()


@pytest.mark.parametrize("text", [f"ขอเปลี่ยนเป็นช่วงบ่ายวันที่ {typed_date(BOOKED)} ค่ะ",
                                  "ขอใช้เครื่องช่วงบ่ายนะคะ เช้าไม่สะดวก", "ขอเป็นบ่ายโมงได้ไหมคะ",
                                  "ขอช่วงบ่ายได้ไหมคะ", "ช่วงบ่ายได้ไหมคะ"])  # the last two: h80
def test_a_time_changed_after_sending_changes_the_booking_and_tells_its_officer(chat, app, line_api, text):
    add_staff(app, line_id=OFFICER)
    request = file_a_booking(chat, app)
    [answer] = chat.say(USER, text)
    [kept] = requests_in(app)  # no second booking
    time = kept.answers["preferred_time"]
    assert time in ("ช่วงบ่าย", "13:00 น.") and kept.answers["preferred_date"] == BOOKED.isoformat()
    assert answer.startswith(f"เปลี่ยนเวลาใช้ CNC ของคำขอ {request.reference} เป็นวัน{texts.day_and_date(BOOKED)} "
                             f"{time} แล้วค่ะ")
    [notice] = moves_told_to(line_api, OFFICER)
    assert f"จาก {texts.thai_date(BOOKED)}\nเป็น {texts.thai_date(BOOKED)} {time}" in notice


def test_a_new_day_keeps_the_time_booked(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, "ขอใช้เครื่องช่วงบ่ายนะคะ")
    new = a_working_day(10)
    [answer] = chat.say(USER, f"ขอเลื่อนเป็น {typed_date(new)} ค่ะ")
    assert answer.startswith(f"เลื่อนวันใช้ CNC ของคำขอ {request.reference} เป็นวัน{texts.day_and_date(new)} ช่วงบ่าย")
    [kept] = requests_in(app)
    assert kept.answers["preferred_date"] == new.isoformat() and kept.answers["preferred_time"] == "ช่วงบ่าย"


@pytest.mark.parametrize("text", ["โทรมาช่วงบ่ายได้ไหมคะ", "ลงชื่อเข้างานไว้รอบเช้า ขอเปลี่ยนเป็นรอบบ่ายได้ไหม",
                                  "แจ้งเตือนเด้งทั้งวัน หยุดส่งได้ไหม", "ขอจองเครื่องเลเซอร์ตัดไม้ วันพฤหัสหน้า ช่วงบ่ายครับ",
                                  "ศูนย์เปิด 8 โมงใช่ไหม ขอทราบหน่อยค่ะ", "ขอบคุณค่ะ เจอกันช่วงเช้านะคะ",
                                  "จะเอาตัวอย่างไปให้ดูช่วงบ่ายได้ไหมคะ",  # h79: these three set a time
                                  "พรุ่งนี้เช้าให้ลูกสาวไปแทนนะคะ", "ขอเปลี่ยนวัสดุเป็นอะคริลิค จะเอาไปส่งช่วงเช้านะคะ"])  # h80
def test_a_time_said_of_something_else_is_no_change_to_the_booking(chat, app, text):
    file_a_booking(chat, app)  # a call, an event's round, the news, another booking (as training lines say them)
    chat.say(USER, text)
    assert "preferred_time" not in requests_in(app)[0].answers
