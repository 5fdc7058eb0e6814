"""While an officer chats from the console, the bot still answers a cancel and a new need, acknowledges each burst,
and the officer's LINE ping carries every line not yet pinged (h91 new problem 2, h90 N3)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.console import texts
from bot.dialogue import texts as dialogue_texts
from bot.line import fake_events as ev
from storage.models import ServiceRequest
from tests.chat import LineChat, quick_replies
from tests.conftest import SECRET
from tests.console.helpers import StaffBrowser, add_staff, file_request, load

USER = "U" + "a" * 32
AREE = "U" + "7" * 32  # the centre's officer on LINE; ปิยะ, who chats from the console, is not


@pytest.fixture
def chat(timed_app, line_api):
    return LineChat(timed_app, line_api, SECRET)


@pytest.fixture
def piya(timed_app):
    """An officer who never linked LINE, with a colleague of the same centre who did."""
    add_staff(timed_app, "ปิยะ ไม่มีไลน์", "เชียงราย", "piya")
    add_staff(timed_app, "อารีย์ เชียงราย", "เชียงราย", "aree", line_id=AREE)
    browser = StaffBrowser(timed_app)
    browser.sign_in("piya")
    return browser


def chatting(chat, app, piya, accepted: bool = True) -> ServiceRequest:
    """A packaging request the officer (accepted and) wrote to from the console."""
    request = file_request(chat, app, USER)
    if accepted:
        piya.post(f"/staff/requests/{request.id}/accept")
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "รบกวนแจ้งขนาดกล่องที่ต้องการด้วยค่ะ"})
    return request


def pings(line_api) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=AREE) if m.text and "ตอบกลับในแชต" in m.text]


def to_aree(line_api, mark: str) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=AREE) if m.text and mark in m.text]


def test_a_cancel_typed_in_the_chat_is_asked_then_passed_to_the_officer(timed_app, chat, line_api, piya):
    request = chatting(chat, timed_app, piya)
    assert chat.say(USER, "ขนาด 10x10 ซม.ค่ะ") == [texts.HANDOVER_ACK]
    [asked] = chat.say(USER, "ยกเลิกคำขอค่ะ ได้ที่อื่นแล้ว")  # before: no reply, the request left in progress
    assert asked == dialogue_texts.WITHDRAW_TAKEN.format(reference=request.reference)
    [passed_on] = chat.say(USER, "ใช่ค่ะ")  # typed, the yes is the bot's: it asked
    assert passed_on.startswith(f"แจ้งว่าท่านขอยกเลิกคำขอ {request.reference} แล้วค่ะ")
    [told] = to_aree(line_api, "🛑")
    assert request.reference in told
    assert "ผู้ขอแจ้งขอยกเลิกทาง LINE" in piya.page(f"/staff/requests/{request.id}")


def test_a_cancel_of_a_request_nobody_accepted_withdraws_it(timed_app, chat, line_api, piya):
    request = chatting(chat, timed_app, piya, accepted=False)
    [asked] = chat.say(USER, "ยกเลิกคำขอค่ะ")
    assert asked == dialogue_texts.ASK_CANCEL_REQUEST.format(reference=request.reference,
                                                             service=dialogue_texts.SERVICE_NAMES["packaging"])
    [done] = chat.tap(USER, f"cancel_request={request.id}")
    assert done.startswith(f"ยกเลิกคำขอ {request.reference} เรียบร้อยแล้วค่ะ")
    assert load(timed_app, ServiceRequest, request.id).status == "cancelled"
    assert to_aree(line_api, "ถูกยกเลิกโดยผู้ขอทาง LINE")


def test_not_now_said_to_the_officer_is_no_cancel(timed_app, chat, line_api, piya):
    request = chatting(chat, timed_app, piya)
    assert chat.say(USER, "ไว้ก่อนค่ะ") == [texts.HANDOVER_ACK]  # the classifier reads a cancel; no ยกเลิก said
    assert load(timed_app, ServiceRequest, request.id).status == "accepted"
    assert "ไว้ก่อนค่ะ" in pings(line_api)[0]


def test_a_yes_typed_after_the_officer_wrote_again_is_for_the_officer(timed_app, chat, line_api, piya):
    request = chatting(chat, timed_app, piya)
    chat.say(USER, "ยกเลิกคำขอค่ะ")
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "ขอคุยก่อนได้ไหมคะ ยังช่วยได้ค่ะ"})
    assert chat.say(USER, "ได้ค่ะ") == [texts.HANDOVER_ACK]  # answers the officer's question, not the bot's
    assert to_aree(line_api, "🛑") == []
    assert load(timed_app, ServiceRequest, request.id).status == "accepted"


def test_a_new_need_is_offered_as_a_request_and_reaches_the_officer_at_once(timed_app, chat, line_api, piya):
    request = chatting(chat, timed_app, piya)
    chat.say(USER, "ขนาด 10x10 ซม.ค่ะ")
    [offer] = chat.send(ev.text(USER, "อีกเรื่องครับ อยากจองเครื่องซีลถุงสุญญากาศด้วย"))
    assert offer["text"] == texts.HANDOVER_NEW_NEED.format(service=dialogue_texts.SERVICE_NAMES["machinery"])
    assert [a["data"] for a in quick_replies(offer)] == ["intent=machinery", "later=second_need"]
    first, second = pings(line_api)  # within the ping's gap, yet at once: the bot answered it
    assert "ขนาด 10x10" in first and "อยากจองเครื่องซีลถุงสุญญากาศ" in second

    started, asked = chat.tap(USER, "intent=machinery")  # started from the message: its machine is known
    assert started.startswith("ยินดีช่วยเรื่องบริการเครื่องจักรกลาง") and "วันไหน" in asked
    before = len(line_api.delivered_messages(to=AREE))
    [again] = chat.say(USER, "ร้านกาแฟดอยหลวง")  # the form's to answer, not the officer's
    assert "สะดวกใช้เครื่องวันไหนคะ" in again
    assert len(line_api.delivered_messages(to=AREE)) == before
    assert load(timed_app, ServiceRequest, request.id).status == "accepted"


def test_an_answer_naming_a_machine_is_no_new_need(timed_app, chat, line_api, piya):
    chatting(chat, timed_app, piya)
    assert chat.say(USER, "ใช้เครื่องซีลที่บ้านอยู่แล้วค่ะ") == [texts.HANDOVER_ACK]  # machinery, sure, but no wish


def test_a_burst_after_a_quiet_spell_is_acknowledged_and_the_ping_carries_the_lines_not_yet_pinged(
        timed_app, chat, line_api, piya, clock):
    chatting(chat, timed_app, piya)
    assert chat.say(USER, "กล่องขนาด 10x10 ซม.ค่ะ") == [texts.HANDOVER_ACK]
    assert chat.say(USER, "สีขาวด้าน") == []  # the same burst: no word back, no second ping
    assert chat.say(USER, "พิมพ์โลโก้ด้านบน") == []
    assert len(pings(line_api)) == 1
    clock.now += timedelta(minutes=6)
    assert chat.say(USER, "ต้องการ 500 ใบค่ะ") == [texts.HANDOVER_ACK]  # a new burst, after a quiet spell
    _, carried = pings(line_api)
    assert carried.index("สีขาวด้าน") < carried.index("พิมพ์โลโก้ด้านบน") < carried.index("ต้องการ 500 ใบค่ะ")
    assert "กล่องขนาด 10x10" not in carried  # pinged already


def test_the_officer_writing_again_takes_the_chat_back_from_a_form_started_in_it(
        timed_app, chat, line_api, piya, clock):
    request = chatting(chat, timed_app, piya)
    chat.say(USER, "อีกเรื่องครับ อยากจองเครื่องซีลถุงสุญญากาศด้วย")
    chat.tap(USER, "intent=machinery")
    clock.now += timedelta(minutes=1)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "กล่องสีขาวได้ไหมคะ"})
    assert chat.say(USER, "สีขาวได้ค่ะ") == []  # for the officer, not the booking's date (acknowledged just before)
    assert "สีขาวได้ค่ะ" in pings(line_api)[-1]  # at once, though a ping went a minute ago: the officer waits for it


def test_cancel_typed_with_a_form_open_drops_the_form_not_the_request(timed_app, chat, line_api, piya, clock):
    request = chatting(chat, timed_app, piya)
    chat.say(USER, "อีกเรื่องครับ อยากจองเครื่องซีลถุงสุญญากาศด้วย")
    chat.tap(USER, "intent=machinery")
    clock.now += timedelta(minutes=1)
    piya.post(f"/staff/requests/{request.id}/reply", {"text": "กล่องสีขาวได้ไหมคะ"})  # the chat is the officer's again
    replies = chat.send(ev.text(USER, "ยกเลิก"))  # h102: before, offered to cancel the packaging request itself
    assert replies and not any(f"cancel_request={request.id}" in str(r) for r in replies)
    assert "ยกเลิก" in replies[0]["text"] and request.reference not in replies[0]["text"]
    assert load(timed_app, ServiceRequest, request.id).status == "accepted"


@pytest.mark.parametrize("typed", ["ขอคุยกับเจ้าหน้าที่หน่อยค่ะ", "อยากได้กล่องแบบมีหน้าต่างด้วยค่ะ"])
def test_a_person_asked_for_or_more_of_the_same_service_is_for_the_officer(timed_app, chat, line_api, piya, typed):
    chatting(chat, timed_app, piya)  # a packaging request
    assert chat.say(USER, typed) == [texts.HANDOVER_ACK]
    assert typed in pings(line_api)[0]
