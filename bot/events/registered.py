"""A follower's registration once made: the ticket shown again, the seat or waiting-list place given up (after a
confirmation), a seat offered from the waiting list taken or declined. Registering itself is in `dialogue`."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import select

from bot.dialogue import asides
from bot.dialogue import cards as main_cards
from bot.dialogue.context import Context, Reply
from bot.dialogue.texts import thai_datetime
from bot.domain import DeliveriesQueued, DomainEvent
from bot.events import cards, notices, registrant, texts, tickets
from bot.events import registrations as seats
from bot.events.jobs import will_remind
from bot.line.inbound import Inbound
from bot.line.outbound import MAX_LABEL, MAX_QUICK_REPLIES, Choose, Image, Outbound, Text
from intents.titles import named_titles
from storage.models import Registration

# "Not going any more" ("ไม่ไปแล้วครับ", "บ่ไปแล้วเด้อ", "ไปไม่ได้แล้วค่ะ ติดธุระ"): from someone with a seat, about it;
# and "ยกเลิกงานค่ะ" alone, which the classifier cannot tell surely from a cancel (event is its label; cancel 0.83,
# then 0.70 as the training lines grew).
NOT_GOING = re.compile(r"(?:ไม่|บ่)\s*ไป\s*(?:แล้ว|ละ|ล่ะ)|ไป\s*(?:ไม่|บ่)\s*ได้"
                       r"|^\s*(?:ขอ)?\s*ยกเลิก\s*งาน\s*(?:นะ)?\s*(?:ค่ะ|ครับ|คับ|คะ|จ้า)?\s*$")


def ask_cancel(ctx: Context, value: str, event: Inbound) -> Reply:
    """Confirm before giving up a seat or a waiting-list place."""
    registration = seats.registration_of(ctx.session, int(value), ctx.user.id) if value.isdecimal() else None
    if registration is None or registration.status not in seats.ACTIVE:
        return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])
    return ask_to_give_up(ctx, registration)


def typed_not_going(ctx: Context, text: str) -> Reply | None:
    """"ไม่ไปแล้วครับ" from a follower with a registration: asked whether to give up the one whose title it names,
    or their only one, else which, as a typed cancel is; None for any other message, or with nothing registered."""
    if NOT_GOING.search(text) is None:
        return None
    mine = seats.active_registrations(ctx.session, ctx.user.id, ctx.now)
    named = [mine[i] for i in named_titles(text, [registration.event.title for registration in mine])]
    if len(named) == 1 or len(mine) == 1:
        return ask_to_give_up(ctx, (named or mine)[0])
    return which_to_give_up(mine) if mine else None


def which_to_give_up(registrations: list[Registration]) -> Reply:
    """"ต้องการยกเลิกการลงทะเบียนงานไหนคะ": a cancel said with several registrations, none named (h83); each button
    then asks to confirm, as the card's does."""
    picks = tuple(Choose(registration.event.title[:MAX_LABEL], f"ev_cancel={registration.event_id}",
                         texts.CANCEL_PICKED.format(title=registration.event.title))
                  for registration in registrations[:MAX_QUICK_REPLIES - 1])
    listed = "\n".join(texts.WHICH_EVENT_LINE.format(number=number, title=registration.event.title,
                                                     date=thai_datetime(registration.event.starts_at))
                        for number, registration in enumerate(registrations, 1))
    keep = Choose(texts.KEEP_ALL, "ev_keep=0", texts.KEEP_ALL)
    return Reply([Text(texts.ASK_WHICH_EVENT.format(events=listed), (*picks, keep))])


def ask_to_give_up(ctx: Context, registration: Registration) -> Reply:
    """"ต้องการยกเลิกการลงทะเบียน … ใช่ไหมคะ" for an active registration, the yes or no typed or tapped."""
    found = registration.event
    template = {"waiting": texts.ASK_LEAVE_WAITLIST, "offered": texts.ASK_GIVE_UP_OFFER}.get(registration.status,
                                                                                        texts.ASK_CANCEL)
    question = template.format(title=found.title, date=thai_datetime(found.starts_at))
    asides.ask_yes_or_no(ctx, f"ev_cancel_yes={found.id}", f"ev_keep={found.id}", about="cancel")
    return Reply([Text(question, main_cards.yes_no(f"ev_cancel_yes={found.id}", f"ev_keep={found.id}"))])


def cancel(ctx: Context, value: str, event: Inbound) -> Reply:
    """Cancel; a freed seat is offered at once to the next in line, in a push after the commit."""
    if not value.isdecimal():
        return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])
    outcome = seats.cancel(ctx.session, int(value), ctx.user, ctx.now)
    if outcome.status == "none":
        return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])
    registration = outcome.known_registration()
    template = texts.LEFT_WAITLIST if outcome.status == "left_waitlist" else texts.CANCELLED
    pushes = notices.queue_offers(ctx.session, outcome.offers)
    if outcome.status == "cancelled":  # seats freed (a place in line given up frees none)
        pushes += notices.queue_too_few(ctx.session, registration.event, ctx.now)
    return Reply([Text(template.format(title=registration.event.title), cards.event_choices())],
                 [DeliveriesQueued(tuple(pushes))] if pushes else [])


def answer_offer(ctx: Context, value: str, event: Inbound) -> Reply:
    """Confirm or decline a seat offered from the waiting list."""
    registration_id, _, answer = value.partition(":")
    if not registration_id.isdecimal():
        return Reply([Text(texts.NO_OFFER, cards.event_choices())])
    outcome = seats.answer_offer(ctx.session, int(registration_id), ctx.user, answer == "yes", ctx.now)
    pushes = notices.queue_offers(ctx.session, outcome.offers)
    if outcome.status in ("declined", "expired"):
        pushes += notices.queue_too_few(ctx.session, outcome.known_registration().event, ctx.now)
    queued: list[DomainEvent] = [DeliveriesQueued(tuple(pushes))] if pushes else []
    if outcome.status == "registered":
        return Reply(ticket_messages(outcome.known_registration()), queued)
    if outcome.status == "called_off":
        return called_off(outcome.known_registration())
    if outcome.status == "expired":
        return Reply([Text(texts.OFFER_EXPIRED.format(title=outcome.known_registration().event.title),
                           cards.event_choices())], queued)
    if outcome.status == "declined":
        return Reply([Text(texts.OFFER_DECLINED.format(title=outcome.known_registration().event.title),
                           cards.event_choices())], queued)
    if outcome.registration is not None and outcome.registration.status == "registered":  # the offer tapped again
        return Reply(ticket_messages(outcome.registration, texts.ALREADY_REGISTERED))
    return Reply([Text(texts.NO_OFFER, cards.event_choices())])


def show_ticket(ctx: Context, value: str, event: Inbound) -> Reply:
    """The follower's ticket (code and QR) for an event, again."""
    registration = seats.registration_of(ctx.session, int(value), ctx.user.id) if value.isdecimal() else None
    if registration is None or registration.status not in seats.ACTIVE:
        return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])
    if registration.event.status in seats.NOT_ON:
        return called_off(registration)
    return already(ctx, registration)


def offer_still_open(ctx: Context) -> Reply | None:
    """The seat offered to the follower and not yet answered, shown again for a message the bot did not make out
    ("รอแป๊บนะคะ ขอเช็คตารางก่อน"), so that "ยืนยันค่ะ" next takes it (h83); None when no offer is open."""
    offered = ctx.session.scalar(select(Registration).where(
        Registration.user_id == ctx.user.id, Registration.status == "offered",
        Registration.offered_until > ctx.now).limit(1))
    if offered is None:
        return None
    asides.ask_yes_or_no(ctx, f"ev_offer={offered.id}:yes", f"ev_offer={offered.id}:no", about="offer")
    return Reply([Text(texts.OFFER_STILL_OPEN), cards.offer_card(offered)])


def called_off(registration: Registration) -> Reply:
    """The event staff called off or set back to draft: no ticket, no seat to confirm."""
    return Reply([Text(called_off_said(registration), cards.event_choices())])


def called_off_said(registration: Registration) -> str:
    """Why the registration's event takes nobody now: called off, or on hold (set back to draft) until told."""
    event = registration.event
    template = texts.EVENT_ON_HOLD if event.status == seats.DRAFT else texts.EVENT_CALLED_OFF
    return template.format(title=event.title, date=thai_datetime(event.starts_at))


def ticket_messages(registration: Registration, said: str = texts.REGISTERED) -> list[Outbound]:
    """The confirmation: what was `said` done and the code as text (works everywhere), then the QR image when LINE
    can fetch it."""
    event = registration.event
    url = tickets.image_url(current_app.extensions["frontdesk"].settings.public_base_url, registration.code)
    text = said + "\n" + texts.TICKET.format(title=event.title, date=thai_datetime(event.starts_at),
                                             venue=cards.venue(event),
                                             people=registration.people, registrant=registrant.taken(registration),
                                             code=seats.shown_code(registration.code),
                                             show=texts.SHOW_QR if url else texts.SHOW_CODE)
    if will_remind(event, current_app.extensions["frontdesk"].clock()):
        text += texts.WILL_REMIND
    choices = (Choose(texts.CHANGE_PARTY, f"ev_party={event.id}", texts.CHANGE_PARTY),
               Choose(texts.FIX_REGISTRANT, f"ev_who={event.id}", texts.FIX_REGISTRANT),
               Choose(texts.CANCEL_REGISTRATION, f"ev_cancel={event.id}", texts.CANCEL_REGISTRATION),
               Choose(texts.OTHER_EVENTS, "intent=event", texts.OTHER_EVENTS),
               Choose(texts.CHOOSE_NEWS, "news=start", texts.CHOOSE_NEWS))
    if url is None:
        return [Text(text, choices)]
    return [Text(text), Image(url, url, choices)]


def already(ctx: Context, registration: Registration) -> Reply:
    title = registration.event.title
    if registration.status == "registered":
        return Reply(ticket_messages(registration, texts.ALREADY_REGISTERED))
    if registration.status == "offered":
        return Reply([cards.offer_card(registration)])
    position = seats.waiting_position(ctx.session, registration)
    return Reply([Text(texts.ALREADY_WAITING.format(title=title, position=position), (
        Choose(texts.LEAVE_WAITLIST, f"ev_cancel={registration.event_id}", texts.LEAVE_WAITLIST),
        *cards.event_choices()))])
