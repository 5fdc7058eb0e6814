"""Buttons and quick replies: each carries its meaning in its postback data (`key=value`), acted on by the table
at the end of this module, never through the classifier."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import parse_qsl

import intents
from bot.console import line_side
from bot.dialogue import (
    answers,
    call_about,
    cards,
    consent,
    conversation,
    flows,
    rescheduling,
    restoring,
    staff,
    texts,
    turns,
    withdrawal,
)
from bot.dialogue.context import Context, Reply
from bot.dialogue.understanding import CALL_BACK, INTERRUPTING, act_on, unclear_text
from bot.events import dialogue as event_dialogue
from bot.line.inbound import Inbound
from bot.line.outbound import PickDate, Text
from intents.provinces import find_province
from storage import repositories as repo

log = logging.getLogger(__name__)


def on_postback(ctx: Context, event: Inbound) -> Reply:
    """Buttons and quick replies carry their meaning; they never go through the classifier."""
    repo.log_message(ctx.session, ctx.user, "in", "postback", event.postback)
    return act(ctx, event.postback or "", event)


def act(ctx: Context, postback: str, event: Inbound) -> Reply:
    """Do what the postback data says; a menu label typed arrives here as its button's data."""
    data = dict(parse_qsl(postback))
    for key, action in (_POSTBACKS | line_side.POSTBACKS | event_dialogue.POSTBACKS).items():
        if key in data:
            return action(ctx, data[key], event)
    log.info("unknown postback data %r", postback)
    return Reply([Text(texts.MENU_PROMPT, cards.main_menu())])


def _answer_postback(ctx: Context, value: str, event: Inbound) -> Reply:
    current = conversation.request_flow(ctx)
    if current is None:
        return withdrawal.nothing_to_cancel()
    if not _offered(current, value):
        return conversation.reask(ctx, current)  # a chip from an earlier question
    picked = event.postback_params.get("date", value)
    return conversation.step(ctx, current, picked)


def _offered(current, value: str) -> bool:
    question = flows.FLOWS[current.flow].field(current.state)
    choices = question.choices if question else ()
    return any(getattr(c, "data", None) == f"answer={value}" or isinstance(c, PickDate) for c in choices)


def _flow_postback(states: tuple[str, ...], prefix: str = "") -> Callable[[Context, str, Inbound], Reply]:
    def handle_choice(ctx: Context, value: str, event: Inbound) -> Reply:
        current = conversation.request_flow(ctx)
        if current is None:
            return withdrawal.nothing_to_cancel()
        if current.state not in states:
            return conversation.reask(ctx, current)  # a button on an old card
        return conversation.step(ctx, current, prefix + value)
    return handle_choice


def _confirm(ctx: Context, value: str, event: Inbound) -> Reply:
    """The summary's "ยืนยันส่งคำขอ" and "แก้ไข"; tapped once the request went, they file or change nothing."""
    if conversation.request_flow(ctx) is None:
        return conversation.already_submitted(ctx, edit=value == "edit")
    return _flow_postback(turns.SUMMARY)(ctx, value, event)


def _edit(ctx: Context, value: str, event: Inbound) -> Reply:
    """The chips of "ต้องการแก้ข้อไหนคะ"; tapped after the request went, they say how it can still change."""
    if conversation.request_flow(ctx) is None:
        return conversation.already_submitted(ctx, edit=True)
    return _flow_postback(("edit", "confirm"), prefix="แก้")(ctx, value, event)


def _resume(ctx: Context, value: str, event: Inbound) -> Reply:
    current = conversation.request_flow(ctx)
    if current is None:
        return withdrawal.nothing_to_cancel()
    return conversation.reask(ctx, current)


def _reuse(ctx: Context, value: str, event: Inbound) -> Reply:
    current = conversation.request_flow(ctx)
    if current is None or current.state != conversation.REUSE:
        return Reply([Text(texts.MENU_PROMPT, cards.main_menu())])
    return conversation.reuse(ctx, current, accept=value == "yes")


def _erase(ctx: Context, value: str, event: Inbound) -> Reply:
    return answers.erase(ctx) if value == "yes" else Reply([Text(texts.ERASE_KEPT, cards.main_menu())])


def _cancel_request(ctx: Context, value: str, event: Inbound) -> Reply:
    """cancel_request=ID withdraws (the yes to "ยกเลิกคำขอ…ใช่ไหมคะ", or a pick from the list); =ask:ID, the status
    card's button, asks that first; =cancel_asked:ID tells the officer who took it that the user wants it closed;
    anything else ("ไม่ใช่", =no:ID) keeps the request. Answered in the middle of
    another request (`_withdrawal_named`), the offer to carry on with it follows."""
    said, _, request_id = value.rpartition(":")
    if said == "ask" and request_id.isdecimal():
        return withdrawal.ask_about(ctx, int(request_id))
    if said == withdrawal.PASS_ON and request_id.isdecimal():
        return withdrawal.pass_on(ctx, int(request_id))
    if said == "no":
        answer = withdrawal.kept(ctx, int(request_id) if request_id.isdecimal() else None)
    else:
        answer = withdrawal.withdraw(ctx, int(request_id)) if request_id.isdecimal() else withdrawal.kept(ctx)
    current = conversation.request_flow(ctx)
    return answer if current is None else conversation.aside(ctx, current, answer)


def _call_back(ctx: Context, value: str, event: Inbound) -> Reply:
    """"ยินยอมให้โทรกลับ" under a centre's card: consent, then the call-back request for the province shown."""
    province = find_province(value)
    return consent.given_for(ctx, "contact_staff", {"province": province.name} if province else {})


def _accept(ctx: Context, value: str, event: Inbound) -> Reply:
    return staff.accept(ctx, int(value)) if value.isdecimal() else Reply([Text(texts.STAFF_NOT_YOURS)])


def _service(ctx: Context, value: str, event: Inbound) -> Reply:
    if value not in intents.SERVICE_LABELS:
        return answers.services_menu()
    province = _postback_province(event)
    said = conversation.switched_from(ctx, value)  # what made the bot offer it, in the middle of another request
    found = intents.extract_entities(said, today=ctx.today) if said else {}
    return conversation.start(ctx, value, said, found | ({"province": province} if province else {}))


def _postback_province(event: Inbound) -> str | None:
    """The province a centre card put in its postback (from a shared location), if it is a real one."""
    found = find_province(dict(parse_qsl(event.postback or "")).get("province", ""))
    return found.name if found else None


def _intent(ctx: Context, value: str, event: Inbound) -> Reply:
    if value not in intents.LABELS:
        return Reply([Text(texts.MENU_PROMPT, cards.main_menu())])
    current = conversation.request_flow(ctx)
    if current is not None and value in INTERRUPTING:
        return conversation.aside(ctx, current, act_on(ctx, value, None))
    # A service chosen for a message the bot was unsure of starts from that message ("…แล้วก็อยากหาคนรับซื้อด้วย");
    # events chosen for it are those it asked about ("งานอบรมที่กรุงเทพมีไหม": the events in Bangkok), and the centre
    # chosen answers what it asked ("จอดรถได้ไหมคะ": parking, after the card).
    said = unclear_text(ctx) if value in (*intents.SERVICE_LABELS, "contact_staff", "event", "center_info") else None
    return act_on(ctx, value, said)


_POSTBACKS: dict[str, Callable[[Context, str, Inbound], Reply]] = {
    "consent": lambda ctx, value, event: consent.answer(ctx, value == "yes"),
    "privacy": lambda ctx, value, event: answers.privacy(),
    "menu": lambda ctx, value, event: answers.services_menu(_postback_province(event)),
    "help": lambda ctx, value, event: answers.help_text(),
    "later": lambda ctx, value, event: Reply([Text(texts.LATER, cards.main_menu())]),
    "service": _service,
    "intent": _intent,
    "answer": _answer_postback,
    "confirm": _confirm,
    "edit": _edit,
    # The summary card's "ยกเลิก" (cancel=ask) asks first; cancel=flow, the yes to that and every other "ยกเลิก"
    # button, drops the flow.
    "cancel": lambda ctx, value, event: conversation.cancel(ctx, confirmed=value != "ask"),
    "resume": _resume,
    "reuse": _reuse,
    "erase": _erase,
    "cancel_request": _cancel_request,
    "subscribe": lambda ctx, value, event: answers.subscribe(ctx),
    "accept": _accept,
    CALL_BACK: _call_back,
    conversation.DROPPED: lambda ctx, value, event: conversation.take_back(ctx),
    call_about.CALL_ABOUT: lambda ctx, value, event: call_about.answered(ctx, value),
    rescheduling.MOVE: rescheduling.picked,
    restoring.RESTORE: lambda ctx, value, event: (restoring.restore(ctx, int(value)) if value.isdecimal() else
                                                  Reply([Text(texts.NOT_RESTORED, cards.main_menu())])),
}
