"""A registration naming the event only by its day or its cluster ("ลงทะเบียนงาน 18 ธค 2 คนค่ะ นางสาวกานดา ศรีวงศ์
0891234004", "ลงชื่องานคลัสเตอร์อาหารแปรรูปค่ะ 2 คน ชื่อ แก้ว 0812345678") uses the name, phone and party typed, as
one naming it by its title does: at once when one event fits, at the card tapped when several do; through the
webhook."""

from __future__ import annotations

import pytest

from bot.line import fake_events as ev
from tests.chat import quick_replies
from tests.events.helpers import add_event, assert_registered, registrant, registrations, user_id
from tests.events.test_asked_by_cluster_or_topic import _seeded_for
from tests.events.test_day_province_round import day_typed
from tests.events.test_named_events import carousel_titles

ALICE = user_id(0xB4)
SEMINAR = "สัมมนาการตลาดออนไลน์สำหรับเอสเอ็มอี"
FOOD = "เวทีพบผู้ซื้อสินค้าอาหารแปรรูป"
CRAFT = "ตลาดนัดงานหัตถกรรมชุมชน"


def consent_button(message: dict) -> str:
    """The data of the consent-and-register button under the consent question."""
    return next(action["data"] for action in quick_replies(message) if action["data"].startswith("ev_consent="))


@pytest.fixture
def seminar(app):
    """An event on a day no other falls on."""
    return add_event(app, SEMINAR, 30, 41, "ขอนแก่น")


def test_a_new_follower_registering_by_the_day_is_asked_for_nothing_typed(chat, app, seminar):
    chat.follow(ALICE)
    [asked] = chat.send(ev.text(ALICE, f"ลงทะเบียนงาน {day_typed(app, seminar)} 2 คนค่ะ ชื่อ กานดา ศรีวงศ์ 0891234004"))
    assert "ท่านยินยอมไหมคะ" in asked["text"]  # before, the event's card, and its button asked everything again
    _thanks, ticket = chat.tap(ALICE, consent_button(asked))
    assert "ขอชื่อผู้ลงทะเบียน" not in ticket and "กี่ท่าน" not in ticket
    assert "👤 ผู้ลงทะเบียน: กานดา ศรีวงศ์ โทร 089-123-4004" in ticket
    assert_registered(app, seminar["id"], [ticket], 2)
    [registration] = registrations(app, seminar["id"])
    assert (registration.contact_name, registration.phone) == ("กานดา ศรีวงศ์", "0891234004")


def test_a_registrant_registering_by_the_day_gets_a_ticket_in_the_name_typed(chat, app, seminar):
    registrant(chat, ALICE)
    said = chat.say(ALICE, f"ลงทะเบียนงาน {day_typed(app, seminar)} 2 คนค่ะ ชื่อ กานดา ศรีวงศ์ 0891234004")
    assert "👤 ผู้ลงทะเบียน: กานดา ศรีวงศ์ โทร 089-123-4004" in said[0]
    assert_registered(app, seminar["id"], said, 2)


def test_a_name_typed_after_its_title_is_the_registrants(chat, app, seminar):
    registrant(chat, ALICE)
    said = chat.say(ALICE, f"ลงทะเบียนงาน {day_typed(app, seminar)} 2 คนค่ะ นางสาวกานดา ศรีวงศ์ 0891234004")
    assert "👤 ผู้ลงทะเบียน: นางสาวกานดา ศรีวงศ์ โทร 089-123-4004" in said[0]
    assert_registered(app, seminar["id"], said, 2)


def test_a_registration_by_the_cluster_registers_for_its_one_event(chat, app):
    _seeded_for(app, ["cosmetics"])
    food = add_event(app, FOOD, 30, 43, "ขอนแก่น", "--sector", "processed_food")
    registrant(chat, ALICE)
    said = chat.say(ALICE, "ลงชื่องานคลัสเตอร์อาหารแปรรูปค่ะ 2 คน ชื่อ แก้ว ใจดี 0812223335")
    assert "👤 ผู้ลงทะเบียน: แก้ว ใจดี โทร 081-222-3335" in said[0]  # before, the whole list of events
    assert_registered(app, food["id"], said, 2)


def test_with_several_on_the_day_what_was_typed_is_used_at_the_card_tapped(chat, app, seminar):
    craft = add_event(app, CRAFT, 30, 41, "ขอนแก่น")
    registrant(chat, ALICE)
    shown = chat.send(ev.text(ALICE, f"ลงทะเบียนงาน {day_typed(app, seminar)} 3 คนค่ะ ชื่อ กานดา ศรีวงศ์ 0891234004"))
    assert sorted(carousel_titles(shown)) == sorted([SEMINAR, CRAFT])
    assert "จะใช้ข้อมูลที่พิมพ์มาลงทะเบียนให้นะคะ" in shown[0]["text"]
    said = chat.tap(ALICE, f"ev_register={craft['id']}")
    assert "ขอชื่อผู้ลงทะเบียน" not in said[0] and "กี่ท่าน" not in said[0]
    assert "👤 ผู้ลงทะเบียน: กานดา ศรีวงศ์ โทร 089-123-4004" in said[0]
    assert_registered(app, craft["id"], said, 3)
    assert registrations(app, seminar["id"]) == []


def test_a_card_tapped_after_moving_on_asks_as_before(chat, app, seminar):
    add_event(app, CRAFT, 30, 41, "ขอนแก่น")
    registrant(chat, ALICE)
    chat.say(ALICE, f"ลงทะเบียนงาน {day_typed(app, seminar)} 3 คนค่ะ ชื่อ กานดา ศรีวงศ์ 0891234004")
    chat.say(ALICE, "ศูนย์เปิดกี่โมงคะ")
    [asked] = chat.tap(ALICE, f"ev_register={seminar['id']}")
    assert "กี่ท่าน" in asked  # the party typed two messages ago is not taken for granted


def test_a_new_follower_registering_by_a_cluster_two_events_are_for_gets_a_ticket_at_the_one_tapped(chat, app):
    cluster_day = _seeded_for(app, ["processed_food", "cosmetics"])
    food = add_event(app, FOOD, 30, 43, "ขอนแก่น", "--sector", "processed_food")
    chat.follow(ALICE)
    shown = chat.send(ev.text(ALICE, "ลงชื่องานคลัสเตอร์อาหารแปรรูปค่ะ 2 คน ชื่อ แก้ว ใจดี 0812223335"))
    assert sorted(carousel_titles(shown)) == sorted([cluster_day, FOOD])
    [asked] = chat.send(ev.postback(ALICE, f"ev_register={food['id']}"))
    assert "ท่านยินยอมไหมคะ" in asked["text"]
    _thanks, ticket = chat.tap(ALICE, consent_button(asked))
    assert "👤 ผู้ลงทะเบียน: แก้ว ใจดี โทร 081-222-3335" in ticket
    assert_registered(app, food["id"], [ticket], 2)
