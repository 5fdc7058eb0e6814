"""Seats, the waiting list and check-in: the rules of registering for an event.

Every change that can take or free a seat first locks the event row (SELECT ... FOR UPDATE on PostgreSQL;
on SQLite the transaction already holds the write lock, see storage/database.py), so concurrent taps are
served one after another and an event is never overbooked. Functions take the session and never commit.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.models import Event, LineUser, Registration, utcnow

OFFER_WINDOW = timedelta(hours=24)
MAX_PARTY = 10
HOLDING_SEATS = ("registered", "offered")
ACTIVE = ("registered", "offered", "waiting")
CALLED_OFF = "cancelled"  # Event.status of an event staff called off
DRAFT = "draft"  # Event.status of one not shown in LINE: never published, or set back (on hold, h84)
NOT_ON = (CALLED_OFF, DRAFT)  # its registrations are kept, but no ticket, offer or check-in is good for them
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud at the door without doubt
CODE_LENGTH = 8


@dataclass
class Outcome:
    """What a registration attempt came to, and which waiting people were offered a freed seat."""

    status: str  # registered | waiting | full | closed | already | none | expired | cancelled | declined | called_off
    registration: Registration | None = None
    seats_left: int = 0
    offers: list[Registration] = field(default_factory=list)

    def known_registration(self) -> Registration:
        """The registration, for a status that always has one (every status but full, closed and none)."""
        if self.registration is None:
            raise ValueError(f"a {self.status!r} outcome has no registration")
        return self.registration


def locked_event(session: Session, event_id: int) -> Event | None:
    """The event, locked against concurrent seat changes until the transaction ends."""
    query = select(Event).where(Event.id == event_id).with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def is_open(event: Event, now: datetime) -> bool:
    """Published, not started, and before its registration deadline."""
    deadline_ok = event.registration_deadline is None or now <= event.registration_deadline
    return event.status == "published" and now < event.starts_at and deadline_ok


def seats_taken(session: Session, event_id: int) -> int:
    query = select(func.coalesce(func.sum(Registration.people), 0)).where(
        Registration.event_id == event_id, Registration.status.in_(HOLDING_SEATS))
    return int(session.scalar(query) or 0)


def seats_left(session: Session, event: Event) -> int:
    return max(0, event.capacity - seats_taken(session, event.id))


def registration_of(session: Session, event_id: int, user_id: int) -> Registration | None:
    return session.scalar(select(Registration).where(Registration.event_id == event_id,
                                                     Registration.user_id == user_id))


def active_registrations(session: Session, user_id: int, now: datetime) -> list[Registration]:
    """The user's seats, offers and waiting-list places for events still to come, soonest first."""
    return _registrations_for(session, user_id, now, Event.status.not_in(NOT_ON))


def called_off_registrations(session: Session, user_id: int, now: datetime) -> list[Registration]:
    """The user's registrations for events still to come that staff called off or set back to draft."""
    return _registrations_for(session, user_id, now, Event.status.in_(NOT_ON))


def _registrations_for(session: Session, user_id: int, now: datetime, condition) -> list[Registration]:
    query = (select(Registration).join(Event).where(Registration.user_id == user_id, Registration.status.in_(ACTIVE),
                                                     Event.starts_at > now, condition)
             .order_by(Event.starts_at))
    return list(session.scalars(query))


def waiting_position(session: Session, registration: Registration) -> int:
    """1 for the first in line."""
    ahead = select(func.count()).select_from(Registration).where(
        Registration.event_id == registration.event_id, Registration.status == "waiting",
        (Registration.created_at < registration.created_at)
        | ((Registration.created_at == registration.created_at) & (Registration.id < registration.id)))
    return int(session.scalar(ahead) or 0) + 1


def register(session: Session, event_id: int, user: LineUser, people: int, now: datetime,
             announcement_id: int | None = None) -> Outcome:
    """Take seats if there are enough that no party waiting could use (`unclaimed_seats`); otherwise say it is
    full, with the seats a smaller party could take."""
    return _take_seats(session, event_id, user, people, now, announcement_id, or_wait=False)


def join_waitlist(session: Session, event_id: int, user: LineUser, people: int, now: datetime,
                  announcement_id: int | None = None) -> Outcome:
    """Queue for seats; if seats opened in the meantime, take them at once."""
    return _take_seats(session, event_id, user, people, now, announcement_id, or_wait=True)


def _take_seats(session: Session, event_id: int, user: LineUser, people: int, now: datetime,
                announcement_id: int | None, or_wait: bool) -> Outcome:
    event = locked_event(session, event_id)
    if event is None or not is_open(event, now):
        return Outcome("closed")
    existing = registration_of(session, event.id, user.id)
    if existing is not None and existing.status in ACTIVE:
        return Outcome("already", existing, seats_left(session, event))
    left, free = seats_left(session, event), unclaimed_seats(session, event)
    if people <= free:
        registration = _claim(session, event, user, existing, people, "registered", announcement_id)
        return Outcome("registered", registration, free - people)
    if not or_wait:
        return Outcome("full", None, free)
    registration = _claim(session, event, user, existing, people, "waiting", announcement_id)
    return Outcome("waiting", registration, left)


def cancel(session: Session, event_id: int, user: LineUser, now: datetime) -> Outcome:
    """Give up a seat, an offer or a waiting-list place; a freed seat is offered to the next in line."""
    event = locked_event(session, event_id)
    registration = registration_of(session, event_id, user.id) if event else None
    if event is None or registration is None or registration.status not in ACTIVE:
        return Outcome("none")
    held_seats = registration.status in HOLDING_SEATS
    registration.status, registration.offered_until = "cancelled", None
    offers = offer_freed_seats(session, event, now) if held_seats else []
    status = "cancelled" if held_seats else "left_waitlist"
    return Outcome(status, registration, seats_left(session, event), offers)


def change_party(session: Session, event_id: int, user: LineUser, people: int, now: datetime) -> Outcome:
    """A seat, offer or waiting-list place made for more or fewer people; a waiting party keeps its place in line
    unless it grows. More seats are taken only while registration is open, and only those a new registration could
    take (free, nobody waiting); otherwise "short", with how many more would fit. Seats given back are offered to
    the waiting list."""
    event = locked_event(session, event_id)
    registration = registration_of(session, event_id, user.id) if event else None
    if event is not None and registration is not None:
        session.refresh(registration)  # as it is under the lock: loaded before it, an offer made meanwhile is unseen
    if event is None or registration is None or registration.status not in ACTIVE:
        return Outcome("none")
    more = people - registration.people
    if now >= event.starts_at or (more > 0 and not is_open(event, now)):
        return Outcome("closed", registration)
    if more > 0 and registration.status in HOLDING_SEATS:
        free = unclaimed_seats(session, event)
        if more > free:
            return Outcome("short", registration, free)
    registration.people = people
    if more > 0 and registration.status == "waiting":
        registration.created_at = utcnow()  # a larger party waits behind those who asked before it grew
    session.flush()
    # Fewer seats held free some; a smaller party waiting may fit seats already free.
    offers = offer_freed_seats(session, event, now) if more < 0 or registration.status == "waiting" else []
    return Outcome("changed", registration, seats_left(session, event), offers)


def answer_offer(session: Session, registration_id: int, user: LineUser, accept: bool, now: datetime) -> Outcome:
    """Confirm or decline a seat offered from the waiting list (in time, or it has passed on)."""
    registration = session.get(Registration, registration_id)
    if registration is None or registration.user_id != user.id:
        return Outcome("none")
    event = locked_event(session, registration.event_id)
    assert event is not None, "a registration's event is never deleted"
    session.refresh(registration)
    if event.status in NOT_ON:
        return Outcome("called_off", registration)
    if registration.status != "offered":
        return Outcome("none", registration)
    if registration.offered_until is not None and registration.offered_until <= now:
        registration.status, registration.offered_until = "expired", None
        return Outcome("expired", registration, 0, offer_freed_seats(session, event, now))
    registration.offered_until = None
    if accept:
        registration.status = "registered"
        return Outcome("registered", registration, seats_left(session, event))
    registration.status = "cancelled"
    return Outcome("declined", registration, 0, offer_freed_seats(session, event, now))


def offer_freed_seats(session: Session, event: Event, now: datetime) -> list[Registration]:
    """Offer free seats to the waiting list in order, to each party that fits, until the event starts."""
    if event.status != "published" or now >= event.starts_at:
        return []
    left = seats_left(session, event)
    offers: list[Registration] = []
    waiting = (select(Registration).where(Registration.event_id == event.id, Registration.status == "waiting")
               .order_by(Registration.created_at, Registration.id))
    for registration in session.scalars(waiting):
        if left <= 0:
            break
        if registration.user is None or not registration.user.active:
            registration.status = "expired"  # nobody left to tell: the place passes on
            continue
        if registration.people <= left:
            registration.status = "offered"
            registration.offered_until = min(now + OFFER_WINDOW, event.starts_at)
            left -= registration.people
            offers.append(registration)
    return offers


def first_too_large(session: Session, event: Event, now: datetime) -> Registration | None:
    """The first party on the waiting list when seats are free that no party waiting fits whole (after
    `offer_freed_seats`): told of them, to take them for part of the party (`take_part`) or wait on; None when
    no seat is free, a party fits, or registration is closed."""
    if not is_open(event, now) or unclaimed_seats(session, event) <= 0:
        return None
    waiting = (select(Registration).where(Registration.event_id == event.id, Registration.status == "waiting")
               .order_by(Registration.created_at, Registration.id))
    return next((registration for registration in session.scalars(waiting)
                 if registration.user is not None and registration.user.active), None)


def take_part(session: Session, event_id: int, user: LineUser, people: int, now: datetime) -> Outcome:
    """A waiting party takes the seats free for part of it (`first_too_large`), leaving the waiting list: the party
    becomes those `people`, registered at once. "short" (with the seats there are) when someone took them first;
    the party then keeps its place as it was."""
    event = locked_event(session, event_id)
    registration = registration_of(session, event_id, user.id) if event else None
    if event is not None and registration is not None:
        session.refresh(registration)
    if event is None or registration is None or registration.status != "waiting":
        return Outcome("none", registration)
    if not is_open(event, now):
        return Outcome("closed", registration)
    free = unclaimed_seats(session, event)
    if not 0 < people <= min(free, registration.people):
        return Outcome("short", registration, free)
    registration.status, registration.people = "registered", people
    return Outcome("registered", registration, free - people)


def hold_offers(session: Session, event: Event) -> None:
    """An event set back to draft: seats offered and not yet confirmed go back to waiting, each in its place in
    line (offered afresh, with a full window to confirm, when the event is published again)."""
    for registration in session.scalars(select(Registration).where(Registration.event_id == event.id,
                                                                   Registration.status == "offered")):
        registration.status, registration.offered_until = "waiting", None


def lapsed_offers(session: Session, now: datetime) -> tuple[list[Registration], list[Registration]]:
    """Expire offers not confirmed in time; returns (expired, new offers to the next in line)."""
    event_ids = list(session.scalars(select(Registration.event_id).where(
        Registration.status == "offered", Registration.offered_until <= now).distinct()))
    expired: list[Registration] = []
    offers: list[Registration] = []
    for event_id in event_ids:
        event = locked_event(session, event_id)
        assert event is not None, "a registration's event is never deleted"
        late = select(Registration).where(Registration.event_id == event_id, Registration.status == "offered",
                                          Registration.offered_until <= now)
        for registration in session.scalars(late.execution_options(populate_existing=True)):
            registration.status, registration.offered_until = "expired", None
            expired.append(registration)
        session.flush()
        offers += offer_freed_seats(session, event, now)
    return expired, offers


@dataclass(frozen=True)
class CheckIn:
    """The result of scanning or typing a code at the door."""

    status: str  # checked_in | already | not_found | other_event | called_off | not_registered
    registration: Registration | None = None

    def known_registration(self) -> Registration:
        """The registration the code belongs to, for every status but not_found."""
        if self.registration is None:
            raise ValueError(f"a {self.status!r} check-in has no registration")
        return self.registration


def check_in(session: Session, event_id: int, typed: str, now: datetime) -> CheckIn:
    """Record attendance for the code shown at the door (a QR link or the code typed by hand)."""
    code = normalise_code(typed)
    registration = session.scalar(select(Registration).where(Registration.code == code)) if code else None
    if registration is None:
        return CheckIn("not_found")
    if registration.event_id != event_id:
        return CheckIn("other_event", registration)
    if registration.event.status in NOT_ON:
        return CheckIn("called_off", registration)
    if registration.status != "registered":
        return CheckIn("not_registered", registration)
    claimed = session.execute(update(Registration).where(Registration.id == registration.id,
                                                         Registration.checked_in_at.is_(None))
                              .values(checked_in_at=now).execution_options(synchronize_session=False))
    session.refresh(registration)
    checked_in = bool(claimed.rowcount)  # type: ignore[attr-defined]  # DML: a CursorResult, typed Result
    return CheckIn("checked_in" if checked_in else "already", registration)


def normalise_code(typed: str) -> str:
    """The code in what was scanned or typed: a check-in URL, `k7qx-p2ma`, `K7QX P2MA`..."""
    last = typed.strip().rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"[^0-9A-Za-z]", "", last).upper()[:32]


def shown_code(code: str) -> str:
    """K7QXP2MA shown as K7QX-P2MA, easier to read out."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def unclaimed_seats(session: Session, event: Event) -> int:
    """The seats anyone may take now: those left, unless a party on the waiting list fits in them (they are its).
    Seats too few for every party waiting go to whoever asks, rather than stay empty."""
    left = seats_left(session, event)
    fits = select(Registration.id).where(Registration.event_id == event.id, Registration.status == "waiting",
                                         Registration.people <= left)
    return 0 if session.scalar(fits.limit(1)) is not None else left


def _claim(session: Session, event: Event, user: LineUser, existing: Registration | None, people: int,
           status: str, announcement_id: int | None) -> Registration:
    # A cancelled or lapsed registration is reused (one row per user and event) and goes to the back of the
    # line. The wall clock read under the event lock orders the line as the taps were served.
    registration = existing or Registration(event_id=event.id, user_id=user.id, code=_new_code(session))
    registration.status, registration.people, registration.created_at = status, people, utcnow()
    registration.offered_until, registration.checked_in_at = None, None
    registration.contact_name, registration.phone = user.contact_name, user.phone
    registration.business_name = user.business_name
    registration.announcement_id = announcement_id or registration.announcement_id
    session.add(registration)
    session.flush()
    return registration


def _new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Registration.id).where(Registration.code == code)) is None:
            return code
