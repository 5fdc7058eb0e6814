"""A request for a centre with nobody on LINE still reaches someone: the admins at once, and the response-target
job never skips it quietly (h87 item 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import sla
from bot.console import texts
from storage.models import ServiceRequest
from tests.chat import LineChat, shown
from tests.conftest import SECRET, make_app
from tests.console.helpers import StaffBrowser, add_staff, file_request, load
from tests.console.test_sla import Clock

USER = "U" + "a" * 32
SOMCHAI = "U" + "5" * 32  # an officer of Mini ITC เชียงราย
ADMIN = "U" + "4" * 32


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def timed_app(database_url, line_api, clock):
    app = make_app(database_url, line_api, clock=clock)
    yield app
    app.extensions["frontdesk"].engine.dispose()


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
