"""The fake LINE API's rich-menu endpoints: menus and their images, the default menu, per-user links, aliases.

Split from fake_api.py, which routes these paths here; the state shares the server's lock.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Response

from bot.line.fake_http import USER_ID, Call, Reject, answer
from bot.line.fake_validation import MAX_RICH_MENU_IMAGE_BYTES

RICH_MENU_ROUTES: list[tuple[str, str, str]] = [
    ("POST", "/v2/bot/richmenu", "rich_menu_create"),
    ("POST", "/v2/bot/richmenu/validate", "rich_menu_validate"),
    ("GET", "/v2/bot/richmenu/list", "rich_menu_list"),
    ("GET", "/v2/bot/richmenu/<menu_id>", "rich_menu_get"),
    ("DELETE", "/v2/bot/richmenu/<menu_id>", "rich_menu_delete"),
    ("POST", "/v2/bot/richmenu/<menu_id>/content", "rich_menu_upload"),
    ("GET", "/v2/bot/richmenu/<menu_id>/content", "rich_menu_download"),
    ("POST", "/v2/bot/user/all/richmenu/<menu_id>", "default_rich_menu_set"),
    ("GET", "/v2/bot/user/all/richmenu", "default_rich_menu_get"),
    ("DELETE", "/v2/bot/user/all/richmenu", "default_rich_menu_cancel"),
    ("POST", "/v2/bot/user/<user_id>/richmenu/<menu_id>", "user_rich_menu_link"),
    ("GET", "/v2/bot/user/<user_id>/richmenu", "user_rich_menu_get"),
    ("DELETE", "/v2/bot/user/<user_id>/richmenu", "user_rich_menu_unlink"),
    ("POST", "/v2/bot/richmenu/alias", "rich_menu_alias_create"),
    ("GET", "/v2/bot/richmenu/alias/list", "rich_menu_alias_list"),
    ("GET", "/v2/bot/richmenu/alias/<alias_id>", "rich_menu_alias_get"),
    ("DELETE", "/v2/bot/richmenu/alias/<alias_id>", "rich_menu_alias_delete"),
]


class RichMenus:
    """Rich menus as LINE keeps them for one channel; `on_<endpoint>` answers each route above."""

    def __init__(self, lock: threading.RLock, valid_body: Callable[..., dict[str, Any]]) -> None:
        self._lock = lock
        self._valid_body = valid_body  # the server's check of a body against LINE's schema
        self.clear()

    def clear(self) -> None:
        self._menus: dict[str, dict[str, Any]] = {}
        self._images: dict[str, tuple[bytes, str]] = {}
        self._default: str | None = None
        self._of_user: dict[str, str] = {}
        self._aliases: dict[str, str] = {}

    def shown_to(self, user_id: str) -> tuple[dict[str, Any], bytes, str] | None:
        """The rich menu a user sees (theirs, else the default) with its image, or None."""
        with self._lock:
            menu_id = self._of_user.get(user_id) or self._default
            if menu_id is None or menu_id not in self._images:
                return None
            image, content_type = self._images[menu_id]
            return dict(self._menus[menu_id]), image, content_type

    def _menu(self, menu_id: str) -> dict[str, Any]:
        menu = self._menus.get(menu_id)
        if menu is None:
            raise Reject(404, {"message": "Not found"})
        return menu

    def on_rich_menu_create(self, call: Call) -> Response:
        body = self._valid_body(call, "RichMenuRequest")
        menu_id = "richmenu-" + uuid.uuid4().hex
        with self._lock:
            self._menus[menu_id] = {"richMenuId": menu_id, **body}
        return answer(200, {"richMenuId": menu_id})

    def on_rich_menu_validate(self, call: Call) -> Response:
        self._valid_body(call, "RichMenuRequest")
        return answer(200, {})

    def on_rich_menu_list(self, call: Call) -> Response:
        with self._lock:
            return answer(200, {"richmenus": list(self._menus.values())})

    def on_rich_menu_get(self, call: Call, menu_id: str) -> Response:
        with self._lock:
            return answer(200, self._menu(menu_id))

    def on_rich_menu_delete(self, call: Call, menu_id: str) -> Response:
        with self._lock:
            self._menu(menu_id)
            del self._menus[menu_id]
            self._images.pop(menu_id, None)
            if self._default == menu_id:
                self._default = None
            self._of_user = {u: m for u, m in self._of_user.items() if m != menu_id}
        return answer(200, {})

    def on_rich_menu_upload(self, call: Call, menu_id: str) -> Response:
        data, content_type = call.request.get_data(), call.request.mimetype
        with self._lock:
            self._menu(menu_id)
            if menu_id in self._images:
                raise Reject(400, {"message": "An image has already been uploaded to the richmenu"})
            if content_type not in ("image/jpeg", "image/png"):
                raise Reject(415, {"message": "The Content-Type must be image/jpeg or image/png"})
            if not data or len(data) > MAX_RICH_MENU_IMAGE_BYTES:
                raise Reject(400, {"message": "The image must be between 1 byte and 1 MB"})
            self._images[menu_id] = (data, content_type)
        return answer(200, {})

    def on_rich_menu_download(self, call: Call, menu_id: str) -> Response:
        image = self._images.get(menu_id)
        if image is None:
            raise Reject(404, {"message": "Not found"})
        return Response(image[0], 200, content_type=image[1])

    def _linkable(self, menu_id: str) -> str:
        self._menu(menu_id)
        if menu_id not in self._images:
            raise Reject(400, {"message": "must upload richmenu image before applying it to user"})
        return menu_id

    def on_default_rich_menu_set(self, call: Call, menu_id: str) -> Response:
        with self._lock:
            self._default = self._linkable(menu_id)
        return answer(200, {})

    def on_default_rich_menu_get(self, call: Call) -> Response:
        if self._default is None:
            raise Reject(404, {"message": "no default richmenu"})
        return answer(200, {"richMenuId": self._default})

    def on_default_rich_menu_cancel(self, call: Call) -> Response:
        with self._lock:
            self._default = None
        return answer(200, {})

    def on_user_rich_menu_link(self, call: Call, user_id: str, menu_id: str) -> Response:
        if not USER_ID.match(user_id):
            raise Reject(400, {"message": "The user ID is invalid"})
        with self._lock:
            self._of_user[user_id] = self._linkable(menu_id)
        return answer(200, {})

    def on_user_rich_menu_get(self, call: Call, user_id: str) -> Response:
        menu_id = self._of_user.get(user_id)
        if menu_id is None:
            raise Reject(404, {"message": "the user has no richmenu"})
        return answer(200, {"richMenuId": menu_id})

    def on_user_rich_menu_unlink(self, call: Call, user_id: str) -> Response:
        with self._lock:
            self._of_user.pop(user_id, None)
        return answer(200, {})

    def on_rich_menu_alias_create(self, call: Call) -> Response:
        body = self._valid_body(call, "CreateRichMenuAliasRequest", required=("richMenuAliasId", "richMenuId"))
        with self._lock:
            if body["richMenuId"] not in self._menus:
                raise Reject(400, {"message": "richmenu not found"})
            if body["richMenuAliasId"] in self._aliases:
                raise Reject(400, {"message": "conflict richmenu alias id"})
            self._aliases[body["richMenuAliasId"]] = body["richMenuId"]
        return answer(200, {})

    def on_rich_menu_alias_list(self, call: Call) -> Response:
        with self._lock:
            aliases = [{"richMenuAliasId": a, "richMenuId": m} for a, m in self._aliases.items()]
        return answer(200, {"aliases": aliases})

    def on_rich_menu_alias_get(self, call: Call, alias_id: str) -> Response:
        menu_id = self._aliases.get(alias_id)
        if menu_id is None:
            raise Reject(404, {"message": "Not found"})
        return answer(200, {"richMenuAliasId": alias_id, "richMenuId": menu_id})

    def on_rich_menu_alias_delete(self, call: Call, alias_id: str) -> Response:
        with self._lock:
            if self._aliases.pop(alias_id, None) is None:
                raise Reject(404, {"message": "Not found"})
        return answer(200, {})
