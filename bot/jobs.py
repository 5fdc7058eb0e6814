"""Background jobs on Huey: an embedded SQLite queue by default, Redis when REDIS_URL is set.

Every non-reply send is a `Delivery` row with its own retry key; the job sends it, retrying with backoff on
5xx, 429 rate limits and timeouts only, and the row makes a second run of the same job a no-op.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Iterable

from huey import Huey, MemoryHuey, crontab
from huey.exceptions import RetryTask
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import select

from bot.errors import LineRejected, LineUnavailable
from storage import repositories as repo
from storage.database import unit_of_work
from storage.models import Attachment, Delivery, ServiceRequest, utcnow

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

queue: Huey = MemoryHuey("itc-front-desk", immediate=True)
_services: Services | None = None

SEND_RETRIES = 10
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def init_app(services: Services) -> None:
    """Point the queue at its storage and give jobs the app's services (the composition root calls this)."""
    global _services
    settings = services.settings
    _services = services
    queue.immediate = settings.tasks_immediate
    if settings.tasks_immediate:
        queue.storage = MemoryHuey("itc-front-desk").storage
    elif settings.redis_url:
        queue.storage = RedisStorage("itc-front-desk", url=settings.redis_url)
    else:
        queue.storage = SqliteStorage("itc-front-desk", filename=settings.jobs_path)


def services() -> Services:
    if _services is None:
        raise RuntimeError("jobs used before init_app: create the app first")
    return _services


@queue.task(retries=SEND_RETRIES, retry_delay=2, retry_backoff=2)
def send_delivery(delivery_id: int) -> str:
    """Send one delivery to LINE with its retry key; retried on 5xx, 429 and timeouts."""
    with unit_of_work(services().sessions) as session:
        delivery = session.get(Delivery, delivery_id)
        if delivery is None or delivery.status != "pending":
            return "skipped"
        recipients = repo.reachable(session, list(delivery.recipients))
        if not recipients:
            delivery.status = "skipped"
            return "skipped"
        messages, key = list(delivery.messages), delivery.retry_key
        delivery.attempts += 1
    outcome, error = _send(recipients, messages, key)
    with unit_of_work(services().sessions) as session:
        delivery = session.get(Delivery, delivery_id)
        delivery.status = outcome if outcome != "retry" else "pending"
        delivery.last_error = error
        if outcome == "sent":
            delivery.sent_at = utcnow()
    if outcome == "retry":
        raise RetryTask(error)
    return outcome


def _send(recipients: list[str], messages: list[dict], retry_key: str) -> tuple[str, str | None]:
    line = services().line
    try:
        if len(recipients) == 1:
            line.push(recipients[0], messages, retry_key)
        else:
            line.multicast(recipients, messages, retry_key)
    except LineUnavailable as error:
        log.warning("delivery will be retried: %s", error)
        return "retry", str(error)
    except LineRejected as error:
        log.error("LINE rejected a delivery: %s", error)
        return "failed", str(error)
    return "sent", None


def enqueue_deliveries(delivery_ids: Iterable[int]) -> None:
    """Queue the sending of deliveries already committed to the database."""
    for delivery_id in delivery_ids:
        send_delivery(delivery_id)


@queue.task()
def notify_centre(request_id: int) -> int:
    """Alert the staff of the request's centre in LINE; returns how many alerts were queued."""
    from bot.staff_alerts import new_request_alert

    with unit_of_work(services().sessions) as session:
        request = session.get(ServiceRequest, request_id)
        already = session.scalar(select(Delivery.id).where(Delivery.request_id == request_id,
                                                           Delivery.purpose == "staff_alert"))
        if request is None or already:
            return 0
        staff_ids = repo.staff_line_ids(session, request.centre_id)
        if not staff_ids:
            log.warning("centre %s has no staff linked to LINE; request %s waits in the console",
                        request.centre.code, request.reference)
            return 0
        alert = new_request_alert(request, services().settings.public_base_url, utcnow())
        deliveries = [repo.new_delivery(session, "staff_alert", [line_id], alert, request_id)
                      for line_id in staff_ids]
        ids = [d.id for d in deliveries]
    enqueue_deliveries(ids)
    return len(ids)


@queue.task()
def notify_requester(request_id: int) -> int:
    """Tell the entrepreneur in LINE where their request now stands."""
    from bot.dialogue import texts

    with unit_of_work(services().sessions) as session:
        request = session.get(ServiceRequest, request_id)
        if request is None or request.user is None or not request.user.active:
            return 0
        service = texts.SERVICE_NAMES.get(request.service, request.service)
        if request.status == "accepted":
            text = texts.REQUESTER_ACCEPTED.format(reference=request.reference, service=service,
                                                   centre=request.centre.name)
        else:
            text = texts.REQUESTER_UPDATE.format(reference=request.reference, service=service,
                                                 status=texts.STATUS_NAMES.get(request.status, request.status))
        delivery = repo.new_delivery(session, "status_update", [request.user.line_user_id],
                                     [{"type": "text", "text": text}], request_id)
        delivery_id = delivery.id
    enqueue_deliveries([delivery_id])
    return 1


@queue.task(retries=5, retry_delay=2, retry_backoff=2)
def fetch_attachment(attachment_id: int) -> str:
    """Download an image or file the user sent and keep it with their request."""
    with unit_of_work(services().sessions) as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.status != "pending":
            return "skipped"
        message_id = attachment.line_message_id
    try:
        content = services().line.content(message_id)
    except LineUnavailable as error:
        raise RetryTask(str(error))
    except LineRejected as error:
        content, status = None, f"failed: {error.status}"
    with unit_of_work(services().sessions) as session:
        attachment = session.get(Attachment, attachment_id)
        if content is None:
            attachment.status = status
        elif len(content.data) > MAX_ATTACHMENT_BYTES:
            attachment.status, attachment.size = "too_large", len(content.data)
        else:
            attachment.data, attachment.size = content.data, len(content.data)
            attachment.content_type, attachment.status = content.content_type, "stored"
        return attachment.status


@queue.periodic_task(crontab(minute="*/5"))
def resend_stalled_deliveries() -> int:
    """Requeue deliveries a crashed worker left pending; their retry keys keep LINE from sending twice."""
    now = utcnow()
    with unit_of_work(services().sessions) as session:
        query = select(Delivery.id).where(Delivery.status == "pending",
                                          Delivery.created_at < now - timedelta(minutes=40),
                                          Delivery.created_at > now - timedelta(hours=23))
        ids = list(session.scalars(query))
    enqueue_deliveries(ids)
    return len(ids)


def run_scheduled(until: datetime | None = None) -> int:
    """Run queued and scheduled (retrying) jobs now; the embedded consumer in miniature, for tests and demos."""
    ran = 0
    moment = until or datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=2)
    while True:
        tasks = queue.read_schedule(moment) + _dequeue_all()
        if not tasks:
            return ran
        for task in tasks:
            queue.execute(task)
            ran += 1


def _dequeue_all() -> list:
    tasks = []
    while (task := queue.dequeue()) is not None:
        tasks.append(task)
    return tasks
