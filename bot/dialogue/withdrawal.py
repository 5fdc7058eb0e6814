"""Withdrawing a request already sent, by chat: only one that no officer has taken yet, asked first, its centre
told. One an officer took is theirs to close: the user is pointed to them."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

import intents
from bot.console import texts as staff_texts
from bot.console.workflow import OPEN, audit
from bot.dialogue import answers, asides, cards, fields, replies, restoring, texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.mentions import find_machine
from bot.domain import DeliveriesQueued
from bot.events import registered
from bot.events import registrations as seats
from bot.line.outbound import MAX_QUICK_REPLIES, Choose, Text
from bot.staff_alerts import queue_cancellation_notice, queue_request_notice
from intents import entities
from intents.normalize import normalize
from storage import repositories as repo
from storage.models import AuditEntry, Conversation, ServiceRequest

PASS_ON = "cancel_asked"  # the yes to telling the officer (cancel_request=cancel_asked:ID), its notice and log
PASSED_ON_FOR = timedelta(hours=1)
JUST_MADE = timedelta(hours=1)  # a request this recent is the one a tap on its summary card is about
# The newest nine are listed, which keeps "9. " and a service's chip within LINE's 20 characters (an older one is
# withdrawn by its reference), and a place to one digit.
PICKED_AT_MOST = 9
WHICH = "which_request"  # the one-question conversation, and its key: the ids of the requests listed, in order
ASKED = "which_asked"  # beside them, the id of the one picked and asked about ("ต้องการยกเลิกคำขอ … ใช่ไหมคะ")
# A listed request named by its place in the list ("อันแรก", "ข้อ 2", "#1", "ยกเลิกอันที่สองค่ะ"): an exact, closed
# question, so a small table. The list goes in the order filed, so the newest (ล่าสุด) is the last line.
PLACES = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
LAST = ("ล่าสุด", "สุดท้าย")
# Said before a pick: a cancel, or a no to the one asked about ("เอ๊ะ ไม่ใช่ค่ะ อันบรรจุภัณฑ์", "ไม่ใช่ อันที่ 2").
SAID_TO_CANCEL = re.compile(r"^(?:(?:เอ๊ะ|อ้าว)?ไม่ใช่(?:" + "|".join(replies.POLITE_ENDINGS) + r")?)?"
                            r"(?:ขอยกเลิก|ยกเลิก|เอา)?(?:คำขอ)?")
PLACE = re.compile(r"(?:อัน|ข้อ|รายการ|ลำดับ|เบอร์)?(?:ที่)?#?(\d{1,2}|" + "|".join((*PLACES, *LAST)) + ")")


def offer(ctx: Context, text: str | None) -> Reply:
    """A cancel with no flow in progress: the request whose reference was typed, or whose service it names; else an
    event registration made
    after every open request ("ยกเลิกค่ะ" just after registering); else the user's one request still waiting for an
    officer, else a choice among them. To a follower who receives the news, a bare "stop" or "ยกเลิก" may mean the
    news: the way to stop it is shown as well."""
    reference = entities.parse_reference(text or "")
    if reference:
        request = answers.own_request(ctx, reference)
        return answers.not_found(reference) if request is None else ask(ctx, request)
    named = named_in(answers.open_requests(ctx)[::-1], text) if text else None
    if named is not None and len(named) == 1:  # "ขอยกเลิกเรื่องออกแบบโคมไฟค่ะ": that one, whoever has it
        return ask(ctx, named[0])
    reply = _what_to_cancel(ctx)
    return _stop_news_too(reply) if ctx.user.subscribed and intents.is_cancel_command(text or "") else reply


def _what_to_cancel(ctx: Context) -> Reply:
    still_open = answers.open_requests(ctx)
    booked = seats.active_registrations(ctx.session, ctx.user.id, ctx.now)
    latest = max(booked, key=lambda registration: registration.created_at, default=None)
    if latest is not None and all(request.created_at < latest.created_at for request in still_open):
        return registered.ask_to_give_up(ctx, latest) if len(booked) == 1 else registered.which_to_give_up(booked)
    waiting = [request for request in still_open if request.status == "new"]
    if len(waiting) > 1:  # the newest few, in the order filed: "อันแรก" is both the first shown and the first sent
        return _which(ctx, waiting[:PICKED_AT_MOST][::-1])
    newest = waiting or still_open  # one an officer has: they say how it can be withdrawn
    if newest:
        return ask(ctx, newest[0])
    return nothing_to_cancel()


def _stop_news_too(reply: Reply) -> Reply:
    """The reply's question, then how to stop the news, its button first (LINE shows the first few)."""
    *before, last = reply.messages
    if not isinstance(last, Text):
        return reply
    stop_news = Choose(texts.STOP_NEWS, "intent=unsubscribe", texts.STOP_NEWS)
    shown = Text(f"{last.text}\n{texts.STOP_NEWS_TOO}", (stop_news, *last.quick_replies)[:MAX_QUICK_REPLIES])
    return Reply([*before, shown], reply.events)


def nothing_to_cancel() -> Reply:
    """No flow in progress, and no request of the user's that a cancel could be about."""
    return Reply([Text(texts.NOTHING_TO_CANCEL, cards.main_menu())])


def ask(ctx: Context, request: ServiceRequest, listed: list[ServiceRequest] | None = None,
        asked: str = texts.ASK_CANCEL_REQUEST) -> Reply:
    """"ยกเลิกคำขอ … ใช่ไหมคะ" for a request no officer has taken; for any other, why it cannot be withdrawn here.
    One picked from a list is asked with the `listed` kept, so that "ไม่ใช่ค่ะ อันบรรจุภัณฑ์" asks about another
    of them instead (`typed_pick`)."""
    if request.status != "new":
        return _not_withdrawable(ctx, request)
    question = asked.format(reference=request.reference, service=_service(request))
    if listed:
        _remember(ctx, listed, request)
    else:
        asides.ask_yes_or_no(ctx, f"cancel_request={request.id}", f"cancel_request=no:{request.id}", about="cancel")
    return Reply([Text(question, cards.yes_no(f"cancel_request={request.id}", f"cancel_request=no:{request.id}"))])


def _which(ctx: Context, listed: list[ServiceRequest], asked: str | None = None) -> Reply:
    """The requests still waiting for an officer, numbered (`listing`), unless `asked` otherwise; a quick reply
    each and one to keep them all. Remembered, so that "อันแรก" typed is read as the first one's tap."""
    _remember(ctx, listed)
    picks = tuple(Choose(f"{number}. {short_name(request)}"[:20], f"cancel_request={request.id}",
                         texts.WITHDRAW_PICKED.format(reference=request.reference))
                  for number, request in enumerate(listed, 1))
    keep = Choose(texts.KEEP_REQUESTS, "cancel_request=no", texts.KEEP_REQUESTS)
    return Reply([Text(asked or texts.ASK_WHICH_REQUEST.format(requests=listing(listed)), (*picks, keep))])


def _remember(ctx: Context, listed: list[ServiceRequest], asked: ServiceRequest | None = None) -> None:
    """Keep the requests listed, in order, and the one of them `asked` about, if any."""
    ids = {WHICH: [request.id for request in listed]}
    asides.remember(ctx, WHICH, (ids | {ASKED: asked.id}) if asked else ids)


def listing(listed: list[ServiceRequest]) -> str:
    """One line each: its number, service (a booking's machine), date filed and reference; the business too where
    they differ (the same name on every line tells none apart)."""
    named = len({request.business_name for request in listed}) > 1
    return "\n".join(
        texts.WHICH_LINE.format(number=number, service=request.answers.get("machine") or _service(request),
                                date=texts.thai_date(request.created_at),
                                business=f" {request.business_name or ''}".rstrip() if named else "",
                                reference=request.reference)
        for number, request in enumerate(listed, 1))


def typed_pick(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """The answer typed to "ต้องการยกเลิกคำขอไหนคะ" (`_which`), or to "…ใช่ไหมคะ" asked of the one picked: the
    request it names by its place, service or reference is asked about (`ask`), a yes withdraws the one asked
    about, a no keeps them all; None for anything else (the list is forgotten)."""
    if current is None or WHICH not in current.data:
        return None
    found = (answers.own_request_with_id(ctx, request_id) for request_id in current.data[WHICH])
    listed = [request for request in found if request]
    asked = current.data.get(ASKED)
    forget_the_list(ctx)
    said = asides.says_yes(text, "cancel")
    if said is False:
        return kept(ctx, asked)
    if said and asked is not None:
        return withdraw(ctx, asked)
    named = named_in(listed, text)
    if named is None:
        return None
    if len(named) == 1:
        return ask(ctx, named[0], listed)
    if not named:  # a place beyond the list
        return _which(ctx, listed)
    return _which(ctx, listed, texts.WHICH_OF_SERVICE.format(service=_service(named[0]), count=len(named)))


def named_in(listed: list[ServiceRequest], text: str) -> list[ServiceRequest] | None:
    """The listed requests a typed answer names by reference, place ([] for a place beyond the list), a booking's
    machine ("อันฟรีซดราย") or service (as the classifier reads it); None when it names none."""
    reference = entities.parse_reference(text)
    if reference:
        return [request for request in listed if request.reference == reference] or None
    booked = machine_named(listed, text)
    if booked:
        return booked
    said = SAID_TO_CANCEL.sub("", replies.plain(normalize(text, emoji="strip")))
    place = PLACE.fullmatch(said)
    if place:
        word = place.group(1)
        number = len(listed) if word in LAST else PLACES.get(word) or int(word)
        return listed[number - 1:number] if number > 0 else []
    prediction = intents.classify(said) if said else None
    if prediction is None or prediction.confidence < intents.CONFIDENCE_THRESHOLD:
        return None
    return [request for request in listed if request.service == prediction.intent] or None


def machine_named(listed: list[ServiceRequest], text: str) -> list[ServiceRequest]:
    """The bookings among `listed` whose machine the text names ("ขอเลื่อน CNC…", "อันฟรีซดราย")."""
    machine = find_machine(text)
    return [r for r in listed if machine and find_machine(str(r.answers.get("machine", ""))) == machine]


def offered(current: Conversation | None) -> set[str]:
    """The picks of the list of requests waiting ("ต้องการยกเลิกคำขอไหนคะ"), if one is."""
    listed = current.data.get(WHICH, []) if current is not None else []
    return {f"cancel_request={request_id}" for request_id in listed}


def forget_the_list(ctx: Context) -> None:
    """The user moved on from "ต้องการยกเลิกคำขอไหนคะ": a number typed later is about something else."""
    asides.forget(ctx, WHICH, WHICH)


def kept(ctx: Context, request_id: int | None = None) -> Reply:
    """The user said no to withdrawing: every request stays. A "ไม่ใช่" tapped under a question answered yes
    before says the request went, and how to take it back."""
    request = answers.own_request_with_id(ctx, request_id) if request_id else None
    if request is None or request.status != "cancelled":
        return Reply([Text(texts.REQUEST_KEPT, cards.main_menu())])
    undo = (restoring.chip(request),) if restoring.restorable(request, ctx.now) else ()
    return Reply([Text(texts.WITHDRAWN_KEPT.format(reference=request.reference), (*undo, *cards.main_menu()))])


def _not_withdrawable(ctx: Context, request: ServiceRequest) -> Reply:
    """An officer has the request: whether to tell them the user wants it closed (`pass_on`); or it is closed."""
    if request.status not in OPEN:
        said = texts.NOTHING_TO_WITHDRAW.format(reference=request.reference,
                                                status=texts.STATUS_NAMES.get(request.status, request.status))
        return Reply([Text(said, cards.main_menu())])
    tell, keep = f"cancel_request={PASS_ON}:{request.id}", f"cancel_request=no:{request.id}"
    asides.ask_yes_or_no(ctx, tell, keep, about="cancel")
    question = texts.WITHDRAW_TAKEN.format(reference=request.reference)
    return Reply([Text(question, (Choose(texts.PASS_ON_CANCEL, tell, texts.PASS_ON_CANCEL),
                                  Choose(texts.KEEP_IT, keep, texts.KEEP_IT)))])


def pass_on(ctx: Context, request_id: int) -> Reply:
    """The yes to "ให้แจ้งเจ้าหน้าที่ว่าท่านขอยกเลิกไหมคะ": whoever has the request is told to close it (the console
    shows the user's words); the user is told so, with the centre's phone."""
    request = answers.own_request_with_id(ctx, request_id)
    if request is None or request.status not in OPEN or request.status == "new":
        return nothing_to_cancel() if request is None else ask(ctx, request)
    if _passed_on_lately(ctx, request):  # a second tap on the same button tells no one again
        return Reply([Text(texts.CANCEL_ALREADY_PASSED_ON.format(reference=request.reference), cards.main_menu())])
    audit(ctx.session, None, PASS_ON, request, None, ctx.now)
    told = queue_request_notice(ctx.session, request, PASS_ON, staff_texts.CANCEL_ASKED.format(
        who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
        phone=fields.request_phone(request) or "-",
        url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}"))
    said = texts.CANCEL_PASSED_ON.format(reference=request.reference,
                                         told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE,
                                         centre=request.centre.name, phone=request.centre.phone)
    return Reply([Text(said, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def _passed_on_lately(ctx: Context, request: ServiceRequest) -> bool:
    """True when the user asked within the hour that the officer close this request."""
    lately = select(AuditEntry.id).where(AuditEntry.request_id == request.id, AuditEntry.action == PASS_ON,
                                         AuditEntry.created_at > ctx.now - PASSED_ON_FOR)
    return ctx.session.scalar(lately.limit(1)) is not None


def short_name(request: ServiceRequest) -> str:
    """What a quick reply calls a request: its machine, for a booking ("CNC"), else its service."""
    return request.answers.get("machine") or cards.chip_label(request.service)


def _service(request: ServiceRequest) -> str:
    return texts.SERVICE_NAMES.get(request.service, "")


def just_made(ctx: Context) -> ServiceRequest | None:
    """The user's newest request, if they made it within the last hour."""
    recent = repo.requests_of_user(ctx.session, ctx.user, limit=1)
    return recent[0] if recent and ctx.now - recent[0].created_at < JUST_MADE else None


def ask_about(ctx: Context, request_id: int) -> Reply:
    """The status card's "ยกเลิกคำขอนี้": asked first (`ask`), as a typed cancel is; a tap is easily a slip."""
    request = answers.own_request_with_id(ctx, request_id)
    return nothing_to_cancel() if request is None else ask(ctx, request)


def withdraw(ctx: Context, request_id: int) -> Reply:
    """Withdraw the user's own request if no officer has taken it yet, and tell its centre."""
    request = answers.own_request_with_id(ctx, request_id)
    if request is None:
        return nothing_to_cancel()
    if request.status != "new":
        return _not_withdrawable(ctx, request)
    if ctx.old_tap and restoring.taken_back(request):  # an old [ใช่] from before the request was taken back
        return ask(ctx, request, asked=texts.ASK_CANCEL_AGAIN)
    repo.set_request_status(ctx.session, request, "cancelled", by="line", note=texts.CANCELLED_BY_USER, at=ctx.now)
    notices = queue_cancellation_notice(ctx.session, request)
    said = Text(texts.REQUEST_CANCELLED.format(reference=request.reference),
                (restoring.chip(request), *cards.main_menu()))
    return Reply([said], [DeliveriesQueued(tuple(notices))])
