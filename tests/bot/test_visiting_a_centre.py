"""Practical questions about visiting a centre (parking, the way there): the card of the centre with what the bot
knows, and honestly, the phone of the staff who know the rest; through the webhook and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.dialogue import texts
from storage import repositories as repo
from tests.bot.test_service_requests import USER, state_of
from tests.bot.test_where_they_live import keep_province


def phone_of_centre(app, province: str) -> str:
    with app.extensions["frontdesk"].sessions() as session:
        centre = repo.centre_for_province(session, province)
        assert centre is not None
        return centre.phone


def card_then_parking(said: list[str], app, province: str) -> bool:
    """The centre's card for `province`, then the word that staff tell of parking, with the centre's phone."""
    card = next((i for i, s in enumerate(said) if province in s and "📞" in s), None)
    told = [s for s in said[card or 0:] if "ที่จอดรถ" in s and phone_of_centre(app, province) in s]
    return card is not None and bool(told)


@pytest.mark.parametrize("typed", ["มีที่จอดรถไหม", "ศูนย์มีที่จอดรถไหมคะ"])
def test_parking_asked_with_no_province_known_asks_it_then_shows_the_card_and_who_can_tell(chat, app, typed):
    chat.consent(USER)
    [asked] = chat.say(USER, typed)
    assert asked == texts.ASK_PROVINCE_FOR_CENTRE and state_of(app, USER) == "province"
    said = chat.say(USER, "ลำปางค่ะ")
    assert card_then_parking(said, app, "ลำปาง") and state_of(app, USER) is None


def test_parking_asked_of_a_province_is_answered_at_once(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "ศูนย์เชียงใหม่มีที่จอดรถไหมคะ")
    assert card_then_parking(said, app, "เชียงใหม่")


def test_parking_the_bot_is_unsure_of_is_answered_once_the_centre_is_chosen(chat, app):
    chat.consent(USER)
    keep_province(app, "ภูเก็ต")
    said = chat.say(USER, "จอดรถได้ไหมคะ")
    if not any("📞" in s for s in said):  # below the threshold: the likely choices, the centre among them
        assert texts.NOT_SURE in said[-1]
        said = chat.tap(USER, "intent=center_info")
    assert card_then_parking(said, app, "ภูเก็ต")


def test_the_way_to_the_centre_points_to_the_map_and_the_phone(chat, app):
    chat.consent(USER)
    keep_province(app, "น่าน")
    said = chat.say(USER, "ไปศูนย์ยังไงครับ")
    assert any("น่าน" in s and "📞" in s for s in said)
    assert "นำทาง" in said[-1] and phone_of_centre(app, "น่าน") in said[-1] and "📞" not in said[-1]


def test_where_the_centre_is_gets_the_card_alone(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "ศูนย์ลำปางอยู่ไหนคะ")
    assert any("ลำปาง" in s and "📞" in s for s in said) and not any("จอดรถ" in s or "นำทาง" in s for s in said)
