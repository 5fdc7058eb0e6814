"""Announcement to many followers: API calls, wall time and peak memory of the worker (issue 6).

For each audience size: a fresh database with N followers, the fake LINE API (in this process), and the
Procfile's worker (its consumer settings: 4 threads; embedded SQLite queue or Redis) started and idle;
then `announce send` queues the announcement and the clock runs until every batch is sent.
Reported: multicast calls (must be ceil(N/500)), followers reached and copies (exactly one each), seconds
from the queueing to the last batch, and the worker's peak resident memory (VmHWM).

Targets: under 10 s and under 300 MB for 100,000 followers; memory flat as N grows.
Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.announce [--sizes 10000,50000,100000]
     [--database-url postgresql+psycopg://...] [--redis-url unix:///path/redis.sock] [--fail-ratio 0.1]
     [--json]; BENCH_KEEP_DIR=/some/dir keeps the databases and the worker's log there.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text

from bot.line.fake_api import FakeLineApi
from storage.models import Announcement, LineUser

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS = {"seconds_at_100000": 10.0, "peak_mb_at_100000": 300.0}
MULTICAST = "/v2/bot/message/multicast"
TEXT = "ขอเชิญร่วมงาน CLUSTER DAY 2569 ค่ะ ลงทะเบียนได้ในแชตนี้เลยนะคะ"


def settings_for(workdir: Path, database_url: str, redis_url: str | None, line_url: str) -> dict[str, Any]:
    """The app settings both this process (which queues) and the worker use: the same database and queue."""
    settings: dict[str, Any] = {"database_url": database_url, "line_api_base_url": line_url,
                                "line_channel_secret": "bench-secret", "line_channel_access_token": "bench-token",
                                "tasks_immediate": False, "line_timeout_seconds": 5.0}
    if redis_url:
        return settings | {"redis_url": redis_url}
    return settings | {"jobs_path": str(workdir / "jobs.sqlite3")}


def fresh_database(app, database_url: str, followers: int) -> None:
    """Migrate, seed and add `followers` active, subscribed followers in bulk."""
    if database_url.startswith("postgresql"):
        engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    for command in (["db", "upgrade"], ["seed"]):
        result = app.test_cli_runner().invoke(args=command)
        if result.exit_code != 0:
            raise RuntimeError(result.output)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        for start in range(0, followers, 10_000):
            rows = [{"line_user_id": "U" + f"{n:032x}", "active": True, "subscribed": True, "interests": [],
                     "sectors": []} for n in range(start, min(start + 10_000, followers))]
            connection.execute(insert(LineUser), rows)
    engine.dispose()


def peak_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_worker(settings: dict[str, Any], log: Path) -> subprocess.Popen:
    """The worker (this file with --worker: the Procfile's consumer settings), idle and ready."""
    with log.open("wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "bench.announce", "--worker", json.dumps(settings)],
                                  cwd=REPO, env=dict(os.environ, PYTHAINLP_OFFLINE="1"), stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while "consumer started" not in log.read_text("utf-8", "replace").lower():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)
    time.sleep(1.0)  # startup hooks (resume) run as the worker threads begin
    return worker


def run_worker(settings_json: str) -> None:
    """Be the worker: `huey_consumer bot.worker.queue --workers 4 --worker-type thread --delay 0.1
    --max-delay 2` (the Procfile), on the bench's settings instead of the environment."""
    from huey.consumer import Consumer

    from bot import create_app
    from bot.jobs import queue

    create_app(json.loads(settings_json))
    logging.basicConfig(level=logging.INFO)
    Consumer(queue, workers=4, worker_type="thread", initial_delay=0.1, max_delay=2.0).run()


def stop(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGINT)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def announcement_status(engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(select(Announcement.status).order_by(Announcement.id.desc()).limit(1)).scalar()


def measure(size: int, args: argparse.Namespace, api: FakeLineApi, workdir: Path) -> dict[str, Any]:
    """One run: N followers, one announcement, the worker's time and memory."""
    from bot import create_app

    database_url = args.database_url or f"sqlite:///{workdir / f'bench-{size}.sqlite3'}"
    (workdir / "jobs.sqlite3").unlink(missing_ok=True)
    settings = settings_for(workdir, database_url, args.redis_url, api.base_url)
    app = create_app(settings)  # this process queues, as `flask --app bot announce send` would
    fresh_database(app, database_url, size)
    from bot.jobs import queue
    queue.flush()
    api.reset()
    if args.fail_ratio:
        api.fail_ratio(MULTICAST, args.fail_ratio, status=500, seed=7)
    worker = start_worker(settings, workdir / f"worker-{size}.log")
    idle_mb = resident_mb(worker.pid)
    engine = create_engine(database_url)
    try:
        started = time.monotonic()
        result = app.test_cli_runner().invoke(args=["announce", "send", "--text", TEXT])
        queued = json.loads(result.output)
        while announcement_status(engine) != "sent":
            if worker.poll() is not None or time.monotonic() - started > 600:
                log = (workdir / f"worker-{size}.log").read_text()
                raise RuntimeError(f"the send did not finish:\n{log[-3000:]}")
            time.sleep(0.02)
        seconds = time.monotonic() - started
        peak = peak_mb(worker.pid)
    finally:
        stop(worker)
        engine.dispose()
        app.extensions["frontdesk"].engine.dispose()
    delivered = Counter(m.to for m in api.delivered_messages() if m.message.get("text") == TEXT)
    calls = api.requests(MULTICAST)
    return {"followers": size, "queued_recipients": queued["recipients"], "batches": queued["batches"],
            "multicast_calls_ok": sum(1 for r in calls if r.status == 200),
            "multicast_calls_total": len(calls), "expected_calls": math.ceil(size / 500),
            "reached": len(delivered), "max_copies": max(delivered.values(), default=0),
            "seconds": round(seconds, 2), "worker_idle_mb": round(idle_mb, 1), "worker_peak_mb": round(peak, 1)}


@contextlib.contextmanager
def _kept(path: str):
    Path(path).mkdir(parents=True, exist_ok=True)
    yield path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,100000", help="comma-separated audience sizes")
    parser.add_argument("--database-url", help="an empty PostgreSQL database to use (dropped and recreated)")
    parser.add_argument("--redis-url", help="run the queue on Redis instead of the embedded SQLite queue")
    parser.add_argument("--fail-ratio", type=float, default=0.0, help="share of multicasts answered 500")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # internal: run as the worker process
    args = parser.parse_args()
    if args.worker:
        return run_worker(args.worker)
    results = []
    keep = os.environ.get("BENCH_KEEP_DIR")
    with (tempfile.TemporaryDirectory(prefix="announce-bench-") if not keep else _kept(keep)) as tmp, \
            FakeLineApi().serve() as api:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            if not args.json:
                print(f"announcing to {size:,} followers ...", file=sys.stderr)
            results.append(measure(size, args, api, Path(tmp)))
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
              "database": "given --database-url" if args.database_url else "fresh SQLite file",
              "queue": "redis" if args.redis_url else "embedded SQLite", "fail_ratio": args.fail_ratio,
              "results": results, "targets": TARGETS}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{'followers':>9} {'calls':>6} {'expected':>8} {'reached':>8} {'copies':>6} {'seconds':>8} "
          f"{'idle MB':>8} {'peak MB':>8}")
    for r in results:
        print(f"{r['followers']:>9} {r['multicast_calls_ok']:>6} {r['expected_calls']:>8} {r['reached']:>8} "
              f"{r['max_copies']:>6} {r['seconds']:>8.2f} {r['worker_idle_mb']:>8.1f} {r['worker_peak_mb']:>8.1f}")


if __name__ == "__main__":
    main()
