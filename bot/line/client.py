"""The Messaging API, through line-bot-sdk v3, behind a small port of our own."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import urllib3
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    MessagingApiBlob,
    RichMenuRequest,
)

from bot.errors import InvalidReplyToken, LineApiError, LineRejected, LineUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
QUOTA_EXHAUSTED = "monthly limit"
# Keep-alive connections to LINE per process: as many as a web worker answers at once (the Procfile's
# --worker-connections), so none is opened and thrown away under load.
CONNECTIONS = 100


@dataclass(frozen=True)
class Content:
    data: bytes
    content_type: str | None


class LineClient:
    """Sends to and reads from LINE; every call has a timeout and failures become our own errors."""

    def __init__(self, access_token: str, base_url: str | None = None, timeout: float = 5.0) -> None:
        self._configuration = Configuration(access_token=access_token, host=base_url.rstrip("/")
                                            if base_url else None)
        self._configuration.connection_pool_maxsize = CONNECTIONS
        self._timeout = timeout
        self._api_client = ApiClient(self._configuration)
        self._api = MessagingApi(self._api_client)
        self._blob = MessagingApiBlob(self._api_client)
        host = self._configuration.host or self._api.line_base_path
        self._headers = {**self._api_client.default_headers, "Content-Type": "application/json"}
        # The hot path's POSTs: in a gevent web worker through geventhttpclient, elsewhere (the job worker's
        # threads, the CLI, tests) through the SDK's own urllib3 pool.
        self._poster: _GreenPoster | _PoolPoster = (
            _GreenPoster(host, timeout) if _green() else
            _PoolPoster(self._api_client.rest_client.pool_manager.connection_from_url(host), host, timeout))

    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> None:
        """Answer an event with its reply token (one call, at most five messages)."""
        body = {"replyToken": reply_token, "messages": messages}
        self._call(lambda: self._post("/v2/bot/message/reply", body))

    def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> None:
        """Push to one user or group; a repeat with the same retry key is a no-op at LINE."""
        self._send_once(lambda: self._post("/v2/bot/message/push", {"to": to, "messages": messages},
                                           {"X-Line-Retry-Key": retry_key}))

    def multicast(self, to: list[str], messages: list[dict[str, Any]], retry_key: str) -> None:
        """Send the same messages to up to 500 users."""
        self._send_once(lambda: self._post("/v2/bot/message/multicast", {"to": to, "messages": messages},
                                           {"X-Line-Retry-Key": retry_key}))

    def content(self, message_id: str) -> Content:
        """Download an image or file the user sent (api-data, or LINE_API_BASE_URL)."""
        response = self._call(lambda: self._blob.get_message_content_with_http_info(
            message_id, _request_timeout=self._timeout * 4))
        headers = response.headers or {}
        return Content(bytes(response.data), headers.get("Content-Type") or headers.get("content-type"))

    def display_name(self, user_id: str) -> str | None:
        """The user's LINE display name, or None if LINE will not say."""
        try:
            return self._call(lambda: self._api.get_profile(user_id, _request_timeout=self._timeout)).display_name
        except LineApiError as error:
            log.info("no profile for a user: %s", error)
            return None

    def monthly_quota(self) -> int | None:
        """This month's message limit (/v2/bot/message/quota); None when the plan has no limit."""
        quota = self._call(lambda: self._api.get_message_quota(_request_timeout=self._timeout))
        return None if quota.type == "none" or quota.value is None else int(quota.value)

    def quota_used(self) -> int:
        """Messages counted against this month's limit so far (/v2/bot/message/quota/consumption)."""
        used = self._call(lambda: self._api.get_message_quota_consumption(_request_timeout=self._timeout))
        return int(used.total_usage or 0)

    def show_loading(self, user_id: str, seconds: int = 5) -> None:
        """Show the typing animation in a one-to-one chat (best effort)."""
        self._best_effort(lambda: self._post("/v2/bot/chat/loading/start",
                                             {"chatId": user_id, "loadingSeconds": seconds}))

    def mark_as_read(self, token: str) -> None:
        """Mark the user's messages as read (best effort)."""
        self._best_effort(lambda: self._post("/v2/bot/chat/markAsRead", {"markAsReadToken": token}))

    def rich_menus(self) -> list[dict[str, Any]]:
        """Every rich menu of the channel, as LINE's JSON."""
        listing = self._call(lambda: self._api.get_rich_menu_list(_request_timeout=self._timeout))
        return [menu.to_dict() for menu in listing.richmenus]

    def create_rich_menu(self, menu: dict[str, Any]) -> str:
        """Create a rich menu from LINE's JSON; returns its id."""
        request = RichMenuRequest.from_dict(menu)
        return self._call(lambda: self._api.create_rich_menu(request, _request_timeout=self._timeout)).rich_menu_id

    def rich_menu_has_image(self, menu_id: str) -> bool:
        """True when the rich menu's image was uploaded (LINE answers 404 before that)."""
        try:
            self._call(lambda: self._blob.get_rich_menu_image(menu_id, _request_timeout=self._timeout * 4))
        except LineRejected as error:
            if error.status == 404:
                return False
            raise
        return True

    def upload_rich_menu_image(self, menu_id: str, image: bytes, content_type: str) -> None:
        """Attach the image (PNG or JPEG, at most 1 MB) to a rich menu; LINE allows this once per menu."""
        # The SDK ignores `_content_type` here; without the header it would send the bytes as JSON.
        self._call(lambda: self._blob.set_rich_menu_image(menu_id, image, _headers={"Content-Type": content_type},
                                                          _request_timeout=self._timeout * 4))

    def default_rich_menu(self) -> str | None:
        """The id of the rich menu every user sees by default, or None."""
        try:
            return self._call(lambda: self._api.get_default_rich_menu_id(
                _request_timeout=self._timeout)).rich_menu_id
        except LineRejected as error:
            if error.status == 404:
                return None
            raise

    def set_default_rich_menu(self, menu_id: str) -> None:
        self._call(lambda: self._api.set_default_rich_menu(menu_id, _request_timeout=self._timeout))

    def delete_rich_menu(self, menu_id: str) -> None:
        self._call(lambda: self._api.delete_rich_menu(menu_id, _request_timeout=self._timeout))

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        # The hot path: a request every event answers with. Our bodies are LINE's JSON already, checked by the
        # tests against LINE's schema. The SDK's call_api would walk and copy them, then build its headers
        # and a response object on every call: more CPU than the HTTP exchange itself (bench/README.md).
        status, answer = self._poster.post(path, json.dumps(body).encode(),
                                           {**self._headers, **headers} if headers else self._headers)
        if not 200 <= status <= 299:
            raise _refusal(status, answer.decode("utf-8", "replace"))

    def _send_once(self, call: Callable[[], Any]) -> None:
        # 409 on a retry key means LINE accepted an earlier attempt: the send has succeeded.
        try:
            self._call(call)
        except LineRejected as error:
            if error.status != 409:
                raise
            log.info("LINE had already accepted this retry key")

    def _best_effort(self, call: Callable[[], Any]) -> None:
        try:
            self._call(call)
        except LineApiError as error:
            log.info("best-effort LINE call failed: %s", error)

    def _call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except ApiException as error:
            raise _classify(error) from error
        except urllib3.exceptions.ReadTimeoutError as error:
            raise LineUnavailable(f"LINE did not answer in time: {error}", maybe_delivered=True) from error
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise LineUnavailable(f"LINE did not answer: {error}") from error


class _PoolPoster:
    """POSTs through the SDK's own urllib3 pool (its TLS settings); `LineClient._call` maps its errors."""

    def __init__(self, pool: urllib3.HTTPConnectionPool, host: str, timeout: float) -> None:
        self._pool = pool
        self._base_path = urllib3.util.parse_url(host).path or ""
        self._timeout = urllib3.Timeout(total=timeout)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        response = self._pool.urlopen("POST", self._base_path + path, body=body, headers=headers,
                                      timeout=self._timeout)
        return response.status, response.data


class _GreenPoster:
    """POSTs through geventhttpclient, made for gevent: its C parser and cooperative pool take half the CPU of
    urllib3 on gevent's sockets, and a reply is most of what a web worker does (bench/README.md)."""

    def __init__(self, host: str, timeout: float) -> None:
        from geventhttpclient import URL, HTTPClient

        url = URL(host)
        self._client = HTTPClient(url.host, url.port, concurrency=CONNECTIONS, connection_timeout=timeout,
                                  network_timeout=timeout, ssl=url.scheme == "https")
        self._base_path = url.path.rstrip("/")

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        from geventhttpclient.response import HTTPConnectionClosed, HTTPParseError

        try:
            response = self._client.request("POST", self._base_path + path, body=body, headers=headers)
            return response.status_code, response.read()
        except (TimeoutError, HTTPConnectionClosed) as error:
            # One call connects, sends and reads: a timeout may come after LINE took the request, and so may a
            # connection closed before the answer. Counted as possibly delivered, so nothing goes out twice.
            raise LineUnavailable(f"LINE did not answer in time: {error}", maybe_delivered=True) from error
        except (HTTPParseError, OSError) as error:
            raise LineUnavailable(f"LINE did not answer: {error}") from error


def _green() -> bool:
    """True in a gevent worker: the standard library's sockets are gevent's."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("socket")


def _classify(error: ApiException) -> LineApiError:
    body = error.body.decode("utf-8", "replace") if isinstance(error.body, bytes) else str(error.body or "")
    return _refusal(int(error.status or 0), body)


def _refusal(status: int, body: str) -> LineApiError:
    """Our error for LINE's answer `status` with `body` (any status but 2xx)."""
    message = f"LINE answered {status}: {body[:300]}"
    if status >= 500 or (status == 429 and QUOTA_EXHAUSTED not in body):
        return LineUnavailable(message, status)
    if status == 400 and "reply token" in body.lower():
        return InvalidReplyToken(message, status)
    return LineRejected(message, status)
