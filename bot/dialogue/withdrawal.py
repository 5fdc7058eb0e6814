"""Withdrawing a request already sent, by chat: only one that no officer has taken yet, asked first, its centre
told. One an officer took is theirs to close: the user is pointed to them."""

from __future__ import annotations

from datetime import timedelta

from bot.console.workflow import OPEN
from bot.dialogue import answers, asides, cards, texts
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Choose, Text
from bot.staff_alerts import queue_cancellation_notice
from intents import entities
from storage import repositories as repo
from storage.models import ServiceRequest

JUST_MADE = timedelta(hours=1)  # a request this recent is the one a tap on its summary card is about
PICKED_AT_MOST = 12  # LINE shows 13 quick replies; the last one keeps them all


def offer(ctx: Context, text: str | None) -> Reply:
    """A cancel with no flow in progress: the request whose reference was typed, else the user's one request
    still waiting for an officer, else a choice among them."""
    reference = entities.parse_reference(text or "")
    if reference:
        request = answers.own_request(ctx, reference)
        return answers.not_found(reference) if request is None else ask(ctx, request)
    still_open = answers.open_requests(ctx)
    waiting = [request for request in still_open if request.status == "new"]
    if len(waiting) > 1:  # the newest few, in the order filed: "อันแรก" is both the first shown and the first sent
        return _which(waiting[:PICKED_AT_MOST][::-1])
    newest = waiting or still_open  # one an officer has: they say how it can be withdrawn
    if newest:
        return ask(ctx, newest[0])
    return nothing_to_cancel()


def nothing_to_cancel() -> Reply:
    """No flow in progress, and no request of the user's that a cancel could be about."""
    return Reply([Text(texts.NOTHING_TO_CANCEL, cards.main_menu())])


def ask(ctx: Context, request: ServiceRequest) -> Reply:
    """"ยกเลิกคำขอ … ใช่ไหมคะ" for a request no officer has taken; for any other, why it cannot be withdrawn here."""
    if request.status != "new":
        return _not_withdrawable(request)
    question = texts.ASK_CANCEL_REQUEST.format(reference=request.reference, service=_service(request))
    asides.ask_yes_or_no(ctx, f"cancel_request={request.id}", "cancel_request=no", about="cancel")
    return Reply([Text(question, cards.yes_no(f"cancel_request={request.id}", "cancel_request=no"))])


def _which(listed: list[ServiceRequest]) -> Reply:
    """The requests still waiting for an officer, numbered (`_listing`); a quick reply each and one to keep them
    all."""
    picks = tuple(Choose(f"{number}. {cards.chip_label(request.service)}", f"cancel_request={request.id}",
                         texts.WITHDRAW_PICKED.format(reference=request.reference))
                  for number, request in enumerate(listed, 1))
    keep = Choose(texts.KEEP_REQUESTS, "cancel_request=no", texts.KEEP_REQUESTS)
    return Reply([Text(_listing(listed), (*picks, keep))])


def _listing(listed: list[ServiceRequest]) -> str:
    """One line each: its number, service, date filed and reference; the business too where they differ (the
    same name on every line tells none apart)."""
    named = len({request.business_name for request in listed}) > 1
    return texts.ASK_WHICH_REQUEST.format(requests="\n".join(
        texts.WHICH_LINE.format(number=number, service=_service(request), date=texts.thai_date(request.created_at),
                                business=f" {request.business_name or ''}".rstrip() if named else "",
                                reference=request.reference)
        for number, request in enumerate(listed, 1)))


def _not_withdrawable(request: ServiceRequest) -> Reply:
    """An officer has the request (they close it when asked), or it is already closed."""
    if request.status in OPEN:
        said = texts.WITHDRAW_TAKEN.format(reference=request.reference, centre=request.centre.name,
                                           phone=request.centre.phone)
    else:
        said = texts.NOTHING_TO_WITHDRAW.format(reference=request.reference,
                                                status=texts.STATUS_NAMES.get(request.status, request.status))
    return Reply([Text(said, cards.main_menu())])


def _service(request: ServiceRequest) -> str:
    return texts.SERVICE_NAMES.get(request.service, "")


def just_made(ctx: Context) -> ServiceRequest | None:
    """The user's newest request, if they made it within the last hour."""
    recent = repo.requests_of_user(ctx.session, ctx.user, limit=1)
    return recent[0] if recent and ctx.now - recent[0].created_at < JUST_MADE else None


def ask_about(ctx: Context, request_id: int) -> Reply:
    """The status card's "ยกเลิกคำขอนี้": asked first (`ask`), as a typed cancel is; a tap is easily a slip."""
    request = _own(ctx, request_id)
    return nothing_to_cancel() if request is None else ask(ctx, request)


def _own(ctx: Context, request_id: int) -> ServiceRequest | None:
    request = ctx.session.get(ServiceRequest, request_id)
    return request if request is not None and request.user_id == ctx.user.id else None


def withdraw(ctx: Context, request_id: int) -> Reply:
    """Withdraw the user's own request if no officer has taken it yet, and tell its centre."""
    request = _own(ctx, request_id)
    if request is None:
        return nothing_to_cancel()
    if request.status != "new":
        return _not_withdrawable(request)
    repo.set_request_status(ctx.session, request, "cancelled", by="line", note=texts.CANCELLED_BY_USER)
    notices = queue_cancellation_notice(ctx.session, request)
    return Reply([Text(texts.REQUEST_CANCELLED.format(reference=request.reference), cards.main_menu())],
                 [DeliveriesQueued(tuple(notices))])
