"""Time-driven event jobs with a clock the test moves: the day-before reminder and offers that run out."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot import jobs
from bot.dialogue.texts import BANGKOK
from bot.events.jobs import pass_on_lapsed_offers, remind_tomorrows_events
from tests.chat import LineChat
from tests.conftest import SECRET
from tests.events.helpers import MovableClock, add_event, registrant, registrations, set_user, user_id

ALICE, BEN, CHAI, DAO = (user_id(n) for n in (0xA1, 0xB2, 0xC3, 0xD4))
EVENT_DAY = (datetime.now(BANGKOK) + timedelta(days=20)).date()


@pytest.fixture
def clock():
    return MovableClock(datetime.combine(EVENT_DAY - timedelta(days=3), time(10), BANGKOK))


@pytest.fixture
def chat(timed_app, line_api):
    return LineChat(timed_app, line_api, SECRET)


def register(chat, user: str, event_id: int, wait: bool = False) -> None:
    registrant(chat, user)
    chat.tap(user, f"ev_register={event_id}")
    chat.tap(user, f"ev_people={event_id}:1")
    if wait:
        chat.tap(user, f"ev_wait={event_id}:1")


def reminders_to(line_api, user: str) -> list[str]:
    return [text for text in line_api.delivered_texts(to=user) if "พรุ่งนี้" in text]


def test_the_day_before_everyone_registered_is_reminded_once(timed_app, chat, line_api, clock):
    event = add_event(timed_app, capacity=2, days=20)
    for user in (ALICE, BEN):
        register(chat, user, event["id"])
    register(chat, CHAI, event["id"], wait=True)
    register(chat, DAO, event["id"], wait=True)
    chat.tap(DAO, f"ev_cancel_yes={event['id']}")
    set_user(timed_app, BEN, subscribed=False)

    for moment in (datetime.combine(EVENT_DAY - timedelta(days=2), time(10), BANGKOK),
                   datetime.combine(EVENT_DAY - timedelta(days=1), time(7), BANGKOK)):
        clock.now = moment
        remind_tomorrows_events()
        assert reminders_to(line_api, ALICE) == []
    clock.now = datetime.combine(EVENT_DAY - timedelta(days=1), time(9, 10), BANGKOK)
    remind_tomorrows_events()
    remind_tomorrows_events()
    jobs.run_scheduled()
    [reminder] = reminders_to(line_api, ALICE)
    assert event["title"] in reminder and "เช็กอิน" in reminder
    message = line_api.delivered_messages(to=ALICE)[-1].message
    assert any(item["action"]["data"] == f"ev_ticket={event['id']}" for item in message["quickReply"]["items"])
    assert len(reminders_to(line_api, BEN)) == 1  # no news wanted, but the seat is theirs: reminded all the same
    assert reminders_to(line_api, CHAI) == [] and reminders_to(line_api, DAO) == []


def test_the_reminders_ticket_button_shows_the_code_again(timed_app, chat, line_api, clock):
    event = add_event(timed_app, days=20)
    register(chat, ALICE, event["id"])
    clock.now = datetime.combine(EVENT_DAY - timedelta(days=1), time(12), BANGKOK)
    remind_tomorrows_events()
    said = chat.tap(ALICE, f"ev_ticket={event['id']}")
    code = registrations(timed_app, event["id"])[0].code
    assert any(f"{code[:4]}-{code[4:]}" in s for s in said)


def test_an_offer_not_confirmed_in_time_passes_to_the_next_in_line(timed_app, chat, line_api, clock):
    event = add_event(timed_app, capacity=1, days=20)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    register(chat, CHAI, event["id"], wait=True)
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")
    offer = line_api.delivered_messages(to=BEN)[-1].message
    assert "มีที่นั่งว่าง" in offer["altText"]
    confirm = offer["contents"]["footer"]["contents"][0]["action"]["data"]

    clock.move(hours=23)
    pass_on_lapsed_offers()
    assert [r.status for r in registrations(timed_app, event["id"])] == ["cancelled", "offered", "waiting"]
    clock.move(hours=2)
    pass_on_lapsed_offers()
    assert [r.status for r in registrations(timed_app, event["id"])] == ["cancelled", "expired", "offered"]
    assert "หมดเวลายืนยัน" in line_api.delivered_texts(to=BEN)[-1]
    assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=CHAI)[-1].message["altText"]

    [late] = chat.tap(BEN, confirm)
    assert "ตอนนี้ไม่มีที่นั่ง" in late or "หมดเวลา" in late
    assert [r.status for r in registrations(timed_app, event["id"])] == ["cancelled", "expired", "offered"]


def test_an_offer_never_runs_past_the_start_of_the_event(timed_app, chat, line_api, clock):
    event = add_event(timed_app, capacity=1, days=20)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    clock.now = datetime.combine(EVENT_DAY, time(8), BANGKOK)
    chat.tap(ALICE, f"ev_cancel_yes={event['id']}")
    offered = registrations(timed_app, event["id"])[1]
    assert offered.status == "offered"
    assert offered.offered_until == datetime.combine(EVENT_DAY, time(9), BANGKOK)


def test_the_ticket_promises_a_reminder_only_while_one_is_still_to_go(timed_app, chat, clock):
    event = add_event(timed_app, days=20)  # on EVENT_DAY; the clock says three days before, at 10:00
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_register={event['id']}")
    [early, *_] = chat.tap(ALICE, f"ev_people={event['id']}:1")
    assert "จะส่งข้อความเตือนให้ 1 วันก่อนงาน" in early
    clock.now = datetime.combine(EVENT_DAY - timedelta(days=1), time(21), BANGKOK)  # the evening before (h81)
    registrant(chat, BEN)
    chat.tap(BEN, f"ev_register={event['id']}")
    [late, *_] = chat.tap(BEN, f"ev_people={event['id']}:1")
    assert "ลงทะเบียนเรียบร้อย" in late and "เตือน" not in late
