"""The request queue: filters, search, counts per status, paging, and CSV export of what is filtered."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for
from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import selectinload

from bot.console import attention, workflow
from bot.console import texts as console_texts
from bot.console.auth import login_required, scoped, signed_in_staff
from bot.console.request_page import shown_answers
from bot.console.web import db, services
from bot.dialogue import texts
from bot.dialogue.fields import request_phone
from bot.sla import is_overdue
from bot.workdays import BANGKOK
from storage.models import Centre, Province, ServiceRequest, Staff

blueprint = Blueprint("staff_queue", __name__, url_prefix="/staff")
PAGE_SIZE = 50
STATUS_FILTERS = {"open": "ยังไม่ปิด", "all": "ทั้งหมด"} | console_texts.STATUS_NAMES
SORTS = {"newest": "ใหม่สุดก่อน", "oldest": "เก่าสุดก่อน", "attention": "ที่ต้องดูแลก่อน"}
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class QueueFilter:
    """What the staff member asked to see; every field is a query-string parameter."""

    status: str = "open"
    service: str = ""
    centre: str = ""
    province: str = ""
    assignee: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    attention: str = ""  # "1": only the requests that need attention (bot.console.attention)
    sort: str = "newest"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueFilter:
        """Read the query string, dropping anything that is not a valid choice."""
        values: dict[str, Any] = {f.name: (args.get(f.name) or "").strip()[:100] for f in fields(cls)}
        values["status"] = values["status"] if values["status"] in STATUS_FILTERS else "open"
        values["service"] = values["service"] if values["service"] in texts.SERVICE_NAMES else ""
        values["sort"] = values["sort"] if values["sort"] in SORTS else "newest"
        values["attention"] = "1" if values["attention"] == "1" else ""
        values["page"] = max(1, int(values["page"])) if values["page"].isdecimal() else 1
        for name in ("date_from", "date_to"):
            values[name] = values[name] if _parse_date(values[name]) else ""
        return cls(**values)

    def url(self, endpoint: str = "staff_queue.queue", **changes: Any) -> str:
        """This filter with some fields changed, as a link (defaults left out)."""
        changed = replace(self, **changes)
        default = QueueFilter()
        params = {k: v for k, v in asdict(changed).items() if v != getattr(default, k)}
        return url_for(endpoint, **params)


def filtered(filter_: QueueFilter, with_status: bool = True) -> Select:
    """The select for the filtered queue, limited to what the signed-in staff member may see."""
    query = scoped(select(ServiceRequest))
    staff = signed_in_staff()
    if with_status and filter_.status == "open":
        query = query.where(ServiceRequest.status.in_(workflow.OPEN))
    elif with_status and filter_.status != "all":
        query = query.where(ServiceRequest.status == filter_.status)
    if filter_.service:
        query = query.where(ServiceRequest.service == filter_.service)
    if filter_.centre.isdecimal():
        query = query.where(ServiceRequest.centre_id == int(filter_.centre))
    if filter_.province:
        query = query.where(ServiceRequest.province == filter_.province)
    if filter_.assignee == "me":
        query = query.where(ServiceRequest.assignee_id == staff.id)
    elif filter_.assignee == "none":
        query = query.where(ServiceRequest.assignee_id.is_(None))
    elif filter_.assignee.isdecimal():
        query = query.where(ServiceRequest.assignee_id == int(filter_.assignee))
    # from_args has kept only valid dates.
    if filter_.date_from:
        start = _bangkok_midnight(date.fromisoformat(filter_.date_from))
        query = query.where(ServiceRequest.created_at >= start)
    if filter_.date_to:
        end = _bangkok_midnight(date.fromisoformat(filter_.date_to) + timedelta(days=1))
        query = query.where(ServiceRequest.created_at < end)
    if filter_.q:
        query = query.where(_search(filter_.q))
    if filter_.attention:
        query = query.where(attention.needs_attention())
    return query


def _order(filter_: QueueFilter) -> tuple[Any, ...]:
    """Newest or oldest first; "needs attention first" puts those ahead, the oldest of them first."""
    if filter_.sort == "oldest":
        return ServiceRequest.created_at.asc(), ServiceRequest.id.asc()
    if filter_.sort == "attention":
        return (case((attention.needs_attention(), 0), else_=1), ServiceRequest.created_at.asc(),
                ServiceRequest.id.asc())
    return ServiceRequest.created_at.desc(), ServiceRequest.id.desc()


def _search(words: str):
    """Reference, business, contact, phone (any way it was typed) or the words of the request."""
    pattern = f"%{words}%"
    conditions = [ServiceRequest.reference.ilike(pattern), ServiceRequest.business_name.ilike(pattern),
                  ServiceRequest.contact_name.ilike(pattern), ServiceRequest.details.ilike(pattern)]
    digits = re.sub(r"\D", "", words.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    if len(digits) >= 4:
        conditions.append(ServiceRequest.phone.like(f"%{digits}%"))
    if digits.startswith("66") and len(digits) >= 6:  # +66 89…: the number is stored as 089…
        conditions.append(ServiceRequest.phone.like(f"0{digits[2:]}%"))
    return or_(*conditions)


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _bangkok_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), BANGKOK)


def status_counts(filter_: QueueFilter) -> dict[str, int]:
    """How many requests each status has under the other filters (for the chips above the table)."""
    base = filtered(filter_, with_status=False).subquery()
    status_column: ColumnElement[str] = base.c.status  # a subquery's columns are untyped
    rows = db().execute(select(status_column, func.count()).group_by(status_column)).all()
    counts = {status: 0 for status in console_texts.STATUS_NAMES} | {status: n for status, n in rows}
    counts["open"] = sum(counts[s] for s in workflow.OPEN)
    counts["all"] = sum(n for s, n in counts.items() if s in console_texts.STATUS_NAMES)
    return counts


@blueprint.get("/requests")
@login_required
def queue():
    """The queue page."""
    filter_ = QueueFilter.from_args(request.args)
    query = filtered(filter_).options(selectinload(ServiceRequest.centre), selectinload(ServiceRequest.assignee))
    total = db().scalar(select(func.count()).select_from(filtered(filter_).subquery())) or 0
    needing = replace(filter_, attention="1", page=1)
    attention_total = db().scalar(select(func.count()).select_from(filtered(needing).subquery())) or 0
    rows = list(db().scalars(query.order_by(*_order(filter_)).offset((filter_.page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    now = services().clock()
    return render_template("console/queue.html", filter=filter_, rows=rows, total=total,
                           counts=status_counts(filter_), status_filters=STATUS_FILTERS, choices=_choices(),
                           overdue={r.id for r in rows if is_overdue(r, now)}, page_size=PAGE_SIZE,
                           attention=attention.reasons_for(db(), (r.id for r in rows)),
                           attention_names=console_texts.ATTENTION, sorts=SORTS,
                           attention_total=attention_total, attention_url=needing.url(sort="attention"),
                           service_names=texts.SERVICE_NAMES, status_names=console_texts.STATUS_NAMES)


def _choices() -> dict[str, list[tuple[str, str]]]:
    """Options for the filter drop-downs, limited to the staff member's centre."""
    staff = signed_in_staff()
    centres = db().scalars(scoped(select(Centre), Centre.id).order_by(Centre.kind != "itc", Centre.name))
    provinces = db().scalars(scoped(select(Province.name), Province.centre_id).order_by(Province.name))
    colleagues = db().scalars(scoped(select(Staff), Staff.centre_id).where(Staff.active.is_(True))
                              .order_by(Staff.name))
    return {"centres": [(str(c.id), c.name) for c in centres] if staff.is_admin else [],
            "provinces": [(p, p) for p in provinces],
            "assignees": [("me", "ของฉัน"), ("none", "ยังไม่มีผู้รับ")] + [(str(s.id), s.name) for s in colleagues],
            "services": list(texts.SERVICE_NAMES.items())}


@blueprint.get("/requests.csv")
@login_required
def export_csv():
    """The filtered queue as CSV: UTF-8 with a BOM so Excel shows Thai; formulas neutralised."""
    filter_ = QueueFilter.from_args(request.args)
    query = filtered(filter_).options(selectinload(ServiceRequest.centre), selectinload(ServiceRequest.assignee))
    rows = list(db().scalars(query.order_by(ServiceRequest.id.asc())))
    workflow.audit(db(), signed_in_staff(), "export_csv", None, f"{len(rows)} แถว", services().clock())
    db().commit()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(value) for value in csv_row(row)])
    stamp = services().clock().astimezone(BANGKOK).strftime("%Y%m%d-%H%M")
    return Response(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="itc-requests-{stamp}.csv"'})


CSV_COLUMNS = ["เลขที่", "บริการ", "สถานะ", "ศูนย์", "จังหวัด", "ชื่อกิจการ", "ผู้ติดต่อ", "โทรศัพท์",
               "รายละเอียด", "คำตอบ", "ผู้รับผิดชอบ", "ยื่นเมื่อ", "รับเรื่องเมื่อ", "ปิดเมื่อ", "เหตุผลที่ปิด",
               "คะแนน", "ยื่นเมื่อ (ISO)", "รับเรื่องเมื่อ (ISO)", "ปิดเมื่อ (ISO)"]


@dataclass(frozen=True)
class AsText:
    """A cell Excel must keep as typed: a phone's leading 0 or +66 would be lost to a number."""

    value: str


def csv_row(row: ServiceRequest) -> list[Any]:
    """One request as the console shows it (Thai names, the service's answers, Buddhist-era times), then its
    times again as a spreadsheet sorts and filters them."""
    answers = "\n".join(f"{label}: {value}" for label, value in shown_answers(row))
    return [row.reference, texts.SERVICE_NAMES.get(row.service, row.service),
            console_texts.STATUS_NAMES.get(row.status, row.status), row.centre.name, row.province, row.business_name,
            row.contact_name, AsText(request_phone(row)), row.details, answers,
            row.assignee.name if row.assignee else "", _when(row.created_at), _when(row.accepted_at),
            _when(row.closed_at), row.close_reason, row.rating or "", _sortable(row.created_at),
            _sortable(row.accepted_at), _sortable(row.closed_at)]


def _when(moment: datetime | None) -> str:
    return texts.thai_datetime(moment) if moment else ""


def _sortable(moment: datetime | None) -> str:
    """Bangkok time as 2026-11-23 04:15: Excel, LibreOffice and Google Sheets read it as a date and time, to sort,
    filter and subtract. Gregorian, not 2569-11-23: a spreadsheet would take that for the year 2569 AD, so sums
    against today's date would be 543 years out (the Thai column beside it is for reading)."""
    return moment.astimezone(BANGKOK).strftime("%Y-%m-%d %H:%M") if moment else ""


def _cell(value: Any) -> Any:
    if isinstance(value, AsText):
        # ="0812345678" is how a CSV tells Excel "this is text"; only digits (and a leading +) ever get it.
        return f'="{value.value}"' if re.fullmatch(r"\+?\d+", value.value) else _cell(value.value)
    # A cell starting with = + - @ would run as a formula in Excel: show it as text instead.
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return "" if value is None else value
