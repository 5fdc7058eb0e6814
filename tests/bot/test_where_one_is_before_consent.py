"""Where a follower yet to consent says they are ("อยู่โคราชค่ะ", "ชลบุรีค่ะ"): its centre's card, and the chat's next
questions answered for it, kept in the conversation a while and never on the profile (PDPA); once they consent, on
the profile. Through the webhook, the database and the fake LINE API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.dialogue import texts, whereabouts
from storage.models import Conversation, LineUser, utcnow
from tests.bot.test_service_requests import ANSWERS, FIRST_MESSAGES, USER, answer_until_summary, requests_in
from tests.bot.test_visiting_a_centre import card_then_parking
from tests.bot.test_where_they_live import centre_shown, news_for, province_of


def kept_in_the_conversation(app) -> dict | None:
    """What the follower's conversation keeps of where they said they are."""
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalars(select(LineUser).where(LineUser.line_user_id == USER)).one_or_none()
        conversation = session.get(Conversation, user.id) if user is not None else None
        return conversation.data.get(whereabouts.KEY) if conversation is not None else None


def said_hours_ago(app, hours: int) -> None:
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        user = session.scalars(select(LineUser).where(LineUser.line_user_id == USER)).one()
        conversation = session.get(Conversation, user.id)
        kept = conversation.data[whereabouts.KEY]
        conversation.data = conversation.data | {
            whereabouts.KEY: kept | {"at": (utcnow() - timedelta(hours=hours)).isoformat()}}


@pytest.mark.parametrize(("typed", "province"), [
    ("อยู่โคราชค่ะ", "นครราชสีมา"),  # h90, h91: before, the likely choices, then "ท่านอยู่จังหวัดไหนคะ"
    ("ตอนนี้อยู่ที่เชียงใหม่ครับ", "เชียงใหม่"),
    ("ชลบุรีค่ะ", "ชลบุรี"),
])
def test_where_one_is_said_before_consent_answers_the_chat_s_next_question_and_stays_off_the_profile(
        chat, app, typed, province):
    chat.follow(USER)
    assert centre_shown(chat.say(USER, typed), province)
    said = chat.say(USER, "ขอเบอร์โทรหน่อยค่ะ")
    assert centre_shown(said, province) and texts.ASK_PROVINCE_FOR_CENTRE not in said
    assert province_of(app) is None and news_for(app, province) == 0
    assert kept_in_the_conversation(app)["province"] == province


def test_parking_asked_after_where_one_is_is_answered_at_once(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่โคราชค่ะ")
    said = chat.say(USER, "มีที่จอดรถไหมคะ")
    assert card_then_parking(said, app, "นครราชสีมา") and texts.ASK_PROVINCE_FOR_CENTRE not in said


def test_the_province_answered_for_a_centre_is_kept_for_the_chat_too(chat, app):
    chat.follow(USER)
    assert chat.say(USER, "มีที่จอดรถไหมคะ")[-1] == texts.ASK_PROVINCE_FOR_CENTRE
    assert card_then_parking(chat.say(USER, "โคราชค่ะ"), app, "นครราชสีมา")
    assert centre_shown(chat.say(USER, "ศูนย์เปิดกี่โมงคะ"), "นครราชสีมา") and province_of(app) is None


def test_where_one_is_is_kept_across_other_questions_until_said_otherwise(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่โคราชค่ะ")
    chat.say(USER, "อยากทำอะไรสักอย่าง")  # the likely choices: a conversation of their own
    chat.say(USER, "ขอบคุณค่ะ")
    assert centre_shown(chat.say(USER, "ขอเบอร์โทรหน่อยค่ะ"), "นครราชสีมา")
    chat.say(USER, "ตอนนี้อยู่ขอนแก่นแล้วค่ะ")
    assert centre_shown(chat.say(USER, "ขอเบอร์โทรหน่อยค่ะ"), "ขอนแก่น")


def test_where_one_is_is_forgotten_after_a_while(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่โคราชค่ะ")
    said_hours_ago(app, 3)
    assert chat.say(USER, "ขอเบอร์โทรหน่อยค่ะ")[-1] == texts.ASK_PROVINCE_FOR_CENTRE
    assert kept_in_the_conversation(app) is None


def test_consent_given_later_puts_where_one_is_on_the_profile(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่โคราชค่ะ")
    chat.tap(USER, "consent=yes")
    assert province_of(app) == "นครราชสีมา" and news_for(app, "นครราชสีมา") == 1
    assert kept_in_the_conversation(app) is None


def test_where_one_said_one_is_fills_the_request_with_nothing_to_confirm(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่สงขลาค่ะ")
    chat.say(USER, FIRST_MESSAGES["packaging"])
    chat.tap(USER, "consent=yes")
    said = answer_until_summary(chat, app, USER)  # h102: before, "ใช้ข้อมูลเดิมไหมคะ จังหวัด: สงขลา" took the next answer
    assert not any(line.startswith(texts.REUSE_PROFILE.split("\n")[0]) for line in said)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.province == "สงขลา" and request.contact_name == ANSWERS["contact_name"]


def test_with_consent_a_province_said_alone_fills_an_empty_profile_only(chat, app):
    chat.consent(USER)
    assert centre_shown(chat.say(USER, "ชลบุรีค่ะ"), "ชลบุรี") and province_of(app) == "ชลบุรี"
    chat.say(USER, "ระยองค่ะ")
    assert province_of(app) == "ชลบุรี" and kept_in_the_conversation(app) is None


def test_erasing_one_s_data_forgets_where_one_is(chat, app):
    chat.follow(USER)
    chat.say(USER, "อยู่โคราชค่ะ")
    chat.say(USER, "ลบข้อมูลของฉัน")
    chat.tap(USER, "erase=yes")
    assert kept_in_the_conversation(app) is None
    assert chat.say(USER, "ขอเบอร์โทรหน่อยค่ะ")[-1] == texts.ASK_PROVINCE_FOR_CENTRE
