"""A question whether there is an event for a cluster or on a topic ("มี event สำหรับ cosmetics cluster มั้ยคะ",
"มีอบรมบรรจุภัณฑ์ที่สงขลาไหมครับ") shows the events that fit; a plain need still starts its request; through the
webhook."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.line import fake_events as ev
from intents.entities import SECTORS
from storage.database import unit_of_work
from storage.models import Event
from tests.chat import shown
from tests.events.helpers import add_event, registrant, user_id
from tests.events.test_named_events import carousel_titles

ALICE = user_id(0xA1)
NORTH = "CLUSTER DAY อาหารแปรรูปภาคเหนือ"
PACKAGING = "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก"


def _seeded_for(app, sectors: list[str]) -> str:
    """The seeded CLUSTER DAY, for the sectors given (as the console sets them); returns its title."""
    with unit_of_work(app.extensions["frontdesk"].sessions) as session:
        seeded = session.scalar(select(Event).where(Event.title.like("CLUSTER DAY%")))
        seeded.sectors = sectors
        return seeded.title


@pytest.fixture
def events_on(app):
    """The tester's events: CLUSTER DAY for all clusters in Bangkok, one for processed food in Chiang Mai, a
    packaging course in Songkhla and rounds of a ceramics course in Lampang."""
    bangkok = _seeded_for(app, list(SECTORS))
    add_event(app, NORTH, 30, 23, "เชียงใหม่", "--sector", "processed_food")
    add_event(app, PACKAGING, 30, 26, "สงขลา")
    for n in range(1, 4):
        add_event(app, f"อบรมเซรามิกลำปาง รุ่นที่ {n}", 30, 5 + n, "ลำปาง")
    return bangkok


@pytest.mark.parametrize("typed, cluster", [
    ("Hi ค่ะ มี event สำหรับ cosmetics cluster มั้ยคะ", "เครื่องสำอาง"),
    ("มีกิจกรรมของคลัสเตอร์สิ่งทอไหมคะ", "สิ่งทอ"),
])
def test_a_question_of_events_for_a_cluster_shows_the_events_for_it(chat, app, events_on, typed, cluster):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, typed))
    assert carousel_titles(messages) == [events_on]
    assert f"คลัสเตอร์{cluster}" in shown(messages)[0]


def test_events_for_the_food_cluster_are_the_one_for_it_and_the_one_for_all(chat, app, events_on):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "มีงานสำหรับคลัสเตอร์อาหารแปรรูปไหมคะ"))
    assert sorted(carousel_titles(messages)) == sorted([events_on, NORTH])


def test_the_seeded_cluster_day_is_every_clusters(chat, app):
    add_event(app, PACKAGING, 30, 26, "สงขลา")
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, "มีงานสำหรับคลัสเตอร์ปาล์มน้ำมันไหมคะ"))
    [seeded] = carousel_titles(messages)  # before, "ยังไม่มีกิจกรรมสำหรับคลัสเตอร์ปาล์มน้ำมัน"
    assert seeded.startswith("CLUSTER DAY")


@pytest.mark.parametrize("typed", ["มีอบรมเรื่องบรรจุภัณฑ์ไหมคะ", "มีงานอบรมบรรจุภัณฑ์ที่สงขลาไหมครับ"])
def test_a_question_of_a_course_on_a_topic_shows_the_course_whose_title_has_it(chat, app, events_on, typed):
    registrant(chat, ALICE)
    messages = chat.send(ev.text(ALICE, typed))
    assert carousel_titles(messages) == [PACKAGING]
    assert "บรรจุภัณฑ์" in shown(messages)[0]


def test_a_plain_need_still_starts_its_request(chat, app, events_on):
    registrant(chat, ALICE)
    said = chat.say(ALICE, "อยากทำบรรจุภัณฑ์ใหม่")
    assert "พัฒนาบรรจุภัณฑ์" in said[0]


def test_with_no_event_for_the_cluster_that_is_said_and_the_cluster_request_starts(chat, app):
    _seeded_for(app, ["processed_food"])
    add_event(app, NORTH, 30, 23, "เชียงใหม่", "--sector", "processed_food")
    registrant(chat, ALICE)
    said = chat.say(ALICE, "Hi ค่ะ มี event สำหรับ cosmetics cluster มั้ยคะ")
    assert "ยังไม่มีกิจกรรมสำหรับคลัสเตอร์เครื่องสำอาง" in said[0]
    assert "คลัสเตอร์" in said[1] and not any("CLUSTER DAY" in line for line in said)
