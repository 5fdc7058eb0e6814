"""Background jobs on Huey: an embedded SQLite queue by default, Redis when REDIS_URL is set.

Every non-reply send is a `Delivery` row with its own retry key; the job sends it, retrying with backoff on
5xx, 429 rate limits and timeouts only, and the row makes a second run of the same job a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from huey import Huey, MemoryHuey, crontab
from huey.exceptions import RetryTask
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import and_, or_, select

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
# A delivery with no attempt for this long lost its job (crash, exhausted retries); longer than any backoff.
STALL_AFTER = timedelta(minutes=40)
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
        Path(settings.jobs_path).parent.mkdir(parents=True, exist_ok=True)
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
        delivery.leased_until = utcnow() + STALL_AFTER
    outcome, error = _send(recipients, messages, key)
    with unit_of_work(services().sessions) as session:
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None, "deliveries are never deleted"
        delivery.status = outcome if outcome != "retry" else "pending"
        delivery.last_error = error
        if outcome == "sent":
            delivery.sent_at = utcnow()
    if outcome == "retry":
        raise RetryTask(error)
    return outcome


def send_now(recipients: list[str], messages: list[dict], retry_key: str) -> tuple[str, str | None]:
    """One attempt at LINE (push for one id, multicast for more): ("sent" | "retry" | "failed", error)."""
    return _send(recipients, messages, retry_key)


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
def notify_requester(request_id: int) -> int:
    """Tell the entrepreneur in LINE where their request now stands."""
    from bot.console.notices import queue_status_update

    with unit_of_work(services().sessions) as session:
        request = session.get(ServiceRequest, request_id)
        delivery_id = queue_status_update(session, request) if request is not None else None
    if delivery_id is None:
        return 0
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
        raise RetryTask(str(error)) from error
    except LineRejected as error:
        content, status = None, f"failed: {error.status}"
    with unit_of_work(services().sessions) as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:  # the user erased their data while it was downloading
            return "skipped"
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
        # Announcement batches have their own recovery (bot/announcements/sending.py: resume_stalled).
        lapsed = or_(and_(Delivery.leased_until.is_(None), Delivery.created_at < now - STALL_AFTER),
                     Delivery.leased_until <= now)
        query = select(Delivery).where(Delivery.status == "pending", Delivery.announcement_id.is_(None),
                                       Delivery.created_at > now - timedelta(hours=23), lapsed)
        ids = []
        for delivery in session.scalars(query):
            delivery.leased_until = now + STALL_AFTER  # one requeue per lapse, not one per sweep
            ids.append(delivery.id)
    enqueue_deliveries(ids)
    return len(ids)


def run_scheduled(until: datetime | None = None) -> int:
    """Run queued and scheduled (retrying) jobs now; the embedded consumer in miniature, for tests and demos."""
    ran = 0
    moment = until or datetime.now(UTC).replace(tzinfo=None) + timedelta(days=2)
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
