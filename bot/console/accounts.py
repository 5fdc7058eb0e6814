"""Staff accounts: my account (password, LINE link, the centre's LINE groups) and, for admins, all staff."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from bot.console import linking, texts, workflow
from bot.console.auth import (
    admin_required,
    forget_failures,
    locked_logins,
    login_required,
    may_see_centre,
    session_key,
    signed_in_staff,
)
from bot.console.web import db, services
from storage.models import Centre, Staff, StaffGroup

blueprint = Blueprint("staff_accounts", __name__, url_prefix="/staff")
MIN_PASSWORD = 8


@blueprint.get("/account")
@login_required
def account(link_code: str | None = None, group_code: str | None = None):
    """The signed-in staff member's page: password, LINE link, the centre's LINE groups."""
    staff = signed_in_staff()
    groups = list(db().scalars(select(StaffGroup).where(StaffGroup.centre_id == staff.centre_id,
                                                        StaffGroup.active.is_(True))))
    return render_template("console/account.html", staff=staff, groups=groups, link_code=link_code,
                           group_code=group_code, minutes=int(linking.CODE_LIFETIME.total_seconds() // 60))


@blueprint.post("/account/password")
@login_required
def change_password():
    staff = signed_in_staff()
    new = request.form.get("new_password", "")
    if not (staff.password_hash and check_password_hash(staff.password_hash, request.form.get("password", ""))
            and len(new) >= MIN_PASSWORD):
        flash(texts.PASSWORD_WRONG, "error")
        return redirect(url_for("staff_accounts.account"))
    staff.password_hash = generate_password_hash(new)
    db().commit()
    session["key"] = session_key(staff)  # keep this session; every other one is signed out
    flash(texts.PASSWORD_CHANGED, "info")
    return redirect(url_for("staff_accounts.account"))


@blueprint.post("/account/link-code")
@login_required
def link_code():
    """A one-time code to send to the bot in LINE, linking the staff member's LINE account."""
    code = linking.new_code(db(), services().clock(), staff=signed_in_staff())
    db().commit()
    return account(link_code=linking.shown(code))


@blueprint.post("/account/unlink")
@login_required
def unlink():
    signed_in_staff().line_user_id = None
    db().commit()
    flash(texts.LINE_UNLINKED, "info")
    return redirect(url_for("staff_accounts.account"))


@blueprint.post("/account/group-code")
@login_required
def group_code():
    """A one-time code to send in a LINE group (with the bot in it) so the group gets the centre's alerts."""
    code = linking.new_code(db(), services().clock(), centre_id=signed_in_staff().centre_id)
    db().commit()
    return account(group_code=linking.shown(code))


@blueprint.post("/groups/<int:group_id>/remove")
@login_required
def remove_group(group_id: int):
    group = db().get(StaffGroup, group_id)
    if group is None or not may_see_centre(group.centre_id):
        abort(404)
    group.active = False
    db().commit()
    flash(texts.GROUP_REMOVED, "info")
    return redirect(url_for("staff_accounts.account"))


@blueprint.get("/staff")
@admin_required
def staff_list():
    """Every staff account, and a form to add one (admins only)."""
    people = list(db().scalars(select(Staff).order_by(Staff.centre_id, Staff.name)))
    centres = list(db().scalars(select(Centre).order_by(Centre.kind != "itc", Centre.name)))
    return render_template("console/staff.html", people=people, centres=centres, minimum=MIN_PASSWORD,
                           locked=locked_logins(services().clock()))


@blueprint.post("/staff")
@admin_required
def create_staff():
    form = request.form
    name, login = form.get("name", "").strip()[:200], form.get("login", "").strip()[:100]
    centre = db().get(Centre, int(form["centre_id"])) if form.get("centre_id", "").isdecimal() else None
    password = form.get("password", "")
    if not (name and login and centre and len(password) >= MIN_PASSWORD) or " " in login:
        flash(texts.FIELDS_MISSING, "error")
        return redirect(url_for("staff_accounts.staff_list"))
    if db().scalar(select(Staff).where(Staff.login == login)):
        flash(texts.LOGIN_TAKEN.format(login=login), "error")
        return redirect(url_for("staff_accounts.staff_list"))
    staff = Staff(name=name, login=login, centre_id=centre.id, is_admin=form.get("is_admin") == "1",
                  password_hash=generate_password_hash(password))
    db().add(staff)
    workflow.audit(db(), signed_in_staff(), "create_staff", None, f"{name} ({login}) {centre.code}",
                   services().clock())
    db().commit()
    flash(texts.STAFF_CREATED.format(name=name, login=login), "info")
    return redirect(url_for("staff_accounts.staff_list"))


@blueprint.post("/staff/<int:staff_id>")
@admin_required
def update_staff(staff_id: int):
    """Activate/deactivate, make admin or not, or set a new password."""
    staff = db().get(Staff, staff_id)
    if staff is None:
        abort(404)
    form = request.form
    if form.get("active") in ("0", "1") and staff.id != signed_in_staff().id:
        staff.active = form["active"] == "1"
    if form.get("is_admin") in ("0", "1") and staff.id != signed_in_staff().id:
        staff.is_admin = form["is_admin"] == "1"
    if form.get("password"):
        if len(form["password"]) < MIN_PASSWORD:
            flash(texts.FIELDS_MISSING, "error")
            return redirect(url_for("staff_accounts.staff_list"))
        staff.password_hash = generate_password_hash(form["password"])
        forget_failures(staff.login)
    workflow.audit(db(), signed_in_staff(), "update_staff", None, staff.login, services().clock())
    db().commit()
    flash(texts.STAFF_UPDATED.format(name=staff.name), "info")
    return redirect(url_for("staff_accounts.staff_list"))


@blueprint.post("/staff/<int:staff_id>/unlock")
@admin_required
def unlock_staff(staff_id: int):
    """Let an officer locked out by wrong passwords sign in again now, without waiting out the lock."""
    staff = db().get(Staff, staff_id)
    if staff is None:
        abort(404)
    forget_failures(staff.login)
    workflow.audit(db(), signed_in_staff(), "unlock_staff", None, staff.login, services().clock())
    db().commit()
    flash(texts.STAFF_UNLOCKED.format(name=staff.name), "info")
    return redirect(url_for("staff_accounts.staff_list"))

