"""What the simulator remembers: its simulated LINE users and each one's chat, as LINE would show it.

A chat is an append-only timeline: what the user sent (recorded when the webhook event is made) and what
the fake LINE API accepted for that user (replies, pushes, multicasts), picked up as the page polls. The
fake's request log says the rest: a loading animation in progress, messages marked as read. Everything is
in memory, so the dev server must be one process (with threads).
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from bot.line.fake_api import FakeLineApi

DEFAULT_USERS = ("สมศรี ใจดี", "ประเสริฐ ทองดี", "วิภาวรรณ แก้วมณี")
AVATAR_COLOURS = ("#F08C00", "#1E6FD9", "#D6336C", "#0CA678", "#7048E8", "#495057")
MAX_UPLOADS = 200
MAX_USERS = 50


class TooManyUsers(RuntimeError):
    """The simulator keeps users in memory; it stops adding them at MAX_USERS."""


@dataclass(frozen=True)
class SimUser:
    """A simulated LINE user; the id is derived from the name, so a restart finds the same user."""

    user_id: str
    name: str
    colour: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.user_id, "name": self.name, "colour": self.colour}


@dataclass
class Entry:
    """One item of a chat: a message from the user or the bot, or a note such as "added as a friend"."""

    seq: int
    side: str  # "user", "bot" or "note"
    message: dict[str, Any]
    time_ms: int
    via: str | None = None
    read_token: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "side": self.side, "message": self.message, "time": self.time_ms,
                "via": self.via}


@dataclass
class Chat:
    entries: list[Entry] = field(default_factory=list)
    deliveries_seen: int = 0


def user_id_for(name: str) -> str:
    """A LINE-shaped user id (U + 32 hex) that always comes out the same for the same name."""
    return "U" + hashlib.sha256(f"itc-simulator:{name}".encode()).hexdigest()[:32]


class Simulator:
    """The simulated users and their chats, over the fake LINE API the bot sends to."""

    def __init__(self, fake: FakeLineApi, connected: bool) -> None:
        self.fake = fake
        self.connected = connected
        self._lock = threading.RLock()
        self._users: dict[str, SimUser] = {}
        self._chats: dict[str, Chat] = {}
        self._uploads: dict[str, tuple[bytes, str]] = {}
        self._seq = itertools.count(1)
        for name in DEFAULT_USERS:
            self.add_user(name)

    def users(self) -> list[SimUser]:
        with self._lock:
            return list(self._users.values())

    def user(self, user_id: str) -> SimUser | None:
        with self._lock:
            return self._users.get(user_id)

    def add_user(self, name: str) -> SimUser:
        """Add a user with this display name (or return the one that has it); LINE knows their profile."""
        name = " ".join(name.split())[:40] or "ผู้ใช้ใหม่"
        with self._lock:
            user_id = user_id_for(name)
            if user_id not in self._users and len(self._users) >= MAX_USERS:
                raise TooManyUsers(f"at most {MAX_USERS} simulated users")
            if user_id not in self._users:
                colour = AVATAR_COLOURS[len(self._users) % len(AVATAR_COLOURS)]
                self._users[user_id] = SimUser(user_id, name, colour)
                self._chats[user_id] = Chat()
            self.fake.set_profile(user_id, name)
            return self._users[user_id]

    def record(self, user_id: str, side: str, message: dict[str, Any], read_token: str | None = None) -> Entry:
        """Add what the user did to their chat (after the bot's messages delivered so far)."""
        with self._lock:
            chat = self._sync(user_id)
            entry = Entry(next(self._seq), side, message, _now_ms(), read_token=read_token)
            chat.entries.append(entry)
            return entry

    def keep_upload(self, message_id: str, data: bytes, content_type: str) -> None:
        """Hold a file the user sent: LINE's content endpoint serves it to the bot, the page shows it."""
        self.fake.put_content(message_id, data, content_type)
        with self._lock:
            if len(self._uploads) >= MAX_UPLOADS:
                self._uploads.pop(next(iter(self._uploads)))
            self._uploads[message_id] = (data, content_type)

    def upload(self, message_id: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._uploads.get(message_id)

    def chat(self, user_id: str, after: int = 0) -> dict[str, Any]:
        """The chat from entry `after` on, with whether the bot is "typing" and how far the user was read."""
        with self._lock:
            chat = self._sync(user_id)
            entries = [entry.as_dict() for entry in chat.entries[after:]]
            read_up_to = self._read_up_to(chat)
            count = len(chat.entries)
            last_bot = max((e.time_ms for e in chat.entries if e.side == "bot"), default=0)
        return {"entries": entries, "count": count, "readUpTo": read_up_to,
                "loading": self._loading(user_id, last_bot)}

    def _sync(self, user_id: str) -> Chat:
        chat = self._chats.setdefault(user_id, Chat())
        delivered = self.fake.delivered_messages(to=user_id)
        for delivery in delivered[chat.deliveries_seen:]:
            chat.entries.append(Entry(next(self._seq), "bot", dict(delivery.message),
                                      int(delivery.time.timestamp() * 1000), via=delivery.via))
        chat.deliveries_seen = len(delivered)
        return chat

    def _read_up_to(self, chat: Chat) -> int:
        # Marking one message as read marks every earlier one too, as in LINE.
        tokens = {(r.json or {}).get("markAsReadToken") for r in self.fake.requests("/v2/bot/chat/markAsRead")
                  if r.status == 200 and isinstance(r.json, dict)}
        read = [e.seq for e in chat.entries if e.read_token and e.read_token in tokens]
        return max(read, default=0)

    def _loading(self, user_id: str, last_bot_ms: int) -> bool:
        """True while a loading animation the bot started for this user still runs (LINE stops it at the
        next message or after its seconds)."""
        now = time.time()
        for started in reversed(self.fake.requests("/v2/bot/chat/loading/start")):
            body = started.json if isinstance(started.json, dict) else {}
            if started.status != 202 or body.get("chatId") != user_id:
                continue
            begun = started.time.timestamp()
            return begun * 1000 > last_bot_ms and now < begun + int(body.get("loadingSeconds", 20))
        return False


def _now_ms() -> int:
    return int(time.time() * 1000)
