"""Figures for the dashboard, computed from the database for one period and one set of centres; no Flask."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from bot.console.web import short_centre_name
from bot.dialogue import texts
from bot.workdays import BANGKOK
from storage.models import AuditEntry, Centre, Message, ServiceRequest

FUNNEL = [("ยื่นคำขอ", 0), ("รับเรื่องแล้ว", 1), ("ดำเนินการ", 2), ("เสร็จสิ้น", 3)]
STAGE = {"new": 0, "accepted": 1, "in_progress": 2, "waiting": 2, "done": 3}
THAI_MONTHS = texts.THAI_MONTHS


@dataclass
class Dashboard:
    """Everything the dashboard shows; rows are (label, value) pairs ready to chart."""

    total: int = 0
    open: int = 0
    done: int = 0
    closed_other: int = 0
    by_service: list[tuple[str, int]] = field(default_factory=list)
    by_centre: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    funnel: list[tuple[str, int]] = field(default_factory=list)
    ratings: list[tuple[str, int]] = field(default_factory=list)
    average_rating: float | None = None
    rated: int = 0
    median_accept_seconds: float | None = None
    median_finish_seconds: float | None = None
    messages_in: int = 0
    fallbacks: int = 0
    contact_requests: int = 0
    console_conversations: int = 0
    users_writing: int = 0

    @property
    def fallback_rate(self) -> float | None:
        return self.fallbacks / self.messages_in if self.messages_in else None

    @property
    def handover_rate(self) -> float | None:
        return self.contact_requests / self.users_writing if self.users_writing else None


def month_starts(until: date, months: int) -> list[date]:
    """The first days of the last `months` months up to `until`'s month, oldest first."""
    year, month = until.year, until.month
    firsts = []
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(firsts))


def build(session: Session, centre_ids: list[int] | None, start: datetime, end: datetime,
          by_province: bool = False) -> Dashboard:
    """The dashboard for requests created in [start, end) at these centres (None: every centre)."""
    columns = (ServiceRequest.service, ServiceRequest.status, ServiceRequest.centre_id, ServiceRequest.province,
               ServiceRequest.created_at, ServiceRequest.accepted_at, ServiceRequest.closed_at,
               ServiceRequest.rating)
    query = select(*columns).where(ServiceRequest.created_at >= start, ServiceRequest.created_at < end)
    if centre_ids is not None:
        query = query.where(ServiceRequest.centre_id.in_(centre_ids))
    rows = session.execute(query).all()
    board = Dashboard(total=len(rows))
    board.open = sum(1 for r in rows if r.status in ("new", "accepted", "in_progress", "waiting"))
    board.done = sum(1 for r in rows if r.status == "done")
    board.closed_other = sum(1 for r in rows if r.status in ("rejected", "cancelled"))
    board.by_service = _ranked(Counter(texts.SERVICE_NAMES.get(r.service, r.service) for r in rows))
    board.by_centre = _ranked(_by_place(session, rows, by_province), limit=12)
    board.by_month = _per_month(rows, end)
    board.funnel = _funnel(rows)
    _ratings(board, rows)
    board.median_accept_seconds = _median([r.accepted_at - r.created_at for r in rows if r.accepted_at])
    board.median_finish_seconds = _median([r.closed_at - r.created_at for r in rows
                                           if r.closed_at and r.status == "done"])
    _bot_figures(session, board, centre_ids, start, end)
    return board


def _ranked(counts: Counter, limit: int | None = None) -> list[tuple[str, int]]:
    return counts.most_common(limit)


def _by_place(session: Session, rows, by_province: bool) -> Counter:
    if by_province:
        return Counter(r.province for r in rows)
    names = {centre_id: short_centre_name(name) for centre_id, name in session.execute(select(Centre.id, Centre.name))}
    return Counter(names.get(r.centre_id, "-") for r in rows)


def _per_month(rows, end: datetime) -> list[tuple[str, int]]:
    last_day = (end - timedelta(microseconds=1)).astimezone(BANGKOK).date()
    firsts = month_starts(last_day, 12)
    counts = Counter((r.created_at.astimezone(BANGKOK).year, r.created_at.astimezone(BANGKOK).month) for r in rows)
    return [(f"{THAI_MONTHS[d.month - 1]} {str(d.year + 543)[-2:]}", counts.get((d.year, d.month), 0))
            for d in firsts]


def _funnel(rows) -> list[tuple[str, int]]:
    reached = []
    for r in rows:
        if r.status in STAGE:
            reached.append(STAGE[r.status])
        else:  # rejected or cancelled: counted up to acceptance if it got that far
            reached.append(1 if r.accepted_at else 0)
    return [(label, sum(1 for stage in reached if stage >= level)) for label, level in FUNNEL]


def _ratings(board: Dashboard, rows) -> None:
    scores = [r.rating for r in rows if r.rating]
    counts = Counter(scores)
    board.ratings = [(f"{'★' * score} ({score})", counts.get(score, 0)) for score in (5, 4, 3, 2, 1)]
    board.rated = len(scores)
    board.average_rating = statistics.fmean(scores) if scores else None


def _median(spans) -> float | None:
    return statistics.median(span.total_seconds() for span in spans) if spans else None


def _bot_figures(session: Session, board: Dashboard, centre_ids: list[int] | None, start: datetime,
                 end: datetime) -> None:
    """How often the bot was unsure, and how often people asked for (or got) a human."""
    incoming = select(func.count()).select_from(Message).where(
        Message.direction == "in", Message.kind == "text", Message.created_at >= start, Message.created_at < end)
    board.messages_in = session.scalar(incoming) or 0
    board.fallbacks = session.scalar(incoming.where(Message.fallback.is_(True))) or 0
    board.users_writing = session.scalar(select(func.count(distinct(Message.user_id))).where(
        Message.direction == "in", Message.created_at >= start, Message.created_at < end)) or 0
    contact = select(func.count()).select_from(ServiceRequest).where(
        ServiceRequest.service == "contact_staff", ServiceRequest.created_at >= start,
        ServiceRequest.created_at < end)
    replies = select(func.count(distinct(AuditEntry.request_id))).join(
        ServiceRequest, ServiceRequest.id == AuditEntry.request_id).where(
        AuditEntry.action == "reply", AuditEntry.created_at >= start, AuditEntry.created_at < end)
    if centre_ids is not None:
        contact = contact.where(ServiceRequest.centre_id.in_(centre_ids))
        replies = replies.where(ServiceRequest.centre_id.in_(centre_ids))
    board.contact_requests = session.scalar(contact) or 0
    board.console_conversations = session.scalar(replies) or 0


def bangkok_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), BANGKOK)
