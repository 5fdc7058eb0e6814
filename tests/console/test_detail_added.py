"""A detail added after answering the officer is more information for the request, not a call-back; only an ask for
a person or a call is one (h90 N6, h91's "extra line")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.console import texts
from storage.models import LineUser, ServiceRequest
from tests.chat import LineChat
from tests.conftest import SECRET
from tests.console.helpers import StaffBrowser, add_staff, load
from tests.console.test_information_awaited import ASKED, SOMCHAI, USER, told, waiting_request

DETAIL = "อ้อ ลืมบอกค่ะ อยากได้สีน้ำตาลทอง ต้องใช้ก่อนปีใหม่นะคะ"  # the classifier: food_processing 0.45, unsure


@pytest.fixture
def chat(timed_app, line_api):
    return LineChat(timed_app, line_api, SECRET)


@pytest.fixture
def somchai(timed_app):
    add_staff(timed_app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    browser = StaffBrowser(timed_app)
    browser.sign_in("somchai")
    return browser


def answered(chat, app, browser) -> ServiceRequest:
    """A request that waited for information, answered a moment ago."""
    request = waiting_request(chat, app, browser)
    assert chat.say(USER, "ประมาณ 500 ใบค่ะ") == [texts.INFORMATION_THANKS]
    return request


def last_note(app, request_id: int) -> str | None:
    """The note of the request's latest status change, as its page's history shows it."""
    with app.extensions["frontdesk"].sessions() as session:
        return session.get(ServiceRequest, request_id).history[-1].note


def calls_asked(line_api) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=SOMCHAI) if m.text and "ขอให้เจ้าหน้าที่ติดต่อกลับ" in m.text]


def test_a_detail_added_after_the_answer_is_more_information_not_a_call_back(timed_app, chat, line_api, somchai):
    request = answered(chat, timed_app, somchai)
    assert chat.say(USER, DETAIL) == [texts.INFORMATION_MORE_THANKS]  # before: "…จะติดต่อกลับที่เบอร์… ภายใน 4 ชั่วโมง"
    answer, more = told(line_api)  # at once, as the answer was: a detail is worth its own ping
    assert "ประมาณ 500 ใบค่ะ" in answer and DETAIL in more and "ส่งข้อมูลเพิ่ม" in more
    assert calls_asked(line_api) == []
    note = last_note(timed_app, request.id)
    assert note == f"{texts.INFORMATION_NOTE}: ประมาณ 500 ใบค่ะ\n{DETAIL}"  # in the request's history, with the answer
    queue = somchai.page("/staff/requests")
    assert "📞 ขอคุยกับเจ้าหน้าที่" not in queue and "💬 มีข้อความใหม่จากผู้ประกอบการ" in queue
    with timed_app.extensions["frontdesk"].sessions() as session:
        assert session.query(LineUser).filter_by(line_user_id=USER).one().waiting_for_staff_since is None


def test_more_said_hours_later_joins_the_answer_while_the_last_exchange_was_about_it(
        timed_app, chat, line_api, somchai, clock):
    request = answered(chat, timed_app, somchai)
    clock.now += timedelta(hours=3)
    assert chat.say(USER, "อยากได้สีน้ำตาลทองค่ะ") == [texts.INFORMATION_MORE_THANKS]  # before: the likely choices
    assert "อยากได้สีน้ำตาลทองค่ะ" in told(line_api)[-1]
    assert last_note(timed_app, request.id).endswith("\nอยากได้สีน้ำตาลทองค่ะ")


def test_once_the_user_moved_on_a_later_unclear_line_is_not_taken_for_more(timed_app, chat, line_api, somchai, clock):
    request = answered(chat, timed_app, somchai)
    assert any("เปิด" in said for said in chat.say(USER, "ศูนย์เปิดกี่โมงคะ"))
    clock.now += timedelta(hours=3)
    assert texts.INFORMATION_MORE_THANKS not in chat.say(USER, "อยากได้สีน้ำตาลทองค่ะ")
    assert len(told(line_api)) == 1
    assert last_note(timed_app, request.id) == f"{texts.INFORMATION_NOTE}: ประมาณ 500 ใบค่ะ"


def test_an_ask_for_a_call_after_the_answer_is_still_a_call(timed_app, chat, line_api, somchai):
    request = answered(chat, timed_app, somchai)
    [asked] = chat.say(USER, "ให้เจ้าหน้าที่โทรกลับหน่อยค่ะ")  # before: passed on as more information
    assert asked.startswith(f"ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอ {request.reference}")
    [sent] = chat.say(USER, "ใช่ค่ะ")
    assert sent.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    assert len(calls_asked(line_api)) == 1


def test_a_detail_with_a_call_asked_is_a_call(timed_app, chat, line_api, somchai):
    request = answered(chat, timed_app, somchai)
    [sent] = chat.say(USER, "ลืมบอกค่ะ ให้เจ้าหน้าที่โทรกลับด้วยนะคะ")
    assert sent.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    assert len(calls_asked(line_api)) == 1


def test_a_detail_while_the_request_still_waits_is_the_answer(timed_app, chat, line_api, somchai):
    request = waiting_request(chat, timed_app, somchai)
    assert chat.say(USER, DETAIL) == [texts.INFORMATION_THANKS]
    assert load(timed_app, ServiceRequest, request.id).status == "in_progress"
    assert DETAIL in told(line_api)[0] and ASKED not in told(line_api)[0]
