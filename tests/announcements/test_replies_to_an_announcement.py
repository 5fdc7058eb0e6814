"""Replies to an event announced with its card ("สนใจครับ", "ขอรายละเอียด", "สนใจค่ะ ลงชื่อให้ด้วย 2 คน", "ไม่สนใจ
งานนี้ครับ") are about that event, for a week; through the operators' command, the webhook and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.line import fake_events as ev
from tests.events.helpers import add_event, registrant, registrations, user_id

ALICE, BEN = user_id(0xA1), user_id(0xB2)


@pytest.fixture
def announced(app, chat):
    """ALICE, ready to register, was sent an invitation with the card of an event in Songkhla."""
    add_event(app, title="CLUSTER DAY ภาคกลาง", province="กรุงเทพมหานคร", days=30)
    event = add_event(app, title="อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก", province="สงขลา", days=26)
    registrant(chat, ALICE)
    sent = app.test_cli_runner().invoke(args=["announce", "send", "--text", "ขอเชิญร่วมอบรมค่ะ",
                                              "--card", str(event["id"])])
    assert sent.exit_code == 0, sent.output
    return event


@pytest.mark.parametrize("typed", ["สนใจครับ", "ขอรายละเอียดหน่อยครับ"])
def test_interest_in_an_event_just_announced_shows_its_card(chat, announced, typed):
    messages = chat.send(ev.text(ALICE, typed))
    assert messages[0]["text"].startswith(f"รายละเอียดกิจกรรม {announced['title']}")
    [card] = [m for m in messages if m["type"] == "flex"]
    assert announced["title"] in card["altText"] and "CLUSTER DAY" not in card["altText"]


def test_a_party_typed_in_reply_registers_for_the_event_announced_and_counts_for_the_announcement(app, chat,
                                                                                                  announced):
    said = chat.say(ALICE, "สนใจครับ ลงชื่อให้ด้วย 2 คน")
    assert "ลงทะเบียนเรียบร้อย" in said[0] and "2 ท่าน" in said[0] and announced["title"] in said[0]
    [registration] = registrations(app, announced["id"])
    assert registration.people == 2 and registration.announcement_id is not None


@pytest.mark.parametrize("typed", ["ไม่สนใจงานนี้ครับ ขอบคุณ", "สนใจแต่ไปไม่ได้ค่ะ วันนั้นติดธุระ"])
def test_no_interest_is_thanked_and_changes_nothing(app, chat, announced, typed):
    [thanked] = chat.say(ALICE, typed)
    assert thanked.startswith("รับทราบค่ะ ขอบคุณที่แจ้งนะคะ") and "ไม่รับข่าวสาร" in thanked
    assert registrations(app, announced["id"]) == []


def test_a_need_of_its_own_that_holds_the_words_is_no_reply_to_the_announcement(app, chat, announced):
    said = chat.say(ALICE, "ลูกค้าไม่สนใจสินค้าเรา ทำไงดีครับ")  # h83: before, "รับทราบค่ะ ขอบคุณที่แจ้ง"
    assert not any("รับทราบค่ะ ขอบคุณที่แจ้ง" in s or announced["title"] in s for s in said)


def test_interest_from_someone_sent_no_announcement_is_not_taken_for_an_event(app, chat, announced):
    registrant(chat, BEN)
    messages = chat.send(ev.text(BEN, "สนใจครับ"))
    assert not any(announced["title"] in str(m) for m in messages)


def test_the_card_sent_for_a_full_event_offers_its_waiting_list(app, chat, line_api):
    event = add_event(app, title="อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก", capacity=1)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_people={event['id']}:1")
    registrant(chat, BEN)
    sent = app.test_cli_runner().invoke(args=["announce", "send", "--text", "ขอเชิญค่ะ", "--card", str(event["id"])])
    assert sent.exit_code == 0, sent.output
    [card] = [m.message for m in line_api.delivered_messages(to=BEN) if m.message["type"] == "flex"]
    assert card["altText"].endswith("เข้ารายชื่อสำรอง") and "เต็มแล้ว · รับรายชื่อสำรอง" in str(card["contents"])
