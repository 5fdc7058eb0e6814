"""The entrepreneur's answer to "รอข้อมูลจากท่าน": what they type or send while a request waits for them goes to it.

An officer sets a request to "waiting" and the entrepreneur is told to answer in the chat. Their next message of
substance is that answer: the request goes back to "in progress" with their words in its history, the officer who
has it (else its centre's officers and groups, else the admins) is told on LINE with the page's link, and the
entrepreneur is thanked. What follows (a second line, a photo) goes to the same request, joining the answer in its
history, with a short thank-you, its officer told at most every few minutes: within `FOLLOW_UP` of the answer, or
later while the bot's last word to the user is that thank-you (their last exchange was about it). A detail added of
their own ("อ้อ ลืมบอกค่ะ อยากได้สีน้ำตาลทอง…", `detail_added`) is information too, its officer told at once; only an
ask for a person is a call-back (`bot.dialogue.call_about`). Not an answer: a thank-you, an okay or a promise to send
later (no status moves); a greeting or "เจ้าหน้าที่ถามอะไรนะคะ" (the officer's question is shown again, or once
answered, the greeting returned); a status question, a cancel, an ask for a person, a short everyday question or a
confident need for another service (the bot answers as ever).
A question the bot asks of its own (a request's form) comes first; one the follower moved on from does not.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

import intents
from bot.console import texts, workflow
from bot.dialogue import answers, conversation, replies, turns
from bot.dialogue.asides import YES_OR_NO
from bot.dialogue.context import Context, Reply
from bot.dialogue.conversation import DROPPED
from bot.dialogue.understanding import OPENING_TOLD, UNCLEAR
from bot.domain import DeliveriesQueued, DomainEvent
from bot.line.outbound import Text
from bot.staff_alerts import HANDOVER_PING_GAP, PING_PREVIEW, request_recipients
from intents.normalize import normalize
from storage import repositories as repo
from storage.models import Attachment, Delivery, Message, ServiceRequest

FOLLOW_UP = timedelta(minutes=30)  # after the answer, more messages within this are part of it
PURPOSE = "information_given"  # the staff alert's
# A confident one of these is no answer: a status question, a cancel, an ask for a person, and the everyday questions ("ศูนย์เปิดกี่โมงคะ",
# "มีงานอะไรบ้าง") the bot answers itself.
ELSEWHERE = {"request_status", "cancel", "unsubscribe", "center_info", "event", "contact_staff"}
# "ได้ค่ะ เดี๋ยวส่งให้นะคะ", "ขอเวลาหาเอกสารก่อน": the answer is still to come.
LATER = re.compile(r"เดี๋ยว|จะส่ง|ทีหลัง|ขอเวลา|พรุ่งนี้|รอสักครู่|แป๊บ|ขับรถ|ไม่สะดวก|ติดธุระ|ยังไม่ว่าง|ไว้ก่อน")
SHORT = 40  # characters: a promise, a greeting or a thank-you longer than this says more
# "ขอโทษค่ะ ตอนนี้ขับรถอยู่", "เจ้าหน้าที่ถามอะไรนะคะ": not the answer, which the officer's question is shown again for.
SMALL_TALK = {"greeting"}
WHAT_WAS_ASKED = re.compile(r"ถามอะไร|ขออะไร|ต้องการอะไร|ข้อมูลอะไร|ให้ส่งอะไร|ต้องส่งอะไร")
EVERYDAY = {"center_info", "event", "request_status"}  # a short question of these is asked of the bot
MOVED_ON_FROM = {UNCLEAR, YES_OR_NO, DROPPED, OPENING_TOLD}
STATUS_UPDATE = "status_update"  # the purpose of the push that asked for the information (bot.console.notices)


def typed(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """The answer typed to a request waiting for it (or more of it); None for a message that is not one."""
    found = _awaiting(ctx)
    if found is None or _busy(ctx):
        return None
    said = replies.plain(normalize(text, emoji="strip"))
    short = len(said) <= SHORT and not any(c.isdigit() for c in said)
    if not found[1] and short and WHAT_WAS_ASKED.search(said):
        return _asked_again(ctx, found[0])  # "เจ้าหน้าที่ถามอะไรนะคะ", however surely it reads as asking for a person
    if _elsewhere(found[0], prediction):
        return None
    if short and LATER.search(said):
        return Reply([Text(texts.INFORMATION_LATER)])
    if _says_nothing(text, said):
        return None
    if short and prediction.intent in EVERYDAY and replies.asks_a_question(text):
        return None  # "จอดรถได้ไหมคะ", even said unsurely: the bot's to answer, not the officer's information
    request, answered = found
    if answered and short and prediction.intent in SMALL_TALK:
        return None  # "สวัสดีค่ะ" once the answer went: greeted back, not passed on as more of it
    if not answered and short and prediction.intent in SMALL_TALK:
        return _asked_again(ctx, request)  # "สวัสดีค่ะ": the question shown again, not taken for the answer
    return _taken(ctx, request, answered, text)


def detail_added(ctx: Context, text: str, only_open: ServiceRequest | None) -> Reply | None:
    """A detail added of the user's own accord ("อ้อ ลืมบอกค่ะ อยากได้สีน้ำตาลทอง ต้องใช้ก่อนปีใหม่นะคะ") is
    information: the answer to the request waiting for it, more of one whose answer is under way, else more for
    `only_open`, the one request open; its officer told at once, as for an answer. None with no request to take it."""
    found = _awaiting(ctx)
    if found is not None:
        return _taken(ctx, *found, text, at_once=True)
    return None if only_open is None else _taken(ctx, only_open, True, text, at_once=True)


def _busy(ctx: Context) -> bool:
    """True while the bot asks something of its own (a request's form, a registration's question): that comes
    first. A question the follower has moved on from (a yes or no not answered, a request dropped, an unclear
    message kept) does not."""
    current = conversation.active(ctx)
    return current is not None and current.flow not in MOVED_ON_FROM


def _asked_again(ctx: Context, request: ServiceRequest) -> Reply:
    """The officer's request for information again (its status update, as pushed), to be answered here."""
    pushed = ctx.session.scalar(select(Delivery).where(Delivery.request_id == request.id,
                                                       Delivery.purpose == STATUS_UPDATE)
                                .order_by(Delivery.id.desc()).limit(1))
    words = next((m.get("text") for m in (pushed.messages if pushed else []) if m.get("text")), None)
    return Reply([Text(texts.INFORMATION_ASKED_AGAIN.format(reference=request.reference,
                                                             asked=words or texts.INFORMATION_ASKED))])


def sent_file(ctx: Context, attachment: Attachment | None, kind: str) -> Reply | None:
    """A photo or file sent to a request waiting for it: kept on the request, its officer told; None without one."""
    found = _awaiting(ctx)
    if found is None:
        return None
    if attachment is not None:
        attachment.request_id = found[0].id
    return _taken(ctx, *found, texts.FILE_SENT.format(kind=kind))


def _awaiting(ctx: Context) -> tuple[ServiceRequest, bool] | None:
    """The user's request waiting for their information (and False), or one whose answer is under way (True): answered
    moments ago, or transferred to another centre while it waited (it is new there, and stays so)."""
    mine = [r for r in repo.requests_of_user(ctx.session, ctx.user, limit=None) if r.status in workflow.OPEN]
    waiting = [r for r in mine if r.status == "waiting"]
    if waiting:
        return max(waiting, key=lambda r: r.history[-1].id if r.history else 0), False
    for request in mine:
        last = request.history[-1] if request.history else None
        answered = (request.status == "in_progress" and last is not None and last.from_status == "waiting"
                    and last.changed_by == workflow.BY_LINE
                    and (ctx.now - last.changed_at < FOLLOW_UP or _thanked_last(ctx)))
        # Moved to another centre while it waited (h91): the answer still goes to it, for whoever accepts it there.
        moved = request.status == "new" and last is not None and last.from_status == "waiting"
        if answered or moved:
            return request, True
    return None


def _thanked_last(ctx: Context) -> bool:
    """True while the bot's last word to the user is its thank-you for their information: what they say next goes on
    the same exchange, however long after."""
    last_said = ctx.session.scalar(select(Message.text).where(Message.user_id == ctx.user.id,
                                                              Message.direction == "out")
                                   .order_by(Message.id.desc()).limit(1))
    return last_said in (texts.INFORMATION_THANKS, texts.INFORMATION_MORE_THANKS)


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


def _taken(ctx: Context, request: ServiceRequest, answered: bool, words: str, at_once: bool = False) -> Reply:
    """The answer on the request (more of it joins it in the history, or else is kept beside the answers for the
    officer) and its officer told; the entrepreneur thanked for the first part only."""
    if not answered:
        workflow.information_given(ctx.session, request, words, ctx.now)
    elif not workflow.information_added(request, words):
        request.answers = turns.noted(request.answers, words)
    told = _tell(ctx, request, words, more=answered, at_once=at_once)
    events: list[DomainEvent] = [DeliveriesQueued(tuple(told))] if told else []
    return Reply([Text(texts.INFORMATION_MORE_THANKS if answered else texts.INFORMATION_THANKS)], events)


def _tell(ctx: Context, request: ServiceRequest, words: str, more: bool, at_once: bool = False) -> list[int]:
    """The LINE alert with the words and the page's link: the answer (or a detail added, `at_once`) at once, more of
    it once every few minutes."""
    recent = select(Delivery.id).where(Delivery.purpose == PURPOSE, Delivery.request_id == request.id,
                                       Delivery.created_at > ctx.now - HANDOVER_PING_GAP)
    if more and not at_once and ctx.session.scalar(recent.limit(1)) is not None:
        return []
    template = texts.INFORMATION_MORE if more else texts.INFORMATION_GIVEN
    body = template.format(who=request.contact_name or request.business_name or texts.SOMEONE,
                           reference=request.reference,
                           text=words if len(words) <= PING_PREVIEW else words[:PING_PREVIEW] + "…",
                           url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    return [repo.new_delivery(ctx.session, PURPOSE, [line_id], [{"type": "text", "text": body}], request.id).id
            for line_id in request_recipients(ctx.session, request)]
