"""The LINE side of a console chat: while an officer talks with the user from the console, what the user types is
for the officer, and the bot answers only what is plainly its own.

- every line reaches the officer (or, off LINE, their centre's) as a LINE ping, one every few minutes, each carrying
  the lines not yet pinged (`bot.staff_alerts.queue_handover_ping`); the first line of a burst is acknowledged;
- a status question is answered as ever;
- a cancel that says ยกเลิก is asked about as outside a chat (`bot.dialogue.withdrawal`): the request talked about
  is withdrawn, or its officer told the user wants it closed, once the user says yes;
- a confident need for another service is acknowledged and offered as a request of its own;
- what answers the bot (a yes or no to what it asked, a request's form started from its offer) goes to the bot,
  unless the officer wrote since.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

import intents
from bot import staff_alerts
from bot.console import texts
from bot.dialogue import answers, asides, cards, flows, needs, withdrawal
from bot.dialogue import texts as dialogue_texts
from bot.dialogue.call_about import CANCELS
from bot.dialogue.context import Context, Reply
from bot.dialogue.understanding import UNCLEAR
from bot.domain import DeliveriesQueued, DomainEvent
from bot.line.outbound import Choose, Text
from intents.entities import parse_reference
from storage import repositories as repo
from storage.models import Message

# Quiet this long, the user's next line is acknowledged again: a burst after a pause leaves them wondering whether
# anyone saw it, while a word back on every line of a live chat is noise. It is the ping's own gap, so a line
# acknowledged is a line the officer is pinged with at that moment (no line came to ping within the gap).
QUIET_SPELL = staff_alerts.HANDOVER_PING_GAP
# A need said as one ("อีกเรื่องครับ อยากจองเครื่องซีล…"): the classifier is sure of a service in many an answer to
# the officer too ("ใช้เครื่องซีลที่บ้านอยู่แล้วค่ะ"), which is no new need.
WANTS = re.compile(r"อยาก|ต้องการ|สนใจ|จอง|อีกเรื่อง|อีกอย่าง|ขอ(?!บคุณ|โทษ|ทราบ)")
ASKED_IN_CHAT = "asked_in_chat"  # beside a question the bot asked during a chat: the officer's reply it followed


def typed(ctx: Context, text: str) -> Reply | None:
    """The bot's answer to a line typed during a console chat; None for a line the bot answers as ever (a status
    question, a yes or no to what it asked in the chat, a request's form started in it)."""
    said = ctx.prediction or intents.classify(text)
    if _asks_status(said) or _answers_the_bot(ctx, text) or _drops_the_form(ctx, said):
        return None
    if _cancels(said, text):
        return Reply(events=_ping(ctx, text)).then(_cancel_asked(ctx, text))
    service = _new_need(ctx, said, text)
    if service is not None:
        return _offer_new_request(ctx, service, text)
    return for_the_officer(ctx, text)


def for_the_officer(ctx: Context, words: str) -> Reply:
    """The bot keeps quiet but for a word at the start of each burst, that the officer has the message; the officer
    (or, off LINE, their centre's) hears it on LINE."""
    events = _ping(ctx, words)
    if not _after_a_quiet_spell(ctx):
        return Reply(events=events)
    ctx.user.handover_acknowledged_at = ctx.now
    return Reply([Text(texts.HANDOVER_ACK)], events)


def _ping(ctx: Context, words: str, at_once: bool = False) -> list[DomainEvent]:
    pings = staff_alerts.queue_handover_ping(ctx.session, ctx.user, words, ctx.public_base_url, ctx.now, at_once)
    return [DeliveriesQueued(tuple(pings))] if pings else []


def _after_a_quiet_spell(ctx: Context) -> bool:
    """True for the user's first line in this chat, or the first after `QUIET_SPELL` without one."""
    if ctx.user.handover_acknowledged_at is None:
        return True
    before = ctx.session.scalar(select(Message.created_at).where(Message.user_id == ctx.user.id,
                                                                 Message.direction == "in")
                                .order_by(Message.id.desc()).offset(1).limit(1))  # this line is the newest
    return before is None or before <= ctx.now - QUIET_SPELL


def _asks_status(said: intents.Prediction) -> bool:
    """"สถานะคำขอ" is answered by the bot, even while an officer talks with the user."""
    return said.intent == "request_status" and said.confidence >= intents.INTERRUPT_THRESHOLD


def _cancels(said: intents.Prediction, text: str) -> bool:
    """A cancel read with confidence that says ยกเลิก ("ยกเลิกคำขอค่ะ ได้ที่อื่นแล้ว"); "ไว้ก่อนค่ะ", read as a cancel
    too, answers the officer."""
    return (said.intent == "cancel" and said.confidence >= intents.CONFIDENCE_THRESHOLD
            and CANCELS.search(text) is not None)


def _drops_the_form(ctx: Context, said: intents.Prediction) -> bool:
    """"ยกเลิก" alone with a request's form open, even once the officer took the chat back: the form's own word for
    dropping it, as its questions say, never a wish to cancel the request the chat is about."""
    current = repo.get_conversation(ctx.session, ctx.user)
    exact = said.intent == "cancel" and said.confidence >= 1.0  # the cancel command, read by rule
    return exact and current is not None and current.flow in flows.FLOWS


def _cancel_asked(ctx: Context, text: str) -> Reply:
    """The cancel flow, for the request the chat is about unless the message names another by its reference or
    service; its question's yes or no typed next is the bot's."""
    request = staff_alerts.handover_request(ctx.session, ctx.user)
    named = withdrawal.named_in(answers.open_requests(ctx)[::-1], text)
    if request is None or parse_reference(text) is not None or (named and request not in named):
        reply = withdrawal.offer(ctx, text)
    else:
        reply = withdrawal.ask(ctx, request)
    _mark_asked(ctx)
    return reply


def _new_need(ctx: Context, said: intents.Prediction, text: str) -> str | None:
    """The other service a line plainly asks for; None for any other line. In a chat about a call-for-staff request,
    the need is what the user called about: the officer's to take up."""
    request = staff_alerts.handover_request(ctx.session, ctx.user)
    if request is None or request.service == "contact_staff":
        return None
    sure = said.confidence >= intents.INTERRUPT_THRESHOLD and WANTS.search(text) is not None
    return said.intent if sure and said.intent in intents.SERVICE_LABELS and said.intent != request.service else None


def _offer_new_request(ctx: Context, service: str, text: str) -> Reply:
    """The line goes to the officer at once; the user is told so, and offered the need as a request of its own,
    started from this message when tapped (or a yes typed)."""
    events = _ping(ctx, text, at_once=True)
    ctx.user.handover_acknowledged_at = ctx.now
    start = f"intent={service}"
    name = dialogue_texts.SERVICE_NAMES[service]
    asides.remember(ctx, UNCLEAR, {UNCLEAR: text, asides.YES_OR_NO: {"yes": start, "no": needs.LATER,
                                                                      "about": "second_need"}})
    _mark_asked(ctx)
    return Reply([Text(texts.HANDOVER_NEW_NEED.format(service=name), (
        Choose(cards.chip_label(service), start, f"เริ่มเรื่อง{name}"),
        Choose(dialogue_texts.NOT_NOW, needs.LATER, dialogue_texts.NOT_NOW)))], events)


def _mark_asked(ctx: Context) -> None:
    """Remember that the question waiting was asked during this chat, after the officer's last reply."""
    current = repo.get_conversation(ctx.session, ctx.user)
    reply = staff_alerts.last_reply(ctx.session, ctx.user)
    if current is not None and reply is not None and asides.YES_OR_NO in current.data:
        data = current.data | {ASKED_IN_CHAT: reply.id}
        repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, data)


def _answers_the_bot(ctx: Context, text: str) -> bool:
    """True for a yes or no to a question the bot asked since the officer last wrote, and for any line while a
    request's form started since then is in progress (the officer's next line takes the chat back). A line that
    does not answer the question moves on from it: a later "ได้ค่ะ" is for the officer."""
    current = repo.get_conversation(ctx.session, ctx.user)
    reply = staff_alerts.last_reply(ctx.session, ctx.user)
    if current is None or reply is None:
        return False
    if current.flow in flows.FLOWS:
        started = current.data.get("started_at")
        return started is not None and datetime.fromisoformat(started) >= reply.created_at
    buttons = current.data.get(asides.YES_OR_NO)
    if buttons is None or current.data.get(ASKED_IN_CHAT) != reply.id:
        return False
    if asides.says_yes(text, buttons.get("about", "")) is not None:
        return True
    asides.forget(ctx, asides.YES_OR_NO, asides.YES_OR_NO)
    asides.forget(ctx, UNCLEAR, UNCLEAR)
    return False
