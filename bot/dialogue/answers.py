"""Answers that need no flow: status, centre info, events, greetings, subscriptions, privacy."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

from sqlalchemy import select

from bot import workdays
from bot.console.workflow import OPEN
from bot.dialogue import asides, cards, replies, texts, when, whereabouts
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.events import notices as event_notices
from bot.events import registrations as seats
from bot.line.outbound import Choose, Text
from bot.staff_alerts import queue_cancellation_notice
from intents import dates, entities
from intents.provinces import closest_province, find_province, nearest_province
from storage import repositories as repo
from storage.models import Centre, Registration, ServiceRequest

EARTH_RADIUS_KM = 6371.0
MAX_ID = 2**31  # a database integer
NEARER_BY_KM = 15.0


def request_status(ctx: Context, text: str | None) -> Reply:
    """The user's requests newest first, or the one whose reference was typed."""
    reference = entities.parse_reference(text or "")
    if reference:
        request = own_request(ctx, reference)
        if request is None:
            return not_found(reference)
        return Reply([cards.requests_card([request])])
    requests = repo.requests_of_user(ctx.session, ctx.user)
    if requests:
        return Reply([cards.requests_card(requests)])
    # Asked about a request made by phone or at a centre ("เคยโทรไปขอ…ที่ศูนย์ลำปาง ถึงไหนแล้ว"): that centre knows.
    province = province_meant(ctx, text)
    if province is not None and repo.centre_for_province(ctx.session, province) is not None:
        return Reply([Text(texts.NO_REQUESTS_ASK_THE_CENTRE)]).then(centre_of(ctx, province))
    return Reply([Text(texts.NO_REQUESTS, cards.main_menu())])


def own_request(ctx: Context, reference: str) -> ServiceRequest | None:
    """The user's own request with this reference; None for an unknown one or someone else's."""
    request = repo.request_by_reference(ctx.session, reference)
    return request if request is not None and request.user_id == ctx.user.id else None


def own_request_with_id(ctx: Context, request_id: int, open_only: bool = False) -> ServiceRequest | None:
    """The user's own request with this id (if it is still open, with `open_only`); never another's."""
    if not 0 < request_id < MAX_ID:  # a postback typed by hand ("move_date=99999999999999999999")
        return None
    request = ctx.session.get(ServiceRequest, request_id)
    if request is None or request.user_id != ctx.user.id:
        return None
    return request if request.status in OPEN or not open_only else None


def not_found(reference: str) -> Reply:
    """The same answer for an unknown reference and someone else's: nothing about another's request shows."""
    return Reply([Text(texts.REQUEST_NOT_FOUND.format(reference=reference), cards.main_menu())])


def province_meant(ctx: Context, text: str | None, known: str | None = None) -> str | None:
    """The province in the message, else the one `known` (from the request being made), else the one on the
    user's profile or, from someone yet to consent, the one they said in this chat; None if none is known."""
    province = find_province(text or "")
    return province.name if province else known or ctx.user.province or ctx.province_said


# The sender saying where they, their home or their shop are ("อยู่หาดใหญ่", "ร้านอยู่ที่ลำปาง", "ผมอยู่ จ.น่าน") or that
# they moved ("ย้ายมาอยู่ภูเก็ตแล้วค่ะ", "ย้ายร้านไปเชียงราย"): a word of its own, the sender's or none, before it; so
# never a centre's whereabouts ("ศูนย์ที่เชียงใหม่อยู่ไหน", "ศูนย์อยู่เชียงใหม่ใช่ไหม") nor "ไม่ได้อยู่…", "ย้ายออกจาก…".
OWN_PLACE = re.compile(r"(?<![^\s,])(?P<whose>(?:ผม|หนู|เรา|ดิฉัน|ฉัน|พี่|ตอนนี้|ปัจจุบัน|บ้าน|ร้าน|กิจการ|โรงงาน)\s*)*"
                       r"(?:(?P<moved>ย้าย(?:บ้าน|ร้าน|กิจการ|โรงงาน)?\s*(?:มา|ไป)?\s*(?:อยู่)?)|อยู่)"
                       r"\s*(?:ที่|ใน|แถว|จ\.|จังหวัด)?\s*(?!ออก|จาก|ไหน|ที่ไหน)(?P<place>[^\s,]+)")
THEIRS = ("บ้าน", "ร้าน", "กิจการ", "โรงงาน")  # where one lives or works: a place told so is theirs, not a visit's
CENTRE_BEFORE = re.compile(r"(?:ศูนย์|itc|สำนักงาน|สาขา)\s*$", re.IGNORECASE)


def own_province(text: str | None) -> tuple[str, bool] | None:
    """The province the sender says they are in (`OWN_PLACE`), and whether it replaces the one known: when they
    moved, or say where their home or shop is; None when the message says no such thing."""
    for match in OWN_PLACE.finditer(text or ""):
        province = find_province(match["place"])
        if province is not None and not CENTRE_BEFORE.search(text[:match.start()] if text else ""):
            return province.name, bool(match["moved"]) or any(word in (match["whose"] or "") for word in THEIRS)
    return None


def where_alone(text: str) -> str | None:
    """The province of a message that says only that: its name ("ชลบุรีค่ะ", misspelt too) or where the sender is
    ("อยู่โคราชค่ะ", "ตอนนี้อยู่ที่เชียงใหม่ครับ"); None for any other message."""
    named = closest_province(text)
    if named is not None:
        return named.name
    match = OWN_PLACE.search(text)
    said = own_province(text) if match else None
    rest = text[:match.start()] + text[match.end():] if match else ""
    return said[0] if said and all(word in replies.SENTENCE_ENDINGS for word in rest.split()) else None


def note_where_they_are(ctx: Context, text: str | None, asked: str | None = None) -> None:
    """Keep on a consenting user's profile, for the news of their province, where they say they are (`own_province`):
    a move or a shop's place replaces the one known, "อยู่หาดใหญ่" fills only an empty one, as does the province
    `asked` for ("ท่านอยู่จังหวัดไหนคะ"). For a user who has not consented, the latest said is kept in the
    conversation only, a while (`whereabouts`), for the chat's next questions."""
    said = own_province(text)
    if ctx.user.consented_at is None:
        there = said[0] if said is not None else asked
        if there is not None:
            whereabouts.note(ctx, there)
        return
    if said is not None and (said[1] or ctx.user.province is None):
        ctx.user.province = said[0]
    elif said is None and asked is not None and ctx.user.province is None:
        ctx.user.province = asked


# A centre question about a day: whether it opens, or whether one can come ("พรุ่งนี้ไปธุระที่โคราชค่ะ แวะศูนย์ได้ไหม").
ASKS_IF_OPEN = re.compile(r"เปิด|ปิด|ทำการ|หยุด|แวะ|เข้าไป|ไปหา|ไปติดต่อ|ไป(?:ที่)?ศูนย์")
_WEEKDAY = "พฤหัสบดี|พฤหัส|จันทร์|อังคาร|พุธ|ศุกร์|เสาร์|อาทิตย์"
# A weekday said bare beside the opening asked ("ศูนย์อุดรเปิดเสาร์ไหม", "เสาร์เปิดมั้ย"), which `dates` leaves
# unread because elsewhere จันทร์ is the moon and อาทิตย์หน้า next week.
WEEKDAY_BESIDE_OPENING = re.compile(rf"(?:เปิด|ปิด|หยุด|ทำการ)\s*(?P<after>{_WEEKDAY})(?!\s*(?:หน้า|ที่|ถึง|[-–]))"
                                    rf"|(?<!วัน)(?P<before>{_WEEKDAY})\s*(?:ศูนย์\S*\s*)?(?:เปิด|ปิด|หยุด)")


def open_that_day(text: str | None, today: date) -> str | None:
    """Whether the centres open on the day a message asks about ("วันนี้เปิดไหมคะ จะขับรถไปเลย", "เสาร์นี้ศูนย์เปิด
    ไหม", "ศูนย์อุดรเปิดเสาร์ไหม"), and when they open again if not; None for a message that asks no such thing."""
    if not text or not ASKS_IF_OPEN.search(text):
        return None
    day = dates.parse_date(text, today) or _weekday_beside_opening(text, today)
    return None if day is None or day < today else opening_on(day)


def _weekday_beside_opening(text: str, today: date) -> date | None:
    """The next day (today included) of the weekday said bare beside "เปิด" or "ปิด"; None if none is."""
    found = WEEKDAY_BESIDE_OPENING.search(text)
    weekday = dates.weekday_named(found["after"] or found["before"]) if found else None
    return when.next_weekday(weekday, today) if weekday is not None else None


def opening_on(day: date) -> str:
    """Whether the centres open on `day`, and when they open again if not."""
    calendar = workdays.load_calendar()
    hours = f"{calendar.opens:%H:%M}–{calendar.closes:%H:%M} น."
    if calendar.is_working_day(day):
        return texts.OPEN_THAT_DAY.format(day=texts.day_and_date(day), hours=hours)
    holiday = calendar.holidays.get(day, "")
    reopens = texts.day_and_date(calendar.working_day(day, 1))
    closed = texts.CLOSED_THAT_DAY if holiday else texts.CLOSED_AT_WEEKENDS
    return closed.format(day=texts.day_and_date(day), why=texts.why_closed(day, holiday), reopens=reopens, hours=hours)


# What a question the classifier reads as centre information asks beyond the card's address, phone, hours and map
# (as `ASKS_IF_OPEN` tells a day's opening): parking, which only staff can tell, or the way there, which the map
# shows. Read only in a centre question, so "จอด" in a request ("ที่จอดรถยนต์ไฟฟ้า") is never taken for it.
PRACTICAL = {
    "parking": (re.compile(r"จอด|parking", re.IGNORECASE), texts.PARKING_ASK_STAFF),
    "the_way": (re.compile(r"ไป\S*(?:ยังไง|อย่างไร|ทางไหน)|เดินทาง|นำทาง|เส้นทาง|รถเมล์|รถโดยสาร|ทางเข้า|เข้าทางไหน"),
                texts.THE_WAY_ON_THE_MAP),
}


def practical_question(text: str | None) -> str | None:
    """The practical matter a centre question asks about (a key of `PRACTICAL`), or None."""
    return next((key for key, (asks, _said) in PRACTICAL.items() if text and asks.search(text)), None)


def practical_answer(ctx: Context, province: str, asked: str | None) -> Reply:
    """After the card of the centre serving `province`: what the bot can say of the practical matter `asked`, with the
    centre's phone for the rest; nothing when none was asked."""
    centre = repo.centre_for_province(ctx.session, province) if asked in PRACTICAL else None
    if centre is None or asked is None:
        return Reply([])
    said = PRACTICAL[asked][1].format(centre=centre.name, phone=centre.phone, hours=centre.hours)
    return Reply([Text(said, cards.main_menu())])


def centre_of(ctx: Context, province: str) -> Reply:
    """The card of the centre serving the province (an official name)."""
    centre = repo.centre_for_province(ctx.session, province)
    if centre is None:
        return Reply([Text(texts.NO_CENTRE.format(province=province), cards.main_menu())])
    return Reply([cards.centre_card(centre, province)])


def nearest_centre(ctx: Context, latitude: float, longitude: float) -> Reply:
    """The centre serving the province a shared location falls in, and the closest centre if another is."""
    province = nearest_province(latitude, longitude).name
    centres = list(ctx.session.scalars(select(Centre)))
    nearest = min(centres, key=lambda c: distance_km(latitude, longitude, c.lat, c.lon))
    serving = repo.centre_for_province(ctx.session, province) or nearest
    km_serving = distance_km(latitude, longitude, serving.lat, serving.lon)
    km_nearest = distance_km(latitude, longitude, nearest.lat, nearest.lon)
    # A centre only slightly closer than the serving one is not worth a second card.
    if nearest.id == serving.id or km_serving - km_nearest < NEARER_BY_KM:
        said = texts.LOCATION_SERVED.format(province=province, centre=serving.name, km=cards.km_text(km_serving))
        return Reply([Text(said), cards.centre_card(serving, province)])
    said = texts.LOCATION_NEARER.format(province=province, serving=serving.name, nearest=nearest.name,
                                        km=cards.km_text(km_nearest))
    return Reply([Text(said), cards.centre_card(serving, province, km_nearest, nearest)])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def greeting(text: str | None) -> Reply:
    """A short polite answer: thanks get 'you are welcome', an okay or a thumbs-up 'noted', a hello the menu."""
    return closing(text or "") or Reply([Text(texts.GREETING, cards.main_menu())])


def closing(text: str) -> Reply | None:
    """'You are welcome' for thanks or a goodbye, 'noted' for an okay or a thumbs-up; None for anything else."""
    if any(word in text.lower() for word in ("ขอบคุณ", "ขอบใจ", "thank", "บาย", "bye")):
        return Reply([Text(texts.THANKS, cards.main_menu())])
    if _acknowledges(text):
        return Reply([Text(texts.ACKNOWLEDGED, cards.main_menu())])
    return None


# "Okay", "noted", "sure" and laughter, once the polite particle is gone; emoji alone say the same.
ACKNOWLEDGEMENTS = {"โอเค", "โอเคร", "เค", "ok", "okay", "รับทราบ", "ทราบแล้ว", "ได้", "ได้เลย", "ค่ะ", "ครับ", "ครับผม",
                    "จ้า", "เข้าใจแล้ว"}
EMOJI_JOINERS = "\ufe0f\u200d"


def _acknowledges(text: str) -> bool:
    words = "".join(ch for ch in text if ch not in EMOJI_JOINERS and unicodedata.category(ch)[0] not in "SP")
    word = replies.plain(words)
    return word in ACKNOWLEDGEMENTS or (word == "" and text.strip() != "") or re.fullmatch(r"5{3,}", word) is not None


def out_of_scope() -> Reply:
    return Reply([Text(texts.OUT_OF_SCOPE, cards.main_menu())])


def unsubscribe(ctx: Context, text: str | None = None) -> Reply:
    """Stop announcements for this user (or start them again, when that is what the message asks)."""
    from bot.events.preferences import asks_for_news

    if text and asks_for_news(text):
        return subscribe(ctx)
    ctx.user.subscribed = False
    return Reply([Text(texts.UNSUBSCRIBED, (Choose("รับข่าวสาร", "subscribe=yes", "รับข่าวสาร"),))])


def subscribe(ctx: Context) -> Reply:
    ctx.user.subscribed = True
    choose_news = Choose("เลือกข่าวที่สนใจ", "news=start", "เลือกข่าวที่สนใจ")  # bot/events/preferences.py
    return Reply([Text(texts.SUBSCRIBED, (choose_news, *cards.main_menu()))])


def privacy() -> Reply:
    return Reply([Text(texts.PRIVACY_DETAILS, cards.consent_choices())])


def ask_erase(ctx: Context) -> Reply:
    """Confirm first, saying what goes, what stays, and which open requests would be withdrawn."""
    question = texts.ASK_ERASE
    if still_open := open_requests(ctx):
        question += "\n" + texts.ERASE_WITHDRAWS.format(references=_references(still_open))
    if registered := seats.active_registrations(ctx.session, ctx.user.id, ctx.now):
        question += "\n" + texts.ERASE_GIVES_UP_SEATS.format(events=_titles(registered))
    asides.ask_yes_or_no(ctx, "erase=yes", "erase=no", about="erase")
    return Reply([Text(question, (Choose("ลบข้อมูล", "erase=yes", "ยืนยันลบข้อมูล"),
                                  Choose("ไม่ลบ", "erase=no", "ไม่ลบ")))])


def erase(ctx: Context) -> Reply:
    """Forget the user: personal data and transcript go, anonymous statistics stay.

    Requests still open are withdrawn and their centres told: nobody could call the entrepreneur back now. Seats
    at events to come are given up and offered to the next in line: a nameless seat would stay empty.
    """
    withdrawn = open_requests(ctx)
    given_up, offered = _give_up_seats(ctx)
    repo.erase_user(ctx.session, ctx.user)
    ctx.erased = True
    notices: list[int] = []
    for request in withdrawn:  # after the erasure, which empties the request's earlier sends
        repo.set_request_status(ctx.session, request, "cancelled", by="line", note=texts.WITHDRAWN_BY_ERASURE)
        request.closed_at, request.close_reason = ctx.now, texts.WITHDRAWN_BY_ERASURE
        notices += queue_cancellation_notice(ctx.session, request)
    said = texts.ERASED
    if withdrawn:
        said += "\n" + texts.ERASE_WITHDREW.format(references=_references(withdrawn))
    if given_up:
        said += "\n" + texts.ERASE_GAVE_UP_SEATS.format(events=given_up)
    notices += offered
    return Reply([Text(said)], [DeliveriesQueued(tuple(notices))] if notices else [])


def _give_up_seats(ctx: Context) -> tuple[str, list[int]]:
    """The user's seats, offers and waiting-list places for events to come, cancelled: their events' titles, and the
    pushes offering the seats freed to the next in line."""
    given_up = seats.active_registrations(ctx.session, ctx.user.id, ctx.now)
    offers = [offer for registration in given_up
              for offer in seats.cancel(ctx.session, registration.event_id, ctx.user, ctx.now).offers]
    return _titles(given_up), event_notices.queue_offers(ctx.session, offers)


def _titles(registrations: list[Registration]) -> str:
    return ", ".join(registration.event.title for registration in registrations)


def open_requests(ctx: Context) -> list[ServiceRequest]:
    """The user's requests not yet done, rejected or cancelled, newest first."""
    return [request for request in repo.requests_of_user(ctx.session, ctx.user, limit=None)
            if request.status in OPEN]


def _references(requests: list[ServiceRequest]) -> str:
    return ", ".join(request.reference or "" for request in requests)


def services_menu(province: str | None = None) -> Reply:
    """The service picker; a province already known is carried into the request."""
    return Reply([cards.service_carousel(province)])


def help_text() -> Reply:
    """How to use the bot, for the rich menu's help tile."""
    return Reply([Text(texts.HELP, cards.main_menu())])
