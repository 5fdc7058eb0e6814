"""New contact details given once a request is sent: a number ("เบอร์โทรผิดจ้า ให้โทรเบอร์ 0812223344 แทนนะ") or a
name ("ขอแก้ชื่อผู้ติดต่อในคำขอเป็น ปวีณา ทองดี ค่ะ", "เปลี่ยนชื่อร้านเป็น…"). Every open request of the user's
changes to it, whoever has each is told, the console's log keeps both, and the next request offers it; nothing new
is filed."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.console import texts as staff_texts
from bot.console.workflow import audit
from bot.dialogue import answers, cards, conversation, fields, names, texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.phones import read_phone_number
from bot.dialogue.refusals import Invalid
from bot.domain import DeliveriesQueued
from bot.line.outbound import Text
from bot.staff_alerts import queue_request_notice
from storage.models import ServiceRequest

CHANGED, NAME_CHANGED = "phone_changed", "name_changed"  # the staff notices' purposes and the console log's actions
# Said of one's own number: wrong, changed or new ("เบอร์โทรผิดจ้า", "เปลี่ยนเบอร์", "เบอร์ใหม่"), or a number to call
# instead ("ให้โทรเบอร์ 081… แทนนะ"); not a number of someone else's ("โทรหาเบอร์ศูนย์ 053… ไม่มีคนรับ").
NEW_NUMBER = re.compile(r"เบอร์(?:โทร)?\s*(?:ผิด|ใหม่)|ผิดเบอร์|เปลี่ยนเบอร์|(?:เบอร์|โทร)\D{0,20}\d[\d\s-]{7,}\D{0,12}แทน")
# A name changed ("ขอแก้ชื่อผู้ติดต่อในคำขอเป็น ปวีณา ทองดี", "เปลี่ยนชื่อร้านเป็น ครัวแอน") or said to be wrong
# ("ชื่อผู้ติดต่อผิดค่ะ ที่ถูกคือ …"): the person's, or with ร้าน, กิจการ or บริษัท the business's.
_WHICH = r"(?P<which>ชื่อ\s*(?:ผู้ติดต่อ|คนติดต่อ|ร้าน|กิจการ|บริษัท)?)"
NEW_NAME = re.compile(rf"(?:แก้|เปลี่ยน)(?:ไข)?\s*{_WHICH}\s*(?:ใน\s*คำขอ\S*)?\s*(?:เป็น|=|:)\s*(?P<name>.+)"
                      rf"|^\s*{_WHICH.replace('which', 'which2')}\s*(?:ใน\s*คำขอ\S*)?\s*(?:ผิด|ไม่ถูก)\S*\s+"
                      r"(?:(?:ที่ถูก\S*|ต้องเป็น|เป็น|คือ)\s*)?(?P<name2>.+)", re.DOTALL)
BUSINESS_WORDS = ("ร้าน", "กิจการ", "บริษัท")
RIGHT_ONE = re.compile(r"ที่ถูก(?:ต้อง)?\s*(?:คือ|เป็น)?|ต้องเป็น")


def offer(ctx: Context, text: str) -> Reply | None:
    """The open requests' number or name changed to the one typed; None in a request's flow, for a message that
    does not say it is a new one, or when the requests already have it."""
    if conversation.request_flow(ctx) is not None:
        return None
    return _new_number(ctx, text) or _new_name(ctx, text)


def _new_number(ctx: Context, text: str) -> Reply | None:
    if not NEW_NUMBER.search(text):
        return None
    try:
        given = read_phone_number(text, ctx.today)
    except Invalid:
        return None
    digits, as_given = fields.filed_phone(given)

    def change(request: ServiceRequest) -> None:
        request.phone = digits
        request.answers = {k: v for k, v in request.answers.items() if k != fields.PHONE.key} | as_given

    changing = [request for request in answers.open_requests(ctx)[::-1] if request.phone != digits]
    if not changing:
        return None
    told = _changed(ctx, changing, CHANGED, staff_texts.PHONE_CHANGED, fields.request_phone, given, change)
    ctx.user.phone = given  # offered with the next request
    said = texts.PHONE_CHANGED.format(references=", ".join(r.reference or "" for r in changing), phone=given,
                                      told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE)
    return Reply([Text(said, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def _new_name(ctx: Context, text: str) -> Reply | None:
    said = NEW_NAME.search(text)
    if said is None:
        return None
    which, typed = said["which"] or said["which2"], said["name"] or said["name2"]
    typed = RIGHT_ONE.split(typed)[-1]  # "พิมพ์ผิด ที่ถูกคือ สมศรี": what follows the right one
    if names.says_no_name(typed):  # "ชื่อไม่ถูกค่ะ ขอแก้หน่อย": what it should be is still to come
        return None
    field = fields.BUSINESS if any(word in which for word in BUSINESS_WORDS) else fields.CONTACT
    try:
        name = field.read(typed, ctx.today)
    except Invalid:
        return None
    changing = [request for request in answers.open_requests(ctx)[::-1] if getattr(request, field.key) != name]
    if not changing:
        return None
    told = _changed(ctx, changing, NAME_CHANGED, staff_texts.NAME_CHANGED, lambda request: getattr(request, field.key),
                    name, lambda request: setattr(request, field.key, name), field.label)
    setattr(ctx.user, field.key, name)  # offered with the next request
    reply = texts.NAME_CHANGED.format(label=field.label, references=", ".join(r.reference or "" for r in changing),
                                      name=name, told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE)
    return Reply([Text(reply, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def _changed(ctx: Context, changing: list[ServiceRequest], purpose: str, template: str,
             shown: Callable[[ServiceRequest], str | None], new: str, change: Callable[[ServiceRequest], None],
             label: str = "") -> list[int]:
    """Each request changed, its log kept ("old → new") and whoever has it told (`template`, of the `label`
    changed); the deliveries queued."""
    told: list[int] = []
    for request in changing:
        old = shown(request) or "-"
        change(request)
        audit(ctx.session, None, purpose, request, f"{old} → {new}", ctx.now)
        told += queue_request_notice(ctx.session, request, purpose, template.format(
            who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
            label=label, old=old, new=new, url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}"))
    return told
