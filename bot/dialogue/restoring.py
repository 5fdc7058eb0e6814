"""A request the user withdrew by mistake, taken back ("ยกเลิกผิดค่ะ เอาคืนได้ไหม", or the "ขอคืนคำขอ" under the
cancellation): within a day it waits for an officer again under the same reference, and whoever was told of the
withdrawal is told it is back. Only the user's own withdrawal on LINE is undone; what staff closed stays closed,
and a withdrawal older than a day is sent again as a new request."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.console import texts as staff_texts
from bot.dialogue import answers, asides, cards, conversation, flows, texts
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Choose, Text
from bot.staff_alerts import queue_request_notice
from storage import repositories as repo
from storage.models import Registration, ServiceRequest

RESTORE = "restore_request"  # the postback: restore_request=ID
RESTORED = "request_restored"  # the staff notice's purpose
FOR = timedelta(hours=24)
HEARD_FOR = timedelta(days=7)  # a typed wish to undo is about a withdrawal this recent, else about something else
# "ยกเลิกผิด", "ไม่ได้ตั้งใจยกเลิก", "เอาคืนได้ไหม", "ขอคำขอเดิมคืน", "เอาเรื่องเมื่อกี้กลับมา", "ยกเลิกการยกเลิก"; not
# "ขอคืนเงิน", "ขอคืนภาษี" or "ขอคืนตัวอย่างที่ฝากไว้" (something else given back), "กู้คืนเพจ", "ขอกลับมาคุยใหม่",
# nor "ไม่ได้ยกเลิกคำขอนะคะ แค่ไม่อยากได้ข่าว" (another wish, stated).
WANTS_BACK = re.compile(r"ยกเลิก\s*ผิด|ไม่ได้\s*ตั้งใจ\s*(?:จะ)?\s*ยกเลิก|ยกเลิกการยกเลิก|undo|คืนคำขอ"
                        r"|(?:เอา|ขอ)\s*(?:คำขอ|เรื่อง|อัน)\s*(?:นั้น|นี้|เดิม|เมื่อกี้)?\s*(?:คืน|กลับ(?:มา|คืน))"
                        r"|(?:เอา|ขอ)\s*คืน\s*(?:ได้|นะ|ค่ะ|คะ|ครับ|จ้า|เจ้า|เด้อ|หน่อย|ที|ด้วย|$)", re.IGNORECASE)
# "กดผิดค่ะ", "ไม่ได้จะยกเลิกค่ะ" are about the last tap only: a withdrawal this recent, and asked first (they may be
# about something else); not with another wish stated ("ไม่ได้ยกเลิกคำขอนะคะ แค่ไม่อยากได้ข่าว").
CANCELS = re.compile(r"(?<!ไม่)(?<!ไม่ได้)(?<!ไม่ได้จะ)(?<!ตั้งใจ)(?<!ตั้งใจจะ)ยกเลิก")
SLIP, SLIP_FOR = re.compile(r"กด\s*ผิด|ไม่ได้\s*(?:จะ)?\s*ยกเลิก(?!.*(?:แค่|เพียง))"), timedelta(minutes=30)


def chip(request: ServiceRequest) -> Choose:
    """The "ขอคืนคำขอ" quick reply under a withdrawal."""
    return Choose(texts.RESTORE, f"{RESTORE}={request.id}", texts.RESTORE)


def restorable(request: ServiceRequest, now: datetime) -> bool:
    """Withdrawn by its user on LINE within the last day."""
    return _withdrawn(request) and now - request.history[-1].changed_at < FOR


def taken_back(request: ServiceRequest) -> bool:
    """Restored by its user, and nothing since."""
    return bool(request.history) and request.history[-1].note == texts.RESTORED_BY_USER


def _withdrawn(request: ServiceRequest) -> bool:
    """Withdrawn by its user on LINE, and nothing since."""
    return request.status == "cancelled" and bool(request.history) and \
        request.history[-1].note == texts.CANCELLED_BY_USER


def typed(ctx: Context, text: str, then: Callable[[str], Reply | None] = lambda rest: None,
          moving: bool = False) -> Reply | None:
    """A typed wish to undo a withdrawal: the one the user made last, restored, and what else the message asks done
    once it is (`then`, with the rest of the message: a new day); one over a day old, to be sent again. A slip
    ("กดผิดค่ะ") is asked about first, unless the message goes on to move the booking (`moving`). None in a request's
    flow ("กดผิด" is about its buttons), at a yes-or-no question, or when the user withdrew nothing lately."""
    heard_for = HEARD_FOR if WANTS_BACK.search(text) else SLIP_FOR if SLIP.search(text) else None
    current = conversation.active(ctx)
    # A yes-or-no question waiting is what "ไม่ได้จะยกเลิกค่ะ" answers, and a request's flow has buttons of its own.
    if heard_for is None or current is not None and (current.flow in flows.FLOWS or asides.YES_OR_NO in current.data):
        return None
    withdrawn = [request for request in repo.requests_of_user(ctx.session, ctx.user) if _withdrawn(request)]
    newest = max(withdrawn, key=lambda request: request.history[-1].changed_at, default=None)
    if newest is None or ctx.now - newest.history[-1].changed_at > heard_for:
        return None
    if _registration_cancelled_since(ctx, newest.history[-1].changed_at):
        return None  # "ยกเลิกผิดค่ะ" after cancelling a seat at an event is about the seat
    if heard_for == SLIP_FOR and CANCELS.search(text):
        return None  # "กดผิดค่ะ ยกเลิกด้วย": a slip in what was just asked, to be cancelled
    if heard_for == SLIP_FOR and not moving:
        return ask(ctx, newest)
    restored = restore(ctx, newest.id)
    more = then(SLIP.sub(" ", WANTS_BACK.sub(" ", text))) if newest.status == "new" else None
    return restored if more is None else restored.then(more)


def _registration_cancelled_since(ctx: Context, moment: datetime) -> bool:
    """True when the user cancelled an event registration after `moment`: their last cancel was not this one."""
    later = select(Registration.id).where(Registration.user_id == ctx.user.id, Registration.status == "cancelled",
                                          Registration.updated_at > moment)
    return ctx.session.scalar(later.limit(1)) is not None


def ask(ctx: Context, request: ServiceRequest) -> Reply:
    """"ต้องการคืนคำขอ … ใช่ไหมคะ": the chip's yes restores it, a no leaves it withdrawn."""
    yes, no = f"{RESTORE}={request.id}", f"{RESTORE}=no"
    asides.ask_yes_or_no(ctx, yes, no)
    question = texts.ASK_RESTORE.format(reference=request.reference,
                                        service=texts.SERVICE_NAMES.get(request.service, request.service))
    return Reply([Text(question, cards.yes_no(yes, no))])


def restore(ctx: Context, request_id: int) -> Reply:
    """The withdrawn request new again, and its centre (or officer) told; else why it cannot be."""
    request = answers.own_request_with_id(ctx, request_id)
    if request is None:
        return Reply([Text(texts.NOTHING_TO_RESTORE, cards.main_menu())])
    if request.status != "cancelled":
        said = texts.NOT_WITHDRAWN.format(reference=request.reference,
                                          status=texts.STATUS_NAMES.get(request.status, request.status))
        return Reply([Text(said, cards.main_menu())])
    if not restorable(request, ctx.now):
        why = texts.TOO_LATE_TO_RESTORE if _withdrawn(request) else texts.CLOSED_BY_CENTRE
        return Reply([Text(why.format(reference=request.reference), cards.main_menu())])
    repo.set_request_status(ctx.session, request, "new", by="line", note=texts.RESTORED_BY_USER, at=ctx.now)
    told = queue_request_notice(ctx.session, request, RESTORED, staff_texts.REQUEST_RESTORED.format(
        reference=request.reference, url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}"))
    said = texts.REQUEST_RESTORED.format(reference=request.reference,
                                         told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE)
    return Reply([Text(said, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])
