"""What in the queue needs an officer's eyes, derived from the transcript and the request's own history.

- the entrepreneur wrote (text, photo, file) after the last thing staff did on the request, but not an everyday
  question the bot answered itself (the centre's hours, the request's status, a greeting or thanks);
- they asked on LINE to cancel it (`cancel_asked` in the audit log), after that last staff action;
- they asked for a person: a call-for-staff request nobody took yet, or a call asked about this request
  (a `call_asked` notice) after the last staff action;
- nobody was told of it: a new request nobody took, with no alert on LINE to an officer, a group or an admin
  since it reached its centre (nobody there linked LINE and no admin did, or LINE refused every push). Only
  accepting it or moving it to a centre that is alerted clears this one; "รับทราบแล้ว" does not, since the
  request still has nobody.

Only open requests count. Each reason is a SQL expression on ServiceRequest, so the queue can filter and
sort by them as well as mark its rows; no column stores them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

import intents
from bot.console import workflow
from storage.models import AuditEntry, Delivery, Message, ServiceRequest

STAFF_ACTIONS = ("accept", "assign", "status", "reply", "hand_back", "note", "seen")  # "seen": รับทราบแล้ว
CALL_ASKED = "call_asked"  # the purpose of the notice bot.dialogue.call_about writes
CANCEL_ASKED = "cancel_asked"  # the audit action bot.dialogue.withdrawal writes
# The purposes of the alerts about a new request: bot.staff_alerts at filing or transfer, bot.sla later.
STAFF_ALERTS = ("staff_alert", "staff_reminder", "staff_escalation")
# What the bot answers itself, read from the intent and confidence the transcript keeps of each line: the centre's
# card, the status card, a greeting or a thank-you. Only as sure as the bot must be to leave a request's own
# question for them (INTERRUPT_THRESHOLD): less sure, the line may be the answer the officer waits for.
BOT_ANSWERED = ("center_info", "request_status", "greeting")


def _last_staff_action() -> ColumnElement:
    """When staff last acted on the request (its filing time when nobody has yet)."""
    action = aliased(AuditEntry)  # the cancel_asked test below reads audit_log too
    last = (select(func.max(action.created_at))
            .where(action.request_id == ServiceRequest.id, action.staff_id.is_not(None),
                   action.action.in_(STAFF_ACTIONS)).correlate(ServiceRequest).scalar_subquery())
    return func.coalesce(last, ServiceRequest.created_at)


def wrote_since() -> ColumnElement[bool]:
    """The entrepreneur wrote after the last staff action (a button tap is not writing); what they wrote up to
    a later request of theirs is taken as the filing of that one, and marks only it."""
    later = aliased(ServiceRequest)
    filing_another = exists(select(later.id).where(
        later.user_id == ServiceRequest.user_id, later.created_at > ServiceRequest.created_at,
        later.created_at >= Message.created_at)).correlate(ServiceRequest, Message)
    return exists(select(Message.id).where(
        Message.user_id == ServiceRequest.user_id, Message.direction == "in", Message.kind != "postback",
        Message.created_at > ServiceRequest.created_at, Message.created_at > _last_staff_action(),
        ~filing_another, _not_answered_by_the_bot()).correlate(ServiceRequest))


def _not_answered_by_the_bot() -> ColumnElement[bool]:
    """A line that is not surely an everyday question (BOT_ANSWERED); a photo, a file or an unread line is not one."""
    return or_(Message.intent.is_(None), Message.confidence.is_(None), Message.intent.not_in(BOT_ANSWERED),
               Message.confidence < intents.INTERRUPT_THRESHOLD)


def asked_to_cancel() -> ColumnElement[bool]:
    return exists(select(AuditEntry.id).where(
        AuditEntry.request_id == ServiceRequest.id, AuditEntry.action == CANCEL_ASKED,
        AuditEntry.created_at >= _last_staff_action()).correlate(ServiceRequest))


def asked_for_a_person() -> ColumnElement[bool]:
    """A call-for-staff request not taken yet, a call asked about this one, or "ขอคุยกับเจ้าหน้าที่" said or
    tapped since the last staff action (the notice is written only when someone at the centre is on LINE)."""
    called = exists(select(Delivery.id).where(
        Delivery.request_id == ServiceRequest.id, Delivery.purpose == CALL_ASKED,
        Delivery.created_at > _last_staff_action()).correlate(ServiceRequest))
    said = exists(select(Message.id).where(
        Message.user_id == ServiceRequest.user_id, Message.direction == "in",
        or_(Message.intent == "contact_staff", Message.text == "intent=contact_staff"),
        Message.created_at > ServiceRequest.created_at, Message.created_at > _last_staff_action()).correlate(ServiceRequest))
    return or_(and_(ServiceRequest.service == "contact_staff", ServiceRequest.status == "new"), called, said)


def _reached_centre() -> ColumnElement:
    """When the request reached the centre that has it: its filing, or its last transfer."""
    moved = (select(func.max(AuditEntry.created_at))
             .where(AuditEntry.request_id == ServiceRequest.id, AuditEntry.action == "transfer")
             .correlate(ServiceRequest).scalar_subquery())
    return func.coalesce(moved, ServiceRequest.created_at)


def nobody_told() -> ColumnElement[bool]:
    """A new request nobody took, with no alert on LINE since it reached its centre that LINE did not refuse."""
    alerted = exists(select(Delivery.id).where(
        Delivery.request_id == ServiceRequest.id, Delivery.purpose.in_(STAFF_ALERTS), Delivery.status != "failed",
        Delivery.created_at >= _reached_centre()).correlate(ServiceRequest))
    return and_(ServiceRequest.status == "new", ServiceRequest.assignee_id.is_(None), ~alerted)


REASONS = {"nobody": nobody_told, "cancel": asked_to_cancel, "person": asked_for_a_person, "message": wrote_since}
SEEN_CLEARS = ("cancel", "person", "message")  # what "รับทราบแล้ว" clears: the others need someone to act


def needs_attention() -> ColumnElement[bool]:
    """Any reason, on an open request."""
    return and_(ServiceRequest.status.in_(workflow.OPEN), or_(*(reason() for reason in REASONS.values())))


def reasons_for(session: Session, request_ids: Iterable[int]) -> dict[int, list[str]]:
    """The reasons each of these requests needs attention (REASONS' keys), for the rows of a queue page."""
    ids = list(request_ids)
    if not ids:
        return {}
    columns = [reason().label(name) for name, reason in REASONS.items()]
    rows = session.execute(select(ServiceRequest.id, *columns)
                           .where(ServiceRequest.id.in_(ids), ServiceRequest.status.in_(workflow.OPEN)))
    return {row.id: [name for name in REASONS if getattr(row, name)] for row in rows}
