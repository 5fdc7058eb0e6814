""""ยกเลิก" at the summary card, the last step before the request goes: asked first, typed or tapped, and a no
keeps every answer; and the way back from its "แก้ไข" without a change; through the webhook and the fake LINE API."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.line import fake_events
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    USER,
    answer_until,
    answer_until_summary,
    requests_in,
    state_of,
)
from tests.chat import quick_replies

ASKED = "ยกเลิกการส่งคำขอนี้ใช่ไหมคะ"


def _typed(chat) -> dict:
    return chat.send(fake_events.text(USER, "ยกเลิก"))[-1]


def _tapped_on_the_card(chat) -> dict:
    card = chat.line_api.delivered_messages(to=USER)[-1].message
    [cancel] = [button["action"] for button in _buttons(card["contents"]) if button["action"]["label"] == "ยกเลิก"]
    return chat.send(fake_events.postback(USER, cancel["data"]))[-1]


CANCELS: dict[str, Callable] = {"typed": _typed, "tapped": _tapped_on_the_card}


def at_the_summary(chat, app) -> list[str]:
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    return answer_until_summary(chat, app, USER)


@pytest.mark.parametrize("cancel", CANCELS)
@pytest.mark.parametrize("no", [lambda chat, data: chat.tap(USER, data), lambda chat, data: chat.say(USER, "ไม่ค่ะ")])
def test_cancel_at_the_summary_asks_first_and_a_no_shows_the_summary_again_with_every_answer(chat, app, cancel, no):
    summary = at_the_summary(chat, app)[-1]
    question = CANCELS[cancel](chat)
    assert question["text"] == ASKED and state_of(app, USER) == "confirm"
    assert [choice["label"] for choice in quick_replies(question)] == ["ใช่", "ไม่ใช่"]
    said = no(chat, quick_replies(question)[1]["data"])
    assert said[-1] == summary and state_of(app, USER) == "confirm"
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.business_name, request.contact_name, request.phone, request.answers["product"]) == (
        ANSWERS["business_name"], ANSWERS["contact_name"], "0812345678", ANSWERS["product"])


@pytest.mark.parametrize("cancel", CANCELS)
@pytest.mark.parametrize("yes", [lambda chat, data: chat.tap(USER, data), lambda chat, data: chat.say(USER, "ใช่ค่ะ"),
                                 lambda chat, data: chat.say(USER, "ยกเลิก")], ids=["tapped", "yes", "cancel again"])
def test_a_yes_to_cancel_at_the_summary_drops_the_request_unsent(chat, app, cancel, yes):
    at_the_summary(chat, app)
    question = CANCELS[cancel](chat)
    [answer] = yes(chat, quick_replies(question)[0]["data"])
    assert "ยกเลิกเรื่องนี้แล้ว" in answer and state_of(app, USER) is None and requests_in(app) == []


# Once "แก้ไข" is tapped, the way back without changing anything: the card's own button, its label typed, the
# menu's "ไม่แก้ ส่งคำขอเลย", or nothing to change said in words ("ไม่แก้แล้วค่ะ ส่งได้เลย" is a cancel to the classifier).
SENDS_FROM_THE_EDIT_MENU = {
    "the card's button": lambda chat: chat.tap(USER, "confirm=yes"),
    "its label typed": lambda chat: chat.say(USER, "ยืนยันส่งคำขอ"),
    "the menu's chip": lambda chat: chat.tap(USER, _chip(chat, "ไม่แก้ ส่งคำขอเลย")),
    "said in words": lambda chat: chat.say(USER, "ไม่แก้แล้วค่ะ ส่งได้เลย"),
}


@pytest.mark.parametrize("send", SENDS_FROM_THE_EDIT_MENU)
def test_the_request_goes_from_the_edit_menu_without_changing_anything(chat, app, send):
    at_the_summary(chat, app)
    chat.tap(USER, "confirm=edit")
    said = " ".join(SENDS_FROM_THE_EDIT_MENU[send](chat))
    [request] = requests_in(app)
    assert request.reference in said and "ยกเลิก" not in said and state_of(app, USER) is None
    assert (request.business_name, request.answers["product"]) == (ANSWERS["business_name"], ANSWERS["product"])


def test_nothing_to_change_at_the_edit_menu_shows_the_summary_again(chat, app):
    summary = at_the_summary(chat, app)[-1]
    chat.tap(USER, "confirm=edit")
    assert chat.say(USER, "ไม่แก้แล้วค่ะ")[-1] == summary and state_of(app, USER) == "confirm"
    assert requests_in(app) == []


def _chip(chat, label: str) -> str:
    [chip] = [c for c in quick_replies(chat.line_api.delivered_messages(to=USER)[-1].message) if c["label"] == label]
    return chip["data"]


def _buttons(node) -> list[dict]:
    if isinstance(node, dict):
        found = [node] if node.get("type") == "button" else []
        return found + [b for value in node.values() for b in _buttons(value)]
    return [b for item in node for b in _buttons(item)] if isinstance(node, list) else []



@pytest.mark.parametrize("back", [
    lambda chat: chat.tap(USER, "dropped_request=back"),
    lambda chat: chat.say(USER, "เปลี่ยนใจครับ ส่งเรื่องเมื่อกี้ไปด้วยเลย"),
    lambda chat: chat.say(USER, "ยกเลิกผิดค่ะ"),
    lambda chat: chat.say(USER, "กดผิดครับ ไม่ได้จะยกเลิก"),
], ids=["tapped", "typed", "by mistake", "a slip"])
def test_a_request_given_up_is_taken_back_where_it_was_not_read_as_another_cancel(chat, app, back):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "contact_name")
    [cancelled] = chat.send(fake_events.text(USER, "ยกเลิก"))
    assert "ยกเลิกเรื่องนี้แล้ว" in cancelled["text"] and quick_replies(cancelled)[0]["label"] == "ทำต่อเรื่องเดิม"
    said = back(chat)
    assert said[0] == "ได้ค่ะ กลับมาทำเรื่องพัฒนาบรรจุภัณฑ์ต่อนะคะ" and said[-1].endswith("ขอชื่อผู้ติดต่อค่ะ")
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "packaging" and request.business_name == ANSWERS["business_name"]
