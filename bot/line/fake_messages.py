"""The fake LINE API's message endpoints: reply, push, multicast, narrowcast, broadcast and validate, the reply
tokens and the monthly quota they use, and the messages they deliver (kept for tests as DeliveredMessage).

Split from fake_api.py, which routes these paths here; the state shares the server's lock.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from werkzeug.wrappers import Response

from bot.line.fake_http import CHAT_ID, USER_ID, Call, Reject, answer, now
from bot.line.fake_records import DeliveredMessage
from bot.line.fake_retry_keys import RetryKeys
from bot.line.fake_validation import MAX_MULTICAST_TO, ErrorDetail

MESSAGE_ROUTES: list[tuple[str, str, str]] = [
    ("POST", "/v2/bot/message/reply", "reply"),
    ("POST", "/v2/bot/message/push", "push"),
    ("POST", "/v2/bot/message/multicast", "multicast"),
    ("POST", "/v2/bot/message/narrowcast", "narrowcast"),
    ("POST", "/v2/bot/message/broadcast", "broadcast"),
    ("POST", "/v2/bot/message/validate/<kind>", "validate"),
    ("GET", "/v2/bot/message/progress/narrowcast", "narrowcast_progress"),
    ("GET", "/v2/bot/message/quota", "quota"),
    ("GET", "/v2/bot/message/quota/consumption", "quota_consumption"),
]
QUOTABLE_TYPES = frozenset({"text", "textV2", "sticker", "image", "video"})
# The webhook "Verify" button sends these; replying to them fails on LINE too.
VERIFY_REPLY_TOKENS = frozenset({"0" * 32, "f" * 32})


def _line_time(moment: datetime) -> str:
    """A timestamp written as LINE writes them: 2026-11-20T09:30:00.000Z."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Messages:
    """What one channel sent and may still send; `on_<endpoint>` answers each route above."""

    def __init__(self, lock: threading.RLock, valid_body: Callable[..., dict[str, Any]], retry_keys: RetryKeys,
                 followers: Callable[[], list[str]], touch: Callable[[], None]) -> None:
        self._lock = lock
        self._valid_body = valid_body  # the server's check of a body against LINE's schema
        self._retry_keys = retry_keys
        self._followers = followers  # whom a broadcast or narrowcast reaches
        self._touch = touch  # wakes whoever waits on the server for a delivery (call with the lock held)
        self.clear()

    def clear(self) -> None:
        self.deliveries: list[DeliveredMessage] = []
        self._reply_tokens: dict[str, str | None] = {}
        self._spent_reply_tokens: set[str] = set()
        self._quota_limit: int | None = None
        self._quota_used = 0
        self._narrowcasts: dict[str, dict[str, Any]] = {}
        self._message_seq = 0

    def set_quota(self, limit: int | None, used: int = 0) -> None:
        """Set this month's message limit (None: unlimited) and how much of it is used."""
        with self._lock:
            self._quota_limit, self._quota_used = limit, used

    def register_reply_token(self, token: str, user_id: str) -> None:
        """Tie a reply token to the user whose event carried it."""
        with self._lock:
            self._reply_tokens[token] = user_id

    def expire_reply_token(self, token: str) -> None:
        """Make a reply token invalid, as LINE does about a minute after the event."""
        with self._lock:
            self._spent_reply_tokens.add(token)

    def _send(self, call: Call, via: str, recipients: Sequence[str], messages: list[dict[str, Any]]) -> list[Any]:
        """Deliver at most once per retry key, charging the quota one message per recipient."""
        with self._lock:
            self._retry_keys.claim(call)
            if self._quota_limit is not None and self._quota_used + len(recipients) > self._quota_limit:
                raise Reject(429, {"message": "You have reached your monthly limit."})
            self._quota_used += len(recipients)
            sent = self._deliver(call, via, recipients, messages)
            self._retry_keys.accept(call, sent if via == "push" else None)
            return sent

    def _deliver(
        self, call: Call, via: Any, recipients: Sequence[str | None], messages: list[dict[str, Any]]
    ) -> list[dict[str, str]]:
        sent = []
        for message in messages:
            self._message_seq += 1
            message_id = str(5 * 10**17 + self._message_seq)
            quotable = via in ("push", "reply") and message.get("type") in QUOTABLE_TYPES
            quote_token = secrets.token_urlsafe(24) if quotable else None
            sent.append({"id": message_id, **({"quoteToken": quote_token} if quote_token else {})})
            self.deliveries += [
                DeliveredMessage(to, message, via, message_id, quote_token, call.request_id, call.retry_key, call.time)
                for to in recipients
            ]
        self._touch()
        return sent

    def on_reply(self, call: Call) -> Response:
        body = self._valid_body(call, "ReplyMessageRequest", required=("replyToken",))
        token = body["replyToken"]
        with self._lock:
            if token in VERIFY_REPLY_TOKENS or token in self._spent_reply_tokens:
                raise Reject(400, {"message": "Invalid reply token"})
            self._spent_reply_tokens.add(token)
            # Replies are free: they never count against the monthly quota.
            sent = self._deliver(call, "reply", [self._reply_tokens.get(token)], body["messages"])
        return answer(200, {"sentMessages": sent})

    def on_push(self, call: Call) -> Response:
        body = self._valid_body(call, "PushMessageRequest", required=("to",))
        if not isinstance(body["to"], str) or not CHAT_ID.match(body["to"]):
            raise Reject(400, {"message": "The property, 'to', in the request body is invalid (line: -, column: -)"})
        return answer(200, {"sentMessages": self._send(call, "push", [body["to"]], body["messages"])})

    def on_multicast(self, call: Call) -> Response:
        body = self._valid_body(call, "MulticastRequest", required=("to",))
        recipients = body["to"]
        details = [] if isinstance(recipients, list) and 1 <= len(recipients) <= MAX_MULTICAST_TO else [
            ErrorDetail("to", f"size must be between 1 and {MAX_MULTICAST_TO}")]
        details += [ErrorDetail(f"to[{i}]", "must be a user ID") for i, to in enumerate(recipients or [])
                    if not isinstance(to, str) or not USER_ID.match(to)]
        if details:
            raise Reject.invalid(details)
        self._send(call, "multicast", list(dict.fromkeys(recipients)), body["messages"])
        return answer(200, {})

    def on_broadcast(self, call: Call) -> Response:
        body = self._valid_body(call, "BroadcastRequest")
        with self._lock:
            self._send(call, "broadcast", self._followers(), body["messages"])
        return answer(200, {})

    def on_narrowcast(self, call: Call) -> Response:
        """Reach every follower: the fake does not evaluate recipient, filter or limit."""
        body = self._valid_body(call, "NarrowcastRequest")
        with self._lock:
            recipients = self._followers()
            self._send(call, "narrowcast", recipients, body["messages"])
            self._narrowcasts[call.request_id] = {
                "phase": "succeeded", "successCount": len(recipients), "failureCount": 0,
                "targetCount": len(recipients), "acceptedTime": _line_time(call.time),
                "completedTime": _line_time(now()),
            }
        return answer(202, {})

    def on_narrowcast_progress(self, call: Call) -> Response:
        progress = self._narrowcasts.get(call.request.args.get("requestId", ""))
        if progress is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, progress)

    def on_validate(self, call: Call, kind: str) -> Response:
        if kind not in ("reply", "push", "multicast", "narrowcast", "broadcast"):
            raise Reject(404, {"message": "Not found"})
        self._valid_body(call, "ValidateMessageRequest", required=("messages",))
        return answer(200, {})

    def on_quota(self, call: Call) -> Response:
        if self._quota_limit is None:
            return answer(200, {"type": "none"})
        return answer(200, {"type": "limited", "value": self._quota_limit})

    def on_quota_consumption(self, call: Call) -> Response:
        return answer(200, {"totalUsage": self._quota_used})
