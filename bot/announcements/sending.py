"""Sending an announcement: recipients fixed once, multicasts of at most 500, each batch a job with its own key.

    queued / scheduled ──start──> preparing ──every batch has its delivery──> sending ──none pending──> sent

- `start_announcement` fixes the audience in one INSERT ... SELECT (a recipient row per follower, numbered
  into batches of 500), atomically: a crash leaves either all rows or none.
- Each batch becomes a `Delivery` with its own `X-Line-Retry-Key` before anything is sent, so a batch
  sent again after a crash is answered 409 by LINE and nobody gets a second copy.
- `send_batch` leases its delivery (compare-and-set in the database) so two workers never send one batch
  at once; a worker killed mid-send leaves a lease that lapses, and `resume_stalled` (at worker start and
  every minute) sends the batch again with the same key.
- Everything streams: no step holds more than one batch of ids in memory.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import and_, func, insert, literal, or_, select, text, update
from sqlalchemy.orm import Session

from bot import jobs
from bot.announcements import compose
from bot.announcements.audience import BATCH_SIZE, Audience, conditions, count, reachable_now
from storage.database import unit_of_work
from storage.models import Announcement, AnnouncementRecipient, Delivery, LineUser, utcnow

log = logging.getLogger(__name__)

PURPOSE = "announcement"
BATCHES_PER_TRANSACTION = 20
MAX_ATTEMPTS = 12
MAX_RETRY_DELAY = 300.0
UNCLAIMED_GRACE = timedelta(seconds=30)
KEY_LIFETIME = timedelta(hours=23)  # LINE keeps a retry key 24 hours; after that a resend could duplicate
FINISHED = ("sent", "cancelled")


def create(session: Session, *, text: str, audience: Audience, now: datetime, image_url: str | None = None,
           event_id: int | None = None, staff_id: int | None = None, scheduled_at: datetime | None = None,
           purpose: str | None = None) -> Announcement:
    """A new announcement, queued (or scheduled); commit, then call `start_soon`."""
    later = scheduled_at is not None and scheduled_at > now
    stored = audience.to_json() | ({"purpose": purpose} if purpose else {})
    announcement = Announcement(text=text, image_url=image_url or None, event_id=event_id, audience=stored,
                                status="scheduled" if later else "queued", scheduled_at=scheduled_at,
                                created_by=staff_id, recipients=count(session, audience))
    session.add(announcement)
    session.flush()
    return announcement


def start_soon(announcement: Announcement) -> None:
    """Queue the start (at its scheduled time, if it has one); call after the commit."""
    if announcement.status == "scheduled" and announcement.scheduled_at is not None:
        start_announcement.schedule(args=(announcement.id,), eta=announcement.scheduled_at)
    else:
        start_announcement(announcement.id)


@jobs.queue.task()
def start_announcement(announcement_id: int) -> str:
    """Fix the recipients, then create and queue the batches (running twice is harmless)."""
    now = jobs.services().clock()
    with unit_of_work(jobs.services().sessions) as session:
        due = or_(Announcement.status == "queued",
                  and_(Announcement.status == "scheduled", Announcement.scheduled_at <= now))
        claimed = session.execute(update(Announcement).where(Announcement.id == announcement_id, due)
                                  .values(status="preparing").execution_options(synchronize_session=False))
        if claimed.rowcount:  # type: ignore[attr-defined]  # DML returns a CursorResult, typed Result
            announcement = session.get(Announcement, announcement_id)
            assert announcement is not None, "the UPDATE above just claimed this row"
            _fix_recipients(session, announcement)
    if claimed.rowcount:  # type: ignore[attr-defined]  # as above
        _refresh_statistics()
    return create_batches(announcement_id)


def _refresh_statistics() -> None:
    # PostgreSQL plans the batch lookups from table statistics; right after a bulk insert they still describe
    # the table before it, and every lookup would scan it whole.
    engine = jobs.services().engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("ANALYZE announcement_recipients"))
            connection.commit()


def _fix_recipients(session: Session, announcement: Announcement) -> None:
    """One recipient row per follower in the audience, numbered into batches, in a single statement."""
    audience = Audience.from_json(announcement.audience)
    batch = (func.row_number().over(order_by=LineUser.id) - 1) // BATCH_SIZE
    rows = select(literal(announcement.id), LineUser.line_user_id, batch, literal("pending")).where(
        *conditions(audience))
    session.execute(insert(AnnouncementRecipient).from_select(
        ["announcement_id", "line_user_id", "batch", "status"], rows))
    announcement.recipients = session.scalar(select(func.count()).select_from(AnnouncementRecipient).where(
        AnnouncementRecipient.announcement_id == announcement.id)) or 0


def create_batches(announcement_id: int) -> str:
    """A delivery (own retry key) for each batch still without one, committed and queued a few at a time."""
    while True:
        with unit_of_work(jobs.services().sessions) as session:
            announcement = session.get(Announcement, announcement_id, with_for_update=True)
            if announcement is None or announcement.status != "preparing":
                return announcement.status if announcement else "missing"
            batches = list(session.scalars(
                select(AnnouncementRecipient.batch).where(AnnouncementRecipient.announcement_id == announcement_id,
                                                          AnnouncementRecipient.delivery_id.is_(None))
                .distinct().order_by(AnnouncementRecipient.batch).limit(BATCHES_PER_TRANSACTION)))
            if not batches:
                announcement.status = "sending"
            else:
                messages = compose.announcement_messages(session, announcement)
                delivery_ids = [_batch_delivery(session, announcement_id, batch, messages) for batch in batches]
        if not batches:
            finish_if_done(announcement_id)
            return "sending"
        for delivery_id in delivery_ids:
            send_batch(delivery_id)


def _batch_delivery(session: Session, announcement_id: int, batch: int, messages: list[dict]) -> int:
    in_batch = and_(AnnouncementRecipient.announcement_id == announcement_id, AnnouncementRecipient.batch == batch)
    ids = list(session.scalars(select(AnnouncementRecipient.line_user_id).where(in_batch)
                               .order_by(AnnouncementRecipient.id)))
    delivery = Delivery(retry_key=str(uuid.uuid4()), purpose=PURPOSE, recipients=ids, messages=messages,
                        announcement_id=announcement_id)
    session.add(delivery)
    session.flush()
    session.execute(update(AnnouncementRecipient).where(in_batch).values(delivery_id=delivery.id)
                    .execution_options(synchronize_session=False))
    return delivery.id


@jobs.queue.task()
def send_batch(delivery_id: int, owner_attempts: int | None = None) -> str:
    """Send one batch with its retry key; retried with backoff on 5xx, 429 and timeouts, by a job of its own."""
    lease = utcnow() + timedelta(seconds=jobs.services().settings.line_timeout_seconds * 2 + 5)
    with unit_of_work(jobs.services().sessions) as session:
        if not _lease(session, delivery_id, owner_attempts, lease):
            return "skipped"
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None, "_lease just updated this row"
        announcement_id = delivery.announcement_id
        # Only create_batches, resume_stalled and the retry below queue this job, always for a batch.
        assert announcement_id is not None, "send_batch is given announcement batches only"
        if delivery.attempts == 1:
            _drop_unreachable(session, announcement_id, delivery)
        recipients = list(delivery.recipients)
        messages, key, attempts = list(delivery.messages), delivery.retry_key, delivery.attempts
        if not recipients:
            delivery.status, delivery.leased_until = "skipped", None
    if not recipients:
        finish_if_done(announcement_id)
        return "skipped"
    outcome, error = jobs.send_now(recipients, messages, key)
    if outcome == "retry" and attempts < MAX_ATTEMPTS:
        delay = retry_delay(attempts)
        with unit_of_work(jobs.services().sessions) as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None, "deliveries are never deleted"
            delivery.last_error, delivery.leased_until = error, utcnow() + timedelta(seconds=delay)
        send_batch.schedule(args=(delivery_id, attempts), delay=delay)
        return "retry"
    final = "failed" if outcome == "retry" else outcome
    with unit_of_work(jobs.services().sessions) as session:
        # The announcement row is locked first, so of two last batches finishing at once one sees the other done.
        announcement = session.get(Announcement, announcement_id, with_for_update=True)
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None, "deliveries are never deleted"
        delivery.status, delivery.last_error, delivery.leased_until = final, error, None
        delivery.sent_at = utcnow() if final == "sent" else None
        _mark(session, announcement_id, recipients, "sent" if final == "sent" else "failed")
        session.flush()
        _finish(session, announcement)
    return final


def _lease(session: Session, delivery_id: int, owner_attempts: int | None, until: datetime) -> bool:
    # The job scheduled by the previous attempt owns the delivery (its attempt count still matches); anyone
    # else (a resumed or duplicate job) may take it only when no lease is running.
    now = utcnow()
    free = or_(Delivery.leased_until.is_(None), Delivery.leased_until <= now)
    owner = free if owner_attempts is None else or_(free, Delivery.attempts == owner_attempts)
    claimed = session.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "pending",
                                                     owner)
                              .values(attempts=Delivery.attempts + 1, leased_until=until)
                              .execution_options(synchronize_session=False))
    return bool(claimed.rowcount)  # type: ignore[attr-defined]  # DML returns a CursorResult, typed Result


def _drop_unreachable(session: Session, announcement_id: int, delivery: Delivery) -> None:
    """Before the first attempt: leave out whoever blocked the account or unsubscribed since it was queued."""
    ids = list(delivery.recipients)
    announcement = session.get(Announcement, announcement_id)
    audience = Audience.from_json(announcement.audience if announcement else None)
    reachable = set(session.scalars(select(LineUser.line_user_id).where(LineUser.line_user_id.in_(ids),
                                                                        *reachable_now(audience))))
    dropped = [line_id for line_id in ids if line_id not in reachable]
    if dropped:
        _mark(session, announcement_id, dropped, "skipped")
        delivery.recipients = [line_id for line_id in ids if line_id in reachable]


def _mark(session: Session, announcement_id: int, line_ids: list[str], status: str) -> None:
    session.execute(update(AnnouncementRecipient).where(AnnouncementRecipient.announcement_id == announcement_id,
                                                        AnnouncementRecipient.line_user_id.in_(line_ids),
                                                        AnnouncementRecipient.status == "pending")
                    .values(status=status).execution_options(synchronize_session=False))


def retry_delay(attempts: int) -> float:
    """Seconds before the next attempt: doubling from the configured base, at most five minutes."""
    base = float(jobs.services().settings.extra.get("send_retry_delay", 2.0))
    return min(base * 2 ** (attempts - 1), MAX_RETRY_DELAY)


def finish_if_done(announcement_id: int | None) -> None:
    """Mark the announcement sent once no batch is pending."""
    if announcement_id is None:
        return
    with unit_of_work(jobs.services().sessions) as session:
        _finish(session, session.get(Announcement, announcement_id, with_for_update=True))


def _finish(session: Session, announcement: Announcement | None) -> None:
    if announcement is None or announcement.status != "sending":
        return
    pending = session.scalar(select(Delivery.id).where(Delivery.announcement_id == announcement.id,
                                                       Delivery.status == "pending").limit(1))
    if pending is None:
        announcement.status, announcement.sent_at = "sent", utcnow()


def start_due(now: datetime) -> int:
    """Start scheduled announcements whose time has come (a safety net for the job queued at scheduling)."""
    with unit_of_work(jobs.services().sessions) as session:
        ids = list(session.scalars(select(Announcement.id).where(Announcement.status == "scheduled",
                                                                 Announcement.scheduled_at <= now)))
    for announcement_id in ids:
        start_announcement(announcement_id)
    return len(ids)


def resume_stalled() -> datetime | None:
    """Carry on what crashed workers left: unstarted announcements, batches never created or never finished.

    Returns when the earliest running lease ends (worth looking again then), or None.
    """
    now = utcnow()
    with unit_of_work(jobs.services().sessions) as session:
        stuck = list(session.scalars(select(Announcement.id).where(
            or_(and_(Announcement.status == "queued", Announcement.created_at <= now - UNCLAIMED_GRACE),
                Announcement.status == "preparing"))))
        pending = and_(Delivery.announcement_id.is_not(None), Delivery.status == "pending")
        given_up = _give_up_expired_keys(session, pending, now)
        lapsed = or_(and_(Delivery.leased_until.is_(None), Delivery.created_at <= now - UNCLAIMED_GRACE),
                     Delivery.leased_until <= now)
        ids = list(session.scalars(select(Delivery.id).where(pending, lapsed).order_by(Delivery.id)))
        next_look = session.scalar(select(func.min(Delivery.leased_until)).where(pending,
                                                                                 Delivery.leased_until > now))
    for announcement_id in stuck:
        start_announcement(announcement_id)
    for announcement_id in given_up:
        finish_if_done(announcement_id)
    for delivery_id in ids:
        send_batch(delivery_id)
    if stuck or ids:
        log.info("resumed %d announcements and %d batches", len(stuck), len(ids))
    return next_look


def _give_up_expired_keys(session: Session, pending, now: datetime) -> set[int]:
    # Past the retry key's life a resend could reach people twice; such a batch is failed, never resent.
    old = list(session.scalars(select(Delivery).where(pending, Delivery.created_at <= now - KEY_LIFETIME)))
    given_up: set[int] = set()
    for delivery in old:
        assert delivery.announcement_id is not None, "`pending` selects announcement batches only"
        delivery.status, delivery.last_error = "failed", "not confirmed within the retry key's 24 hours"
        _mark(session, delivery.announcement_id, list(delivery.recipients), "failed")
        given_up.add(delivery.announcement_id)
    session.flush()
    return given_up


def stats(session: Session, announcement_id: int) -> dict[str, int]:
    """Recipients by outcome: pending, sent, failed, skipped; and the number of batches."""
    rows = session.execute(select(AnnouncementRecipient.status, func.count()).where(
        AnnouncementRecipient.announcement_id == announcement_id).group_by(AnnouncementRecipient.status)).all()
    counts = {"pending": 0, "sent": 0, "failed": 0, "skipped": 0} | {status: n for status, n in rows}
    counts["batches"] = int(session.scalar(select(func.count()).select_from(Delivery).where(
        Delivery.announcement_id == announcement_id)) or 0)
    return counts


def cancel(session: Session, announcement: Announcement) -> bool:
    """Withdraw an announcement that has not started; True if it was."""
    if announcement.status not in ("draft", "scheduled", "queued"):
        return False
    announcement.status = "cancelled"
    return True
