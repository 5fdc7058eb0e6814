"""Events in LINE: what the dialogue calls for the `event` intent and event buttons (issue 6 fills it in)."""

from __future__ import annotations

from typing import Callable

from bot.dialogue import answers
from bot.dialogue.context import Context, Reply
from bot.line.inbound import Inbound

POSTBACKS: dict[str, Callable[[Context, str, Inbound], Reply]] = {}


def show_events(ctx: Context, text: str | None) -> Reply:
    """Upcoming events for the `event` intent."""
    return answers.upcoming_events(ctx)
