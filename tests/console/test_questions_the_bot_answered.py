"""An everyday question the bot answers itself while a request is open (the centre's hours, the request's status, a
greeting, thanks) does not put the request on the officer's list as a new message; anything else written still
does (h102 N6). Through the webhook and the console's queue page."""

from __future__ import annotations

import pytest

from tests.console.helpers import file_request
from tests.console.test_queue_attention import accept, officer, row_of

ANNA = "U" + "a" * 32
NEW_MESSAGE = "มีข้อความใหม่"


@pytest.mark.parametrize(("asked", "answered_with"), [
    ("ศูนย์เปิดกี่โมงคะ", "08:30"),  # the centre's card
    ("คำขอถึงไหนแล้วคะ", "ITC-2569-"),  # the status card
    ("ขอบคุณค่ะ", ""),
])
def test_a_question_the_bot_answered_does_not_mark_the_request(app, chat, asked, answered_with):
    somchai = officer(app)
    request = file_request(chat, app, ANNA)
    accept(somchai, request)
    said = chat.say(ANNA, asked)
    assert said and answered_with in " ".join(said)  # the bot answered it
    page = somchai.page("/staff/requests")
    assert NEW_MESSAGE not in row_of(page, request.reference)
    assert request.reference not in somchai.page("/staff/requests?attention=1")


def test_words_for_the_officer_after_an_everyday_question_still_mark_the_request(app, chat):
    somchai = officer(app)
    request = file_request(chat, app, ANNA)
    accept(somchai, request)
    chat.say(ANNA, "ศูนย์เปิดกี่โมงคะ")
    chat.say(ANNA, "ขอเพิ่มอีกเรื่องค่ะ อยากได้สีน้ำตาลทอง")
    assert NEW_MESSAGE in row_of(somchai.page("/staff/requests"), request.reference)
    assert request.reference in somchai.page("/staff/requests?attention=1")
