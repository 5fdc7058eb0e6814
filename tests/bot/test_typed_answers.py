"""What a user types at a request's questions, through the webhook and the fake LINE API: a real name or product
is kept whatever it sounds like to the classifier; a question to the bot, an off-topic remark, a "none" or the
answer to another question is not, and the same question is asked again with everything already told kept."""

from __future__ import annotations

import pytest

from tests.bot.test_service_requests import ANSWERS, USER, names_sent, requests_in, state_of, typed_at

NEXT_QUESTION = {"business_name": "ขอชื่อผู้ติดต่อค่ะ", "contact_name": "ขอเบอร์โทร"}


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
@pytest.mark.parametrize("typed, name", [("Nok", "Nok"), ("Joy", "Joy"), ("Mint", "Mint"), ("Nok ka", "Nok")])
def test_a_short_latin_name_is_the_name_not_a_cancel(chat, app, question, typed, name):
    said = typed_at(chat, app, question, typed)  # the classifier reads "Nok" as a cancel (0.82)
    assert NEXT_QUESTION[question] in said[-1] and "ยกเลิก" not in " ".join(said)
    kept = names_sent(chat, app)
    assert kept == ((name, ANSWERS["contact_name"]) if question == "business_name" else
                    (ANSWERS["business_name"], name))


@pytest.mark.parametrize("typed", ["cancel", "ยกเลิก"])
def test_the_exact_cancel_command_at_a_name_question_still_cancels(chat, app, typed):
    [answer] = typed_at(chat, app, "contact_name", typed)
    assert "ยกเลิกเรื่องนี้แล้ว" in answer and state_of(app, USER) is None and requests_in(app) == []
