"""One request: every field, attachments, the LINE transcript, history, audit log, notes, and the actions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from bot import jobs, staff_alerts
from bot.console import attention, notices, texts, workflow
from bot.console.auth import admin_required, login_required, may_see_centre, signed_in_staff, visible_request
from bot.console.web import db, services
from bot.dialogue import fields, flows
from bot.dialogue import texts as dialogue_texts
from bot.sla import escalation_due, response_due
from storage.models import Attachment, AuditEntry, Centre, Message, ServiceRequest, Staff

blueprint = Blueprint("staff_requests", __name__, url_prefix="/staff")
TRANSCRIPT_LIMIT = 300
NOTE_LIMIT = 20_000  # an internal note: a long call summary fits, a pasted document does not


@blueprint.get("/requests/<int:request_id>")
@login_required
def show(request_id: int):
    """The request page."""
    return _page(visible_request(request_id))


def _page(found: ServiceRequest, typed: dict[str, str] | None = None, status: int = 200):
    """The request page, with what an officer typed in a form that was refused kept in that form."""
    now = services().clock()
    next_statuses = [s for s in workflow.TRANSITIONS.get(found.status, ()) if s != "accepted"]
    transcript = _transcript(found)
    audit_log = list(db().scalars(select(AuditEntry).where(AuditEntry.request_id == found.id)
                                  .order_by(AuditEntry.id)))
    colleagues = list(db().scalars(select(Staff).where(Staff.active.is_(True), (Staff.centre_id == found.centre_id)
                                                       | Staff.is_admin.is_(True)).order_by(Staff.name)))
    canned = [(label, text.format(centre=found.centre.name)) for label, text in texts.CANNED_REPLIES]
    return render_template(
        "console/request.html", r=found, transcript=transcript, audit_log=audit_log, colleagues=colleagues,
        next_statuses=next_statuses, needs_reason=workflow.NEEDS_REASON, typed=typed or {},
        limits={"reply": notices.room_for_reply(found, signed_in_staff().name), "note": NOTE_LIMIT,
                "status": notices.room_for_status_words(found, next_statuses)},
        canned=canned, handover=workflow.in_handover(found.user, now), now=now,
        due=response_due(found), escalation=escalation_due(found),
        service_names=dialogue_texts.SERVICE_NAMES, status_names=texts.STATUS_NAMES,
        audit_names=AUDIT_NAMES, audit_details=texts.AUDIT_DETAILS, answers=shown_answers(found),
        centres=_other_centres(found), attention=attention.reasons_for(db(), [found.id]).get(found.id, []),
        attention_names=texts.ATTENTION, seen_clears=attention.SEEN_CLEARS, nobody_told=texts.NOBODY_TOLD), status


def _other_centres(found: ServiceRequest) -> list[Centre]:
    """Where an admin may move the request: every other centre, regional ITCs first."""
    if not signed_in_staff().is_admin or found.status in workflow.CLOSED:
        return []
    return list(db().scalars(select(Centre).where(Centre.id != found.centre_id)
                             .order_by(Centre.kind != "itc", Centre.name)))


def shown_answers(found: ServiceRequest) -> list[tuple[str, str]]:
    """The service's own answers as the entrepreneur saw them on the summary: labels, Thai dates, names."""
    flow = flows.FLOWS.get(found.service)
    shown = []
    for key, value in found.answers.items():
        if key in flows.PROFILE_KEYS:  # the phone as given ("021234567 ต่อ 12"): on the page's own row
            continue
        question = flow.field(key) if flow else None
        if key == fields.QUESTIONS:
            shown.append((dialogue_texts.QUESTIONS_LABEL, "\n".join(value)))
        else:
            shown.append((question.label, question.show(value)) if question else (key, str(value)))
    return shown


def _transcript(found: ServiceRequest) -> list[Message]:
    if found.user_id is None:
        return []
    query = (select(Message).where(Message.user_id == found.user_id).order_by(Message.id.desc())
             .limit(TRANSCRIPT_LIMIT))
    return list(reversed(list(db().scalars(query))))


def refusing_stale_forms(action: Callable[[ServiceRequest], Any]) -> Callable[..., Any]:
    """An action on the request, locked, that a form from a page older than the request's last change may not
    take (`_stale` says why, and nothing is done or sent)."""
    @functools.wraps(action)
    def checked(request_id: int):
        found = visible_request(request_id, lock=True)
        stale = _stale(found)
        return _back(found, stale, "error") if stale else action(found)
    return checked


def _stale(found: ServiceRequest) -> str | None:
    """Why the form may not act, when the request changed since its page was shown (a colleague, the entrepreneur).

    A form carries the status and assignee its page showed (`seen_status`, `seen_assignee`); acting on an
    old picture would overwrite a colleague's change and send the entrepreneur a contradicting update.
    """
    seen_status = request.form.get("seen_status")
    if seen_status is not None and seen_status != found.status:
        change = found.history[-1] if found.history else None
        when = dialogue_texts.thai_datetime(change.changed_at) if change else "-"
        if found.status == "cancelled" and change and change.changed_by == "line":
            return texts.STALE_WITHDRAWN.format(reference=found.reference, when=when)
        who = (texts.BY_ENTREPRENEUR if change.changed_by == "line" else change.changed_by) if change else "-"
        return texts.STALE_STATUS.format(reference=found.reference, status=_status(found.status), who=who,
                                         when=when)
    seen_assignee = request.form.get("seen_assignee")
    if seen_assignee is not None and seen_assignee != str(found.assignee_id or ""):
        entry = db().scalars(select(AuditEntry).where(AuditEntry.request_id == found.id,
                                                      AuditEntry.action == "assign")
                             .order_by(AuditEntry.id.desc())).first()
        return texts.STALE_ASSIGNEE.format(
            reference=found.reference, name=found.assignee.name if found.assignee else "-",
            who=entry.staff.name if entry and entry.staff else "-",
            when=dialogue_texts.thai_datetime(entry.created_at) if entry else "-")
    return None


@blueprint.post("/requests/<int:request_id>/accept")
@login_required
@refusing_stale_forms
def accept(found: ServiceRequest):
    try:
        outcome = workflow.accept(db(), found, signed_in_staff(), services().clock(), via="console")
    except workflow.NotAllowed:
        holder = found.assignee.name if found.assignee else texts.STATUS_NAMES.get(found.status, "")
        return _back(found, texts.ALREADY_TAKEN.format(reference=found.reference, name=holder), "error")
    return _done(found, outcome, texts.ACCEPTED.format(reference=found.reference))


@blueprint.post("/requests/<int:request_id>/assign")
@login_required
@refusing_stale_forms
def assign(found: ServiceRequest):
    wanted = request.form.get("assignee_id", "")
    assignee = db().get(Staff, int(wanted)) if wanted.isdecimal() else None
    if assignee is None or not (assignee.is_admin or may_see_centre(assignee.centre_id)):
        abort(400)
    before = found.assignee_id
    try:
        outcome = workflow.assign(db(), found, signed_in_staff(), assignee, services().clock())
    except workflow.NotAllowed:
        return _back(found, texts.STATUS_NOT_ALLOWED.format(current=_status(found.status), wanted="มอบหมาย"),
                     "error")
    if before != assignee.id:
        outcome.deliveries += staff_alerts.queue_assignment_notice(db(), found, assignee, signed_in_staff(),
                                                                   services().settings.public_base_url)
    return _done(found, outcome, texts.ASSIGNED.format(reference=found.reference, name=assignee.name))


@blueprint.post("/requests/<int:request_id>/status")
@login_required
@refusing_stale_forms
def change_status(found: ServiceRequest):
    wanted = request.form.get("status", "")
    reason, message = request.form.get("reason", ""), request.form.get("message", "")
    room = notices.room_for_status_words(found, [wanted] if wanted in workflow.TRANSITIONS else [])
    length = notices.text_length(reason.strip()) + notices.text_length(message.strip())
    if length > room:
        return _refused(found, texts.STATUS_WORDS_TOO_LONG.format(length=length, limit=room),
                        {"status": wanted, "reason": reason, "message": message})
    try:
        outcome = workflow.change_status(db(), found, signed_in_staff(), wanted, services().clock(), reason,
                                         message)
    except workflow.NotAllowed as error:
        notice = (texts.REASON_NEEDED if str(error) == "reason" else
                  texts.STATUS_NOT_ALLOWED.format(current=_status(found.status), wanted=_status(wanted)))
        return _back(found, notice, "error")
    return _done(found, outcome, texts.STATUS_CHANGED.format(reference=found.reference, status=_status(wanted)))


@blueprint.post("/requests/<int:request_id>/transfer")
@admin_required
@refusing_stale_forms
def transfer(found: ServiceRequest):
    """Move the request to another centre (admins), with a reason; that centre is alerted as for a new one."""
    wanted = request.form.get("centre_id", "")
    centre = db().get(Centre, int(wanted)) if wanted.isdecimal() else None
    if centre is None:
        return _back(found, texts.TRANSFER_REASON_NEEDED, "error")
    now = services().clock()
    try:
        outcome = workflow.transfer(db(), found, signed_in_staff(), centre, request.form.get("reason", ""), now)
    except workflow.NotAllowed as error:
        notice = (texts.TRANSFER_REASON_NEEDED if str(error) == "reason" else
                  texts.STATUS_NOT_ALLOWED.format(current=_status(found.status), wanted="โอนศูนย์"))
        return _back(found, notice, "error")
    outcome.deliveries += staff_alerts.queue_centre_alerts(db(), found, services().settings.public_base_url, now)
    return _done(found, outcome, texts.TRANSFERRED_TO.format(reference=found.reference, centre=centre.name))


@blueprint.post("/requests/<int:request_id>/notes")
@login_required
def add_note(request_id: int):
    found = visible_request(request_id)
    text = request.form.get("text", "").strip()
    if not text:
        return _back(found, texts.EMPTY_TEXT, "error")
    if notices.text_length(text) > NOTE_LIMIT:
        return _refused(found, texts.NOTE_TOO_LONG.format(length=notices.text_length(text), limit=NOTE_LIMIT),
                        {"note": text})
    workflow.add_note(db(), found, signed_in_staff(), text, services().clock())
    return _done(found, workflow.Outcome(), texts.NOTE_ADDED)


@blueprint.post("/requests/<int:request_id>/reply")
@login_required
def reply(request_id: int):
    """Push a message to the entrepreneur; the bot stays quiet for them while the staff member talks."""
    found = visible_request(request_id, lock=True)
    text = request.form.get("text", "").strip()
    if not text:
        return _back(found, texts.EMPTY_TEXT, "error")
    room = notices.room_for_reply(found, signed_in_staff().name)
    if notices.text_length(text) > room:
        return _refused(found, texts.REPLY_TOO_LONG.format(length=notices.text_length(text), limit=room),
                        {"reply": text})
    try:
        outcome = workflow.reply(db(), found, signed_in_staff(), text, services().clock(), _handover_idle())
    except workflow.NotAllowed:
        return _back(found, texts.NO_LINE_USER, "error")
    return _done(found, outcome, texts.REPLY_SENT)


@blueprint.post("/requests/<int:request_id>/hand-back")
@login_required
def hand_back(request_id: int):
    found = visible_request(request_id)
    if found.user is None:
        return _back(found, texts.NO_LINE_USER, "error")
    outcome = workflow.hand_back(db(), found.user, signed_in_staff(), found, services().clock())
    return _done(found, outcome, texts.HANDED_BACK)


@blueprint.post("/requests/<int:request_id>/seen")
@login_required
def seen(request_id: int):
    """The officer has read what the entrepreneur wrote or asked: the queue's marks clear until they write again."""
    found = visible_request(request_id)
    workflow.audit(db(), signed_in_staff(), "seen", found, None, services().clock())
    return _done(found, workflow.Outcome(), texts.MARKED_SEEN.format(reference=found.reference))


@blueprint.get("/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id: int):
    """An image or file the entrepreneur sent, only for staff who may see its request."""
    found = db().get(Attachment, attachment_id)
    if found is None or found.request is None or not may_see_centre(found.request.centre_id) or not found.data:
        abort(404)
    inline = (found.content_type or "").startswith("image/")
    name = found.file_name or f"attachment-{found.id}"
    return Response(found.data, mimetype=found.content_type or "application/octet-stream", headers={
        "Content-Disposition": f"{'inline' if inline else 'attachment'}; filename=\"{_ascii(name)}\"",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


def _handover_idle():
    minutes = services().settings.extra.get("handover_idle_minutes")
    return workflow.HANDOVER_IDLE if minutes is None else timedelta(minutes=int(minutes))


def _done(found: ServiceRequest, outcome: workflow.Outcome, notice: str):
    """Commit, then queue the pushes (never before: a rolled-back change must not notify anyone)."""
    db().commit()
    jobs.enqueue_deliveries(outcome.deliveries)
    return _back(found, notice, "info")


def _back(found: ServiceRequest, notice: str, category: str):
    flash(notice, category)
    return redirect(url_for("staff_requests.show", request_id=found.id))


def _refused(found: ServiceRequest, notice: str, typed: dict[str, str]):
    """Say why a form was refused on the page itself, the officer's typing still in the form (no redirect)."""
    flash(notice, "error")
    return _page(found, typed, 422)


def _status(status: str) -> str:
    return texts.STATUS_NAMES.get(status, status)


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c not in '"\\' else "_" for c in name)


AUDIT_NAMES = {"accept": "รับเรื่อง", "assign": "มอบหมาย", "status": "เปลี่ยนสถานะ", "note": "โน้ตภายใน",
               "reply": "ตอบผู้ประกอบการ", "hand_back": "ส่งกลับให้ระบบอัตโนมัติ", "rating": "ให้คะแนน",
               "reminder": "เตือนศูนย์ (เกินเป้า)", "escalation": "ยกระดับถึงผู้ดูแลระบบ",
               "export_csv": "ส่งออก CSV", "day_moved": "ผู้ขอเลื่อนวันใช้เครื่องทาง LINE",
               "phone_changed": "ผู้ขอเปลี่ยนเบอร์ติดต่อทาง LINE", "name_changed": "ผู้ขอเปลี่ยนชื่อทาง LINE",
               "cancel_asked": "ผู้ขอแจ้งขอยกเลิกทาง LINE (รอเจ้าหน้าที่ปิดคำขอ)", "transfer": "โอนไปศูนย์อื่น",
               "seen": "รับทราบข้อความ"}
