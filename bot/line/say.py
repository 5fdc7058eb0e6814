"""Talk to a running bot as a LINE user, from the terminal: `scripts/say "สวัสดีค่ะ"`.

Sends a signed webhook event to the bot exactly as LINE would, then prints what the fake LINE API
received for that user: texts, Flex cards (their text) and the quick replies to tap next.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import urllib.request
from typing import Any

from bot.config import DEV_SECRET
from bot.line import fake_events

DEFAULT_USER = "U" + "0123456789abcdef" * 2


def main() -> None:
    parser = argparse.ArgumentParser(description="Send one LINE event to the bot and print its answer.")
    parser.add_argument("text", nargs="?", help="the message to type")
    parser.add_argument("--tap", help="postback data of a button or quick reply, e.g. consent=yes")
    parser.add_argument("--follow", action="store_true", help="add the bot as a friend")
    parser.add_argument("--user", default=DEFAULT_USER, help="LINE user id (U + 32 hex)")
    parser.add_argument("--bot", default="http://127.0.0.1:8000")
    parser.add_argument("--line", default=os.environ.get("LINE_API_BASE_URL",
                                                         "http://127.0.0.1:8000/simulator/line-api"))
    args = parser.parse_args()
    event = (fake_events.follow(args.user) if args.follow else
             fake_events.postback(args.user, args.tap) if args.tap else fake_events.text(args.user, args.text or ""))
    before = _delivered(args.line, args.user, 0)["count"]
    if event.get("replyToken"):
        _post_json(f"{args.line}/_fake/reply-token", {"token": event["replyToken"], "user": args.user})
    body = fake_events.webhook_body([event])
    secret = os.environ.get("LINE_CHANNEL_SECRET", DEV_SECRET)
    request = urllib.request.Request(f"{args.bot}/callback", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Line-Signature": fake_events.sign(body, secret)})
    with urllib.request.urlopen(request, timeout=30) as response:
        print(f"[webhook {response.status}]")
    for message in _wait_for_answer(args.line, args.user, before):
        print(_render(message["message"]))


def _post_json(url: str, payload: dict[str, Any]) -> None:
    data = json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def _delivered(line: str, user: str, after: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"{line}/_fake/delivered?to={user}&after={after}", timeout=10) as response:
        return json.loads(response.read())


def _wait_for_answer(line: str, user: str, before: int) -> list[dict[str, Any]]:
    deadline, messages = time.monotonic() + 5, []
    while time.monotonic() < deadline:
        messages = _delivered(line, user, before)["messages"]
        if messages:
            time.sleep(0.3)
            return _delivered(line, user, before)["messages"]
        time.sleep(0.1)
    return messages


def _render(message: dict[str, Any]) -> str:
    if message["type"] == "text":
        out = message["text"]
    elif message["type"] == "flex":
        out = f"[การ์ด] {message['altText']}\n  " + " | ".join(_texts(message["contents"]))
    else:
        out = f"[{message['type']}]"
    items = message.get("quickReply", {}).get("items", [])
    if items:
        out += "\n  ตัวเลือก: " + "  ".join(_choice(item["action"]) for item in items)
    return "bot> " + out


def _choice(action: dict[str, Any]) -> str:
    if action["type"] == "postback":
        return f"[{action['label']}] (--tap '{action['data']}')"
    if action["type"] == "message":
        return f"[{action['label']}] (\"{action['text']}\")"
    return f"[{action['label']}]"


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "text" else []
        if node.get("type") == "button":
            action = node["action"]
            found.append(f"[{action.get('label')}]" + (f" (--tap '{action['data']}')" if "data" in action else ""))
        return found + [t for v in node.values() if isinstance(v, (dict, list)) for t in _texts(v)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


if __name__ == "__main__":
    main()
