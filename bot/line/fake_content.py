"""The fake LINE API's content endpoints (api-data.line.me): what users sent in their image, video, audio and file
messages, its preview, and whether a video or audio has been transcoded.

Split from fake_api.py, which routes these paths here; the state shares the server's lock.
"""

from __future__ import annotations

import threading

from werkzeug.wrappers import Response

from bot.line.fake_http import Call, Reject, answer

CONTENT_ROUTES: list[tuple[str, str, str]] = [
    ("GET", "/v2/bot/message/<message_id>/content", "content"),
    ("GET", "/v2/bot/message/<message_id>/content/preview", "content"),
    ("GET", "/v2/bot/message/<message_id>/content/transcoding", "content_transcoding"),
]


class MessageContents:
    """The binary content of users' messages, by message ID; `on_<endpoint>` answers each route above."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self.clear()

    def clear(self) -> None:
        self._contents: dict[str, tuple[bytes, str]] = {}

    def put(self, message_id: str, data: bytes, content_type: str) -> None:
        """Hold the binary content a user sent in message `message_id`."""
        with self._lock:
            self._contents[message_id] = (bytes(data), content_type)

    def on_content(self, call: Call, message_id: str) -> Response:
        content = self._contents.get(message_id)
        if content is None:
            raise Reject(404, {"message": "Not found"})
        return Response(content[0], 200, content_type=content[1])

    def on_content_transcoding(self, call: Call, message_id: str) -> Response:
        if message_id not in self._contents:
            raise Reject(404, {"message": "Not found"})
        return answer(200, {"status": "succeeded"})
