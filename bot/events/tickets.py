"""Check-in tickets: a QR code that holds the staff check-in link, served as a PNG for LINE image messages."""

from __future__ import annotations

import io

import segno
from flask import Blueprint, Response, abort, current_app
from sqlalchemy import select

from bot.events.registrations import normalise_code
from storage.models import Registration

blueprint = Blueprint("event_tickets", __name__)


def checkin_url(public_base_url: str, code: str) -> str:
    """What the QR code holds: scanned by any phone camera it opens the console's check-in page."""
    return f"{public_base_url.rstrip('/')}/staff/checkin/{code}"


def image_url(public_base_url: str, code: str) -> str | None:
    """The ticket image's URL, or None when LINE could not fetch it (LINE requires https)."""
    if not public_base_url.startswith("https://"):
        return None
    return f"{public_base_url.rstrip('/')}/tickets/{code}.png"


def qr_png(content: str, scale: int = 10) -> bytes:
    """A PNG of a QR code (medium error correction survives a scratched phone screen)."""
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@blueprint.get("/tickets/<code>.png")
def ticket_png(code: str):
    """The QR image of one registration; unknown codes are 404 (codes are random, not enumerable)."""
    services = current_app.extensions["frontdesk"]
    code = normalise_code(code)
    with services.sessions() as session:
        if session.scalar(select(Registration.id).where(Registration.code == code)) is None:
            abort(404)
    png = qr_png(checkin_url(services.settings.public_base_url, code))
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=86400"})
