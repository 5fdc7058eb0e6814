"""Check-in at the door: scan the QR with the phone camera (or type the code), attendance recorded at once.

The page decodes in the browser when it can (BarcodeDetector); otherwise it posts camera frames to
`/scan`, decoded here with zxing-cpp. The QR itself holds /staff/checkin/<code>, so any phone camera app
also opens the right page. Any signed-in staff member may check people in.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.console.auth import login_required
from bot.console.web import db, services
from bot.dialogue.texts import thai_datetime
from bot.events import registrations as seats
from bot.events import staff_texts as say
from bot.events.cli import event_row
from storage.models import Event, Registration

blueprint = Blueprint("staff_door", __name__, url_prefix="/staff", template_folder="templates",
                      static_folder="static", static_url_path="/events/static")
MAX_FRAME_BYTES = 2 * 1024 * 1024


@blueprint.get("/events/<int:event_id>/checkin")
@login_required
def door(event_id: int):
    """The door page: camera, manual code entry, and the latest check-ins."""
    event = _event(event_id)
    recent = list(db().scalars(select(Registration).where(Registration.event_id == event.id,
                                                          Registration.checked_in_at.is_not(None))
                               .order_by(Registration.checked_in_at.desc()).limit(15)))
    return render_template("events/checkin.html", event=event, figures=event_row(db(), event), recent=recent,
                           shown_code=seats.shown_code, nameless=say.NAMELESS)


@blueprint.post("/events/<int:event_id>/checkin")
@login_required
def check_in(event_id: int):
    """Record attendance for a scanned or typed code; the result shows at the top of the door page."""
    event = _event(event_id)
    _record(event, request.form.get("code", ""))
    return redirect(url_for("staff_door.door", event_id=event.id))


@blueprint.post("/events/<int:event_id>/checkin/scan")
@login_required
def scan(event_id: int):
    """Decode one camera frame (JPEG or PNG); {"code": ...} or {"code": null} when no QR code is in it."""
    _event(event_id)
    frame = request.files.get("frame")
    data = frame.read(MAX_FRAME_BYTES + 1) if frame else b""
    if not data or len(data) > MAX_FRAME_BYTES:
        return jsonify(code=None), 400
    return jsonify(code=decode_qr(data))


@blueprint.get("/checkin/<code>")
@login_required
def ticket(code: str):
    """What a phone camera opens from the QR: who it is, and a button to check them in."""
    registration = _registration(code)
    return render_template("events/ticket.html", registration=registration, event=registration.event,
                           statuses=say.REGISTRATION_STATUS, shown_code=seats.shown_code, nameless=say.NAMELESS)


@blueprint.post("/checkin/<code>")
@login_required
def ticket_check_in(code: str):
    registration = _registration(code)
    _record(registration.event, registration.code)
    return redirect(url_for("staff_door.door", event_id=registration.event_id))


def decode_qr(data: bytes) -> str | None:
    """The code in a camera frame, if a QR code can be read in it."""
    import io

    import zxingcpp

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        return None
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image.convert("L"), formats=qr_only)
    return seats.normalise_code(found[0].text) if found else None


def _record(event: Event, typed: str) -> None:
    result = seats.check_in(db(), event.id, typed, services().clock())
    db().commit()
    registration = result.registration
    name = (registration.contact_name or registration.business_name or say.NAMELESS) if registration else ""
    if result.status == "checked_in":
        flash(say.CHECKED_IN.format(name=name, people=result.known_registration().people), "info")
    elif result.status == "already":
        checked_in_at = result.known_registration().checked_in_at
        assert checked_in_at is not None, "already: the check-in UPDATE found the time set"
        flash(say.ALREADY_CHECKED_IN.format(name=name, when=thai_datetime(checked_in_at)), "error")
    elif result.status == "other_event":
        flash(say.CODE_OTHER_EVENT.format(title=result.known_registration().event.title), "error")
    elif result.status == "called_off":
        stopped = result.known_registration().event
        flash((say.CODE_ON_HOLD if stopped.status == seats.DRAFT else say.CODE_CALLED_OFF).format(title=stopped.title),
              "error")
    elif result.status == "not_registered":
        status = result.known_registration().status
        flash(say.CODE_NOT_REGISTERED.format(status=say.REGISTRATION_STATUS.get(status)), "error")
    else:
        flash(say.CODE_NOT_FOUND.format(code=seats.normalise_code(typed) or "-"), "error")


def _event(event_id: int) -> Event:
    event = db().get(Event, event_id)
    if event is None:
        abort(404)
    return event


def _registration(code: str) -> Registration:
    query = (select(Registration).where(Registration.code == seats.normalise_code(code))
             .options(selectinload(Registration.event)))
    registration = db().scalar(query)
    if registration is None:
        abort(404)
    return registration
