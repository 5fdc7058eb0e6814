"""A gevent web worker waiting for SQLite's writer lock keeps answering its other requests meanwhile."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from storage.migrate import upgrade

REPO = Path(__file__).resolve().parents[2]

# A worker as gunicorn's gevent class makes it: patched first, then the app's storage.
WORKER = """
from gevent import monkey; monkey.patch_all()
import json, sys, gevent
from sqlalchemy import text
from storage.database import make_engine, make_session_factory, unit_of_work

sessions = make_session_factory(make_engine(sys.argv[1]))
other_requests, wrote = [], []

def answer_other_requests():
    while not wrote:
        other_requests.append(1)
        gevent.sleep(0.01)

def write():
    with unit_of_work(sessions) as session:
        wrote.append(len(other_requests))
        session.execute(text("INSERT INTO processed_events (webhook_event_id, type) VALUES ('gevent-1', 'message')"))

others = gevent.spawn(answer_other_requests)
print("waiting", flush=True)
gevent.joinall([gevent.spawn(write), others], timeout=20)
print(json.dumps({"answered_while_waiting": wrote[0] if wrote else None}), flush=True)
"""


def test_a_worker_waiting_for_another_process_to_write_answers_other_requests(tmp_path):
    url = f"sqlite:///{tmp_path / 'frontdesk.sqlite3'}"
    upgrade(url)
    with open(f"{tmp_path / 'frontdesk.sqlite3'}-writer.lock", "ab") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process (the other web worker) is writing
        worker = subprocess.Popen([sys.executable, "-c", WORKER, url], cwd=REPO, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "waiting"
        try:
            worker.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            pass
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    result = json.loads(out)
    # Every 10 ms for the half second the other process held the lock: far more than a few.
    assert result["answered_while_waiting"] is not None, "the write never happened"
    assert result["answered_while_waiting"] >= 10
