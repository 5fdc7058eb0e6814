"""Working a request in the console: accept, assign, statuses, notes, replies, rating; the entrepreneur hears."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from sqlalchemy import select

from bot.console.texts import HANDOVER_ACK
from bot.dialogue.texts import ASK_ERASE, thai_date
from storage.models import AuditEntry, Delivery, LineUser, RequestNote, ServiceRequest
from tests.bot.test_service_requests import FIRST_MESSAGES, answer_until, state_of
from tests.chat import quick_replies
from tests.console.helpers import StaffBrowser, add_staff, file_request, load

USER = "U" + "a" * 32
STAFF_LINE = "U" + "5" * 32


@pytest.fixture
def somchai(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=STAFF_LINE)
    add_staff(app, "มานี มีงาน", "เชียงราย", "manee")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    return browser


def pushes_to(line_api, user=USER):
    return [m for m in line_api.delivered_messages(to=user) if m.via == "push"]


def test_accept_move_through_the_life_cycle_and_every_step_reaches_the_entrepreneur(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    page = somchai.page(f"/staff/requests/{request.id}")
    assert "ร้านกาแฟดอยหลวง" in page and "0812345678" in page and "รับเรื่องนี้" in page

    assert "รับเรื่อง" in somchai.post(f"/staff/requests/{request.id}/accept").get_data(as_text=True)
    somchai.post(f"/staff/requests/{request.id}/status", {"status": "in_progress"})
    somchai.post(f"/staff/requests/{request.id}/status", {"status": "waiting",
                                                          "message": "รบกวนส่งรูปกล่องเดิมมาด้วยนะคะ"})
    somchai.post(f"/staff/requests/{request.id}/status", {"status": "done"})

    texts = [m.text for m in pushes_to(line_api)]
    assert "เจ้าหน้าที่" in texts[0] and "รับเรื่องแล้ว" in texts[0] and request.reference in texts[0]
    assert "กำลังดำเนินการ" in texts[1]
    assert "รอข้อมูลเพิ่มเติม" in texts[2] and "รบกวนส่งรูปกล่องเดิมมาด้วยนะคะ" in texts[2]
    assert "เสร็จสิ้น" in texts[3] and "ให้คะแนน" in texts[4]
    assert [a["data"] for a in quick_replies(pushes_to(line_api)[-1].message)] == [
        f"rate={request.id}:{n}" for n in (5, 4, 3, 2, 1)]
    done = load(app, ServiceRequest, request.id)
    assert done.status == "done" and done.closed_at and done.accepted_at and done.assignee_id
    page = somchai.page(f"/staff/requests/{request.id}")
    assert page.count("สมชาย ใจดี") >= 4  # history and audit log name who did it
    with app.extensions["frontdesk"].sessions() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.request_id == request.id))]
    assert actions == ["accept", "status", "status", "status"]


def test_the_request_page_shows_the_answers_as_the_entrepreneur_saw_them(app, chat, somchai):
    shown = {}
    for n, service in enumerate(("business_matching", "cluster", "machinery")):
        request = file_request(chat, app, f"U{n:032x}", service)
        shown[service] = (request.answers, somchai.page(f"/staff/requests/{request.id}"))
    answers, page = shown["business_matching"]
    assert "ญี่ปุ่น (J-GoodTech)" in page and answers["market"] == "japan" and ">japan<" not in page
    answers, page = shown["cluster"]
    assert "เครื่องสำอาง" in page and answers["sector"] == "cosmetics" and ">cosmetics<" not in page
    answers, page = shown["machinery"]
    when = date.fromisoformat(answers["preferred_date"])
    assert f"<dt>วันที่สะดวก</dt><dd>{thai_date(when)}</dd>" in page and answers["preferred_date"] not in page


def test_the_entrepreneur_rates_a_finished_request_once_and_staff_see_it(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/accept")
    somchai.post(f"/staff/requests/{request.id}/status", {"status": "done"})
    [thanks] = chat.tap(USER, f"rate={request.id}:5")
    assert "ขอบคุณ" in thanks and "⭐⭐⭐⭐⭐" in thanks
    [again] = chat.tap(USER, f"rate={request.id}:1")
    assert "ได้รับคะแนน" in again
    assert load(app, ServiceRequest, request.id).rating == 5
    assert "⭐ 5/5" in somchai.page(f"/staff/requests/{request.id}")
    assert "⭐5" in somchai.page("/staff/requests?status=done")


def test_a_rating_for_someone_elses_request_is_refused(app, chat, somchai):
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/accept")
    somchai.post(f"/staff/requests/{request.id}/status", {"status": "done"})
    [answer] = chat.tap("U" + "c" * 32, f"rate={request.id}:1")
    assert "ไม่พบคำขอ" in answer and load(app, ServiceRequest, request.id).rating is None


def test_rejecting_needs_a_reason_which_the_entrepreneur_receives(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    before = len(pushes_to(line_api))
    page = somchai.post(f"/staff/requests/{request.id}/status", {"status": "rejected"}).get_data(as_text=True)
    assert "กรุณาระบุเหตุผล" in page and load(app, ServiceRequest, request.id).status == "new"
    somchai.post(f"/staff/requests/{request.id}/status",
                 {"status": "rejected", "reason": "บริการนี้ต้องติดต่อสำนักงานอุตสาหกรรมจังหวัดค่ะ"})
    [update] = [m.text for m in pushes_to(line_api)[before:]]
    assert "ไม่สามารถให้บริการได้" in update and "สำนักงานอุตสาหกรรมจังหวัด" in update
    closed = load(app, ServiceRequest, request.id)
    assert closed.status == "rejected" and closed.close_reason.startswith("บริการนี้")


def test_a_transition_outside_the_life_cycle_is_refused(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    page = somchai.post(f"/staff/requests/{request.id}/status", {"status": "done"}).get_data(as_text=True)
    assert "ไม่ได้ค่ะ" in page and load(app, ServiceRequest, request.id).status == "new"


def test_assigning_to_a_colleague_accepts_for_them(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    with app.extensions["frontdesk"].sessions() as session:
        from storage.models import Staff
        manee = session.scalar(select(Staff).where(Staff.login == "manee"))
    somchai.post(f"/staff/requests/{request.id}/assign", {"assignee_id": str(manee.id)})
    assigned = load(app, ServiceRequest, request.id)
    assert assigned.assignee_id == manee.id and assigned.status == "accepted"
    assert "รับเรื่องแล้ว" in pushes_to(line_api)[-1].text
    assert "มานี มีงาน" in somchai.page(f"/staff/requests?assignee={manee.id}")


def test_notes_stay_internal(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    before = len(line_api.delivered_messages(to=USER))
    somchai.post(f"/staff/requests/{request.id}/notes", {"text": "ลูกค้ารายเดิม เคยมาปี 2568"})
    assert "ลูกค้ารายเดิม เคยมาปี 2568" in somchai.page(f"/staff/requests/{request.id}")
    assert len(line_api.delivered_messages(to=USER)) == before
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(RequestNote.text)) == "ลูกค้ารายเดิม เคยมาปี 2568"


def test_a_console_reply_is_pushed_and_the_bot_keeps_quiet_until_hand_back(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ สะดวกคุยตอนนี้ไหมคะ"})
    [reply] = pushes_to(line_api)
    assert "สะดวกคุยตอนนี้ไหมคะ" in reply.text and "สมชาย ใจดี" in reply.text
    assert reply.retry_key  # a push with its own retry key, never a reply token

    assert chat.say(USER, "สะดวกค่ะ โทรมาได้เลย") == [HANDOVER_ACK]  # one word that the officer has it, then quiet
    assert chat.say(USER, "รอนะคะ") == []
    page = somchai.page(f"/staff/requests/{request.id}")
    assert "สะดวกค่ะ โทรมาได้เลย" in page and "จบการสนทนา" in page

    somchai.post(f"/staff/requests/{request.id}/hand-back")
    assert "จบการสนทนาแล้ว" in pushes_to(line_api)[-1].text
    assert chat.say(USER, "สวัสดีค่ะ")  # the bot answers again


def test_the_centre_name_stands_apart_from_the_thai_around_it(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    page = somchai.page(f"/staff/requests/{request.id}")
    assert "เจ้าหน้าที่ Mini ITC เชียงราย ได้รับเรื่องของท่านแล้ว" in page  # the canned greeting
    somchai.post(f"/staff/requests/{request.id}/accept")
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สะดวกคุยไหมคะ"})
    accepted, reply = (m.text for m in pushes_to(line_api))
    assert "เจ้าหน้าที่ Mini ITC เชียงราย รับเรื่องแล้วค่ะ" in accepted
    assert reply.startswith("💬 เจ้าหน้าที่ Mini ITC เชียงราย (สมชาย ใจดี):")


def pings(line_api):
    """The officer's pushes about what the user wrote (the new-request alert went to them as well)."""
    return [m for m in pushes_to(line_api, STAFF_LINE) if "ตอบกลับในแชต" in (m.text or "")]


def test_what_the_user_writes_during_a_handover_pings_the_officer_on_line(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สะดวกให้โทรกลับช่วงไหนคะ"})

    assert chat.say(USER, "บ่ายสองโมงค่ะ เบอร์ ๐๘๑-๒๓๔-๕๖๗๘ 🙏") == [HANDOVER_ACK]
    [ping] = pings(line_api)
    assert "บ่ายสองโมงค่ะ เบอร์ ๐๘๑-๒๓๔-๕๖๗๘ 🙏" in ping.text and request.reference in ping.text
    assert f"/staff/requests/{request.id}" in ping.text and ping.retry_key

    assert chat.say(USER, "<b>" + "ค" * 5000 + "</b>") == []  # a burst: the console shows the rest
    assert len(pings(line_api)) == 1
    assert "&lt;b&gt;" + "ค" * 5000 in somchai.page(f"/staff/requests/{request.id}")  # whole, and escaped

    somchai.post(f"/staff/requests/{request.id}/hand-back")
    chat.say(USER, "ขอบคุณค่ะ")
    assert len(pings(line_api)) == 1  # after hand-back the bot answers; nobody is pinged


@pytest.mark.parametrize("question, typed", [
    ("business_name", "วิธีใช้งาน"),  # a rich menu label, where a name is asked
    ("business_name", "กิจกรรมของฉัน"),  # the events menu's
    ("yes_or_no", "ได้ค่ะ"),  # a yes, while "กลับมาทำเรื่อง…ต่อไหมคะ" waits
])
def test_what_the_user_types_mid_request_during_a_handover_is_for_the_officer_not_the_bot(
        app, chat, line_api, somchai, question, typed):
    request = file_request(chat, app, USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, "reuse_profile")
    chat.tap(USER, "reuse=no")  # at "ขอชื่อกิจการ…"
    if question == "yes_or_no":
        chat.say(USER, "ศูนย์อยู่ไหนคะ")
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ สะดวกคุยตอนนี้ไหมคะ"})
    assert chat.say(USER, typed) == [HANDOVER_ACK]
    [ping] = pings(line_api)
    assert typed in ping.text and state_of(app, USER) == "business_name"


def test_delete_my_data_during_a_handover_is_still_answered_by_the_bot(app, chat, line_api, somchai):
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ สะดวกคุยตอนนี้ไหมคะ"})
    [asked] = chat.say(USER, "ลบข้อมูลของฉัน")
    assert asked.startswith(ASK_ERASE) and request.reference in asked
    assert pings(line_api) == []


def test_no_ping_when_nobody_of_the_centre_has_linked_line(app, chat, line_api):
    add_staff(app, "มานี มีงาน", "เชียงราย", "manee")
    manee = StaffBrowser(app)
    manee.sign_in("manee")
    request = file_request(chat, app, USER)
    manee.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ"})
    before = len(line_api.delivered_messages())
    assert chat.say(USER, "สวัสดีค่ะ รอสายอยู่นะคะ") == [HANDOVER_ACK]
    assert len(line_api.delivered_messages()) == before + 1  # the reply to the user; no push
    assert "รอสายอยู่นะคะ" in manee.page(f"/staff/requests/{request.id}")


def test_the_bot_speaks_again_after_the_idle_timeout(app, chat, line_api, somchai):
    from datetime import timedelta
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "สวัสดีค่ะ"})
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == USER))
        user.handover_until -= timedelta(minutes=31)
    assert chat.say(USER, "สวัสดีค่ะ")


def test_a_staff_reply_survives_a_500_without_a_duplicate(app, chat, line_api, somchai):
    from bot import jobs
    request = file_request(chat, app, USER)
    line_api.fail_next("/v2/bot/message/push", status=500)
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": "ขอเบอร์สำรองด้วยค่ะ"})
    jobs.run_scheduled()
    assert [m.text for m in pushes_to(line_api)].count(next(m.text for m in pushes_to(line_api))) == 1
    with app.extensions["frontdesk"].sessions() as session:
        [delivery] = session.scalars(select(Delivery).where(Delivery.purpose == "staff_reply"))
        assert delivery.status == "sent" and delivery.attempts == 2


def test_queue_filters_search_and_counts(app, chat, somchai):
    first = file_request(chat, app, USER, "packaging")
    second = file_request(chat, app, "U" + "d" * 32, "training", {"business_name": "วิสาหกิจผ้าทอบ้านดอน",
                                                                     "phone": "0898765432"})
    somchai.post(f"/staff/requests/{first.id}/accept")
    page = somchai.page("/staff/requests?status=all")
    assert page.index(second.reference) < page.index(first.reference)  # newest first
    oldest = somchai.page("/staff/requests?status=all&sort=oldest")
    assert oldest.index(first.reference) < oldest.index(second.reference)
    assert first.reference not in somchai.page("/staff/requests?status=new")
    assert second.reference not in somchai.page("/staff/requests?service=packaging")
    assert first.reference in somchai.page("/staff/requests?assignee=me")
    for query in ("ผ้าทอ", "089-876-5432", second.reference.lower(), "+66898765432", "+66 89-876-5432"):
        found = somchai.page(f"/staff/requests?status=all&q={quote(query)}")
        assert second.reference in found and first.reference not in found, query
    assert first.reference not in somchai.page("/staff/requests?date_from=2020-01-01&date_to=2020-12-31")
    counts = somchai.page("/staff/requests")
    assert "ยังไม่ปิด<b>2</b>" in counts and "รอเจ้าหน้าที่รับเรื่อง<b>1</b>" in counts


def test_csv_export_opens_in_excel_with_thai(app, chat, somchai):
    request = file_request(chat, app, USER, answers={"business_name": "=HYPERLINK(\"x\")"})
    response = somchai.get("/staff/requests.csv?status=all")
    body = response.data
    assert body.startswith(b"\xef\xbb\xbf") and "text/csv" in response.headers["Content-Type"]
    text = body.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("เลขที่,บริการ,สถานะ") and request.reference in row
    assert "พัฒนาบรรจุภัณฑ์" in row and "รอเจ้าหน้าที่รับเรื่อง" in row
    assert "'=HYPERLINK" in row  # a formula is shown as text, never run


def test_a_photo_the_entrepreneur_sent_is_shown_only_to_its_centre(app, chat, line_api, somchai):
    from bot.line import fake_events as ev
    from tests.bot.test_service_requests import ANSWERS, FIRST_MESSAGES, answer_until_summary
    add_staff(app, "สุดา โคราช", "นครราชสีมา", "suda")
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["product_design"])
    line_api.put_content("photo-1", b"\x89PNG fake image bytes", "image/png")
    chat.send(ev.image(USER, content_id="photo-1"))
    answer_until_summary(chat, app, USER, ANSWERS)
    chat.tap(USER, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        request = session.scalar(select(ServiceRequest))
        attachment_id = request.attachments[0].id
    page = somchai.page(f"/staff/requests/{request.id}")
    assert f'<img src="/staff/attachments/{attachment_id}"' in page
    image = somchai.get(f"/staff/attachments/{attachment_id}")
    assert image.status_code == 200 and image.data == b"\x89PNG fake image bytes"
    assert image.headers["Content-Type"] == "image/png"
    suda = StaffBrowser(app)
    suda.sign_in("suda")
    assert suda.get(f"/staff/attachments/{attachment_id}").status_code == 404
