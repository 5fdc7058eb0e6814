"""A party larger than the seats left is offered those seats or the waiting list, as a front desk would; through
the webhook. Nothing ever registers more people than there are seats."""

from __future__ import annotations

import pytest

from bot.line import fake_events as ev
from tests.chat import quick_replies
from tests.events.helpers import add_event, assert_registered, register, registrant, seats_of, user_id

ALICE, BEN, CHAI, DAO = (user_id(n) for n in (0xA1, 0xB2, 0xC3, 0xD4))


def choices(message: dict) -> list[tuple[str, str]]:
    """The quick replies of a message, as (label, postback data)."""
    return [(action["label"], action["data"]) for action in quick_replies(message)]


def offered_two_of_three(chat, app) -> dict:
    """A two-seat event; ALICE, ready to register, types a party of three at "how many people?"."""
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    chat.say(ALICE, "3 คนครับ")
    return event


def test_a_party_larger_than_the_seats_left_is_offered_them_or_the_waiting_list(chat, app):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    [offer] = chat.send(ev.text(ALICE, "3 คนครับ"))
    assert "เหลือที่นั่งเพียง 2 ที่" in offer["text"] and "ลงทะเบียน 2 ท่านไหมคะ" in offer["text"]
    assert "รายชื่อสำรอง" in offer["text"] and "3 ท่าน" in offer["text"] and "เต็มแล้ว" not in offer["text"]
    assert choices(offer) == [("ลงทะเบียน 2 ท่าน", f"ev_people={event['id']}:2"),
                              ("เข้ารายชื่อสำรอง", f"ev_wait={event['id']}:3"),
                              ("ไม่เป็นไร", f"ev_nowait={event['id']}")]
    assert seats_of(app, event["id"]) == {}


@pytest.mark.parametrize(("typed", "people"), [("งั้นไป 2 คนก็ได้ครับ", 2), ("2 ท่านค่ะ", 2), ("๒ คน", 2),
                                               ("มาคนเดียวก็ได้ค่ะ", 1), ("ได้ค่ะ", 2), ("เอาค่ะ ลงทะเบียนเลย", 2)])
def test_the_seats_left_are_taken_by_a_number_or_a_yes_typed(chat, app, typed, people):
    event = offered_two_of_three(chat, app)
    assert_registered(app, event["id"], chat.say(ALICE, typed), people)


def test_the_seats_left_offered_are_taken_with_a_tap(chat, app):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    [offer] = register(chat, ALICE, event["id"], people=3)
    assert_registered(app, event["id"], chat.tap(ALICE, choices(offer)[0][1]), 2)


@pytest.mark.parametrize("answer", ["เข้ารายชื่อสำรองค่ะ", "tap"])
def test_the_whole_party_can_wait_instead(chat, app, answer):
    event = offered_two_of_three(chat, app)
    said = chat.say(ALICE, answer) if answer != "tap" else chat.tap(ALICE, f"ev_wait={event['id']}:3")
    assert "รายชื่อสำรอง" in said[0] and "ลำดับที่ 1" in said[0] and "3 ท่าน" in said[0]
    assert seats_of(app, event["id"]) == {"waiting": 3}


def test_no_thanks_typed_at_the_seats_left_registers_nobody(chat, app):
    event = offered_two_of_three(chat, app)
    [declined] = chat.say(ALICE, "ไม่เป็นไรค่ะ")
    assert "รับทราบค่ะ" in declined and seats_of(app, event["id"]) == {}
    chat.say(ALICE, "ได้ค่ะ")
    assert seats_of(app, event["id"]) == {}


def test_a_party_still_too_large_is_offered_the_seats_left_again(chat, app):
    event = offered_two_of_three(chat, app)
    [again] = chat.send(ev.text(ALICE, "ขอ 3 คนได้ไหมคะ"))
    assert "เหลือที่นั่งเพียง 2 ที่" in again["text"] and len(quick_replies(again)) == 3
    chat.say(ALICE, "โอเคค่ะ")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_the_seats_left_are_offered_only_to_the_next_message(chat, app):
    event = offered_two_of_three(chat, app)
    said = chat.say(ALICE, "ศูนย์ที่เชียงรายอยู่ที่ไหนคะ")
    assert "เชียงราย" in " ".join(said)
    chat.say(ALICE, "ได้ค่ะ")
    chat.say(ALICE, "2 คน")
    assert seats_of(app, event["id"]) == {}


def test_seats_taken_meanwhile_are_never_overbooked_and_the_fewer_left_are_offered(chat, app):
    event = offered_two_of_three(chat, app)
    registrant(chat, BEN)
    register(chat, BEN, event["id"], people=1)
    [fewer] = chat.send(ev.text(ALICE, "ได้ค่ะ"))
    assert "เหลือที่นั่งเพียง 1 ที่" in fewer["text"]
    assert choices(fewer)[0] == ("ลงทะเบียน 1 ท่าน", f"ev_people={event['id']}:1")
    assert seats_of(app, event["id"]) == {"registered": 1}
    [late] = chat.tap(ALICE, f"ev_people={event['id']}:2")  # the first offer's button, tapped late
    assert "เหลือที่นั่งเพียง 1 ที่" in late and seats_of(app, event["id"]) == {"registered": 1}
    chat.say(ALICE, "ได้ค่ะ")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_a_full_event_offers_only_the_waiting_list_and_no_thanks_can_be_typed(chat, app):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    registrant(chat, BEN)
    register(chat, ALICE, event["id"], people=2)
    [full] = register(chat, BEN, event["id"], people=2)
    assert "เต็มแล้ว" in full["text"] and "เหลือ" not in full["text"]
    assert choices(full) == [("เข้ารายชื่อสำรอง", f"ev_wait={event['id']}:2"),
                             ("ไม่เป็นไร", f"ev_nowait={event['id']}")]
    [declined] = chat.say(BEN, "ไม่เป็นไรครับ")
    assert "รับทราบค่ะ" in declined and seats_of(app, event["id"]) == {"registered": 2}


def test_a_full_event_says_so_before_the_name_and_phone_are_asked(chat, app):
    event = add_event(app, capacity=1)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=1)
    chat.consent(BEN)  # no name or phone on the profile yet
    full, asked = chat.tap(BEN, f"ev_register={event['id']}")  # h81: before, told only after three questions
    assert full.startswith(f"ขณะนี้ {event['title']} ที่นั่งเต็มแล้วค่ะ แต่ยังลงชื่อสำรองไว้ได้")
    assert "ชื่อ" in asked


@pytest.mark.parametrize("typed", ["เอาค่ะ ใส่ชื่อสำรองไว้เลย", "สำรองไว้ก่อนก็ได้ค่ะ", "รอได้ครับ", "ไม่เป็นไรค่ะ รอได้"])
def test_the_waiting_list_is_joined_by_a_yes_typed(chat, app, typed):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    registrant(chat, BEN)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"], people=2)
    [waiting] = chat.say(BEN, typed)
    assert "สำรอง" in waiting and seats_of(app, event["id"]) == {"registered": 2, "waiting": 2}


@pytest.mark.parametrize("typed", ["เอาไว้ก่อนค่ะ", "ไม่เป็นไรค่ะ"])
def test_not_now_typed_at_the_waiting_list_question_is_a_no(chat, app, typed):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    registrant(chat, BEN)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"], people=2)
    [declined] = chat.say(BEN, typed)
    assert "รับทราบค่ะ" in declined and seats_of(app, event["id"]) == {"registered": 2}


def test_fine_i_can_wait_typed_at_the_seats_left_offer_waits_for_the_whole_party(chat, app):
    event = offered_two_of_three(chat, app)
    [waiting] = chat.say(ALICE, "ไม่เป็นไรค่ะ รอได้")
    assert "สำรอง" in waiting and seats_of(app, event["id"]) == {"waiting": 3}


def test_a_seat_too_few_for_the_party_waiting_goes_to_whoever_asks_and_the_party_keeps_its_place(chat, app):
    event = add_event(app, capacity=3)
    for user in (ALICE, BEN, CHAI, DAO):
        registrant(chat, user)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"], people=1)
    register(chat, CHAI, event["id"], people=2)
    chat.tap(CHAI, f"ev_wait={event['id']}:2")
    chat.tap(BEN, f"ev_cancel_yes={event['id']}")  # one seat free; CHAI's party of two does not fit it
    # The card says one seat is left, and it is: it no longer sits empty while it is refused (h81).
    [card] = [m for m in chat.send(ev.postback(DAO, "intent=event")) if m["type"] == "flex"]
    assert "เหลือ 1 ที่นั่ง" in str(card["contents"])
    [taken] = register(chat, DAO, event["id"], people=1)
    assert "ลงทะเบียนเรียบร้อย" in taken["text"]
    assert seats_of(app, event["id"]) == {"registered": 3, "cancelled": 1, "waiting": 2}
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")  # two seats free: CHAI's, first in line
    assert seats_of(app, event["id"]) == {"registered": 1, "cancelled": 3, "offered": 2}


def test_a_party_over_the_limit_is_told_the_limit_even_with_few_seats_left(chat, app):
    event = offered_two_of_three(chat, app)
    limit, question = chat.send(ev.text(ALICE, "จริงๆ มากัน 15 คนค่ะ"))
    assert "ไม่เกิน 10 ท่าน" in limit["text"] and "กี่ท่าน" in question["text"]
    assert seats_of(app, event["id"]) == {}
    chat.say(ALICE, "2 คน")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_the_seats_left_taken_in_the_middle_of_a_request_and_the_request_carries_on(chat, app):
    from tests.bot.test_service_requests import FIRST_MESSAGES, state_of
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    chat.say(ALICE, FIRST_MESSAGES["packaging"])
    asked = state_of(app, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    [offer] = chat.say(ALICE, "3 คนค่ะ")
    assert "ลงทะเบียน 2 ท่านไหมคะ" in offer
    said = chat.say(ALICE, "ได้ค่ะ")
    assert "ลงทะเบียนเรียบร้อย" in said[0] and "กลับมาทำเรื่องพัฒนาบรรจุภัณฑ์ต่อ" in said[-1]
    assert seats_of(app, event["id"]) == {"registered": 2} and state_of(app, ALICE) == asked


def test_with_one_seat_left_the_party_buttons_offer_that_seat_and_the_waiting_list_beyond_it(chat, app):
    event = add_event(app, capacity=3)
    registrant(chat, BEN)
    register(chat, BEN, event["id"], people=2)
    registrant(chat, ALICE)
    [question] = chat.send(ev.postback(ALICE, f"ev_register={event['id']}"))
    assert "เหลือ 1 ที่นั่ง" in question["text"]
    buttons = choices(question)
    assert buttons[0] == ("1 ท่าน", f"ev_people={event['id']}:1")
    assert buttons[1:] == [(f"{n} ท่าน (สำรอง)", f"ev_wait={event['id']}:{n}") for n in range(2, 11)]
    [waiting] = chat.tap(ALICE, buttons[2][1])
    assert "รายชื่อสำรอง" in waiting and seats_of(app, event["id"]) == {"registered": 2, "waiting": 3}
