"""What an announcement says in LINE: its text, an optional image, an optional event card to register."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.events import cards as event_cards
from bot.events import registrations as seats
from bot.events import texts as event_texts
from bot.line.outbound import Choose, Image, Outbound, Text, to_line_messages
from storage.models import Announcement, Event

REMINDER = "reminder"  # `Announcement.audience["purpose"]` of the day-before reminders


def announcement_messages(session: Session, announcement: Announcement) -> list[dict[str, Any]]:
    """The LINE messages of an announcement (at most three, within LINE's limits)."""
    messages: list[Outbound] = [Text(announcement.text, _reminder_choices(announcement))]
    if announcement.image_url and announcement.image_url.startswith("https://"):
        messages.append(Image(announcement.image_url, announcement.image_url))
    event = session.get(Event, announcement.event_id) if announcement.event_id else None
    # A card to register: never for a draft, nor for an event called off since the announcement was written.
    if event is not None and event.status == "published" and not is_reminder(announcement):
        full = seats.unclaimed_seats(session, event) == 0  # the waiting list's button, not one that says full later
        messages.append(event_cards.event_card(event, announcement.id, full))
    return to_line_messages(messages)


def is_reminder(announcement: Announcement) -> bool:
    return (announcement.audience or {}).get("purpose") == REMINDER


def _reminder_choices(announcement: Announcement) -> tuple:
    if not is_reminder(announcement) or not announcement.event_id:
        return ()
    event_id = announcement.event_id
    return (Choose(event_texts.SHOW_TICKET, f"ev_ticket={event_id}", event_texts.SHOW_TICKET),
            Choose(event_texts.CANCEL_REGISTRATION, f"ev_cancel={event_id}", event_texts.CANCEL_REGISTRATION))
