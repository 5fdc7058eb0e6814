"""A new number given once a request is sent ("เบอร์โทรผิดจ้า ให้โทรเบอร์ 0812223344 แทนนะ"): every open request
of the user's changes to it, whoever has each is told, the console's log keeps both numbers and the next request
offers it; nothing new is filed."""

from __future__ import annotations

import re

from bot.console import texts as staff_texts
from bot.console.workflow import audit
from bot.dialogue import answers, cards, conversation, fields, texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.phones import read_phone_number
from bot.dialogue.refusals import Invalid
from bot.domain import DeliveriesQueued
from bot.line.outbound import Text
from bot.staff_alerts import queue_request_notice

CHANGED = "phone_changed"  # the staff notice's purpose and the console log's action
# Said of one's own number: wrong, changed or new ("เบอร์โทรผิดจ้า", "เปลี่ยนเบอร์", "เบอร์ใหม่"), or a number to call
# instead ("ให้โทรเบอร์ 081… แทนนะ"); not a number of someone else's ("โทรหาเบอร์ศูนย์ 053… ไม่มีคนรับ").
NEW_NUMBER = re.compile(r"เบอร์(?:โทร)?\s*(?:ผิด|ใหม่)|ผิดเบอร์|เปลี่ยนเบอร์|(?:เบอร์|โทร)\D{0,20}\d[\d\s-]{7,}\D{0,12}แทน")


def offer(ctx: Context, text: str) -> Reply | None:
    """The open requests' number changed to the one typed; None in a request's flow, for a message that does not say
    it is the number to call, or when the requests already have it."""
    if conversation.request_flow(ctx) is not None or not NEW_NUMBER.search(text):
        return None
    try:
        given = read_phone_number(text, ctx.today)
    except Invalid:
        return None
    digits, as_given = fields.filed_phone(given)
    changing = [request for request in answers.open_requests(ctx)[::-1] if request.phone != digits]
    if not changing:
        return None
    told: list[int] = []
    for request in changing:
        old = fields.request_phone(request) or "-"
        request.phone = digits
        request.answers = {k: v for k, v in request.answers.items() if k != fields.PHONE.key} | as_given
        audit(ctx.session, None, CHANGED, request, f"{old} → {given}", ctx.now)
        told += queue_request_notice(ctx.session, request, CHANGED, staff_texts.PHONE_CHANGED.format(
            who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
            old=old, new=given, url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}"))
    ctx.user.phone = given  # offered with the next request
    said = texts.PHONE_CHANGED.format(references=", ".join(r.reference or "" for r in changing), phone=given,
                                      told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE)
    return Reply([Text(said, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])
