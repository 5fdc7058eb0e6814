"""Response targets: business hours without weekends and Thai public holidays, reminders, escalation.

A new request nobody accepted within its centre's `response_hours` business hours is reminded to the
centre's staff (and groups), or to the admins when the centre has nobody on LINE; one still waiting after twice
that is escalated to the admins, or to the centre again when no admin is on LINE. Nobody at all to reach is an
error in the log and a line in the request's audit log, never a quiet skip. Both are
periodic Huey tasks that write their alerts as deliveries in the same transaction that marks the request,
so a reminder goes out once, whatever crashes or retries happen.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from huey import crontab
from sqlalchemy import select

from bot.console import texts as staff_texts
from bot.jobs import enqueue_deliveries, queue, services
from bot.workdays import BusinessCalendar, add_business_hours
from storage import repositories as repo
from storage.database import unit_of_work
from storage.models import AuditEntry, ServiceRequest

log = logging.getLogger(__name__)

ESCALATE_AFTER = 2  # times the centre's response target
LOOK_BACK = timedelta(days=30)  # older unaccepted requests were surely seen already: no more alerts


def response_due(request: ServiceRequest, calendar: BusinessCalendar | None = None) -> datetime:
    """When the request should have been accepted by at the centre that has it."""
    return add_business_hours(arrived(request), request.centre.response_hours, calendar)


def escalation_due(request: ServiceRequest, calendar: BusinessCalendar | None = None) -> datetime:
    return add_business_hours(arrived(request), request.centre.response_hours * ESCALATE_AFTER, calendar)


def arrived(request: ServiceRequest) -> datetime:
    """When the request reached the centre that has it, or became new again: filed, or since then transferred there
    or given back by its entrepreneur (any move to "new" after the filing's)."""
    moved = [change.changed_at for change in request.history
             if change.to_status == "new" and change.from_status is not None]
    return max([request.created_at, *moved])


def is_overdue(request: ServiceRequest, now: datetime) -> bool:
    """A new, unassigned request past its response target."""
    return request.status == "new" and request.assignee_id is None and now >= response_due(request)


@queue.periodic_task(crontab(minute="*/5"))
def check_response_targets() -> dict[str, int]:
    """Remind centres of requests nobody accepted in time, and escalate the long-waiting ones to admins."""
    from bot.staff_alerts import admin_line_ids

    now = services().clock()
    with unit_of_work(services().sessions) as session:
        waiting = select(ServiceRequest).where(
            ServiceRequest.status == "new", ServiceRequest.assignee_id.is_(None),
            ServiceRequest.escalated_at.is_(None), ServiceRequest.created_at >= now - LOOK_BACK)
        # skip_locked: two consumers running this at once never alert about the same request twice.
        requests = list(session.scalars(waiting.order_by(ServiceRequest.id).with_for_update(skip_locked=True)))
        deliveries, counts = [], {"reminded": 0, "escalated": 0}
        for request in requests:
            if request.reminded_at is None and now >= response_due(request):
                centre = repo.staff_line_ids(session, request.centre_id)
                deliveries += _alert(session, request, "reminder", centre or admin_line_ids(session))
                request.reminded_at = now
                counts["reminded"] += 1
            if request.reminded_at is not None and now >= escalation_due(request):
                admins = admin_line_ids(session)
                deliveries += _alert(session, request, "escalation",
                                     admins or repo.staff_line_ids(session, request.centre_id))
                request.escalated_at = now
                counts["escalated"] += 1
    enqueue_deliveries(deliveries)
    return counts


def _alert(session, request: ServiceRequest, kind: str, line_ids: list[str]) -> list[int]:
    from bot.staff_alerts import request_alert

    now = services().clock()
    detail = (staff_texts.ALERTED_ON_LINE.format(count=len(line_ids)) if line_ids else staff_texts.NOBODY_ON_LINE)
    session.add(AuditEntry(action=kind, request_id=request.id, created_at=now, detail=detail))
    if not line_ids:
        log.error("%s for %s has nobody to reach in LINE: no officer or group of %s, no admin linked",
                  kind, request.reference, request.centre.code)
        return []
    card = request_alert(request, services().settings.public_base_url, now, kind)
    return [repo.new_delivery(session, f"staff_{kind}", [line_id], card, request.id).id for line_id in line_ids]
