"""A request withdrawn by mistake, taken back: tapped under the cancellation or typed ("ยกเลิกผิดค่ะ"), within a
day; the same request waits for an officer again and whoever was told of the withdrawal is told it is back. What
staff closed, a refund, and a withdrawal too old stay as they are; through the webhook and the fake LINE API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.line import fake_events as ev
from storage import repositories as repo
from storage.models import StatusChange, utcnow
from tests.bot.test_service_requests import STAFF, USER, add_staff, file_packaging_request, requests_in
from tests.bot.test_withdrawing_a_request import OTHER, WITHDRAWN, status_of
from tests.chat import quick_replies
from tests.events.helpers import add_event, register, set_user

RESTORED = "คืนคำขอ {} ให้แล้วค่ะ คำขอกลับไปรอเจ้าหน้าที่รับเรื่องตามเดิม {}นะคะ"
TOLD, WILL_SEE = "แจ้งเจ้าหน้าที่ที่ดูแลให้แล้ว", "บันทึกไว้ในคำขอให้เจ้าหน้าที่แล้ว"


def withdrawn(chat, app):
    """USER files a packaging request and withdraws it with a yes; the cancellation's message returned."""
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    [message] = chat.send(ev.text(USER, "ใช่ค่ะ"))
    assert message["text"] == WITHDRAWN.format(request.reference) and status_of(app, request.reference) == "cancelled"
    return request, message


def told_back(line_api, reference: str) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=STAFF) if reference in (m.text or "") and "กลับมา" in m.text]


def withdrawn_ago(app, hours: float) -> None:
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        for change in session.scalars(select(StatusChange).where(StatusChange.to_status == "cancelled")):
            change.changed_at = utcnow() - timedelta(hours=hours)


@pytest.mark.parametrize("undo", [
    "tapped", "ยกเลิกผิดค่ะ เอาคืนได้ไหมคะ", "ขอคำขอเมื่อกี้คืนได้ไหมคะ", "เอาเรื่องเดิมกลับมาได้บ่", "ยกเลิกการยกเลิกค่ะ",
    "ขอคืนได้ไหมคะ"])
def test_a_withdrawal_is_taken_back_and_the_same_request_waits_for_an_officer_again(chat, app, line_api, undo):
    add_staff(app)
    request, message = withdrawn(chat, app)
    [restore] = [c for c in quick_replies(message) if c["label"] == "ขอคืนคำขอ"]
    answer = chat.tap(USER, restore["data"]) if undo == "tapped" else chat.say(USER, undo)
    assert answer == [RESTORED.format(request.reference, TOLD)]
    assert [(r.reference, r.status) for r in requests_in(app)] == [(request.reference, "new")]  # nothing new filed
    assert len(told_back(line_api, request.reference)) == 1
    chat.tap(STAFF, f"accept={request.id}")  # an officer can take it as any other
    assert status_of(app, request.reference) == "accepted"


@pytest.mark.parametrize(("slip", "answer"), [("กดผิดค่ะ", "ใช่ค่ะ"), ("ไม่ได้จะยกเลิกค่ะ", "ใช่"),
                                               ("กดผิดค่ะ", "ไม่ค่ะ")])
def test_a_slip_is_asked_about_before_the_request_is_taken_back(chat, app, line_api, slip, answer):
    add_staff(app)
    request, _ = withdrawn(chat, app)
    [question] = chat.send(ev.text(USER, slip))  # "กดผิด" may be about another tap (h80)
    assert question["text"] == f"ต้องการคืนคำขอ {request.reference} (พัฒนาบรรจุภัณฑ์) ที่ยกเลิกไปใช่ไหมคะ"
    assert status_of(app, request.reference) == "cancelled" and not told_back(line_api, request.reference)
    chat.say(USER, answer)
    taken_back = answer.startswith("ใช่")
    assert status_of(app, request.reference) == ("new" if taken_back else "cancelled")
    assert len(told_back(line_api, request.reference)) == (1 if taken_back else 0)


def test_the_request_taken_back_keeps_its_history_for_the_console(chat, app):
    request, _ = withdrawn(chat, app)
    chat.say(USER, "ยกเลิกผิดค่ะ")
    with app.extensions["frontdesk"].sessions() as session:
        history = session.scalars(select(StatusChange).where(StatusChange.request_id == request.id)
                                  .order_by(StatusChange.id)).all()
        assert [(h.from_status, h.to_status) for h in history] == [(None, "new"), ("new", "cancelled"),
                                                                   ("cancelled", "new")]
        assert history[-1].note == "ผู้ขอคืนคำขอที่ยกเลิกไปทาง LINE"


def test_a_centre_with_no_one_on_line_is_not_said_to_be_told(chat, app):
    request, message = withdrawn(chat, app)
    answer = chat.tap(USER, quick_replies(message)[0]["data"])
    assert answer == [RESTORED.format(request.reference, WILL_SEE)] and status_of(app, request.reference) == "new"


def test_a_second_tap_restores_nothing_more_and_tells_no_one_again(chat, app, line_api):
    add_staff(app)
    request, message = withdrawn(chat, app)
    chat.tap(USER, quick_replies(message)[0]["data"])
    [again] = chat.tap(USER, quick_replies(message)[0]["data"])
    assert again == f"คำขอ {request.reference} ไม่ได้ถูกยกเลิกค่ะ ตอนนี้สถานะ \"รอเจ้าหน้าที่รับเรื่อง\" อยู่นะคะ"
    assert len(told_back(line_api, request.reference)) == 1


def test_an_old_yes_tapped_after_the_request_came_back_asks_before_withdrawing_it_again(chat, app, line_api):
    add_staff(app)
    request, _ = withdrawn(chat, app)
    chat.say(USER, "ยกเลิกผิดค่ะ")
    old_yes = f"cancel_request={request.id}"  # the [ใช่] under "ต้องการยกเลิกคำขอ … ใช่ไหมคะ", further up the chat
    [asked] = chat.send(ev.postback(USER, old_yes))
    assert asked["text"] == (f"คำขอ {request.reference} (พัฒนาบรรจุภัณฑ์) ได้คืนกลับมารอเจ้าหน้าที่แล้วค่ะ "
                             "ต้องการยกเลิกอีกครั้งใช่ไหมคะ")
    assert status_of(app, request.reference) == "new"
    [withdrawn_again] = chat.tap(USER, quick_replies(asked)[0]["data"])  # the yes just offered
    assert withdrawn_again.startswith(WITHDRAWN.format(request.reference))
    assert status_of(app, request.reference) == "cancelled"


def test_a_withdrawal_over_a_day_old_is_sent_again_instead(chat, app, line_api):
    add_staff(app)
    request, message = withdrawn(chat, app)
    withdrawn_ago(app, 25)
    [answer] = chat.tap(USER, quick_replies(message)[0]["data"])
    assert answer.startswith(f"คำขอ {request.reference} ยกเลิกไปเกิน 24 ชั่วโมงแล้วค่ะ จึงคืนไม่ได้")
    [typed] = chat.say(USER, "ยกเลิกผิดค่ะ ขอคืนได้ไหม")
    assert typed == answer and status_of(app, request.reference) == "cancelled"
    assert not told_back(line_api, request.reference)


@pytest.mark.parametrize("text", ["ขอเงินคืนค่าอบรมได้ไหมคะ", "กดผิดค่ะ"])
def test_a_refund_or_a_slip_long_after_takes_nothing_back(chat, app, text):
    request, _ = withdrawn(chat, app)
    withdrawn_ago(app, 2)  # "กดผิด" is about the last tap only
    answer = chat.say(USER, text)
    assert "คืนคำขอ" not in " ".join(answer) and status_of(app, request.reference) == "cancelled"


@pytest.mark.parametrize("text", ["ไม่ได้ยกเลิกคำขอนะคะ แค่ไม่อยากได้ข่าวประกาศแล้ว", "ขอคืนภาษีทำยังไงคะ",
                                  "ลูกค้าขอคืนเงินค่ะ ต้องคืนไหม", "เพจร้านโดนแฮก กู้คืนยังไงคะ",
                                  "ขอบคุณค่ะ เดี๋ยวขอกลับมาคุยใหม่นะคะ", "ขอคืนเงินมัดจำได้ไหมคะ",  # h79
                                  "ขอคืนตัวอย่างไม้ที่ฝากไว้ที่ศูนย์ได้ไหมคะ", "ขอคืนใบเสร็จด้วยค่ะ",  # h80
                                  "กดผิดค่ะ ยกเลิกด้วย"])  # a cancel, as training lines say it
def test_another_wish_said_right_after_a_withdrawal_takes_nothing_back(chat, app, text):
    request, _ = withdrawn(chat, app)
    answer = chat.say(USER, text)
    assert "คืนคำขอ" not in " ".join(answer) and status_of(app, request.reference) == "cancelled"


def test_a_slip_said_after_cancelling_an_event_seat_is_about_the_seat_not_an_earlier_withdrawal(chat, app):
    request, _ = withdrawn(chat, app)
    event = add_event(app)
    set_user(app, USER, contact_name="แอน", phone="0812345678")
    register(chat, USER, event["id"])
    chat.tap(USER, f"ev_cancel_yes={event['id']}")
    answer = chat.say(USER, "กดผิดค่ะ") + chat.say(USER, "เมื่อกี้ยกเลิกผิดค่ะ")  # h79, h80
    assert "คืนคำขอ" not in " ".join(answer) and status_of(app, request.reference) == "cancelled"


def test_a_request_staff_closed_is_not_restored(chat, app):
    request = file_packaging_request(chat, app)
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        repo.set_request_status(session, session.get(type(request), request.id), "cancelled", by="staff:1",
                                note="ผู้ขอแจ้งทางโทรศัพท์ว่าไม่ต้องการแล้ว")
    answer = chat.say(USER, "ยกเลิกผิดค่ะ ขอคืนได้ไหม")
    assert "คืนคำขอ" not in " ".join(answer) and status_of(app, request.reference) == "cancelled"
    [tapped] = chat.tap(USER, f"restore_request={request.id}")
    assert tapped.startswith(f"คำขอ {request.reference} ศูนย์ปิดเรื่องไปแล้วค่ะ") and status_of(app, request.reference) == "cancelled"


def test_someone_elses_request_is_not_restored(chat, app):
    request, _ = withdrawn(chat, app)
    chat.consent(OTHER)
    [answer] = chat.tap(OTHER, f"restore_request={request.id}")
    assert answer.startswith("ไม่พบคำขอที่ยกเลิกไปค่ะ") and status_of(app, request.reference) == "cancelled"


def test_a_stale_no_after_the_withdrawal_says_it_went_and_offers_it_back(chat, app):
    request = file_packaging_request(chat, app)
    [question] = chat.send(ev.text(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ"))
    yes, no = quick_replies(question)
    chat.tap(USER, yes["data"])
    [message] = chat.send(ev.postback(USER, no["data"]))
    assert message["text"] == f"คำขอ {request.reference} ยกเลิกไปแล้วค่ะ"  # not "คำขอของท่านยังอยู่"
    assert quick_replies(message)[0]["label"] == "ขอคืนคำขอ" and status_of(app, request.reference) == "cancelled"


def test_a_no_to_a_pending_cancel_question_takes_back_no_other_request(chat, app, line_api):
    add_staff(app)
    first, _ = withdrawn(chat, app)  # withdrawn on purpose
    chat.say(USER, "อยากได้ถุงใส่ขนมค่ะ")
    chat.say(USER, "ขนมเปี๊ยะ")
    chat.tap(USER, "reuse=yes")
    chat.tap(USER, "confirm=yes")
    second = requests_in(app)[-1]
    chat.say(USER, f"ขอยกเลิกคำขอ {second.reference} ค่ะ")
    said = chat.say(USER, "เอ้ย ไม่ได้จะยกเลิกค่ะ")  # h80: the first came back and its officer was told
    assert "คำขอของท่านยังอยู่" in " ".join(said)
    assert [r.status for r in requests_in(app)] == ["cancelled", "new"] and not told_back(line_api, first.reference)
