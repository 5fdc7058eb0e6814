"""A LINE user made small: sends signed webhook events to the app and reads what the fake LINE API got."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot import workdays
from bot.line import fake_events
from bot.line.fake_api import FakeLineApi
from intents.dates import bangkok_today


class LineChat:
    """Talk to the bot as one or more LINE users would."""

    def __init__(self, app, line_api: FakeLineApi, secret: str) -> None:
        self.app, self.line_api, self.secret = app, line_api, secret
        self.client = app.test_client()

    def post(self, events: list[dict[str, Any]], signature: str | None = None, body: bytes | None = None):
        """POST a webhook body, signed like LINE unless a signature is given."""
        body = body if body is not None else fake_events.webhook_body(events)
        for event in events:
            if event.get("replyToken") and event.get("source", {}).get("userId"):
                self.line_api.register_reply_token(event["replyToken"], event["source"]["userId"])
        headers = {"Content-Type": "application/json",
                   "X-Line-Signature": signature if signature is not None else fake_events.sign(body, self.secret)}
        return self.client.post("/callback", data=body, headers=headers)

    def send(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """Deliver one event and return the messages the user received because of it."""
        user = event["source"]["userId"]
        before = len(self.line_api.delivered_messages(to=user))
        response = self.post([event])
        assert response.status_code == 200, response.data
        return [m.message for m in self.line_api.delivered_messages(to=user)[before:]]

    def say(self, user: str, text: str) -> list[str]:
        """Type a text; returns the texts (or Flex alt texts) the bot answered."""
        return shown(self.send(fake_events.text(user, text)))

    def tap(self, user: str, data: str, params: dict[str, str] | None = None) -> list[str]:
        """Tap a postback button or quick reply."""
        return shown(self.send(fake_events.postback(user, data, params)))

    def follow(self, user: str) -> list[dict[str, Any]]:
        return self.send(fake_events.follow(user))

    def consent(self, user: str) -> None:
        """Follow and give consent, as most users will before asking for a service."""
        self.follow(user)
        self.tap(user, "consent=yes")


def shown(messages: list[dict[str, Any]]) -> list[str]:
    """What a person reads of each message: its text, or a Flex card's alt text and contents."""
    out = []
    for message in messages:
        if message["type"] == "text":
            out.append(message["text"])
        elif message["type"] == "flex":
            out.append(message["altText"] + "\n" + " ".join(_flex_texts(message["contents"])))
        else:
            out.append(message["type"])
    return out


def quick_replies(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]


def _flex_texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "text" and "text" in node else []
        if node.get("type") == "button":
            found.append(node["action"].get("label", ""))
        for value in node.values():
            if isinstance(value, (dict, list)):
                found += _flex_texts(value)
        return found
    if isinstance(node, list):
        return [t for item in node for t in _flex_texts(item)]
    return []


def a_working_day(days_ahead: int) -> date:
    """The first day the centres open at least `days_ahead` days from today (Bangkok), to book a visit on."""
    return workdays.load_calendar().working_day(bangkok_today() + timedelta(days=days_ahead), 1)


def typed_date(day: date) -> str:
    """The date as a user types it: 15/12/2569."""
    return f"{day.day}/{day.month}/{day.year + 543}"
