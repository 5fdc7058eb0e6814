"""The real worker process (embedded SQLite queue and Redis queue): it sends, and when killed mid-send with
SIGKILL and started again, every follower still gets exactly one copy."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import jobs
from storage.models import Announcement, AnnouncementRecipient, Delivery
from tests.conftest import SECRET, make_app
from tests.events.helpers import make_followers

REPO = Path(__file__).resolve().parents[2]
MULTICAST = "/v2/bot/message/multicast"
REDIS_URL = os.environ.get("TEST_REDIS_URL")


class WorkerProcess:
    """`python -m tests.announcements.worker` on the given settings; its log goes to a file."""

    def __init__(self, settings: dict, log: Path) -> None:
        self.settings, self.log = settings, log
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        env = dict(os.environ, PYTHAINLP_OFFLINE="1")
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.announcements.worker",
                                             json.dumps(self.settings)], cwd=REPO, env=env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up, no chance to record anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


# The two ways it is deployed: everything embedded (SQLite, SQLite queue) and several machines (PostgreSQL, Redis).
pytestmark = pytest.mark.parametrize("database_url,queue_kind", [
    pytest.param("sqlite", "embedded", id="sqlite-embedded"),
    pytest.param("postgresql", "redis", id="postgresql-redis", marks=pytest.mark.postgres),
], indirect=["database_url"])


@pytest.fixture
def queue_settings(queue_kind, tmp_path):
    """The embedded SQLite queue (a file both processes open) or Redis (TEST_REDIS_URL, set by scripts/test)."""
    if queue_kind == "embedded":
        return {"jobs_path": str(tmp_path / "jobs.sqlite3")}
    if not REDIS_URL:
        pytest.fail("TEST_REDIS_URL is not set: run the suite with scripts/test, which starts Redis")
    return {"redis_url": REDIS_URL}


@pytest.fixture
def stack(database_url, line_api, queue_settings, tmp_path):
    """An app that only queues (the CLI side), and the settings a worker process needs to share its queue."""
    settings = {"database_url": database_url, "line_api_base_url": line_api.base_url,
                "line_channel_secret": SECRET, "line_channel_access_token": "test-token",
                "tasks_immediate": False, "line_timeout_seconds": 3.0, "send_retry_delay": 0.05} | queue_settings
    app = make_app(database_url, line_api, **{k: v for k, v in settings.items() if k != "database_url"})
    jobs.queue.flush()
    workers: list[WorkerProcess] = []

    def worker() -> WorkerProcess:
        workers.append(WorkerProcess(settings, tmp_path / "worker.log").start())
        return workers[-1]

    yield app, worker
    for process in workers:
        process.stop()
    app.extensions["frontdesk"].engine.dispose()


def eventually(check, timeout: float = 60.0, what: str = "condition"):
    """Poll until `check()` is truthy (the worker is another process; there is nothing to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what} not reached within {timeout:.0f} s")


def announcement_status(app) -> str | None:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalar(select(Announcement.status))


def batch_in_flight(app) -> bool:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalar(select(Delivery.id).where(Delivery.announcement_id.is_not(None),
                                                        Delivery.status == "pending", Delivery.attempts >= 1)) is not None


def announce(app, text: str) -> dict:
    result = app.test_cli_runner().invoke(args=["announce", "send", "--text", text])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def copies(line_api, text: str) -> Counter:
    return Counter(m.to for m in line_api.delivered_messages() if m.message.get("text") == text)


def test_the_worker_process_sends_a_queued_announcement(stack, line_api):
    app, worker = stack
    followers = make_followers(app, 1200)
    assert announce(app, "ข่าวจากคิวงาน")["status"] == "queued"
    worker()
    eventually(lambda: announcement_status(app) == "sent", what="announcement sent")
    assert copies(line_api, "ข่าวจากคิวงาน") == Counter({f: 1 for f in followers})
    assert len(line_api.requests(MULTICAST)) == 3


def test_a_worker_killed_mid_send_and_restarted_sends_no_second_copy(stack, line_api, tmp_path):
    app, worker = stack
    followers = make_followers(app, 1500)
    line_api.hang_next(MULTICAST, seconds=2.5, times=1, then="accept")  # LINE takes the batch, slowly
    announce(app, "ข่าวที่ส่งไม่ซ้ำ")
    first = worker()
    eventually(lambda: batch_in_flight(app), what="a batch in flight")
    time.sleep(0.5)  # the multicast is on the wire: kill the worker before it hears back
    first.kill()
    line_api.wait_for(lambda: len(copies(line_api, "ข่าวที่ส่งไม่ซ้ำ")) >= 500, timeout=10)
    assert batch_in_flight(app), "the killed worker could not record the send"

    worker()
    eventually(lambda: announcement_status(app) == "sent", timeout=90, what="announcement sent after restart")
    assert copies(line_api, "ข่าวที่ส่งไม่ซ้ำ") == Counter({f: 1 for f in followers})
    with app.extensions["frontdesk"].sessions() as session:
        assert Counter(session.scalars(select(AnnouncementRecipient.status))) == Counter({"sent": 1500})
        keys = list(session.scalars(select(Delivery.retry_key).where(Delivery.announcement_id.is_not(None))))
    calls = Counter((r.header("X-Line-Retry-Key"), r.status) for r in line_api.requests(MULTICAST))
    assert len(keys) == 3 and sum(n for (key, status), n in calls.items() if status == 409) == 1
