"""Webhook bodies in, our own frozen `Inbound` events out (signature checked by the SDK)."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from linebot.v3.webhook import SignatureValidator
from linebot.v3.webhooks import (
    AudioMessageContent,
    Event,
    FileMessageContent,
    FollowEvent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
    VideoMessageContent,
)

log = logging.getLogger(__name__)

_MEDIA = {ImageMessageContent: "image", VideoMessageContent: "video", AudioMessageContent: "audio",
          FileMessageContent: "file"}


class BadWebhook(ValueError):
    """The body is not a LINE webhook we can read (it is answered 400)."""


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    title: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Inbound:
    """One thing that happened in LINE, in our own terms."""

    event_id: str
    kind: str
    line_type: str
    user_id: str | None = None
    group_id: str | None = None
    reply_token: str | None = None
    standby: bool = False
    redelivery: bool = False
    one_to_one: bool = True
    timestamp: datetime = field(default_factory=lambda: datetime.now(UTC))
    text: str | None = None
    postback: str | None = None
    postback_params: Mapping[str, str] = field(default_factory=dict)
    message_id: str | None = None
    file_name: str | None = None
    location: Location | None = None
    mark_as_read_token: str | None = None


def verify(body: bytes, signature: str | None, channel_secret: str) -> bool:
    """True when `signature` is LINE's HMAC-SHA256 of exactly these bytes."""
    if not signature:
        return False
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return SignatureValidator(channel_secret).validate(text, signature)


def parse_body(body: bytes) -> list[Inbound]:
    """Turn a verified webhook body into Inbound events; unknown kinds become kind 'other'."""
    try:
        payload = json.loads(body)
        raw_events = payload["events"]
    except (ValueError, KeyError, TypeError) as error:
        raise BadWebhook(str(error)) from error
    if not isinstance(raw_events, list):
        raise BadWebhook("events is not a list")
    return [to_inbound(raw) for raw in raw_events if isinstance(raw, dict)]


def to_inbound(raw: dict[str, Any]) -> Inbound:
    """Convert one raw event; anything the SDK cannot read is kept as kind 'other'."""
    base = _common(raw)
    text = _plain_text(raw)
    if text is not None:
        return Inbound(**base, **text)
    try:
        event = Event.from_dict(raw)
    except Exception:  # noqa: BLE001 - the SDK raises several kinds for unknown or malformed events
        log.info("unreadable or unknown LINE event type %r", raw.get("type"))
        return Inbound(**base, kind="other")
    return Inbound(**base, **_details(event))


def _common(raw: dict[str, Any]) -> dict[str, Any]:
    source = _object(raw, "source")
    delivery = _object(raw, "deliveryContext")
    event_id = raw.get("webhookEventId")
    if not isinstance(event_id, str) or not event_id:
        # Without LINE's id, the event's own content is the best key against duplicates.
        event_id = "h-" + hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()[:40]
    timestamp = raw.get("timestamp")
    moment = (datetime.fromtimestamp(timestamp / 1000, UTC)
              if isinstance(timestamp, (int, float)) else datetime.now(UTC))
    return {
        "event_id": event_id,
        "line_type": str(raw.get("type")),
        "user_id": source.get("userId") if isinstance(source.get("userId"), str) else None,
        "group_id": source.get("groupId") or source.get("roomId"),
        "reply_token": raw.get("replyToken") if isinstance(raw.get("replyToken"), str) else None,
        "standby": raw.get("mode") == "standby",
        "redelivery": bool(delivery.get("isRedelivery")),
        "one_to_one": source.get("type") == "user",
        "timestamp": moment,
    }


# A user's text message in a one-to-one chat, as LINE sends nearly every event: exactly these keys.
_TEXT_EVENT_KEYS = {"type", "mode", "timestamp", "source", "webhookEventId", "deliveryContext", "replyToken",
                    "message"}
_TEXT_MESSAGE_KEYS = {"type", "id", "text", "quoteToken", "markAsReadToken", "quotedMessageId"}


def _plain_text(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The details of a plain text message read straight from the JSON, or None to let the SDK read it.

    The SDK's pydantic models cost more CPU than the rest of reading the webhook. Only an event whose every
    field is one the SDK would accept as it stands is read here; the rest (other kinds, emojis, mentions,
    groups, anything malformed) still goes through the SDK, so both ways give the same Inbound.
    """
    message, source, delivery = raw.get("message"), raw.get("source"), raw.get("deliveryContext")
    if not (raw.get("type") == "message" and raw.keys() <= _TEXT_EVENT_KEYS
            and type(raw.get("timestamp")) is int and raw.get("mode") in ("active", "standby")
            and type(raw.get("webhookEventId")) is str and _optional_str(raw, "replyToken")
            and type(delivery) is dict and delivery.keys() == {"isRedelivery"}
            and type(delivery["isRedelivery"]) is bool
            and type(source) is dict and source.get("type") == "user" and source.keys() <= {"type", "userId"}
            and _optional_str(source, "userId")
            and type(message) is dict and message.get("type") == "text" and message.keys() <= _TEXT_MESSAGE_KEYS
            and all(type(message.get(key)) is str for key in ("id", "text", "quoteToken"))
            and _optional_str(message, "markAsReadToken") and _optional_str(message, "quotedMessageId")):
        return None
    return {"kind": "text", "text": message["text"], "message_id": message["id"],
            "mark_as_read_token": message.get("markAsReadToken")}


def _optional_str(raw: dict[str, Any], key: str) -> bool:
    return raw.get(key) is None or type(raw[key]) is str


def _object(raw: dict[str, Any], key: str) -> dict[str, Any]:
    """The JSON object under `key`, or an empty one if it is missing or not an object."""
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def _details(event: Event) -> dict[str, Any]:
    if isinstance(event, FollowEvent):
        return {"kind": "follow"}
    if isinstance(event, UnfollowEvent):
        return {"kind": "unfollow"}
    if isinstance(event, PostbackEvent):
        params = {k: str(v) for k, v in (event.postback.params or {}).items() if v is not None}
        return {"kind": "postback", "postback": event.postback.data, "postback_params": params}
    if isinstance(event, MessageEvent):
        return _message_details(event.message)
    return {"kind": "other"}


def _message_details(message: Any) -> dict[str, Any]:
    details: dict[str, Any] = {"message_id": getattr(message, "id", None),
                               "mark_as_read_token": getattr(message, "mark_as_read_token", None)}
    if isinstance(message, TextMessageContent):
        return details | {"kind": "text", "text": message.text}
    if isinstance(message, StickerMessageContent):
        return details | {"kind": "sticker"}
    if isinstance(message, LocationMessageContent):
        location = Location(message.latitude, message.longitude, message.title, message.address)
        return details | {"kind": "location", "location": location}
    for content_type, kind in _MEDIA.items():
        if isinstance(message, content_type):
            return details | {"kind": kind, "file_name": getattr(message, "file_name", None)}
    return details | {"kind": "other"}
