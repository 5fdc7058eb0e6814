"""Events in LINE: the carousel of events (which ones a message is about: `finding`), and the buttons to register,
wait, confirm and cancel (the last, with the ticket shown again and a seat offered from the waiting list, answered
in `registered`).

Postback data (one key each, never through the classifier):
    ev_register=EVENT[:ANNOUNCEMENT]   register (asks consent if needed, then how many people)
    ev_consent=EVENT[:ANNOUNCEMENT[:N]]  consent given from the registration prompt (N: a party typed before it)
    ev_people=EVENT:N[:ANNOUNCEMENT]   take N seats; or be offered the seats left, or the waiting list
    ev_wait=EVENT:N[:ANNOUNCEMENT]     join the waiting list
    ev_cancel=EVENT / ev_cancel_yes=EVENT / ev_keep=EVENT   cancel, after a confirmation
    ev_offer=REGISTRATION:yes|no       answer a seat offered from the waiting list
    ev_ticket=EVENT, ev_mine=1         the ticket again; the follower's own registrations
    ev_more=N                          all the events on, from the Nth (0 first): "ดูกิจกรรมอื่น" under a page
    ev_party=..., ev_party_of=..., ev_party_to=..., ev_party_keep=...   a party changed (bot/events/party.py)
    ev_part=EVENT:N                    a waiting party takes the N seats free, too few for all of it (party.py)
    news=...                           the "what news do you want" preferences (bot/events/preferences.py)

"How many people?" can also be answered by typing ("๒ คน", "มาคนเดียวค่ะ"): the question is remembered in the
follower's conversation until their next message or tap. A party larger than the seats left is offered those
seats, or the waiting list for all of it: the same question asked again, so a number typed answers it too
("งั้นไป 2 คนก็ได้ครับ"), as do the words of its buttons ("ได้ค่ะ", "เข้ารายชื่อสำรอง", "ไม่เป็นไร"). Before it, a
follower whose profile lacks a name or a phone number is asked for them, typed, the same way: staff need to know
who is coming and how to reach them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from bot.dialogue import asides, conversation, phones
from bot.dialogue import cards as main_cards
from bot.dialogue import fields as f
from bot.dialogue import texts as main_texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.refusals import Invalid
from bot.events import cards, party, preferences, registered, registrant, texts
from bot.events import registrations as seats
from bot.events.cards import event_choices
from bot.line.inbound import Inbound
from bot.line.outbound import Action, Choose, Flex, Say, Text
from intents.entities import parse_people, parse_phone
from storage import repositories as repo
from storage.models import Conversation, Event

PARTY_SIZE = "event_party_size"  # a one-question flow: "how many people?" with no request in progress
PARTY_FOR = "party_for"  # in a conversation's data: EVENT[:ANNOUNCEMENT] that question is about
PARTY_ASKS = "party_asks"  # in a conversation's data: the registrant's detail asked before it, if any
PARTY_OFFER = "party_offer"  # in a conversation's data: the postbacks of the seats-left offer made with it, if any
PARTY_PEOPLE = "party_people"  # in a conversation's data: the party typed with the event's title, if any
OFFER_HOURS = int(seats.OFFER_WINDOW.total_seconds() // 3600)


def show_carousel(ctx: Context, events: list[Event], intro: str, start: int | None = None) -> Reply:
    """The first MAX_BUBBLES of the events as cards. With `start`, they are a page of all the events on, from
    that one: "ดูกิจกรรมอื่น" then shows the next page."""
    carousel = cards.events_carousel([_view(ctx, event) for event in events[:cards.MAX_BUBBLES]])
    others = f"ev_more={start + cards.MAX_BUBBLES}" if start is not None else "intent=event"
    return Reply([Text(intro), Flex(carousel.alt_text, carousel.contents, event_choices(others))])


def more_events(ctx: Context, value: str, event: Inbound) -> Reply:
    """"ดูกิจกรรมอื่น" under a page of all the events on: the next page, its last said to be the last; when
    there is none, that is said, with the first page to go back to."""
    start = int(value) if value.isdecimal() else 0
    upcoming = upcoming_events(ctx)
    page = upcoming[start:start + cards.MAX_BUBBLES]
    if not page:
        return Reply([Text(texts.NO_MORE_EVENTS, event_choices())])
    last = start + len(page)
    said = texts.EVENTS_PAGE.format(first=start + 1, last=last, total=len(upcoming))
    if last >= len(upcoming):
        said += " " + texts.LAST_PAGE
    return show_carousel(ctx, page, said, start)


def my_registrations(ctx: Context) -> Reply:
    """The follower's seats, offers and waiting-list places, each with its buttons."""
    mine = seats.active_registrations(ctx.session, ctx.user.id, ctx.now)
    called_off = "\n".join(registered.called_off_said(r)
                            for r in seats.called_off_registrations(ctx.session, ctx.user.id, ctx.now))
    if not mine:
        others = Choose(texts.OTHER_EVENTS, "intent=event", texts.OTHER_EVENTS)
        return Reply([Text(called_off or texts.NOTHING_REGISTERED, (others, *main_cards.main_menu()[:3]))])
    views = [_view(ctx, registration.event) for registration in mine]
    carousel = cards.events_carousel(views)
    alt = texts.MY_REGISTRATIONS_ALT.format(items=", ".join(r.event.title for r in mine))
    return Reply([*([Text(called_off)] if called_off else []), Flex(alt, carousel.contents, event_choices())])


def upcoming_events(ctx: Context) -> list[Event]:
    """Every published event still to come (a carousel shows the first MAX_BUBBLES): those meant for the
    follower's province or clusters first, everything else in its date order."""
    query = select(Event).where(Event.status == "published", Event.starts_at > ctx.now).order_by(Event.starts_at)
    return sorted(ctx.session.scalars(query), key=lambda event: not _meant_for(event, ctx))


def _meant_for(event: Event, ctx: Context) -> bool:
    user = ctx.user
    return bool((user.province and user.province in (event.provinces or []))
                or set(user.sectors or []) & set(event.sectors or []))


def _view(ctx: Context, event: Event) -> cards.EventView:
    registration = seats.registration_of(ctx.session, event.id, ctx.user.id)
    if registration is not None and registration.status not in seats.ACTIVE:
        registration = None
    position = (seats.waiting_position(ctx.session, registration)
                if registration is not None and registration.status == "waiting" else None)
    return cards.EventView(event, seats.seats_left(ctx.session, event), seats.is_open(event, ctx.now),
                           registration, position)


def start_registration(ctx: Context, value: str, event: Inbound) -> Reply:
    """First tap on "ลงทะเบียน" (or consent given at its prompt): consent if needed, then how many people, unless
    they were typed with the event's title, or with the day or cluster whose events were shown (and the name and
    phone typed with it, then, are the registration's)."""
    event_id, announcement_id, people = _ids(value)
    held_people, typed = registrant.picked(ctx, event_id)
    registrant.keep(ctx.user, typed)
    found = ctx.session.get(Event, event_id) if event_id else None
    return register(ctx, found, announcement_id, people or held_people, typed)


def register(ctx: Context, found: Event | None, announcement_id: int | None, people: int | None = None,
             typed: dict[str, str] | None = None) -> Reply:
    """Consent if needed (the registrant's details `typed` with the event held until it is given), then those
    details still missing and how many people, unless the party is known."""
    if found is None or not seats.is_open(found, ctx.now):
        return _closed(found)
    existing = seats.registration_of(ctx.session, found.id, ctx.user.id)
    if existing is not None and existing.status in seats.ACTIVE:
        return registered.already(ctx, existing)
    if ctx.user.consented_at is None:
        suffix = f"{found.id}:{announcement_id or ''}:{people}" if people else f"{found.id}{_suffix(announcement_id)}"
        asides.ask_yes_or_no(ctx, f"ev_consent={suffix}", main_cards.CONSENT_REFUSED, about="consent")
        registrant.hold(ctx, typed or {})
        return Reply([Text(texts.CONSENT_FOR_EVENT, (
            Choose(texts.CONSENT_AND_REGISTER, f"ev_consent={suffix}", texts.CONSENT_AND_REGISTER),
            Choose("ไม่ยินยอม", main_cards.CONSENT_REFUSED, "ไม่ยินยอม"),
            Choose("อ่านรายละเอียด", "privacy=show", "ข้อมูลส่วนบุคคลใช้ทำอะไร")))])
    asked = _ask_people(ctx, found, announcement_id, people=people, typed=typed)
    if seats.unclaimed_seats(ctx.session, found) > 0:
        return asked
    return Reply([Text(texts.FULL_BEFORE_DETAILS.format(title=found.title))]).then(asked)  # said first (h81)


def consent_and_register(ctx: Context, value: str, event: Inbound) -> Reply:
    """Consent given from the registration prompt: carry on with the registration."""
    ctx.user.consented_at = ctx.user.consented_at or ctx.now
    registrant.take_held(ctx)
    return Reply([Text(main_texts.CONSENT_THANKS)]).then(start_registration(ctx, value, event))


def take_seats(ctx: Context, value: str, event: Inbound) -> Reply:
    """Register N people, or offer the waiting list when there are not enough seats."""
    event_id, people, announcement_id = _ids_with_people(value)
    if event_id is None:
        return Reply([Text(main_texts.MENU_PROMPT, main_cards.main_menu())])
    return _take_seats(ctx, event_id, people, announcement_id)


def typed_party(ctx: Context, text: str, cancels: bool, other_topic: bool, event: Inbound) -> Reply | None:
    """The answer to a pending "how many people?" (or "your name?", "your phone?", or "how many people now?" of a
    registration's party, `party.typed_answer`) typed ("๒ คน") or called off ("ยกเลิก"); None when there is no
    such question or the text is not an answer to it, such as a question on another topic (answered elsewhere: a
    name or phone asked for is still awaited after it, "how many people?" is dropped). The name or phone typed
    after "แก้ชื่อ/เบอร์" puts the registration right (`registrant.typed_fix`)."""
    fixed = registrant.typed_fix(ctx, text, cancels, other_topic)
    if fixed is not None:
        return fixed
    registrant.drop_held(ctx, text)
    registrant.drop_picked(ctx)
    changed = party.typed_answer(ctx, text, cancels)
    if changed is not None:
        return changed
    current = conversation.active(ctx)  # a question left for a day has gone with its conversation
    if current is None or PARTY_FOR not in current.data:
        return None
    event_id, announcement_id, _ = _ids(current.data[PARTY_FOR])
    asking = registrant.QUESTIONS.get(current.data.get(PARTY_ASKS) or "")
    offer, told = current.data.get(PARTY_OFFER), current.data.get(PARTY_PEOPLE)
    found = ctx.session.get(Event, event_id) if event_id else None
    if (not cancels and found is not None and asking is not None and other_topic
            and not registrant.answers(asking, text, ctx.today)):
        return None  # "งานจัดวันไหน ที่ไหนคะ" at "your name?" is answered, and the name still awaited
    forget_party_question(ctx)
    if cancels:
        return Reply([Text(texts.PARTY_DROPPED, event_choices())])
    if found is None:
        return None
    if asking is not None:
        return _typed_detail(ctx, found, announcement_id, asking, text, told)
    people = parse_people(text)
    if people is None:
        return _typed_choice(ctx, offer, text, event) if offer else None
    return _seat_party(ctx, found, people, announcement_id)


def _seat_party(ctx: Context, found: Event, people: int, announcement_id: int | None,
                typed: dict[str, str] | None = None) -> Reply:
    """Seats for a party typed rather than tapped; one larger than a registration takes is asked again."""
    if people > seats.MAX_PARTY:
        return Reply([cards.party_too_big(ctx.session, found, seats.MAX_PARTY)]).then(
            _ask_people(ctx, found, announcement_id))
    return _take_seats(ctx, found.id, people, announcement_id, typed)


def _typed_choice(ctx: Context, offer: dict[str, str], text: str, event: Inbound) -> Reply | None:
    """The seats-left offer answered in words, as its buttons would be: a yes takes the seats, "เข้ารายชื่อสำรอง"
    or "ไม่เป็นไรค่ะ รอได้" waits for all, a no ("ไม่เป็นไร", "เอาไว้ก่อนค่ะ") lets them go; None for anything else."""
    said, waits = asides.says_yes(text, "seats_left"), asides.says_yes(text, "waitlist")
    if said is not True and waits:
        tapped = offer["wait"]
    elif said is None and waits is None:
        return None
    else:
        tapped = offer["yes" if said else "no"]
    name, _, value = tapped.partition("=")
    return POSTBACKS[name](ctx, value, event)


def _typed_detail(ctx: Context, found: Event, announcement_id: int | None, asking: f.Field, text: str,
                  party: int | None) -> Reply:
    """The registrant's name or phone, kept on their profile; a phone typed with the name, or for it, is taken
    too, as is a business after the name; a shop typed for the name is kept as the business, and the name asked
    again."""
    if asking is f.CONTACT:
        shop = registrant.shop_for_a_name(ctx, text)
        if shop is not None:
            return _ask_people(ctx, found, announcement_id, hint=shop, people=party)
        registrant.business_with_the_name(ctx, text)
    ctx.user.phone = ctx.user.phone or parse_phone(text)
    try:
        value = asking.read(text, ctx.today)
    except Invalid as invalid:
        return _ask_people(ctx, found, announcement_id, hint=str(invalid), people=party)
    setattr(ctx.user, asking.key, value)
    hint = main_texts.BY_LINE_NOTED if value == phones.BY_LINE else None
    return _ask_people(ctx, found, announcement_id, hint=hint, people=party)


def asks_for_a_name(current: Conversation) -> bool:
    """True when the registrant's name is the question waiting in this conversation."""
    return PARTY_FOR in current.data and current.data.get(PARTY_ASKS) == f.CONTACT.key


def forget_party_question(ctx: Context) -> None:
    """The follower moved on from "how many people?": a number typed later is about something else."""
    asides.forget(ctx, PARTY_SIZE, PARTY_FOR)
    party.forget(ctx)


def _take_seats(ctx: Context, event_id: int, people: int, announcement_id: int | None,
                typed: dict[str, str] | None = None) -> Reply:
    """Seats for the party, in the name and phone `typed` with the event if any (else the profile's); or the
    seats left, or the waiting list, offered."""
    if not registrant.ready(ctx.user):  # a stale button: from the start
        return register(ctx, ctx.session.get(Event, event_id), announcement_id)
    outcome = seats.register(ctx.session, event_id, ctx.user, people, ctx.now, announcement_id)
    if outcome.status == "registered":
        return Reply(registered.ticket_messages(registrant.put_on(outcome.known_registration(), typed or {})))
    if outcome.status == "already":
        return registered.already(ctx, outcome.known_registration())
    if outcome.status == "closed":
        return _closed(ctx.session.get(Event, event_id))
    found = ctx.session.get(Event, event_id)
    assert found is not None, "seats.register answers closed when the event does not exist"
    if outcome.seats_left:
        return _offer_seats_left(ctx, found, people, outcome.seats_left, announcement_id)
    suffix = f"{event_id}:{people}{_suffix(announcement_id)}"
    question = texts.FULL_ASK_WAITLIST.format(title=found.title, hours=OFFER_HOURS)
    asides.ask_yes_or_no(ctx, f"ev_wait={suffix}", f"ev_nowait={event_id}", about="waitlist")
    return Reply([Text(question, (Choose(texts.JOIN_WAITLIST, f"ev_wait={suffix}", texts.JOIN_WAITLIST),
                                  Choose(texts.NO_THANKS, f"ev_nowait={event_id}", texts.NO_THANKS)))])


def _offer_seats_left(ctx: Context, found: Event, people: int, left: int, announcement_id: int | None) -> Reply:
    """Fewer seats left than the party: offer those, or the waiting list for the whole party."""
    suffix = _suffix(announcement_id)
    taps = {"yes": f"ev_people={found.id}:{left}{suffix}", "wait": f"ev_wait={found.id}:{people}{suffix}",
            "no": f"ev_nowait={found.id}"}
    labels = {"yes": texts.TAKE_SEATS_LEFT.format(seats=left), "wait": texts.JOIN_WAITLIST, "no": texts.NO_THANKS}
    _remember_party(ctx, found, announcement_id, offer=taps)
    question = texts.SEATS_LEFT_OFFER.format(title=found.title, seats=left, people=people, hours=OFFER_HOURS)
    return Reply([Text(question, tuple(Choose(labels[key], taps[key], labels[key]) for key in taps))])


def join_waitlist(ctx: Context, value: str, event: Inbound) -> Reply:
    """Put the follower on the waiting list (or straight in, if a seat opened meanwhile)."""
    event_id, people, announcement_id = _ids_with_people(value)
    if event_id is None or not registrant.ready(ctx.user):
        return start_registration(ctx, str(event_id or ""), event)
    outcome = seats.join_waitlist(ctx.session, event_id, ctx.user, people, ctx.now, announcement_id)
    if outcome.status == "registered":
        return Reply(registered.ticket_messages(outcome.known_registration()))
    if outcome.status == "waiting":
        registration = outcome.known_registration()
        return Reply([Text(texts.WAITLISTED.format(title=registration.event.title, people=people,
                                                   position=seats.waiting_position(ctx.session, registration)),
                           event_choices())])
    if outcome.status == "already":
        return registered.already(ctx, outcome.known_registration())
    return _closed(ctx.session.get(Event, event_id))


def _closed(found: Event | None) -> Reply:
    """Why an event takes no registration: closed, called off, or gone (a draft's title is not told, h81)."""
    if found is not None and found.status == seats.CALLED_OFF:
        text = texts.EVENT_CALLED_OFF.format(title=found.title, date=main_texts.thai_datetime(found.starts_at))
    elif found is not None and found.status == "published":
        text = texts.REGISTRATION_CLOSED.format(title=found.title)
    else:
        text = texts.EVENT_GONE
    return Reply([Text(text, event_choices())])


def _ask_people(ctx: Context, found: Event, announcement_id: int | None, hint: str | None = None,
                people: int | None = None, typed: dict[str, str] | None = None) -> Reply:
    """Ask how many people will come; first the registrant's name or phone if their profile lacks it. A party
    already typed (with the event's title) is not asked for: it takes its seats once the details are in."""
    if people is not None and people > seats.MAX_PARTY:  # told at once, not after the name and phone are asked
        return Reply([cards.party_too_big(ctx.session, found, seats.MAX_PARTY)]).then(
            _ask_people(ctx, found, announcement_id, hint))
    suffix = _suffix(announcement_id)
    registrant.take_told(ctx.user, repo.get_conversation(ctx.session, ctx.user))
    missing = registrant.missing(ctx.user)
    if missing is None and people is not None:
        seated = _seat_party(ctx, found, people, announcement_id, typed)
        return Reply([Text(hint)]).then(seated) if hint else seated
    _remember_party(ctx, found, announcement_id, asks=missing, people=people)
    choices: tuple[Action, ...]
    if missing is not None:
        question = texts.ASK_REGISTRANT_NAME if missing.key == "contact_name" else texts.ASK_REGISTRANT_PHONE
        choices = (Say("ยกเลิก", "ยกเลิก"),)
    else:
        free = seats.unclaimed_seats(ctx.session, found)
        question = texts.ASK_PEOPLE + (texts.FEW_SEATS.format(seats=free) if 0 < free < seats.MAX_PARTY else "")
        choices = tuple(_party_size(found, n, suffix, fits=n <= free) for n in range(1, seats.MAX_PARTY + 1))
    lines = [line for line in (hint, question.format(title=found.title)) if line]
    return Reply([Text("\n".join(lines), choices)])


def _party_size(found: Event, people: int, suffix: str, fits: bool) -> Choose:
    """A party size to tap: its seats when they are free, else the waiting list for it, as its label says."""
    if fits:
        label = texts.PEOPLE_LABEL.format(n=people)
        return Choose(label, f"ev_people={found.id}:{people}{suffix}", label)
    label = texts.PEOPLE_WAIT_LABEL.format(n=people)
    return Choose(label, f"ev_wait={found.id}:{people}{suffix}", label)


def _remember_party(ctx: Context, found: Event, announcement_id: int | None, asks: f.Field | None = None,
                    offer: dict[str, str] | None = None, people: int | None = None) -> None:
    """Keep the question just asked, so a typed answer ("๒ คน", a name, "ได้ค่ะ" to an offer) answers it too."""
    asides.remember(ctx, PARTY_SIZE, {PARTY_FOR: f"{found.id}{_suffix(announcement_id)}",
                                      PARTY_ASKS: asks.key if asks else "", PARTY_OFFER: offer,
                                      PARTY_PEOPLE: people})


def _suffix(announcement_id: int | None) -> str:
    """The announcement a registration came from, as the end of a postback's value."""
    return f":{announcement_id}" if announcement_id else ""


def _ids(value: str) -> tuple[int | None, int | None, int | None]:
    """EVENT[:ANNOUNCEMENT[:PEOPLE]], each None when absent, empty or 0."""
    parts = [int(p) if p.isdecimal() else None for p in value.split(":")] + [None, None]
    return parts[0], parts[1], parts[2] or None


def _ids_with_people(value: str) -> tuple[int | None, int, int | None]:
    parts = [int(p) if p.isdecimal() else None for p in value.split(":")]
    event_id = parts[0] if parts else None
    people = parts[1] if len(parts) > 1 and parts[1] else 1
    announcement_id = parts[2] if len(parts) > 2 else None
    return event_id, min(max(people, 1), seats.MAX_PARTY), announcement_id


POSTBACKS: dict[str, Callable[[Context, str, Inbound], Reply]] = {
    "ev_register": start_registration,
    "ev_consent": consent_and_register,
    "ev_people": take_seats,
    "ev_wait": join_waitlist,
    "ev_nowait": lambda ctx, value, event: Reply([Text(texts.WAITLIST_DECLINED, event_choices())]),
    "ev_cancel": registered.ask_cancel,
    "ev_cancel_yes": registered.cancel,
    "ev_keep": lambda ctx, value, event: Reply([Text(texts.KEPT, event_choices())]),
    "ev_offer": registered.answer_offer,
    "ev_ticket": registered.show_ticket,
    "ev_party": party.ask,
    "ev_party_of": party.confirm,
    "ev_party_to": party.change,
    "ev_party_keep": party.keep,
    "ev_part": party.take_part,
    "ev_mine": lambda ctx, value, event: my_registrations(ctx),
    "ev_more": more_events,
    "ev_who": registrant.ask_fix,
    "news": preferences.on_postback,
}
