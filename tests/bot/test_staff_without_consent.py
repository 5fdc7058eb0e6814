"""Someone who declined consent (or never gave it) asking for staff: nobody can call them back, so they get the
centre's public contact card, for the province they name; nothing personal is stored. Through the webhook
and the fake LINE API."""

from __future__ import annotations

from sqlalchemy import select

from bot.line import fake_events as ev
from storage import repositories as repo
from storage.models import Conversation, LineUser, Message
from tests.bot.test_service_requests import FIRST_MESSAGES, USER, requests_in, state_of
from tests.chat import quick_replies

ASKED_FOR_STAFF = "ขอเบอร์เจ้าหน้าที่หน่อยครับ อยู่ภูเก็ต"


def declined(chat) -> None:
    chat.follow(USER)
    chat.tap(USER, "consent=no")


def phuket_centre(app):
    with app.extensions["frontdesk"].sessions() as session:
        centre = repo.centre_for_province(session, "ภูเก็ต")
        return centre.name, centre.phone


def assert_nothing_personal_kept(app) -> None:
    assert requests_in(app) == []
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == USER))
        assert user.consented_at is None and (user.business_name, user.contact_name, user.phone) == (None,) * 3
        kept = session.get(Conversation, user.id)  # at most the call-back chip's yes-or-no, which holds no answer
        assert kept is None or "answers" not in kept.data
        typed = list(session.scalars(select(Message.text).where(Message.kind == "text", Message.direction == "in")))
        assert typed and all(text is None for text in typed)  # logged without its words


def test_after_declining_asking_for_staff_in_a_province_gives_that_centres_card(chat, app):
    declined(chat)
    messages = chat.send(ev.text(USER, ASKED_FOR_STAFF))
    name, phone = phuket_centre(app)
    assert "โทรกลับ" in messages[0]["text"] and "ยินยอม" in messages[0]["text"]
    card = messages[-1]
    assert card["type"] == "flex" and name in card["altText"] and phone in card["altText"]
    assert "ภูเก็ต" in card["altText"] and "ท่านยินยอมไหมคะ" not in str(messages)
    assert_nothing_personal_kept(app)


def test_after_declining_asking_for_staff_asks_the_province_and_a_bare_province_answers(chat, app):
    declined(chat)
    messages = chat.send(ev.text(USER, "ขอเบอร์เจ้าหน้าที่หน่อยครับ"))
    assert "จังหวัดไหน" in messages[-1]["text"] and "ท่านยินยอมไหมคะ" not in str(messages)
    assert any(c["type"] == "location" for c in quick_replies(messages[-1]))
    [card] = chat.send(ev.text(USER, "ภูเก็ต"))
    name, phone = phuket_centre(app)
    assert card["type"] == "flex" and name in card["altText"] and phone in card["altText"]
    assert_nothing_personal_kept(app)


def test_at_the_consent_note_of_a_request_asking_for_staff_gives_the_centres_card(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    assert state_of(app, USER) == "consent"
    messages = chat.send(ev.text(USER, ASKED_FOR_STAFF))
    assert phuket_centre(app)[0] in messages[-1]["altText"] and state_of(app, USER) in (None, "asked")


def call_back_wanted(app) -> dict:
    """The answers of the call-back request in progress, once consent was given for it."""
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == USER))
        kept = session.get(Conversation, user.id)
        assert user.consented_at is not None and kept.flow == "contact_staff" and kept.state != "consent"
        return kept.data["answers"]


def test_the_centres_card_offers_a_call_back_and_tapping_it_consents_and_asks_the_topic(chat, app):
    declined(chat)
    card = chat.send(ev.text(USER, ASKED_FOR_STAFF))[-1]
    [offer] = [c for c in quick_replies(card) if c["label"] == "ยินยอมให้โทรกลับ"]
    said = chat.tap(USER, offer["data"])
    assert "ขอบคุณที่ยินยอม" in said[0] and "อยากคุยกับเจ้าหน้าที่เรื่องอะไรคะ" in said[-1]
    assert call_back_wanted(app) == {"province": "ภูเก็ต"}


def test_consent_typed_under_the_centres_card_starts_the_call_back(chat, app):
    declined(chat)
    chat.say(USER, ASKED_FOR_STAFF)
    said = chat.say(USER, "ยินยอมค่ะ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "อยากคุยกับเจ้าหน้าที่เรื่องอะไรคะ" in said[-1]
    assert call_back_wanted(app) == {"province": "ภูเก็ต"}


def test_a_call_back_asked_for_with_no_province_is_offered_under_the_card_of_the_province_given(chat, app):
    chat.follow(USER)
    chat.say(USER, "ขอคุยกับคนจริงๆได้ไหมครับ")
    card = chat.send(ev.text(USER, "ภูเก็ตครับ"))[-1]
    assert phuket_centre(app)[0] in card["altText"]
    assert "ยินยอมให้โทรกลับ" in [c["label"] for c in quick_replies(card)]
    chat.say(USER, "ยินยอมครับ")
    assert call_back_wanted(app) == {"province": "ภูเก็ต"}


def test_consent_typed_at_the_province_question_of_a_call_back_starts_it(chat, app):
    chat.follow(USER)
    chat.say(USER, "ขอคุยกับคนจริงๆได้ไหมครับ")
    said = chat.say(USER, "ยินยอมครับ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "อยากคุยกับเจ้าหน้าที่เรื่องอะไรคะ" in said[-1]
    assert call_back_wanted(app) == {}


def test_an_ok_under_the_centres_card_gives_no_consent(chat, app):
    declined(chat)
    chat.say(USER, ASKED_FOR_STAFF)
    said = chat.say(USER, "โอเคครับ")
    assert "ขอบคุณที่ยินยอม" not in str(said)
    assert_nothing_personal_kept(app)


def test_consenting_later_gives_consent_and_asking_for_staff_again_starts_the_call_back(chat, app):
    declined(chat)
    chat.say(USER, ASKED_FOR_STAFF)
    chat.say(USER, "ขอบคุณครับ")
    [thanks] = chat.say(USER, "ยินยอมค่ะ")
    assert "ขอบคุณที่ยินยอม" in thanks
    said = chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    assert "ขอถามสั้น ๆ" in said[0] and state_of(app, USER) not in (None, "consent")


def test_consent_that_opens_a_message_is_given_and_the_need_after_it_acted_on(chat, app):
    declined(chat)
    chat.say(USER, ASKED_FOR_STAFF)
    said = chat.say(USER, "งั้นยินยอมค่ะ อยากให้เจ้าหน้าที่โทรกลับเรื่องขอ อย. ค่ะ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "ขอถามสั้น ๆ" in said[1]
    assert state_of(app, USER) not in (None, "consent")
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == USER))
        assert user.consented_at is not None


def test_consent_with_more_at_the_consent_note_carries_on_with_the_request_that_asked_for_it(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    said = chat.say(USER, "โอเคยินยอมค่ะ รีบหน่อยนะคะ")
    assert "ขอบคุณที่ยินยอม" in said[0] and "บรรจุภัณฑ์" in said[1]
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(Conversation.flow)) == "packaging"


def test_a_yes_before_a_question_at_the_consent_note_is_no_consent_and_the_question_is_answered(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    said = chat.say(USER, "ได้ค่ะ แต่จะเก็บข้อมูลไว้นานแค่ไหนคะ")
    assert "ขอบคุณที่ยินยอม" not in str(said) and "เก็บนานเท่าไร" in said[0]
    assert state_of(app, USER) == "consent"
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.consented_at)) is None


def test_a_no_that_goes_on_at_the_consent_note_declines(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    said = chat.say(USER, "ไม่ค่ะ ขอดูก่อน")
    assert said[0].startswith("รับทราบค่ะ ระบบจะไม่เก็บข้อมูล") and len(said) == 1
    assert_nothing_personal_kept(app)


def test_a_no_at_the_consent_note_then_asking_for_a_centre_gets_its_card(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    messages = chat.send(ev.text(USER, "ไม่ค่ะ ขอเบอร์โทรศูนย์ภูเก็ตแทนค่ะ"))
    assert messages[0]["text"].startswith("รับทราบค่ะ") and phuket_centre(app)[0] in messages[-1]["altText"]
    assert_nothing_personal_kept(app)
