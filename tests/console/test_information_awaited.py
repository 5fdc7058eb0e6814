""""รอข้อมูลจากท่าน": what the entrepreneur then types or sends reaches the request and its officer (h87 item 1)."""

from __future__ import annotations

import pytest

from bot.console import texts
from bot.line import fake_events as ev
from storage.models import ServiceRequest
from tests.bot.test_service_requests import state_of
from tests.console.helpers import StaffBrowser, add_staff, centre_of, file_request, load, transfer

USER = "U" + "a" * 32
SOMCHAI = "U" + "5" * 32  # on LINE
ASKED = "รบกวนแจ้งปริมาณกาแฟที่จะบรรจุต่อเดือนด้วยค่ะ"


@pytest.fixture
def somchai(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    return browser


def waiting_request(chat, app, browser) -> ServiceRequest:
    """A packaging request the officer (`browser`) accepted and set to wait for the entrepreneur's information."""
    request = file_request(chat, app, USER)
    browser.post(f"/staff/requests/{request.id}/accept")
    browser.post(f"/staff/requests/{request.id}/status", {"status": "waiting", "message": ASKED})
    return request


def told(line_api, officer=SOMCHAI) -> list[str]:
    """The officer's LINE pushes about information the entrepreneur sent."""
    return [m.text for m in line_api.delivered_messages(to=officer) if m.text and "📝" in m.text]


def test_the_answer_reaches_the_officer_and_moves_the_request_on(app, chat, line_api, somchai):
    request = waiting_request(chat, app, somchai)
    [thanks] = chat.say(USER, "ประมาณ 20 โลต่อเดือนค่ะ 🥭")
    assert thanks == texts.INFORMATION_THANKS  # not "ไม่แน่ใจว่าหมายถึงเรื่องไหน"
    [alert] = told(line_api)
    assert "ประมาณ 20 โลต่อเดือนค่ะ 🥭" in alert and request.reference in alert
    assert f"/staff/requests/{request.id}" in alert
    assert load(app, ServiceRequest, request.id).status == "in_progress"
    page = somchai.page(f"/staff/requests/{request.id}")
    assert "ผู้ประกอบการส่งข้อมูลทาง LINE: ประมาณ 20 โลต่อเดือนค่ะ 🥭" in page  # in the status history

    # More of it: kept with the request, a short word back so the user knows it went (h90: silence read as lost).
    assert chat.say(USER, "ใช้ซองขนาด 250 กรัมนะคะ") == [texts.INFORMATION_MORE_THANKS]
    assert len(told(line_api)) == 1  # the officer is not pinged twice in a burst
    assert "ใช้ซองขนาด 250 กรัมนะคะ" in somchai.page(f"/staff/requests/{request.id}")
    assert load(app, ServiceRequest, request.id).status == "in_progress"


def test_with_an_assignee_off_line_the_centres_officers_on_line_are_told(app, chat, line_api, somchai):
    manee = StaffBrowser(app)
    add_staff(app, "มานี มีงาน", "เชียงราย", "manee")  # not on LINE
    manee.sign_in("manee")
    request = waiting_request(chat, app, manee)
    chat.say(USER, "เดือนละ 500 ซองค่ะ")
    [alert] = told(line_api)
    assert "เดือนละ 500 ซองค่ะ" in alert and request.reference in alert


def test_a_photo_sent_while_waiting_is_kept_on_the_request(app, chat, line_api, somchai):
    request = waiting_request(chat, app, somchai)
    line_api.put_content("photo-9", b"\x89PNG the old pouch", "image/png")
    [thanks] = shown_texts(chat.send(ev.image(USER, content_id="photo-9")))
    assert thanks == texts.INFORMATION_THANKS
    [alert] = told(line_api)
    assert "รูปภาพ" in alert and request.reference in alert
    page = somchai.page(f"/staff/requests/{request.id}")
    assert '<img src="/staff/attachments/' in page
    assert load(app, ServiceRequest, request.id).status == "in_progress"


@pytest.mark.parametrize("typed, expected", [
    ("สถานะคำขอ", "รอข้อมูลจากท่าน"),  # a status question is answered: it still waits for them
    ("ขอบคุณค่ะ", None),  # a thank-you says nothing for the officer
    ("ได้ค่ะ เดี๋ยวส่งให้นะคะ", texts.INFORMATION_LATER),  # the answer is still to come
    ("ยกเลิกคำขอค่ะ", "ยกเลิก"),  # a cancel is asked about, as ever
    ("ศูนย์เปิดกี่โมงคะ", "เปิด"),  # an everyday question is answered, not passed on as the information
    ("มีงานอะไรบ้างคะช่วงนี้", "กิจกรรม"),
])
def test_what_is_not_the_answer_leaves_the_request_waiting(app, chat, line_api, somchai, typed, expected):
    request = waiting_request(chat, app, somchai)
    said = chat.say(USER, typed)
    assert said and texts.INFORMATION_THANKS not in said
    if expected:
        assert any(expected in s for s in said), said
    assert told(line_api) == []
    assert load(app, ServiceRequest, request.id).status == "waiting"


@pytest.mark.parametrize("typed", ["สวัสดีค่ะ", "ฮัลโหล", "เจ้าหน้าที่ถามอะไรนะคะ"])
def test_a_greeting_or_what_was_asked_shows_the_officers_question_again(app, chat, line_api, somchai, typed):
    request = waiting_request(chat, app, somchai)
    [again] = chat.say(USER, typed)
    assert ASKED in again and request.reference in again  # before, "ฮัลโหล" went to the officer as the answer
    assert told(line_api) == []
    assert load(app, ServiceRequest, request.id).status == "waiting"
    [thanks] = chat.say(USER, "ประมาณ 500 ซองค่ะ")  # the real answer, next, is the answer
    assert thanks == texts.INFORMATION_THANKS and "ประมาณ 500 ซองค่ะ" in told(line_api)[0]


@pytest.mark.parametrize("typed", ["ขอโทษค่ะ ตอนนี้ขับรถอยู่", "จอดรถได้ไหมคะ"])
def test_a_busy_user_or_an_everyday_question_is_no_answer(app, chat, line_api, somchai, typed):
    request = waiting_request(chat, app, somchai)
    said = chat.say(USER, typed)
    assert said and texts.INFORMATION_THANKS not in said
    assert told(line_api) == []
    assert load(app, ServiceRequest, request.id).status == "waiting"


def test_a_need_started_and_dropped_does_not_cut_the_waiting_request_off(app, chat, line_api, somchai):
    request = waiting_request(chat, app, somchai)
    chat.say(USER, "อีกเรื่องค่ะ อยากจองเครื่องอบแห้งแบบแช่เยือกแข็งของศูนย์ด้วย")  # another service: its own form
    assert state_of(app, USER) is not None
    chat.say(USER, "ยกเลิก")
    [thanks] = chat.say(USER, "รอบละ ๒๐ กิโลค่ะ")  # before: the fallback, and no officer told
    assert thanks == texts.INFORMATION_THANKS
    assert "รอบละ ๒๐ กิโลค่ะ" in told(line_api)[0]
    assert load(app, ServiceRequest, request.id).status == "in_progress"


def test_a_need_for_another_service_starts_its_own_request(app, chat, line_api, somchai):
    request = waiting_request(chat, app, somchai)
    chat.say(USER, "อีกเรื่องค่ะ อยากจองเครื่องซีลถุงสุญญากาศของศูนย์ด้วย")
    assert state_of(app, USER) is not None  # the machinery request asks its questions
    assert told(line_api) == []
    assert load(app, ServiceRequest, request.id).status == "waiting"


def shown_texts(messages) -> list[str]:
    return [m["text"] for m in messages if m["type"] == "text"]


def test_an_answer_after_the_request_moved_centre_reaches_the_new_centre(app, chat, line_api, somchai):
    request = waiting_request(chat, app, somchai)
    chiang_mai = "U" + "8" * 32
    add_staff(app, "ใจดี เชียงใหม่", "เชียงใหม่", "jaidee", line_id=chiang_mai)
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    centre_id, _name = centre_of(app, "เชียงใหม่")
    transfer(admin, request, centre_id, "ลูกค้าอยู่เชียงใหม่")
    [thanks] = chat.say(USER, "กล่องเดิมสีขาวค่ะ ขนาด 12x12")
    assert thanks == texts.INFORMATION_MORE_THANKS  # before: a new packaging request, and nobody told
    assert "กล่องเดิมสีขาวค่ะ ขนาด 12x12" in told(line_api, chiang_mai)[0]
    assert state_of(app, USER) is None
    moved = load(app, ServiceRequest, request.id)
    assert (moved.status, moved.centre_id) == ("new", centre_id)  # for the new centre to accept
