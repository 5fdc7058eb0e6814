"""What staff do through LINE itself: hooks the dialogue calls (issue 5 fills them in)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.dialogue.context import Context, Reply
from bot.line.inbound import Inbound

POSTBACKS: dict[str, Callable[[Context, str, Inbound], Reply]] = {}


def intercept_text(ctx: Context, event: Inbound) -> Reply | None:
    """A reply when the text is for the staff side (a link code, a staff conversation), else None."""
    return None


def on_group_event(session: Session, event: Inbound, now: datetime) -> Reply | None:
    """Events from LINE groups and rooms (a centre registering its staff group)."""
    return None
