"""What the fake LINE API keeps for a test to look at: each request it answered, each message it accepted.

Split from fake_api.py, whose `requests()` and `delivered_messages()` return these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, with the status it answered."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes
    json: Any
    time: datetime
    status: int
    request_id: str

    def header(self, name: str) -> str | None:
        """Return a request header by case-insensitive name."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True)
class DeliveredMessage:
    """One message object LINE accepted for one recipient."""

    to: str | None  # None: a reply whose token was never registered to a user
    message: Mapping[str, Any]
    via: Literal["reply", "push", "multicast", "narrowcast", "broadcast"]
    message_id: str
    quote_token: str | None
    request_id: str
    retry_key: str | None
    time: datetime

    @property
    def text(self) -> str | None:
        """The text of a text message, else None."""
        return self.message.get("text") if self.message.get("type") in ("text", "textV2") else None
