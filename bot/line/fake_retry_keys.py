"""`X-Line-Retry-Key` as LINE honours it: only on push, multicast, narrowcast and broadcast, only a UUID, and a
send accepted once; another request with the key, while the first is in flight or after, is answered 409 (a push's
with the messages the first one sent).

Split from fake_api.py, which checks each request's key here; the state shares the server's lock.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from bot.line.fake_http import Call, Reject

RETRYABLE_ENDPOINTS = frozenset({"push", "multicast", "narrowcast", "broadcast"})


@dataclass
class _RetryClaim:
    request_id: str  # the first request with this key
    accepted: bool = False  # False while that request is in flight
    sent_messages: list[dict[str, str]] | None = None  # push answers them again with the 409


class RetryKeys:
    """The retry keys LINE has seen in the last 24 hours (the fake never forgets them)."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self.clear()

    def clear(self) -> None:
        self._claims: dict[str, _RetryClaim] = {}

    def check(self, call: Call, endpoint: str) -> None:
        """Refuse a key on an endpoint that takes none, or one that is not a UUID."""
        if call.retry_key is None:
            return
        if endpoint not in RETRYABLE_ENDPOINTS:
            raise Reject(400, {"message": "The X-Line-Retry-Key header is not supported by this API"})
        if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", call.retry_key):
            raise Reject(400, {"message": "The value of the X-Line-Retry-Key header must be a UUID"})

    def hold(self, call: Call) -> None:
        """LINE has the request already, though it has not answered: a retry sent meanwhile gets 409."""
        if call.retry_key:
            self._claims.setdefault(call.retry_key, _RetryClaim(call.request_id))

    def claim(self, call: Call) -> None:
        """Take the key for this request, or answer 409 when another request has it."""
        if call.retry_key is None:
            return
        claim = self._claims.setdefault(call.retry_key, _RetryClaim(call.request_id))
        if claim.request_id == call.request_id:
            return
        body: dict[str, Any] = {"message": "The retry key is already accepted"}
        if claim.sent_messages:
            body["sentMessages"] = claim.sent_messages
        raise Reject(409, body, {"x-line-accepted-request-id": claim.request_id})

    def accept(self, call: Call, sent_messages: list[dict[str, str]] | None) -> None:
        """The request with the key was sent: every later one is a repeat."""
        if call.retry_key is not None:
            claim = self._claims[call.retry_key]
            claim.accepted, claim.sent_messages = True, sent_messages

    def release(self, call: Call) -> None:
        """Free the retry key of a request that was not accepted, so a retry is processed."""
        with self._lock:
            claim = self._claims.get(call.retry_key or "")
            if claim is not None and claim.request_id == call.request_id and not claim.accepted:
                del self._claims[call.retry_key or ""]
