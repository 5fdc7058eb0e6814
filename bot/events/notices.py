"""Pushes about a follower's own registration (a seat offer, a lapsed offer), queued inside the transaction.

Each push is a `deliveries` row committed with the change that caused it; its job is started after the
commit (the dialogue returns a `DeliveriesQueued` domain event, a job enqueues the ids itself).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.dialogue import asides
from bot.events import cards, texts
from bot.line.outbound import Text, to_line_messages
from storage import repositories as repo
from storage.models import Registration


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
