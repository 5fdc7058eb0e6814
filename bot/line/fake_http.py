"""How the fake LINE API answers: the request a handler sees, LINE's JSON answers and its error bodies.

Shared by fake_api.py and the parts split from it (fake_messages.py, fake_retry_keys.py, fake_users.py,
fake_rich_menus.py, fake_content.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from werkzeug.wrappers import Request, Response

from bot.line.fake_validation import ErrorDetail

CHAT_ID = re.compile(r"^[UCR][0-9a-f]{32}$")
USER_ID = re.compile(r"^U[0-9a-f]{32}$")


def now() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


class Reject(Exception):
    """An error answer, raised from deep in a handler."""

    def __init__(self, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, body)
        self.status, self.body, self.headers = status, body, dict(headers or {})

    @classmethod
    def invalid(cls, details: list[ErrorDetail]) -> Reject:
        """LINE's 400 for a request body with property errors."""
        return cls(400, {
            "message": f"The request body has {len(details)} error(s)",
            "details": [{"message": d.message, "property": d.property} for d in details],
        })


def error_body(status: int) -> dict[str, str]:
    """LINE's body for an injected status."""
    known = {429: "The API rate limit has been exceeded. Try again later.", 500: "Internal server error"}
    return {"message": known.get(status, HTTPStatus(status).phrase)}


def answer(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON answer, as LINE writes them (UTF-8, not ASCII-escaped)."""
    return Response(json.dumps(body, ensure_ascii=False), status, headers=dict(headers or {}),
                    content_type="application/json")


@dataclass
class Call:
    """What a handler needs to know about the request it answers."""

    request: Request
    request_id: str
    retry_key: str | None
    time: datetime = field(default_factory=now)

    def json_body(self) -> Any:
        """The parsed JSON body, or LINE's 400 when it is not JSON."""
        try:
            return json.loads(self.request.get_data() or b"null")
        except ValueError:
            raise Reject(400, {"message": "The request body could not be parsed as JSON"}) from None
