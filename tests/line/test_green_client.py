"""The LINE client in a gevent web worker (geventhttpclient) fails and succeeds exactly as it does with threads
(the SDK's urllib3): same errors for 500, 429, 400 and a hang, same deliveries."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.errors import LineApiError
from bot.line.client import LineClient
from bot.line.fake_api import FakeLineApi

REPO = Path(__file__).resolve().parents[2]
USER = "U" + "4" * 32
TIMEOUT = 1.0

# A web worker as gunicorn's gevent class makes it: patched first, then the client; one call per line of input.
GREEN_WORKER = """
from gevent import monkey; monkey.patch_all()
import json, sys
from bot.line.client import LineClient
from tests.line.test_green_client import outcome
client = LineClient("green-token", sys.argv[1], timeout=float(sys.argv[2]))
assert type(client._poster).__name__ == "_GreenPoster", "the gevent worker must use geventhttpclient"
for line in sys.stdin:
    name, args = json.loads(line)
    print(json.dumps(outcome(getattr(client, name), args)), flush=True)
"""


def outcome(call: Callable[..., Any], args: list[Any]) -> dict[str, Any]:
    """What a call came to: done, or which of our errors, with its status and whether LINE may have it."""
    try:
        call(*args)
    except LineApiError as error:
        return {"error": type(error).__name__, "status": error.status,
                "maybe_delivered": getattr(error, "maybe_delivered", False)}
    return {"done": True}


@pytest.fixture(params=["threads", "gevent"])
def call_line(request, line_api: FakeLineApi) -> Iterator[Callable[[str, list[Any]], dict[str, Any]]]:
    """Make one LineClient call, from this process (threads) or from a gevent worker process."""
    if request.param == "threads":
        client = LineClient("thread-token", line_api.base_url, timeout=TIMEOUT)
        yield lambda name, args: outcome(getattr(client, name), args)
        return
    worker = subprocess.Popen([sys.executable, "-c", GREEN_WORKER, line_api.base_url, str(TIMEOUT)], cwd=REPO,
                              text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert worker.stdin is not None and worker.stdout is not None

    def call(name: str, args: list[Any]) -> dict[str, Any]:
        worker.stdin.write(json.dumps([name, args]) + "\n")
        worker.stdin.flush()
        answer = worker.stdout.readline()
        assert answer, worker.stderr.read()
        return json.loads(answer)

    try:
        yield call
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)


def _text(text: str) -> list[dict[str, str]]:
    return [{"type": "text", "text": text}]


def test_a_reply_and_a_push_arrive(call_line, line_api):
    line_api.register_reply_token("token-ok", USER)
    assert call_line("reply", ["token-ok", _text("สวัสดีค่ะ")]) == {"done": True}
    assert call_line("push", [USER, _text("แจ้งสถานะค่ะ"), "8a1c0a2e-0000-4000-8000-000000000001"]) == {"done": True}
    assert [d.message["text"] for d in line_api.delivered_messages(to=USER)] == ["สวัสดีค่ะ", "แจ้งสถานะค่ะ"]


@pytest.mark.parametrize("call, args, fault, expected", [
    ("reply", ["token-500", _text("ก")], ("fail", 500),
     {"error": "LineUnavailable", "status": 500, "maybe_delivered": False}),
    ("reply", ["token-spent", _text("ก")], ("fail", 400, {"message": "Invalid reply token"}),
     {"error": "InvalidReplyToken", "status": 400, "maybe_delivered": False}),
    ("push", [USER, _text("ก"), "8a1c0a2e-0000-4000-8000-000000000002"], ("fail", 429),
     {"error": "LineUnavailable", "status": 429, "maybe_delivered": False}),
    ("push", [USER, _text("ก"), "8a1c0a2e-0000-4000-8000-000000000003"], ("fail", 409), {"done": True}),
    ("multicast", [[USER], _text("ก"), "8a1c0a2e-0000-4000-8000-000000000004"], ("hang", 3 * TIMEOUT),
     {"error": "LineUnavailable", "status": None, "maybe_delivered": True}),
    ("mark_as_read", ["read-token"], ("fail", 500), {"done": True}),  # best effort: never an error
])
def test_line_failures_become_the_same_errors(call_line, line_api, call, args, fault, expected):
    path = {"reply": "/v2/bot/message/reply", "push": "/v2/bot/message/push",
            "multicast": "/v2/bot/message/multicast", "mark_as_read": "/v2/bot/chat/markAsRead"}[call]
    if call == "reply":
        line_api.register_reply_token(args[0], USER)
    if fault[0] == "fail":
        line_api.fail_next(path, fault[1], body=fault[2] if len(fault) > 2 else None)
    else:
        line_api.hang_next(path, fault[1], then="drop")
    assert call_line(call, args) == expected
    assert line_api.delivered_messages(to=USER) == []
