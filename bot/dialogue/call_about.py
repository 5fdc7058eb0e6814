"""A person asked for while a request is open ("ขอคุยกับเจ้าหน้าที่หน่อยค่ะ เรื่องซองกาแฟที่ขอไป"): asked whether the
call is about that request. If it is, the officer who has it (or else its centre) is told on LINE and the message is
kept on the request for them; nothing new is filed. If not, the call-back request starts from the same message.
Asked again while the call is awaited, each new message is passed on too, and a repeat is told when staff were told."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

import intents
from bot.console import information
from bot.console import texts as staff_texts
from bot.console.workflow import OPEN
from bot.dialogue import answers, asides, cards, conversation, fields, replies, texts, turns, withdrawal
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Choose, Text
from bot.staff_alerts import queue_request_notice
from intents import entities
from intents.normalize import normalize
from storage import repositories as repo
from storage.models import Conversation, Delivery, ServiceRequest

CALL_ABOUT = "call_about"  # the postback (call_about=ID, or =other) and the one-question conversation
ASKED_WITH = "call_about_text"  # in that conversation: the message that asked for a person
LISTED = "call_about_listed"  # and the ids of the open requests offered, in the order filed
OTHER = "other"
CALL_ASKED = "call_asked"  # the staff notice's purpose
TOLD_AGAIN_AFTER = timedelta(hours=1)  # the same words, or none, tell staff again only after this
AWAITED = timedelta(hours=24)  # a call asked about a request this recently is the one a new ask is about
# Said of another matter ("อยากคุยเรื่องอื่นเด้อ เรื่องขอ อย.", "ไม่ใช่ค่ะ เรื่องขอสินเชื่อ"): no question, or its no.
ANOTHER_MATTER = re.compile(r"เรื่องอื่น|อีกเรื่อง|อันอื่น")
CANCELS = re.compile(r"(?<!ไม่)(?<!ไม่ได้)(?<!ไม่ได้จะ)ยกเลิก")
CALL_ME = re.compile(r"โทร\s*(?:กลับ|หา|มา)|ติดต่อ\s*กลับ")  # the call asked again, as the answer to "…ใช่ไหมคะ"
SAID_NO = re.compile(r"^(?:ไม่ใช่|บ่แม่น|บ่ใช่)")
# Asked who has the request ("ใครรับเรื่องคะ", "เจ้าหน้าที่ชื่ออะไรคะ"), not for a call.
WHO_HAS_IT = re.compile(r"ใคร(?:เป็นคน)?(?:รับเรื่อง|ดูแล)|ชื่อเจ้าหน้าที่|เจ้าหน้าที่(?:ที่(?:ดูแล|รับเรื่อง))?\s*ชื่อ")
# More said of a request sent ("ขอเพิ่มรายละเอียดค่ะ อะคริลิคหนา 5 มิล", "ลืมบอกไปค่ะ…"), not asked of the centre
# ("ขอรายละเอียดเพิ่มเติม"): for its officer.
MORE = re.compile(r"(?:ขอ)?เพิ่มรายละเอียด|ลืมบอก|(?:ขอ)?แจ้งเพิ่ม")
# No call yet, said of the request ("ยังไม่มีใครโทรมาเลย", "รอนานแล้วค่ะ"): for its officer, not the status card.
NO_CALL_YET = re.compile(r"ไม่มี(?:ใคร|คน)(?:โทร|ติดต่อ)|ยังไม่(?:ได้รับ)?(?:โทร|ติดต่อ)(?:มา|กลับ)|รอ(?:ตั้ง)?นาน")
_ANOTHER = Choose(texts.CALL_ABOUT_OTHER, f"{CALL_ABOUT}={OTHER}", texts.CALL_ABOUT_OTHER)  # not any request open


def offer(ctx: Context, text: str | None) -> Reply | None:
    """A call asked for, with a request of the user's still open: about the one whose reference was typed, or a
    call-back already awaited, the officer is told at once; else it is asked whether the call is about the request
    open, or which of those open (`_which`). None with no open request, in a request's flow, or for a call about
    another matter."""
    if conversation.request_flow(ctx) is not None or ANOTHER_MATTER.search(text or ""):
        return None
    reference = entities.parse_reference(text or "")
    typed = answers.own_request(ctx, reference) if reference else None
    if reference and (typed is None or typed.status not in OPEN):
        return None  # another's, or closed: a call-back request of its own
    open_ones = [typed] if typed is not None else answers.open_requests(ctx)
    if not open_ones:
        return None
    request = open_ones[0]
    # "ยังไม่มีใครโทรมาเลย": the call already asked about one of them
    awaited = next((r for r in open_ones if call_asked_at(ctx.session, r, ctx.now - AWAITED)), None)
    if typed is not None or request.service == "contact_staff" or awaited:
        return call_about(ctx, awaited or request, text or "")
    listed = open_ones[:withdrawal.PICKED_AT_MOST][::-1]  # in the order filed: "อันแรก" is the first shown
    repo.save_conversation(ctx.session, ctx.user, CALL_ABOUT, "asked",
                           {ASKED_WITH: text or "", CALL_ABOUT: request.id, LISTED: [r.id for r in listed]})
    if len(listed) > 1:
        return _which(listed)
    question = texts.ASK_CALL_ABOUT.format(reference=request.reference, service=texts.SERVICE_NAMES[request.service])
    return Reply([Text(question, (Choose(texts.CALL_ABOUT_THIS, f"{CALL_ABOUT}={request.id}", texts.CALL_ABOUT_THIS),
                                  _ANOTHER))])


def who_has_it(ctx: Context, text: str) -> Reply | None:
    """Asked who has a request ("ใครรับเรื่องคะ", "ใครดูแลเรื่องกล่องคะ"): the officer who accepted each one meant (by
    its service, else every open one), or that its centre has yet to; no one is disturbed. None for any other
    message, or with no request open."""
    if not WHO_HAS_IT.search(text) or conversation.request_flow(ctx) is not None:
        return None
    open_ones = answers.open_requests(ctx)[::-1]
    meant = withdrawal.named_in(open_ones, WHO_HAS_IT.sub(" ", text)) or open_ones
    if not meant:
        return None
    lines = [texts.WHO_HAS_IT.format(name=texts.addressed(r.assignee.name), centre=r.centre.name,
                                     reference=r.reference) if r.assignee else
             texts.NOBODY_HAS_IT_YET.format(reference=r.reference, service=texts.SERVICE_NAMES[r.service],
                                            centre=r.centre.name, hours=r.centre.response_hours)
             for r in meant[-withdrawal.PICKED_AT_MOST:]]
    return Reply([Text("\n".join(lines) + "\n" + texts.CALL_IF_URGENT, cards.main_menu())])


def no_call_yet(ctx: Context, text: str) -> Reply | None:
    """"ยังไม่มีใครโทรมาเลย" with a request open: passed on to its officer (`offer`), with an apology for the wait,
    not answered with its status."""
    reply = offer(ctx, text) if NO_CALL_YET.search(text) else None
    if reply is None:
        return None
    first, *rest = reply.messages
    if isinstance(first, Text) and texts.SORRY not in first.text:
        first = replace(first, text=f"{texts.SORRY_FOR_THE_WAIT} {first.text}")
    return Reply([first, *rest], reply.events)


def more_said(ctx: Context, text: str) -> Reply | None:
    """More said of a request sent ("ลืมบอกไปค่ะ ขอเป็นอะคริลิคใส", "อ้อ ลืมบอกค่ะ อยากได้สีน้ำตาลทอง…"): information
    for the request waiting for it or whose answer is under way, else for the one open (`information.detail_added`);
    with several open, which one is asked (`offer`). Only a call or a person asked for with it ("ลืมบอกค่ะ
    ให้เจ้าหน้าที่โทรกลับด้วย") is a call. None for any other message."""
    open_ones = answers.open_requests(ctx) if MORE.search(text) else []
    if not open_ones or conversation.request_flow(ctx) is not None:
        return None
    if _asks_for_a_person(text):
        return call_about(ctx, open_ones[0], text) if len(open_ones) == 1 else offer(ctx, text)
    added = information.detail_added(ctx, text, open_ones[0] if len(open_ones) == 1 else None)
    return added or offer(ctx, text)


def _asks_for_a_person(text: str) -> bool:
    """"…ให้เจ้าหน้าที่โทรกลับด้วย", "…อยากคุยกับเจ้าหน้าที่ด้วย": a call, not only more said."""
    said = intents.classify(text)
    sure = said.intent == "contact_staff" and said.confidence >= intents.INTERRUPT_THRESHOLD
    return sure or CALL_ME.search(text) is not None


def _which(listed: list[ServiceRequest]) -> Reply:
    """Several requests open: which one the call is about, numbered as filed, a tap each, or another matter."""
    picks = tuple(Choose(f"{number}. {withdrawal.short_name(request)}"[:20], f"{CALL_ABOUT}={request.id}",
                         texts.CALL_ABOUT_PICKED.format(reference=request.reference))
                  for number, request in enumerate(listed, 1))
    return Reply([Text(texts.ASK_WHICH_CALL_ABOUT.format(requests=withdrawal.listing(listed)), (*picks, _ANOTHER))])


def typed_answer(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """The answer typed to "เรื่องคำขอ … ใช่ไหมคะ": a yes, or a yes that goes on ("ใช่ค่ะ เรื่องซองกาแฟ"), tells that
    request's officer; a no, or another matter ("ไม่ใช่ค่ะ เรื่องขอสินเชื่อ…"), starts the call-back from what it
    says, or from the first message. To "เรื่องคำขอไหนคะ", the request named by its place, service or reference
    (`withdrawal.named_in`); a cancel ("ยกเลิกการจองเครื่อง"), asked of the request it names. None for anything else
    (the question is forgotten)."""
    if current is None or current.flow != CALL_ABOUT:
        return None
    found = (answers.own_request_with_id(ctx, request_id, open_only=True) for request_id in current.data.get(LISTED, []))
    listed = [request for request in found if request]
    said = replies.plain(normalize(text, emoji="strip"))
    if CANCELS.search(said):  # "ยกเลิกการจองเครื่องครับ": no call, a cancel of the one it names, asked first
        repo.clear_conversation(ctx.session, ctx.user)
        return withdrawal.offer(ctx, text)
    named = withdrawal.named_in(listed, text) if len(listed) > 1 else None
    if named is not None and len(named) == 1:  # "อันแรก", "เรื่องบรรจุภัณฑ์ค่ะ", its reference
        return answered(ctx, str(named[0].id))
    if named is not None or (len(listed) > 1 and asides.says_yes(text)):  # "ใช่ค่ะ" to a list: which one
        return _which(listed)
    if said in (replies.plain(texts.CALL_ABOUT_THIS), "เรื่องนี้") or asides.says_yes(text):
        return answered(ctx, str(current.data.get(CALL_ABOUT, "")))
    if said.startswith("ใช่"):  # "ใช่ค่ะ เรื่องซองกาแฟที่ขอไป": what follows the yes is for the officer too
        return answered(ctx, str(current.data.get(CALL_ABOUT, "")), text.strip().partition(" ")[2])
    if len(listed) == 1 and CALL_ME.search(said):  # "ขอให้เจ้าหน้าที่โทรกลับด้วยค่ะ": a yes, in other words
        return answered(ctx, str(current.data.get(CALL_ABOUT, "")), text)
    if (said == replies.plain(texts.CALL_ABOUT_OTHER) or SAID_NO.match(said) or ANOTHER_MATTER.search(said)
            or asides.says_yes(text) is False):
        _, _, rest = text.strip().partition(" ")
        return answered(ctx, OTHER, rest if len(rest.strip()) > 2 else "")
    repo.clear_conversation(ctx.session, ctx.user)
    return None


def answered(ctx: Context, value: str, typed: str = "") -> Reply:
    """The tap (or the typed answer) on "เรื่องคำขอ … ใช่ไหมคะ": that request's officer told, with what the user
    typed beside the first message; or the call-back request started from the message about the other matter."""
    current = conversation.active(ctx)
    asked_with = ""
    if current is not None and current.flow == CALL_ABOUT:
        asked_with = current.data.get(ASKED_WITH, "")
        repo.clear_conversation(ctx.session, ctx.user)
    request = answers.own_request_with_id(ctx, int(value), open_only=True) if value.isdecimal() else None
    if request is not None:
        return call_about(ctx, request, " ".join(part for part in (asked_with, typed) if part.strip()))
    topic = typed or asked_with
    found = entities.extract_entities(topic, today=ctx.today) if topic else {}
    return conversation.start(ctx, "contact_staff", topic or None, found)


def call_about(ctx: Context, request: ServiceRequest, text: str) -> Reply:
    """Keep the message on the request, where the console shows the questions for the officer, and tell whoever has
    it: new words at once, a repeat (or a tap with none) once an hour. The user is told which was done."""
    said = " ".join(text.split())[:turns.QUESTION_LENGTH]
    new_words = bool(said) and said not in request.answers.get(fields.QUESTIONS, [])
    if new_words:
        request.answers = turns.noted(request.answers, said)
    told_at = call_asked_at(ctx.session, request, ctx.now - TOLD_AGAIN_AFTER)
    told = _tell_staff(ctx, request, said) if new_words or told_at is None else []
    ctx.user.waiting_for_staff_since = ctx.now
    centre = request.centre
    if told:
        call_back = (texts.CALL_BACK_BY_LINE if fields.reached_by_line(request) else texts.CALL_BACK).format(
            phone=fields.request_phone(request), hours=centre.response_hours)
        reply = texts.CALL_ABOUT_SENT.format(reference=request.reference, call_back=call_back)
    elif told_at is None:  # no one at the centre (nor an admin) is on LINE: the console shows it, the phone is sooner
        reply = texts.CALL_ABOUT_NOTED.format(reference=request.reference, centre=centre.name, phone=centre.phone)
    else:
        reply = texts.CALL_ABOUT_ALREADY.format(reference=request.reference, time=texts.thai_datetime(told_at),
                                                centre=centre.name, phone=centre.phone)
    return Reply([Text(reply, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def call_asked_at(session: Session, request: ServiceRequest, since: datetime | None = None) -> datetime | None:
    """When staff were last told of a call asked about the request (after `since`, when given)."""
    told = select(Delivery.created_at).where(Delivery.purpose == CALL_ASKED, Delivery.request_id == request.id)
    lately = told if since is None else told.where(Delivery.created_at > since)
    return session.scalar(lately.order_by(Delivery.created_at.desc()).limit(1))


def _tell_staff(ctx: Context, request: ServiceRequest, said: str) -> list[int]:
    body = staff_texts.CALL_ASKED.format(
        who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
        phone=fields.request_phone(request) or "-", text=said or "-",
        url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    return queue_request_notice(ctx.session, request, CALL_ASKED, body)
