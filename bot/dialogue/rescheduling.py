"""The day of a machine booked in a request already sent, moved ("ขอเลื่อนวันจองเครื่องเป็น 3 ธ.ค. ค่ะ"): the
request's day changes, whoever has it is told on LINE and the console's log keeps both days; nothing new is filed.
Without the new day in the message, it is asked for, and a closed day is refused with the working days near it
offered, as the request's own question does."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import intents
from bot.console import texts as staff_texts
from bot.console.workflow import OPEN, audit
from bot.dialogue import answers, cards, conversation, fields, flows, texts, turns
from bot.dialogue.context import Context, Reply
from bot.dialogue.refusals import Invalid
from bot.dialogue.when import read_date
from bot.domain import DeliveriesQueued
from bot.line.inbound import Inbound
from bot.line.outbound import Choose, PickDate, Say, Text
from bot.staff_alerts import queue_request_notice
from intents import entities
from storage import repositories as repo
from storage.models import Conversation, ServiceRequest

MOVE = "move_date"  # the postback (move_date=ID with the picker's date, or ID:ISO) and the one-question conversation
MOVED = "day_moved"  # the staff notice's purpose and the console log's action
KEY = fields.PREFERRED_DATE.key
MOVES = re.compile(r"เลื่อน|(?:เปลี่ยน|ย้าย|แก้)(?:วัน|นัด)")
# Where the new day starts ("ขอเลื่อนจากวันที่ 1 ไปวันที่ 3 ธ.ค."); a day named without it is the booked one
# ("ขอเลื่อนวันที่ 1 ธ.ค. ค่ะ"): the new one is asked for.
TO = re.compile(r"เป็น|ไป")


def offer(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """A move asked for a day booked in an open request: made, or its new day asked for. None in a request's flow,
    with no booking open, or for what is about an event ("งาน CLUSTER DAY เลื่อนไหมคะ")."""
    moves = MOVES.search(text)
    about_an_event = prediction.intent == "event" and prediction.confidence >= intents.CONFIDENCE_THRESHOLD
    if moves is None or about_an_event or conversation.request_flow(ctx) is not None:
        return None
    request = _booking(ctx, text)
    if request is None:
        return None
    to = TO.search(text, moves.end())
    if to is None:
        return _ask(ctx, request)
    return _read(ctx, request, entities.without_reference(text[to.end():])) or _ask(ctx, request)


def typed_answer(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """The new day typed ("วันศุกร์ค่ะ"), or a day offered taken ("จันทร์ก็ได้"); None for anything else, and the
    question is forgotten."""
    if current is None or current.flow != MOVE:
        return None
    request = answers.own_request_with_id(ctx, int(current.data.get(MOVE, 0)), open_only=True)
    offered = current.data.get(fields.OFFERED, [])
    if request is not None and len(offered) > 1 and flows.OFFER_TAKEN.read(text):  # "ใช่ค่ะ" to two days: which
        return _ask(ctx, request, texts.PICK_AN_OFFER, offered)
    answer = _read(ctx, request, flows.taken_offer(offered, text), offered) if request is not None else None
    if answer is None:
        repo.clear_conversation(ctx.session, ctx.user)
    return answer


def picked(ctx: Context, value: str, event: Inbound) -> Reply:
    """The date picker's day (move_date=ID), or a day offered tapped (move_date=ID:ISO)."""
    request_id, _, day = value.partition(":")
    request = answers.own_request_with_id(ctx, int(request_id), open_only=True) if request_id.isdigit() else None
    if request is None:
        return Reply([Text(texts.DAY_CLOSED_REQUEST, cards.main_menu())])
    return _read(ctx, request, event.postback_params.get("date", day)) or _ask(ctx, request)


def _booking(ctx: Context, text: str) -> ServiceRequest | None:
    """The open request whose reference was typed, if it books a day; else the newest open one that does."""
    reference = entities.parse_reference(text)
    typed = answers.own_request(ctx, reference) if reference else None
    found = [typed] if typed is not None and typed.status in OPEN else [] if reference else answers.open_requests(ctx)
    return next((request for request in found if KEY in request.answers), None)


def _read(ctx: Context, request: ServiceRequest, said: str, offered: list[list[str]] | None = None) -> Reply | None:
    """The day moved to what `said` names; a closed or refused day asked again, with the days near it offered; None
    for what names no day at all."""
    try:
        day = read_date(said, ctx.today)
    except Invalid as refused:
        if str(refused) == texts.DATE_UNREAD:
            return None
        return _ask(ctx, request, str(refused), fields.offers(refused) or offered)
    return _move(ctx, request, day)


def _ask(ctx: Context, request: ServiceRequest, hint: str | None = None,
         offered: list[list[str]] | None = None) -> Reply:
    """Ask for the new day; the days a refusal offered go first, each a tap."""
    offered = offered or []
    repo.save_conversation(ctx.session, ctx.user, MOVE, "day", {MOVE: request.id, fields.OFFERED: offered})
    chips = [Choose(label, f"{MOVE}={request.id}:{data.removeprefix(flows.ANSWER)}", label)
             for label, data in offered]
    question = texts.ASK_NEW_DAY.format(reference=request.reference)
    return Reply([Text("\n".join(line for line in (hint, question) if line), (
        *chips, PickDate("เลือกวันที่", f"{MOVE}={request.id}"), Say("ยังไม่แน่ใจ", "ยังไม่แน่ใจ")))])


def _move(ctx: Context, request: ServiceRequest, day: date | str) -> Reply:
    """The request's day changed, logged and told to whoever has it; the same day again changes nothing."""
    current = conversation.active(ctx)
    if current is not None and current.flow == MOVE:
        repo.clear_conversation(ctx.session, ctx.user)
    old, new = request.answers.get(KEY), turns.stored(day)
    if new == old:
        return Reply([Text(texts.DAY_UNCHANGED.format(reference=request.reference, day=_said(day)),
                           cards.main_menu())])
    request.answers = request.answers | {KEY: new}
    was, now = fields.PREFERRED_DATE.show(old) if old else "-", fields.PREFERRED_DATE.show(new)
    audit(ctx.session, None, MOVED, request, f"{was} → {now}", ctx.now)
    body = staff_texts.DAY_MOVED.format(
        who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
        phone=fields.request_phone(request) or "-", old=was, new=now,
        url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    told = queue_request_notice(ctx.session, request, MOVED, body)
    fixed = isinstance(day, date) or day.startswith(texts.DAYS_BETWEEN.format(days=""))
    reply = (texts.DAY_MOVED if fixed else texts.DAY_NOTED).format(reference=request.reference,
                                                                   day=_said(day) if fixed else now)
    return Reply([Text(reply, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def _said(day: Any) -> str:
    """วันพฤหัส 3 ธ.ค. 2569, or the stretch or words as kept."""
    return f"วัน{texts.day_and_date(day)}" if isinstance(day, date) else fields.PREFERRED_DATE.show(day)
