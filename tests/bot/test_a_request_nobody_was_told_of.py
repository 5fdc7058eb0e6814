"""A request for a centre with nobody on LINE, and no admin on LINE either: the entrepreneur is told plainly that it
is kept and given the centre's phone, with no call-back promised, at filing or when asking for a person after
(h102 N5); a centre on LINE still promises its call. Through the webhook, the database and the fake LINE API."""

from __future__ import annotations

from bot.dialogue import texts
from tests.bot.test_service_requests import (
    FIRST_MESSAGES,
    USER,
    add_staff,
    answer_until_summary,
    centre_of,
    requests_in,
)

PROMISE = "ชั่วโมงทำการ"  # "…ติดต่อกลับ… ภายใน 8 ชั่วโมงทำการ"


def filed(chat, app, first: str = FIRST_MESSAGES["packaging"]) -> str:
    """USER files a request from `first`; the bot's reply to the confirmation."""
    chat.consent(USER)
    chat.say(USER, first)
    answer_until_summary(chat, app, USER)
    [reply, *_] = chat.tap(USER, "confirm=yes")
    return reply


def test_a_request_nobody_on_line_was_told_of_gives_the_centre_s_phone_and_promises_no_call(chat, app, line_api):
    reply = filed(chat, app)
    [request] = requests_in(app)
    centre = centre_of(app, request)
    assert reply.startswith("ส่งคำขอเรียบร้อยแล้วค่ะ") and request.reference in reply
    assert PROMISE not in reply and "จะติดต่อกลับ" not in reply, reply
    assert f"ยังแจ้งเจ้าหน้าที่ของ {centre.name} ทาง LINE ไม่ได้ค่ะ" in reply and f"โทร {centre.phone}" in reply
    assert [m for m in line_api.delivered_messages() if m.to != USER] == []  # nobody told, as the reply says


def test_asking_for_a_person_after_says_the_phone_once_and_still_promises_nothing(chat, app):
    filed(chat, app)
    [request] = requests_in(app)
    centre = centre_of(app, request)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ เรื่องซองกาแฟที่ขอไป")
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer.startswith(f"บันทึกเรื่องที่ขอคุยไว้ในคำขอ {request.reference} แล้วค่ะ")
    assert PROMISE not in answer and "ติดต่อกลับ" not in answer, answer
    assert answer.count(centre.phone) == 1


def test_a_call_back_asked_of_a_centre_nobody_on_line_is_kept_with_the_phone(chat, app):
    reply = filed(chat, app, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    [request] = requests_in(app)
    centre = centre_of(app, request)
    assert reply.startswith(f"บันทึกเรื่องที่ขอคุยไว้แล้วค่ะ เลขที่เรื่อง {request.reference}"), reply
    assert "แจ้งเจ้าหน้าที่" not in reply.split("\n")[0] and "จะติดต่อกลับ" not in reply
    assert f"โทร {centre.phone}" in reply


def test_a_centre_on_line_is_told_and_its_call_back_still_promised(chat, app, line_api):
    add_staff(app)
    reply = filed(chat, app)
    [request] = requests_in(app)
    hours = centre_of(app, request).response_hours
    assert texts.CALL_BACK.format(phone="0812345678", hours=hours) in reply
    assert "ยังแจ้งเจ้าหน้าที่" not in reply
