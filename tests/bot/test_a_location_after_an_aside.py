"""A location shared after a message that started no request (one the bot was unsure of, or where the follower
said they are) finds the nearest centre; through the webhook and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.dialogue import texts
from bot.line import fake_events as ev
from tests.bot.test_service_requests import USER
from tests.bot.test_where_they_live import centre_shown
from tests.chat import shown

BANGKOK = (13.75, 100.5)


@pytest.mark.parametrize("first", ["อยากทำอะไรสักอย่าง", "อยู่โคราชค่ะ"])
def test_a_location_shared_after_a_message_that_started_no_request_finds_the_nearest_centre(chat, first):
    chat.follow(USER)
    chat.say(USER, first)
    said = shown(chat.send(ev.location(USER, *BANGKOK)))
    assert said[0].startswith("ได้รับตำแหน่งแล้วค่ะ") and centre_shown(said, "กรุงเทพมหานคร"), said
    assert texts.RESUMING not in " ".join(said)
