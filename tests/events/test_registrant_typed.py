"""What a follower types with a registration is used: the name, phone and party typed with the event (held over the
consent asked first), a shop typed for the registrant's name, an event found by a topic word and its day; what was
taken is on the ticket, and put right with "แก้ชื่อ/เบอร์"; through the webhook."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.texts import BANGKOK
from bot.line import fake_events as ev
from storage.models import Event, LineUser
from tests.chat import quick_replies
from tests.events.helpers import (
    add_event,
    assert_registered,
    event_starts,
    registrant,
    registrations,
    seats_of,
    user_id,
)
from tests.events.test_day_province_round import NORTH, day_typed
from tests.events.test_named_events import carousel_titles

ALICE = user_id(0xA1)
COSMETICS = "สัมมนาเครื่องสำอางสมุนไพรสู่ตลาดโลก"
SHORT_MONTHS = ("มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค")


@pytest.fixture
def events_on(app):
    """The tester's: the seeded CLUSTER DAY (Bangkok) and a CLUSTER DAY in Chiang Mai a week before it."""
    with app.extensions["frontdesk"].sessions() as session:
        seeded = session.scalar(select(Event).where(Event.title.like("CLUSTER DAY%")))
        bangkok = {"id": seeded.id, "title": seeded.title}
    return {"bangkok": bangkok, "north": add_event(app, NORTH, 30, 23, "เชียงใหม่")}


def short_day(app, event: dict) -> str:
    """The event's day as typed in a hurry: "22ธค"."""
    day = event_starts(app, event["id"]).astimezone(BANGKOK)
    return f"{day.day}{SHORT_MONTHS[day.month - 1]}"


def profile(app, line_id: str) -> LineUser:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalar(select(LineUser).where(LineUser.line_user_id == line_id))


def test_the_name_and_phone_typed_before_consent_are_used_once_it_is_given(chat, app, events_on):
    chat.follow(ALICE)
    [asked] = chat.say(ALICE, f"ขอลงทะเบียน cluster day วันที่ {day_typed(app, events_on['north'])} ให้แม่ครับ 2 ท่าน "
                              "ชื่อสมศรี ใจดี เบอร์ 081-234-5678")
    assert "ท่านยินยอมไหมคะ" in asked
    _thanks, ticket = chat.say(ALICE, "ยินยอมค่ะ")
    assert "ขอชื่อผู้ลงทะเบียน" not in ticket  # before, the name was asked again
    assert NORTH in ticket and "👤 ผู้ลงทะเบียน: สมศรี ใจดี โทร 081-234-5678" in ticket
    assert_registered(app, events_on["north"]["id"], [ticket], 2)
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("สมศรี ใจดี", "0812345678")


def test_a_registration_for_someone_else_is_in_the_name_typed_and_the_profile_stays(chat, app, events_on):
    registrant(chat, ALICE)  # a profile of her own already: คุณ0a1, 0812345678
    said = chat.say(ALICE, f"ขอลงทะเบียน cluster day วันที่ {day_typed(app, events_on['north'])} ให้แม่ครับ 2 ท่าน "
                           "ชื่อสมศรี ใจดี เบอร์ 089-876-5432")
    assert "👤 ผู้ลงทะเบียน: สมศรี ใจดี โทร 089-876-5432" in said[0]
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("สมศรี ใจดี", "0898765432")
    user = profile(app, ALICE)
    assert (user.contact_name, user.phone) == ("คุณ0a1", "0812345678")


def test_the_details_typed_are_not_kept_when_consent_is_refused(chat, app, events_on):
    chat.follow(ALICE)
    chat.say(ALICE, f"ขอลงทะเบียน cluster day วันที่ {day_typed(app, events_on['north'])} 2 ท่าน "
                    "ชื่อสมศรี ใจดี เบอร์ 081-234-5678")
    chat.say(ALICE, "ไม่ยินยอมค่ะ")
    chat.tap(ALICE, "consent=yes")  # consent given later, for something else, takes nothing typed before
    user = profile(app, ALICE)
    assert (user.contact_name, user.phone) == (None, None)
    assert seats_of(app, events_on["north"]["id"]) == {}


def test_a_misspelt_title_with_its_day_run_together_registers_that_event(chat, app, events_on):
    chat.follow(ALICE)
    [asked] = chat.say(ALICE, f"ลงทเบียนคลสเตอรเดย์{short_day(app, events_on['bangkok'])}ค่ะ 1คน ชื่อนิด 0812223344")
    assert "ท่านยินยอมไหมคะ" in asked  # before, the list of all events
    _, ticket = chat.say(ALICE, "ยินยอม")
    assert events_on["bangkok"]["title"] in ticket and "ผู้ลงทะเบียน: นิด โทร 081-222-3344" in ticket
    assert_registered(app, events_on["bangkok"]["id"], [ticket], 1)


def test_a_wrong_guess_on_the_ticket_is_put_right_by_typing_it(chat, app, events_on):
    chat.consent(ALICE)
    ticket = chat.send(ev.text(ALICE, f"ลงทะเบียน cluster day {day_typed(app, events_on['north'])} 1 ท่าน "
                                      "ชื่อนิด 0812223344"))[0]
    fix = next(action for action in quick_replies(ticket) if action["label"] == "แก้ชื่อ/เบอร์")
    [asked] = chat.tap(ALICE, fix["data"])
    assert "ผู้ลงทะเบียน: นิด โทร 081-222-3344" in asked and "พิมพ์ชื่อหรือเบอร์ที่ถูกต้อง" in asked
    [fixed] = chat.say(ALICE, "นิดา ศรีสุข 089-999-1234")
    assert "แก้ไขเรียบร้อยแล้ว" in fixed and "ผู้ลงทะเบียน: นิดา ศรีสุข โทร 089-999-1234" in fixed
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("นิดา ศรีสุข", "0899991234")
    user = profile(app, ALICE)
    assert (user.contact_name, user.phone) == ("นิดา ศรีสุข", "0899991234")  # the same guess was kept there


def test_a_shop_typed_for_the_registrant_s_name_is_kept_as_the_business(chat, app, events_on):
    chat.consent(ALICE)
    chat.say(ALICE, "สมัครงาน cluster day เชียงใหม่ 2 คนครับ")
    [kept] = chat.say(ALICE, "ร้านขนมป้าแดง หาดใหญ่")
    assert "บันทึก ร้านขนมป้าแดง (จ.สงขลา) เป็นชื่อกิจการของท่านแล้วค่ะ" in kept and "ขอชื่อผู้ลงทะเบียน" in kept
    chat.say(ALICE, "แดง ใจดี")
    ticket = chat.say(ALICE, "0812345678")
    assert_registered(app, events_on["north"]["id"], ticket, 2)
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.business_name) == ("แดง ใจดี", "ร้านขนมป้าแดง")
    user = profile(app, ALICE)
    assert (user.business_name, user.province) == ("ร้านขนมป้าแดง", "สงขลา")


def test_a_business_typed_after_the_registrant_s_name_is_kept(chat, app, events_on):
    chat.consent(ALICE)
    chat.say(ALICE, "สมัครงาน cluster day เชียงใหม่ 1 คนครับ")
    [phone] = chat.say(ALICE, "แดง ใจดี ร้านขนมป้าแดง")
    assert "ขอเบอร์โทร" in phone
    chat.say(ALICE, "0812345678")
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.business_name) == ("แดง ใจดี", "ร้านขนมป้าแดง")


@pytest.mark.parametrize("typed", ["ลงทะเบียนสัมมนาเครื่องสำอาง {day} 2 คนค่ะ", "ขอลงงานสัมมนาเครื่องสำอาง {day} ค่ะ 2 คน"])
def test_a_topic_word_a_day_and_a_party_register_the_event_that_fits(chat, app, events_on, typed):
    seminar = add_event(app, COSMETICS, 30, 18, "กรุงเทพมหานคร")
    add_event(app, "อบรมแปรรูปสมุนไพรเป็นเครื่องสำอาง", 30, 21, "ชุมพร")  # the same topic, another day
    registrant(chat, ALICE)
    said = chat.say(ALICE, typed.format(day=day_typed(app, seminar)))
    assert COSMETICS in said[0]
    assert_registered(app, seminar["id"], said, 2)  # before, the cards of every event that day


def test_a_topic_word_and_a_day_asked_about_register_nobody(chat, app, events_on):
    seminar = add_event(app, COSMETICS, 30, 18, "กรุงเทพมหานคร")
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, f"งานสัมมนาเครื่องสำอาง {day_typed(app, seminar)} จัดที่ไหนคะ"))
    assert carousel_titles(messages) == [COSMETICS]
    assert seats_of(app, seminar["id"]) == {}


def test_a_question_after_the_fix_is_asked_for_is_answered_not_taken_for_a_name(chat, app, events_on):
    chat.consent(ALICE)
    chat.say(ALICE, f"ลงทะเบียน cluster day {day_typed(app, events_on['north'])} 1 ท่าน ชื่อนิด 0812223344")
    chat.tap(ALICE, f"ev_who={events_on['north']['id']}")
    chat.say(ALICE, "งานเริ่มกี่โมงคะ")
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("นิด", "0812223344")
