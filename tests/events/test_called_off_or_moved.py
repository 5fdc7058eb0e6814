"""An event staff call off or move: everyone holding a seat, an offer or a place in line is told once on LINE (news
or not), the ticket and the door stop working for a called-off event, and a moved one's notice gives the new day;
through the console's form, the operators' command, the webhook and the fake LINE API."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.announcements.jobs import start_due_announcements
from bot.dialogue.texts import BANGKOK, thai_datetime
from bot.line import fake_events as ev
from tests.conftest import make_app
from tests.console.helpers import signed_in_staff
from tests.events import helpers
from tests.events.helpers import (
    MovableClock,
    add_event,
    make_followers,
    registrant,
    registrations,
    seats_of,
    set_user,
    user_id,
)

ALICE, BEN, CHAI, DAO = (user_id(n) for n in (0xA1, 0xB2, 0xC3, 0xD4))
CALLED_OFF = "ถูกยกเลิกแล้ว"
CHANGED, BACK = "มีกำหนดใหม่ดังนี้", "กลับมาจัดแล้วค่ะ"


@pytest.fixture
def admin(app):
    return signed_in_staff(app, "ผู้ดูแล กิจกรรม", "ITC-R1", "admin", admin=True)


def register(chat, user: str, event_id: int, wait: bool = False) -> None:
    registrant(chat, user)
    chat.tap(user, f"ev_people={event_id}:1")
    if wait:
        chat.tap(user, f"ev_wait={event_id}:1")


def edited(admin, event: dict, **changes: str):
    """The event's form saved with `changes` (starts as a Bangkok datetime-local); returns the page shown after."""
    starts = datetime.fromisoformat(event["starts_at"]).astimezone(BANGKOK).strftime("%Y-%m-%dT%H:%M")
    form = {"title": event["title"], "starts": starts, "province": event["province"], "capacity": event["capacity"],
            "status": "published", "venue": event["venue"]} | changes
    response = admin.post(f"/staff/events/{event['id']}/edit", form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def told(line_api, user: str, words: str) -> list[str]:
    return [text for text in line_api.delivered_texts(to=user) if words in text]


@pytest.fixture
def full_event(app, chat):
    """Two seats held (CHAI takes no news), BEN waiting, DAO a follower with nothing to do with it."""
    event = add_event(app, capacity=2)
    register(chat, ALICE, event["id"])
    register(chat, CHAI, event["id"])
    set_user(app, CHAI, subscribed=False)
    register(chat, BEN, event["id"], wait=True)
    chat.consent(DAO)
    return event


def test_an_event_called_off_in_the_console_tells_everyone_registered_or_waiting_once(admin, chat, app, line_api,
                                                                                       full_event):
    page = edited(admin, full_event, status="cancelled")
    assert "แจ้งผู้ลงทะเบียนและรายชื่อสำรองทาง LINE แล้วว่ากิจกรรมนี้ยกเลิก" in page
    date = thai_datetime(helpers.event_starts(app, full_event["id"]))
    for user in (ALICE, BEN, CHAI):
        [notice] = told(line_api, user, CALLED_OFF)
        assert f"กิจกรรม \"{full_event['title']}\" วันที่ {date}" in notice and "ไม่ต้องเดินทางไป" in notice
    assert not told(line_api, DAO, CALLED_OFF)
    edited(admin, full_event, status="cancelled", description="งดจัดเนื่องจากน้ำท่วม")  # saved again
    assert [len(told(line_api, user, CALLED_OFF)) for user in (ALICE, BEN, CHAI)] == [1, 1, 1]


def test_a_called_off_event_has_no_ticket_no_seat_to_confirm_and_no_check_in(admin, chat, app, line_api):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    chat.tap(ALICE, f"ev_cancel={event['id']}")
    chat.say(ALICE, "ใช่ค่ะ")
    assert seats_of(app, event["id"]) == {"cancelled": 1, "offered": 1}  # BEN is offered the seat ALICE gave up
    register(chat, CHAI, event["id"], wait=True)
    edited(admin, event, status="cancelled")
    [answer] = chat.tap(BEN, f"ev_offer={registrations(app, event['id'])[1].id}:yes")
    assert CALLED_OFF in answer and seats_of(app, event["id"])["offered"] == 1  # nothing confirmed
    [ticket] = chat.tap(CHAI, f"ev_ticket={event['id']}")
    assert CALLED_OFF in ticket and "รหัส" not in ticket
    [mine] = chat.send(ev.postback(CHAI, "ev_mine=1"))
    assert mine["type"] == "text" and CALLED_OFF in mine["text"] and event["title"] in mine["text"]
    code = registrations(app, event["id"])[1].code
    door = admin.post(f"/staff/events/{event['id']}/checkin", {"code": code}).get_data(as_text=True)
    assert "ยกเลิกแล้ว รหัสนี้จึงใช้เช็กอินไม่ได้" in door
    assert registrations(app, event["id"])[1].checked_in_at is None


def test_the_operators_command_calls_off_an_event_as_the_console_does(app, chat, line_api):
    event = add_event(app)
    register(chat, ALICE, event["id"])
    result = app.test_cli_runner().invoke(args=["events", "cancel", str(event["id"])])
    assert result.exit_code == 0 and '"deliveries": 1' in result.output
    assert len(told(line_api, ALICE, CALLED_OFF)) == 1
    assert CALLED_OFF in chat.tap(ALICE, f"ev_ticket={event['id']}")[0]
    missing = app.test_cli_runner().invoke(args=["events", "cancel", "999"])
    assert missing.exit_code != 0 and "no event 999" in missing.output


def test_a_moved_event_tells_its_registrants_the_new_day_and_keeps_their_seats(admin, chat, app, line_api,
                                                                               full_event):
    later = (datetime.fromisoformat(full_event["starts_at"]).astimezone(BANGKOK) + timedelta(days=3, hours=4))
    edited(admin, full_event, starts=later.strftime("%Y-%m-%dT%H:%M"), venue="ห้องประชุม 2")
    for user in (ALICE, BEN, CHAI):
        [notice] = told(line_api, user, CHANGED)
        assert thai_datetime(later) in notice and "ห้องประชุม 2 จ.เชียงใหม่" in notice
    assert not told(line_api, DAO, CHANGED)
    assert seats_of(app, full_event["id"]) == {"registered": 2, "waiting": 1}
    [ticket, *_] = chat.tap(ALICE, f"ev_ticket={full_event['id']}")
    assert thai_datetime(later) in ticket
    edited(admin, full_event, starts=later.strftime("%Y-%m-%dT%H:%M"), venue="ห้องประชุม 2",
           description="เพิ่มรายละเอียด")  # nothing registrants need to know
    assert len(told(line_api, ALICE, CHANGED)) == 1


def test_an_event_called_off_then_on_again_tells_everyone_still_in_its_list_it_is_back(admin, chat, app, line_api,
                                                                                      full_event):
    edited(admin, full_event, status="cancelled")
    later = datetime.fromisoformat(full_event["starts_at"]).astimezone(BANGKOK) + timedelta(days=7)
    edited(admin, full_event, starts=later.strftime("%Y-%m-%dT%H:%M"))  # published again, a week later (h83)
    for user in (ALICE, BEN, CHAI):
        [back] = told(line_api, user, BACK)
        assert thai_datetime(later) in back
    assert not told(line_api, DAO, BACK)
    [ticket, *_] = chat.tap(ALICE, f"ev_ticket={full_event['id']}")
    assert "รหัสเช็กอิน" in ticket and thai_datetime(later) in ticket


def test_a_seat_offered_before_the_event_moved_earlier_is_to_be_confirmed_before_it_starts(admin, chat, app):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")  # BEN is offered the seat for 24 hours
    sooner = datetime.now(BANGKOK).replace(second=0, microsecond=0) + timedelta(hours=5)
    edited(admin, event, starts=sooner.strftime("%Y-%m-%dT%H:%M"))
    [offer] = [r for r in registrations(app, event["id"]) if r.status == "offered"]
    assert offer.offered_until == sooner


def test_a_notice_to_an_event_s_registrants_reaches_those_who_take_no_news(app, chat, line_api, full_event):
    result = app.test_cli_runner().invoke(args=["announce", "send", "--text", "แจ้งเปลี่ยนห้องจัดงานเป็นห้อง 3 ค่ะ",
                                                "--event", str(full_event["id"])])
    assert result.exit_code == 0, result.output
    for user in (ALICE, BEN, CHAI):  # CHAI said "เลิกรับข่าว", but the seat is hers
        assert told(line_api, user, "ห้อง 3")
    assert not told(line_api, DAO, "ห้อง 3")


def test_no_card_to_register_is_sent_for_an_event_called_off(database_url, line_api):
    clock = MovableClock(datetime.now(BANGKOK))
    app = make_app(database_url, line_api, clock=clock)
    event = add_event(app)
    [follower] = make_followers(app, 1)
    later = (clock.now + timedelta(hours=2)).replace(tzinfo=None).isoformat(timespec="minutes")
    scheduled = app.test_cli_runner().invoke(args=["announce", "send", "--text", "ขอเชิญร่วมงานค่ะ",
                                                   "--card", str(event["id"]), "--schedule", later])
    assert scheduled.exit_code == 0, scheduled.output
    assert app.test_cli_runner().invoke(args=["events", "cancel", str(event["id"])]).exit_code == 0
    refused = app.test_cli_runner().invoke(args=["announce", "send", "--text", "ขอเชิญค่ะ", "--card", str(event["id"])])
    assert refused.exit_code != 0 and "cancelled: there is nothing to register for" in refused.output
    clock.move(hours=2, minutes=1)
    start_due_announcements()  # the invitation goes at its time, without the card of the event called off
    assert [m.message["type"] for m in line_api.delivered_messages(to=follower)] == ["text"]
    assert told(line_api, follower, "ขอเชิญร่วมงานค่ะ")
    app.extensions["frontdesk"].engine.dispose()


def test_asking_for_one_s_registrations_with_none_says_so_and_a_draft_s_title_is_never_told(app, chat):
    registrant(chat, ALICE)
    [none] = chat.send(ev.text(ALICE, "ลงทะเบียนไว้งานไหนบ้างคะ"))
    assert none["text"] == "ท่านยังไม่ได้ลงทะเบียนกิจกรรมไหนค่ะ"  # h81: before, the list of every event
    draft = add_event(app, "งานลับยังไม่ประกาศ", 10, 20, "เชียงใหม่", "--draft")
    said = chat.tap(ALICE, f"ev_register={draft['id']}")  # a tap typed by hand
    assert said == ["ขออภัยค่ะ กิจกรรมนี้ไม่เปิดรับลงทะเบียนแล้วค่ะ"]


ON_HOLD, REOPENED = "ขอเลื่อนออกไปก่อน", "กลับมาเปิดแล้วค่ะ"


def test_an_event_set_back_to_draft_tells_its_registrants_once_and_stops_tickets_and_the_door(admin, chat, app,
                                                                                              line_api, full_event):
    page = edited(admin, full_event, status="draft")
    assert "เลื่อนออกไปก่อน" in page
    for user in (ALICE, BEN, CHAI):
        [notice] = told(line_api, user, ON_HOLD)
        assert full_event["title"] in notice and "ยังอยู่ในรายชื่อ" in notice and CALLED_OFF not in notice
    assert not told(line_api, DAO, ON_HOLD)
    edited(admin, full_event, status="draft", description="รอยืนยันสถานที่")  # saved again: nobody told twice
    assert [len(told(line_api, user, ON_HOLD)) for user in (ALICE, BEN, CHAI)] == [1, 1, 1]
    assert seats_of(app, full_event["id"]) == {"registered": 2, "waiting": 1}  # kept, for when it is back

    [ticket] = chat.tap(ALICE, f"ev_ticket={full_event['id']}")
    assert ON_HOLD in ticket and "รหัส" not in ticket
    code = registrations(app, full_event["id"])[0].code
    door = admin.post(f"/staff/events/{full_event['id']}/checkin", {"code": code}).get_data(as_text=True)
    assert "รหัสนี้จึงใช้เช็กอินไม่ได้" in door and registrations(app, full_event["id"])[0].checked_in_at is None

    edited(admin, full_event)  # published again
    for user in (ALICE, BEN, CHAI):
        assert len(told(line_api, user, REOPENED)) == 1
    [ticket, *_] = chat.tap(ALICE, f"ev_ticket={full_event['id']}")
    assert "รหัสเช็กอิน" in ticket


def test_a_seat_offered_when_the_event_is_set_back_to_draft_waits_again_and_is_offered_afresh_when_back(
        admin, chat, app, line_api):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")  # BEN is offered the seat
    offer = registrations(app, event["id"])[1]
    edited(admin, event, status="draft")
    assert seats_of(app, event["id"]) == {"cancelled": 1, "waiting": 1}
    [answer] = chat.tap(BEN, f"ev_offer={offer.id}:yes")
    assert ON_HOLD in answer and seats_of(app, event["id"]) == {"cancelled": 1, "waiting": 1}
    edited(admin, event)
    assert seats_of(app, event["id"]) == {"cancelled": 1, "offered": 1}
    offers = [m for m in line_api.delivered_messages(to=BEN) if "มีที่นั่งว่าง" in m.message.get("altText", "")]
    assert len(offers) == 2  # before it was set back, and afresh now
