"""Staff in LINE: alerts on new requests, accepting from the card (first tap wins), linking accounts and
groups, and alerts that survive LINE failing."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import select

from bot import jobs
from bot.line import fake_events as ev
from storage.models import Delivery, ServiceRequest, Staff, StaffGroup
from tests.chat import LineChat, shown
from tests.conftest import SECRET
from tests.console.helpers import StaffBrowser, add_staff, file_request, load

USER = "U" + "a" * 32
SOMCHAI = "U" + "5" * 32
MANEE = "U" + "6" * 32
GROUP = "C" + "7" * 32


def group_event(kind: str, line_api, user_id: str | None = None, **fields) -> dict:
    """An event from the centre's LINE group, as LINE sends it; replies go to the whole group."""
    event = ev.base_event(kind, user_id or "U" + "0" * 32) | fields
    event["source"] = {"type": "group", "groupId": GROUP} | ({"userId": user_id} if user_id else {})
    line_api.register_reply_token(event["replyToken"], GROUP)
    return event


def in_group(chat, line_api, event: dict) -> list[str]:
    """Post a group event; what the group then read."""
    before = len(line_api.delivered_messages(to=GROUP))
    body = ev.webhook_body([event])  # signed like LINE; the reply token stays the group's
    assert chat.post([], signature=ev.sign(body, SECRET), body=body).status_code == 200
    return shown([m.message for m in line_api.delivered_messages(to=GROUP)[before:]])


def group_says(chat, line_api, user_id: str, text: str) -> list[str]:
    return in_group(chat, line_api, group_event("message", line_api, user_id, message={
        "type": "text", "id": ev.message_id(), "quoteToken": "q", "text": text}))


@pytest.fixture
def staff(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    add_staff(app, "มานี มีงาน", "เชียงราย", "manee", line_id=MANEE)


def test_a_new_request_alerts_every_linked_officer_of_its_centre_with_a_card(app, chat, line_api, staff):
    add_staff(app, "สุดา โคราช", "นครราชสีมา", "suda", line_id="U" + "8" * 32)
    request = file_request(chat, app, USER)
    for officer in (SOMCHAI, MANEE):
        [alert] = shown([m.message for m in line_api.delivered_messages(to=officer)])
        assert request.reference in alert and "คำขอใหม่" in alert and "พัฒนาบรรจุภัณฑ์" in alert
        assert "ร้านกาแฟดอยหลวง" in alert and "เชียงราย" in alert and "รับเรื่อง" in alert
        assert "เปิดในระบบ" in alert
    assert line_api.delivered_messages(to="U" + "8" * 32) == []  # another centre hears nothing
    card = line_api.delivered_messages(to=SOMCHAI)[0].message["contents"]
    buttons = [b["action"] for b in card["footer"]["contents"]]
    assert buttons[0]["data"] == f"accept={request.id}"
    assert buttons[1]["uri"].endswith(f"/staff/requests/{request.id}")


def test_a_call_for_staff_alerts_the_same_way(app, chat, line_api, staff):
    request = file_request(chat, app, USER, "contact_staff")
    [alert] = shown([m.message for m in line_api.delivered_messages(to=SOMCHAI)])
    assert "ขอคุยกับเจ้าหน้าที่" in alert and request.reference in alert


def test_two_officers_tap_accept_at_once_and_exactly_one_wins(app, line_api, staff):
    chat = LineChat(app, line_api, SECRET)
    request = file_request(chat, app, USER)
    barrier, answers = threading.Barrier(2), {}

    def tap(officer: str) -> None:
        own_chat = LineChat(app, line_api, SECRET)  # each phone has its own connection
        barrier.wait()
        answers[officer] = own_chat.tap(officer, f"accept={request.id}")

    threads = [threading.Thread(target=tap, args=(officer,)) for officer in (SOMCHAI, MANEE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    said = [answers[SOMCHAI][0], answers[MANEE][0]]
    winners = [text for text in said if "แล้วค่ะ กรุณาติดต่อ" in text]
    losers = [text for text in said if "มีผู้รับเรื่องแล้ว" in text]
    assert len(winners) == 1 and len(losers) == 1, said
    accepted = load(app, ServiceRequest, request.id)
    with app.extensions["frontdesk"].sessions() as session:
        winner = session.get(Staff, accepted.assignee_id)
    assert winner.name in losers[0] and accepted.status == "accepted"
    told = [m.text for m in line_api.delivered_messages(to=USER) if m.via == "push"]
    assert len([t for t in told if "รับเรื่องแล้ว" in t]) == 1


def test_an_accepted_request_shows_in_the_console_as_theirs(app, chat, line_api, staff):
    request = file_request(chat, app, USER)
    chat.tap(SOMCHAI, f"accept={request.id}")
    browser = StaffBrowser(app)
    browser.sign_in("manee")
    page = browser.page(f"/staff/requests/{request.id}")
    assert "สมชาย ใจดี" in page and "รับเรื่องนี้" not in page


def test_a_second_tap_by_the_officer_who_has_it_says_it_is_theirs(app, chat, line_api, staff):
    request = file_request(chat, app, USER)
    chat.tap(SOMCHAI, f"accept={request.id}")
    [again] = chat.tap(SOMCHAI, f"accept={request.id}")
    assert again == f"ท่านรับเรื่อง {request.reference} ไว้แล้วค่ะ"  # not "มีผู้รับเรื่องแล้วค่ะ (ท่าน)"
    told = [m.text for m in line_api.delivered_messages(to=USER) if m.via == "push"]
    assert len([t for t in told if "รับเรื่องแล้ว" in t]) == 1


def test_alerts_survive_500s_and_timeouts_without_duplicates(app, chat, line_api, staff):
    line_api.fail_next("/v2/bot/message/push", status=500, times=2)
    line_api.hang_next("/v2/bot/message/push", seconds=3, then="accept")  # LINE got it, we timed out
    line_api.hang_next("/v2/bot/message/push", seconds=3, then="drop")
    file_request(chat, app, USER)
    jobs.run_scheduled()
    assert len(line_api.delivered_messages(to=SOMCHAI)) == 1
    assert len(line_api.delivered_messages(to=MANEE)) == 1
    with app.extensions["frontdesk"].sessions() as session:
        alerts = list(session.scalars(select(Delivery).where(Delivery.purpose == "staff_alert")))
    assert [a.status for a in alerts] == ["sent", "sent"] and sum(a.attempts for a in alerts) >= 4
    for alert in alerts:
        keys = {r.header("X-Line-Retry-Key") for r in line_api.requests("/v2/bot/message/push")
                if r.json and r.json.get("to") == alert.recipients[0]}
        assert keys == {alert.retry_key}


def test_an_officer_links_line_with_a_one_time_code_from_the_console(app, chat, line_api):
    add_staff(app, "ปรีชา ยังไม่เชื่อม", "เชียงราย", "preecha")
    browser = StaffBrowser(app)
    browser.sign_in("preecha")
    page = browser.post("/staff/account/link-code").get_data(as_text=True)
    code = re.search(r'<code class="code">(\d{4} \d{4})</code>', page).group(1)
    phone = "U" + "9" * 32
    [linked] = chat.say(phone, code)
    assert "เชื่อมบัญชี LINE นี้กับ ปรีชา ยังไม่เชื่อม" in linked
    assert "✅" in browser.page("/staff/account")
    file_request(chat, app, USER)
    assert any("คำขอใหม่" in s for s in shown([m.message for m in line_api.delivered_messages(to=phone)]))
    [again] = chat.say("U" + "e" * 32, code)  # used once: for anyone else it is just a number
    assert "เชื่อมบัญชี" not in again


def test_a_centre_registers_its_line_group_and_the_group_gets_alerts_and_accepts(app, chat, line_api, staff):
    [welcome] = in_group(chat, line_api, group_event("join", line_api))
    assert "รหัสลงทะเบียนกลุ่ม" in welcome
    assert group_says(chat, line_api, SOMCHAI, "สวัสดีครับทุกคน") == []  # the bot never chats in groups

    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    page = browser.post("/staff/account/group-code").get_data(as_text=True)
    code = re.search(r'<code class="code">(\d{4} \d{4})</code>', page).group(1)
    [registered] = group_says(chat, line_api, SOMCHAI, code)
    assert "ลงทะเบียนกลุ่มนี้" in registered and "คำขอของ Mini ITC เชียงราย แล้วค่ะ" in registered

    request = file_request(chat, app, USER)
    assert any(request.reference in s for s in shown([m.message for m in line_api.delivered_messages(to=GROUP)]))
    [answer] = in_group(chat, line_api, group_event("postback", line_api, MANEE,
                                                    postback={"data": f"accept={request.id}"}))
    assert answer.startswith("มานี มีงาน: รับเรื่อง") and request.reference in answer
    assert load(app, ServiceRequest, request.id).status == "accepted"

    in_group(chat, line_api, group_event("leave", line_api))
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(StaffGroup.active)) is False


def test_a_stranger_in_the_group_cannot_accept(app, chat, line_api, staff):
    request = file_request(chat, app, USER)
    [answer] = in_group(chat, line_api, group_event("postback", line_api, "U" + "f" * 32,
                                                    postback={"data": f"accept={request.id}"}))
    assert "เชื่อมบัญชี LINE" in answer
    assert load(app, ServiceRequest, request.id).status == "new"


def test_a_wrong_group_code_is_refused(app, chat, line_api, staff):
    [answer] = group_says(chat, line_api, SOMCHAI, "1234 5678")
    assert "ไม่ถูกต้องหรือหมดอายุ" in answer
