"""A registration's party changed after the fact: "เปลี่ยนจำนวนคน" on the ticket or the event's card, then the new
number tapped or typed; or typed straight away ("ขอเปลี่ยนเป็น 3 คนค่ะ", "เพิ่มอีก 1 คน", "ลดเหลือ 2 ท่าน"), asked
first since a misread number would move real seats.

Postback data:
    ev_party=EVENT       how many people now? (a number typed answers it, until the next message or tap)
    ev_party_of=EVENT:N  "from 2 to N, right?" for one of several registrations, picked by its event
    ev_party_to=EVENT:N  the party becomes N: more seats if free, seats given back offered to the waiting list
    ev_party_keep=EVENT  the party stays as it is

A message counts as a change only with a word of change as a whole word (เพิ่ม, not เพิ่มเติม; ลด, not ส่วนลด) and
a party, and when the classifier reads no other need in it with confidence, unless it names the event.
"""

from __future__ import annotations

from sqlalchemy import select

import intents
from bot.dialogue import asides
from bot.dialogue import cards as main_cards
from bot.dialogue.context import Context, Reply
from bot.dialogue.texts import thai_date
from bot.domain import DeliveriesQueued
from bot.events import cards, notices, registered, texts
from bot.events import registrations as seats
from bot.line.inbound import Inbound
from bot.line.outbound import Choose, Outbound, Text
from intents.entities import parse_people
from intents.normalize import normalize
from intents.titles import named_titles
from intents.tokenize import tokenize
from storage import repositories as repo
from storage.models import Event, Registration

ASKED = "event_party_change"  # the one-question flow, and its key: the event whose new party is asked
# Words of change, as the tokeniser cuts them. "เพิ่มอีก 1 คน" adds to the party and "ลดลง 1 คน" takes away, unless
# the new total is said ("เพิ่มเป็น 4", "ลดเหลือ 2", "เปลี่ยนจาก 2 คน เป็น 3 คน"): then it is what follows.
MORE, FEWER = frozenset({"เพิ่ม"}), frozenset({"ลด", "ลดลง"})
TOTAL = frozenset({"เป็น", "เหลือ", "ลดเหลือ", "เปลี่ยนเป็น", "ทั้งหมด", "รวม", "รวมเป็น"})
CHANGE_WORDS = frozenset({"เปลี่ยน", "เปลี่ยนเป็น", "แก้", "แก้ไข", "เพิ่ม", "ลด", "ลดลง", "ลดเหลือ", "เหลือ"})
# What the classifier may read in a change ("ลดลง 1 ท่านค่ะ" sounds like nothing in particular); a confident service,
# status, staff or centre question is that need, with a party in it ("ปรึกษาลดต้นทุน โรงงานมีคนงาน 8 คน").
MAY_READ_AS = frozenset({"event", "out_of_scope", "greeting", "cancel"})
CHIP = 20  # LINE's longest quick-reply label
QUICK_REPLIES = 13  # and the most quick replies


def ask(ctx: Context, value: str, event: Inbound) -> Reply:
    """"How many people now?" (`ev_party=EVENT`), with a button for each other party size."""
    registration = _own(ctx, value)
    return _nothing() if registration is None else _ask(ctx, registration)


def typed_answer(ctx: Context, text: str, cancels: bool) -> Reply | None:
    """The number typed at "how many people now?" (`ask`), or a cancel; None when that question is not waiting, or
    the text is no number or names another event (the question is dropped either way)."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is None or ASKED not in current.data:
        return None
    registration = _own(ctx, str(current.data[ASKED]))
    forget(ctx)
    if registration is None:
        return None
    if cancels:
        return _kept(registration)
    people = _party_said(text, _words(text))
    if people is None or _titled(ctx, text) - {registration.event_id}:
        return None
    return _change(ctx, registration, people)


def typed_change(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """"ขอเปลี่ยนเป็น 3 คนค่ะ" from a follower with a registration: the change it means, asked first; with several,
    the one named by its title, else a button for each; None for any other message (`CHANGE_WORDS`,
    `MAY_READ_AS`)."""
    words = _words(text)
    people = _party_said(text, words)
    if people is None or CHANGE_WORDS.isdisjoint(words):
        return None
    mine = seats.active_registrations(ctx.session, ctx.user.id, ctx.now)
    titled = _titled(ctx, text)
    named = [registration for registration in mine if registration.event_id in titled]
    if (titled and not named) or not mine:  # "ลงทะเบียนงาน … เพิ่ม 2 คน": another event, registered for as any is
        return None
    if not named and prediction.intent not in MAY_READ_AS and prediction.confidence >= intents.CONFIDENCE_THRESHOLD:
        return None
    if len(named) == 1 or len(mine) == 1:
        registration = (named or mine)[0]
        return _confirm(ctx, registration, _new_party(words, people, registration.people))
    picks = tuple(_pick(registration, _new_party(words, people, registration.people)) for registration in mine)
    return Reply([Text(texts.WHICH_PARTY, (*picks[:QUICK_REPLIES - 1], *cards.event_choices()[:1]))])


def confirm(ctx: Context, value: str, event: Inbound) -> Reply:
    """One of several registrations picked for a typed change (`ev_party_of=EVENT:N`): asked, as any typed change."""
    picked = _picked(ctx, value)
    return _nothing() if picked is None else _confirm(ctx, *picked)


def change(ctx: Context, value: str, event: Inbound) -> Reply:
    """Make the party N (`ev_party_to=EVENT:N`)."""
    picked = _picked(ctx, value)
    return _nothing() if picked is None else _change(ctx, *picked)


def keep(ctx: Context, value: str, event: Inbound) -> Reply:
    """"ไม่" to the change asked about: nothing moves."""
    registration = _own(ctx, value)
    return _nothing() if registration is None else _kept(registration)


def forget(ctx: Context) -> None:
    """The follower moved on from "how many people now?"."""
    asides.forget(ctx, ASKED, ASKED)


def _change(ctx: Context, registration: Registration, people: int) -> Reply:
    """The ticket again with its new number (or the offer, still to confirm), or why the party cannot grow."""
    if not 1 <= people <= seats.MAX_PARTY:
        return Reply([cards.party_too_big(ctx.session, registration.event, seats.MAX_PARTY)]).then(
            _ask(ctx, registration))
    if people == registration.people:
        return Reply([Text(texts.PARTY_UNCHANGED.format(title=registration.event.title, held=held(registration)),
                           cards.event_choices())])
    gives_back = people < registration.people and registration.status in seats.HOLDING_SEATS
    outcome = seats.change_party(ctx.session, registration.event_id, ctx.user, people, ctx.now)
    if outcome.status == "closed":
        return Reply([Text(texts.PARTY_CLOSED.format(title=registration.event.title, held=held(registration)),
                           cards.event_choices())])
    if outcome.status == "short":
        return _short(registration, people, outcome.seats_left)
    if outcome.status == "none":
        return _nothing()
    others = [offered for offered in outcome.offers if offered.id != registration.id]  # their own is in the reply
    pushes = notices.queue_offers(ctx.session, others)
    if gives_back:  # seats given back may be too few for the party waiting first
        pushes += notices.queue_too_few(ctx.session, registration.event, ctx.now)
    return Reply(_changed(ctx, registration), [DeliveriesQueued(tuple(pushes))] if pushes else [])


def take_part(ctx: Context, value: str, event: Inbound) -> Reply:
    """"ลงทะเบียน N ท่าน" under the seats too few for the party waiting (`notices.queue_too_few`): those seats for
    part of it, or, taken meanwhile, its place in line as it was."""
    picked = _picked(ctx, value)
    if picked is None:
        return _nothing()
    registration, people = picked
    before = registration.people
    outcome = seats.take_part(ctx.session, registration.event_id, ctx.user, people, ctx.now)
    if outcome.status == "registered":
        return Reply(registered.ticket_messages(registration, texts.PART_REGISTERED.format(people=people,
                                                                                           before=before)))
    if outcome.status == "short":
        return Reply([Text(texts.PART_GONE.format(title=registration.event.title, people=registration.people,
                                                  position=seats.waiting_position(ctx.session, registration)),
                           cards.event_choices())])
    return registered.already(ctx, registration)


def _words(text: str) -> list[str]:
    return [word for word in tokenize(normalize(text)) if word.strip()]


def _party_said(text: str, words: list[str]) -> int | None:
    """The party a message gives: what follows its last word for a total ("เปลี่ยนจาก 2 คน เป็น 3 คน"), else the
    first it names."""
    last_total = max((i for i, word in enumerate(words) if word in TOTAL), default=None)
    after = parse_people("".join(words[last_total + 1:])) if last_total is not None else None
    return after if after is not None else parse_people(text)


def _new_party(words: list[str], people: int, now_coming: int) -> int:
    """The party a change typed means: `people` itself, or added to or taken from the party coming now."""
    adds, takes = not MORE.isdisjoint(words), not FEWER.isdisjoint(words)
    if not TOTAL.isdisjoint(words) or adds == takes:
        return people
    return now_coming + people if adds else now_coming - people


def _titled(ctx: Context, text: str) -> set[int]:
    """The upcoming events the message names by their title."""
    upcoming = list(ctx.session.scalars(select(Event).where(Event.status == "published", Event.starts_at > ctx.now)))
    return {upcoming[i].id for i in named_titles(text, [event.title for event in upcoming])}


def _ask(ctx: Context, registration: Registration) -> Reply:
    asides.remember(ctx, ASKED, {ASKED: registration.event_id})
    question = texts.ASK_NEW_PARTY.format(title=registration.event.title, held=held(registration))
    sizes = (n for n in range(1, seats.MAX_PARTY + 1) if n != registration.people)
    return Reply([Text(question, tuple(_choice(registration.event_id, n) for n in sizes))])


def _confirm(ctx: Context, registration: Registration, people: int) -> Reply:
    """"เปลี่ยน … จาก 2 เป็น 3 ท่าน ใช่ไหมคะ"; a party too large is asked for again instead, and none at all is a
    cancel, asked as one."""
    event_id, title = registration.event_id, registration.event.title
    if people == registration.people:
        return Reply([Text(texts.PARTY_UNCHANGED.format(title=title, held=held(registration)),
                           cards.event_choices())])
    if people < 1:  # "ลดลง 2 คน" of two: nobody is coming
        return registered.ask_to_give_up(ctx, registration)
    if people > seats.MAX_PARTY:
        return Reply([cards.party_too_big(ctx.session, registration.event, seats.MAX_PARTY)]).then(
            _ask(ctx, registration))
    yes, no = f"ev_party_to={event_id}:{people}", f"ev_party_keep={event_id}"
    asides.ask_yes_or_no(ctx, yes, no)
    question = texts.ASK_CHANGE_PARTY.format(title=title, before=registration.people, people=people)
    return Reply([Text(question, main_cards.yes_no(yes, no))])


def _changed(ctx: Context, registration: Registration) -> list[Outbound]:
    title, people = registration.event.title, registration.people
    if registration.status == "waiting":
        position = seats.waiting_position(ctx.session, registration)
        return [Text(texts.WAITING_PARTY_CHANGED.format(title=title, people=people, position=position),
                     cards.event_choices())]
    if registration.status == "offered":  # not confirmed yet: the offer, answered as any ("ได้ค่ะ" typed accepts)
        answers = f"ev_offer={registration.id}:yes", f"ev_offer={registration.id}:no"
        asides.ask_yes_or_no(ctx, *answers, about="offer")
        return [Text(texts.OFFERED_PARTY_CHANGED.format(title=title, people=people)), cards.offer_card(registration)]
    return registered.ticket_messages(registration, texts.PARTY_CHANGED.format(people=people))


def _short(registration: Registration, people: int, free: int) -> Reply:
    """Not enough seats for the larger party: it stays as it is, with the most it could grow to offered."""
    title, before = registration.event.title, registration.people
    if not free:
        return Reply([Text(texts.PARTY_NO_SEATS.format(title=title, held=held(registration)),
                           cards.event_choices())])
    most = before + free
    said = texts.PARTY_SHORT.format(title=title, free=free, wanted=people, held=held(registration))
    label = texts.PARTY_TO.format(people=most)
    return Reply([Text(said, (Choose(label, f"ev_party_to={registration.event_id}:{most}", label),
                              *cards.event_choices()))])


def _kept(registration: Registration) -> Reply:
    return Reply([Text(texts.PARTY_KEPT.format(title=registration.event.title, held=held(registration)),
                       cards.event_choices())])


def held(registration: Registration) -> str:
    """What the registration holds, in words: "ลงทะเบียนไว้ 2 ท่าน", or a place on the waiting list, or a seat
    waiting for confirmation; never a seat that is not theirs yet."""
    return texts.HELD.get(registration.status, texts.HELD["registered"]).format(people=registration.people)


def _nothing() -> Reply:
    return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])


def _own(ctx: Context, event_id: str) -> Registration | None:
    """The follower's active registration for the event, if any."""
    registration = seats.registration_of(ctx.session, int(event_id), ctx.user.id) if event_id.isdecimal() else None
    return registration if registration is not None and registration.status in seats.ACTIVE else None


def _picked(ctx: Context, value: str) -> tuple[Registration, int] | None:
    """The follower's registration and the party a button's EVENT:N names; None for a stale or broken one."""
    event_id, _, typed = value.partition(":")
    registration = _own(ctx, event_id)
    return (registration, int(typed)) if registration is not None and typed.isdecimal() else None


def _pick(registration: Registration, people: int) -> Choose:
    """A button asking to make one of several registrations' party `people`, labelled by its event's date and title."""
    event = registration.event
    label = f"{thai_date(event.starts_at)} {event.title}"
    label = label if len(label) <= CHIP else label[:CHIP - 1] + "…"
    return Choose(label, f"ev_party_of={registration.event_id}:{people}",
                  texts.PARTY_FOR_EVENT.format(title=event.title, people=people))


def _choice(event_id: int, people: int) -> Choose:
    label = texts.PEOPLE_LABEL.format(n=people)
    return Choose(label, f"ev_party_to={event_id}:{people}", label)
