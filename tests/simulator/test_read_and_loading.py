"""The bot marks what it answers as read, and shows LINE's loading animation while a step is slow."""

from __future__ import annotations

import threading
import time

import pytest

from bot.line import fake_events as ev
from storage import repositories as repo
from storage.database import unit_of_work
from tests.chat import LineChat
from tests.conftest import SECRET, make_app

USER = "U" + "6" * 32


def paths(line_api) -> list[str]:
    return [r.path for r in line_api.requests()]


def test_an_answered_message_is_marked_as_read_with_its_token_before_the_answer(chat, line_api):
    event = ev.text(USER, "สวัสดีค่ะ")
    chat.send(event)
    [read] = line_api.requests("/v2/bot/chat/markAsRead")
    assert read.status == 200 and read.json == {"markAsReadToken": event["message"]["markAsReadToken"]}
    assert paths(line_api).index("/v2/bot/chat/markAsRead") < paths(line_api).index("/v2/bot/message/reply")


def test_a_redelivered_message_is_not_marked_again(chat, line_api):
    event = ev.text(USER, "สวัสดีค่ะ")
    chat.send(event)
    chat.post([event | {"deliveryContext": {"isRedelivery": True}}])
    assert len(line_api.requests("/v2/bot/chat/markAsRead")) == 1


def test_events_without_a_read_token_mark_nothing(chat, line_api):
    chat.follow(USER)
    chat.tap(USER, "consent=yes")
    assert line_api.requests("/v2/bot/chat/markAsRead") == []


def test_a_read_failure_does_not_stop_the_answer(chat, line_api):
    line_api.fail_next("/v2/bot/chat/markAsRead", status=500)
    assert chat.say(USER, "สวัสดีค่ะ")


@pytest.fixture
def slow_chat(database_url, line_api):
    """A bot that treats every step as slow, so the loading animation always shows."""
    app = make_app(database_url, line_api, loading_after_seconds=0)
    yield LineChat(app, line_api, SECRET)
    app.extensions["frontdesk"].engine.dispose()


def test_the_loading_animation_shows_while_a_slow_step_runs_then_the_answer_comes(slow_chat, line_api):
    slow_chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟค่ะ")
    [loading] = line_api.requests("/v2/bot/chat/loading/start")
    assert loading.status == 202 and loading.json == {"chatId": USER, "loadingSeconds": 10}
    assert paths(line_api).index("/v2/bot/chat/loading/start") < paths(line_api).index("/v2/bot/message/reply")


def test_no_loading_animation_in_a_group_chat(slow_chat, line_api):
    event = ev.text(USER, "สวัสดีค่ะ")
    event["source"] = {"type": "group", "groupId": "C" + "1" * 32, "userId": USER}
    slow_chat.post([event])
    assert line_api.requests("/v2/bot/chat/loading/start") == []


def test_no_loading_animation_for_an_event_that_cannot_be_answered(slow_chat, line_api):
    slow_chat.post([ev.unfollow(USER)])
    slow_chat.post([ev.text(USER, "สวัสดีค่ะ", mode="standby")])
    assert line_api.requests("/v2/bot/chat/loading/start") == []


@pytest.fixture
def bot_with_delay(database_url, line_api):
    """The animation shows once a step has taken a second: well past a quick step on a machine busy with other
    work (a fifth of a second was not, under two test runs at once)."""
    app = make_app(database_url, line_api, loading_after_seconds=1.0)
    yield app, LineChat(app, line_api, SECRET)
    app.extensions["frontdesk"].engine.dispose()


def test_a_step_held_up_shows_the_animation_after_the_delay_and_a_quick_one_shows_none(bot_with_delay, line_api):
    app, chat = bot_with_delay
    assert chat.say(USER, "สวัสดีค่ะ")
    assert line_api.requests("/v2/bot/chat/loading/start") == []

    # Another transaction holds this user's row (on SQLite, the write lock) for a while.
    holding, release = threading.Event(), threading.Event()

    def hold_the_user() -> None:
        with unit_of_work(app.extensions["frontdesk"].sessions) as session:
            repo.get_or_create_user(session, USER, lock=True)
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold_the_user)
    holder.start()
    assert holding.wait(5)
    threading.Timer(2.5, release.set).start()
    started = time.monotonic()
    assert chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟค่ะ")
    holder.join()
    assert time.monotonic() - started >= 2.5
    [loading] = line_api.requests("/v2/bot/chat/loading/start")
    assert loading.json == {"chatId": USER, "loadingSeconds": 10}
    replies = [i for i, path in enumerate(paths(line_api)) if path == "/v2/bot/message/reply"]
    assert replies[0] < paths(line_api).index("/v2/bot/chat/loading/start") < replies[1]
