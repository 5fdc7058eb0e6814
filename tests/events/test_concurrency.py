"""Many followers tapping at the same moment never overbook an event (real HTTP, threads, both databases)."""

from __future__ import annotations

import threading

import requests

from bot.line import fake_events as ev
from storage.models import utcnow
from tests.conftest import SECRET
from tests.events.helpers import add_event, make_followers, registrations, seats_of
from tests.live import serve

TAPPERS = 24


def tap_together(app, line_api, taps: list[tuple[str, str]]) -> list[int]:
    """POST every (user, postback data) as a signed webhook at the same moment; returns the HTTP statuses."""
    bodies = []
    for user, data in taps:
        event = ev.postback(user, data)
        line_api.register_reply_token(event["replyToken"], user)
        body = ev.webhook_body([event])
        bodies.append((body, {"Content-Type": "application/json", "X-Line-Signature": ev.sign(body, SECRET)}))
    start = threading.Barrier(len(bodies))
    statuses = [0] * len(bodies)
    with serve(app) as base:
        def tap(i: int) -> None:
            start.wait()
            statuses[i] = requests.post(f"{base}/callback", data=bodies[i][0], headers=bodies[i][1],
                                        timeout=60).status_code
        threads = [threading.Thread(target=tap, args=(i,)) for i in range(len(bodies))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return statuses


def test_simultaneous_registrations_fill_exactly_the_capacity(app, line_api):
    event = add_event(app, capacity=7)
    users = make_followers(app, TAPPERS, consented_at=utcnow(), contact_name="สมใจ", phone="0812345678")
    parties = [1 + i % 3 for i in range(TAPPERS)]
    statuses = tap_together(app, line_api, [(u, f"ev_people={event['id']}:{n}") for u, n in zip(users, parties)])
    assert statuses == [200] * TAPPERS
    registered = seats_of(app, event["id"]).get("registered", 0)
    assert 5 <= registered <= 7  # full, or too few seats left for any party still asking
    answers = [line_api.delivered_texts(to=user)[-1] for user in users]
    told = ("ลงทะเบียนเรียบร้อย", "เต็มแล้ว", "เหลือที่นั่งเพียง")  # registered, full, or offered the seats left
    assert sum(any(said in a for said in told) for a in answers) == TAPPERS


def test_the_last_seats_offered_to_two_parties_and_taken_by_both_at_once_go_to_one(app, line_api):
    event = add_event(app, capacity=3)
    first, second, third = make_followers(app, 3, consented_at=utcnow(), contact_name="สมใจ", phone="0812345678")
    tap_together(app, line_api, [(first, f"ev_people={event['id']}:1")])
    tap_together(app, line_api, [(user, f"ev_people={event['id']}:3") for user in (second, third)])
    assert all("เหลือที่นั่งเพียง 2 ที่" in line_api.delivered_texts(to=user)[-1] for user in (second, third))
    tap_together(app, line_api, [(user, f"ev_people={event['id']}:2") for user in (second, third)])
    assert seats_of(app, event["id"]) == {"registered": 3}
    answers = [line_api.delivered_texts(to=user)[-1] for user in (second, third)]
    assert sorted("ลงทะเบียนเรียบร้อย" in a for a in answers) == [False, True]
    assert any("เต็มแล้ว" in a and "รายชื่อสำรอง" in a for a in answers)


def test_simultaneous_waiting_list_joins_get_distinct_places(app, line_api):
    event = add_event(app, capacity=3)
    users = make_followers(app, TAPPERS, consented_at=utcnow(), contact_name="สมใจ", phone="0812345678")
    tap_together(app, line_api, [(u, f"ev_wait={event['id']}:1") for u in users])
    assert seats_of(app, event["id"]) == {"registered": 3, "waiting": TAPPERS - 3}
    places = [a for u in users for a in line_api.delivered_texts(to=u) if "ลำดับที่" in a]
    numbers = sorted(int(a.split("ลำดับที่ ")[1].split(",")[0]) for a in places)
    assert numbers == list(range(1, TAPPERS - 3 + 1))


def test_simultaneous_cancellations_offer_each_freed_seat_once(app, line_api):
    event = add_event(app, capacity=6)
    holders = make_followers(app, 6, start=1, consented_at=utcnow(), contact_name="สมใจ", phone="0812345678")
    waiting = make_followers(app, 10, start=100, consented_at=utcnow(), contact_name="สมใจ", phone="0812345678")
    tap_together(app, line_api, [(u, f"ev_people={event['id']}:1") for u in holders])
    tap_together(app, line_api, [(u, f"ev_wait={event['id']}:1") for u in waiting])
    line = [r.user_id for r in sorted(registrations(app, event["id"]), key=lambda r: (r.created_at, r.id))
            if r.status == "waiting"]
    tap_together(app, line_api, [(u, f"ev_cancel_yes={event['id']}") for u in holders])
    assert seats_of(app, event["id"]) == {"cancelled": 6, "offered": 6, "waiting": 4}
    offered = {r.user_id for r in registrations(app, event["id"]) if r.status == "offered"}
    assert offered == set(line[:6])
    pushed = [u for u in waiting if any(m.via == "push" for m in line_api.delivered_messages(to=u))]
    assert len(pushed) == 6 and all(len(line_api.delivered_messages(to=u)) == 2 for u in pushed)
