"""Response targets in business hours: weekends and Thai public holidays skipped; reminders, then escalation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot import sla, workdays
from bot.dialogue.texts import day_and_date, thai_datetime
from storage.models import ServiceRequest, utcnow
from tests.chat import LineChat, shown
from tests.conftest import SECRET, make_app
from tests.console.helpers import StaffBrowser, add_staff, centre_of, file_request, transfer

BANGKOK = workdays.BANGKOK
USER = "U" + "a" * 32
SOMCHAI = "U" + "5" * 32
ADMIN = "U" + "4" * 32


def bangkok(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BANGKOK)


@pytest.mark.parametrize("start, hours, due", [
    (bangkok(2026, 11, 18, 9, 0), 4, bangkok(2026, 11, 18, 13, 0)),     # a Wednesday morning
    (bangkok(2026, 11, 18, 15, 0), 4, bangkok(2026, 11, 19, 11, 0)),    # 1.5 h today, 2.5 h tomorrow
    (bangkok(2026, 11, 20, 16, 0), 4, bangkok(2026, 11, 23, 12, 0)),    # Friday afternoon: Monday
    (bangkok(2026, 11, 21, 10, 0), 1, bangkok(2026, 11, 23, 9, 30)),    # sent on a Saturday
    (bangkok(2026, 11, 18, 6, 0), 8, bangkok(2026, 11, 18, 16, 30)),    # before opening: a full day
    (bangkok(2026, 12, 4, 15, 30), 2, bangkok(2026, 12, 8, 9, 30)),     # Fri, then Mon 7 Dec is a holiday
    (bangkok(2026, 4, 10, 16, 0), 1, bangkok(2026, 4, 16, 9, 0)),       # Songkran 13-15 April
    (bangkok(2027, 2, 19, 16, 0), 1, bangkok(2027, 2, 23, 9, 0)),       # Mon 22 Feb 2027 makes up Makha Bucha
    (bangkok(2027, 7, 16, 16, 0), 1, bangkok(2027, 7, 21, 9, 0)),       # Khao Phansa, then Asarnha made up
])
def test_business_hours_skip_nights_weekends_and_public_holidays(start, hours, due):
    assert sla.add_business_hours(start, hours) == due


def test_the_holiday_file_is_complete_for_this_year_and_last():
    calendar = workdays.load_calendar()
    assert calendar.covers(2026) and calendar.covers(2025)
    assert calendar.holidays[datetime(2026, 4, 13).date()] == "วันสงกรานต์"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def timed_app(database_url, line_api, clock):
    app = make_app(database_url, line_api, clock=clock)
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=SOMCHAI)
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", line_id=ADMIN, admin=True)
    yield app
    app.extensions["frontdesk"].engine.dispose()


def due_times(app, request_id):
    with app.extensions["frontdesk"].sessions() as session:
        request = session.get(ServiceRequest, request_id)
        return sla.response_due(request), sla.escalation_due(request)


def alerts_to(line_api, line_id):
    return shown([m.message for m in line_api.delivered_messages(to=line_id)])


def test_an_unaccepted_request_is_reminded_once_then_escalated_once(timed_app, line_api, clock):
    chat = LineChat(timed_app, line_api, SECRET)
    request = file_request(chat, timed_app, USER)
    due, escalate = due_times(timed_app, request.id)
    assert due > request.created_at and escalate > due

    clock.now = due - timedelta(minutes=1)
    assert sla.check_response_targets.call_local() == {"reminded": 0, "escalated": 0}
    assert len(alerts_to(line_api, SOMCHAI)) == 1  # only the first alert

    clock.now = due + timedelta(minutes=1)
    assert sla.check_response_targets.call_local() == {"reminded": 1, "escalated": 0}
    sla.check_response_targets.call_local()
    _first_alert, reminder = alerts_to(line_api, SOMCHAI)
    assert "ยังไม่มีผู้รับเรื่อง" in reminder and request.reference in reminder and "รับเรื่อง" in reminder
    assert alerts_to(line_api, ADMIN) == []

    browser = StaffBrowser(timed_app)
    browser.sign_in("somchai")
    assert "เกินเป้า" in browser.page("/staff/requests")

    clock.now = escalate + timedelta(minutes=1)
    assert sla.check_response_targets.call_local() == {"reminded": 0, "escalated": 1}
    sla.check_response_targets.call_local()
    [escalation] = alerts_to(line_api, ADMIN)
    assert "ยกระดับ" in escalation and request.reference in escalation
    assert len(alerts_to(line_api, SOMCHAI)) == 2
    assert "ยกระดับถึงผู้ดูแลระบบ" in browser.page(f"/staff/requests/{request.id}")


def test_an_accepted_request_is_never_reminded(timed_app, line_api, clock):
    chat = LineChat(timed_app, line_api, SECRET)
    request = file_request(chat, timed_app, USER)
    chat.tap(SOMCHAI, f"accept={request.id}")
    clock.now = due_times(timed_app, request.id)[1] + timedelta(days=1)
    assert sla.check_response_targets.call_local() == {"reminded": 0, "escalated": 0}
    assert alerts_to(line_api, ADMIN) == []


def test_a_reminder_survives_a_500_without_a_duplicate(timed_app, line_api, clock):
    from bot import jobs
    chat = LineChat(timed_app, line_api, SECRET)
    request = file_request(chat, timed_app, USER)
    clock.now = due_times(timed_app, request.id)[0] + timedelta(minutes=1)
    line_api.fail_next("/v2/bot/message/push", status=503)
    sla.check_response_targets.call_local()
    jobs.run_scheduled()
    assert len(alerts_to(line_api, SOMCHAI)) == 2


def test_the_alert_cards_say_when_the_request_was_filed_and_a_reminder_how_long_ago_by_the_clock(
        timed_app, line_api, clock):
    chat = LineChat(timed_app, line_api, SECRET)
    request = file_request(chat, timed_app, USER)
    due, _escalate = due_times(timed_app, request.id)
    clock.now = due + timedelta(minutes=1)
    sla.check_response_targets.call_local()
    first, reminder = alerts_to(line_api, SOMCHAI)
    filed = thai_datetime(request.created_at)
    assert filed in first and "ที่แล้ว" not in first  # a push may be read hours later
    hours = int((clock.now - request.created_at).total_seconds() // 3600)
    assert f"{filed} ({hours} ชั่วโมงที่แล้ว)" in reminder or f"{filed} ({hours // 24} วันที่แล้ว)" in reminder


@pytest.mark.parametrize("moment, opens", [
    (bangkok(2026, 11, 22, 19, 0), bangkok(2026, 11, 23, 8, 30)),   # a Sunday evening
    (bangkok(2026, 12, 4, 17, 0), bangkok(2026, 12, 8, 8, 30)),     # Friday after hours; Mon 7 Dec closed
    (bangkok(2026, 11, 18, 10, 0), bangkok(2026, 11, 18, 10, 0)),   # a Wednesday morning: open now
])
def test_when_the_centres_next_open(moment, opens):
    assert workdays.next_opening(moment) == opens


def test_a_request_sent_when_the_centres_are_closed_says_when_they_open(timed_app, line_api, clock):
    today = utcnow().astimezone(BANGKOK)  # tonight, after closing: within a day of the conversation's own clock
    clock.now = today.replace(hour=20, minute=0) if today.hour < 20 else today.replace(hour=23, minute=0)
    chat = LineChat(timed_app, line_api, SECRET)
    file_request(chat, timed_app, USER)
    [sent] = [m.text for m in line_api.delivered_messages(to=USER) if m.text and "ส่งคำขอเรียบร้อยแล้ว" in m.text]
    opens = workdays.next_opening(clock.now).astimezone(BANGKOK)
    assert opens.date() > clock.now.date() and f"{opens:%H:%M}" == "08:30"
    assert sent.endswith(f"ตอนนี้อยู่นอกเวลาทำการ ศูนย์จะเปิดอีกครั้งวัน{day_and_date(opens.date())} เวลา 08:30 น. ค่ะ")


def test_a_transferred_request_starts_its_response_target_again_at_its_new_centre(timed_app, line_api, clock):
    chiang_mai = "U" + "8" * 32
    add_staff(timed_app, "ใจดี เชียงใหม่", "เชียงใหม่", "jaidee", line_id=chiang_mai)
    request = file_request(LineChat(timed_app, line_api, SECRET), timed_app, USER)
    due, _ = due_times(timed_app, request.id)
    clock.now = due + timedelta(minutes=1)
    assert sla.check_response_targets.call_local() == {"reminded": 1, "escalated": 0}

    admin = StaffBrowser(timed_app)
    admin.sign_in("admin")
    centre_id, _name = centre_of(timed_app, "เชียงใหม่")
    transfer(admin, request, centre_id, "ลูกค้าอยู่เชียงใหม่")
    new_due, _ = due_times(timed_app, request.id)
    assert new_due > clock.now  # before, it was overdue at the new centre the moment it arrived
    assert sla.check_response_targets.call_local() == {"reminded": 0, "escalated": 0}
    clock.now = new_due + timedelta(minutes=1)
    assert sla.check_response_targets.call_local() == {"reminded": 1, "escalated": 0}
    assert any("ยังไม่มีผู้รับเรื่อง" in alert for alert in alerts_to(line_api, chiang_mai))
