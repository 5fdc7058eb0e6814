"""The Procfile's release and web commands, run as a platform runs them: migrate, seed, serve, answer LINE."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.line import fake_events as ev

REPO = Path(__file__).resolve().parents[2]
SECRET = "procfile-channel-secret"
USER = "U" + "7" * 32


def procfile() -> dict[str, str]:
    lines = (line.split(":", 1) for line in (REPO / "Procfile").read_text().splitlines() if ":" in line)
    return {name.strip(): command.strip() for name, command in lines}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_release_then_web_answers_a_signed_message_in_thai(tmp_path, line_api):
    commands, port = procfile(), free_port()
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", PORT=str(port),
               DATABASE_URL=f"sqlite:///{tmp_path / 'frontdesk.sqlite3'}", LINE_CHANNEL_SECRET=SECRET,
               LINE_CHANNEL_ACCESS_TOKEN="procfile-token", LINE_API_BASE_URL=line_api.base_url,
               SECRET_KEY="procfile-secret-key", TASKS_IMMEDIATE="1")
    env.pop("REDIS_URL", None)
    subprocess.run(["bash", "-c", commands["release"]], cwd=REPO, env=env, check=True, timeout=300,
                   capture_output=True)
    web = subprocess.Popen(["bash", "-c", commands["web"]], cwd=REPO, env=env,
                           start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz", web)
        event = ev.text(USER, "สวัสดีค่ะ")
        line_api.register_reply_token(event["replyToken"], USER)
        body = ev.webhook_body([event])
        request = urllib.request.Request(f"{base}/callback", data=body, headers={
            "Content-Type": "application/json", "X-Line-Signature": ev.sign(body, SECRET)})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 200
        replies = [m.message["text"] for m in line_api.delivered_messages(to=USER) if m.message["type"] == "text"]
        assert replies and "สวัสดี" in replies[0]
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
    # gevent patches the standard library before the worker imports the app, or locks and sockets made earlier
    # would block the whole worker.
    errors = web.stderr.read().decode()
    assert "MonkeyPatchWarning" not in errors, errors[-2000:]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the web process exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the web process did not answer at {url} in {timeout:.0f} s")
