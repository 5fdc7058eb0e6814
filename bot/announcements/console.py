"""Announcement pages of the staff console (admins): compose with a live count and quota check, send a test
to yourself, send now or schedule; the list; one announcement's reach, failures and registrations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from bot import jobs
from bot.announcements import sending
from bot.announcements.audience import Audience, batches_for, count
from bot.announcements.compose import announcement_messages, is_reminder
from bot.announcements.quota import QuotaCheck, check_quota
from bot.console.auth import admin_required, signed_in_staff
from bot.console.web import db, services
from bot.dialogue.texts import BANGKOK, SERVICE_NAMES
from bot.events import staff_texts as say
from bot.events.preferences import SECTOR_LABELS, TOPIC_LABELS
from intents.entities import SECTORS
from intents.provinces import all_provinces
from storage import repositories as repo
from storage.models import Announcement, Event, Registration, Staff

blueprint = Blueprint("staff_announcements", __name__, url_prefix="/staff/announcements",
                      template_folder="templates")
MAX_TEXT = 5000


@dataclass
class ComposeForm:
    """The compose form as typed, its audience, and what is wrong with it."""

    text: str = ""
    image_url: str = ""
    card: int | None = None
    audience: Audience = field(default_factory=Audience)
    schedule: str = ""
    force: bool = False
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> ComposeForm:
        official = {p.name for p in all_provinces()}
        event = args.get("event", "")
        audience = Audience(provinces=tuple(p for p in args.getlist("provinces") if p in official),
                            sectors=tuple(s for s in args.getlist("sectors") if s in SECTORS),
                            services=tuple(s for s in args.getlist("services") if s in TOPIC_LABELS),
                            event_id=int(event) if event.isdecimal() else None)
        card = args.get("card", "")
        return cls(text=(args.get("text") or "").strip(), image_url=(args.get("image_url") or "").strip(),
                   card=int(card) if card.isdecimal() else None, audience=audience,
                   schedule=(args.get("schedule") or "").strip(), force=args.get("force") == "1")

    def check(self, now: datetime) -> datetime | None:
        """Validate; returns the scheduled time (None: send now)."""
        if not self.text:
            self.errors.append(say.ANNOUNCEMENT_TEXT_REQUIRED)
        if len(self.text) > MAX_TEXT:
            self.errors.append(say.ANNOUNCEMENT_TOO_LONG)
        if self.image_url and not self.image_url.startswith("https://"):
            self.errors.append(say.BAD_IMAGE)
        when = _parse_local(self.schedule)
        if self.schedule and (when is None or when <= now):
            self.errors.append(say.ANNOUNCEMENT_SCHEDULE_PAST)
        return when


@blueprint.get("")
@admin_required
def announcements():
    """Every announcement, newest first, with its reach."""
    rows = list(db().scalars(select(Announcement).order_by(Announcement.id.desc()).limit(100)))
    figures = {a.id: sending.stats(db(), a.id) for a in rows}
    return render_template("announcements/list.html", rows=rows, figures=figures,
                           statuses=say.ANNOUNCEMENT_STATUS, describe=describe)


@blueprint.route("/new", methods=["GET", "POST"], endpoint="compose")
@admin_required
def compose_announcement():
    """Compose; the buttons preview the reach, send a test to yourself, or send (now or at a set time)."""
    form = ComposeForm.from_args(request.form if request.method == "POST" else request.args)
    action = request.form.get("action", "preview") if request.method == "POST" else "preview"
    now = services().clock()
    when = form.check(now) if request.method == "POST" else None
    reach = count(db(), form.audience)
    quota = check_quota(services().line, reach) if request.method == "POST" else None
    if request.method == "POST" and not form.errors:
        if action == "test":
            return _send_test(form, reach, quota)
        if action == "send":
            return _send(form, reach, quota, when)
    return _page(form, reach, quota, 400 if form.errors else 200)


def _send(form: ComposeForm, reach: int, quota: QuotaCheck, when: datetime | None):
    if reach == 0:
        form.errors.append(say.ANNOUNCEMENT_NOBODY)
        return _page(form, reach, quota, 400)
    if not quota.enough and not form.force:
        return _page(form, reach, quota, 409)
    announcement = sending.create(db(), text=form.text, audience=form.audience, now=services().clock(),
                                  image_url=form.image_url, event_id=form.card, staff_id=signed_in_staff().id,
                                  scheduled_at=when)
    db().commit()
    sending.start_soon(announcement)
    if when is not None:
        flash(say.ANNOUNCEMENT_SCHEDULED.format(n=reach, when=_thai(when)), "info")
    else:
        flash(say.ANNOUNCEMENT_QUEUED.format(n=reach), "info")
    return redirect(url_for("staff_announcements.show", announcement_id=announcement.id))


def _send_test(form: ComposeForm, reach: int, quota: QuotaCheck):
    staff = signed_in_staff()
    if not staff.line_user_id:
        flash(say.TEST_NEEDS_LINE, "error")
        return _page(form, reach, quota, 200)
    draft = Announcement(text=form.text, image_url=form.image_url or None, event_id=form.card, audience={})
    messages = announcement_messages(db(), draft)
    delivery_id = repo.new_delivery(db(), "announcement_test", [staff.line_user_id], messages).id
    db().commit()
    jobs.enqueue_deliveries([delivery_id])
    flash(say.TEST_SENT, "info")
    return _page(form, reach, quota, 200)


def _page(form: ComposeForm, reach: int, quota: QuotaCheck | None, status: int):
    events = list(db().scalars(select(Event).where(Event.starts_at > services().clock())
                               .order_by(Event.starts_at)))
    provinces = sorted(p.name for p in all_provinces())
    return render_template("announcements/compose.html", form=form, reach=reach, batches=batches_for(reach),
                           quota=quota, events=events, provinces=provinces, sectors=SECTOR_LABELS,
                           services=TOPIC_LABELS, quota_short=say.QUOTA_SHORT,
                           quota_unknown=say.QUOTA_UNKNOWN), status


@blueprint.get("/<int:announcement_id>")
@admin_required
def show(announcement_id: int):
    """One announcement: status, reached, failed, skipped, and the registrations it brought."""
    announcement = _announcement(announcement_id)
    registrations = list(db().scalars(select(Registration).where(Registration.announcement_id == announcement.id)
                                      .order_by(Registration.created_at)))
    author = db().get(Staff, announcement.created_by) if announcement.created_by else None
    people = db().scalar(select(func.coalesce(func.sum(Registration.people), 0)).where(
        Registration.announcement_id == announcement.id, Registration.status.in_(("registered", "offered"))))
    return render_template("announcements/detail.html", announcement=announcement, author=author,
                           figures=sending.stats(db(), announcement.id), registrations=registrations,
                           people=people, statuses=say.ANNOUNCEMENT_STATUS,
                           registration_statuses=say.REGISTRATION_STATUS, describe=describe,
                           is_reminder=is_reminder(announcement))


@blueprint.post("/<int:announcement_id>/cancel")
@admin_required
def cancel(announcement_id: int):
    """Withdraw an announcement that has not started."""
    announcement = db().get(Announcement, announcement_id, with_for_update=True)
    if announcement is None:
        abort(404)
    if sending.cancel(db(), announcement):
        db().commit()
        flash(say.ANNOUNCEMENT_CANCELLED, "info")
    else:
        flash(say.ANNOUNCEMENT_NOT_CANCELLABLE, "error")
    return redirect(url_for("staff_announcements.show", announcement_id=announcement_id))


def describe(audience_json: dict[str, Any]) -> str:
    """The audience in Thai, e.g. "จังหวัด เชียงใหม่ · คลัสเตอร์ อาหารแปรรูป"."""
    audience = Audience.from_json(audience_json)
    if audience.everyone:
        return "ผู้ติดตามทุกคนที่รับข่าวสาร"
    parts = []
    if audience.provinces:
        parts.append("จังหวัด " + ", ".join(audience.provinces))
    if audience.sectors:
        parts.append("คลัสเตอร์ " + ", ".join(SECTORS.get(s, s) for s in audience.sectors))
    if audience.services:
        parts.append("สนใจ " + ", ".join(SERVICE_NAMES.get(s, s) for s in audience.services))
    if audience.event_id:
        event = db().get(Event, audience.event_id)
        parts.append("ผู้ลงทะเบียน " + (event.title if event else f"กิจกรรม #{audience.event_id}"))
    return " · ".join(parts)


def _announcement(announcement_id: int) -> Announcement:
    announcement = db().get(Announcement, announcement_id)
    if announcement is None:
        abort(404)
    return announcement


def _parse_local(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text).replace(tzinfo=BANGKOK) if text else None
    except ValueError:
        return None


def _thai(moment: datetime) -> str:
    from bot.dialogue.texts import thai_datetime
    return thai_datetime(moment)


def init_app(app) -> None:
    """Register the announcement pages and their place in the console's navigation (admins only)."""
    from bot.console.web import register_nav

    app.register_blueprint(blueprint)
    register_nav("ประกาศ", "staff_announcements.announcements", admin_only=True, order=40)
