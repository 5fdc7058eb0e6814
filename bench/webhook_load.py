"""Webhook load: signed LINE text events against the app under gunicorn, and against the SDK's echo bot.

Starts the fake LINE API, the app and bench/echo_bot.py (both under gunicorn with the Procfile's worker
settings) on 127.0.0.1, then for each target: a closed-loop run (N senders, each waiting for its answer)
for events/s, and an open-loop run at a fixed rate for latency, from the moment an event is due to the
HTTP 200 of /callback. Replies go to the local fake, so LINE's own latency is not in these figures.

Targets (issue 2): at least half the echo bot's events/s; p99 < 100 ms at 100 events/s.
Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.webhook_load [--duration 20] [--concurrency 16]
     [--rate 100] [--users 500] [--database-url postgresql+psycopg://...] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.line import fake_events

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
WORKER_OPTIONS = {"--worker-class", "--workers", "--threads", "--worker-connections"}
SECRET = "bench-channel-secret"
TOKEN = "bench-access-token"
TARGETS = {"throughput_ratio_to_echo": 0.5, "p99_ms_at_100_per_s": 100.0}
REQUEST_TIMEOUT_S = 10.0

# One user's conversation, repeated: greet, ask for a service, consent, answer, ask status and info, cancel.
GREETINGS = ["สวัสดีค่ะ", "สวัสดีครับ", "หวัดดีค่ะ สอบถามหน่อยค่ะ", "สวัสดีครับ ขอสอบถามบริการครับ"]
FIRST_REQUESTS = [
    "อยากพัฒนาบรรจุภัณฑ์กาแฟค่ะ กล่องเดิมดูไม่น่าซื้อ",
    "อยากให้ช่วยออกแบบผลิตภัณฑ์ใหม่ค่ะ ทำกระเป๋าสานผักตบชวา",
    "อยากเช่าเครื่องตัดเลเซอร์ครับ ทำป้ายไม้",
    "ทำน้ำพริกขายค่ะ อยากยืดอายุการเก็บและขอ อย. ต้องทำยังไงคะ",
    "สนใจอบรมการตลาดออนไลน์ครับ ไปกัน 3 คน",
    "อยากหาคู่ค้าส่งออกผ้าไหมไปญี่ปุ่นค่ะ",
    "อยากปรึกษาเรื่องลดต้นทุนการผลิตครับ โรงงานเล็ก ๆ",
    "อยากให้ช่วยทำต้นแบบแม่พิมพ์สบู่ค่ะ",
]
ANSWERS = ["กาแฟคั่วบดบรรจุถุง", "กระเป๋าสาน", "ป้ายไม้แกะสลัก", "น้ำพริกนรก", "ผ้าไหมมัดหมี่", "สบู่สมุนไพร"]
QUESTIONS = ["คำขอของฉันถึงไหนแล้วคะ", "ศูนย์ ITC เชียงใหม่อยู่ที่ไหนคะ",
             "มีงานอบรมหรืออีเว้นท์เดือนนี้ไหมครับ", "ติดต่อศูนย์ขอนแก่นเบอร์อะไรคะ"]


def conversation(rng: random.Random) -> list[str]:
    """The texts one user sends, in order (a round per event; the bench cycles through users)."""
    return [rng.choice(GREETINGS), rng.choice(FIRST_REQUESTS), "ยินยอม", rng.choice(ANSWERS),
            rng.choice(QUESTIONS), rng.choice(QUESTIONS), "ยกเลิกค่ะ"]


class Workload:
    """Signed webhook bodies, one text event each, from many users taking turns (a user never overlaps)."""

    def __init__(self, users: int, seed: int = 0) -> None:
        rng = random.Random(seed)
        self._users = [("U" + uuid.uuid4().hex, conversation(rng)) for _ in range(users)]
        self._sent = 0

    def next(self) -> tuple[bytes, dict[str, str]]:
        user, texts = self._users[self._sent % len(self._users)]
        text = texts[(self._sent // len(self._users)) % len(texts)]
        self._sent += 1
        body = fake_events.webhook_body([fake_events.text(user, text)])
        return body, {"Content-Type": "application/json", "X-Line-Signature": fake_events.sign(body, SECRET)}


# ------------------------------------------------------------------------------------------ processes


@dataclass
class Stack:
    """The processes a run starts, their logs, and how to stop them all."""

    workdir: Path
    processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        with open(self.workdir / f"{name}.log", "wb") as log:
            # A session of its own: stopping it stops gunicorn's workers too, and nothing else.
            process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.processes.append((name, process))
        return process

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def stop(self) -> None:
        for _, process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _, process in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def wait_until_up(self, name: str, url: str, timeout: float = 60) -> None:
        process = dict(self.processes)[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log(name)[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # it answers; any status will do
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{name} did not answer at {url} in {timeout:.0f} s:\n{self.log(name)[-3000:]}")


def free_port(start: int) -> int:
    """The first port from `start` on which nothing listens on 127.0.0.1."""
    for port in range(start, start + 200):
        with socket.socket() as probe:
            # As the servers do: a port whose old connections linger in TIME_WAIT is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError(f"no free port in {start}..{start + 199}")


@contextlib.contextmanager
def running_stack(database_url: str | None, base_port: int,
                  log_dir: str | None = None) -> Iterator[tuple[Stack, dict[str, str]]]:
    """Fake LINE API, app and echo bot up and answering; everything stopped afterwards, also on Ctrl-C."""
    with tempfile.TemporaryDirectory(prefix="webhook-load-") as tmp:
        if log_dir:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
        stack = Stack(Path(log_dir or tmp))
        fake_port = free_port(base_port)
        app_port = free_port(fake_port + 1)
        echo_port = free_port(app_port + 1)
        fake_url = f"http://127.0.0.1:{fake_port}"
        env = dict(os.environ, PYTHAINLP_OFFLINE="1", LINE_CHANNEL_SECRET=SECRET,
                   LINE_CHANNEL_ACCESS_TOKEN=TOKEN, LINE_API_BASE_URL=fake_url, TASKS_IMMEDIATE="1",
                   SECRET_KEY="bench-secret-key",
                   DATABASE_URL=database_url or f"sqlite:///{tmp}/frontdesk.sqlite3",
                   OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        env.pop("REDIS_URL", None)
        try:
            for command in (["db", "upgrade"], ["seed"]):
                _run([str(BIN / "flask"), "--app", "bot", *command], env)
            _run([PYTHON, "-c", "import intents; intents.warm_up()"], env)
            # One process (the fake keeps its state in memory) that keeps connections alive, as LINE does.
            stack.start("fake", [str(BIN / "gunicorn"), "--worker-class", "gthread", "--workers", "1",
                                 "--threads", "8", "--log-level", "warning", "--access-logfile", "-",
                                 "--bind", f"127.0.0.1:{fake_port}", "bot.line.fake_server:create_app()"], env)
            stack.wait_until_up("fake", f"{fake_url}/_fake/delivered?after=1000000000")
            # The app with the Procfile's web command (its warm-up and GC hooks too); the echo bot as is.
            for name, port, factory in (("app", app_port, ["--config", "python:bot.serving", "bot:create_app()"]),
                                        ("echo", echo_port, ["bench.echo_bot:create_app()"])):
                bind = ["--bind", f"127.0.0.1:{port}"]
                stack.start(name, [str(BIN / "gunicorn"), *procfile_workers(), "--log-level", "warning", *bind,
                                   *factory], env)
            stack.wait_until_up("app", f"http://127.0.0.1:{app_port}/healthz")
            stack.wait_until_up("echo", f"http://127.0.0.1:{echo_port}/callback")
            yield stack, {"fake": fake_url, "app": f"http://127.0.0.1:{app_port}/callback",
                          "echo": f"http://127.0.0.1:{echo_port}/callback"}
        finally:
            stack.stop()


def procfile_workers() -> list[str]:
    """The Procfile web command's worker options (class, count, threads or connections), for both targets."""
    web = next(line for line in (REPO / "Procfile").read_text().splitlines() if line.startswith("web:"))
    words = shlex.split(web.removeprefix("web:"))
    return [part for name, value in itertools.pairwise(words) if name in WORKER_OPTIONS for part in (name, value)]


def _run(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


# ---------------------------------------------------------------------------------------------- load


@dataclass
class Outcome:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0
    max_lag_ms: float = 0.0


async def _post(session: aiohttp.ClientSession, url: str, workload: Workload) -> str:
    body, headers = workload.next()
    try:
        async with session.post(url, data=body, headers=headers) as response:
            await response.read()
            return str(response.status)
    except TimeoutError:
        return "timeout"
    except aiohttp.ClientError as error:
        return type(error).__name__


def _session(connections: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections),
                                 timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S))


async def closed_loop(url: str, workload: Workload, concurrency: int, duration: float) -> Outcome:
    """`concurrency` senders, each sending its next event as soon as the last one is answered."""
    outcome, loop = Outcome(), asyncio.get_running_loop()
    async with _session(concurrency) as session:
        started = loop.time()
        until = started + duration

        async def sender() -> None:
            while loop.time() < until:
                begin = loop.time()
                status = await _post(session, url, workload)
                outcome.statuses[status] += 1
                if status == "200":
                    outcome.latencies_ms.append((loop.time() - begin) * 1000)

        await asyncio.gather(*(sender() for _ in range(concurrency)))
        outcome.elapsed_s = loop.time() - started
    return outcome


async def open_loop(url: str, workload: Workload, rate: float, duration: float) -> Outcome:
    """Events due at a fixed rate whether or not earlier ones were answered; latency counts from when due."""
    outcome, loop = Outcome(), asyncio.get_running_loop()
    async with _session(1000) as session:

        async def one(due: float) -> None:
            outcome.max_lag_ms = max(outcome.max_lag_ms, (loop.time() - due) * 1000)
            status = await _post(session, url, workload)
            outcome.statuses[status] += 1
            if status == "200":
                outcome.latencies_ms.append((loop.time() - due) * 1000)

        started = loop.time() + 0.05
        tasks = []
        for i in range(int(rate * duration)):
            due = started + i / rate
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            tasks.append(asyncio.create_task(one(due)))
        await asyncio.gather(*tasks)
        outcome.elapsed_s = loop.time() - started
    return outcome


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; NaN when nothing was answered."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def summarise(outcome: Outcome) -> dict[str, Any]:
    ok = len(outcome.latencies_ms)
    return {
        "events": sum(outcome.statuses.values()), "ok": ok,
        "not_ok": {k: v for k, v in outcome.statuses.items() if k != "200"},
        "seconds": round(outcome.elapsed_s, 2),
        "events_per_s": round(ok / outcome.elapsed_s, 1) if outcome.elapsed_s else 0.0,
        "p50_ms": round(percentile(outcome.latencies_ms, 0.50), 1),
        "p99_ms": round(percentile(outcome.latencies_ms, 0.99), 1),
        "max_ms": round(max(outcome.latencies_ms, default=float("nan")), 1),
    }


def delivered_since(fake_url: str, after: int) -> tuple[int, Counter[str]]:
    """How many messages the fake LINE API accepted since `after`, by way (reply, push)."""
    with urllib.request.urlopen(f"{fake_url}/_fake/delivered?after={after}", timeout=60) as response:
        payload = json.loads(response.read())
    return payload["count"], Counter(row["via"] for row in payload["messages"])


def api_calls(access_log: str) -> dict[str, int]:
    """Messaging API calls by path, from the fake's access log (the webhook calls made per target)."""
    paths = re.findall(r'"(?:GET|POST|PUT|DELETE) /v2/bot/([^ ?]+)', access_log)
    return dict(Counter(paths).most_common())


def measure(target: str, url: str, stack: Stack, args: argparse.Namespace) -> dict[str, Any]:
    """Warm up, then the closed-loop and the open-loop run against one target, with who used the CPU."""
    workload = Workload(args.users, seed=1)
    # Warm up first: each worker loads its model and fills its connection pools.
    asyncio.run(closed_loop(url, workload, args.concurrency, min(3.0, args.duration)))
    before = cpu_seconds(stack)
    saturated = asyncio.run(closed_loop(url, workload, args.concurrency, args.duration))
    middle = cpu_seconds(stack)
    time.sleep(1)
    middle_after_pause = cpu_seconds(stack)
    opened = asyncio.run(open_loop(url, workload, args.rate, args.duration))
    after = cpu_seconds(stack)
    return {
        "target": target,
        "max_throughput": summarise(saturated) | {
            "cpu_cores": cores(before, middle, saturated.elapsed_s, target)},
        f"at_{args.rate:g}_per_s": summarise(opened) | {
            "max_send_lag_ms": round(opened.max_lag_ms, 1),
            "cpu_cores": cores(middle_after_pause, after, opened.elapsed_s, target)},
    }


def cpu_seconds(stack: Stack) -> dict[str, float]:
    """CPU seconds used so far: the whole machine, and each process tree this bench started (and itself)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, used = {}, {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                pid = int(entry.name)
                parents[pid], used[pid] = int(fields[1]), (int(fields[11]) + int(fields[12])) / tick
    roots = {os.getpid(): "load generator"} | {process.pid: name for name, process in stack.processes}
    split: dict[str, float] = dict.fromkeys(roots.values(), 0.0)
    for pid, seconds in used.items():
        ancestor = pid
        while ancestor not in roots and ancestor in parents and ancestor > 1:
            ancestor = parents[ancestor]
        if ancestor in roots:
            split[roots[ancestor]] += seconds
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:9]]
    split["machine"] = (sum(ticks) - ticks[3] - ticks[4]) / tick  # all but idle and iowait
    return split


def cores(before: dict[str, float], after: dict[str, float], elapsed: float, target: str) -> dict[str, float]:
    """Average cores busy during a run: the target, the fake LINE API, the load generator, everything else."""
    spent = {name: after.get(name, 0.0) - seconds for name, seconds in before.items()}
    ours = {name: spent[name] for name in (target, "fake", "load generator")}
    ours["other processes"] = spent["machine"] - sum(v for k, v in spent.items() if k != "machine")
    return {name: round(max(seconds, 0.0) / elapsed, 2) for name, seconds in ours.items()} if elapsed else {}


def table(results: list[dict[str, Any]], rate: float) -> str:
    """One line per target; the cores columns say who used the 2 cores during the closed-loop run."""
    key = f"at_{rate:g}_per_s"
    echo = next((r for r in results if r["target"] == "echo"), None)
    lines = [(f"{'target':<6} {'events/s':>9} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'not 200':>8}   "
              f"{'cores: target':>13} {'fake':>5} {'loadgen':>7} {'other':>6}"),
             f"(events/s and cores: closed loop, {results[0]['max_throughput']['seconds']:.0f} s; "
             f"p50/p99: open loop at {rate:g}/s)" if results else ""]
    for result in results:
        saturated, fixed = result["max_throughput"], result[key]
        ratio = saturated["events_per_s"] / echo["max_throughput"]["events_per_s"] if echo else float("nan")
        not_ok = sum(saturated["not_ok"].values()) + sum(fixed["not_ok"].values())
        cpu = saturated["cpu_cores"]
        lines.append(f"{result['target']:<6} {saturated['events_per_s']:>9.1f} {ratio:>6.2f} "
                     f"{fixed['p50_ms']:>8.1f} {fixed['p99_ms']:>8.1f} {not_ok:>8}   "
                     f"{cpu[result['target']]:>13.2f} {cpu['fake']:>5.2f} {cpu['load generator']:>7.2f} "
                     f"{cpu['other processes']:>6.2f}")
    return "\n".join(lines)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20, help="seconds per run (1-300)")
    parser.add_argument("--concurrency", type=int, default=16, help="closed-loop senders (1-256)")
    parser.add_argument("--rate", type=float, default=100, help="open-loop events per second (1-1000)")
    parser.add_argument("--users", type=int, default=500,
                        help="distinct LINE users taking turns (at least --concurrency)")
    parser.add_argument("--database-url", help="measure this database (migrated and seeded) instead of a "
                                               "fresh SQLite file")
    parser.add_argument("--base-port", type=int, default=18100, help="first port to try on 127.0.0.1")
    parser.add_argument("--targets", default="echo,app", help="comma-separated: echo, app")
    parser.add_argument("--log-dir", help="keep the processes' logs here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    args.duration = min(max(args.duration, 1.0), 300.0)
    args.concurrency = min(max(args.concurrency, 1), 256)
    args.rate = min(max(args.rate, 1.0), 1000.0)
    args.users = max(args.users, args.concurrency)
    signal.signal(signal.SIGTERM, _interrupt)  # a kill cleans up like Ctrl-C does

    results, load = [], [round(value, 2) for value in os.getloadavg()]
    with running_stack(args.database_url, args.base_port, args.log_dir) as (stack, urls):
        cursor, fake_log_seen = delivered_since(urls["fake"], 0)[0], len(stack.log("fake"))
        for target in [t.strip() for t in args.targets.split(",") if t.strip()]:
            if not args.json:
                print(f"measuring {target} ...", file=sys.stderr)
            result = measure(target, urls[target], stack, args)
            cursor, by_way = delivered_since(urls["fake"], cursor)
            fake_log = stack.log("fake")
            result["line_messages_accepted"] = dict(by_way)
            result["line_api_calls"] = api_calls(fake_log[fake_log_seen:])
            fake_log_seen = len(fake_log)
            result["handler_errors_logged"] = stack.log(target).count("failed to handle LINE event")
            results.append(result)
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
              "load_average_at_start": load,
              "database": "given --database-url" if args.database_url else "fresh SQLite file",
              "gunicorn": " ".join(procfile_workers()), "duration_s": args.duration,
              "concurrency": args.concurrency, "rate": args.rate, "users": args.users,
              "results": results, "targets": TARGETS}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(table(results, args.rate))
        busiest = max((r[run]["cpu_cores"]["other processes"] for r in results
                       for run in ("max_throughput", f"at_{args.rate:g}_per_s")), default=0.0)
        if busiest > 0.25:
            print(f"warning: other processes kept up to {busiest:.2f} cores busy during a run; "
                  "these figures are not from a quiet machine")
        for result in results:
            print(f"{result['target']}: LINE API calls {result['line_api_calls']}, messages accepted "
                  f"{result['line_messages_accepted']}, "
                  f"handler errors logged {result['handler_errors_logged']}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
