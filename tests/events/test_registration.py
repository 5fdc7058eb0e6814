"""Entrepreneurs find events in LINE, register with one tap, wait for a seat, cancel; through the webhook."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from bot.dialogue.texts import thai_date
from bot.line import fake_events as ev
from storage.models import Centre, Event, LineUser, ServiceRequest
from tests.chat import LineChat, quick_replies
from tests.conftest import SECRET, make_app
from tests.events.helpers import (
    add_event,
    assert_registered,
    event_starts,
    register,
    registrant,
    registrations,
    seats_of,
    set_user,
    user_id,
)

ALICE, BEN, CHAI, DAO = (user_id(n) for n in (0xA1, 0xB2, 0xC3, 0xD4))


@pytest.fixture
def https_app(database_url, line_api):
    """An app whose public address is https, so confirmations carry the QR image LINE can fetch."""
    app = make_app(database_url, line_api, public_base_url="https://frontdesk.example.go.th")
    yield app
    app.extensions["frontdesk"].engine.dispose()


def test_asking_about_events_shows_a_carousel_with_seats_left(chat, app):
    event = add_event(app, capacity=30)
    chat.follow(ALICE)
    messages = chat.send(ev.text(ALICE, "เดือนนี้มีกิจกรรมหรืองานอีเว้นท์อะไรบ้างคะ"))
    carousel = next(m for m in messages if m["type"] == "flex")
    assert carousel["contents"]["type"] == "carousel"
    assert event["title"] in carousel["altText"] and thai_date(event_starts(app, event["id"])) in carousel["altText"]
    bubble = next(b for b in carousel["contents"]["contents"] if b["header"]["contents"][0]["text"] == event["title"])
    texts = str(bubble)
    assert "เหลือ 30 ที่นั่ง" in texts and "ลงทะเบียน" in texts and "จ.เชียงใหม่" in texts


def test_one_tap_registration_asks_how_many_and_confirms_with_a_code_and_qr(https_app, line_api):
    chat = LineChat(https_app, line_api, SECRET)
    event = add_event(https_app, capacity=30)
    registrant(chat, ALICE)
    [question] = chat.send(ev.postback(ALICE, f"ev_register={event['id']}"))
    assert "กี่ท่าน" in question["text"] and len(quick_replies(question)) == 10
    confirmation, image = chat.send(ev.postback(ALICE, f"ev_people={event['id']}:3"))
    [registration] = registrations(https_app, event["id"])
    assert registration.status == "registered" and registration.people == 3
    shown = f"{registration.code[:4]}-{registration.code[4:]}"
    assert "ลงทะเบียนเรียบร้อย" in confirmation["text"] and shown in confirmation["text"] and "QR" in confirmation["text"]
    assert "3 ท่าน" in confirmation["text"] and thai_date(event_starts(https_app, event["id"])) in confirmation["text"]
    assert image["type"] == "image" and image["originalContentUrl"].startswith("https://frontdesk.example.go.th/")
    png = https_app.test_client().get(image["originalContentUrl"].split(".go.th", 1)[1])
    assert png.status_code == 200 and png.mimetype == "image/png"
    [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.data)))
    assert decoded.text == f"https://frontdesk.example.go.th/staff/checkin/{registration.code}"
    assert seats_of(https_app, event["id"]) == {"registered": 3}


def test_without_https_the_code_still_comes_as_text(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    messages = register(chat, ALICE, event["id"])
    assert [m["type"] for m in messages] == ["text"]
    code = registrations(app, event["id"])[0].code
    assert code[:4] in messages[0]["text"] and code[4:] in messages[0]["text"]
    assert "QR" not in messages[0]["text"]  # no image, so no "show this QR code"


def test_a_new_follower_is_asked_consent_then_name_and_phone_then_how_many(chat, app):
    event = add_event(app)
    chat.follow(ALICE)
    [ask] = chat.send(ev.postback(ALICE, f"ev_register={event['id']}"))
    assert "ยินยอม" in ask["text"] and registrations(app, event["id"]) == []
    consent = next(a for a in quick_replies(ask) if a["data"].startswith("ev_consent="))
    said = chat.tap(ALICE, consent["data"])
    assert "ขอบคุณที่ยินยอม" in said[0] and "ขอชื่อผู้ลงทะเบียน" in said[1] and event["title"] in said[1]
    [phone] = chat.say(ALICE, "สมศรี ใจดีค่ะ")
    assert "ขอเบอร์โทร" in phone
    [again] = chat.say(ALICE, "12345")
    assert "เบอร์โทรไม่ถูกต้อง" in again and "ขอเบอร์โทร" in again
    [people] = chat.say(ALICE, "๐๘๑-๒๓๔-๕๖๗๘")
    assert "กี่ท่าน" in people
    chat.tap(ALICE, f"ev_people={event['id']}:2")
    [registration] = registrations(app, event["id"])
    assert (registration.status, registration.people) == ("registered", 2)
    assert (registration.contact_name, registration.phone) == ("สมศรี ใจดี", "0812345678")


def test_a_bare_yes_is_no_registrant_s_name_and_the_name_is_asked_again(chat, app):
    event = add_event(app)
    chat.follow(ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    chat.say(ALICE, "ยินยอมค่ะ")
    [again] = chat.say(ALICE, "ใช่ค่ะ")
    assert "ขอชื่อผู้ลงทะเบียน" in again
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.contact_name)) is None


def test_consent_and_keeping_a_seat_can_be_typed(chat, app):
    event = add_event(app)
    chat.follow(ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    said = chat.say(ALICE, "ยินยอมค่ะ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "ขอชื่อผู้ลงทะเบียน" in said[1]
    chat.say(ALICE, "สมศรี 0812345678")
    chat.say(ALICE, "2 คน")
    chat.tap(ALICE, f"ev_cancel={event['id']}")
    [kept] = chat.say(ALICE, "ไม่ค่ะ")
    assert "ยังอยู่ครบ" in kept and seats_of(app, event["id"]) == {"registered": 2}
    chat.tap(ALICE, f"ev_cancel={event['id']}")
    chat.say(ALICE, "ใช่ค่ะ ยกเลิกเลย")
    assert seats_of(app, event["id"]) == {"cancelled": 2}


def at_the_name_question(chat, app) -> dict:
    """A follower who consented but never gave a name has tapped ลงทะเบียน: the bot asks their name."""
    event = add_event(app)
    chat.consent(ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    return event


def registered_under(chat, app, event: dict, name: str) -> str:
    """Answer the name question with `name`, then a phone and one seat; the name the registration keeps."""
    [phone] = chat.say(ALICE, name)
    assert "ขอเบอร์โทร" in phone
    chat.say(ALICE, "089-777-6655")
    chat.say(ALICE, "1 คน")
    [registration] = registrations(app, event["id"])
    return registration.contact_name


def test_a_name_typed_with_its_phone_answers_both(chat, app):
    event = at_the_name_question(chat, app)
    [people] = chat.say(ALICE, "ผมชื่อเอกครับ เบอร์ 089-111-2222")
    assert "กี่ท่าน" in people
    said = chat.say(ALICE, "3 คน")
    [registration] = registrations(app, event["id"])
    assert "ลงทะเบียนเรียบร้อย" in said[0]
    assert (registration.contact_name, registration.phone, registration.people) == ("เอก", "0891112222", 3)


# Names typed alone that the classifier takes, with confidence, for small talk or something out of scope.
@pytest.mark.parametrize("name", ["สมหญิง รักดี", "ปูค่ะ", "เมย์ค่ะ", "บอลครับ"])
def test_a_name_the_classifier_reads_as_small_talk_still_answers_the_name_question(chat, app, name):
    event = at_the_name_question(chat, app)
    [phone] = chat.say(ALICE, name)
    assert "ขอเบอร์โทร" in phone
    [people] = chat.say(ALICE, "089-777-6655")
    assert "กี่ท่าน" in people
    chat.say(ALICE, "2 คน")
    [registration] = registrations(app, event["id"])
    assert registration.contact_name == name.removesuffix("ค่ะ").removesuffix("ครับ")
    assert (registration.phone, registration.people) == ("0897776655", 2)


def test_a_greeting_at_the_name_question_is_not_taken_for_a_name(chat, app):
    event = at_the_name_question(chat, app)
    [again] = chat.say(ALICE, "สวัสดีค่ะ")
    assert "ขอทราบชื่อ" in again
    assert registered_under(chat, app, event, "ปูค่ะ") == "ปู"


def test_an_apology_before_the_registrants_name_is_not_kept_as_the_name(chat, app):
    event = at_the_name_question(chat, app)
    assert registered_under(chat, app, event, "ขอโทษค่ะ ชื่อแก้วค่ะ") == "แก้ว"


def test_a_phone_typed_for_the_registrants_name_is_kept_and_the_name_asked_again(chat, app):
    event = at_the_name_question(chat, app)
    [again] = chat.say(ALICE, "๐๘๙-๑๒๓-๔๕๖๗")
    assert again.startswith("ได้เบอร์โทรแล้วค่ะ")
    [people] = chat.say(ALICE, "แป้งค่ะ")
    assert "กี่ท่าน" in people  # the phone is not asked for again
    chat.say(ALICE, "1 คน")
    [registration] = registrations(app, event["id"])
    assert (registration.contact_name, registration.phone) == ("แป้ง", "0891234567")


def test_a_menu_label_typed_for_the_registrants_name_does_what_its_button_does(chat, app):
    event = at_the_name_question(chat, app)
    [mine] = chat.say(ALICE, "กิจกรรมของฉัน")  # the events menu's quick reply, typed
    assert "ยังไม่ได้ลงทะเบียนกิจกรรม" in mine
    chat.tap(ALICE, f"ev_register={event['id']}")
    assert registered_under(chat, app, event, "ปูค่ะ") == "ปู"


def test_a_question_instead_of_a_name_is_answered_and_registers_nobody(chat, app):
    event = at_the_name_question(chat, app)
    said = chat.say(ALICE, "สถานะคำขอของฉันค่ะ")
    assert "ยังไม่มีคำขอ" in said[0] and not any("ขอเบอร์โทร" in text for text in said)
    chat.say(ALICE, "สมศรีค่ะ")
    chat.say(ALICE, "0812345678")
    assert registrations(app, event["id"]) == []


def test_a_registration_in_the_middle_of_a_request_takes_the_name_and_phone_already_given(chat, app):
    from tests.bot.test_service_requests import FIRST_MESSAGES, answer_until
    event = add_event(app)
    chat.consent(ALICE)
    chat.say(ALICE, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, ALICE, "province")
    [people] = chat.tap(ALICE, f"ev_register={event['id']}")
    assert "กี่ท่าน" in people
    chat.tap(ALICE, f"ev_people={event['id']}:1")
    [registration] = registrations(app, event["id"])
    assert (registration.contact_name, registration.phone) == ("สมศรี ใจดี", "0812345678")


def test_registering_twice_shows_the_ticket_instead_of_a_second_seat(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=2)
    said = chat.tap(ALICE, f"ev_register={event['id']}")
    assert "ลงทะเบียน" in said[0] and "ไว้แล้ว" in said[0]
    assert len(registrations(app, event["id"])) == 1 and seats_of(app, event["id"]) == {"registered": 2}


@pytest.mark.parametrize(("typed", "people"), [("๒ คนค่ะ", 2), ("มาคนเดียวค่ะ", 1), ("3", 3), ("ไป 4 ท่านนะคะ", 4)])
def test_how_many_people_can_be_typed_instead_of_tapped(chat, app, typed, people):
    event = add_event(app)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    assert_registered(app, event["id"], chat.say(ALICE, typed), people)


def test_a_typed_party_over_the_limit_is_told_the_limit_and_asked_again(chat, app):
    event = add_event(app, capacity=50)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    limit, question = chat.send(ev.text(ALICE, "มากัน 15 คนค่ะ"))
    assert "ไม่เกิน 10 ท่าน" in limit["text"] and "กี่ท่าน" in question["text"] and len(quick_replies(question)) == 10
    assert registrations(app, event["id"]) == []
    chat.say(ALICE, "งั้น 8 คนค่ะ")
    assert seats_of(app, event["id"]) == {"registered": 8}


def test_after_how_many_people_other_messages_are_understood_and_a_later_number_registers_nobody(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    [dropped] = chat.say(ALICE, "ยกเลิก")
    assert "ยังไม่ได้ลงทะเบียน" in dropped
    chat.tap(ALICE, f"ev_register={event['id']}")
    said = chat.say(ALICE, "ศูนย์ที่เชียงรายอยู่ที่ไหนคะ")
    assert "เชียงราย" in " ".join(said) and "ลงทะเบียนเรียบร้อย" not in " ".join(said)
    chat.say(ALICE, "2")
    chat.tap(ALICE, f"ev_register={event['id']}")
    chat.tap(ALICE, "ev_mine=1")  # a tap moves on from the question too
    chat.say(ALICE, "2")
    assert registrations(app, event["id"]) == []


def test_a_party_typed_in_the_middle_of_a_request_registers_and_the_request_carries_on(chat, app):
    from tests.bot.test_service_requests import FIRST_MESSAGES, REUSING, answer_until_summary, state_of
    event = add_event(app)
    registrant(chat, ALICE)
    chat.say(ALICE, FIRST_MESSAGES["packaging"])
    asked = state_of(app, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    said = chat.say(ALICE, "2 คนค่ะ")
    assert "ลงทะเบียนเรียบร้อย" in said[0] and "กลับมาทำเรื่องพัฒนาบรรจุภัณฑ์ต่อ" in said[-1]
    assert seats_of(app, event["id"]) == {"registered": 2} and state_of(app, ALICE) == asked
    answer_until_summary(chat, app, ALICE, REUSING)
    chat.tap(ALICE, "confirm=yes")
    assert seats_of(app, event["id"]) == {"registered": 2}


def test_a_registrant_s_name_and_phone_are_offered_for_a_later_request_and_the_rest_asked(chat, app):
    from tests.bot.test_service_requests import (
        FIRST_MESSAGES,
        REUSING,
        answer_until,
        answer_until_summary,
        state_of,
    )
    event = add_event(app)
    chat.consent(ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    chat.say(ALICE, "พิมพ์ชนก ศรีสุข")  # asked for the registration: a name, then a phone
    chat.say(ALICE, "0891112222")
    assert_registered(app, event["id"], chat.tap(ALICE, f"ev_people={event['id']}:1"), 1)
    chat.say(ALICE, FIRST_MESSAGES["packaging"])
    offered = answer_until(chat, app, ALICE, "reuse_profile", REUSING)
    assert offered[-1].startswith("ใช้ข้อมูลเดิมไหมคะ") and "เบอร์โทร:" in offered[-1] and "ชื่อกิจการ" not in offered[-1]
    said = chat.say(ALICE, "ใช่ค่ะ")
    assert state_of(app, ALICE) == "business_name" and "ขอชื่อกิจการ" in said[-1]
    answer_until_summary(chat, app, ALICE, REUSING)
    chat.tap(ALICE, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        request = session.scalars(select(ServiceRequest)).one()
        user = session.scalars(select(LineUser).where(LineUser.line_user_id == ALICE)).one()
        assert (request.contact_name, request.phone) == ("พิมพ์ชนก ศรีสุข", "0891112222") == (user.contact_name, user.phone)
        assert request.business_name == REUSING["business_name"]


def test_the_profile_from_an_earlier_request_fills_the_registration(chat, app):
    from tests.bot.test_service_requests import FIRST_MESSAGES, answer_until_summary
    event = add_event(app)
    chat.consent(ALICE)
    chat.say(ALICE, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, ALICE)
    chat.tap(ALICE, "confirm=yes")
    register(chat, ALICE, event["id"])
    [registration] = registrations(app, event["id"])
    assert registration.contact_name == "สมศรี ใจดี" and registration.phone == "0812345678"
    assert registration.business_name == "ร้านกาแฟดอยหลวง"


def test_a_full_event_offers_the_waiting_list_and_a_freed_seat_goes_to_the_next(chat, app, line_api):
    event = add_event(app, capacity=2)
    for user in (ALICE, BEN, CHAI, DAO):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    register(chat, DAO, event["id"])
    [full] = register(chat, BEN, event["id"])
    assert "เต็มแล้ว" in full["text"] and "รายชื่อสำรอง" in full["text"]
    join = next(a for a in quick_replies(full) if a["data"].startswith("ev_wait="))
    [waiting] = chat.tap(BEN, join["data"])
    assert "ลำดับที่ 1" in waiting
    register(chat, CHAI, event["id"])
    [waiting] = chat.tap(CHAI, f"ev_wait={event['id']}:1")
    assert "ลำดับที่ 2" in waiting

    [question] = chat.tap(ALICE, f"ev_cancel={event['id']}")
    assert "ใช่ไหม" in question
    [cancelled] = chat.tap(ALICE, f"ev_cancel_yes={event['id']}")
    assert "ยกเลิกการลงทะเบียน" in cancelled and "เรียบร้อย" in cancelled
    offer = line_api.delivered_messages(to=BEN)[-1]
    assert offer.via == "push" and "มีที่นั่งว่าง" in offer.message["altText"]
    assert line_api.delivered_messages(to=CHAI)[-1].via == "reply"
    assert seats_of(app, event["id"]) == {"cancelled": 1, "registered": 1, "offered": 1, "waiting": 1}

    said = chat.tap(BEN, offer.message["contents"]["footer"]["contents"][0]["action"]["data"])
    assert "ลงทะเบียนเรียบร้อย" in said[0]
    assert seats_of(app, event["id"]) == {"cancelled": 1, "registered": 2, "waiting": 1}


def offered_to_ben(chat, app) -> dict:
    """A one-seat event ALICE holds, BEN then CHAI waiting: ALICE cancels, and the seat is offered to BEN."""
    event = add_event(app, capacity=1)
    for user in (ALICE, BEN, CHAI):
        registrant(chat, user)
    register(chat, ALICE, event["id"])
    for user in (BEN, CHAI):
        register(chat, user, event["id"])
        chat.tap(user, f"ev_wait={event['id']}:1")
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")
    return event


def test_declining_an_offer_passes_the_seat_on(chat, app, line_api):
    event = offered_to_ben(chat, app)
    ben = registrations(app, event["id"])[1]
    [declined] = chat.tap(BEN, f"ev_offer={ben.id}:no")
    assert "สละสิทธิ์" in declined
    assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=CHAI)[-1].message["altText"]


@pytest.mark.parametrize("typed, accepted", [("ได้ค่ะ", True), ("ไปค่ะ", True), ("รับค่ะ ยืนยันที่นั่ง", True),
                                              ("ยืนยันเด้อ ไปแน่นอน", True), ("ไม่ไปแล้วค่ะ", False),
                                              ("สละสิทธิ์", False), ("ไม่ว่างแล้วครับ", False),
                                              ("ขอสละสิทธิ์ค่ะ ติดธุระ", False)])
def test_a_seat_offer_pushed_is_answered_by_typing_as_by_its_buttons(chat, app, line_api, typed, accepted):
    event = offered_to_ben(chat, app)
    assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=BEN)[-1].message["altText"]
    said = " ".join(chat.say(BEN, typed))
    statuses = {r.user.line_user_id: r.status for r in _with_users(app, event["id"])}
    if accepted:
        assert "ลงทะเบียนเรียบร้อย" in said and statuses[BEN] == "registered" and statuses[CHAI] == "waiting"
    else:
        assert "สละสิทธิ์" in said and statuses[BEN] == "cancelled" and statuses[CHAI] == "offered"
        assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=CHAI)[-1].message["altText"]


def test_a_message_not_made_out_while_a_seat_is_offered_shows_the_offer_again_and_a_yes_then_takes_it(
        chat, app, line_api):
    event = offered_to_ben(chat, app)
    messages = chat.send(ev.text(BEN, "รอแป๊บนะคะ ขอเช็คตารางก่อน"))  # h83: before, the choices of every service
    assert messages[0]["text"].startswith("ตอนนี้มีที่นั่งรอท่านยืนยันอยู่ค่ะ")
    assert "มีที่นั่งว่าง" in messages[1]["altText"]
    said = " ".join(chat.say(BEN, "ยืนยันค่ะ"))
    assert "ลงทะเบียนเรียบร้อย" in said and seats_of(app, event["id"])["registered"] == 1


def test_asking_for_one_s_check_in_code_shows_one_s_registrations(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"])
    messages = chat.send(ev.text(ALICE, "รหัสเช็กอินของผมคืออะไรครับ"))  # h83: before, every event on
    [card] = [m for m in messages if m["type"] == "flex"]
    assert "ท่านลงทะเบียนไว้" in card["altText"] and f"ev_ticket={event['id']}" in str(card["contents"])


def test_a_seat_offer_is_answered_only_by_the_next_message(chat, app, line_api):
    event = offered_to_ben(chat, app)
    chat.say(BEN, "ศูนย์เปิดกี่โมงคะ")
    chat.say(BEN, "ได้ค่ะ")
    assert {r.user.line_user_id: r.status for r in _with_users(app, event["id"])}[BEN] == "offered"


def test_a_party_too_big_for_the_free_seats_waits_while_a_smaller_one_is_offered(chat, app, line_api):
    event = add_event(app, capacity=3)
    for user in (ALICE, BEN, CHAI):
        registrant(chat, user)
    register(chat, ALICE, event["id"], people=2)
    register(chat, BEN, event["id"], people=1)
    register(chat, CHAI, event["id"], people=4)
    chat.tap(CHAI, f"ev_wait={event['id']}:4")
    registrant(chat, DAO)
    register(chat, DAO, event["id"], people=2)
    chat.tap(DAO, f"ev_wait={event['id']}:2")
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")
    statuses = {r.user.line_user_id if r.user else None: r.status for r in _with_users(app, event["id"])}
    assert statuses[CHAI] == "waiting" and statuses[DAO] == "offered"


def test_leaving_the_waiting_list_frees_nothing_and_is_confirmed(chat, app):
    event = add_event(app, capacity=1)
    registrant(chat, ALICE)
    registrant(chat, BEN)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"])
    chat.tap(BEN, f"ev_wait={event['id']}:1")
    [question] = chat.tap(BEN, f"ev_cancel={event['id']}")
    assert "รายชื่อสำรอง" in question
    [left] = chat.tap(BEN, f"ev_cancel_yes={event['id']}")
    assert "รายชื่อสำรอง" in left
    assert seats_of(app, event["id"]) == {"registered": 1, "cancelled": 1}


def test_my_events_lists_only_the_followers_own_registrations(chat, app):
    mine = add_event(app, title="อบรมบรรจุภัณฑ์")
    add_event(app, title="SME สัญจร ลำปาง")
    registrant(chat, ALICE)
    register(chat, ALICE, mine["id"])
    [card] = chat.tap(ALICE, "ev_mine=1")
    assert "อบรมบรรจุภัณฑ์" in card and "SME สัญจร" not in card and "บัตรเข้างาน" in card


def test_my_events_typed_instead_of_tapped_lists_the_followers_registrations(chat, app):
    mine = add_event(app, title="อบรมบรรจุภัณฑ์")
    registrant(chat, ALICE)
    register(chat, ALICE, mine["id"])
    [card] = chat.say(ALICE, "กิจกรรมของฉันค่ะ")  # the events menu's quick reply, typed
    assert "อบรมบรรจุภัณฑ์" in card and "บัตรเข้างาน" in card


def test_a_closed_event_says_so_politely(chat, app):
    event = add_event(app, "งานปิดรับแล้ว", 10, 10, "เชียงใหม่", "--deadline", "2020-01-01T00:00")
    registrant(chat, ALICE)
    [closed] = chat.tap(ALICE, f"ev_register={event['id']}")
    assert "ปิดรับลงทะเบียน" in closed and registrations(app, event["id"]) == []


def test_what_news_do_you_want_stores_clusters_and_topics(chat, app):
    chat.follow(ALICE)
    chat.say(ALICE, "ไม่ต้องส่งข่าวสารมาแล้วนะคะ")
    [ask] = chat.send(ev.postback(ALICE, "news=start"))
    assert "คลัสเตอร์" in ask["text"] and len(quick_replies(ask)) == 7
    chat.tap(ALICE, "news=sector:processed_food")
    chat.tap(ALICE, "news=sector:cosmetics")
    [again] = chat.send(ev.postback(ALICE, "news=sector:cosmetics"))
    assert "อาหารแปรรูป" in again["text"] and "เครื่องสำอาง" not in again["text"].split("ที่เลือกไว้")[1]
    assert any(a["label"].startswith("✓ อาหารแปรรูป") for a in quick_replies(again))
    chat.tap(ALICE, "news=next")
    chat.tap(ALICE, "news=service:packaging")
    [saved] = chat.tap(ALICE, "news=done")
    assert "อาหารแปรรูป" in saved and "บรรจุภัณฑ์" in saved
    assert news_chosen(app, ALICE) == (["processed_food"], ["packaging"], True)


def news_chosen(app, line_id: str) -> tuple[list[str], list[str], bool]:
    """The follower's clusters and topics for news, and whether they take news."""
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == line_id))
        return user.sectors, user.interests, user.subscribed


def test_clusters_and_topics_typed_while_choosing_news_count_as_their_buttons(chat, app):
    chat.follow(ALICE)
    chat.tap(ALICE, "news=start")
    [sector] = chat.send(ev.text(ALICE, "อาหารแปรรูปเจ้า"))  # h81: before, a food-processing request began
    assert "อาหารแปรรูป" in sector["text"].split("ที่เลือกไว้")[1]
    chat.say(ALICE, "ถัดไปค่ะ")
    chat.say(ALICE, "บรรจุภัณฑ์ค่ะ")
    chat.say(ALICE, "อบรม")  # read by the classifier, not a training request started (h83)
    [saved] = chat.say(ALICE, "เสร็จแล้วค่ะ")
    assert "อาหารแปรรูป" in saved and "บรรจุภัณฑ์" in saved
    assert news_chosen(app, ALICE) == (["processed_food"], ["packaging", "training"], True)
    [started] = chat.say(ALICE, "อยากพัฒนาบรรจุภัณฑ์กาแฟค่ะ")  # after the list: a request, as any time
    assert "ก่อนเริ่มขอรับบริการ" in started and "ที่เลือกไว้" not in started


def test_every_cluster_label_fits_a_quick_reply_with_its_tick(chat):
    chat.follow(ALICE)
    [shown] = chat.send(ev.postback(ALICE, "news=start"))
    for choice in quick_replies(shown)[:-1]:  # every cluster ticked
        [shown] = chat.send(ev.postback(ALICE, choice["data"]))
    ticked = [choice["label"] for choice in quick_replies(shown)[:-1]]
    assert ticked == ["✓ ยานยนต์/ชิ้นส่วน", "✓ เครื่องสำอาง", "✓ อัญมณี/จิวเวลรี่", "✓ อาหารแปรรูป", "✓ สิ่งทอ/เสื้อผ้า",
                      "✓ ปาล์มน้ำมัน"]  # whole, not cut at LINE's 20 characters ("สิ่งทอ/เครื่องนุ่งห่", h81)


def _with_users(app, event_id):
    from sqlalchemy.orm import selectinload

    from storage.models import Registration
    with app.extensions["frontdesk"].sessions() as session:
        query = select(Registration).where(Registration.event_id == event_id).options(
            selectinload(Registration.user))
        return list(session.scalars(query))


def test_erasing_my_data_also_clears_my_registrations(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    set_user(app, ALICE, contact_name="สมศรี ใจดี", phone="0812345678", business_name="ร้านกาแฟดอยหลวง")
    register(chat, ALICE, event["id"])
    chat.tap(ALICE, "erase=yes")
    [registration] = registrations(app, event["id"])
    assert registration.user_id is None and registration.contact_name is None and registration.phone is None


def test_erasing_my_data_gives_my_seat_to_the_next_in_line_and_says_so_first(chat, app, line_api):
    event = add_event(app, capacity=1)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"])
    registrant(chat, BEN)
    chat.tap(BEN, f"ev_register={event['id']}")
    chat.tap(BEN, f"ev_wait={event['id']}:1")
    [asked] = chat.say(ALICE, "ลบข้อมูลของฉันด้วยค่ะ")
    assert f"การลงทะเบียนกิจกรรม {event['title']} จะถูกยกเลิกด้วย" in asked
    [erased] = chat.tap(ALICE, "erase=yes")
    assert f"ยกเลิกการลงทะเบียนกิจกรรม {event['title']} ให้แล้วค่ะ" in erased
    assert [r.status for r in registrations(app, event["id"])] == ["cancelled", "offered"]
    assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=BEN)[-1].message["altText"]
    code = registrations(app, event["id"])[0].code
    checked = app.test_cli_runner().invoke(args=["events", "checkin", str(event["id"]), code])
    assert checked.exit_code != 0 and "not_registered" in checked.output  # a nameless code lets no one in


@pytest.mark.parametrize("typed", ["ยกเลิกงานค่ะ", "ไม่ไปแล้วครับ"])
def test_a_cancel_with_two_registrations_none_named_asks_which(chat, app, typed):
    first = add_event(app, title="อบรมการออกแบบบรรจุภัณฑ์", days=10)
    second = add_event(app, title="CLUSTER DAY อาหารแปรรูป", days=20)
    registrant(chat, ALICE)
    register(chat, ALICE, first["id"])
    register(chat, ALICE, second["id"])
    [which] = chat.send(ev.text(ALICE, typed))  # h83: before, the later one was asked about, the other never
    assert which["text"].startswith("ท่านลงทะเบียนไว้หลายงานค่ะ ต้องการยกเลิกงานไหนคะ")
    assert [choice["data"] for choice in quick_replies(which)] == [
        f"ev_cancel={first['id']}", f"ev_cancel={second['id']}", "ev_keep=0"]
    [asked] = chat.tap(ALICE, f"ev_cancel={first['id']}")
    assert first["title"] in asked and "ใช่ไหม" in asked
    chat.say(ALICE, "ใช่ค่ะ")
    assert [r.status for r in registrations(app, first["id"])] == ["cancelled"]
    assert [r.status for r in registrations(app, second["id"])] == ["registered"]


def test_asking_to_cancel_in_words_shows_my_registrations_with_a_cancel_button(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"])
    messages = chat.send(ev.text(ALICE, "ขอยกเลิกการลงทะเบียนงาน CLUSTER DAY ค่ะ"))
    card = next(m for m in messages if m["type"] == "flex")
    assert "ท่านลงทะเบียนไว้" in card["altText"] and f"ev_cancel={event['id']}" in str(card["contents"])


@pytest.mark.parametrize("typed", ["ยกเลิกค่ะ", "ยกเลิก"])
def test_cancel_typed_right_after_registering_asks_about_that_registration(chat, app, typed):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=2)
    [question] = chat.say(ALICE, typed)
    assert question.startswith("ต้องการยกเลิกการลงทะเบียน " + event["title"]) and "ใช่ไหมคะ" in question
    [done] = chat.say(ALICE, "ใช่ค่ะ")
    assert done.startswith("ยกเลิกการลงทะเบียน " + event["title"] + " เรียบร้อยแล้วค่ะ")
    [registration] = registrations(app, event["id"])
    assert registration.status == "cancelled"


@pytest.mark.parametrize(("typed", "yes"), [("ไม่ไปแล้วครับ", "ใช่ครับ"), ("บ่ไปแล้วเด้อ ติดงานบุญ", "แม่นแล้วเจ้า"),
                                            ("ไปไม่ได้แล้วค่ะ ลูกไม่สบาย", "ค่ะ")])
def test_not_going_any_more_asks_to_give_up_the_seat_and_a_yes_gives_it_up(chat, app, typed, yes):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=2)
    [question] = chat.say(ALICE, typed)  # "ไม่ไปแล้วครับ" alone reads to the classifier as a request status
    assert question.startswith("ต้องการยกเลิกการลงทะเบียน " + event["title"]) and "ใช่ไหมคะ" in question
    [done] = chat.say(ALICE, yes)
    assert done.startswith("ยกเลิกการลงทะเบียน " + event["title"] + " เรียบร้อยแล้วค่ะ")
    [registration] = registrations(app, event["id"])
    assert registration.status == "cancelled"


@pytest.mark.parametrize("typed", ["ลงทะเบียน 2 คนค่ะ", "ขอลงทะเบียนงานคลัสเตอร์เดย์ 2 ท่านค่ะ"])
def test_registering_in_words_with_one_event_on_registers_for_it(chat, app, typed):
    with app.extensions["frontdesk"].sessions() as session:
        [only] = session.scalars(select(Event.id))  # the seeded CLUSTER DAY
    registrant(chat, ALICE)
    said = chat.say(ALICE, typed)
    assert said[0].startswith("ลงทะเบียนเรียบร้อยแล้วค่ะ ✅") and "👥 2 ท่าน" in said[0]
    assert seats_of(app, only) == {"registered": 2}


def test_a_party_over_the_limit_typed_up_front_is_told_at_once_with_the_centre_to_call(chat, app):
    with app.extensions["frontdesk"].sessions() as session:
        [only] = session.scalars(select(Event))  # the seeded CLUSTER DAY
        centre = session.scalar(select(Centre).where(Centre.province == only.province))
        phone = centre.phone
    chat.consent(ALICE)  # no name or phone yet: those would be asked before the number of people
    said = chat.say(ALICE, "ลงทะเบียน 12 คนค่ะ")
    assert "ไม่เกิน 10 ท่าน" in said[0] and phone in said[0]
    assert "ชื่อ" in said[-1] and registrations(app, only.id) == []


def test_registering_in_words_with_two_events_on_shows_them_to_choose(chat, app):
    add_event(app)  # beside the seeded CLUSTER DAY
    with app.extensions["frontdesk"].sessions() as session:
        events = list(session.scalars(select(Event.id)))
    registrant(chat, ALICE)
    said = chat.say(ALICE, "ลงทะเบียน 2 คนค่ะ")
    assert not any("ลงทะเบียนเรียบร้อย" in text for text in said)
    assert len(events) == 2 and all(registrations(app, event_id) == [] for event_id in events)


def test_stop_from_a_registered_follower_also_offers_to_stop_the_news_and_keeps_the_seat(chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    register(chat, ALICE, event["id"], people=2)
    [question] = chat.send(ev.text(ALICE, "STOP"))
    assert question["text"].startswith("ต้องการยกเลิกการลงทะเบียน " + event["title"])
    assert "หยุดรับข่าวสาร" in question["text"]
    first, *others = quick_replies(question)
    assert first["label"] == "หยุดรับข่าวสาร" and [c["label"] for c in others] == ["ใช่", "ไม่ใช่"]
    [done] = chat.tap(ALICE, first["data"])
    assert done.startswith("ยกเลิกการรับข่าวสารเรียบร้อยค่ะ")
    [registration] = registrations(app, event["id"])
    assert registration.status == "registered"
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.subscribed).where(LineUser.line_user_id == ALICE)) is False


def test_cancel_asks_about_whichever_came_last_a_registration_or_a_request(chat, app):
    from tests.bot.test_service_requests import USER, file_packaging_request

    event = add_event(app)
    request = file_packaging_request(chat, app)
    register(chat, USER, event["id"])
    [question] = chat.say(USER, "ยกเลิกค่ะ")
    assert event["title"] in question and request.reference not in question
    chat.say(USER, "ไม่ใช่ค่ะ")
    [registration] = registrations(app, event["id"])
    assert registration.status == "registered"


def test_a_follower_who_gave_two_phone_numbers_registers_with_both(chat, app):
    event = add_event(app)
    chat.consent(ALICE)
    set_user(app, ALICE, contact_name="พิมพ์ชนก", phone="0812223333 หรือ 0898887777")  # as a request keeps them
    said = register(chat, ALICE, event["id"])
    assert "ลงทะเบียนเรียบร้อย" in said[0]["text"]
    [registration] = registrations(app, event["id"])
    assert registration.phone == "0812223333 หรือ 0898887777"


def test_the_consent_asked_to_register_says_it_covers_a_later_request_which_then_asks_no_more(chat, app):
    from tests.bot.test_service_requests import FIRST_MESSAGES
    event = add_event(app)
    chat.follow(ALICE)
    [prompt] = chat.tap(ALICE, f"ev_register={event['id']}")
    assert "ลงทะเบียน" in prompt and "ขอรับบริการ" in prompt  # both uses the one consent is for
    chat.tap(ALICE, f"ev_consent={event['id']}")
    said = chat.say(ALICE, FIRST_MESSAGES["packaging"])
    assert not any("ท่านยินยอมไหมคะ" in text for text in said)


def test_a_question_at_the_registrant_s_name_is_answered_and_the_name_typed_next_still_registers(chat, app):
    event = add_event(app)
    chat.consent(ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    chat.say(ALICE, "งานจัดวันไหน ที่ไหนคะ")  # asked instead of the name
    chat.say(ALICE, "กัลยา สุขเจริญ")
    chat.say(ALICE, "0815554321")
    assert_registered(app, event["id"], chat.tap(ALICE, f"ev_people={event['id']}:2"), 2)
    [registration] = registrations(app, event["id"])
    assert (registration.contact_name, registration.phone) == ("กัลยา สุขเจริญ", "0815554321")
