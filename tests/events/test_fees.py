"""What an event costs: set in the console or with `events add --fee`, shown on its card, and answered when asked
("cluster day เสียตังค์ไหมหนิ", "ค่าสมัครเท่าไหร่คะ"); not stated, the centre to call; through the webhook."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.line import fake_events as ev
from storage.database import unit_of_work
from storage.models import Event
from tests.chat import shown
from tests.console.helpers import signed_in_staff
from tests.events.helpers import add_event, registrant, user_id
from tests.events.test_called_off_or_moved import edited

ALICE = user_id(0xA1)


def _seeded_fee(app, fee: int | None) -> str:
    """The seeded CLUSTER DAY's fee set as given; returns its title."""
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        seeded = session.scalar(select(Event).where(Event.title.like("CLUSTER DAY%")))
        seeded.fee = fee
        return seeded.title


def test_a_free_event_asked_about_says_it_costs_nothing_and_its_card_says_so_too(chat, app):
    title = _seeded_fee(app, 0)
    registrant(chat, ALICE)
    said = shown(chat.send(ev.text(ALICE, "cluster day เสียตังค์ไหมหนิ")))
    assert f"{title}: ไม่มีค่าใช้จ่าย" in said[0]
    assert "💰 ไม่มีค่าใช้จ่าย" in said[-1]


def test_a_fee_not_stated_points_to_the_centre_s_phone(chat, app):
    _seeded_fee(app, None)
    registrant(chat, ALICE)
    said = shown(chat.send(ev.text(ALICE, "cluster day เสียตังค์ไหมหนิ")))
    assert "ยังไม่ได้ระบุค่าใช้จ่าย" in said[0] and "โทร 0" in said[0]
    assert "💰" not in said[-1]


def test_the_fee_asked_with_no_event_named_is_told_for_the_events_on_once_events_are_chosen(chat, app):
    add_event(app, "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก", 30, 10, "สงขลา", "--fee", "500")
    registrant(chat, ALICE)
    chat.say(ALICE, "ค่าสมัครเท่าไหร่คะ")  # not sure what it is about: the choices, events among them
    said = chat.tap(ALICE, "intent=event")
    assert "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก: ค่าลงทะเบียน 500 บาทต่อท่าน" in said[0]


def test_the_fee_is_set_by_the_operators_command_and_the_console(app):
    event = add_event(app, "อบรมการตลาดออนไลน์", 30, 10, "ลำปาง", "--fee", "1200")
    assert event["fee"] == 1200
    admin = signed_in_staff(app, "ผู้ดูแล กิจกรรม", "ITC-R1", "admin", admin=True)
    edited(admin, event, fee="0")
    listed = app.test_cli_runner().invoke(args=["events", "list", "--json"]).output.splitlines()
    assert [json.loads(row)["fee"] for row in listed if "การตลาดออนไลน์" in row] == [0]
    edited(admin, event, fee="")
    listed = app.test_cli_runner().invoke(args=["events", "list", "--json"]).output.splitlines()
    assert [json.loads(row)["fee"] for row in listed if "การตลาดออนไลน์" in row] == [None]
