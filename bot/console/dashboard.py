"""The dashboard: requests per service, centre and month, time to accept and finish, funnel, ratings, bot."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, render_template, request
from sqlalchemy import select

from bot.console import stats
from bot.console.auth import login_required, signed_in_staff
from bot.console.web import db, services
from bot.workdays import BANGKOK, load_calendar
from storage.models import Centre

blueprint = Blueprint("staff_dashboard", __name__, url_prefix="/staff")


@blueprint.get("/dashboard")
@login_required
def dashboard():
    """Figures for the last 12 months (or the dates asked for), for the staff member's centre or all."""
    staff = signed_in_staff()
    today = services().clock().astimezone(BANGKOK).date()
    first = stats.month_starts(today, 12)[0]
    start_day = _date(request.args.get("date_from")) or first
    end_day = _date(request.args.get("date_to")) or today
    centre_ids, centre_id = _centres(staff)
    board = stats.build(db(), centre_ids, stats.bangkok_day_start(start_day),
                        stats.bangkok_day_start(end_day + timedelta(days=1)),
                        by_province=centre_ids is not None and len(centre_ids) == 1)
    centres = list(db().scalars(select(Centre).order_by(Centre.kind != "itc", Centre.name))) if staff.is_admin else []
    return render_template("console/dashboard.html", board=board, start=start_day, end=end_day,
                           centres=centres, centre_id=centre_id, holidays_missing=not load_calendar().covers(today.year),
                           year_be=today.year + 543)


def _centres(staff) -> tuple[list[int] | None, str]:
    """Which centres to count: one's own; an admin picks one or sees all."""
    if not staff.is_admin:
        return [staff.centre_id], str(staff.centre_id)
    wanted = request.args.get("centre", "")
    return ([int(wanted)], wanted) if wanted.isdecimal() else (None, "")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
