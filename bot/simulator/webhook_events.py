"""The webhook events a simulated user's actions become, shaped and signed exactly as LINE sends them.

The page asks for an event (type a text, tap a button, share a location...), gets back the body and its
X-Line-Signature, and POSTs them to /callback itself; the channel secret never leaves the server.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from bot.line import fake_events
from intents.provinces import all_provinces, nearest_province

STICKERS = {  # LINE's free "Brown & Cony" package 446, drawn on the page as emoji
    "1988": "😀", "1989": "😍", "1990": "😢", "1991": "😡", "1992": "😴", "1993": "🙏", "1995": "👍",
    "1997": "🎉", "2001": "😂", "2005": "😮", "2008": "🤔", "2011": "👋",
}
STICKER_PACKAGE = "446"


class BadAction(ValueError):
    """The page asked for something LINE would never send."""


def build(kind: str, user_id: str, form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The LINE event for an action, and what the user's side of the chat shows for it (None: nothing)."""
    maker = _MAKERS.get(kind)
    if maker is None:
        raise BadAction(f"unknown action {kind!r}")
    return maker(user_id, form)


def signed_body(events: list[dict[str, Any]], secret: str, destination: str) -> tuple[str, str]:
    """The webhook body (as text, UTF-8 on the wire like LINE's) and its X-Line-Signature."""
    body = json.dumps({"destination": destination, "events": events}, ensure_ascii=False)
    return body, fake_events.sign(body.encode("utf-8"), secret)


def _text(user_id: str, form: dict[str, Any]):
    text = str(form.get("text") or "").strip()
    if not text or len(text) > 5000:
        raise BadAction("a text message has 1 to 5,000 characters")
    event = fake_events.text(user_id, text)
    return event, {"type": "text", "text": text}


def _postback(user_id: str, form: dict[str, Any]):
    data = str(form.get("data") or "")
    if not data or len(data) > 300:
        raise BadAction("postback data has 1 to 300 characters")
    params = {k: str(v) for k, v in (form.get("params") or {}).items() if k in ("date", "time", "datetime",
                                                                                "newRichMenuAliasId", "status")}
    event = fake_events.postback(user_id, data, params or None)
    shown = form.get("displayText")
    if shown:
        return event, {"type": "text", "text": str(shown)[:300]}
    picked = next(iter(params.values()), None)
    return event, {"type": "note", "text": f"เลือก {picked}" if picked else "แตะปุ่ม"}


def _sticker(user_id: str, form: dict[str, Any]):
    sticker_id = str(form.get("stickerId") or "")
    if sticker_id not in STICKERS:
        raise BadAction("unknown sticker")
    event = fake_events.sticker(user_id)
    event["message"].update(packageId=STICKER_PACKAGE, stickerId=sticker_id, markAsReadToken=uuid.uuid4().hex)
    return event, {"type": "sticker", "packageId": STICKER_PACKAGE, "stickerId": sticker_id,
                   "emoji": STICKERS[sticker_id]}


def _location(user_id: str, form: dict[str, Any]):
    try:
        latitude, longitude = float(form["latitude"]), float(form["longitude"])
    except (KeyError, TypeError, ValueError):
        raise BadAction("a location needs a latitude and a longitude") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadAction("the coordinates are outside the Earth")
    province = nearest_province(latitude, longitude).name
    title = str(form.get("title") or "ตำแหน่งที่เลือก")[:100]
    address = str(form.get("address") or f"จ.{province} ประเทศไทย")[:100]
    event = fake_events.location(user_id, latitude, longitude)
    event["message"].update(title=title, address=address, markAsReadToken=uuid.uuid4().hex)
    return event, {"type": "location", "title": title, "address": address, "latitude": latitude,
                   "longitude": longitude}


def _follow(user_id: str, form: dict[str, Any]):
    event = fake_events.follow(user_id)
    event["follow"]["isUnblocked"] = bool(form.get("unblocked"))
    note = "เลิกบล็อกแล้ว" if form.get("unblocked") else "เพิ่ม ITC Front Desk เป็นเพื่อนแล้ว"
    return event, {"type": "note", "text": note}


def _unfollow(user_id: str, form: dict[str, Any]):
    return fake_events.unfollow(user_id), {"type": "note", "text": "บล็อก ITC Front Desk แล้ว"}


def media(user_id: str, kind: str, message_id: str, file_name: str, size: int) -> tuple[dict, dict]:
    """An image or file message whose content the fake LINE API already holds under `message_id`."""
    if kind == "image":
        event = fake_events.image(user_id, content_id=message_id)
        shown: dict[str, Any] = {"type": "image", "messageId": message_id}
    else:
        event = fake_events.file(user_id, file_name[:200] or "file", size, content_id=message_id)
        shown = {"type": "file", "fileName": file_name, "fileSize": size, "messageId": message_id}
    event["message"]["markAsReadToken"] = uuid.uuid4().hex
    return event, shown


def provinces() -> list[dict[str, Any]]:
    """The 77 provinces with the coordinates of their seats, for the location picker."""
    return [{"name": p.name, "nameEn": p.name_en, "lat": p.lat, "lon": p.lon} for p in all_provinces()]


_MAKERS = {"text": _text, "postback": _postback, "sticker": _sticker, "location": _location,
           "follow": _follow, "unfollow": _unfollow}
