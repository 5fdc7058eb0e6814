"""While an officer talks from the console, the user hears once that a person has it, and somebody on LINE is told
even when that officer is not on LINE (h87 item 2)."""

from __future__ import annotations

import pytest

from bot.console import texts
from bot.line import fake_events as ev
from tests.chat import shown
from tests.console.helpers import StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32
AREE = "U" + "7" * 32  # the centre's officer on LINE


@pytest.fixture
def piya(app):
    """An officer who never linked LINE, with a colleague of the same centre who did."""
    add_staff(app, "ปิยะ ไม่มีไลน์", "เชียงราย", "piya")
    add_staff(app, "อารีย์ เชียงราย", "เชียงราย", "aree", line_id=AREE)
    browser = StaffBrowser(app)
    browser.sign_in("piya")
    return browser


def pings(line_api) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=AREE) if m.text and "ตอบกลับในแชต" in m.text]


def test_an_officer_off_line_has_the_centres_officer_on_line_told(app, chat, line_api, piya):
    request = file_request(chat, app, USER)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะคุณสมศรี สะดวกคุยไหมคะ"})
    chat.say(USER, "อีกเรื่องครับ อยากจองเครื่องซีลถุงสุญญากาศด้วย")
    [ping] = pings(line_api)
    assert "อยากจองเครื่องซีลถุงสุญญากาศด้วย" in ping and f"/staff/requests/{request.id}" in ping


def test_the_user_hears_once_in_each_conversation_that_the_officer_has_it(app, chat, line_api, piya):
    request = file_request(chat, app, USER)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "สะดวกคุยไหมคะ"})
    assert chat.say(USER, "สะดวกค่ะ") == [texts.HANDOVER_ACK]
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "จะโทรไปบ่ายนี้นะคะ"})
    assert chat.say(USER, "ได้ค่ะ รอสายนะคะ") == []  # the same conversation: once is enough
    piya.post(f"/staff/requests/{request.id}/hand-back")
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "ขอสอบถามเพิ่มอีกนิดค่ะ"})
    assert chat.say(USER, "ได้ค่ะ") == [texts.HANDOVER_ACK]  # a new conversation


def test_a_status_question_and_a_tap_are_still_answered(app, chat, line_api, piya):
    request = file_request(chat, app, USER)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ"})
    [status] = chat.say(USER, "สถานะคำขอ")
    assert request.reference in status and "รอเจ้าหน้าที่รับเรื่อง" in status
    assert any(request.reference in said for said in chat.tap(USER, "intent=request_status"))


def test_a_photo_sent_to_the_officer_is_kept_on_the_request(app, chat, line_api, piya):
    request = file_request(chat, app, USER)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "รบกวนส่งรูปสินค้ามาได้ไหมคะ"})
    line_api.put_content("photo-7", b"\x89PNG the jar", "image/png")
    assert shown(chat.send(ev.image(USER, content_id="photo-7"))) == [texts.HANDOVER_ACK]
    assert '<img src="/staff/attachments/' in piya.page(f"/staff/requests/{request.id}")
    [ping] = pings(line_api)
    assert "รูปภาพ" in ping
