"""The LINE cards that tell a centre's staff about a request: new, reminder (not accepted in time), escalation."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.console import texts as staff_texts
from bot.dialogue import fields, flows, texts
from bot.line.outbound import Choose, Flex, OpenLink, action_json, to_line_messages
from storage import repositories as repo
from storage.models import AuditEntry, Delivery, LineUser, Message, ServiceRequest, Staff

log = logging.getLogger(__name__)

# While a staff member talks with a user from the console, the user's messages ping them on LINE at most this often.
HANDOVER_PING_GAP = timedelta(minutes=5)
PING_PREVIEW = 300
STAFF_LINE = "staff"  # the transcript's kind for an officer's console reply (bot.console.notices.queue_staff_reply)
GREEN, GREY, AMBER, RED = "#06C755", "#888888", "#B7791F", "#C53030"
HEADER_COLOURS = {"new": GREEN, "unstaffed": RED, "reminder": AMBER, "escalation": RED}


def new_request_alert(request: ServiceRequest, public_base_url: str, now: datetime) -> list[dict[str, Any]]:
    """A Flex card with the request's essentials and "รับเรื่อง" / "เปิดในระบบ" buttons, as LINE JSON."""
    return request_alert(request, public_base_url, now, "new")


def request_alert(request: ServiceRequest, public_base_url: str, now: datetime,
                  kind: str = "new") -> list[dict[str, Any]]:
    """The alert card for a request: `kind` is "new", "unstaffed" (new, for admins: its centre has nobody on
    LINE), "reminder" or "escalation"."""
    service = texts.SERVICE_NAMES.get(request.service, request.service)
    rows = [("เลขที่", request.reference), ("บริการ", service), ("กิจการ", request.business_name or "-"),
            ("ผู้ติดต่อ", f"{request.contact_name or '-'} {fields.request_phone(request)}".strip()),
            ("จังหวัด", request.province), ("ความต้องการ", (request.details or "-")[:200])]
    rows += _flow_answers(request)
    if asked := request.answers.get(fields.QUESTIONS):
        rows.append((texts.QUESTIONS_LABEL, "\n".join(asked)[:300]))
    last = request.history[-1] if request.history else None
    # Transferred here (bot.console.workflow.transfer, from an open status; a restore comes from "cancelled").
    if last is not None and last.to_status == "new" and last.from_status not in (None, "cancelled") and last.note:
        rows.append(("โอนมา", last.note))  # from where, and why
    # A push is read later than it is sent: when, as a date; how long ago too, for a reminder.
    filed = texts.thai_datetime(request.created_at)
    rows.append(("เมื่อ", filed if kind in ("new", "unstaffed") else f"{filed} ({_ago(request.created_at, now)})"))
    accept = Choose("รับเรื่อง", f"accept={request.id}", f"รับเรื่อง {request.reference}")
    console = OpenLink("เปิดในระบบ", f"{public_base_url.rstrip('/')}/staff/requests/{request.id}")
    title = _title(request, kind)
    bubble = {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": title, "weight": "bold", "wrap": True, "color": HEADER_COLOURS[kind]}]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
            {"type": "box", "layout": "baseline", "spacing": "sm", "contents": [
                {"type": "text", "text": label, "size": "sm", "color": GREY, "flex": 2},
                {"type": "text", "text": value or "-", "size": "sm", "flex": 5, "wrap": True}]}
            for label, value in rows]},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
            {"type": "button", "style": "primary", "height": "sm", "action": action_json(accept)},
            {"type": "button", "style": "secondary", "height": "sm", "action": action_json(console)}]},
    }
    who = request.business_name or request.contact_name or staff_texts.SOMEONE  # a call for staff names no business
    alt = f"{title}: {request.reference} {service} จาก {who} จ.{request.province}"
    return to_line_messages([Flex(alt, bubble)])


def _flow_answers(request: ServiceRequest) -> list[tuple[str, str]]:
    """The answers of the request's own questions (the machine, the date, the product, the market...), labelled and
    shown as the summary card showed them; the contact details and the need have rows of their own."""
    flow = flows.FLOWS.get(request.service)
    shown = ("details", *flows.PROFILE_KEYS)
    return [(question.label, question.show(request.answers[question.key])[:200]) for question in flow.fields
            if question.key in request.answers and question.key not in shown] if flow else []


def _title(request: ServiceRequest, kind: str) -> str:
    if kind == "reminder":
        return staff_texts.REMINDER_TITLE.format(hours=request.centre.response_hours)
    if kind == "escalation":
        return staff_texts.ESCALATION_TITLE.format(centre=request.centre.name)
    if kind == "unstaffed":
        return staff_texts.UNSTAFFED_TITLE.format(centre=request.centre.name)
    if request.service == "contact_staff":
        return staff_texts.CONTACT_TITLE.format(centre=request.centre.name)
    return staff_texts.NEW_REQUEST_TITLE.format(centre=request.centre.name)


def _ago(moment: datetime, now: datetime) -> str:
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 1:
        return "เมื่อสักครู่"
    if minutes < 60:
        return f"{minutes} นาทีที่แล้ว"
    if minutes < 24 * 60:
        return f"{minutes // 60} ชั่วโมงที่แล้ว"
    return f"{minutes // (24 * 60)} วันที่แล้ว"


def queue_centre_alerts(session: Session, request: ServiceRequest, public_base_url: str,
                        now: datetime) -> list[int]:
    """Write one alert delivery per linked officer or staff group, in the request's own transaction; a centre with
    nobody on LINE has its request told to the admins who are, at once, rather than at the SLA's escalation."""
    recipients, kind = repo.staff_line_ids(session, request.centre_id), "new"
    if not recipients:
        recipients, kind = admin_line_ids(session), "unstaffed"
        log.warning("centre %s has no staff linked to LINE; request %s goes to %d admins on LINE",
                    request.centre.code, request.reference, len(recipients))
    if not recipients:
        log.error("nobody on LINE to tell of request %s (centre %s, no admin linked either): it waits in the console",
                  request.reference, request.centre.code)
        return []
    alert = request_alert(request, public_base_url, now, kind)
    return [repo.new_delivery(session, "staff_alert", [line_id], alert, request.id).id for line_id in recipients]


def admin_line_ids(session: Session) -> list[str]:
    """The LINE ids of the active admins who linked LINE: whom a centre with nobody on LINE falls back to."""
    query = select(Staff.line_user_id).where(Staff.is_admin.is_(True), Staff.active.is_(True),
                                             Staff.line_user_id.is_not(None))
    return [line_id for line_id in session.scalars(query) if line_id]


def request_recipients(session: Session, request: ServiceRequest, officer: Staff | None = None) -> list[str]:
    """Whom to tell of something about a request: the officer given (else its assignee), if they linked LINE; else
    its centre's linked officers and groups; else the admins on LINE."""
    officer = officer or request.assignee
    if officer is not None and officer.active and officer.line_user_id:
        return [officer.line_user_id]
    return repo.staff_line_ids(session, request.centre_id) or admin_line_ids(session)


def queue_cancellation_notice(session: Session, request: ServiceRequest) -> list[int]:
    """Tell the centre's staff that the entrepreneur withdrew a request."""
    text = staff_texts.REQUEST_WITHDRAWN.format(reference=request.reference)
    return queue_request_notice(session, request, "staff_notice", text)


def queue_request_notice(session: Session, request: ServiceRequest, purpose: str, text: str) -> list[int]:
    """One text to whoever has the request (`request_recipients`)."""
    recipients = request_recipients(session, request)
    return [repo.new_delivery(session, purpose, [line_id], [{"type": "text", "text": text}], request.id).id
            for line_id in recipients]


def queue_handover_ping(session: Session, user: LineUser, text: str, public_base_url: str, now: datetime,
                        at_once: bool = False) -> list[int]:
    """Tell the officer talking with this user from the console that the user wrote: on LINE if they linked it,
    else their centre's linked officers and groups (else the admins), who can open the page.

    The bot is quiet during a handover, so without this the words would wait unseen in the console. One ping
    per few minutes, but the first line after each of the officer's replies at once (it is what they wait for),
    as is a line the bot answered with an offer of its own (`at_once`); each carries every line written since the
    last ping or the officer's last reply, so none of a burst goes unseen on LINE.
    """
    request = handover_request(session, user)
    if request is None:
        return []
    last_ping = session.scalar(select(Delivery.created_at).where(
        Delivery.purpose == "handover_ping", Delivery.request_id == request.id).order_by(Delivery.id.desc()).limit(1))
    replied = session.scalar(select(func.max(Message.created_at)).where(
        Message.user_id == user.id, Message.direction == "out", Message.kind == STAFF_LINE))
    pinged_lately = last_ping is not None and last_ping > now - HANDOVER_PING_GAP and (
        replied is None or last_ping > replied)
    if pinged_lately and not at_once:
        return []
    lines = _unseen_lines(session, user, last_ping)
    if not lines or lines[-1] != text:  # a photo's mark, or a line the transcript keeps no words of
        lines.append(text)
    said = "\n".join(lines)
    preview = said if len(said) <= PING_PREVIEW else said[:PING_PREVIEW] + "…"
    body = staff_texts.HANDOVER_PING.format(
        who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
        text=preview, url=f"{public_base_url.rstrip('/')}/staff/requests/{request.id}")
    recipients = request_recipients(session, request, session.get(Staff, user.handover_staff_id))
    return [repo.new_delivery(session, "handover_ping", [line_id], [{"type": "text", "text": body}], request.id).id
            for line_id in recipients]


def _unseen_lines(session: Session, user: LineUser, last_ping: datetime | None) -> list[str]:
    """What the user typed since the officer last replied (they saw the chat up to there) and since the last ping,
    oldest first, this message included."""
    replied = select(func.max(Message.id)).where(Message.user_id == user.id, Message.direction == "out",
                                                 Message.kind == STAFF_LINE).scalar_subquery()
    typed = select(Message.text).where(Message.user_id == user.id, Message.direction == "in", Message.kind == "text",
                                       Message.text.is_not(None), Message.id > func.coalesce(replied, 0))
    if last_ping is not None:
        typed = typed.where(Message.created_at > last_ping)
    return [line for line in session.scalars(typed.order_by(Message.id)) if line]


def handover_request(session: Session, user: LineUser) -> ServiceRequest | None:
    """The request the officer talking with this user last replied about from the console."""
    reply = last_reply(session, user)
    return session.get(ServiceRequest, reply.request_id) if reply is not None and reply.request_id else None


def last_reply(session: Session, user: LineUser) -> AuditEntry | None:
    """The audit entry of the last console reply to this user by the officer talking with them (its request, when)."""
    if user.handover_staff_id is None:
        return None
    return session.scalar(
        select(AuditEntry).join(ServiceRequest, AuditEntry.request_id == ServiceRequest.id)
        .where(AuditEntry.staff_id == user.handover_staff_id, AuditEntry.action == "reply",
               ServiceRequest.user_id == user.id)
        .order_by(AuditEntry.id.desc()).limit(1))


def queue_assignment_notice(session: Session, request: ServiceRequest, assignee: Staff, by: Staff,
                            public_base_url: str) -> list[int]:
    """Tell a colleague on LINE (if they linked it) that a request was assigned to them, with its page's link."""
    if not assignee.active or not assignee.line_user_id or assignee.id == by.id:
        return []
    body = staff_texts.ASSIGNED_TO_YOU.format(
        by=by.name, reference=request.reference, service=texts.SERVICE_NAMES.get(request.service, request.service),
        who=request.business_name or request.contact_name or staff_texts.SOMEONE, province=request.province,
        url=f"{public_base_url.rstrip('/')}/staff/requests/{request.id}")
    return [repo.new_delivery(session, "staff_notice", [assignee.line_user_id], [{"type": "text", "text": body}],
                              request.id).id]
