"""The day, province or round a message says beside a title (or alone) picks the event it means: "cluster day
เชียงใหม่" is the CLUSTER DAY in Chiang Mai, "รุ่นที่ 9" the ninth round, "มีงานที่ลำปางไหมคะ" the events there;
through the webhook."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.dialogue.texts import BANGKOK
from bot.line import fake_events as ev
from storage.models import Event
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
from tests.events.test_named_events import carousel_titles

ALICE = user_id(0xA1)
NORTH = "CLUSTER DAY อาหารแปรรูปภาคเหนือ"
PACKAGING = "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก"
CERAMICS = "อบรมเซรามิกลำปาง รุ่นที่ {n}"
MONTHS = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture
def events_on(app):
    """The tester's events: the seeded CLUSTER DAY (Bangkok, all clusters), one in Chiang Mai a week earlier, a
    packaging course in Songkhla, and eleven rounds of a ceramics course in Lampang, all before them."""
    with app.extensions["frontdesk"].sessions() as session:
        seeded = session.scalar(select(Event).where(Event.title.like("CLUSTER DAY%")))
        bangkok = {"id": seeded.id, "title": seeded.title}
    north = add_event(app, NORTH, 30, 23, "เชียงใหม่")
    packaging = add_event(app, PACKAGING, 30, 26, "สงขลา")
    rounds = [add_event(app, CERAMICS.format(n=n), 30, 5 + n, "ลำปาง") for n in range(1, 12)]
    return {"bangkok": bangkok, "north": north, "packaging": packaging, "rounds": rounds}


def day_typed(app, event: dict, digits: str = "arabic") -> str:
    """The event's day as a user types it: "15 ธันวา", or "๑๕ ธันวา"."""
    day = event_starts(app, event["id"]).astimezone(BANGKOK)
    typed = f"{day.day} {MONTHS[day.month - 1]}"
    return typed.translate(THAI_DIGITS) if digits == "thai" else typed


@pytest.mark.parametrize("typed", ["cluster day เชียงใหม่", "งานคลัสเตอร์เดย์ที่เชียงใหม่ยังว่างไหม"])
def test_a_province_said_beside_the_title_shows_the_event_there(chat, app, events_on, typed):
    registrant(chat, ALICE)
    assert carousel_titles(chat.send(ev.text(ALICE, typed))) == [NORTH]


def test_a_day_said_beside_a_shared_title_word_registers_that_event_with_the_name_and_phone_typed(
        chat, app, events_on):
    chat.consent(ALICE)
    said = chat.say(ALICE, f"ขอลงทะเบียนงาน cluster day วันที่ {day_typed(app, events_on['north'])} ให้แม่ครับ 2 ท่าน "
                           "แม่ชื่อนางสุดา วงศ์คำ เบอร์ 0865551234")
    assert NORTH in said[0]
    assert_registered(app, events_on["north"]["id"], said, 2)
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("นางสุดา วงศ์คำ", "0865551234")
    assert registrations(app, events_on["bangkok"]["id"]) == []


def test_a_remark_in_brackets_after_the_name_typed_is_not_kept_as_the_name(chat, app, events_on):
    chat.consent(ALICE)
    said = chat.say(ALICE, f"ลงทะเบียน cluster day {day_typed(app, events_on['north'])} 1 ท่าน "
                           "ชื่อนางสุดา วงศ์คำ (แม่ผม เบอร์ 086-555-1234")
    assert_registered(app, events_on["north"]["id"], said, 1)
    [registration] = registrations(app, events_on["north"]["id"])
    assert (registration.contact_name, registration.phone) == ("นางสุดา วงศ์คำ", "0865551234")


@pytest.mark.parametrize("typed, n", [("อบรมเซรามิกลำปาง รุ่นที่ 9 ลงทะเบียนค่ะ", 9),
                                      ("ขอลงทะเบียนอบรมเซรามิกลำปางรุ่น ๑๑ ค่ะ", 11)])
def test_the_round_named_is_the_one_event(chat, app, events_on, typed, n):
    registrant(chat, ALICE)
    [question] = chat.say(ALICE, typed)
    assert "กี่ท่าน" in question and CERAMICS.format(n=n) in question
    said = chat.say(ALICE, "2 คนค่ะ")
    assert_registered(app, events_on["rounds"][n - 1]["id"], said, 2)


@pytest.mark.parametrize("typed", ["รุ่น 11 ยังว่างไหม", "รุ่นที่ ๑๑ ยังรับอยู่บ่"])
def test_a_round_asked_about_alone_shows_that_round(chat, app, events_on, typed):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, typed))
    assert carousel_titles(messages) == [CERAMICS.format(n=11)]  # before, "ไม่แน่ใจ" and the service choices


def test_a_day_in_thai_digits_shows_only_the_event_on_that_day(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, f"ลงงานวันที่ {day_typed(app, events_on['bangkok'], 'thai')}ให้แม่หน่อยค่ะ"))
    assert carousel_titles(messages) == [events_on["bangkok"]["title"]]


def test_the_events_in_the_province_asked_about_are_shown_alone(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "มีงานที่ลำปางไหมคะ"))
    assert messages[0]["text"].startswith("กิจกรรมที่ลำปาง")
    assert carousel_titles(messages) == [CERAMICS.format(n=n) for n in range(1, 11)]
    assert "แสดงได้ครั้งละ 10 งาน" in messages[0]["text"]  # the eleventh is reached by saying more
    assert carousel_titles(chat.send(ev.text(ALICE, "งานที่ลำปาง รุ่นที่ 11 มีไหมคะ"))) == [CERAMICS.format(n=11)]


def test_an_event_meant_for_the_province_asked_about_is_shown_for_it(chat, app):
    add_event(app, PACKAGING, 30, 26, "สงขลา")
    add_event(app, "สัมมนาผู้ประกอบการเซรามิก", 30, 12, "กรุงเทพมหานคร", "--for-province", "ลำปาง")
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "มีงานที่ลำปางไหมคะ"))
    assert carousel_titles(messages) == ["สัมมนาผู้ประกอบการเซรามิก"]


def test_no_event_in_the_province_asked_about_is_said_before_the_others(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "มีงานที่ภูเก็ตไหมคะ"))
    assert "ยังไม่มีกิจกรรมที่ภูเก็ต" in messages[0]["text"]
    assert len(carousel_titles(messages)) == 10


def test_a_province_fitting_none_of_the_titled_events_shows_them_and_registers_none(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "สมัครงาน cluster day ภูเก็ต 2 คนครับ"))
    assert "ไม่พบงานชื่อนี้ ที่ภูเก็ต" in messages[0]["text"]
    assert carousel_titles(messages) == [events_on["bangkok"]["title"], NORTH]  # named most, then its series
    assert all(seats_of(app, event["id"]) == {} for event in (events_on["bangkok"], events_on["north"]))


def test_a_day_fitting_the_title_named_keeps_to_it(chat, app, events_on):
    registrant(chat, ALICE)
    said = chat.say(ALICE, f"สมัครงาน {NORTH} วันที่ {day_typed(app, events_on['north'])} 3 คนครับ")
    assert_registered(app, events_on["north"]["id"], said, 3)


def test_events_asked_of_a_province_are_those_there_even_when_the_reading_is_unsure(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "งานอบรมที่กรุงเทพมีไหม"))
    assert messages[0]["text"].startswith("กิจกรรมและการอบรมที่เปิดรับที่กรุงเทพมหานคร")
    assert carousel_titles(messages) == [events_on["bangkok"]["title"]]


def test_a_province_beside_a_word_a_series_starts_with_registers_nobody_unasked(chat, app):
    trang = add_event(app, "อบรมแปรรูปผลไม้อบแห้งเพื่อการส่งออก", 30, 12, "ตรัง")
    add_event(app, "อบรมแปรรูปสมุนไพรเป็นเครื่องสำอาง", 30, 14, "ชุมพร")
    registrant(chat, ALICE)
    said = chat.say(ALICE, "อยากพาสมาชิกสัก 8 คนไปดูงานโรงงานแปรรูปยางพาราที่ตรังครับ")
    assert registrations(app, trang["id"]) == [] and not any("ลงทะเบียนเรียบร้อย" in line for line in said)


@pytest.mark.parametrize("typed", ["มีอบรมแพ็คเกจจิ้งไหมหนิ อยู่หาดใหญ่", "มีงานอบรมบรรจุภัณฑ์ที่สงขลาไหมครับ"])
def test_asking_whether_there_is_a_course_where_one_lives_shows_the_events_there(chat, app, events_on, typed):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, typed))  # h81, h83: before, a training request began
    assert carousel_titles(messages) == [PACKAGING] and "สงขลา" in messages[0]["text"]


def test_a_course_wished_for_where_no_event_is_on_starts_the_training_request(chat, app, events_on):
    registrant(chat, ALICE)
    said = chat.say(ALICE, "มีอบรมทำขนมไทยไหมคะ อยู่ภูเก็ต")
    assert not any("ลงทะเบียน" in s for s in said) and any("หลักสูตร" in s for s in said)


def test_events_chosen_for_an_unclear_message_are_those_in_the_province_it_named(chat, app, events_on):
    registrant(chat, ALICE)
    [unsure] = chat.send(ev.text(ALICE, "ลำปางมีอะไรบ้าง"))
    assert "intent=event" in [action["data"] for action in quick_replies(unsure)]
    messages = chat.send(ev.postback(ALICE, "intent=event"))
    assert messages[0]["text"].startswith("กิจกรรมที่ลำปาง")
    assert set(carousel_titles(messages)) <= {CERAMICS.format(n=n) for n in range(1, 12)}
