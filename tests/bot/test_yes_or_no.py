"""Every yes-or-no question the bot asks, answered by typing: the everyday and casual ways of saying yes and
no do what the question's buttons do; through the webhook and the fake LINE API."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest

from bot.dialogue import asides
from tests.bot.test_service_requests import FIRST_MESSAGES, USER, answer_until, file_packaging_request
from tests.events.helpers import add_event, registrant


class Question(NamedTuple):
    ask: Callable  # (chat, app) -> None: brings USER to the question
    yes: str  # what the bot answers to the yes button
    no: str  # and to the no button


def _consent_note(chat, app) -> None:
    """The consent note after following: ท่านยินยอมไหมคะ"""
    chat.follow(USER)


def _consent_before_a_request(chat, app) -> None:
    """The consent note before a first request."""
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])


def _cancel_this_request(chat, app) -> None:
    """ต้องการยกเลิกเรื่อง…ที่กำลังทำอยู่ใช่ไหมคะ"""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")
    chat.say(USER, "ไม่อยากทำต่อแล้วค่ะ ยกเลิกดีกว่า")


def _carry_on_after_an_aside(chat, app) -> None:
    """กลับมาทำเรื่อง…ต่อไหมคะ, after an answer given on the side."""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")
    chat.say(USER, "ศูนย์อยู่ไหนคะ")


def _withdraw_the_request_just_made(chat, app) -> None:
    """ต้องการยกเลิกคำขอ…ที่เพิ่งส่งไปใช่ไหมคะ"""
    file_packaging_request(chat, app)
    chat.say(USER, "ยกเลิก")


def _delete_my_data(chat, app) -> None:
    """ต้องการลบข้อมูลส่วนบุคคล…ใช่ไหมคะ"""
    chat.consent(USER)
    chat.say(USER, "ลบข้อมูลของฉัน")


def _use_the_details_from_last_time(chat, app) -> None:
    """ใช้ข้อมูลเดิมไหมคะ"""
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["consulting"])


def _consent_to_register(chat, app) -> None:
    """The consent asked before registering for an event."""
    event = add_event(app)
    chat.follow(USER)
    chat.tap(USER, f"ev_register={event['id']}")


def _cancel_a_registration(chat, app) -> None:
    """ต้องการยกเลิกการลงทะเบียน…ใช่ไหมคะ"""
    event = add_event(app)
    registrant(chat, USER)
    chat.tap(USER, f"ev_register={event['id']}")
    chat.tap(USER, f"ev_people={event['id']}:1")
    chat.tap(USER, f"ev_cancel={event['id']}")


def _join_the_waiting_list(chat, app) -> None:
    """…ที่นั่งเต็มแล้ว ต้องการเข้ารายชื่อสำรองไหมคะ"""
    event = add_event(app, capacity=1)
    registrant(chat, "U" + "f" * 32)
    chat.tap("U" + "f" * 32, f"ev_register={event['id']}")
    chat.tap("U" + "f" * 32, f"ev_people={event['id']}:1")
    registrant(chat, USER)
    chat.tap(USER, f"ev_register={event['id']}")
    chat.tap(USER, f"ev_people={event['id']}:1")


QUESTIONS = {
    "consent": Question(_consent_note, "ขอบคุณที่ยินยอม", "จะไม่เก็บข้อมูลส่วนบุคคล"),
    "consent_before_a_request": Question(_consent_before_a_request, "ขอบคุณที่ยินยอม", "จะไม่เก็บข้อมูลส่วนบุคคล"),
    "cancel_this_request": Question(_cancel_this_request, "ยกเลิกเรื่องนี้แล้ว", "ต่อจากเดิม"),
    "carry_on_after_an_aside": Question(_carry_on_after_an_aside, "ต่อจากเดิม", "ยกเลิกเรื่องนี้แล้ว"),
    "withdraw_the_request_just_made": Question(_withdraw_the_request_just_made, "เรียบร้อยแล้วค่ะ",
                                               "คำขอของท่านยังอยู่"),
    "delete_my_data": Question(_delete_my_data, "ลบข้อมูลของท่านเรียบร้อย", "ไม่ลบข้อมูล"),
    "use_the_details_from_last_time": Question(_use_the_details_from_last_time, "สรุปคำขอ", "ขอชื่อกิจการ"),
    "consent_to_register": Question(_consent_to_register, "ขอบคุณที่ยินยอม", "จะไม่เก็บข้อมูลส่วนบุคคล"),
    "cancel_a_registration": Question(_cancel_a_registration, "ยกเลิกการลงทะเบียน", "ไม่ยกเลิกค่ะ"),
    "join_the_waiting_list": Question(_join_the_waiting_list, "เพิ่มชื่อท่านในรายชื่อสำรอง", "หากสนใจกิจกรรมอื่น"),
}
# Thai typed in Latin letters too: "ok krub", "dai krub" (ได้ครับ), "yin dee ka" (ยินดีค่ะ).
YES = ("ใช่ค่ะ", "ใช่อ่ะ", "โอเคครับ", "ได้เลยค่ะ", "ค่ะ", "ครับผม", "ok krub", "ok ka", "dai krub", "yin dee krub", "👍",
       "ได้ค่ะ👌")
NO = ("ไม่ค่ะ", "ไม่อ่ะ", "ไม่อะ", "ไม่ดีกว่า", "ไม่ดีกว่าค่ะ", "ยังไม่เอา", "ไม่ใช่ครับ", "ไม่เลยค่ะ")


@pytest.mark.parametrize("typed, says_yes", [(typed, True) for typed in YES] + [(typed, False) for typed in NO],
                         ids=[f"yes{n}" for n in range(len(YES))] + [f"no{n}" for n in range(len(NO))])
@pytest.mark.parametrize("question", QUESTIONS)
def test_a_typed_yes_or_no_does_what_the_question_s_button_does(chat, app, question, typed, says_yes):
    assert_typed_as_tapped(chat, app, QUESTIONS[question], typed, says_yes)


def assert_typed_as_tapped(chat, app, asked: Question, typed: str, says_yes: bool) -> None:
    asked.ask(chat, app)
    said = " ".join(chat.say(USER, typed))
    expected, other = (asked.yes, asked.no) if says_yes else (asked.no, asked.yes)
    assert expected in said and other not in said, said


@pytest.mark.parametrize("typed", ["เยอะ", "เยอะค่ะ", "ไม่เอาแล้ว", "ยัง", "ไม่ต้องส่งข่าวสารมาแล้วนะคะ"])
def test_a_word_ending_like_a_particle_or_giving_up_is_neither_yes_nor_no(typed):
    assert asides.says_yes(typed) is None and asides.says_reuse(typed) is None


# A question's own words, typed: "ยกเลิก" taps whichever button cancels (the yes of "cancel this?", the no of
# "carry on?"); "ลบเลย" confirms only "delete your data?".
OWN_WORDS = [
    ("cancel_this_request", "ยกเลิก", True), ("cancel_this_request", "ยกเลิกเลยค่ะ", True),
    ("cancel_this_request", "ไม่ยกเลิกค่ะ", False),
    ("carry_on_after_an_aside", "ยกเลิก", False), ("carry_on_after_an_aside", "ยกเลิกเลยค่ะ", False),
    ("carry_on_after_an_aside", "ทำต่อค่ะ", True), ("carry_on_after_an_aside", "ไม่ยกเลิกค่ะ", True),
    ("withdraw_the_request_just_made", "ยกเลิก", True), ("withdraw_the_request_just_made", "ไม่ยกเลิก", False),
    ("cancel_a_registration", "ยกเลิกค่ะ", True), ("cancel_a_registration", "ไม่ยกเลิกแล้วค่ะ", False),
    ("delete_my_data", "ลบเลย", True), ("delete_my_data", "ไม่ลบค่ะ", False),
    ("consent", "ยินยอมค่ะ", True), ("consent", "ไม่ยินยอมค่ะ ขอเบอร์ศูนย์แทน", False),
    ("consent", "โอเคครับยินยอม", True), ("consent_before_a_request", "ได้ค่ะยินยอมค่ะ", True),
    ("consent", "เปลี่ยนใจค่ะ ยินยอมค่ะ", True), ("consent", "งั้นยินยอมค่ะ", True),
    ("cancel_this_request", "ไม่เป็นไรครับ", False), ("withdraw_the_request_just_made", "เปลี่ยนใจครับ ไม่ยกเลิกแล้ว", False),
    ("consent_to_register", "ยินยอม", True),
    ("join_the_waiting_list", "เอาค่ะ เข้าสำรองไว้", True), ("join_the_waiting_list", "ไม่รอแล้วค่ะ", False),
]


@pytest.mark.parametrize("question, typed, says_yes", OWN_WORDS)
def test_a_question_s_own_words_do_what_its_button_does(chat, app, question, typed, says_yes):
    assert_typed_as_tapped(chat, app, QUESTIONS[question], typed, says_yes)


@pytest.mark.parametrize("question, typed", [("consent", "ลบเลย"), ("consent", "ยกเลิกได้"),
                                             ("join_the_waiting_list", "ลบได้เลย")])
def test_another_question_s_words_answer_nothing(chat, app, question, typed):
    asked = QUESTIONS[question]
    asked.ask(chat, app)
    said = " ".join(chat.say(USER, typed))
    assert asked.yes not in said, said
