"""A fake LINE Messaging API: a real small HTTP server that answers like api.line.me and api-data.line.me.

It is LINE's side of the wire, so it never imports ``linebot``. Point the SDK at it with
``Configuration(host=api.base_url)`` (or ``LINE_API_BASE_URL``); both LINE hosts share the one base URL.

    with FakeLineApi(access_token="test-token").serve() as api:
        ...  # the app under test pushes, replies, downloads content
        assert api.delivered_texts(to=user_id) == ["สวัสดีครับ"]

This module is the server: its lifecycle, what a test arranges and inspects, authentication, and the routing
of each request to the part that answers it. Request bodies are checked like LINE checks them: hand-written
limits, plus the request and every message object against the schemas of LINE's OpenAPI file
(``$LINE_OPENAPI_DIR``, else ``../shared/spec/line-openapi`` beside the repository; fake_validation.py). The
parts: sending messages, reply tokens and the quota in fake_messages.py, `X-Line-Retry-Key` in
fake_retry_keys.py, profiles, followers and chats in fake_users.py, rich menus in fake_rich_menus.py, content
(api-data.line.me) in fake_content.py; faults (errors, 429s, hangs, random failures) are injected per path
prefix by fake_faults.py; what a test inspects is in fake_records.py, and the request and answer shapes all
parts share in fake_http.py. The instance is a plain WSGI app, so a dev server can also mount it under a
prefix (werkzeug's DispatcherMiddleware) and give the SDK that prefix as its base URL.

Not modelled: narrowcast filters and audiences (a narrowcast reaches every follower), blocked users, rate
limits other than injected 429s, reply-token age (use ``expire_reply_token``).
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from bot.line.fake_content import CONTENT_ROUTES, MessageContents
from bot.line.fake_faults import Faults
from bot.line.fake_http import Call, Reject, answer, error_body
from bot.line.fake_messages import MESSAGE_ROUTES, Messages
from bot.line.fake_records import DeliveredMessage, RecordedRequest
from bot.line.fake_retry_keys import RetryKeys
from bot.line.fake_rich_menus import RICH_MENU_ROUTES, RichMenus
from bot.line.fake_users import USER_ROUTES, Users
from bot.line.fake_validation import ErrorDetail, body_errors, default_openapi_dir, validate_messages

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

T = TypeVar("T")

ROUTES: list[tuple[str, str, str]] = [*MESSAGE_ROUTES, *CONTENT_ROUTES, *USER_ROUTES, *RICH_MENU_ROUTES]
URL_MAP = Map([Rule(path, methods=[method], endpoint=name) for method, path, name in ROUTES])


def new_user_id() -> str:
    """Return a fresh user ID shaped like LINE's (U + 32 hex digits)."""
    return "U" + uuid.uuid4().hex


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Keep test output free of access-log lines."""


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
        self._retry_keys = RetryKeys(self._lock)
        self._users = Users(self._lock, self._valid_body, self.bot_user_id)
        self._messages = Messages(self._lock, self._valid_body, self._retry_keys, self._users.followers, self._touch)
        self._rich_menus = RichMenus(self._lock, self._valid_body)
        self._contents = MessageContents(self._lock)
        self._parts = (self._messages, self._users, self._rich_menus, self._contents)  # each answers its routes
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
        self._faults.clear()
        self._retry_keys.clear()
        for part in self._parts:
            part.clear()

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
        self._users.set_profile(user_id, display_name, picture_url, status_message, language)

    def add_follower(self, user_id: str) -> None:
        """Count a user among the followers that broadcast and narrowcast reach."""
        self._users.add_follower(user_id)

    def put_content(self, message_id: str, data: bytes, content_type: str) -> None:
        """Hold the binary content a user sent in message `message_id`."""
        self._contents.put(message_id, data, content_type)

    def set_quota(self, limit: int | None, used: int = 0) -> None:
        """Set this month's message limit (None: unlimited) and how much of it is used."""
        self._messages.set_quota(limit, used)

    def register_reply_token(self, token: str, user_id: str) -> None:
        """Tie a reply token to the user whose event carried it."""
        self._messages.register_reply_token(token, user_id)

    def new_reply_token(self, user_id: str) -> str:
        """Invent and register a reply token for an event from `user_id`."""
        token = secrets.token_hex(16)
        self.register_reply_token(token, user_id)
        return token

    def expire_reply_token(self, token: str) -> None:
        """Make a reply token invalid, as LINE does about a minute after the event."""
        self._messages.expire_reply_token(token)

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
            return [d for d in self._messages.deliveries if to is None or d.to == to]

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
            self._retry_keys.release(call)
            response = answer(rejection.status, rejection.body, rejection.headers)
        except Exception:
            log.exception("fake LINE API failed on %s %s", request.method, request.path)
            self._retry_keys.release(call)
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
        self._retry_keys.check(call, endpoint)
        handler: Callable[..., Response] = next(getattr(part, f"on_{endpoint}") for part in self._parts
                                                if hasattr(part, f"on_{endpoint}"))
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
            if hang.then == "accept":
                self._retry_keys.hold(call)
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
