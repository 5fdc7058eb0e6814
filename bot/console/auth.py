"""Console login: hashed passwords, signed sessions, rate-limited attempts, and centre scoping.

Every console view is wrapped in `login_required` (or `admin_required`); every query for centre data goes
through `scoped(...)` or `visible_request(...)`, so a centre officer never reaches another centre's rows,
whatever URL they type (they get 404, which does not even confirm the row exists).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta
from functools import lru_cache, wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from bot.console import texts, web
from bot.console.web import db, services
from storage.models import LoginAttempt, ServiceRequest, Staff

blueprint = Blueprint("staff_auth", __name__, url_prefix="/staff")
View = TypeVar("View", bound=Callable[..., Any])

ATTEMPT_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_LOGIN = 5
MAX_FAILURES_PER_ADDRESS = 30
SESSION_LIFETIME = timedelta(hours=12)


def current_staff() -> Staff | None:
    """The signed-in staff member, or None (a deactivated account or changed password signs out)."""
    if "staff" not in g:
        g.staff = None
        staff_id = session.get("staff_id")
        if staff_id is not None:
            staff = db().get(Staff, staff_id)
            if staff is not None and staff.active and session.get("key") == session_key(staff):
                g.staff = staff
    return g.staff


def signed_in_staff() -> Staff:
    """The signed-in staff member, in a view behind `login_required` (which turned everyone else away)."""
    staff = current_staff()
    if staff is None:
        raise RuntimeError("signed_in_staff() called outside a login_required view")
    return staff


def login_required(view: View) -> View:
    """Send anyone not signed in to the login page, then back here."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_staff() is None:
            return sign_in_first()
        return view(*args, **kwargs)
    return wrapped  # type: ignore[return-value]


def sign_in_first():
    """To the login page, then back. A form sent after the session ended goes back to the page it was on
    (its own address answers only POST), and the login says the form was not saved."""
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("staff_auth.login", next=request.full_path.rstrip("?")))
    return redirect(url_for("staff_auth.login", next=_form_page(), unsaved="1"))


def _form_page() -> str:
    """The console page a form was sent from: the referrer when it is ours, else the request's page."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/staff") and referrer.path != "/staff/login":
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    found = re.match(r"/staff/requests/\d+", request.path)
    return found.group(0) if found else url_for("staff_auth.home")


@blueprint.app_errorhandler(CSRFError)
def _csrf_failed(error: CSRFError):
    """A form whose session ended (its token went with it): sign in, back to its page; otherwise the Thai 400."""
    if current_staff() is None and request.path.startswith("/staff") and request.path != url_for("staff_auth.login"):
        return sign_in_first()
    return web.error_page(error)


def admin_required(view: View) -> View:
    """Only admins (all centres, staff accounts, events, announcements); others get 403."""
    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not signed_in_staff().is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapped  # type: ignore[return-value]


def scoped(statement, centre_column=ServiceRequest.centre_id):
    """Limit a select to the signed-in staff member's centre (admins see every centre)."""
    staff = current_staff()
    return statement if staff.is_admin else statement.where(centre_column == staff.centre_id)


def may_see_centre(centre_id: int) -> bool:
    staff = current_staff()
    return staff is not None and (staff.is_admin or staff.centre_id == centre_id)


def visible_request(request_id: int, lock: bool = False) -> ServiceRequest:
    """The request if the signed-in staff member's centre owns it (or they are an admin), else 404."""
    found = db().get(ServiceRequest, request_id, with_for_update=lock)
    if found is None or not may_see_centre(found.centre_id):
        abort(404)
    return found


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with login and password; too many failures lock the login (and the address) for a while."""
    if request.method == "GET":
        return render_template("console/login.html", login="",
                               unsaved=texts.SIGNED_OUT_MID_FORM if request.args.get("unsaved") else None)
    login_name = request.form.get("login", "").strip()[:100]
    password = request.form.get("password", "")
    address = (request.remote_addr or "-")[:64]
    now = services().clock()
    if _too_many_failures(login_name, address, now):
        _record_attempt(login_name, address, False, now)
        flash(texts.LOGIN_LOCKED, "error")
        return render_template("console/login.html", login=login_name), 429
    staff = db().scalar(select(Staff).where(Staff.login == login_name))
    # An unknown login is checked against a dummy hash, so the answer's timing does not tell it apart.
    stored = staff.password_hash if staff is not None and staff.password_hash else _dummy_hash()
    ok = check_password_hash(stored, password) and staff is not None and staff.active and bool(staff.password_hash)
    _record_attempt(login_name, address, ok, now)
    if not ok:
        flash(texts.LOGIN_FAILED, "error")
        return render_template("console/login.html", login=login_name), 401
    staff.last_login_at = now
    db().commit()
    session.clear()  # a fresh session on sign-in, so nothing set before it survives
    session.permanent = True
    session.update(staff_id=staff.id, key=session_key(staff))
    if request.args.get("unsaved"):
        flash(texts.FORM_NOT_SAVED, "error")
    return redirect(_safe_next(request.args.get("next")))


@blueprint.post("/logout")
def logout():
    session.clear()
    flash(texts.LOGGED_OUT, "info")
    return redirect(url_for("staff_auth.login"))


@blueprint.get("/")
@login_required
def home():
    return redirect(url_for("staff_queue.queue"))


def _too_many_failures(login_name: str, address: str, now) -> bool:
    since = now - ATTEMPT_WINDOW
    failures = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.success.is_(False),
                                                                   LoginAttempt.created_at >= since)
    by_login = db().scalar(failures.where(LoginAttempt.login == login_name)) or 0
    by_address = db().scalar(failures.where(LoginAttempt.remote_addr == address)) or 0
    return by_login >= MAX_FAILURES_PER_LOGIN or by_address >= MAX_FAILURES_PER_ADDRESS


def locked_logins(now) -> set[str]:
    """The logins refused for now after too many wrong passwords (for the admin's staff page)."""
    failures = (select(LoginAttempt.login).where(LoginAttempt.success.is_(False),
                                                 LoginAttempt.created_at >= now - ATTEMPT_WINDOW)
                .group_by(LoginAttempt.login).having(func.count() >= MAX_FAILURES_PER_LOGIN))
    return set(db().scalars(failures))


def forget_failures(login_name: str) -> None:
    """Let a login in again at once: its failed attempts stop counting (the admin unlocked it, or set a new
    password, which whoever was guessing does not know)."""
    db().execute(delete(LoginAttempt).where(LoginAttempt.login == login_name, LoginAttempt.success.is_(False)))


def _record_attempt(login_name: str, address: str, success: bool, now) -> None:
    # Committed at once: the count is what every web worker reads to rate-limit.
    db().add(LoginAttempt(login=login_name, remote_addr=address, success=success, created_at=now))
    db().commit()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("not a password of anyone")


def session_key(staff: Staff) -> str:
    # Changes with the password, so a password change signs out every other session.
    return hashlib.sha256(f"{staff.id}:{staff.password_hash}".encode()).hexdigest()[:16]


def _safe_next(target: str | None) -> str:
    """Only a path inside the console: never an open redirect to another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/staff"):
            return target
    return url_for("staff_queue.queue")
