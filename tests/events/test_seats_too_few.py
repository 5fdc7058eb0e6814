"""Seats freed too few for the party first on the waiting list: a party waiting behind that fits gets them, as
before; when none fits, the first party is told (never promised) and may take them for part of it, or wait on in
its place; through the webhook and the fake LINE API."""

from __future__ import annotations

from tests.chat import quick_replies
from tests.console.helpers import signed_in_staff
from tests.events.helpers import add_event, register, registrant, registrations, seats_of, user_id

ALICE, BEN, CHAI, DAO = (user_id(n) for n in (0xA1, 0xB2, 0xC3, 0xD4))


def one_seat_freed_for_a_party_of_two(chat, app, line_api, behind: int | None = None) -> dict:
    """Three seats: ALICE holds two, BEN one, CHAI waits for two (DAO, for `behind`, after her); BEN cancels."""
    event = add_event(app, capacity=3)
    for user in (ALICE, BEN, CHAI, DAO):
        registrant(chat, user)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"])
    chat.tap(CHAI, f"ev_wait={event['id']}:2")
    if behind:
        chat.tap(DAO, f"ev_wait={event['id']}:{behind}")
    line_api.reset()
    chat.tap(BEN, f"ev_cancel_yes={event['id']}")
    return event


def pushed(line_api, to: str) -> list:
    return [message for message in line_api.delivered_messages(to=to) if message.via == "push"]


def test_the_first_party_too_large_is_told_of_the_seat_and_may_take_it_for_part_of_it(chat, app, line_api):
    event = one_seat_freed_for_a_party_of_two(chat, app, line_api)
    [told] = pushed(line_api, CHAI)
    assert "มีที่นั่งว่าง 1 ที่ ยังไม่พอสำหรับ 2 ท่าน" in told.text and "ลำดับที่ 1 เหมือนเดิม" in told.text
    assert [action["label"] for action in quick_replies(told.message)] == ["ลงทะเบียน 1 ท่าน", "รอทั้ง 2 ท่าน"]
    said = chat.tap(CHAI, f"ev_part={event['id']}:1")
    assert "ลงทะเบียน 1 ท่านเรียบร้อยแล้วค่ะ" in said[0] and "จากที่รอไว้ 2 ท่าน" in said[0]
    assert seats_of(app, event["id"]) == {"registered": 3, "cancelled": 1}


def test_a_yes_typed_takes_the_seat_for_part_of_the_party(chat, app, line_api):
    event = one_seat_freed_for_a_party_of_two(chat, app, line_api)
    said = chat.say(CHAI, "ได้ค่ะ")
    assert "ลงทะเบียน 1 ท่านเรียบร้อยแล้วค่ะ" in said[0]
    assert seats_of(app, event["id"]) == {"registered": 3, "cancelled": 1}


def test_waiting_on_keeps_the_place_until_seats_for_the_whole_party_free(chat, app, line_api):
    event = one_seat_freed_for_a_party_of_two(chat, app, line_api)
    [kept] = chat.say(CHAI, "ไม่เป็นไรค่ะ รอได้")
    assert "รายชื่อสำรอง" in kept and "ลำดับที่ 1" in kept
    assert seats_of(app, event["id"]) == {"registered": 2, "cancelled": 1, "waiting": 2}
    chat.tap(ALICE, f"ev_party_to={event['id']}:1")  # another seat given back: two now, CHAI's
    assert seats_of(app, event["id"]) == {"registered": 1, "cancelled": 1, "offered": 2}


def test_the_seat_taken_meanwhile_leaves_the_party_waiting_in_its_place(chat, app, line_api):
    event = one_seat_freed_for_a_party_of_two(chat, app, line_api)
    register(chat, DAO, event["id"])  # the seat goes to whoever asks first
    [gone] = chat.tap(CHAI, f"ev_part={event['id']}:1")
    assert "มีท่านอื่นลงทะเบียนไปแล้ว" in gone and "ลำดับที่ 1 สำหรับ 2 ท่าน" in gone
    chai = next(r for r in registrations(app, event["id"]) if r.status == "waiting")
    assert chai.people == 2


def test_a_party_behind_that_fits_is_offered_the_seat_and_the_first_is_told_nothing(chat, app, line_api):
    event = one_seat_freed_for_a_party_of_two(chat, app, line_api, behind=1)
    assert pushed(line_api, CHAI) == []
    [offer] = pushed(line_api, DAO)
    assert "มีที่นั่งว่าง" in offer.message["altText"]
    assert seats_of(app, event["id"]) == {"registered": 2, "cancelled": 1, "waiting": 2, "offered": 1}


def test_a_seat_staff_free_in_the_console_is_told_to_the_party_too_large_for_it(chat, app, line_api):
    event = add_event(app, capacity=3)
    for user in (ALICE, BEN, CHAI):
        registrant(chat, user)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"])
    chat.tap(CHAI, f"ev_wait={event['id']}:2")
    ben = next(r for r in registrations(app, event["id"]) if r.people == 1)
    admin = signed_in_staff(app, "ผู้ดูแล กิจกรรม", "ITC-R1", "admin", admin=True)
    page = admin.post(f"/staff/events/{event['id']}/registrations/{ben.id}/cancel").get_data(as_text=True)
    assert "ยกเลิกการลงทะเบียน" in page
    [told] = pushed(line_api, CHAI)
    assert "มีที่นั่งว่าง 1 ที่ ยังไม่พอสำหรับ 2 ท่าน" in told.text
