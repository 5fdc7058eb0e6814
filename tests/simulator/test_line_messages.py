"""Every kind of message the bot can send passes LINE's own schema (messaging-api.yml) and limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.dialogue import cards, flows, texts, turns
from bot.line import fake_events as ev
from bot.line.fake_api import validate_messages
from bot.line.outbound import (
    Choose,
    Flex,
    Image,
    OpenLink,
    PickDate,
    Say,
    ShareLocation,
    Text,
    to_line_messages,
)
from storage import seeding
from storage.models import Centre, ServiceRequest, StatusChange
from tests.bot.test_service_requests import (
    FIRST_MESSAGES,
    REUSING,
    add_staff,
    answer_until_summary,
    requests_in,
)

USER, STAFF = "U" + "3" * 32, "U" + "5" * 32
NOW = datetime(2026, 11, 20, 3, 30, tzinfo=UTC)
FULL_ANSWERS = {"details": "อยากได้กล่องใหม่ให้กาแฟดูพรีเมียม " * 40, "product": "กาแฟคั่วบด", "machine": "CNC",
                "preferred_date": (date(2026, 12, 15)).isoformat(), "people": 12, "market": "japan",
                "sector": "cosmetics", "business_name": "ร้านกาแฟดอยหลวง", "contact_name": "สมศรี ใจดี",
                "phone": "0812345678", "province": "เชียงราย"}


def centres() -> list[Centre]:
    rows = seeding.load_centres()
    return [Centre(id=i, **{k: v for k, v in row.items() if k != "serves"}) for i, row in enumerate(rows, 1)]


def request_with(status: str, centre: Centre, number: int = 1) -> ServiceRequest:
    request = ServiceRequest(id=number, reference=f"ITC-2569-{number:06d}", service="packaging", status=status,
                             province="เชียงราย", details="กล่องใส่กาแฟ " * 50, centre=centre,
                             answers={"preferred_date": ("ไม่รีบค่ะ " * 20)[:100]},  # the longest a day is kept
                             created_at=NOW - timedelta(days=number), updated_at=NOW)
    request.history = [StatusChange(to_status="new", changed_by="line", changed_at=NOW - timedelta(days=number)),
                       StatusChange(to_status=status, changed_by="staff", changed_at=NOW)]
    return request


def every_message_kind() -> dict[str, list]:
    """Each message builder of the dialogue, with the most demanding inputs it can get."""
    some_centres = centres()
    kinds: dict[str, list] = {
        "text with every quick-reply action": [Text("เลือกได้เลยค่ะ", (
            Say("พิมพ์", "ข้อความ"), Choose("ปุ่ม", "a=1", "ปุ่ม"), PickDate("เลือกวันที่", "answer=date"),
            ShareLocation(), OpenLink("เว็บไซต์", "https://www.diprom.go.th/")))],
        "text at and over LINE's limits": [Text("ก" * 6000, tuple(Say(f"ตัวเลือก {i}", str(i)) for i in range(20)))],
        "more than five messages": [Text(f"ข้อความ {i}") for i in range(8)],
        "image": [Image("https://example.com/photo.jpg")],
        "menus": [Text("menu", cards.main_menu()), Text("consent", cards.consent_choices()),
                  Text("intents", cards.intent_choices(texts.SERVICE_NAMES)), Text("province", cards.province_choices()),
                  Text("resume", cards.resume_choices())],
        "service carousel": [cards.service_carousel(), cards.service_carousel("พระนครศรีอยุธยา")],
        "request list": [cards.requests_card([request_with(s, some_centres[0], i)
                                              for i, s in enumerate(texts.STATUS_NAMES, 1)][:5])],
        "one request in detail": [cards.requests_card([request_with("waiting", some_centres[1])])],
        "centre with the nearest beside it": [cards.centre_card(some_centres[1], "แพร่", 68.4, some_centres[15])],
    }
    for flow in flows.FLOWS.values():
        kinds[f"summary of {flow.service}"] = [turns.ask(flow, "confirm", FULL_ANSWERS)[0]]
        kinds[f"edit choices of {flow.service}"] = turns.ask(flow, "edit", FULL_ANSWERS)
        kinds[f"questions of {flow.service}"] = [m for q in flow.fields for m in turns.ask(flow, q.key, {})][:5]
    for centre in some_centres:
        kinds[f"centre card {centre.code}"] = [cards.centre_card(centre, centre.province, 3.2)]
    return kinds


@pytest.mark.parametrize("kind", sorted(every_message_kind()))
def test_each_message_kind_passes_lines_schema(kind):
    messages = to_line_messages(every_message_kind()[kind])
    assert validate_messages(messages) == []
    for message in messages:
        if message["type"] == "flex":
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in message["altText"]), "altText must be Thai"


def test_every_flex_card_has_a_meaningful_alt_text():
    for kind, built in every_message_kind().items():
        for message in built:
            if isinstance(message, Flex):
                assert 20 <= len(message.alt_text) <= 400, kind


def test_everything_a_whole_day_of_conversations_sends_passes_lines_schema(chat, app, line_api):
    """Every service flow, status, centre answers, location, help, media, staff alerts and pushes."""
    add_staff(app, "เชียงราย", STAFF)
    chat.consent(USER)
    for first in [text for _, text in sorted(FIRST_MESSAGES.items())]:
        chat.say(USER, first)
        answer_until_summary(chat, app, USER, REUSING)
        chat.tap(USER, "confirm=yes")
    chat.tap(STAFF, f"accept={requests_in(app)[0].id}")
    for data in ("menu=services", "intent=request_status", "intent=event", "help=show", "intent=center_info"):
        chat.tap(USER, data)
    chat.say(USER, "น่านค่ะ")
    chat.say(USER, f"ขอดูสถานะ {requests_in(app)[0].reference}")
    chat.send(ev.location(USER, 18.1446, 100.1403))
    chat.send(ev.sticker(USER))
    line_api.put_content("photo-9", b"\x89PNG", "image/png")
    chat.send(ev.image(USER, content_id="photo-9"))
    delivered = line_api.delivered_messages()
    kinds = {m.message["type"] for m in delivered} | {m.via for m in delivered}
    assert {"text", "flex", "reply", "push"} <= kinds
    for message in delivered:
        assert validate_messages([dict(message.message)]) == [], message.message
        if message.message["type"] == "flex":
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in message.message["altText"]), message.message

