"""The day of a machine booked in a request already sent, moved from LINE ("ขอเลื่อนวันจองเครื่องเป็น …"): the same
request changes, whoever has it is told, and the status card and the console show the new day; nothing new is filed.
Through the webhook, the database, the fake LINE API and the console."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import intents
from bot.dialogue import texts
from bot.line import fake_events as ev
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    STAFF,
    USER,
    add_staff,
    answer_until_summary,
    file_packaging_request,
    requests_in,
    state_of,
)
from tests.chat import a_working_day, quick_replies, shown, typed_date
from tests.console.helpers import signed_in_staff

OFFICER = "U" + "6" * 32
BOOKED = a_working_day(3)


def file_a_booking(chat, app):
    """USER books the CNC machine for BOOKED; the request filed."""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until_summary(chat, app, USER, ANSWERS | {"preferred_date": typed_date(BOOKED)})
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["preferred_date"] == BOOKED.isoformat()
    return request


def moved_to(request, day: date, machine: str = "CNC") -> str:
    return f"เลื่อนวันใช้ {machine} ของคำขอ {request.reference} เป็นวัน{texts.day_and_date(day)} แล้วค่ะ"


def moves_told_to(line_api, staff: str) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=staff) if m.text and "ขอเลื่อนวันใช้" in m.text]


def a_saturday_after(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7 or 7)


def test_a_new_day_typed_moves_the_booking_tells_its_officer_and_shows_on_the_status_card(chat, app, line_api):
    add_staff(app)
    add_staff(app, line_id=OFFICER)
    request = file_a_booking(chat, app)
    chat.tap(OFFICER, f"accept={request.id}")
    new = a_working_day(10)
    [answer] = chat.say(USER, f"ขอเลื่อนวันที่จองเครื่องเป็น {typed_date(new)} ค่ะ")
    assert answer.startswith(moved_to(request, new)) and "แจ้งเจ้าหน้าที่ที่ดูแลให้แล้ว" in answer
    [kept] = requests_in(app)
    assert kept.id == request.id and kept.answers["preferred_date"] == new.isoformat()
    [notice] = moves_told_to(line_api, OFFICER)
    assert f"จาก {texts.thai_date(BOOKED)}" in notice and f"เป็น {texts.thai_date(new)}" in notice
    assert request.reference in notice and f"/staff/requests/{request.id}" in notice and "CNC" in notice
    assert f"ข้อความ: ขอเลื่อนวันที่จองเครื่องเป็น {typed_date(new)} ค่ะ" in notice
    assert moves_told_to(line_api, STAFF) == []  # the officer who has it, not the whole centre
    [card] = shown(chat.send(ev.text(USER, "สถานะคำขอ")))
    assert f"เครื่องจักร CNC วันที่สะดวก {texts.thai_date(new)}" in card


def test_the_console_logs_both_days(chat, app):
    request = file_a_booking(chat, app)
    new = a_working_day(12)
    chat.say(USER, f"ขอเลื่อนจาก {typed_date(BOOKED)} ไป {typed_date(new)} ได้ไหมคะ")
    browser = signed_in_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    page = browser.get(f"/staff/requests/{request.id}").get_data(as_text=True)
    assert "ผู้ขอเลื่อนวันใช้เครื่องทาง LINE" in page
    assert f"{texts.thai_date(BOOKED)} → {texts.thai_date(new)}" in page


def test_a_move_without_the_new_day_asks_for_it_and_a_closed_day_offers_working_days_to_tap(chat, app):
    request = file_a_booking(chat, app)
    # The day named is the one booked, not the new one.
    [question] = chat.send(ev.text(USER, f"เครื่องเสียพอดีค่ะ ขอเลื่อนวันที่ {typed_date(BOOKED)} ก่อนนะคะ"))
    assert question["text"] == f"จะเลื่อน CNC {texts.thai_date(BOOKED)} (คำขอ {request.reference}) เป็นวันไหนคะ " \
                               "(พิมพ์วันที่ หรือแตะเลือก)"
    assert [c["label"] for c in quick_replies(question)] == ["เลือกวันที่", "ยังไม่แน่ใจ"]
    saturday = a_saturday_after(a_working_day(5))
    [refused] = chat.send(ev.text(USER, f"เสาร์ที่ {saturday.day} ค่ะ"))
    assert "ศูนย์ปิดทำการ" in refused["text"]
    offers = [c for c in quick_replies(refused) if c.get("data", "").startswith(f"move_date={request.id}:")]
    assert len(offers) == 2
    [moved] = chat.tap(USER, offers[0]["data"])
    day = date.fromisoformat(offers[0]["data"].rpartition(":")[2])
    assert moved.startswith(moved_to(request, day))
    assert "บันทึกไว้ในคำขอให้เจ้าหน้าที่แล้ว" in moved  # no one at the centre linked LINE: the console shows it
    assert [kept.answers["preferred_date"] for kept in requests_in(app)] == [day.isoformat()]


@pytest.mark.parametrize("answer", [
    lambda chat, request, day: chat.tap(USER, f"move_date={request.id}", {"date": day.isoformat()}),
    lambda chat, request, day: chat.say(USER, f"วันที่ {typed_date(day)} ค่ะ"),
], ids=["picked", "typed"])
def test_the_new_day_asked_for_is_picked_or_typed(chat, app, answer):
    request = file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    new = a_working_day(15)
    [moved] = answer(chat, request, new)
    assert moved.startswith(moved_to(request, new))
    assert requests_in(app)[0].answers["preferred_date"] == new.isoformat()


def test_words_for_when_are_kept_for_the_officer(chat, app, line_api):
    add_staff(app)
    request = file_a_booking(chat, app)
    [answer] = chat.say(USER, "ขอเลื่อนเป็นเร็วที่สุดเลยค่ะ ลูกค้าเร่ง")
    assert answer.startswith(f"จดวันที่สะดวกใช้ CNC ของคำขอ {request.reference} เป็น \"เร็วที่สุดเลยค่ะ ลูกค้าเร่ง\"")
    [notice] = moves_told_to(line_api, STAFF)
    assert "เร็วที่สุดเลยค่ะ ลูกค้าเร่ง" in notice


def test_something_else_said_instead_of_the_new_day_is_answered_and_the_booking_stays(chat, app):
    file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    [answer, *_] = chat.say(USER, "ศูนย์เชียงรายเปิดกี่โมงคะ")
    assert "เลื่อน" not in answer
    assert state_of(app, USER) is None
    assert [kept.answers["preferred_date"] for kept in requests_in(app)] == [BOOKED.isoformat()]


def test_with_no_booking_open_a_move_is_no_answer_to_the_bookings_of_others(chat, app):
    """A packaging request has no day: "ขอเลื่อน…" is asked about like any message, and no request changes."""
    file_packaging_request(chat, app)
    said = chat.say(USER, f"ขอเลื่อนวันจองเครื่อง CNC เป็น {typed_date(a_working_day(9))} ครับ")
    assert not any(line.startswith("เลื่อนวันใช้") for line in said)
    assert "preferred_date" not in requests_in(app)[0].answers


def test_a_day_moved_in_a_closed_booking_is_refused_when_its_chip_is_tapped(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    chat.tap(STAFF, f"accept={request.id}")  # no such officer: nothing changes
    chat.tap(USER, f"cancel_request={request.id}")
    [answer] = chat.tap(USER, f"move_date={request.id}", {"date": a_working_day(9).isoformat()})
    assert answer == texts.DAY_CLOSED_REQUEST
    assert requests_in(app)[0].answers["preferred_date"] == BOOKED.isoformat()


@pytest.mark.parametrize("refused", ["ไม่สะดวกวันที่ {day} แล้วค่ะ", "วัน{weekday}ไม่ว่างแล้วครับ"])
def test_the_booked_day_refused_asks_for_another_and_a_cancel_then_keeps_the_booking(chat, app, refused):
    request = file_a_booking(chat, app)
    said = refused.format(day=BOOKED.day, weekday=texts.WEEKDAYS[BOOKED.weekday()])
    [question] = chat.say(USER, said)
    assert question.startswith(f"จะเลื่อน CNC {texts.thai_date(BOOKED)} (คำขอ {request.reference})"), question
    [kept] = chat.say(USER, "ยกเลิก")
    assert kept.startswith("ไม่เลื่อนค่ะ CNC")
    [still] = requests_in(app)
    assert still.status == "new" and still.answers["preferred_date"] == BOOKED.isoformat()


def test_the_old_day_kept_in_words_at_the_question(chat, app):
    file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    [kept] = chat.say(USER, "งั้นไม่เลื่อนแล้วครับ เอาวันเดิม")
    assert kept.startswith("ไม่เลื่อนค่ะ") and state_of(app, USER) is None
    assert requests_in(app)[0].answers["preferred_date"] == BOOKED.isoformat()


def book_a_laser_too(chat, app):
    chat.say(USER, "ขอจองเครื่องตัดเลเซอร์ด้วยครับ")
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ", "details": "ตัดอะคริลิก",
                                                     "preferred_date": typed_date(a_working_day(4))})
    chat.tap(USER, "confirm=yes")
    return requests_in(app)


def test_with_two_bookings_the_machine_named_decides_and_none_named_asks_which(chat, app):
    file_a_booking(chat, app)
    cnc, laser = book_a_laser_too(chat, app)
    new = a_working_day(11)
    [moved] = chat.say(USER, f"ขอเลื่อน CNC เป็น {typed_date(new)} ครับ")  # the older booking, by its machine
    assert moved.startswith(moved_to(cnc, new))
    [question] = chat.send(ev.text(USER, f"ขอเลื่อนวันจองเครื่องเป็น {typed_date(a_working_day(13))} ครับ"))
    assert question["text"].startswith("ต้องการเลื่อนการจองเครื่องรายการไหนคะ")
    assert [c["label"][:5] for c in quick_replies(question)] == ["1. CN", "2. เค"]
    [moved] = chat.say(USER, "อันที่สองครับ")
    assert moved.startswith(moved_to(laser, a_working_day(13), laser.answers["machine"]))
    assert [r.answers["preferred_date"] for r in requests_in(app)] == [new.isoformat(),
                                                                       a_working_day(13).isoformat()]


def test_a_move_the_classifier_reads_as_about_an_event_still_moves_the_booking(chat, app):
    request = file_a_booking(chat, app)
    new = a_working_day(8)
    typed = f"ขอเลื่อนไปวันที่ {new.day} {texts.THAI_MONTHS[new.month - 1]} ครับ"
    assert intents.classify(typed).intent == "event"
    [moved] = chat.say(USER, typed)
    assert moved.startswith(moved_to(request, new))


@pytest.mark.parametrize("typed", ["งาน CLUSTER DAY เลื่อนไหมคะ", "สัมมนาเลื่อนเป็นวันที่ 9 ธ.ค. หรือคะ",
                                   "เจ้าหน้าที่นัดไว้ ขอเลื่อนนัดเป็นวันที่ 3 ธ.ค. ได้ไหมคะ"])
def test_an_event_or_an_officer_s_appointment_is_no_move_of_the_booking(chat, app, typed):
    file_a_booking(chat, app)
    said = " ".join(chat.say(USER, typed))
    assert "เลื่อนวันใช้" not in said and "จะเลื่อน" not in said
    assert requests_in(app)[0].answers["preferred_date"] == BOOKED.isoformat()


def test_one_of_two_days_offered_taken_by_its_place(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    [refused] = chat.send(ev.text(USER, f"{typed_date(a_saturday_after(a_working_day(5)))} ค่ะ"))
    later = [c for c in quick_replies(refused) if c.get("data", "").startswith(f"move_date={request.id}:")][-1]
    [moved] = chat.say(USER, "เอาอันหลังเจ้า")
    assert moved.startswith(moved_to(request, date.fromisoformat(later["data"].rpartition(":")[2])))


def test_the_day_already_booked_keeps_the_question_for_the_next_message(chat, app):
    request = file_a_booking(chat, app)
    [same] = chat.say(USER, f"ขอเลื่อนเป็น {typed_date(BOOKED)} ค่ะ")
    assert same.startswith(f"คำขอ {request.reference} นัดใช้ CNC วัน{texts.day_and_date(BOOKED)} อยู่แล้วค่ะ")
    assert "เป็นวันไหนคะ" in same
    new = a_working_day(9)
    [moved] = chat.say(USER, typed_date(new))
    assert moved.startswith(moved_to(request, new))


def test_back_to_a_booking_s_first_day_by_its_machine(chat, app):
    file_a_booking(chat, app)
    _, laser = book_a_laser_too(chat, app)
    first = date.fromisoformat(laser.answers["preferred_date"])
    chat.say(USER, f"ขอเลื่อนเลเซอร์เป็น {typed_date(a_working_day(12))} ครับ")
    [back] = chat.say(USER, f"ส่วนเลเซอร์ขอกลับเป็นวันที่ {typed_date(first)} เหมือนเดิมครับ")
    assert back.startswith(moved_to(laser, first, laser.answers["machine"]))
    assert [r.answers["preferred_date"] for r in requests_in(app)] == [BOOKED.isoformat(), first.isoformat()]


def test_a_move_of_another_booking_asked_at_the_day_question_moves_that_one(chat, app):
    cnc = file_a_booking(chat, app)
    _, laser = book_a_laser_too(chat, app)
    chat.say(USER, "ขอเลื่อนเลเซอร์ค่ะ")
    new = a_working_day(10)
    [moved] = chat.say(USER, f"ขอเลื่อน CNC เป็น {typed_date(new)} ค่ะ")
    assert moved.startswith(moved_to(cnc, new))
    assert [r.answers["preferred_date"] for r in requests_in(app)] == [new.isoformat(),
                                                                       laser.answers["preferred_date"]]


def test_another_topic_at_the_day_question_is_not_taken_for_the_day(chat, app):
    file_a_booking(chat, app)
    chat.say(USER, "ขอเลื่อนวันจองเครื่องค่ะ")
    said = " ".join(chat.say(USER, "ขอคุยกับเจ้าหน้าที่ด่วนค่ะ"))
    assert "เลื่อนวันใช้" not in said and "จดวันที่สะดวก" not in said
    assert requests_in(app)[0].answers["preferred_date"] == BOOKED.isoformat()


def test_a_shift_counts_from_the_day_booked(chat, app):
    request = file_a_booking(chat, app)
    later = BOOKED + timedelta(days=7)
    [answer] = chat.say(USER, "ขอเลื่อนออกไปอีก 7 วันค่ะ")
    assert answer.startswith(moved_to(request, later)) or texts.thai_date(later) in answer, answer


def test_a_cancel_said_with_the_booked_day_is_a_cancel(chat, app):
    request = file_a_booking(chat, app)
    [question] = chat.say(USER, f"ไม่สะดวกวันที่ {BOOKED.day} แล้ว ขอยกเลิกการจองเลยค่ะ")
    assert question.startswith(f"ต้องการยกเลิกคำขอ {request.reference}")


def test_a_hand_typed_postback_with_a_huge_id_is_answered_politely(chat, app):
    file_a_booking(chat, app)
    [answer] = chat.tap(USER, "move_date=99999999999999999999")
    assert answer == texts.DAY_CLOSED_REQUEST


def test_a_move_asked_of_a_withdrawn_booking_says_why_nothing_moves_and_offers_it_back(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    [message] = chat.send(ev.text(USER, f"ขอเลื่อนวันจองเครื่องเป็น {typed_date(a_working_day(10))} ค่ะ"))
    assert message["text"].startswith(f"CNC {texts.thai_date(BOOKED)} (คำขอ {request.reference}) สถานะ \"ยกเลิกแล้ว\" "
                                      "ค่ะ จึงเลื่อนวันไม่ได้")
    assert quick_replies(message)[0]["label"] == "ขอคืนคำขอ"
    [gone] = requests_in(app)
    assert gone.status == "cancelled" and gone.answers["preferred_date"] == BOOKED.isoformat()


def test_a_move_asked_of_a_withdrawn_booking_by_its_reference_says_why_nothing_moves(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    [message] = chat.send(ev.text(USER, f"ขอเลื่อนวัน {request.reference} ค่ะ"))  # the status card alone before (h79)
    assert "จึงเลื่อนวันไม่ได้" in message["text"] and request.reference in message["text"]


@pytest.mark.parametrize("text", ["ลูกค้าขอเลื่อนส่งของ ทำไงดีคะ", "ลูกค้าขอเลื่อนวันรับของค่ะ ทำยังไงดี"])
def test_a_move_of_something_else_with_a_closed_booking_is_not_about_it(chat, app, text):
    request = file_a_booking(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    answer = chat.say(USER, text)  # the second had the cancelled booking's reply (h79)
    assert "จึงเลื่อนวันไม่ได้" not in " ".join(answer)


def test_the_officer_reads_the_day_typed_at_the_question_beside_the_first_words(chat, app, line_api):
    add_staff(app, line_id=OFFICER)
    request = file_a_booking(chat, app)
    saturday, new = a_saturday_after(a_working_day(5)), a_working_day(12)
    chat.say(USER, f"ขอเลื่อนเป็นวันเสาร์ที่ {typed_date(saturday)} ค่ะ")  # closed: the day is asked again
    chat.say(USER, f"งั้น {typed_date(new)} ค่ะ")
    [notice] = moves_told_to(line_api, OFFICER)
    assert f"ข้อความ: ขอเลื่อนเป็นวันเสาร์ที่ {typed_date(saturday)} ค่ะ / งั้น {typed_date(new)} ค่ะ" in notice
    assert f"เป็น {texts.thai_date(new)}" in notice and requests_in(app)[0].id == request.id


def test_a_day_asked_for_in_place_of_the_booked_one_moves_it(chat, app):
    request = file_a_booking(chat, app)
    new = a_working_day(10)
    [answer] = chat.say(USER, f"เปลี่ยนเป็นวันที่ {typed_date(new)} ครับ")  # not "ไม่แน่ใจว่าหมายถึงเรื่องไหน" (h77)
    assert answer.startswith(moved_to(request, new))
    assert [r.answers["preferred_date"] for r in requests_in(app)] == [new.isoformat()]


def test_a_booking_taken_back_with_a_new_day_in_the_same_message_is_restored_and_moved(chat, app):
    request = file_a_booking(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    new = a_working_day(10)
    said = chat.say(USER, f"ยกเลิกผิดครับ ไม่ได้จะยกเลิก แค่อยากเปลี่ยนเป็นวันที่ {typed_date(new)} แทน")
    assert said[0].startswith(f"คืนคำขอ {request.reference} ให้แล้วค่ะ") and said[1].startswith(moved_to(request, new))
    [kept] = requests_in(app)
    assert kept.status == "new" and kept.answers["preferred_date"] == new.isoformat()
