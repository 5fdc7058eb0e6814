"""A person asked for while a request is open ("ขอคุยกับเจ้าหน้าที่หน่อยค่ะ เรื่องซองกาแฟที่ขอไป"): asked whether the
call is about that request. If it is, the officer who has it (or else its centre) is told on LINE and the message is
kept on the request for them; nothing new is filed. If not, the call-back request starts from the same message."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.console import texts as staff_texts
from bot.console.workflow import OPEN
from bot.dialogue import answers, asides, conversation, fields, texts, turns
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Choose, Text
from intents import entities
from storage import repositories as repo
from storage.models import Delivery, ServiceRequest

CALL_ABOUT = "call_about"  # the postback (call_about=ID, or =other) and the one-question conversation
ASKED_WITH = "call_about_text"  # in that conversation: the message that asked for a person
OTHER = "other"
CALL_ASKED = "call_asked"  # the staff notice's purpose
TOLD_AGAIN_AFTER = timedelta(hours=1)


def offer(ctx: Context, text: str | None) -> Reply | None:
    """A call asked for, with a request of the user's still open: about the one whose reference was typed, the
    centre is told at once; else the newest is asked about. None with no open request, or in a request's flow."""
    if conversation.request_flow(ctx) is not None:
        return None
    reference = entities.parse_reference(text or "")
    typed = answers.own_request(ctx, reference) if reference else None
    if typed is not None and typed.status in OPEN:
        return call_about(ctx, typed, text or "")
    open_ones = [request for request in answers.open_requests(ctx) if request.service != "contact_staff"]
    if not open_ones:
        return None
    request = open_ones[0]
    yes, no = f"{CALL_ABOUT}={request.id}", f"{CALL_ABOUT}={OTHER}"
    data = {ASKED_WITH: text or "", asides.YES_OR_NO: {"yes": yes, "no": no, "about": ""}}
    repo.save_conversation(ctx.session, ctx.user, CALL_ABOUT, "asked", data)
    question = texts.ASK_CALL_ABOUT.format(reference=request.reference, service=texts.SERVICE_NAMES[request.service])
    return Reply([Text(question, (Choose(texts.CALL_ABOUT_THIS, yes, texts.CALL_ABOUT_THIS),
                                  Choose(texts.CALL_ABOUT_OTHER, no, texts.CALL_ABOUT_OTHER)))])


def answered(ctx: Context, value: str) -> Reply:
    """The tap (or typed yes or no) on "เรื่องคำขอ … ใช่ไหมคะ": that request's officer told, or the call-back
    request started from the message that asked."""
    current = conversation.active(ctx)
    asked_with = ""
    if current is not None and current.flow == CALL_ABOUT:
        asked_with = current.data.get(ASKED_WITH, "")
        repo.clear_conversation(ctx.session, ctx.user)
    request = answers.own_open_request(ctx, int(value)) if value.isdigit() else None
    if request is not None:
        return call_about(ctx, request, asked_with)
    found = entities.extract_entities(asked_with, today=ctx.today) if asked_with else {}
    return conversation.start(ctx, "contact_staff", asked_with or None, found)


def call_about(ctx: Context, request: ServiceRequest, text: str) -> Reply:
    """Tell whoever has the request that the user asks to be called about it (once an hour: asked again, the
    officer already knows), and keep the message on the request, where the console shows the questions for the
    officer."""
    if text.strip():
        request.answers = turns.noted(request.answers, text)
    told = () if _told_lately(ctx, request) else tuple(_tell_staff(ctx, request, text))
    ctx.user.waiting_for_staff_since = ctx.now
    centre = request.centre
    call_back = (texts.CALL_BACK_BY_LINE if fields.reached_by_line(request) else texts.CALL_BACK).format(
        phone=fields.request_phone(request), hours=centre.response_hours)
    said = texts.CALL_ABOUT_SENT.format(reference=request.reference, call_back=call_back)
    return Reply([Text(said)], [DeliveriesQueued(told)] if told else [])


def _told_lately(ctx: Context, request: ServiceRequest) -> bool:
    lately = select(Delivery.id).where(Delivery.purpose == CALL_ASKED, Delivery.request_id == request.id,
                                       Delivery.created_at > ctx.now - TOLD_AGAIN_AFTER)
    return ctx.session.scalar(lately.limit(1)) is not None


def _tell_staff(ctx: Context, request: ServiceRequest, text: str) -> list[int]:
    """One notice to the officer who has the request, if they linked LINE; else to each of its centre's staff."""
    officer = request.assignee
    recipients = ([officer.line_user_id] if officer is not None and officer.active and officer.line_user_id
                  else repo.staff_line_ids(ctx.session, request.centre_id))
    body = staff_texts.CALL_ASKED.format(
        who=request.contact_name or request.business_name or "ผู้ประกอบการ", reference=request.reference,
        phone=fields.request_phone(request) or "-", text=" ".join(text.split())[:turns.QUESTION_LENGTH] or "-",
        url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    return [repo.new_delivery(ctx.session, CALL_ASKED, [line_id], [{"type": "text", "text": body}],
                              request.id).id for line_id in recipients]
