"""Announcements through the fake LINE API: batches of 500, one copy each, faults, quota, schedule, event card."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot import jobs
from bot.announcements.jobs import start_due_announcements
from bot.dialogue.texts import BANGKOK
from bot.line import fake_events as ev
from storage.models import Announcement, AnnouncementRecipient, Delivery, Registration
from tests.chat import LineChat
from tests.conftest import SECRET, make_app
from tests.events.helpers import MovableClock, add_event, make_followers, registrant, user_id

MULTICAST = "/v2/bot/message/multicast"


@pytest.fixture
def app(database_url, line_api):
    """Retries after a few hundredths of a second, so fault-injection runs stay short."""
    app = make_app(database_url, line_api, send_retry_delay=0.02)
    yield app
    app.extensions["frontdesk"].engine.dispose()


def announce(app, *options: str) -> dict:
    result = app.test_cli_runner().invoke(args=["announce", "send", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def copies(line_api, text: str) -> Counter:
    """How many copies of a text each user received."""
    return Counter(m.to for m in line_api.delivered_messages() if m.message.get("text") == text)


def attempts_made(app) -> int:
    """Calls made to LINE for announcement batches, answered or still in flight."""
    with app.extensions["frontdesk"].sessions() as session:
        return sum(session.scalars(select(Delivery.attempts).where(Delivery.announcement_id.is_not(None))))


def recipient_statuses(app) -> Counter:
    with app.extensions["frontdesk"].sessions() as session:
        return Counter(session.scalars(select(AnnouncementRecipient.status)))


def test_an_announcement_goes_out_in_multicasts_of_500_with_a_key_each(app, line_api):
    followers = make_followers(app, 1234)
    result = announce(app, "--text", "เชิญร่วมงาน CLUSTER DAY ค่ะ")
    assert result["recipients"] == 1234 and result["batches"] == 3 and result["status"] == "sent"
    assert result["sent"] == 1234 and result["failed"] == 0
    calls = line_api.requests(MULTICAST)
    assert sorted(len(r.json["to"]) for r in calls) == [234, 500, 500]
    assert len({r.header("X-Line-Retry-Key") for r in calls}) == 3
    assert copies(line_api, "เชิญร่วมงาน CLUSTER DAY ค่ะ") == Counter({f: 1 for f in followers})
    assert recipient_statuses(app) == Counter({"sent": 1234})


def test_unfollowed_and_unsubscribed_followers_are_never_sent_to(app, line_api):
    chat = LineChat(app, line_api, SECRET)
    stays, leaves, blocks = user_id(1), user_id(2), user_id(3)
    for user in (stays, leaves, blocks):
        chat.follow(user)
    chat.say(leaves, "ไม่ต้องส่งข่าวสารมาแล้วนะคะ")
    chat.post([ev.unfollow(blocks)])
    announce(app, "--text", "ข่าวที่หนึ่ง")
    assert copies(line_api, "ข่าวที่หนึ่ง") == Counter({stays: 1})
    [again] = chat.say(leaves, "อยากรับข่าวสารอีกครั้งค่ะ")
    assert "เริ่มส่งข่าวสาร" in again
    chat.follow(blocks)
    announce(app, "--text", "ข่าวที่สอง")
    assert copies(line_api, "ข่าวที่สอง") == Counter({stays: 1, leaves: 1, blocks: 1})


def test_someone_who_unsubscribes_after_the_send_was_queued_is_skipped(database_url, line_api, tmp_path):
    app = make_app(database_url, line_api, tasks_immediate=False, jobs_path=str(tmp_path / "jobs.sqlite3"))
    chat = LineChat(app, line_api, SECRET)
    followers = make_followers(app, 600)
    queued = announce(app, "--text", "ข่าวกิจกรรม")
    assert queued["status"] == "queued" and queued["recipients"] == 600
    jobs.queue.execute(jobs.queue.dequeue())  # the start: recipients fixed, two batches queued
    chat.say(followers[0], "ไม่ต้องส่งข่าวสารมาแล้วนะคะ")
    jobs.run_scheduled()
    assert copies(line_api, "ข่าวกิจกรรม") == Counter({f: 1 for f in followers[1:]})
    assert recipient_statuses(app) == Counter({"sent": 599, "skipped": 1})
    app.extensions["frontdesk"].engine.dispose()


def test_500s_and_timeouts_are_retried_with_the_same_key_and_everyone_gets_one_copy(app, line_api):
    followers = make_followers(app, 5000)
    line_api.fail_ratio(MULTICAST, 0.1, status=500, seed=3)
    line_api.hang_next(MULTICAST, seconds=2.5, times=2, then="accept")  # longer than the 2 s client timeout
    line_api.fail_next(MULTICAST, status=429, times=1)
    announce(app, "--text", "ประกาศ 5,000 ราย")
    jobs.run_scheduled()
    # A request that hung was accepted by LINE (its retry got 409); it lands when LINE finishes it.
    line_api.wait_for(lambda: len(line_api.requests(MULTICAST)) == attempts_made(app), timeout=10)
    assert copies(line_api, "ประกาศ 5,000 ราย") == Counter({f: 1 for f in followers})
    statuses = Counter(r.status for r in line_api.requests(MULTICAST))
    assert statuses[500] >= 1 and statuses[429] == 1 and statuses[200] == 10
    by_key: dict[str, set[int]] = {}
    for request in line_api.requests(MULTICAST):
        by_key.setdefault(request.header("X-Line-Retry-Key"), set()).add(len(request.json["to"]))
    assert len(by_key) == 10 and all(sizes == {500} for sizes in by_key.values())
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(Announcement.status)) == "sent"
    assert recipient_statuses(app) == Counter({"sent": 5000})


def test_a_rejected_batch_is_not_retried_and_is_recorded_as_failed(app, line_api):
    make_followers(app, 700)
    line_api.fail_next(MULTICAST, status=400, times=1)
    result = announce(app, "--text", "ข่าว")
    assert result["sent"] == 200 and result["failed"] == 500 and result["status"] == "sent"
    assert len(line_api.requests(MULTICAST)) == 2


def test_an_exhausted_monthly_quota_is_not_retried(app, line_api):
    make_followers(app, 800)
    line_api.set_quota(1000, used=600)
    result = announce(app, "--text", "ข่าว", "--force")
    # The first batch (500) no longer fits and LINE refuses it for the month; the second (300) still fits.
    assert result["failed"] == 500 and result["sent"] == 300 and len(line_api.requests(MULTICAST)) == 2


def test_a_scheduled_announcement_waits_for_its_time(database_url, line_api):
    clock = MovableClock(datetime.now(BANGKOK))
    app = make_app(database_url, line_api, clock=clock)
    followers = make_followers(app, 3)
    when = (clock.now + timedelta(hours=2)).replace(tzinfo=None).isoformat(timespec="minutes")
    result = announce(app, "--text", "อีกสองชั่วโมงเจอกัน", "--schedule", when)
    assert result["status"] == "scheduled" and copies(line_api, "อีกสองชั่วโมงเจอกัน") == Counter()
    start_due_announcements()
    assert copies(line_api, "อีกสองชั่วโมงเจอกัน") == Counter()
    clock.move(hours=2, minutes=1)
    start_due_announcements()
    assert copies(line_api, "อีกสองชั่วโมงเจอกัน") == Counter({f: 1 for f in followers})
    app.extensions["frontdesk"].engine.dispose()


def test_an_event_card_registers_people_and_counts_them_for_the_announcement(app, line_api):
    chat = LineChat(app, line_api, SECRET)
    event = add_event(app, title="CLUSTER DAY 2569", capacity=50)
    fan = user_id(0xF0)
    registrant(chat, fan)
    make_followers(app, 2)
    result = announce(app, "--text", "ขอเชิญร่วมงาน CLUSTER DAY", "--card", str(event["id"]))
    card = line_api.delivered_messages(to=fan)[-1].message
    assert card["type"] == "flex" and "CLUSTER DAY 2569" in card["altText"]
    button = card["contents"]["footer"]["contents"][0]["action"]
    assert button["label"] == "ลงทะเบียน"
    chat.tap(fan, button["data"])
    chat.tap(fan, f"ev_people={event['id']}:2:{result['announcement']}")
    with app.extensions["frontdesk"].sessions() as session:
        [registration] = session.scalars(select(Registration))
        assert registration.announcement_id == result["announcement"] and registration.people == 2


def test_running_a_batch_job_again_sends_nothing_more(app, line_api):
    from bot.announcements.sending import resume_stalled, send_batch
    followers = make_followers(app, 600)
    announce(app, "--text", "ครั้งเดียว")
    with app.extensions["frontdesk"].sessions() as session:
        ids = list(session.scalars(select(Delivery.id).where(Delivery.announcement_id.is_not(None))))
    for delivery_id in ids:
        send_batch(delivery_id)
    resume_stalled()
    assert copies(line_api, "ครั้งเดียว") == Counter({f: 1 for f in followers})
