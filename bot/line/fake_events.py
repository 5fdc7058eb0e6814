"""LINE's side of the webhook: event JSON shaped as LINE sends it, and its signature.

Used by the tests, the benchmark and the simulator to talk to `/callback` exactly as LINE would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
import uuid
from typing import Any

_counter = itertools.count(1)


def sign(body: bytes, channel_secret: str) -> str:
    """The X-Line-Signature LINE would send for this body."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def webhook_body(events: list[dict[str, Any]], destination: str = "Ubot0000000000000000000000000000") -> bytes:
    """A webhook request body holding these events."""
    return json.dumps({"destination": destination, "events": events}, ensure_ascii=False).encode("utf-8")


def event_id() -> str:
    """A fresh webhookEventId (LINE uses 26-character ULIDs)."""
    return uuid.uuid4().hex[:26].upper()


def base_event(kind: str, user_id: str, *, reply: bool = True, mode: str = "active",
               redelivery: bool = False) -> dict[str, Any]:
    """The fields every one-to-one event carries."""
    event = {"type": kind, "mode": mode, "timestamp": int(time.time() * 1000),
             "source": {"type": "user", "userId": user_id}, "webhookEventId": event_id(),
             "deliveryContext": {"isRedelivery": redelivery}}
    if reply:
        event["replyToken"] = uuid.uuid4().hex
    return event


def message_id() -> str:
    return str(10**17 + next(_counter) * 7919 + int(time.time() * 1000) % 10**6)


def text(user_id: str, content: str, **options: Any) -> dict[str, Any]:
    return base_event("message", user_id, **options) | {"message": {
        "type": "text", "id": message_id(), "quoteToken": uuid.uuid4().hex, "text": content,
        "markAsReadToken": uuid.uuid4().hex}}


def postback(user_id: str, data: str, params: dict[str, str] | None = None, **options: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"data": data}
    if params:
        body["params"] = params
    return base_event("postback", user_id, **options) | {"postback": body}


def follow(user_id: str, **options: Any) -> dict[str, Any]:
    return base_event("follow", user_id, **options) | {"follow": {"isUnblocked": False}}


def unfollow(user_id: str, **options: Any) -> dict[str, Any]:
    return base_event("unfollow", user_id, reply=False, **options)


def sticker(user_id: str, **options: Any) -> dict[str, Any]:
    return base_event("message", user_id, **options) | {"message": {
        "type": "sticker", "id": message_id(), "quoteToken": uuid.uuid4().hex, "packageId": "446",
        "stickerId": "1988", "stickerResourceType": "STATIC"}}


def image(user_id: str, content_id: str | None = None, **options: Any) -> dict[str, Any]:
    return base_event("message", user_id, **options) | {"message": {
        "type": "image", "id": content_id or message_id(), "quoteToken": uuid.uuid4().hex,
        "contentProvider": {"type": "line"}}}


def file(user_id: str, name: str, size: int, content_id: str | None = None, **options: Any) -> dict[str, Any]:
    return base_event("message", user_id, **options) | {"message": {
        "type": "file", "id": content_id or message_id(), "fileName": name, "fileSize": size}}


def location(user_id: str, latitude: float, longitude: float, **options: Any) -> dict[str, Any]:
    return base_event("message", user_id, **options) | {"message": {
        "type": "location", "id": message_id(), "latitude": latitude, "longitude": longitude,
        "title": "ตำแหน่งของฉัน", "address": "ประเทศไทย"}}
