"""A fake LINE Messaging API: a real small HTTP server that answers like api.line.me and api-data.line.me.

It is LINE's side of the wire, so it never imports ``linebot``. Point the SDK at it with
``Configuration(host=api.base_url)`` (or ``LINE_API_BASE_URL``); both LINE hosts share the one base URL.

    with FakeLineApi(access_token="test-token").serve() as api:
        ...  # the app under test pushes, replies, downloads content
        assert api.delivered_texts(to=user_id) == ["สวัสดีครับ"]

Request bodies are checked like LINE checks them: the hand-written limits below, plus the request and every
message object against the schemas of LINE's OpenAPI file (``$LINE_OPENAPI_DIR``, else
``../shared/spec/line-openapi`` beside the repository). Faults (errors, 429s, hangs, random failures, in
fake_faults.py) are injected per path prefix. The rich-menu endpoints are in fake_rich_menus.py, the content
endpoints (api-data.line.me) in fake_content.py, and the request and answer shapes all parts share in
fake_http.py. The instance is a plain WSGI app, so a dev server can also mount it under a prefix (werkzeug's
DispatcherMiddleware) and give the SDK that prefix as its base URL.

Not modelled: narrowcast filters and audiences (a narrowcast reaches every follower), blocked users, rate
limits other than injected 429s, reply-token age (use ``expire_reply_token``).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from bot.line.fake_content import CONTENT_ROUTES, MessageContents
from bot.line.fake_faults import Faults
from bot.line.fake_http import CHAT_ID, USER_ID, Call, Reject, answer, error_body, now
from bot.line.fake_rich_menus import RICH_MENU_ROUTES, RichMenus
from bot.line.fake_validation import (
    MAX_MULTICAST_TO,
    ErrorDetail,
    body_errors,
    default_openapi_dir,
    validate_messages,
)

__all__ = [
    "DeliveredMessage",
    "ErrorDetail",
    "FakeLineApi",
    "RecordedRequest",
    "default_openapi_dir",
    "new_user_id",
    "validate_messages",
]

log = logging.getLogger(__name__)

RETRYABLE_ENDPOINTS = frozenset({"push", "multicast", "narrowcast", "broadcast"})
QUOTABLE_TYPES = frozenset({"text", "textV2", "sticker", "image", "video"})
# The webhook "Verify" button sends these; replying to them fails on LINE too.
VERIFY_REPLY_TOKENS = frozenset({"0" * 32, "f" * 32})

T = TypeVar("T")


def new_user_id() -> str:
    """Return a fresh user ID shaped like LINE's (U + 32 hex digits)."""
    return "U" + uuid.uuid4().hex


def _line_time(moment: datetime) -> str:
    """A timestamp written as LINE writes them: 2026-11-20T09:30:00.000Z."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------------------------- records


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


# --------------------------------------------------------------------------------- retry keys, errors


@dataclass
class _RetryClaim:
    request_id: str  # the first request with this key
    accepted: bool = False  # False while that request is in flight
    sent_messages: list[dict[str, str]] | None = None  # push answers them again with the 409


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Keep test output free of access-log lines."""


ROUTES: list[tuple[str, str, str]] = [
    ("POST", "/v2/bot/message/reply", "reply"),
    ("POST", "/v2/bot/message/push", "push"),
    ("POST", "/v2/bot/message/multicast", "multicast"),
    ("POST", "/v2/bot/message/narrowcast", "narrowcast"),
    ("POST", "/v2/bot/message/broadcast", "broadcast"),
    ("POST", "/v2/bot/message/validate/<kind>", "validate"),
    ("GET", "/v2/bot/message/progress/narrowcast", "narrowcast_progress"),
    ("GET", "/v2/bot/message/quota", "quota"),
    ("GET", "/v2/bot/message/quota/consumption", "quota_consumption"),
    *CONTENT_ROUTES,
    ("POST", "/v2/bot/message/markAsRead", "mark_as_read"),
    ("POST", "/v2/bot/chat/markAsRead", "mark_as_read"),
    ("POST", "/v2/bot/chat/loading/start", "loading_start"),
    ("GET", "/v2/bot/profile/<user_id>", "profile"),
    ("GET", "/v2/bot/group/<chat_id>/member/<user_id>", "member_profile"),
    ("GET", "/v2/bot/room/<chat_id>/member/<user_id>", "member_profile"),
    ("GET", "/v2/bot/followers/ids", "followers"),
    ("GET", "/v2/bot/info", "bot_info"),
    *RICH_MENU_ROUTES,
]
URL_MAP = Map([Rule(path, methods=[method], endpoint=name) for method, path, name in ROUTES])


class FakeLineApi:
    """LINE's Messaging API as a WSGI app with in-memory state, plus a background server that runs it."""

    def __init__(
        self,
        access_token: str | None = None,
        *,
        openapi_dir: Path | None = None,
        require_https_media: bool = True,
    ) -> None:
        self.access_token = access_token  # None: any bearer token is accepted
        self.openapi_dir = openapi_dir or default_openapi_dir()
        self.require_https_media = require_https_media
        self.bot_user_id = new_user_id()
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._closing = threading.Event()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._generation = 0
        self._faults = Faults(self._lock)
        self._rich_menus = RichMenus(self._lock, self._valid_body)
        self._contents = MessageContents(self._lock)
        self._clear_state()

    # ------------------------------------------------------------------------------------ lifecycle

    def start(self) -> FakeLineApi:
        """Serve on 127.0.0.1 at a free port, in a background thread."""
        if self._server is not None:
            raise RuntimeError("FakeLineApi is already serving")
        self._closing.clear()
        self._server = make_server("127.0.0.1", 0, self, threaded=True, request_handler=_QuietRequestHandler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-line-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; requests still hanging are cut short."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._closing.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    @contextmanager
    def serve(self) -> Iterator[FakeLineApi]:
        """Serve for the duration of a with-block."""
        self.start()
        try:
            yield self
        finally:
            self.stop()

    @property
    def base_url(self) -> str:
        """The URL to give the SDK as Configuration(host=...) or LINE_API_BASE_URL."""
        if self._server is None:
            raise RuntimeError("FakeLineApi is not serving: use serve() or start()")
        return f"http://127.0.0.1:{self._server.server_port}"

    # ------------------------------------------------------------------------------- arranging state

    def reset(self) -> None:
        """Forget everything: requests, deliveries, faults, tokens, profiles, content, rich menus."""
        with self._changed:
            self._clear_state()
            self._touch()

    def _clear_state(self) -> None:
        self._records: list[RecordedRequest] = []
        self._deliveries: list[DeliveredMessage] = []
        self._faults.clear()
        self._reply_tokens: dict[str, str | None] = {}
        self._spent_reply_tokens: set[str] = set()
        self._retry_claims: dict[str, _RetryClaim] = {}
        self._quota_limit: int | None = None
        self._quota_used = 0
        self._profiles: dict[str, dict[str, str]] = {}
        self._followers: dict[str, None] = {}  # an ordered set
        self._narrowcasts: dict[str, dict[str, Any]] = {}
        self._contents.clear()
        self._rich_menus.clear()
        self._message_seq = 0

    def set_profile(
        self,
        user_id: str,
        display_name: str,
        picture_url: str | None = None,
        *,
        status_message: str | None = None,
        language: str | None = "th",
    ) -> None:
        """Make a user known (a follower) with the profile LINE would return."""
        profile = {"userId": user_id, "displayName": display_name, "pictureUrl": picture_url,
                   "statusMessage": status_message, "language": language}
        with self._lock:
            self._profiles[user_id] = {k: v for k, v in profile.items() if v is not None}
            self._followers[user_id] = None

    def add_follower(self, user_id: str) -> None:
        """Count a user among the followers that broadcast and narrowcast reach."""
        with self._lock:
            self._followers[user_id] = None

    def put_content(self, message_id: str, data: bytes, content_type: str) -> None:
        """Hold the binary content a user sent in message `message_id`."""
        self._contents.put(message_id, data, content_type)

    def set_quota(self, limit: int | None, used: int = 0) -> None:
        """Set this month's message limit (None: unlimited) and how much of it is used."""
        with self._lock:
            self._quota_limit, self._quota_used = limit, used

    def register_reply_token(self, token: str, user_id: str) -> None:
        """Tie a reply token to the user whose event carried it."""
        with self._lock:
            self._reply_tokens[token] = user_id

    def new_reply_token(self, user_id: str) -> str:
        """Invent and register a reply token for an event from `user_id`."""
        token = secrets.token_hex(16)
        self.register_reply_token(token, user_id)
        return token

    def expire_reply_token(self, token: str) -> None:
        """Make a reply token invalid, as LINE does about a minute after the event."""
        with self._lock:
            self._spent_reply_tokens.add(token)

    # ------------------------------------------------------------------------------- fault injection

    def fail_next(
        self,
        path_prefix: str,
        status: int = 500,
        times: int = 1,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> None:
        """Answer the next `times` requests under `path_prefix` with `status`, delivering nothing."""
        self._faults.fail_next(path_prefix, status, times, dict(headers or {}), body)

    def hang_next(
        self, path_prefix: str, seconds: float, times: int = 1, then: Literal["accept", "drop"] = "accept"
    ) -> None:
        """Sleep before answering the next `times` requests: then process them, or drop them (500, nothing sent)."""
        self._faults.hang_next(path_prefix, seconds, times, then)

    def fail_ratio(self, path_prefix: str, ratio: float, status: int = 500, seed: int = 0) -> None:
        """Fail a deterministic pseudo-random `ratio` of the requests under `path_prefix` from now on."""
        self._faults.fail_ratio(path_prefix, ratio, status, seed)

    def clear_faults(self) -> None:
        """Drop every injected fault that has not fired yet."""
        self._faults.clear()

    # ------------------------------------------------------------------------------------ inspection

    def requests(self, path_prefix: str | None = None) -> list[RecordedRequest]:
        """Requests answered so far, oldest first, optionally only those under `path_prefix`."""
        with self._lock:
            return [r for r in self._records if path_prefix is None or r.path.startswith(path_prefix)]

    def delivered_messages(self, to: str | None = None) -> list[DeliveredMessage]:
        """Messages LINE accepted (reply, push, multicast, narrowcast, broadcast), optionally for one user."""
        with self._lock:
            return [d for d in self._deliveries if to is None or d.to == to]

    def delivered_texts(self, to: str | None = None) -> list[str]:
        """The texts of the delivered text messages, optionally for one user."""
        return [d.text for d in self.delivered_messages(to) if d.text is not None]

    def rich_menu_of(self, user_id: str) -> tuple[dict[str, Any], bytes, str] | None:
        """The rich menu a user sees (theirs, else the default) with its image, or None (the simulator)."""
        return self._rich_menus.shown_to(user_id)

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Wait until `predicate()` is truthy (re-checked whenever a request is answered) and return it."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = self._generation
            result = predicate()  # outside the lock: it may call the app, which calls this server
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"fake LINE API: condition not met within {timeout} s")
            with self._changed:
                self._changed.wait_for(functools.partial(self._changed_since, seen), remaining)

    def _changed_since(self, generation: int) -> bool:
        return self._generation != generation

    def _touch(self) -> None:
        self._generation += 1
        self._changed.notify_all()

    # ---------------------------------------------------------------------------------- WSGI plumbing

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        call = Call(request, str(uuid.uuid4()), request.headers.get("X-Line-Retry-Key"))
        try:
            response = self._dispatch(call)
        except Reject as rejection:
            self._release_retry_key(call)
            response = answer(rejection.status, rejection.body, rejection.headers)
        except Exception:
            log.exception("fake LINE API failed on %s %s", request.method, request.path)
            self._release_retry_key(call)
            response = answer(500, error_body(500))
        response.headers["x-line-request-id"] = call.request_id
        self._record(call, response)
        return response(environ, start_response)

    def _dispatch(self, call: Call) -> Response:
        self._maybe_hang(call)
        self._maybe_fail(call.request.path)
        self._authenticate(call.request)
        try:
            endpoint, args = URL_MAP.bind_to_environ(call.request.environ).match()
        except MethodNotAllowed:
            raise Reject(405, {"message": "Method not allowed"}) from None
        except HTTPException:  # NotFound, and redirects for a trailing slash LINE would not make
            raise Reject(404, {"message": "Not found"}) from None
        self._check_retry_key(call, endpoint)
        handler: Callable[..., Response] = (getattr(self._rich_menus, f"on_{endpoint}", None)
                                            or getattr(self._contents, f"on_{endpoint}", None)
                                            or getattr(self, f"_on_{endpoint}"))
        return handler(call, **args)

    def _record(self, call: Call, response: Response) -> None:
        request = call.request
        data = request.get_data()
        try:
            parsed = json.loads(data) if data and request.mimetype == "application/json" else None
        except ValueError:
            parsed = None
        record = RecordedRequest(
            request.method, request.path, request.query_string.decode("latin-1"), dict(request.headers),
            data, parsed, call.time, response.status_code, call.request_id,
        )
        with self._changed:
            self._records.append(record)
            self._touch()

    def _maybe_hang(self, call: Call) -> None:
        with self._lock:  # taking the hang and claiming the retry key are one step
            hang = self._faults.hang_for(call.request.path)
            if hang is None:
                return
            if hang.then == "accept" and call.retry_key:
                # LINE has the request already: a retry sent while it is still being processed gets 409.
                self._retry_claims.setdefault(call.retry_key, _RetryClaim(call.request_id))
        self._closing.wait(hang.seconds)
        if hang.then == "drop":
            raise Reject(500, error_body(500))

    def _maybe_fail(self, path: str) -> None:
        failure = self._faults.failure_for(path)
        if failure is not None:
            raise Reject(failure.status, failure.body or error_body(failure.status), failure.headers)

    def _authenticate(self, request: Request) -> None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Reject(401, {"message": "Authorization header required. "
                                           "Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"})
        if self.access_token is not None and token.strip() != self.access_token:
            raise Reject(401, {"message": "Authentication failed. "
                                           "Confirm that the access token in the authorization header is valid."})

    def _valid_body(self, call: Call, schema_name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
        body = call.json_body()
        missing = [ErrorDetail(k, "must be specified") for k in required if isinstance(body, dict) and k not in body]
        details = missing + [
            d for d in body_errors(schema_name, body, self.openapi_dir, self.require_https_media)
            if d.property not in {m.property for m in missing}
        ]
        if details:
            raise Reject.invalid(details)
        return dict(body)

    # ----------------------------------------------------------------------------- sending messages

    def _check_retry_key(self, call: Call, endpoint: str) -> None:
        if call.retry_key is None:
            return
        if endpoint not in RETRYABLE_ENDPOINTS:
            raise Reject(400, {"message": "The X-Line-Retry-Key header is not supported by this API"})
        if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", call.retry_key):
            raise Reject(400, {"message": "The value of the X-Line-Retry-Key header must be a UUID"})

    def _claim_retry_key(self, call: Call) -> None:
        if call.retry_key is None:
            return
        claim = self._retry_claims.setdefault(call.retry_key, _RetryClaim(call.request_id))
        if claim.request_id == call.request_id:
            return
        body: dict[str, Any] = {"message": "The retry key is already accepted"}
        if claim.sent_messages:
            body["sentMessages"] = claim.sent_messages
        raise Reject(409, body, {"x-line-accepted-request-id": claim.request_id})

    def _release_retry_key(self, call: Call) -> None:
        """Free the retry key of a request that was not accepted, so a retry is processed."""
        with self._lock:
            claim = self._retry_claims.get(call.retry_key or "")
            if claim is not None and claim.request_id == call.request_id and not claim.accepted:
                del self._retry_claims[call.retry_key or ""]

    def _send(self, call: Call, via: str, recipients: Sequence[str], messages: list[dict[str, Any]]) -> list[Any]:
        """Deliver at most once per retry key, charging the quota one message per recipient."""
        with self._lock:
            self._claim_retry_key(call)
            if self._quota_limit is not None and self._quota_used + len(recipients) > self._quota_limit:
                raise Reject(429, {"message": "You have reached your monthly limit."})
            self._quota_used += len(recipients)
            sent = self._deliver(call, via, recipients, messages)
            if call.retry_key is not None:
                claim = self._retry_claims[call.retry_key]
                claim.accepted, claim.sent_messages = True, sent if via == "push" else None
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
            self._deliveries += [
                DeliveredMessage(to, message, via, message_id, quote_token, call.request_id, call.retry_key, call.time)
                for to in recipients
            ]
        self._touch()
        return sent

    def _on_reply(self, call: Call) -> Response:
        body = self._valid_body(call, "ReplyMessageRequest", required=("replyToken",))
        token = body["replyToken"]
        with self._lock:
            if token in VERIFY_REPLY_TOKENS or token in self._spent_reply_tokens:
                raise Reject(400, {"message": "Invalid reply token"})
            self._spent_reply_tokens.add(token)
            # Replies are free: they never count against the monthly quota.
            sent = self._deliver(call, "reply", [self._reply_tokens.get(token)], body["messages"])
        return answer(200, {"sentMessages": sent})

    def _on_push(self, call: Call) -> Response:
        body = self._valid_body(call, "PushMessageRequest", required=("to",))
        if not isinstance(body["to"], str) or not CHAT_ID.match(body["to"]):
            raise Reject(400, {"message": "The property, 'to', in the request body is invalid (line: -, column: -)"})
        return answer(200, {"sentMessages": self._send(call, "push", [body["to"]], body["messages"])})

    def _on_multicast(self, call: Call) -> Response:
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

    def _on_broadcast(self, call: Call) -> Response:
        body = self._valid_body(call, "BroadcastRequest")
        with self._lock:
            self._send(call, "broadcast", list(self._followers), body["messages"])
        return answer(200, {})

    def _on_narrowcast(self, call: Call) -> Response:
        """Reach every follower: the fake does not evaluate recipient, filter or limit."""
        body = self._valid_body(call, "NarrowcastRequest")
        with self._lock:
            recipients = list(self._followers)
            self._send(call, "narrowcast", recipients, body["messages"])
            self._narrowcasts[call.request_id] = {
                "phase": "succeeded", "successCount": len(recipients), "failureCount": 0,
                "targetCount": len(recipients), "acceptedTime": _line_time(call.time),
                "completedTime": _line_time(now()),
            }
        return answer(202, {})

    def _on_narrowcast_progress(self, call: Call) -> Response:
        progress = self._narrowcasts.get(call.request.args.get("requestId", ""))
        if progress is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, progress)

    def _on_validate(self, call: Call, kind: str) -> Response:
        if kind not in ("reply", "push", "multicast", "narrowcast", "broadcast"):
            raise Reject(404, {"message": "Not found"})
        self._valid_body(call, "ValidateMessageRequest", required=("messages",))
        return answer(200, {})

    def _on_quota(self, call: Call) -> Response:
        if self._quota_limit is None:
            return answer(200, {"type": "none"})
        return answer(200, {"type": "limited", "value": self._quota_limit})

    def _on_quota_consumption(self, call: Call) -> Response:
        return answer(200, {"totalUsage": self._quota_used})

    # ------------------------------------------------------------------------------ users and chats

    def _on_profile(self, call: Call, user_id: str) -> Response:
        profile = self._profiles.get(user_id)
        if profile is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, profile)

    def _on_member_profile(self, call: Call, chat_id: str, user_id: str) -> Response:
        profile = self._profiles.get(user_id)
        if profile is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, {k: v for k, v in profile.items() if k in ("userId", "displayName", "pictureUrl")})

    def _on_followers(self, call: Call) -> Response:
        start = int(call.request.args.get("start") or 0)
        limit = min(int(call.request.args.get("limit") or 300), 1000)
        with self._lock:
            followers = list(self._followers)
        page: dict[str, Any] = {"userIds": followers[start:start + limit]}
        if start + limit < len(followers):
            page["next"] = str(start + limit)
        return answer(200, page)

    def _on_bot_info(self, call: Call) -> Response:
        return answer(200, {"userId": self.bot_user_id, "basicId": "@itcfrontdesk", "displayName": "ITC Front Desk",
                           "chatMode": "bot", "markAsReadMode": "auto"})

    def _on_loading_start(self, call: Call) -> Response:
        body = self._valid_body(call, "ShowLoadingAnimationRequest", required=("chatId",))
        seconds = body.get("loadingSeconds", 20)
        details = [] if isinstance(body["chatId"], str) and USER_ID.match(body["chatId"]) else [
            ErrorDetail("chatId", "must be a user ID")]
        if not isinstance(seconds, int) or seconds % 5 or not 5 <= seconds <= 60:
            details.append(ErrorDetail("loadingSeconds", "must be a multiple of 5 between 5 and 60"))
        if details:
            raise Reject.invalid(details)
        return answer(202, {})

    def _on_mark_as_read(self, call: Call) -> Response:
        if not isinstance(call.json_body(), dict):
            raise Reject.invalid([ErrorDetail("", "must be a JSON object")])
        return answer(200, {})
