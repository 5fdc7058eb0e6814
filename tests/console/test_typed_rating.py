"""A score typed right after the rating question is the rating, as if its chip were tapped (h87 item 6)."""

from __future__ import annotations

import pytest

from bot.console import texts
from storage.models import ServiceRequest
from tests.console.helpers import StaffBrowser, add_staff, file_request, load

USER = "U" + "a" * 32


@pytest.fixture
def finished(app, chat):
    """A request its officer has just finished; the entrepreneur was asked for a rating."""
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    request = file_request(chat, app, USER)
    browser.post(f"/staff/requests/{request.id}/accept")
    browser.post(f"/staff/requests/{request.id}/status", {"status": "done"})
    return browser, request


@pytest.mark.parametrize("typed, score", [
    ("5 เลยจ้า ขอบคุณหลายๆเด้อ 🙏", 5),
    ("๔ ค่ะ", 4),
    ("ให้ 5 ดาว", 5),
    ("3/5 ค่ะ", 3),
])
def test_a_typed_score_is_the_rating(app, chat, finished, typed, score):
    browser, request = finished
    [thanks] = chat.say(USER, typed)
    assert thanks == texts.RATING_THANKS.format(stars="⭐" * score)
    assert load(app, ServiceRequest, request.id).rating == score
    assert f"คะแนนความพึงพอใจ ⭐ {score}/5" in browser.page(f"/staff/requests/{request.id}")


def test_a_low_typed_score_asks_what_to_improve(app, chat, finished):
    _, request = finished
    assert chat.say(USER, "2 ค่ะ")[-1] == texts.RATING_LOW
    assert load(app, ServiceRequest, request.id).rating == 2


def test_a_number_said_later_or_in_passing_is_no_rating(app, chat, finished):
    _, request = finished
    chat.say(USER, "มี 2 เรื่องอยากถามค่ะ")  # a number, but no score
    chat.say(USER, "5")  # no longer right after the question
    assert load(app, ServiceRequest, request.id).rating is None
