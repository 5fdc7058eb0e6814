"""Flex cards for events: the carousel of upcoming events, a ticket, a seat offer, an announcement's event card;
and the events menu, as quick replies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot.dialogue.texts import thai_date, thai_datetime
from bot.events import texts
from bot.line.outbound import Action, Choose, Flex, Text, action_json
from storage import repositories as repo
from storage.models import Event, Registration

GREEN, GREY, RED = "#06C755", "#888888", "#D9534F"
MAX_BUBBLES = 10  # LINE allows 12 bubbles in a carousel


@dataclass(frozen=True)
class EventView:
    """An event as one follower sees it: seats left, and their own registration if any."""

    event: Event
    seats_left: int
    is_open: bool
    registration: Registration | None = None
    position: int | None = None


def events_carousel(views: list[EventView]) -> Flex:
    """One bubble per upcoming event, with the button that fits the follower's situation."""
    items = ", ".join(f"{v.event.title} ({thai_date(v.event.starts_at)})" for v in views)
    bubbles = [_event_bubble(view) for view in views[:MAX_BUBBLES]]
    return Flex(texts.EVENTS_ALT.format(items=items), {"type": "carousel", "contents": bubbles})


def event_card(event: Event, announcement_id: int | None = None, full: bool = False) -> Flex:
    """The card an announcement carries: the event and a register button (remembering the announcement); for an
    event `full` when it is sent, the waiting list's."""
    data = f"ev_register={event.id}" + (f":{announcement_id}" if announcement_id else "")
    label = texts.JOIN_WAITLIST if full else texts.REGISTER
    details = _details(event) + ([_text(texts.FULL_WAITLIST, wrap=True, color=GREY)] if full else [])
    bubble = _bubble(event, details, [_button(label, data, label, primary=True)])
    return Flex(f"{event.title} · {thai_datetime(event.starts_at)} · {label}", bubble)


def offer_card(registration: Registration) -> Flex:
    """A seat freed for someone on the waiting list: confirm or decline before the time is up."""
    event, until = registration.event, _offer_deadline(registration)
    body = [_text(texts.OFFER.format(title=event.title, date=thai_datetime(event.starts_at),
                                     people=registration.people, until=until), wrap=True)]
    buttons = [_button(texts.ACCEPT_OFFER, f"ev_offer={registration.id}:yes", texts.ACCEPT_OFFER, primary=True),
               _button(texts.DECLINE_OFFER, f"ev_offer={registration.id}:no", texts.DECLINE_OFFER)]
    return Flex(texts.OFFER_ALT.format(title=event.title, until=until), _bubble(event, body, buttons))


def event_choices(others: str = "intent=event") -> tuple[Action, ...]:
    """The events menu, as quick replies; `others` is what "ดูกิจกรรมอื่น" shows (all events, or the next page)."""
    return (Choose(texts.MY_EVENTS, "ev_mine=1", texts.MY_EVENTS),
            Choose(texts.OTHER_EVENTS, others, texts.OTHER_EVENTS),
            Choose(texts.CHOOSE_NEWS, "news=start", texts.CHOOSE_NEWS))


def _offer_deadline(registration: Registration) -> str:
    """When an offered seat passes on, in Thai."""
    assert registration.offered_until is not None, "offer_freed_seats sets the deadline with every offer"
    return thai_datetime(registration.offered_until)


def _event_bubble(view: EventView) -> dict[str, Any]:
    event, registration = view.event, view.registration
    body = _details(event) + [_text(_seats_line(view), bold=True, color=_seats_colour(view))]
    return _bubble(event, body, _buttons(view, registration))


def venue(event: Event) -> str:
    """Where an event is, as every message says it: "ศูนย์ ITC ห้อง 2 จ.เชียงใหม่"."""
    return f"{event.venue + ' ' if event.venue else ''}จ.{event.province}"


def fee(event: Event) -> str | None:
    """What taking part costs, as the card and an answer say it ("ไม่มีค่าใช้จ่าย"); None when not stated."""
    if event.fee is None:
        return None
    return texts.FREE if event.fee == 0 else texts.FEE.format(baht=f"{event.fee:,}")


def _details(event: Event) -> list[dict[str, Any]]:
    rows = [_text(f"📅 {thai_datetime(event.starts_at)}", wrap=True),
            _text(f"📍 {venue(event)}", wrap=True)]
    costs = fee(event)
    if costs:
        rows.append(_text(f"💰 {costs}", wrap=True))
    if event.registration_deadline:
        rows.append(_text(texts.DEADLINE.format(date=thai_datetime(event.registration_deadline)),
                          wrap=True, color=GREY))
    if event.description:
        rows.append(_text(event.description[:300], wrap=True, color=GREY))
    return rows


def _seats_line(view: EventView) -> str:
    registration = view.registration
    if registration is not None and registration.status == "registered":
        return texts.STATUS_REGISTERED.format(people=registration.people)
    if registration is not None and registration.status == "waiting":
        return texts.STATUS_WAITING.format(position=view.position or 1)
    if registration is not None and registration.status == "offered":
        return texts.STATUS_OFFERED.format(until=_offer_deadline(registration))
    if not view.is_open:
        return texts.CLOSED
    return texts.SEATS_LEFT.format(seats=view.seats_left) if view.seats_left else texts.FULL_WAITLIST


def _seats_colour(view: EventView) -> str:
    if view.registration is not None:
        return GREEN
    return GREEN if view.is_open and view.seats_left else RED


def _buttons(view: EventView, registration: Registration | None) -> list[dict[str, Any]]:
    event_id = view.event.id
    status = registration.status if registration is not None else None
    if status == "registered":
        return [_button(texts.SHOW_TICKET, f"ev_ticket={event_id}", texts.SHOW_TICKET, primary=True),
                _button(texts.CHANGE_PARTY, f"ev_party={event_id}", texts.CHANGE_PARTY),
                _button(texts.CANCEL_REGISTRATION, f"ev_cancel={event_id}", texts.CANCEL_REGISTRATION)]
    if status == "waiting":
        return [_button(texts.CHANGE_PARTY, f"ev_party={event_id}", texts.CHANGE_PARTY),
                _button(texts.LEAVE_WAITLIST, f"ev_cancel={event_id}", texts.LEAVE_WAITLIST)]
    if status == "offered" and registration is not None:
        return [_button(texts.ACCEPT_OFFER, f"ev_offer={registration.id}:yes", texts.ACCEPT_OFFER, primary=True),
                _button(texts.DECLINE_OFFER, f"ev_offer={registration.id}:no", texts.DECLINE_OFFER)]
    if not view.is_open:
        return []
    label = texts.REGISTER if view.seats_left else texts.JOIN_WAITLIST
    return [_button(label, f"ev_register={event_id}", label, primary=True)]


def _bubble(event: Event, body: list[dict[str, Any]], buttons: list[dict[str, Any]]) -> dict[str, Any]:
    bubble: dict[str, Any] = {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical",
                   "contents": [_text(event.title, bold=True, wrap=True, color=GREEN)]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }
    if event.image_url and event.image_url.startswith("https://"):
        bubble["hero"] = {"type": "image", "url": event.image_url, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons}
    return bubble


def _text(text: str, bold: bool = False, wrap: bool = False, color: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": text or "-", "wrap": wrap, "size": "sm"}
    if bold:
        node["weight"] = "bold"
    if color:
        node["color"] = color
    return node


def _button(label: str, data: str, display: str, primary: bool = False) -> dict[str, Any]:
    return {"type": "button", "style": "primary" if primary else "secondary", "height": "sm",
            "action": action_json(Choose(label, data, display))}


def party_too_big(session: Session, found: Event, most: int) -> Text:
    """A party larger than one registration takes: the limit, and the centre of the event's province to call."""
    centre = repo.centre_for_province(session, found.province)
    if centre is None:
        return Text(texts.PARTY_TOO_BIG.format(most=most))
    return Text(texts.PARTY_TOO_BIG_CALL.format(most=most, centre=centre.name, phone=centre.phone))
