"""A request for a centre with nobody on LINE still reaches someone: the admins at once, and the response-target
job never skips it quietly (h87 item 4)."""

from __future__ import annotations

from datetime import timedelta

from bot import sla
from bot.console import texts
from storage.models import ServiceRequest
from tests.chat import LineChat, shown
from tests.conftest import SECRET
from tests.console.helpers import (
    StaffBrowser,
    add_staff,
    centre_of,
    file_request,
    form_fields,
    load,
    signed_in_staff,
    transfer,
)
from tests.console.test_queue_attention import row_of

USER = "U" + "a" * 32
SOMCHAI = "U" + "5" * 32  # an officer of Mini ITC เชียงราย
ADMIN = "U" + "4" * 32
CHIANG_MAI = "U" + "8" * 32  # an officer of ITC เชียงใหม่
NOBODY = texts.ATTENTION["nobody"]


def alerts_to(line_api, line_id) -> list[str]:
    return shown([m.message for m in line_api.delivered_messages(to=line_id)])


def due_times(app, request_id):
    with app.extensions["frontdesk"].sessions() as session:
        request = session.get(ServiceRequest, request_id)
        return sla.response_due(request), sla.escalation_due(request)


def test_a_request_for_a_centre_with_nobody_on_line_goes_to_the_admins_at_once(app, chat, line_api):
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", line_id=ADMIN, admin=True)
    add_staff(app, "ปิยะ ไม่มีไลน์", "เชียงราย", "piya")  # the centre's only officer, off LINE
    request = file_request(chat, app, USER)
    [card] = alerts_to(line_api, ADMIN)
    assert texts.UNSTAFFED_TITLE.format(centre="Mini ITC เชียงราย") in card
    assert request.reference in card and "รับเรื่อง" in card
    [accepted] = chat.tap(ADMIN, f"accept={request.id}")
    assert request.reference in accepted and load(app, ServiceRequest, request.id).status == "accepted"


def test_a_centre_on_line_is_alerted_itself_and_the_admins_are_not(app, chat, line_api):
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", line_id=ADMIN, admin=True)
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    file_request(chat, app, USER)
    assert len(alerts_to(line_api, SOMCHAI)) == 1 and alerts_to(line_api, ADMIN) == []


def test_the_reminder_of_a_centre_with_nobody_on_line_goes_to_the_admins(timed_app, line_api, clock):
    add_staff(timed_app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", line_id=ADMIN, admin=True)
    request = file_request(LineChat(timed_app, line_api, SECRET), timed_app, USER)
    clock.now = due_times(timed_app, request.id)[0] + timedelta(minutes=1)
    sla.check_response_targets.call_local()
    _at_filing, reminder = alerts_to(line_api, ADMIN)
    assert "ยังไม่มีผู้รับเรื่อง" in reminder and request.reference in reminder


def test_with_no_admin_on_line_the_escalation_goes_to_the_centre(timed_app, line_api, clock):
    add_staff(timed_app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    request = file_request(LineChat(timed_app, line_api, SECRET), timed_app, USER)
    due, escalate = due_times(timed_app, request.id)
    clock.now = due + timedelta(minutes=1)
    sla.check_response_targets.call_local()
    clock.now = escalate + timedelta(minutes=1)
    sla.check_response_targets.call_local()
    _alert, _reminder, escalation = alerts_to(line_api, SOMCHAI)
    assert "ยกระดับ" in escalation and request.reference in escalation


def test_nobody_to_reach_at_all_is_written_on_the_request(timed_app, line_api, clock):
    add_staff(timed_app, "ผู้ดูแล ไม่มีไลน์", "กรุงเทพมหานคร", "admin", admin=True)
    request = file_request(LineChat(timed_app, line_api, SECRET), timed_app, USER)
    clock.now = due_times(timed_app, request.id)[0] + timedelta(minutes=1)
    sla.check_response_targets.call_local()
    browser = StaffBrowser(timed_app)
    browser.sign_in("admin")
    assert texts.NOBODY_ON_LINE in browser.page(f"/staff/requests/{request.id}")


def test_a_request_nobody_was_told_of_is_marked_until_someone_accepts_it(app, chat, line_api):
    piya = signed_in_staff(app, "ปิยะ ไม่มีไลน์", "เชียงราย", "piya")  # the centre's only officer, off LINE
    request = file_request(chat, app, USER)  # no admin on LINE either: no delivery at all
    path = f"/staff/requests/{request.id}"

    queue = piya.page("/staff/requests")
    assert NOBODY in row_of(queue, request.reference)  # before: the row looked like any other
    assert "1 รายการต้องดูแล" in queue
    assert request.reference in piya.page("/staff/requests?attention=1")
    page = piya.page(path)
    assert NOBODY in page and texts.NOBODY_TOLD in page
    assert "รับทราบแล้ว" not in page  # reading it does not tell anyone: only taking it clears the mark

    piya.post(f"{path}/accept", form_fields(page, f"{path}/accept"))
    assert NOBODY not in row_of(piya.page("/staff/requests"), request.reference)
    assert NOBODY not in piya.page(path)


def test_a_request_moved_to_a_centre_on_line_is_no_longer_marked(app, chat, line_api):
    admin = signed_in_staff(app, "ผู้ดูแล ไม่มีไลน์", "กรุงเทพมหานคร", "admin", admin=True)
    add_staff(app, "ใจดี เชียงใหม่", "เชียงใหม่", "jaidee", line_id=CHIANG_MAI)
    request = file_request(chat, app, USER)
    assert NOBODY in row_of(admin.page("/staff/requests"), request.reference)

    transfer(admin, request, centre_of(app, "เชียงใหม่")[0], "ลูกค้าสะดวกเข้าศูนย์เชียงใหม่")
    assert len(alerts_to(line_api, CHIANG_MAI)) == 1
    assert NOBODY not in row_of(admin.page("/staff/requests"), request.reference)
    assert request.reference not in admin.page("/staff/requests?attention=1")


def test_a_request_its_centre_was_told_of_is_not_marked(app, chat, line_api):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    request = file_request(chat, app, USER)
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    assert NOBODY not in row_of(browser.page("/staff/requests"), request.reference)


def test_a_request_whose_every_alert_line_refused_is_marked(app, chat, line_api):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)  # who has blocked the bot since
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    line_api.fail_next("/v2/bot/message/push", status=400)
    request = file_request(chat, app, USER)
    assert alerts_to(line_api, SOMCHAI) == []
    assert NOBODY in row_of(browser.page("/staff/requests"), request.reference)
