"""What every console page shares: the per-request database session, the nav, Thai date filters, CSRF."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from bot.console import taps
from bot.dialogue import fields, texts

if TYPE_CHECKING:
    from bot.services import Services

CONSOLE_PREFIX = "/staff"
csrf = CSRFProtect()
# Templates (console/*.html) and static files (/staff/static/...) of the console and of blueprints plugging in.
assets = Blueprint("console", __name__, url_prefix=CONSOLE_PREFIX, template_folder="templates",
                   static_folder="static")


@dataclass(frozen=True)
class NavEntry:
    label: str
    endpoint: str
    admin_only: bool = False
    order: int = 50


NAV: list[NavEntry] = []


def register_nav(label: str, endpoint: str, admin_only: bool = False, order: int = 50) -> None:
    """Add a link to the console's top navigation (once per endpoint)."""
    if all(entry.endpoint != endpoint for entry in NAV):
        NAV.append(NavEntry(label, endpoint, admin_only, order))
        NAV.sort(key=lambda entry: entry.order)


def services() -> Services:
    return current_app.extensions["frontdesk"]


def db() -> Session:
    """This request's database session; views commit it themselves, it is closed after the request."""
    if "console_session" not in g:
        g.console_session = services().sessions()
    return g.console_session


def init_web(app: Flask) -> None:
    """CSRF on every /staff form (and only there), session cookie hardening, filters, session teardown."""
    # The webhook, /healthz and the simulator take posts without a form token; only the console checks.
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", 12 * 3600)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=services_of(app).settings.public_base_url.startswith("https"))
    csrf.init_app(app)
    app.register_blueprint(assets)
    app.before_request(_protect_console_forms)
    app.teardown_appcontext(_close_session)
    app.add_template_filter(thai_datetime, "thai_datetime")
    app.add_template_filter(thai_date, "thai_date")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(taps.tapped_label, "tapped")
    app.add_template_filter(short_centre_name, "short_centre")
    app.add_template_filter(fields.request_phone, "phone")
    app.add_template_filter(fields.PHONE.show, "phone_as_given")  # a registrant's: "LINE" is ทาง LINE (...)
    app.jinja_env.globals["console_nav"] = NAV  # a list, not a function: add_template_global is for functions
    for status in ERROR_PAGES:
        app.register_error_handler(status, error_page)


def services_of(app: Flask) -> Services:
    return app.extensions["frontdesk"]


def _protect_console_forms() -> None:
    if request.path.startswith(CONSOLE_PREFIX) and request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


ERROR_PAGES = {
    403: ("ไม่มีสิทธิ์เข้าถึง", "หน้านี้สำหรับผู้ดูแลระบบค่ะ"),
    404: ("ไม่พบหน้านี้", "ไม่พบรายการนี้ หรือรายการนี้ไม่ได้อยู่ในศูนย์ของท่านค่ะ"),
    400: ("คำขอไม่ถูกต้อง", "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง กรุณาโหลดหน้าใหม่แล้วลองอีกครั้งค่ะ"),
}


def error_page(error):
    """Thai error pages inside the console; everything else keeps Flask's plain answers."""
    status = getattr(error, "code", 500)
    if not request.path.startswith(CONSOLE_PREFIX) or status not in ERROR_PAGES:
        return error
    title, message = ERROR_PAGES[status]
    return render_template("console/error.html", title=title, message=message), status


def _close_session(_error: BaseException | None) -> None:
    session = g.pop("console_session", None)
    if session is not None:
        session.close()


def thai_datetime(moment: datetime | None) -> str:
    return texts.thai_datetime(moment) if moment else "-"


def thai_date(moment: datetime | None) -> str:
    return texts.thai_date(moment) if moment else "-"


def short_centre_name(name: str) -> str:
    """A centre's name short enough for a table cell or a chart label: ภาคที่ 1 เชียงใหม่, ITC กล้วยน้ำไท."""
    regional = re.search(r"ภาคที่\s*(\d+)\s*\((?:ITC\s*)?(?:ดีพร้อม\s*)?([^)]+)\)", name)
    if regional:
        return f"ภาคที่ {regional.group(1)} {regional.group(2).strip()}"
    if name.startswith("ศูนย์ปฏิรูปอุตสาหกรรมแห่งอนาคต"):
        return "ITC " + name.split()[-1]
    return name


def duration(seconds: float | None) -> str:
    """A span of time in Thai: 45 นาที, 3.5 ชม., 2.1 วัน."""
    if seconds is None:
        return "-"
    minutes = seconds / 60
    if minutes < 60:
        return f"{minutes:.0f} นาที"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} ชม."
    return f"{minutes / 1440:.1f} วัน"
