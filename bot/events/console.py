"""Event pages of the staff console: the list, create and edit (admins), one event's registrations and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from bot import jobs
from bot.console.auth import admin_required, login_required
from bot.console.web import db, services
from bot.dialogue import fields
from bot.dialogue.texts import BANGKOK
from bot.events import changes, notices
from bot.events import registrations as seats
from bot.events import staff_texts as say
from bot.events.cli import event_row
from bot.events.preferences import SECTOR_LABELS
from intents.entities import SECTORS
from intents.provinces import all_provinces
from storage.models import Announcement, Event, Registration

blueprint = Blueprint("staff_events", __name__, url_prefix="/staff/events", template_folder="templates")
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class EventForm:
    """The event form as typed, and what is wrong with it (in Thai)."""

    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_event(cls, event: Event | None) -> EventForm:
        if event is None:
            return cls({"status": "published", "sectors": [], "provinces": [], "capacity": 100})
        return cls({"title": event.title, "description": event.description, "venue": event.venue,
                    "province": event.province, "image_url": event.image_url or "", "capacity": event.capacity,
                    "fee": "" if event.fee is None else event.fee,
                    "starts": _local_input(event.starts_at), "ends": _local_input(event.ends_at),
                    "deadline": _local_input(event.registration_deadline), "status": event.status,
                    "sectors": list(event.sectors or []), "provinces": list(event.provinces or [])})

    @classmethod
    def from_request(cls, form: MultiDict[str, str]) -> EventForm:
        get = lambda name: (form.get(name) or "").strip()
        names = ("title", "description", "venue", "province", "image_url", "capacity", "fee", "starts", "ends",
                 "deadline", "status")
        values: dict[str, Any] = {name: get(name) for name in names}
        values["sectors"] = [s for s in form.getlist("sectors") if s in SECTORS]
        official = {p.name for p in all_provinces()}
        values["provinces"] = [p for p in form.getlist("provinces") if p in official]
        checked = cls(values)
        checked._check(official)
        return checked

    def _check(self, official: set[str]) -> None:
        v, errors = self.values, self.errors
        if not v["title"]:
            errors.append(say.FIELD_REQUIRED.format(field="ชื่อกิจกรรม"))
        if v["province"] not in official:
            errors.append(say.BAD_PROVINCE)
        if not v["capacity"].isdecimal() or int(v["capacity"]) < 1:
            errors.append(say.BAD_CAPACITY)
        if v["fee"] and not v["fee"].isdecimal():
            errors.append(say.BAD_FEE)
        if v["image_url"] and not v["image_url"].startswith("https://"):
            errors.append(say.BAD_IMAGE)
        if v["status"] not in say.EVENT_STATUS:
            v["status"] = "published"
        moments = {name: _parse_local(v[name]) for name in ("starts", "ends", "deadline")}
        for name, label in (("starts", "วันเวลาเริ่ม"), ("ends", "วันเวลาจบ"), ("deadline", "วันปิดรับลงทะเบียน")):
            if (v[name] or name == "starts") and moments[name] is None:
                errors.append(say.BAD_DATETIME.format(field=label))
        if moments["starts"] and moments["ends"] and moments["ends"] <= moments["starts"]:
            errors.append(say.ENDS_BEFORE_START)
        if moments["starts"] and moments["deadline"] and moments["deadline"] > moments["starts"]:
            errors.append(say.DEADLINE_AFTER_START)
        self.moments = moments

    def apply(self, event: Event) -> None:
        v = self.values
        starts = self.moments["starts"]
        assert starts is not None, "only a form without errors is applied, and _check requires a start"
        event.title, event.description, event.venue = v["title"][:300], v["description"], v["venue"][:300]
        event.province, event.image_url, event.capacity = v["province"], v["image_url"] or None, int(v["capacity"])
        event.fee = int(v["fee"]) if v["fee"] else None
        event.starts_at, event.ends_at = starts, self.moments["ends"]
        event.registration_deadline, event.status = self.moments["deadline"], v["status"]
        event.sectors, event.provinces = list(v["sectors"]), list(v["provinces"])


@blueprint.get("")
@login_required
def events():
    """Upcoming events (or all of them) with seats, waiting list and check-ins."""
    everything = request.args.get("all") == "1"
    query = select(Event).order_by(Event.starts_at.desc() if everything else Event.starts_at)
    if not everything:
        query = query.where(Event.starts_at > services().clock())
    rows = [event_row(db(), event) | {"starts": event.starts_at} for event in db().scalars(query)]
    return render_template("events/list.html", rows=rows, everything=everything, statuses=say.EVENT_STATUS)


@blueprint.route("/new", methods=["GET", "POST"])
@admin_required
def create():
    return _edit(None)


@blueprint.route("/<int:event_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(event_id: int):
    return _edit(_event(event_id))


def _edit(event: Event | None):
    """Show the form; on a valid post save the event, and offer any new seats to the waiting list."""
    if request.method == "GET":
        return _form(EventForm.from_event(event), event)
    form = EventForm.from_request(request.form)
    if not form.errors:
        duplicate = db().scalar(select(Event.id).where(Event.title == form.values["title"],
                                                       Event.starts_at == form.moments["starts"]))
        if duplicate is not None and (event is None or duplicate != event.id):
            form.errors.append(say.EVENT_DUPLICATE)
    if form.errors:
        return _form(form, event), 400
    before = changes.Before.of(event) if event else None
    event = event or Event()
    form.apply(event)
    db().add(event)
    db().flush()
    locked = seats.locked_event(db(), event.id)
    assert locked is not None, "the event was flushed just above"
    offers = seats.offer_freed_seats(db(), locked, services().clock())
    told = changes.tell_registered(db(), locked, before, services().clock())
    pushes = notices.queue_offers(db(), offers) + told
    db().commit()
    jobs.enqueue_deliveries(pushes)
    flash(say.EVENT_SAVED.format(title=event.title), "info")
    if offers:
        flash(say.EVENT_SEATS_OFFERED.format(n=len(offers)), "info")
    if told:
        told_what = {seats.CALLED_OFF: say.EVENT_CALLED_OFF_TOLD, seats.DRAFT: say.EVENT_ON_HOLD_TOLD}
        flash(told_what.get(event.status, say.EVENT_CHANGE_TOLD), "info")
    return redirect(url_for("staff_events.show", event_id=event.id))


def _form(form: EventForm, event: Event | None):
    provinces = sorted(p.name for p in all_provinces())
    return render_template("events/form.html", form=form, event=event, provinces=provinces,
                           sectors=SECTOR_LABELS, statuses=say.EVENT_STATUS)


@blueprint.get("/<int:event_id>")
@login_required
def show(event_id: int):
    """One event: figures, registrations, the waiting list in order, check-ins."""
    event = _event(event_id)
    rows = _registrations(event.id)
    waiting = sorted((r for r in rows if r.status == "waiting"), key=lambda r: (r.created_at, r.id))
    titles = dict(db().execute(select(Announcement.id, Announcement.text).where(
        Announcement.id.in_({r.announcement_id for r in rows if r.announcement_id}))).all())
    return render_template("events/detail.html", event=event, figures=event_row(db(), event),
                           seated=[r for r in rows if r.status in seats.HOLDING_SEATS], waiting=waiting,
                           others=[r for r in rows if r.status not in seats.ACTIVE], announcements=titles,
                           statuses=say.REGISTRATION_STATUS, event_statuses=say.EVENT_STATUS,
                           sector_names=[SECTORS[s] for s in event.sectors or [] if s in SECTORS],
                           shown_code=seats.shown_code)


@blueprint.get("/<int:event_id>/registrations.csv")
@login_required
def export_csv(event_id: int):
    """Registrations as CSV for Excel (UTF-8 with BOM); cells that would run as formulas are neutralised."""
    event = _event(event_id)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["รหัสเช็กอิน", "สถานะ", "จำนวนคน", "ผู้ติดต่อ", "ชื่อกิจการ", "โทรศัพท์", "ลงทะเบียนเมื่อ",
                     "เช็กอินเมื่อ", "จากประกาศ"])
    for r in _registrations(event.id):
        writer.writerow([_cell(v) for v in (
            seats.shown_code(r.code), say.REGISTRATION_STATUS.get(r.status, r.status), r.people, r.contact_name,
            r.business_name, r.phone and fields.PHONE.show(r.phone), _local(r.created_at),
            _local(r.checked_in_at), r.announcement_id or "")])
    return Response(out.getvalue().encode("utf-8"), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="event-{event.id}-registrations.csv"'})


@blueprint.post("/<int:event_id>/registrations/<int:registration_id>/cancel")
@admin_required
def cancel_registration(event_id: int, registration_id: int):
    """Staff cancel a seat (a phone call to the centre); the freed seat goes to the waiting list."""
    registration = db().get(Registration, registration_id)
    if registration is None or registration.event_id != event_id or registration.user is None:
        abort(404)
    outcome = seats.cancel(db(), event_id, registration.user, services().clock())
    pushes = notices.queue_offers(db(), outcome.offers) + notices.queue_too_few(db(), registration.event,
                                                                                  services().clock())
    db().commit()
    jobs.enqueue_deliveries(pushes)
    flash(say.REGISTRATION_CANCELLED.format(name=registration.contact_name or say.NAMELESS), "info")
    return redirect(url_for("staff_events.show", event_id=event_id))


def _event(event_id: int) -> Event:
    event = db().get(Event, event_id)
    if event is None:
        abort(404)
    return event


def _registrations(event_id: int) -> list[Registration]:
    query = (select(Registration).where(Registration.event_id == event_id).order_by(Registration.created_at)
             .options(selectinload(Registration.user)))
    return list(db().scalars(query))


def _parse_local(text: str) -> datetime | None:
    """A datetime-local input (Bangkok time) as an aware datetime."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=BANGKOK) if text else None
    except ValueError:
        return None


def _local_input(moment: datetime | None) -> str:
    return moment.astimezone(BANGKOK).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _local(moment: datetime | None) -> str:
    return moment.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M") if moment else ""


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value if value is not None else ""


def init_app(app) -> None:
    """Register the event pages and their place in the console's navigation."""
    from bot.console.web import register_nav

    app.register_blueprint(blueprint)
    register_nav("กิจกรรม", "staff_events.events", order=30)
