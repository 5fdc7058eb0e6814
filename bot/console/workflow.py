"""The life cycle of a request, as staff drive it from the console or LINE; no Flask, no LINE I/O.

    new ──accept/assign──> accepted ──> in_progress <──> waiting ──> done
      └──────────────┴──────────┴───────────┴──> rejected | cancelled (with a reason)

Every change is recorded twice: a StatusChange (the request's history) and an AuditEntry (who did what),
and returns the delivery ids (the entrepreneur's LINE update) for the caller to queue after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.console import notices, texts
from bot.dialogue import texts as dialogue_texts
from storage.models import AuditEntry, Centre, LineUser, RequestNote, ServiceRequest, Staff, StatusChange

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("accepted", "rejected", "cancelled"),
    "accepted": ("in_progress", "waiting", "done", "rejected", "cancelled"),
    "in_progress": ("waiting", "done", "rejected", "cancelled"),
    "waiting": ("in_progress", "done", "rejected", "cancelled"),
    "done": (),
    "rejected": (),
    "cancelled": (),
}
NEEDS_REASON = ("rejected", "cancelled")
CLOSED = ("done", "rejected", "cancelled")
OPEN = ("new", "accepted", "in_progress", "waiting")
HANDOVER_IDLE = timedelta(minutes=30)
BY_LINE = "line"  # a status change the entrepreneur made in LINE (the page says "ผู้ประกอบการ (LINE)")
NOTE_LENGTH = 500


class NotAllowed(ValueError):
    """The action does not fit the request's state (the message is for the staff member)."""


@dataclass
class Outcome:
    """What an action did: the push deliveries to queue once the transaction commits."""

    deliveries: list[int] = field(default_factory=list)

    def add(self, delivery_id: int | None) -> None:
        if delivery_id is not None:
            self.deliveries.append(delivery_id)


def audit(session: Session, staff: Staff | None, action: str, request: ServiceRequest | None,
          detail: str | None, now: datetime) -> None:
    session.add(AuditEntry(staff_id=staff.id if staff else None, action=action,
                           request_id=request.id if request else None, detail=detail, created_at=now))


def accept(session: Session, request: ServiceRequest, staff: Staff, now: datetime, via: str) -> Outcome:
    """Take a new request: it becomes the staff member's, first come first served (lock the row first)."""
    if request.assignee_id is not None or request.status != "new":
        raise NotAllowed("taken")
    request.assignee_id, request.assignee, request.accepted_at = staff.id, staff, now
    _move(session, request, "accepted", staff, now, None)
    audit(session, staff, "accept", request, via, now)
    return _told(session, request)


def assign(session: Session, request: ServiceRequest, staff: Staff, assignee: Staff, now: datetime) -> Outcome:
    """Give the request to a colleague of its centre; a new request counts as accepted by them."""
    if request.status in CLOSED:
        raise NotAllowed("closed")
    if not assignee.active or not (assignee.centre_id == request.centre_id or assignee.is_admin):
        raise NotAllowed("other centre")
    before = request.assignee.name if request.assignee else "-"
    request.assignee_id = assignee.id
    request.assignee = assignee
    audit(session, staff, "assign", request, f"{before} → {assignee.name}", now)
    if request.status == "new":
        request.accepted_at = now
        _move(session, request, "accepted", staff, now, None)
        return _told(session, request)
    return Outcome()


def change_status(session: Session, request: ServiceRequest, staff: Staff, wanted: str, now: datetime,
                  reason: str | None = None, message: str | None = None) -> Outcome:
    """Move the request along its life cycle and tell the entrepreneur, with the reason when closing."""
    if wanted not in TRANSITIONS.get(request.status, ()):
        raise NotAllowed("transition")
    reason = (reason or "").strip() or None
    if wanted in NEEDS_REASON and not reason:
        raise NotAllowed("reason")
    if wanted == "accepted" or (request.assignee_id is None and wanted not in NEEDS_REASON):
        request.assignee_id, request.assignee = staff.id, staff
    if request.accepted_at is None and wanted not in NEEDS_REASON:
        request.accepted_at = now
    if wanted in CLOSED:
        request.closed_at, request.close_reason = now, reason
    before = request.status
    _move(session, request, wanted, staff, now, reason)
    names = texts.STATUS_NAMES
    audit(session, staff, "status", request, f"{names[before]} → {names[wanted]}" + (f": {reason}" if reason else ""),
          now)
    return _told(session, request, reason, (message or "").strip() or None)


def transfer(session: Session, request: ServiceRequest, staff: Staff, centre: Centre, reason: str,
             now: datetime) -> Outcome:
    """Move an open request to another centre (admins): it waits there as new, for that centre's officers to
    accept; the entrepreneur is told which centre has it now. The caller alerts the new centre."""
    reason = reason.strip()
    if not reason:
        raise NotAllowed("reason")
    if request.status in CLOSED or centre.id == request.centre_id:
        raise NotAllowed("transfer")
    before = request.centre.name
    request.centre_id, request.centre = centre.id, centre
    request.assignee_id, request.assignee, request.accepted_at = None, None, None
    request.reminded_at = request.escalated_at = None  # the new centre's response target starts now (bot.sla)
    note = f"{before} → {centre.name}: {reason}"
    _move(session, request, "new", staff, now, note)
    audit(session, staff, "transfer", request, note, now)
    outcome = Outcome()
    outcome.add(notices.queue_transfer_notice(session, request))
    return outcome


def add_note(session: Session, request: ServiceRequest, staff: Staff, text: str, now: datetime) -> None:
    """An internal note: staff only, never sent to the entrepreneur."""
    session.add(RequestNote(request_id=request.id, staff_id=staff.id, text=text, created_at=now))
    audit(session, staff, "note", request, _gist(text), now)


def reply(session: Session, request: ServiceRequest, staff: Staff, text: str, now: datetime,
          idle: timedelta = HANDOVER_IDLE) -> Outcome:
    """Push the staff member's words to the entrepreneur; the bot keeps quiet for that user meanwhile."""
    user = request.user
    if user is None or not user.active:
        raise NotAllowed("unreachable")
    outcome = Outcome()
    outcome.add(notices.queue_staff_reply(session, request, staff.name, text))
    if not in_handover(user, now):  # a new conversation: the user's first words in it are acknowledged
        user.handover_acknowledged_at = None
    user.handover_staff_id, user.handover_until = staff.id, now + idle
    audit(session, staff, "reply", request, _gist(text), now)
    return outcome


def hand_back(session: Session, user: LineUser, staff: Staff | None, request: ServiceRequest | None,
              now: datetime) -> Outcome:
    """End the staff conversation: the bot answers the user again, and says so."""
    outcome = Outcome()
    if user.handover_staff_id is None and user.handover_until is None:
        return outcome
    user.handover_staff_id, user.handover_until, user.handover_acknowledged_at = None, None, None
    outcome.add(notices.queue_hand_back(session, user, request.id if request else None))
    audit(session, staff, "hand_back", request, None, now)
    return outcome


def information_given(session: Session, request: ServiceRequest, words: str, now: datetime) -> None:
    """The entrepreneur answered "waiting" in LINE: the request is the officer's to move on again ("in progress"),
    with their words in its history."""
    if request.status != "waiting":
        raise NotAllowed("transition")
    note = f"{texts.INFORMATION_NOTE}: {words}"[:NOTE_LENGTH]
    request.history.append(StatusChange(request_id=request.id, from_status="waiting", to_status="in_progress",
                                        changed_by=BY_LINE, note=note, changed_at=now))
    request.status, request.updated_at = "in_progress", now
    names = dialogue_texts.STATUS_NAMES
    audit(session, None, "status", request, f"{names['waiting']} → {names['in_progress']}: {note}", now)


def information_added(request: ServiceRequest, words: str) -> bool:
    """More of the entrepreneur's information joins their answer in the request's history, while that answer is its
    latest change (no row of its own: a history row is a status change, which the SLA and the alerts read as one);
    False when there is no such answer to join."""
    last = request.history[-1] if request.history else None
    if last is None or (last.from_status, last.to_status, last.changed_by) != ("waiting", "in_progress", BY_LINE):
        return False
    note = f"{last.note or texts.INFORMATION_NOTE}\n{words}"
    last.note = note if len(note) <= NOTE_LENGTH else note[:NOTE_LENGTH - 1] + "…"
    return True


def in_handover(user: LineUser | None, now: datetime) -> bool:
    """True while a staff member is talking with this user (until hand-back or the idle timeout)."""
    return bool(user and user.handover_staff_id and user.handover_until and user.handover_until > now)


def _gist(text: str, length: int = 200) -> str:
    """The start of a note or reply for the audit log, marked "…" when there is more (the page has it whole)."""
    return text if len(text) <= length else text[:length - 1] + "…"


def _move(session: Session, request: ServiceRequest, status: str, staff: Staff, now: datetime,
          note: str | None) -> None:
    request.history.append(StatusChange(request_id=request.id, from_status=request.status, to_status=status,
                                        changed_by=staff.name, note=note, changed_at=now))
    request.status, request.updated_at = status, now


def _told(session: Session, request: ServiceRequest, reason: str | None = None,
          message: str | None = None) -> Outcome:
    outcome = Outcome()
    outcome.add(notices.queue_status_update(session, request, reason, message))
    return outcome
