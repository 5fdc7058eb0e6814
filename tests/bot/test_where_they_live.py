"""The province a follower says they live or work in is kept on their profile, for the news of that province;
through the webhook, the fake LINE API and the announcement command."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage.models import LineUser
from tests.bot.test_service_requests import USER


def province_of(app) -> str | None:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalars(select(LineUser).where(LineUser.line_user_id == USER)).one().province


def keep_province(app, province: str) -> None:
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        session.scalars(select(LineUser).where(LineUser.line_user_id == USER)).one().province = province


def news_for(app, province: str) -> int:
    """How many followers an announcement to `province` would reach."""
    result = app.test_cli_runner().invoke(args=["announce", "send", "--text", "x", "--dry-run", "--province", province])
    return json.loads(result.output)["recipients"]


def centre_shown(said: list[str], province: str) -> bool:
    return any(province in s and "📞" in s for s in said)


def test_a_follower_who_moved_gets_the_new_province_s_centre_and_news(chat, app):
    chat.consent(USER)
    keep_province(app, "อุบลราชธานี")
    said = chat.say(USER, "ย้ายมาอยู่ภูเก็ตแล้วค่ะ มีศูนย์ไหม")
    assert centre_shown(said, "ภูเก็ต") and province_of(app) == "ภูเก็ต"
    assert (news_for(app, "ภูเก็ต"), news_for(app, "อุบลราชธานี")) == (1, 0)


@pytest.mark.parametrize(("typed", "province"), [
    ("อยู่หาดใหญ่ ศูนย์อยู่ไหนครับ", "สงขลา"),
    ("ร้านอยู่ลำปางค่ะ ขอเบอร์ศูนย์หน่อย", "ลำปาง"),
])
def test_where_one_is_told_with_the_question_is_kept(chat, app, typed, province):
    chat.consent(USER)
    said = chat.say(USER, typed)
    assert centre_shown(said, province) and province_of(app) == province and news_for(app, province) == 1


def test_being_somewhere_leaves_the_province_known_a_shop_moved_replaces_it(chat, app):
    chat.consent(USER)
    keep_province(app, "อุบลราชธานี")
    said = chat.say(USER, "อยู่หาดใหญ่ ศูนย์อยู่ไหนครับ")  # perhaps a visit: the home province stays
    assert centre_shown(said, "สงขลา") and province_of(app) == "อุบลราชธานี"
    chat.say(USER, "ย้ายร้านไปเชียงรายแล้วครับ ศูนย์อยู่ไหนครับ")
    assert province_of(app) == "เชียงราย"


@pytest.mark.parametrize("known", [None, "อุบลราชธานี"])
def test_a_centre_asked_about_is_not_where_one_lives(chat, app, known):
    chat.consent(USER)
    if known:
        keep_province(app, known)
    said = chat.say(USER, "ศูนย์ที่เชียงใหม่อยู่ไหน")
    assert centre_shown(said, "เชียงใหม่") and province_of(app) == known


def test_nothing_is_kept_for_a_follower_who_has_not_consented(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "ย้ายมาอยู่ภูเก็ตแล้วค่ะ มีศูนย์ไหม")
    assert centre_shown(said, "ภูเก็ต") and province_of(app) is None
