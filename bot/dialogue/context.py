"""What a dialogue step works with, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain import DomainEvent
from bot.line.outbound import Outbound
from intents import Prediction
from storage.models import LineUser


@dataclass
class Context:
    """One inbound event's view of the world: its session, its user and the time."""

    session: Session
    user: LineUser
    now: datetime
    today: date
    erased: bool = False
    expired_flow: str | None = None
    public_base_url: str = "http://localhost:8000"
    prediction: Prediction | None = None
    old_tap: bool = False  # a button tapped that the question waiting did not offer: one from further up the chat
    # Where a follower yet to consent said they are, and when: kept in the conversation a while (whereabouts.py).
    province_said: str | None = None
    province_said_at: datetime | None = None


@dataclass
class Reply:
    """Messages for the user and domain events to handle after commit."""

    messages: list[Outbound] = field(default_factory=list)
    events: list[DomainEvent] = field(default_factory=list)

    def then(self, other: Reply) -> Reply:
        """This reply followed by another."""
        return Reply(self.messages + other.messages, self.events + other.events)
