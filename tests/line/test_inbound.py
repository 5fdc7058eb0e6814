"""Reading webhook events: text messages read straight from the JSON match what the SDK's models give."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from linebot.v3.webhooks import Event

from bot.line import fake_events as ev
from bot.line.inbound import Inbound, _common, _details, to_inbound

USER = "U" + "2" * 32
EPOCH = datetime.fromtimestamp(0, UTC)


def read_by_sdk(raw: dict[str, Any]) -> Inbound:
    """The Inbound the SDK's pydantic models give for an event (kind 'other' when they refuse it)."""
    try:
        event = Event.from_dict(copy.deepcopy(raw))
    except Exception:  # noqa: BLE001 - the SDK raises several kinds
        return Inbound(**_common(raw), kind="other")
    return Inbound(**_common(raw), **_details(event))


def changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    event = ev.text(USER, "สวัสดีค่ะ")
    change(event)
    return event


CHANGES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "as LINE sends it": lambda e: None,
    "no reply token": lambda e: e.pop("replyToken"),
    "null reply token": lambda e: e.update(replyToken=None),
    "standby": lambda e: e.update(mode="standby"),
    "redelivered": lambda e: e["deliveryContext"].update(isRedelivery=True),
    "no mark-as-read token": lambda e: e["message"].pop("markAsReadToken"),
    "a quoted message": lambda e: e["message"].update(quotedMessageId="100000000000000001"),
    "emojis": lambda e: e["message"].update(emojis=[{"index": 0, "length": 6, "productId": "p", "emojiId": "001"}]),
    "a mention": lambda e: e["message"].update(mention={"mentionees": []}),
    "malformed emojis": lambda e: e["message"].update(emojis="x"),
    "a group": lambda e: e.update(source={"type": "group", "groupId": "C" + "3" * 32, "userId": USER}),
    "no user id": lambda e: e["source"].pop("userId"),
    "no source": lambda e: e.pop("source"),
    "unknown mode": lambda e: e.update(mode="sleeping"),
    "text is a number": lambda e: e["message"].update(text=5),
    "no text": lambda e: e["message"].pop("text"),
    "no quote token": lambda e: e["message"].pop("quoteToken"),
    "numeric message id": lambda e: e["message"].update(id=12),
    "timestamp as text": lambda e: e.update(timestamp="1700000000000"),
    "timestamp true": lambda e: e.update(timestamp=True),
    "redelivery as text": lambda e: e["deliveryContext"].update(isRedelivery="false"),
    "no delivery context": lambda e: e.pop("deliveryContext"),
    "no event id": lambda e: e.pop("webhookEventId"),
    "a key LINE adds later": lambda e: e.update(newThing=1),
    "a sticker": lambda e: e.update(message={"type": "sticker", "id": "1", "quoteToken": "q", "packageId": "1",
                                             "stickerId": "2", "stickerResourceType": "STATIC"}),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_an_event_reads_the_same_as_through_the_sdk(change):
    event = changed(change)
    # An event without a usable timestamp is stamped with the time of reading: leave that out.
    assert replace(to_inbound(event), timestamp=EPOCH) == replace(read_by_sdk(event), timestamp=EPOCH)


def test_a_plain_text_message_keeps_its_text_and_tokens():
    event = ev.text(USER, "ขอเบอร์ศูนย์ค่ะ")
    inbound = to_inbound(event)
    assert (inbound.kind, inbound.text, inbound.user_id) == ("text", "ขอเบอร์ศูนย์ค่ะ", USER)
    assert inbound.reply_token == event["replyToken"]
    assert inbound.mark_as_read_token == event["message"]["markAsReadToken"]
    assert inbound.message_id == event["message"]["id"]
