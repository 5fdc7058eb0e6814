"""The fake LINE API's user and chat endpoints: profiles, group and room members, followers, the bot's own
info, the loading animation and marking messages read.

Split from fake_api.py, which routes these paths here; the state shares the server's lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Response

from bot.line.fake_http import USER_ID, Call, Reject, answer
from bot.line.fake_validation import ErrorDetail

USER_ROUTES: list[tuple[str, str, str]] = [
    ("POST", "/v2/bot/message/markAsRead", "mark_as_read"),
    ("POST", "/v2/bot/chat/markAsRead", "mark_as_read"),
    ("POST", "/v2/bot/chat/loading/start", "loading_start"),
    ("GET", "/v2/bot/profile/<user_id>", "profile"),
    ("GET", "/v2/bot/group/<chat_id>/member/<user_id>", "member_profile"),
    ("GET", "/v2/bot/room/<chat_id>/member/<user_id>", "member_profile"),
    ("GET", "/v2/bot/followers/ids", "followers"),
    ("GET", "/v2/bot/info", "bot_info"),
]


class Users:
    """The channel's bot and the users LINE knows follow it; `on_<endpoint>` answers each route above."""

    def __init__(self, lock: threading.RLock, valid_body: Callable[..., dict[str, Any]], bot_user_id: str) -> None:
        self._lock = lock
        self._valid_body = valid_body  # the server's check of a body against LINE's schema
        self.bot_user_id = bot_user_id
        self.clear()

    def clear(self) -> None:
        self._profiles: dict[str, dict[str, str]] = {}
        self._followers: dict[str, None] = {}  # an ordered set

    def set_profile(self, user_id: str, display_name: str, picture_url: str | None, status_message: str | None,
                    language: str | None) -> None:
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

    def followers(self) -> list[str]:
        """Everyone following, in the order they came."""
        with self._lock:
            return list(self._followers)

    def on_profile(self, call: Call, user_id: str) -> Response:
        profile = self._profiles.get(user_id)
        if profile is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, profile)

    def on_member_profile(self, call: Call, chat_id: str, user_id: str) -> Response:
        profile = self._profiles.get(user_id)
        if profile is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, {k: v for k, v in profile.items() if k in ("userId", "displayName", "pictureUrl")})

    def on_followers(self, call: Call) -> Response:
        start = int(call.request.args.get("start") or 0)
        limit = min(int(call.request.args.get("limit") or 300), 1000)
        followers = self.followers()
        page: dict[str, Any] = {"userIds": followers[start:start + limit]}
        if start + limit < len(followers):
            page["next"] = str(start + limit)
        return answer(200, page)

    def on_bot_info(self, call: Call) -> Response:
        return answer(200, {"userId": self.bot_user_id, "basicId": "@itcfrontdesk", "displayName": "ITC Front Desk",
                           "chatMode": "bot", "markAsReadMode": "auto"})

    def on_loading_start(self, call: Call) -> Response:
        body = self._valid_body(call, "ShowLoadingAnimationRequest", required=("chatId",))
        seconds = body.get("loadingSeconds", 20)
        details = [] if isinstance(body["chatId"], str) and USER_ID.match(body["chatId"]) else [
            ErrorDetail("chatId", "must be a user ID")]
        if not isinstance(seconds, int) or seconds % 5 or not 5 <= seconds <= 60:
            details.append(ErrorDetail("loadingSeconds", "must be a multiple of 5 between 5 and 60"))
        if details:
            raise Reject.invalid(details)
        return answer(202, {})

    def on_mark_as_read(self, call: Call) -> Response:
        if not isinstance(call.json_body(), dict):
            raise Reject.invalid([ErrorDetail("", "must be a JSON object")])
        return answer(200, {})
