"""Our own outbound messages, and their LINE JSON form (within LINE's limits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_MESSAGES = 5
MAX_TEXT_UTF16 = 5000
MAX_QUICK_REPLIES = 13
MAX_ALT_TEXT = 400
MAX_LABEL = 20


@dataclass(frozen=True)
class Say:
    """A quick-reply or button action that sends a text as the user."""

    label: str
    text: str


@dataclass(frozen=True)
class Choose:
    """A postback action: carries its meaning in `data`, never goes through the classifier."""

    label: str
    data: str
    display_text: str | None = None


@dataclass(frozen=True)
class PickDate:
    """A date picker; the chosen date comes back in a postback."""

    label: str
    data: str


@dataclass(frozen=True)
class ShareLocation:
    """Opens LINE's location picker."""

    label: str = "แชร์ตำแหน่ง"


@dataclass(frozen=True)
class OpenLink:
    label: str
    uri: str


Action = Say | Choose | PickDate | ShareLocation | OpenLink


@dataclass(frozen=True)
class Text:
    text: str
    quick_replies: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Flex:
    """A Flex bubble or carousel; `contents` is LINE's Flex JSON."""

    alt_text: str
    contents: dict[str, Any]
    quick_replies: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Image:
    url: str
    preview_url: str | None = None
    quick_replies: tuple[Action, ...] = field(default=())


Outbound = Text | Flex | Image


def to_line_messages(messages: Sequence[Outbound]) -> list[dict[str, Any]]:
    """Serialise for the Messaging API: at most 5 messages, each within LINE's limits."""
    fitted = _fit_count(list(messages))
    return [_message(m) for m in fitted]


def _fit_count(messages: list[Outbound]) -> list[Outbound]:
    # Extra texts are merged into the fifth so nothing is silently dropped.
    if len(messages) <= MAX_MESSAGES:
        return messages
    head, tail = messages[:MAX_MESSAGES - 1], messages[MAX_MESSAGES - 1:]
    texts = [m.text if isinstance(m, Text) else getattr(m, "alt_text", "") for m in tail]
    quick = next((m.quick_replies for m in reversed(tail) if m.quick_replies), ())
    return head + [Text("\n\n".join(t for t in texts if t), quick)]


def _message(message: Outbound) -> dict[str, Any]:
    if isinstance(message, Text):
        body: dict[str, Any] = {"type": "text", "text": fit_text(message.text)}
    elif isinstance(message, Flex):
        body = {"type": "flex", "altText": fit_text(message.alt_text, MAX_ALT_TEXT), "contents": message.contents}
    else:
        body = {"type": "image", "originalContentUrl": message.url,
                "previewImageUrl": message.preview_url or message.url}
    if message.quick_replies:
        items = message.quick_replies[:MAX_QUICK_REPLIES]
        body["quickReply"] = {"items": [{"type": "action", "action": action_json(a)} for a in items]}
    return body


def action_json(action: Action) -> dict[str, Any]:
    """LINE's JSON for one action (labels cut to LINE's 20 characters)."""
    label = action.label[:MAX_LABEL]
    if isinstance(action, Say):
        return {"type": "message", "label": label, "text": action.text}
    if isinstance(action, Choose):
        body = {"type": "postback", "label": label, "data": action.data}
        if action.display_text:
            body["displayText"] = action.display_text
        return body
    if isinstance(action, PickDate):
        return {"type": "datetimepicker", "label": label, "data": action.data, "mode": "date"}
    if isinstance(action, OpenLink):
        return {"type": "uri", "label": label, "uri": action.uri}
    return {"type": "location", "label": label}


def fit_text(text: str, limit: int = MAX_TEXT_UTF16) -> str:
    """Cut text to `limit` UTF-16 code units without splitting a surrogate pair."""
    text = text or " "
    if len(text.encode("utf-16-le")) // 2 <= limit:
        return text
    out, used = [], 0
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if used + width > limit - 1:
            break
        out.append(char)
        used += width
    return "".join(out) + "…"
