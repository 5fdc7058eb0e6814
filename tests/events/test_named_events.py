"""An event named by its title in a message ("สมัครงาน CLUSTER DAY ภาคเหนือ 2 คน") is that event's registration or
card, not a service request; through the webhook."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

import intents
from bot.events.finding import may_name_an_event
from bot.line import fake_events as ev
from intents.titles import named_loosely, named_titles, said_of_event
from storage.models import Event
from tests.bot.test_service_requests import requests_in, state_of
from tests.chat import quick_replies
from tests.events.helpers import add_event, assert_registered, registrant, registrations, seats_of, user_id

ALICE = user_id(0xA1)
LABELS = "อบรมออกแบบฉลากสินค้า"
NORTH, SOUTH = "CLUSTER DAY ภาคเหนือ", "CLUSTER DAY ภาคใต้"


def carousel_titles(messages: list[dict]) -> list[str]:
    """The titles of the event cards shown, in order."""
    carousel = next(m for m in messages if m["type"] == "flex")
    return [bubble["header"]["contents"][0]["text"] for bubble in carousel["contents"]["contents"]]


@pytest.mark.parametrize("typed, people", [
    ("อยากลงทะเบียนอบรมออกแบบฉลากค่ะ ไป 3 คนค่ะ", 3),
    ("ลงทะเบียนอบรมออกแบบฉลากสินค้าจ้า ๒ ท่าน", 2),
    ("ขอสมัครอบรมฉลากสินค้าออกแบบ 4 คนนะคะ", 4),
])
def test_a_training_named_by_its_title_registers_the_party_typed(chat, app, typed, people):
    event = add_event(app, LABELS, 30)
    add_event(app, NORTH, 30)
    registrant(chat, ALICE)
    said = chat.say(ALICE, typed)
    assert LABELS in said[0]
    assert_registered(app, event["id"], said, people)
    assert requests_in(app) == []


def test_an_event_named_loosely_registers_the_party_typed(chat, app):
    north, south = add_event(app, NORTH, 30), add_event(app, SOUTH, 30)
    registrant(chat, ALICE)
    said = chat.say(ALICE, "สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ")
    assert NORTH in said[0]
    assert_registered(app, north["id"], said, 2)
    assert registrations(app, south["id"]) == []
    said = chat.say(ALICE, "ขอลงทะเบียนclusterdayภาคใต้ด้วยค่ะ๑คน")
    assert_registered(app, south["id"], said, 1)


def test_without_a_number_the_party_is_asked_as_after_a_tap(chat, app):
    event = add_event(app, NORTH, 30)
    registrant(chat, ALICE)
    [question] = chat.send(ev.text(ALICE, "อยากลงทะเบียนงาน cluster day ภาคเหนือค่ะ"))
    assert "กี่ท่าน" in question["text"] and NORTH in question["text"]
    assert len(quick_replies(question)) == 10 and registrations(app, event["id"]) == []
    said = chat.say(ALICE, "๒ คนค่ะ")
    assert_registered(app, event["id"], said, 2)


def test_the_party_typed_is_kept_while_the_registrant_s_name_and_phone_are_asked(chat, app):
    event = add_event(app, NORTH, 30)
    chat.consent(ALICE)
    [name] = chat.say(ALICE, "สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ")
    assert "ขอชื่อผู้ลงทะเบียน" in name and NORTH in name
    [phone] = chat.say(ALICE, "สมชาย ใจดีครับ")
    assert "ขอเบอร์โทร" in phone
    said = chat.say(ALICE, "๐๘๑-๒๓๔-๕๖๗๘")
    assert_registered(app, event["id"], said, 2)
    [registration] = registrations(app, event["id"])
    assert (registration.contact_name, registration.phone) == ("สมชาย ใจดี", "0812345678")


def test_a_party_larger_than_the_seats_left_is_offered_those_seats(chat, app):
    event = add_event(app, NORTH, 2)
    registrant(chat, ALICE)
    [offer] = chat.send(ev.text(ALICE, "สมัครงาน CLUSTER DAY ภาคเหนือ 3 คนครับ"))
    assert "เหลือที่นั่งเพียง 2 ที่" in offer["text"]
    assert [a["label"] for a in quick_replies(offer)] == ["ลงทะเบียน 2 ท่าน", "เข้ารายชื่อสำรอง", "ไม่เป็นไร"]
    assert seats_of(app, event["id"]) == {}


def test_a_new_follower_naming_an_event_is_asked_consent_for_it(chat, app):
    event = add_event(app, NORTH, 30)
    chat.follow(ALICE)
    [ask] = chat.send(ev.text(ALICE, "สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ"))
    assert "ยินยอม" in ask["text"]
    assert any(a["data"].startswith(f"ev_consent={event['id']}") for a in quick_replies(ask))
    assert registrations(app, event["id"]) == [] and requests_in(app) == []


@pytest.mark.parametrize("consents", ["tapped", "typed"])
def test_the_party_typed_before_consent_is_not_asked_again_after_it(chat, app, consents):
    event = add_event(app, NORTH, 30)
    chat.follow(ALICE)
    [ask] = chat.send(ev.text(ALICE, "สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ"))
    if consents == "tapped":
        [tap] = [a["data"] for a in quick_replies(ask) if a["data"].startswith("ev_consent=")]
        said = chat.tap(ALICE, tap)
    else:
        said = chat.say(ALICE, "ยินยอมค่ะ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "ขอชื่อผู้ลงทะเบียน" in said[-1]
    chat.say(ALICE, "สมชาย ใจดีครับ")
    said = chat.say(ALICE, "0812345678")
    assert not any("กี่ท่าน" in line for line in said)
    assert_registered(app, event["id"], said, 2)


def test_a_question_about_a_named_event_shows_its_card_first(chat, app):
    add_event(app, SOUTH, 30, 10)
    north = add_event(app, NORTH, 30, 20)
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "งาน CLUSTER DAY ภาคเหนือ จัดที่ไหนคะ"))
    assert messages[0]["text"].startswith(f"รายละเอียดกิจกรรม {NORTH} ค่ะ")
    assert carousel_titles(messages) == [NORTH] and "ลงทะเบียน" in str(messages[1]["contents"])
    assert registrations(app, north["id"]) == [] and requests_in(app) == []


def test_two_events_named_equally_are_both_shown_to_pick_from(chat, app):
    add_event(app, LABELS, 30, 5)
    north, south = add_event(app, NORTH, 30, 10), add_event(app, SOUTH, 30, 20)
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "สมัครงาน CLUSTER DAY 2 คนครับ"))
    assert "ท่านหมายถึงงานไหนคะ" in messages[0]["text"]
    shown = carousel_titles(messages)
    assert shown[:2] == [NORTH, SOUTH] and LABELS not in shown
    assert registrations(app, north["id"]) == registrations(app, south["id"]) == []


@pytest.mark.parametrize("typed", ["อยากอบรมเรื่องการตลาดออนไลน์ค่ะ", "อยากลงทะเบียนอบรมค่ะ 3 คน",
                                   "สนใจงานสัมมนาค่ะ"])
def test_a_generic_word_alone_names_no_event(chat, app, typed):
    event = add_event(app, LABELS, 30)
    registrant(chat, ALICE)
    said = chat.say(ALICE, typed)
    assert registrations(app, event["id"]) == [] and not any("กี่ท่าน" in line for line in said)


def test_an_event_named_to_say_the_question_is_not_about_it_is_not_offered(chat, app):
    event = add_event(app, NORTH, 30)
    registrant(chat, ALICE)
    said = chat.say(ALICE, "ไม่ได้ถามงาน CLUSTER DAY ภาคเหนือค่ะ อยากพาสมาชิกกลุ่มไปศึกษาดูงานโรงงานแปรรูปสับปะรด")
    assert "ศึกษาดูงาน" in said[0] and not any(NORTH in line or "กี่ท่าน" in line for line in said)
    assert registrations(app, event["id"]) == []


def test_a_training_wish_stays_a_training_request_when_no_title_matches(chat, app):
    add_event(app, NORTH, 30)
    registrant(chat, ALICE)
    said = chat.say(ALICE, "อยากอบรมเรื่องฉลากสินค้าค่ะ")
    assert "ฝึกอบรม" in said[0] and not any("กี่ท่าน" in line for line in said)
    assert state_of(app, ALICE) not in (None, "asked")  # a training request's question


def test_an_answer_resembling_a_title_is_read_as_the_answer(chat, app):
    event = add_event(app, LABELS, 30)
    registrant(chat, ALICE)
    chat.say(ALICE, "อยากอบรมค่ะ")
    assert state_of(app, ALICE) == "details"
    chat.say(ALICE, "ออกแบบฉลากสินค้า ลงทะเบียนกี่คนก็ได้ค่ะ")
    assert state_of(app, ALICE) != "details" and registrations(app, event["id"]) == []


# Realistic titles beside the seeded CLUSTER DAY: one a training course, one a seminar on a common topic.
EXTRA_TITLES = (LABELS, NORTH, "สัมมนาการตลาดออนไลน์สำหรับ SME", "อบรมการพัฒนาบรรจุภัณฑ์อาหารแปรรูป")
TRAINING_LINES = Path(__file__).parents[2] / "intents" / "data" / "train"


def test_the_training_lines_of_other_topics_are_never_taken_for_an_event(app):
    """Only lines about events or courses may be read as naming one (outright, or by a series' name with a day or
    a province beside it): of the training label's, questions about a course like a title ("คอร์สการตลาดออนไลน์"),
    never one that names the event to say it is not about it."""
    with app.extensions["frontdesk"].sessions() as session:
        titles = [*session.scalars(select(Event.title)), *EXTRA_TITLES]
    diverted: dict[str, list[str]] = {}
    for path in sorted(TRAINING_LINES.glob("*.csv")):
        with path.open(encoding="utf-8") as lines:
            for row in csv.DictReader(lines):
                text = row["text"]
                named = named_titles(text, titles) or (said_of_event(text) and named_loosely(text, titles))
                if named and may_name_an_event(text, intents.classify(text).intent):
                    diverted.setdefault(row["intent"], []).append(text)
    assert set(diverted) <= {"event", "training"}
    courses = diverted.get("training", [])
    assert all(any(word in text for word in ("อบรม", "คอร์ส", "เรียน", "workshop")) for text in courses), courses
