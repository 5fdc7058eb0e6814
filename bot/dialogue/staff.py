"""What staff do from LINE: accept a request from its alert card (first tap wins)."""

from __future__ import annotations

from sqlalchemy import select

from bot.dialogue import texts
from bot.dialogue.context import Context, Reply
from bot.domain import StatusChanged
from bot.line.outbound import Text
from storage import repositories as repo
from storage.models import ServiceRequest, Staff


def accept(ctx: Context, request_id: int) -> Reply:
    """Assign the request to the staff member who tapped "รับเรื่อง", unless someone already has it."""
    staff = ctx.session.scalar(select(Staff).where(Staff.line_user_id == ctx.user.line_user_id))
    if staff is None:
        return Reply([Text(texts.STAFF_ONLY)])
    request = ctx.session.get(ServiceRequest, request_id, with_for_update=True)
    if request is None or not (staff.is_admin or request.centre_id == staff.centre_id):
        return Reply([Text(texts.STAFF_NOT_YOURS)])
    if request.assignee_id is not None:
        holder = "ท่าน" if request.assignee_id == staff.id else request.assignee.name
        return Reply([Text(texts.STAFF_TAKEN.format(reference=request.reference, name=holder))])
    if request.status != "new":
        return Reply([Text(texts.STAFF_CLOSED.format(reference=request.reference,
                                                     status=texts.STATUS_NAMES.get(request.status, "")))])
    request.assignee_id = staff.id
    repo.set_request_status(ctx.session, request, "accepted", by=staff.name)
    return Reply([Text(texts.STAFF_ACCEPTED.format(reference=request.reference, phone=request.phone or "-",
                                                   name=request.contact_name or "-"))],
                 [StatusChanged(request.id)])
