"""A question about the service typed in the middle of a request, which the bot cannot answer (fees, what is
possible): kept with the request for the officer who calls back, shown on the summary, in the staff alert and on
the console; the same question is asked again. Through the webhook and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.dialogue import texts
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    STAFF,
    USER,
    add_staff,
    answer_until,
    answer_until_summary,
    requests_in,
    state_of,
)
from tests.chat import shown
from tests.console.helpers import signed_in_staff

FEE = "ค่าใช้เครื่องชั่วโมงละเท่าไหร่คะ"


def at(chat, app, service: str, question: str) -> None:
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES[service])
    answer_until(chat, app, USER, question)


def staff_alert(line_api) -> str:
    [alert] = [m for m in line_api.delivered_messages(to=STAFF) if m.message["type"] == "flex"]
    return shown([alert.message])[0]


@pytest.mark.parametrize("service, question, typed", [
    ("machinery", "preferred_date", FEE),
    ("packaging", "product", "ทำกล่องขั้นต่ำกี่ใบคะ"), ("packaging", "business_name", "มีค่าใช้จ่ายไหมคะ"),
    ("training", "people", "อบรมกี่วันคะ"),
])
def test_a_question_typed_for_an_answer_is_kept_for_the_officer_and_the_answer_asked_again(
        chat, app, line_api, service, question, typed):
    add_staff(app)
    at(chat, app, service, question)
    said = chat.say(USER, typed)
    assert said[0].startswith(texts.QUESTION_NOTED) and state_of(app, USER) == question, said
    summary = answer_until_summary(chat, app, USER)[-1]
    assert f"{texts.QUESTIONS_LABEL} {typed}" in summary
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["questions"] == [typed]
    assert typed in staff_alert(line_api)


def test_a_question_at_the_summary_is_kept_and_the_card_shows_it(chat, app):
    at(chat, app, "machinery", "confirm")
    said = chat.say(USER, FEE)
    assert said[0] == texts.QUESTION_NOTED and FEE in said[-1] and state_of(app, USER) == "confirm"
    chat.say(USER, FEE)  # asked twice, kept once
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.answers["questions"] == [FEE]


def test_the_officer_sees_the_questions_on_the_request_page(chat, app):
    officer = signed_in_staff(app, "สุดา", "เชียงราย", "suda")
    at(chat, app, "machinery", "preferred_date")
    chat.say(USER, FEE)
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    page = officer.get(f"/staff/requests/{request.id}").get_data(as_text=True)
    assert texts.QUESTIONS_LABEL in page and FEE in page


@pytest.mark.parametrize("question, typed", [
    ("preferred_date", "หวยงวดนี้ออกอะไรคะ"),  # beyond the services
    ("phone", "ทำไมต้องให้เบอร์คะ"),  # answered by the question's own hint
])
def test_a_question_beyond_the_services_or_about_the_question_is_not_kept(chat, app, question, typed):
    at(chat, app, "machinery", question)
    chat.say(USER, typed)
    assert state_of(app, USER) == question
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert "questions" not in request.answers and request.business_name == ANSWERS["business_name"]


@pytest.mark.parametrize("typed", ["เจ้าหน้าที่จะโทรมากี่โมงครับ", "ส่งแล้วกี่วันเจ้าหน้าที่จะโทรมาครับ",
                                   "แล้วจะติดต่อกลับเมื่อไหร่คะ"])
def test_when_the_call_comes_is_answered_at_the_summary_which_keeps_its_request(chat, app, typed):
    at(chat, app, "machinery", "confirm")
    said = chat.say(USER, typed)  # contact_staff or request_status to the classifier
    assert said[0] == texts.CALLED_AFTER_SENDING and said[-1].startswith("สรุปคำขอบริการเครื่องจักรกลาง")
    chat.say(USER, "👍")
    [request] = requests_in(app)
    assert (request.service, request.business_name) == ("machinery", ANSWERS["business_name"])
    assert request.answers["questions"] == [typed]


def test_a_wish_about_when_to_call_is_no_question_at_the_summary(chat, app):
    at(chat, app, "machinery", "confirm")
    said = chat.say(USER, "โทรมาเมื่อไหร่ก็ได้ค่ะ")
    assert texts.CALLED_AFTER_SENDING not in said and state_of(app, USER) == "confirm"
