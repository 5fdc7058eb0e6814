"""A follower changes how many people they bring after registering, by button or by typing, through the webhook:
seats move only as far as there are seats, and seats given back go to the waiting list."""

from __future__ import annotations

import pytest

from bot.line import fake_events as ev
from tests.chat import quick_replies
from tests.events.helpers import add_event, register, registrant, registrations, seats_of, user_id

ALICE, BEN, CHAI = (user_id(n) for n in (0xA1, 0xB2, 0xC3))


def chips(message: dict) -> dict[str, str]:
    """A message's quick replies, label to postback data."""
    return {action["label"]: action["data"] for action in quick_replies(message)}


def registered_two(chat, app, capacity: int = 10, title: str = "CLUSTER DAY อาหารแปรรูป") -> dict:
    event = add_event(app, title, capacity)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=2)
    return event


def test_the_ticket_offers_the_change_and_a_number_tapped_or_typed_makes_it(chat, app):
    event = registered_two(chat, app)
    [ticket] = chat.send(ev.postback(ALICE, f"ev_ticket={event['id']}"))[-1:]
    assert chips(ticket)["เปลี่ยนจำนวนคน"] == f"ev_party={event['id']}"
    code = registrations(app, event["id"])[0].code

    [question] = chat.send(ev.postback(ALICE, f"ev_party={event['id']}"))
    assert "ลงทะเบียนไว้ 2 ท่าน" in question["text"] and "กี่ท่าน" in question["text"]
    assert "2 ท่าน" not in chips(question) and chips(question)["4 ท่าน"] == f"ev_party_to={event['id']}:4"

    said = chat.say(ALICE, "๓ คนค่ะ")
    assert "เป็น 3 ท่านเรียบร้อย" in said[0] and "👥 3 ท่าน" in said[0]
    assert "ลงทะเบียนเรียบร้อย" not in " ".join(said)  # the change is said once, on the ticket
    [registration] = registrations(app, event["id"])
    assert (registration.people, registration.code) == (3, code)  # the same ticket, for three


@pytest.mark.parametrize(("typed", "before", "after"), [
    ("ขอเปลี่ยนเป็น 3 คนค่ะ", 2, 3),
    ("เพิ่มอีก 1 คนครับ", 2, 3),
    ("ขอลดเหลือคนเดียวค่ะ พอดีเพื่อนติดธุระ", 2, 1),
    ("ลดลง 1 ท่านค่ะ", 2, 1),
    ("ขอแก้จำนวนเป็น ๕ ท่านนะคะ", 2, 5),
    ("ขอเปลี่ยนจาก 2 คน เป็น 3 คนค่ะ", 2, 3),
    ("เพิ่มอีก 1 คน รวมเป็น 3 คนค่ะ", 2, 3),
])
def test_a_change_typed_is_asked_first_and_made_on_yes(chat, app, typed, before, after):
    event = registered_two(chat, app)
    [question] = chat.send(ev.text(ALICE, typed))
    assert f"จาก {before} เป็น {after} ท่าน ใช่ไหม" in question["text"]
    assert seats_of(app, event["id"]) == {"registered": 2}  # nothing moves before the yes
    said = chat.say(ALICE, "ใช่ค่ะ")
    assert f"เป็น {after} ท่านเรียบร้อย" in said[0]
    assert seats_of(app, event["id"]) == {"registered": after}


def test_a_no_to_the_change_keeps_the_party(chat, app):
    event = registered_two(chat, app)
    chat.say(ALICE, "ขอเปลี่ยนเป็น 4 คนค่ะ")
    [kept] = chat.say(ALICE, "ไม่ค่ะ")
    assert "ยังคงลงทะเบียน" in kept and "2 ท่าน" in kept
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_seats_given_back_are_offered_to_the_waiting_list(chat, app, line_api):
    event = registered_two(chat, app, capacity=2)
    registrant(chat, BEN)
    register(chat, BEN, event["id"])
    chat.tap(BEN, f"ev_wait={event['id']}:1")
    chat.tap(ALICE, f"ev_party_to={event['id']}:1")
    assert seats_of(app, event["id"]) == {"registered": 1, "offered": 1}
    offer = line_api.delivered_messages(to=BEN)[-1]
    assert offer.via == "push" and "มีที่นั่งว่าง" in offer.message["altText"]


def test_a_party_cannot_grow_past_the_seats_and_is_offered_the_most_that_fit(chat, app):
    event = registered_two(chat, app, capacity=3)
    [short] = chat.send(ev.postback(ALICE, f"ev_party_to={event['id']}:5"))
    assert "เพิ่มได้อีกเพียง 1 ท่าน" in short["text"] and "ยังคงลงทะเบียนไว้ 2 ท่าน" in short["text"]
    assert seats_of(app, event["id"]) == {"registered": 2}
    said = chat.tap(ALICE, chips(short)["เปลี่ยนเป็น 3 ท่าน"])
    assert "เป็น 3 ท่านเรียบร้อย" in said[0] and seats_of(app, event["id"]) == {"registered": 3}


def test_a_party_grows_into_a_seat_too_few_for_the_party_waiting(chat, app):
    event = add_event(app, capacity=3)
    for user in (ALICE, BEN, CHAI):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], people=2)
    register(chat, CHAI, event["id"], people=2)
    chat.tap(CHAI, f"ev_wait={event['id']}:2")
    chat.tap(BEN, f"ev_party_to={event['id']}:1")  # one seat free: CHAI's party of two, waiting, cannot use it
    chat.say(ALICE, "ขอเพิ่มอีก 1 คนค่ะ")
    [grown] = chat.say(ALICE, "ใช่ค่ะ")
    assert "เปลี่ยนจำนวนผู้ร่วมงานเป็น 2 ท่านเรียบร้อยแล้ว" in grown
    assert seats_of(app, event["id"]) == {"registered": 3, "waiting": 2}


def ben_and_chai_waiting(chat, app, people: int) -> dict:
    """A one-seat event ALICE holds, then BEN and CHAI waiting in that order, each a party of `people`."""
    event = add_event(app, capacity=1)
    for user in (ALICE, BEN, CHAI):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    for user in (BEN, CHAI):
        register(chat, user, event["id"], people=people)
        chat.tap(user, f"ev_wait={event['id']}:{people}")
    return event


def test_a_waiting_party_changes_in_its_place_in_line(chat, app):
    event = ben_and_chai_waiting(chat, app, people=3)
    chat.say(BEN, "ขอเปลี่ยนเป็น 2 คนค่ะ")
    said = chat.say(BEN, "ได้ค่ะ")
    assert "รายชื่อสำรอง" in said[0] and "2 ท่าน" in said[0] and "ลำดับที่ 1" in said[0]
    assert seats_of(app, event["id"]) == {"registered": 1, "waiting": 5}


def test_with_two_registrations_the_event_is_picked_or_named(chat, app):
    first = registered_two(chat, app, title="CLUSTER DAY อาหารแปรรูป")
    second = add_event(app, "อบรมการตลาดออนไลน์", 10, 30)
    register(chat, ALICE, second["id"], people=1)
    [which] = chat.send(ev.text(ALICE, "ขอเปลี่ยนเป็น 3 คนค่ะ"))
    assert "กิจกรรมไหน" in which["text"]
    picks = {label: data for label, data in chips(which).items() if data.startswith("ev_party_of=")}
    assert sorted(picks.values()) == sorted([f"ev_party_of={first['id']}:3", f"ev_party_of={second['id']}:3"])
    assert all(len(label) <= 20 for label in chips(which)) and len(picks) == 2  # dated, so told apart
    [asked] = chat.send(ev.postback(ALICE, f"ev_party_of={first['id']}:3"))
    assert "จาก 2 เป็น 3 ท่าน ใช่ไหม" in asked["text"] and seats_of(app, first["id"]) == {"registered": 2}

    [question] = chat.send(ev.text(ALICE, "อบรมการตลาดออนไลน์ ขอเพิ่มอีก 1 คนค่ะ"))
    assert "อบรมการตลาดออนไลน์ จาก 1 เป็น 2 ท่าน" in question["text"]
    chat.say(ALICE, "ใช่ค่ะ")
    assert seats_of(app, second["id"]) == {"registered": 2} and seats_of(app, first["id"]) == {"registered": 2}


def test_a_change_typed_without_a_registration_is_read_as_any_message(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    said = " ".join(chat.say(ALICE, "ขอเปลี่ยนเป็น 3 คนค่ะ"))
    assert "เป็น 3 ท่าน ใช่ไหม" not in said and "ท่านยังไม่ได้ลงทะเบียน" not in said
    assert seats_of(app, event["id"]) == {}


def test_the_event_card_of_a_registration_carries_the_change_button(chat, app):
    event = registered_two(chat, app)
    [card] = chat.send(ev.postback(ALICE, "ev_mine=1"))
    buttons = [box["action"]["data"] for box in card["contents"]["contents"][0]["footer"]["contents"]]
    assert f"ev_party={event['id']}" in buttons


def test_a_party_typed_for_another_event_registers_for_it_and_leaves_the_first_alone(chat, app):
    first = registered_two(chat, app)
    second = add_event(app, "อบรมการตลาดออนไลน์", 10, 30)
    said = " ".join(chat.say(ALICE, "ขอลงทะเบียนอบรมการตลาดออนไลน์ เพิ่มอีก 3 คนค่ะ"))
    assert "ใช่ไหม" not in said
    assert seats_of(app, second["id"]) == {"registered": 3} and seats_of(app, first["id"]) == {"registered": 2}


def test_taking_everyone_away_is_asked_as_a_cancel(chat, app):
    event = registered_two(chat, app)
    [question] = chat.say(ALICE, "ลดลง 2 คนค่ะ")
    assert "ยกเลิกการลงทะเบียน" in question and "ใช่ไหม" in question
    chat.say(ALICE, "ใช่ค่ะ")
    assert seats_of(app, event["id"]) == {"cancelled": 2}


@pytest.mark.parametrize("typed", [
    "สอบถามข้อมูลเพิ่มเติมค่ะ บริษัทมีพนักงาน 5 คน",
    "อยากปรึกษาเรื่องขยายไลน์ผลิต ต้องจ้างคนเพิ่มอีก 3 คน",
    "ต้องการความช่วยเหลือด้านการตลาดค่ะ ทีมมี 4 คน",
    "ขอคำแนะนำการลดต้นทุน โรงงานมีคนงาน 8 คน",
    "มีส่วนลดสำหรับกลุ่ม 5 คนไหมคะ",
    "คำขอ ITC-2569-000012 ขอแก้จำนวนผู้เข้าอบรมเป็น 15 คน",
])
def test_other_needs_with_a_number_of_people_are_never_taken_for_a_change(chat, app, typed):
    event = registered_two(chat, app)
    said = " ".join(chat.say(ALICE, typed))
    assert "ใช่ไหม" not in said and "กิจกรรมไหน" not in said and "ไม่เกิน" not in said
    chat.say(ALICE, "ใช่ค่ะ")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_registering_for_another_event_at_how_many_now_leaves_the_party_alone(chat, app):
    first = registered_two(chat, app)
    second = add_event(app, "อบรมการตลาดออนไลน์", 10, 30)
    chat.tap(ALICE, f"ev_party={first['id']}")
    chat.say(ALICE, "ขอลงทะเบียนอบรมการตลาดออนไลน์ 4 คนค่ะ")
    assert seats_of(app, first["id"]) == {"registered": 2} and seats_of(app, second["id"]) == {"registered": 4}


def test_a_waiting_party_that_now_fits_is_offered_once_in_the_reply(chat, app, line_api):
    event = add_event(app, capacity=2)
    for user in (ALICE, BEN):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], people=3)
    chat.tap(BEN, f"ev_wait={event['id']}:3")
    said = chat.tap(BEN, f"ev_party_to={event['id']}:1")
    assert "รอการยืนยัน" in said[0] and "ยืนยันรับที่นั่ง" in said[-1] and "เรียบร้อย" not in said[0]
    assert all(m.via == "reply" for m in line_api.delivered_messages(to=BEN))  # no second offer pushed
    chat.say(BEN, "ได้ค่ะ")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_a_waiting_party_that_grows_goes_behind_those_waiting_before(chat, app):
    event = ben_and_chai_waiting(chat, app, people=1)
    said = chat.tap(BEN, f"ev_party_to={event['id']}:2")
    assert "ลำดับที่ 2" in said[0]


def test_a_waiting_or_offered_party_is_told_as_such_never_as_registered(chat, app):
    event = add_event(app, capacity=2)
    for user in (ALICE, BEN):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], people=2)
    chat.tap(BEN, f"ev_wait={event['id']}:2")
    [waiting] = chat.send(ev.postback(BEN, f"ev_party={event['id']}"))
    assert "อยู่ในรายชื่อสำรองสำหรับ 2 ท่าน" in waiting["text"] and "ลงทะเบียนไว้" not in waiting["text"]
    kept = chat.tap(BEN, f"ev_party_keep={event['id']}")
    assert "ยังคงอยู่ในรายชื่อสำรองสำหรับ 2 ท่าน" in kept[0]

    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")  # Ben's party now fits: offered
    [offered] = chat.send(ev.postback(BEN, f"ev_party={event['id']}"))
    assert "มีที่นั่งสำหรับ 2 ท่านที่รอท่านยืนยัน" in offered["text"] and "ลงทะเบียนไว้" not in offered["text"]
    unchanged = chat.tap(BEN, f"ev_party_to={event['id']}:2")
    assert "ที่รอท่านยืนยันอยู่แล้ว" in unchanged[0]
    [asked] = chat.send(ev.postback(BEN, f"ev_cancel={event['id']}"))
    assert "สละสิทธิ์ที่นั่ง" in asked["text"] and "ยกเลิกการลงทะเบียน" not in asked["text"]
