"""The entrepreneur's answer to "รอข้อมูลจากท่าน": what they type or send while a request waits for them goes to it.

An officer sets a request to "waiting" and the entrepreneur is told to answer in the chat. Their next message of
substance is that answer: the request goes back to "in progress" with their words in its history, the officer who
has it (else its centre's officers and groups, else the admins) is told on LINE with the page's link, and the
entrepreneur is thanked, once. What follows within `FOLLOW_UP` (a second line, a photo) goes to the same request
quietly, its officer told at most every few minutes. Not an answer: a thank-you, an okay or a promise to send later
(no status moves), a status question, a cancel or a confident need for another service (the bot answers as ever).
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

import intents
from bot.console import texts, workflow
from bot.dialogue import answers, conversation, replies
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued, DomainEvent
from bot.line.outbound import Text
from bot.staff_alerts import HANDOVER_PING_GAP, PING_PREVIEW, request_recipients
from intents.normalize import normalize
from storage import repositories as repo
from storage.models import Attachment, Delivery, ServiceRequest

FOLLOW_UP = timedelta(minutes=30)  # after the answer, more messages within this are part of it
PURPOSE = "information_given"  # the staff alert's
# A confident one of these is no answer: a status question, a cancel, and the everyday questions ("ศูนย์เปิดกี่โมงคะ",
# "มีงานอะไรบ้าง") the bot answers itself.
ELSEWHERE = {"request_status", "cancel", "unsubscribe", "center_info", "event"}
# "ได้ค่ะ เดี๋ยวส่งให้นะคะ", "ขอเวลาหาเอกสารก่อน": the answer is still to come.
LATER = re.compile(r"เดี๋ยว|จะส่ง|ทีหลัง|ขอเวลา|พรุ่งนี้|รอสักครู่|แป๊บ")
SHORT = 40  # characters: a promise or a thank-you longer than this says more


def typed(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """The answer typed to a request waiting for it (or more of it); None for a message that is not one."""
    found = _awaiting(ctx)
    if found is None or conversation.active(ctx) is not None or _elsewhere(found[0], prediction):
        return None
    said = replies.plain(normalize(text, emoji="strip"))
    if len(said) <= SHORT and not any(c.isdigit() for c in said) and LATER.search(said):
        return Reply([Text(texts.INFORMATION_LATER)])
    if _says_nothing(text, said):
        return None
    return _taken(ctx, *found, text)


def sent_file(ctx: Context, attachment: Attachment | None, kind: str) -> Reply | None:
    """A photo or file sent to a request waiting for it: kept on the request, its officer told; None without one."""
    found = _awaiting(ctx)
    if found is None:
        return None
    if attachment is not None:
        attachment.request_id = found[0].id
    return _taken(ctx, *found, texts.FILE_SENT.format(kind=kind))


def _awaiting(ctx: Context) -> tuple[ServiceRequest, bool] | None:
    """The user's request waiting for their information (and False), or the one they answered moments ago (True)."""
    mine = [r for r in repo.requests_of_user(ctx.session, ctx.user, limit=None) if r.status in workflow.OPEN]
    waiting = [r for r in mine if r.status == "waiting"]
    if waiting:
        return max(waiting, key=lambda r: r.history[-1].id if r.history else 0), False
    for request in mine:
        last = request.history[-1] if request.history else None
        if (request.status == "in_progress" and last is not None and last.from_status == "waiting"
                and last.changed_by == workflow.BY_LINE and ctx.now - last.changed_at < FOLLOW_UP):
            return request, True
    return None


def _elsewhere(request: ServiceRequest, prediction: intents.Prediction) -> bool:
    """A status question, a cancel, an everyday question, a need for another service: said with confidence, it is
    not the answer."""
    if prediction.confidence < intents.INTERRUPT_THRESHOLD:
        return False
    other_need = prediction.intent in intents.SERVICE_LABELS and prediction.intent != request.service
    return prediction.intent in ELSEWHERE or other_need


def _says_nothing(text: str, said: str) -> bool:
    """An okay, a laugh, a short thank-you: nothing for the officer."""
    short_thanks = len(said) <= SHORT // 2 and answers.closing(text) is not None
    return not said or replies.BARE_REPLIES.read(text) is not None or replies.laughs(text) or short_thanks


def _taken(ctx: Context, request: ServiceRequest, answered: bool, words: str) -> Reply:
    """The answer on the request and its officer told; the entrepreneur thanked for the first part only."""
    if not answered:
        workflow.information_given(ctx.session, request, words, ctx.now)
    told = _tell(ctx, request, words, more=answered)
    events: list[DomainEvent] = [DeliveriesQueued(tuple(told))] if told else []
    return Reply([], events) if answered else Reply([Text(texts.INFORMATION_THANKS)], events)


def _tell(ctx: Context, request: ServiceRequest, words: str, more: bool) -> list[int]:
    """The LINE alert with the words and the page's link: the answer at once, more of it once every few minutes."""
    recent = select(Delivery.id).where(Delivery.purpose == PURPOSE, Delivery.request_id == request.id,
                                       Delivery.created_at > ctx.now - HANDOVER_PING_GAP)
    if more and ctx.session.scalar(recent.limit(1)) is not None:
        return []
    template = texts.INFORMATION_MORE if more else texts.INFORMATION_GIVEN
    body = template.format(who=request.contact_name or request.business_name or texts.SOMEONE,
                           reference=request.reference,
                           text=words if len(words) <= PING_PREVIEW else words[:PING_PREVIEW] + "…",
                           url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    return [repo.new_delivery(ctx.session, PURPOSE, [line_id], [{"type": "text", "text": body}], request.id).id
            for line_id in request_recipients(ctx.session, request)]
