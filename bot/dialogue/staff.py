"""What staff do from LINE: accept a request from its alert card (first tap wins), in a chat or a group."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.console import texts as staff_texts
from bot.console import workflow
from bot.dialogue import call_about, fields, texts
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Text
from storage.models import ServiceRequest, Staff


def staff_of(session: Session, line_user_id: str | None) -> Staff | None:
    """The active staff account linked to this LINE user."""
    if not line_user_id:
        return None
    return session.scalar(select(Staff).where(Staff.line_user_id == line_user_id, Staff.active.is_(True)))


def _call_awaited(session: Session, request: ServiceRequest) -> str:
    """A call the entrepreneur asked for about the request before anyone had it, for whoever accepts it now (their
    words are on the request's page, with the questions for the officer)."""
    asked_at = call_about.call_asked_at(session, request)
    return "" if asked_at is None else "\n" + staff_texts.CALL_AWAITED.format(time=texts.thai_datetime(asked_at))


def accept(ctx: Context, request_id: int) -> Reply:
    """Assign the request to the staff member who tapped "รับเรื่อง", unless someone already has it."""
    return accept_as(ctx.session, ctx.user.line_user_id, request_id, ctx.now)


def accept_as(session: Session, line_user_id: str | None, request_id: int, now: datetime,
              in_group: bool = False) -> Reply:
    """Accept for whoever tapped; in a group the answer names them, so the others know who has it."""
    staff = staff_of(session, line_user_id)
    if staff is None:
        return Reply([Text(staff_texts.GROUP_LINK_FIRST if in_group else texts.STAFF_ONLY)])
    request = session.get(ServiceRequest, request_id, with_for_update=True)
    if request is None or not (staff.is_admin or request.centre_id == staff.centre_id):
        return Reply([Text(texts.STAFF_NOT_YOURS)])
    if request.assignee_id is not None:
        if request.assignee_id == staff.id:  # a second tap, or the console first
            return Reply([Text(texts.STAFF_YOURS_ALREADY.format(reference=request.reference))])
        assert request.assignee is not None, "assignee_id is a foreign key to staff"
        return Reply([Text(texts.STAFF_TAKEN.format(reference=request.reference, name=request.assignee.name))])
    if request.status != "new":
        return Reply([Text(texts.STAFF_CLOSED.format(reference=request.reference,
                                                     status=texts.STATUS_NAMES.get(request.status, "")))])
    # The entrepreneur's update is written in this transaction and its push starts after the commit.
    outcome = workflow.accept(session, request, staff, now, via="line")
    accepted = texts.STAFF_ACCEPTED_BY_LINE if fields.reached_by_line(request) else texts.STAFF_ACCEPTED
    whom = texts.addressed(request.contact_name) if request.contact_name else "ผู้แจ้ง"
    answer = accepted.format(reference=request.reference, phone=fields.request_phone(request) or "-", name=whom)
    answer += _call_awaited(session, request)
    return Reply([Text(f"{staff.name}: {answer}" if in_group else answer)],
                 [DeliveriesQueued(tuple(outcome.deliveries))])
