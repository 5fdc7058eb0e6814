"""`flask --app bot announce send`: an announcement to a segment of followers, from the command line."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

import intents
from bot.announcements import sending
from bot.announcements.audience import Audience, batches_for, count
from bot.announcements.quota import check_quota
from bot.events.cli import official_province, parse_moment, sector_code
from storage.database import unit_of_work
from storage.models import Announcement, Event

announce_group = AppGroup("announce", help="Announcements to followers (multicasts of at most 500).")


@announce_group.command("send")
@click.option("--text", required=True, help="The message (at most 5,000 characters).")
@click.option("--province", "provinces", multiple=True, help="Only followers in this province (repeatable).")
@click.option("--cluster", "sectors", multiple=True,
              help="Only this cluster sector, code or Thai name (repeatable).")
@click.option("--service", "services_", multiple=True, help="Only followers interested in this service label "
                                                            "(repeatable).")
@click.option("--event", "event_id", type=int, default=None, help="Only people registered for this event.")
@click.option("--card", "card_event_id", type=int, default=None, help="Attach this event's card with a "
                                                                      "register button.")
@click.option("--image-url", default=None, help="An https image to send after the text.")
@click.option("--schedule", default=None, help="Send later: ISO date-time, Bangkok unless a zone is given.")
@click.option("--dry-run", is_flag=True, help="Only count the recipients and batches.")
@click.option("--force", is_flag=True, help="Send even when the monthly quota is too small.")
def send(text: str, provinces, sectors, services_, event_id, card_event_id, image_url, schedule, dry_run,
         force) -> None:
    """Send to the matching active, subscribed followers (all of them without a filter); prints JSON."""
    services = current_app.extensions["frontdesk"]
    audience = _audience(provinces, sectors, services_, event_id)
    if not text.strip():
        raise click.BadParameter("the text is empty", param_hint="--text")
    with unit_of_work(services.sessions) as session:
        _check_events(session, event_id, card_event_id)
        recipients = count(session, audience)
    quota = check_quota(services.line, recipients)
    result = {"recipients": recipients, "batches": batches_for(recipients), "audience": audience.to_json(),
              "quota": quota.to_json(), "dry_run": dry_run}
    if not quota.enough:
        result["warning"] = f"this send needs {recipients} messages but only {quota.remaining} remain this month"
    if dry_run or (not quota.enough and not force):
        click.echo(json.dumps(result, ensure_ascii=False))
        if not dry_run:
            raise click.ClickException("not sent: the monthly quota is too small (use --force to send anyway)")
        return
    when = parse_moment(schedule, "--schedule") if schedule else None
    with unit_of_work(services.sessions) as session:
        announcement = sending.create(session, text=text.strip(), audience=audience, now=services.clock(),
                                      image_url=image_url, event_id=card_event_id, scheduled_at=when)
    sending.start_soon(announcement)
    click.echo(json.dumps(result | _progress(services, announcement.id), ensure_ascii=False))


def _audience(provinces, sectors, services_, event_id) -> Audience:
    unknown = [label for label in services_ if label not in intents.SERVICE_LABELS]
    if unknown:
        labels = ", ".join(intents.SERVICE_LABELS)
        raise click.BadParameter(f"unknown service label {unknown[0]!r}; one of {labels}",
                                 param_hint="--service")
    return Audience(provinces=tuple(dict.fromkeys(official_province(p) for p in provinces)),
                    sectors=tuple(dict.fromkeys(sector_code(s) for s in sectors)),
                    services=tuple(dict.fromkeys(services_)), event_id=event_id)


def _check_events(session, event_id: int | None, card_event_id: int | None) -> None:
    for checked in (event_id, card_event_id):
        if checked is not None and session.get(Event, checked) is None:
            raise click.BadParameter(f"no event with id {checked}", param_hint="--event / --card")
    card = session.get(Event, card_event_id) if card_event_id is not None else None
    if card is not None and card.status != "published":
        raise click.BadParameter(f"event {card_event_id} is {card.status}: there is nothing to register for",
                                 param_hint="--card")


def _progress(services, announcement_id: int) -> dict:
    with unit_of_work(services.sessions) as session:
        announcement = session.get(Announcement, announcement_id)
        assert announcement is not None, "announcements are never deleted"
        figures = sending.stats(session, announcement_id)
        return {"announcement": announcement_id, "status": announcement.status,
                "recipients": announcement.recipients, "batches": figures["batches"] or
                batches_for(announcement.recipients), "sent": figures["sent"], "failed": figures["failed"],
                "skipped": figures["skipped"],
                "scheduled_at": announcement.scheduled_at.isoformat() if announcement.scheduled_at else None}
