"""An event called off, set back to draft or moved by staff (the console's form, `flask events cancel`): everyone
holding a seat, an offer or a waiting-list place is told on LINE, news subscription or not (it is about their own
registration), and a day-before reminder already sent is sent again for the new day.

Set back to draft (h84), an event is on hold, not called off: registrations are kept, seats offered and not yet
confirmed go back to waiting in their place, the ticket and the door refuse (`registrations.NOT_ON`), and those
registered are told once that it is postponed and that they will hear when it is back; published again, they are
told it is back, as after a call-off, and free seats are offered afresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.announcements.audience import BATCH_SIZE
from bot.dialogue.texts import BANGKOK, thai_datetime
from bot.events import cards, texts
from bot.events import registrations as seats
from bot.line.outbound import Choose, Text, to_line_messages
from storage import repositories as repo
from storage.models import Event, LineUser, Registration

CALLED_OFF, DRAFT = seats.CALLED_OFF, seats.DRAFT
BACK_PUSH = {DRAFT: texts.EVENT_REOPENED_PUSH}  # else EVENT_BACK_PUSH, after a call-off


@dataclass(frozen=True)
class Before:
    """What registrants were told of the event, before staff changed it."""

    status: str
    starts_at: datetime
    place: tuple[str, str]

    @classmethod
    def of(cls, event: Event) -> Before:
        return cls(event.status, event.starts_at, (event.venue or "", event.province))


def tell_registered(session: Session, event: Event, before: Before | None, now: datetime) -> list[int]:
    """Queue the notice of what changed since `before` (nothing for a new event, a draft or one already held);
    returns the delivery ids, to start after the commit."""
    if before is None or event.starts_at <= now and before.starts_at <= now:
        return []
    if event.status == CALLED_OFF:
        if before.status == CALLED_OFF:
            return []
        said = texts.EVENT_CALLED_OFF_PUSH.format(title=event.title, date=thai_datetime(before.starts_at))
        return _queue(session, event, "event_called_off", Text(said, (_choice(texts.OTHER_EVENTS, "intent=event"),)))
    if event.status == DRAFT:
        return _on_hold(session, event, before)
    if event.status != "published":
        return []
    back = before.status in seats.NOT_ON  # called off or on hold, then on again (h83, h84)
    moved = event.starts_at != before.starts_at
    if not back and not moved and (event.venue or "", event.province) == before.place:
        return []
    if moved:
        _offers_end_by_the_start(session, event)
        if _day(event.starts_at) != _day(before.starts_at):
            event.reminded_at = None  # the day-before reminder is for the new day
    said = (BACK_PUSH.get(before.status, texts.EVENT_BACK_PUSH) if back else texts.EVENT_CHANGED_PUSH).format(
        title=event.title, date=thai_datetime(event.starts_at), venue=cards.venue(event))
    choices = (_choice(texts.SHOW_TICKET, f"ev_ticket={event.id}"),
               _choice(texts.CANCEL_REGISTRATION, f"ev_cancel={event.id}"))
    return _queue(session, event, "event_back" if back else "event_changed", Text(said, choices))


def _on_hold(session: Session, event: Event, before: Before) -> list[int]:
    """A published event set back to draft: its offers go back to waiting, and its registrants are told once."""
    if before.status != "published":
        return []
    seats.hold_offers(session, event)
    said = texts.EVENT_ON_HOLD_PUSH.format(title=event.title, date=thai_datetime(before.starts_at))
    return _queue(session, event, "event_on_hold", Text(said, (_choice(texts.OTHER_EVENTS, "intent=event"),)))


def _offers_end_by_the_start(session: Session, event: Event) -> None:
    """A seat offered before the event moved earlier is to be confirmed before it starts, as any offer is."""
    for registration in session.scalars(select(Registration).where(
            Registration.event_id == event.id, Registration.status == "offered",
            Registration.offered_until > event.starts_at)):
        registration.offered_until = event.starts_at


def _day(moment: datetime):
    return moment.astimezone(BANGKOK).date()


def _choice(label: str, data: str) -> Choose:
    return Choose(label, data, label)


def _queue(session: Session, event: Event, purpose: str, message: Text) -> list[int]:
    """One multicast per BATCH_SIZE people still following who hold a seat, an offer or a place in line."""
    people = list(session.scalars(
        select(LineUser.line_user_id).join(Registration, Registration.user_id == LineUser.id)
        .where(Registration.event_id == event.id, Registration.status.in_(seats.ACTIVE), LineUser.active.is_(True))
        .order_by(LineUser.id)))
    payload = to_line_messages([message])
    return [repo.new_delivery(session, purpose, people[start:start + BATCH_SIZE], payload).id
            for start in range(0, len(people), BATCH_SIZE)]
