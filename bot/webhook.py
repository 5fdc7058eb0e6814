"""POST /callback: verify LINE's signature, record each event once, answer it, then run its side effects."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from flask import Blueprint, Flask, current_app, jsonify, request

import intents
from bot import jobs
from bot.alarms import alarm_clock
from bot.console import line_side
from bot.dialogue import texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.handler import handle
from bot.domain import AttachmentReceived, DeliveriesQueued, DomainEvent, StatusChanged
from bot.errors import InvalidReplyToken, LineApiError
from bot.line.inbound import BadWebhook, Inbound, parse_body, verify
from bot.line.outbound import Flex, Outbound, Text, to_line_messages
from bot.services import Services
from storage import repositories as repo
from storage.database import unit_of_work

log = logging.getLogger(__name__)
blueprint = Blueprint("webhook", __name__)
LOADING_AFTER_SECONDS = 0.5
LOADING_SECONDS = 10


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)


@blueprint.post("/callback")
def callback():
    """LINE's webhook: 400 for a bad signature or body, 200 for everything well signed."""
    services: Services = current_app.extensions["frontdesk"]
    body = request.get_data(cache=False)
    if not verify(body, request.headers.get("X-Line-Signature"), services.settings.line_channel_secret):
        return jsonify(message="invalid signature"), 400
    try:
        events = parse_body(body)
    except BadWebhook as error:
        log.warning("signed but unreadable webhook body: %s", error)
        return jsonify(message="unreadable body"), 400
    for event in events:
        process_event(services, event)
    return jsonify(status="ok")


def process_event(services: Services, event: Inbound) -> None:
    """Handle one event exactly once; failures are logged and answered with an apology, never a 5xx."""
    try:
        with _loading_while_slow(services, event):
            reply = _handle_once(services, event)
    except Exception:
        log.exception("failed to handle LINE event %s (%s)", event.event_id, event.line_type)
        reply = Reply([Text(texts.ERROR)]) if event.reply_token and not event.standby else None
    if reply is None:
        return
    try:
        if reply.messages and event.mark_as_read_token:
            services.line.mark_as_read(event.mark_as_read_token)
        if reply.messages and event.reply_token:
            send_reply(services, event, reply.messages)
    finally:
        try:
            dispatch(reply.events)
        except Exception:
            # The deliveries are committed: the periodic sweep sends them if their jobs could not be queued.
            log.exception("could not queue the jobs of LINE event %s", event.event_id)


@contextmanager
def _loading_while_slow(services: Services, event: Inbound) -> Iterator[None]:
    """Show LINE's loading animation when answering takes more than a moment (one-to-one chats only)."""
    if not (event.one_to_one and event.user_id and event.reply_token and not event.standby):
        yield
        return
    delay = float(services.settings.extra.get("loading_after_seconds", LOADING_AFTER_SECONDS))
    show = functools.partial(services.line.show_loading, event.user_id, LOADING_SECONDS)
    if delay <= 0:
        show()
        yield
        return
    alarm = alarm_clock.after(delay, show)
    try:
        yield
    finally:
        # An animation request still on its way must land before the reply, or it would outlive it.
        alarm.call_off()


def _handle_once(services: Services, event: Inbound) -> Reply | None:
    now = services.clock()
    # Reading Thai takes a moment: do it before taking the database's write lock.
    prediction = intents.classify(event.text or "") if event.kind == "text" and not event.standby else None
    with unit_of_work(services.sessions) as session:
        if not repo.claim_event(session, event.event_id, event.line_type):
            log.info("event %s already processed (redelivery=%s)", event.event_id, event.redelivery)
            return None
        if event.standby:
            log.info("no reply for a %s event in standby mode", event.line_type)
            return None
        if not event.one_to_one:
            return line_side.on_group_event(session, event, now)
        if not event.user_id:
            log.info("ignoring a %s event without a user", event.line_type)
            return None
        user = repo.get_or_create_user(session, event.user_id, lock=True)
        ctx = Context(session, user, now, _bangkok_today(now), public_base_url=services.settings.public_base_url,
                      prediction=prediction)
        reply = handle(ctx, event)
        if not ctx.erased:
            for message in reply.messages:
                repo.log_message(session, user, "out", _kind(message), _transcript_text(message))
    return reply


def send_reply(services: Services, event: Inbound, messages: list[Outbound]) -> None:
    """Reply with the token; if LINE refuses the token or fails, the same messages go out as a push job."""
    assert event.reply_token is not None, "process_event only replies to events with a reply token"
    payload = to_line_messages(messages)
    try:
        services.line.reply(event.reply_token, payload)
        return
    except InvalidReplyToken as error:
        log.info("reply token unusable, pushing instead: %s", error)
    except LineApiError as error:
        if getattr(error, "maybe_delivered", False) or (error.status and 400 <= error.status < 500
                                                         and error.status != 429):
            log.warning("reply failed and will not be pushed (it may have arrived, or cannot): %s", error)
            return
        log.warning("reply failed, pushing instead: %s", error)
    chat = event.group_id or event.user_id  # where the reply would have appeared
    if chat is None:
        log.warning("reply to LINE event %s failed and it names no chat to push to", event.event_id)
        return
    with unit_of_work(services.sessions) as session:
        delivery_id = repo.new_delivery(session, "reply_fallback", [chat], payload).id
    jobs.enqueue_deliveries([delivery_id])


def dispatch(events: list[DomainEvent]) -> None:
    """Start the background work of committed domain events."""
    for event in events:
        if isinstance(event, AttachmentReceived):
            jobs.fetch_attachment(event.attachment_id)
        elif isinstance(event, StatusChanged):
            jobs.notify_requester(event.request_id)
        elif isinstance(event, DeliveriesQueued):
            jobs.enqueue_deliveries(event.delivery_ids)


def _kind(message: Outbound) -> str:
    return "text" if isinstance(message, Text) else "flex" if isinstance(message, Flex) else "image"


def _transcript_text(message: Outbound) -> str:
    if isinstance(message, Text):
        return message.text
    return message.alt_text if isinstance(message, Flex) else message.url


def _bangkok_today(now: datetime):
    return now.astimezone(texts.BANGKOK).date()
