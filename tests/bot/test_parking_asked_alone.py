"""Parking asked with no centre named ("มีที่จอดรถไหมคะ"): the centre asked for, by province typed or location shared,
then its card and who can tell of parking; at once for a province known. Through the webhook and the fake LINE API."""

from __future__ import annotations

from bot.dialogue import texts
from bot.line import fake_events as ev
from tests.bot.test_service_requests import USER
from tests.bot.test_visiting_a_centre import card_then_parking
from tests.bot.test_where_they_live import keep_province, province_of
from tests.chat import quick_replies, shown

BANGKOK = (13.75, 100.5)


def test_parking_asked_alone_offers_to_share_a_location_and_answers_for_the_centre_there(chat, app):
    chat.consent(USER)
    [asked] = chat.send(ev.text(USER, "มีที่จอดรถไหมคะ"))
    assert asked["text"] == texts.ASK_PROVINCE_FOR_CENTRE
    assert "location" in [action["type"] for action in quick_replies(asked)]
    said = shown(chat.send(ev.location(USER, *BANGKOK)))  # before, the card alone: parking was forgotten
    assert card_then_parking(said, app, "กรุงเทพมหานคร"), said
    assert province_of(app) == "กรุงเทพมหานคร"


def test_parking_asked_alone_before_consent_answers_for_the_location_and_keeps_nothing(chat, app):
    chat.follow(USER)
    chat.say(USER, "มีที่จอดรถไหมคะ")
    said = shown(chat.send(ev.location(USER, *BANGKOK)))
    assert card_then_parking(said, app, "กรุงเทพมหานคร") and province_of(app) is None
    assert card_then_parking(chat.say(USER, "มีที่จอดรถไหมคะ"), app, "กรุงเทพมหานคร")  # the same chat: asked no more


def test_parking_asked_alone_with_the_province_known_is_answered_at_once(chat, app):
    chat.consent(USER)
    keep_province(app, "ลำปาง")
    said = chat.say(USER, "มีที่จอดรถไหมคะ")
    assert card_then_parking(said, app, "ลำปาง") and texts.ASK_PROVINCE_FOR_CENTRE not in said
