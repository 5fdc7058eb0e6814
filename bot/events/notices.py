"""Pushes about a follower's own registration (a seat offer, a lapsed offer), queued inside the transaction.

Each push is a `deliveries` row committed with the change that caused it; its job is started after the
commit (the dialogue returns a `DeliveriesQueued` domain event, a job enqueues the ids itself).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue import asides
from bot.dialogue.texts import thai_datetime
from bot.events import cards, texts
from bot.events import registrations as seats
from bot.line.outbound import Choose, Text, to_line_messages
from storage import repositories as repo
from storage.models import Event, Registration


def queue_offers(session: Session, offers: list[Registration]) -> list[int]:
    """A push with the confirm / decline card for everyone just offered a seat; returns delivery ids."""
    ids = []
    for registration in offers:
        if registration.user is None or not registration.user.active:
            continue
        payload = to_line_messages([cards.offer_card(registration)])
        asides.push_yes_or_no(session, registration.user, f"ev_offer={registration.id}:yes",
                              f"ev_offer={registration.id}:no", about="offer")  # "ได้ค่ะ" typed accepts
        ids.append(repo.new_delivery(session, "event_offer", [registration.user.line_user_id], payload).id)
    return ids


def queue_too_few(session: Session, event: Event, now: datetime) -> list[int]:
    """Seats freed that no party waiting fits whole: the first in line is told of them, honestly (they go to whoever
    takes them first), and may take them for part of the party or wait on in its place; returns delivery ids."""
    first = seats.first_too_large(session, event, now)
    if first is None or first.user is None:
        return []
    free = seats.unclaimed_seats(session, event)
    text = texts.TOO_FEW_PUSH.format(title=event.title, date=thai_datetime(event.starts_at), seats=free,
                                     people=first.people, position=seats.waiting_position(session, first))
    take, wait = f"ev_part={event.id}:{free}", f"ev_ticket={event.id}"
    asides.push_yes_or_no(session, first.user, take, wait, about="seats_left")  # "ได้ค่ะ" typed takes them
    labels = (texts.TAKE_SEATS_LEFT.format(seats=free), texts.WAIT_ON.format(people=first.people))
    payload = to_line_messages([Text(text, (Choose(labels[0], take, labels[0]), Choose(labels[1], wait, labels[1])))])
    return [repo.new_delivery(session, "event_too_few", [first.user.line_user_id], payload).id]


def queue_lapsed(session: Session, lapsed: list[Registration]) -> list[int]:
    """Tell followers whose offer ran out that the seat has passed on."""
    ids = []
    for registration in lapsed:
        if registration.user is None or not registration.user.active:
            continue
        text = texts.OFFER_LAPSED_PUSH.format(title=registration.event.title)
        payload = to_line_messages([Text(text)])
        ids.append(repo.new_delivery(session, "event_offer_lapsed", [registration.user.line_user_id],
                                     payload).id)
    return ids
