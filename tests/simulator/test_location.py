"""A shared location finds the centre: the one serving the province (and the nearest, when another is
closer), with address, phone, hours, a map and a way to start a request there."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.line import fake_events as ev
from storage.models import Centre
from tests.bot.test_service_requests import ANSWERS, answer_until, answer_until_summary, requests_in, state_of
from tests.chat import quick_replies, shown

USER = "U" + "4" * 32

# Real places, not the province seats the routing uses: a clock tower, a temple, a lake, a station.
PLACES = {
    "Chiang Rai clock tower": (19.9074, 99.8308, "เชียงราย", "MITC-CRI"),
    "Wat Phumin, Nan": (18.7753, 100.7717, "น่าน", "MITC-NAN"),
    "Kwan Phayao": (19.1700, 99.8900, "พะเยา", "MITC-PYO"),
    "Lampang railway station": (18.2760, 99.4870, "ลำปาง", "MITC-LPG"),
    "Thao Suranari monument, Nakhon Ratchasima": (14.9750, 102.0990, "นครราชสีมา", "ITC-R6"),
    "Victory Monument, Bangkok": (13.7650, 100.5383, "กรุงเทพมหานคร", "ITC-BKK"),
    "Mae Sai border market": (20.4266, 99.8836, "เชียงราย", "MITC-CRI"),
}


def centre(app, code: str) -> Centre:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalar(select(Centre).where(Centre.code == code))


def buttons(flex: dict) -> list[dict]:
    bubbles = flex["contents"]["contents"] if flex["contents"]["type"] == "carousel" else [flex["contents"]]
    return [b["action"] for bubble in bubbles for b in bubble["footer"]["contents"]]


@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_shared_location_finds_the_centre_with_address_phone_hours_and_map(chat, app, place):
    latitude, longitude, province, code = PLACES[place]
    expected = centre(app, code)
    said, card = chat.send(ev.location(USER, latitude, longitude))
    assert f"จ.{province}" in said["text"] and expected.name in said["text"]
    assert card["type"] == "flex" and expected.name in card["altText"]
    [text] = shown([card])
    assert expected.address in text and expected.phone in text and expected.hours in text
    actions = buttons(card)
    assert {"type": "uri", "label": "เปิดแผนที่",
            "uri": f"https://www.google.com/maps/search/?api=1&query={expected.lat},{expected.lon}"} in actions
    assert any(a["type"] == "uri" and a["uri"].startswith("tel:0") for a in actions)
    assert any(a.get("data") == f"menu=services&province={province}" for a in actions)


def test_when_another_centre_is_closer_both_are_shown(chat, app):
    # Phrae is served by the regional centre in Chiang Mai, but Lampang's Mini ITC is nearer.
    said, card = chat.send(ev.location(USER, 18.1446, 100.1403))
    serving, nearest = centre(app, "ITC-R1"), centre(app, "MITC-LPG")
    assert serving.name in said["text"] and nearest.name in said["text"]
    first, second = card["contents"]["contents"]
    assert serving.name in shown([{**card, "contents": first}])[0]
    assert nearest.name in shown([{**card, "contents": second}])[0] and "ใกล้ที่สุด" in shown(
        [{**card, "contents": second}])[0]


def test_a_request_started_from_the_centre_card_does_not_ask_the_province_again(chat, app):
    chat.consent(USER)
    chat.send(ev.location(USER, 19.9074, 99.8308))
    [carousel] = chat.send(ev.postback(USER, "menu=services&province=เชียงราย"))
    packaging = next(a for a in buttons(carousel) if a.get("data", "").startswith("service=packaging"))
    assert packaging["data"] == "service=packaging&province=เชียงราย"
    chat.tap(USER, packaging["data"])
    asked = []
    while (state := state_of(app, USER)) != "confirm":
        asked.append(state)
        chat.say(USER, ANSWERS[state])
    assert "province" not in asked
    chat.tap(USER, "confirm=yes")
    assert requests_in(app)[0].province == "เชียงราย"


def test_a_location_shared_mid_request_shows_the_centre_and_asks_the_pending_question_again(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    answer_until(chat, app, USER, "phone")
    messages = chat.send(ev.location(USER, 18.7753, 100.7717))
    said = shown(messages)
    assert any("Mini ITC น่าน" in s for s in said) and "เบอร์โทร" in said[-1]
    assert state_of(app, USER) == "phone"
    answer_until_summary(chat, app, USER)


def test_the_province_question_offers_to_share_a_location(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    while state_of(app, USER) != "province":
        messages = chat.send(ev.text(USER, ANSWERS[state_of(app, USER)]))
    assert {"type": "location", "label": "แชร์ตำแหน่ง"} in quick_replies(messages[-1])
    chat.send(ev.location(USER, 18.2760, 99.4870))
    assert state_of(app, USER) == "confirm"
