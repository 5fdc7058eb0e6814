"""Event jobs on the shared queue: the day-before reminder, and waiting-list offers that ran out of time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from huey import crontab
from sqlalchemy import select, update

from bot import jobs
from bot.announcements import sending
from bot.announcements.audience import Audience
from bot.announcements.compose import REMINDER
from bot.dialogue.texts import BANGKOK, thai_datetime
from bot.events import cards, notices, registrations, texts
from storage.database import unit_of_work
from storage.models import Announcement, Event

REMINDER_HOURS = (9, 20)  # Bangkok time: reminders go out in the daytime of the day before


@jobs.queue.periodic_task(crontab(minute="*/10"))
def remind_tomorrows_events() -> int:
    """Every ten minutes: remind everyone registered for tomorrow's events (once per event)."""
    return len(send_due_reminders(jobs.services().clock()))


@jobs.queue.periodic_task(crontab(minute="*"))
def pass_on_lapsed_offers() -> int:
    """Every minute: offers not confirmed in time pass to the next in line."""
    return expire_offers(jobs.services().clock())


def will_remind(event: Event, now: datetime) -> bool:
    """True when the day-before reminder of the event is still to go (registering the evening before is too late)."""
    local = now.astimezone(BANGKOK)
    eve = event.starts_at.astimezone(BANGKOK).date() - timedelta(days=1)
    return event.reminded_at is None and (eve > local.date() or eve == local.date() and local.hour < REMINDER_HOURS[1])


def send_due_reminders(now: datetime) -> list[int]:
    """Queue the reminder announcement of each event starting tomorrow (Bangkok) not yet reminded."""
    local = now.astimezone(BANGKOK)
    if not REMINDER_HOURS[0] <= local.hour < REMINDER_HOURS[1]:
        return []
    tomorrow = local.date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(0), BANGKOK)
    query = select(Event.id).where(Event.status == "published", Event.reminded_at.is_(None),
                                   Event.starts_at >= start, Event.starts_at < start + timedelta(days=1))
    started = []
    with unit_of_work(jobs.services().sessions) as session:
        event_ids = list(session.scalars(query))
    for event_id in event_ids:
        announcement = _reminder(event_id, now)
        if announcement is not None:
            sending.start_soon(announcement)
            started.append(announcement.id)
    return started


def _reminder(event_id: int, now: datetime) -> Announcement | None:
    # Claiming reminded_at in the same transaction as the announcement: two workers never both remind.
    with unit_of_work(jobs.services().sessions) as session:
        claimed = session.execute(update(Event).where(Event.id == event_id, Event.reminded_at.is_(None))
                                  .values(reminded_at=now).execution_options(synchronize_session=False))
        if not claimed.rowcount:  # type: ignore[attr-defined]  # DML returns a CursorResult, typed Result
            return None
        event = session.get(Event, event_id)
        assert event is not None, "the UPDATE above just claimed this row"
        text = texts.REMINDER.format(date=thai_datetime(event.starts_at), title=event.title, venue=cards.venue(event))
        audience = Audience(event_id=event.id, registration_statuses=("registered",))
        return sending.create(session, text=text, audience=audience, now=now, event_id=event.id,
                              purpose=REMINDER)


def expire_offers(now: datetime) -> int:
    """Lapse overdue offers, tell those people, and offer the seats to the next in line."""
    with unit_of_work(jobs.services().sessions) as session:
        lapsed, offers = registrations.lapsed_offers(session, now)
        ids = notices.queue_lapsed(session, lapsed) + notices.queue_offers(session, offers)
        for event in {registration.event for registration in lapsed}:
            ids += notices.queue_too_few(session, event, now)
    jobs.enqueue_deliveries(ids)
    return len(lapsed)
