"""[ดูกิจกรรมอื่น] under the carousel of all the events pages on: the next ten, then a word that there are no
more; through the webhook."""

from __future__ import annotations

from bot.line import fake_events as ev
from tests.chat import quick_replies, shown
from tests.events.helpers import add_event, registrant, user_id
from tests.events.test_named_events import carousel_titles

ALICE = user_id(0xA1)


def _other_events(messages: list[dict]) -> str:
    """The data of the "ดูกิจกรรมอื่น" quick reply under the carousel."""
    carousel = next(m for m in messages if m["type"] == "flex")
    return next(action["data"] for action in quick_replies(carousel) if action["label"] == "ดูกิจกรรมอื่น")


def test_other_events_shows_the_next_ten_then_says_there_are_no_more(chat, app):
    for n in range(1, 14):  # thirteen, and the seeded CLUSTER DAY: fourteen on
        add_event(app, f"อบรมเซรามิกลำปาง รุ่นที่ {n}", 30, 2 + n, "ลำปาง")
    registrant(chat, ALICE)
    first = chat.send(ev.postback(ALICE, "intent=event"))
    first_titles = carousel_titles(first)
    assert len(first_titles) == 10 and "ดูกิจกรรมอื่น" in shown(first)[0]

    second = chat.send(ev.postback(ALICE, _other_events(first)))
    second_titles = carousel_titles(second)
    assert len(second_titles) == 4 and not set(second_titles) & set(first_titles)
    assert "11-14 จากทั้งหมด 14" in shown(second)[0] and "ครบทุกงาน" in shown(second)[0]

    said = chat.tap(ALICE, _other_events(second))
    assert "ไม่มีกิจกรรมอื่นเพิ่มเติมแล้ว" in said[0]
