"""Operators' shortcuts to what the console does: `flask --app bot events add | list | cancel | checkin | remind`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from bot import jobs
from bot.dialogue.texts import BANGKOK
from bot.events import changes
from bot.events import registrations as seats
from intents.entities import SECTORS, parse_sector
from intents.provinces import find_province
from storage.database import unit_of_work
from storage.models import Event, Registration

events_group = AppGroup("events", help="Events (CLUSTER DAY, trainings, fairs) and their registrations.")


def _services():
    return current_app.extensions["frontdesk"]


def parse_moment(text: str, name: str = "time") -> datetime:
    """An ISO 8601 date-time; without a zone it is Bangkok time (stored as UTC)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an ISO date-time such as 2026-12-20T09:00", param_hint=name)
    return moment.replace(tzinfo=BANGKOK) if moment.tzinfo is None else moment


def official_province(text: str) -> str:
    """The official Thai name of a province given by any alias (โคราช, Chiang Mai, จ.ลำปาง)."""
    province = find_province(text)
    if province is None:
        raise click.BadParameter(f"no province called {text!r}", param_hint="--province")
    return province.name


def sector_code(text: str) -> str:
    """A cluster sector code (processed_food) from its code or Thai name."""
    code = text.strip() if text.strip() in SECTORS else parse_sector(text)
    if code is None:
        raise click.BadParameter(f"{text!r} is not one of {', '.join(SECTORS)}", param_hint="--cluster")
    return code


@events_group.command("add")
@click.option("--title", required=True)
@click.option("--starts", required=True, help="ISO date-time; Bangkok time unless a zone is given.")
@click.option("--province", required=True, help="Where it takes place (any spelling of a province).")
@click.option("--capacity", required=True, type=click.IntRange(1, 1_000_000), help="Seats.")
@click.option("--venue", default="")
@click.option("--description", default="")
@click.option("--ends", default=None, help="ISO date-time.")
@click.option("--deadline", default=None, help="Registration deadline, ISO date-time.")
@click.option("--image-url", default=None, help="https image shown on the event card.")
@click.option("--sector", "sectors", multiple=True, help="Cluster sector it is for (repeatable).")
@click.option("--for-province", "provinces", multiple=True, help="Province it is for (repeatable).")
@click.option("--fee", type=click.IntRange(0, 1_000_000), default=None,
              help="Fee per person in baht (0: free); left out, the fee is not stated.")
@click.option("--draft", is_flag=True, help="Save without showing it to followers yet.")
def add_event(title: str, starts: str, province: str, capacity: int, venue: str, description: str,
              ends: str | None, deadline: str | None, image_url: str | None, sectors: tuple[str, ...],
              provinces: tuple[str, ...], fee: int | None, draft: bool) -> None:
    """Create an event; prints it as JSON."""
    event = Event(title=title.strip(), starts_at=parse_moment(starts, "--starts"),
                  province=official_province(province), capacity=capacity, fee=fee, venue=venue,
                  description=description,
                  ends_at=parse_moment(ends, "--ends") if ends else None,
                  registration_deadline=parse_moment(deadline, "--deadline") if deadline else None,
                  image_url=image_url, sectors=[sector_code(s) for s in sectors],
                  provinces=[official_province(p) for p in provinces], status="draft" if draft else "published")
    with unit_of_work(_services().sessions) as session:
        if session.scalar(select(Event.id).where(Event.title == event.title, Event.starts_at == event.starts_at)):
            raise click.ClickException("an event with this title and start time already exists")
        session.add(event)
        session.flush()
        click.echo(json.dumps(event_row(session, event), ensure_ascii=False))


@events_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--all", "everything", is_flag=True, help="Past and draft events too.")
def list_events(as_json: bool, everything: bool) -> None:
    """Upcoming events with their registrations, soonest first."""
    services = _services()
    query = select(Event).order_by(Event.starts_at)
    if not everything:
        query = query.where(Event.starts_at > services.clock(), Event.status != "cancelled")
    with unit_of_work(services.sessions) as session:
        for event in session.scalars(query):
            row = event_row(session, event)
            click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                       f"{row['id']:>4}  {row['starts_at'][:16]}  {row['registered']:>4}/{row['capacity']:<5} "
                       f"waiting {row['waiting']:<4} {row['title']}")


@events_group.command("cancel")
@click.argument("event_id", type=int)
def cancel_event(event_id: int) -> None:
    """Call off an event (as the console's form does): everyone registered or waiting is told on LINE."""
    services = _services()
    with unit_of_work(services.sessions) as session:
        event = seats.locked_event(session, event_id)
        if event is None:
            raise click.ClickException(f"no event {event_id}")
        before = changes.Before.of(event)
        event.status = seats.CALLED_OFF
        told = changes.tell_registered(session, event, before, services.clock())
    jobs.enqueue_deliveries(told)
    click.echo(json.dumps({"id": event_id, "status": seats.CALLED_OFF, "deliveries": len(told)}))


@events_group.command("checkin")
@click.argument("event_id", type=int)
@click.argument("code")
def checkin(event_id: int, code: str) -> None:
    """Check in the registration with this code (as the door page does)."""
    services = _services()
    with unit_of_work(services.sessions) as session:
        result = seats.check_in(session, event_id, code, services.clock())
        name = result.registration.contact_name if result.registration else None
        click.echo(json.dumps({"status": result.status, "contact_name": name}, ensure_ascii=False))
    if result.status not in ("checked_in", "already"):
        raise SystemExit(1)


@events_group.command("remind")
def remind() -> None:
    """Send the day-before reminders that are due now (the worker does this every ten minutes)."""
    from bot.events.jobs import send_due_reminders
    click.echo(json.dumps({"reminders": send_due_reminders(_services().clock())}))


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, as stored."""
    return moment.astimezone(UTC).isoformat() if moment else None


def event_row(session, event: Event) -> dict[str, Any]:
    """An event and its figures, as `events list --json` prints it."""
    people = dict(session.execute(select(Registration.status, func.sum(Registration.people)).where(
        Registration.event_id == event.id).group_by(Registration.status)).all())
    checked_in = session.scalar(select(func.coalesce(func.sum(Registration.people), 0)).where(
        Registration.event_id == event.id, Registration.checked_in_at.is_not(None))) or 0
    return {
        "id": event.id, "title": event.title, "status": event.status,
        "starts_at": _iso(event.starts_at), "ends_at": _iso(event.ends_at),
        "province": event.province, "venue": event.venue, "capacity": event.capacity, "fee": event.fee,
        "registration_deadline": _iso(event.registration_deadline),
        "sectors": list(event.sectors or []), "provinces": list(event.provinces or []),
        "image_url": event.image_url,
        "registered": int(people.get("registered") or 0), "offered": int(people.get("offered") or 0),
        "waiting": int(people.get("waiting") or 0), "checked_in": int(checked_in),
        "seats_left": seats.seats_left(session, event),
    }
