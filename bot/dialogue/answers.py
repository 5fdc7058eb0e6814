"""Answers that need no flow: status, centre info, events, greetings, subscriptions, privacy."""

from __future__ import annotations

from sqlalchemy import select

from bot.dialogue import cards, texts
from bot.dialogue.context import Context, Reply
from bot.line.outbound import Choose, Text
from intents import entities
from intents.provinces import find_province, nearest_province
from storage import repositories as repo
from storage.models import Centre


def request_status(ctx: Context, text: str | None) -> Reply:
    """The user's requests newest first, or the one whose reference was typed."""
    reference = entities.parse_reference(text or "")
    if reference:
        request = repo.request_by_reference(ctx.session, reference)
        if request is None or request.user_id != ctx.user.id:
            return Reply([Text(texts.REQUEST_NOT_FOUND.format(reference=reference), cards.main_menu())])
        return Reply([cards.requests_card([request])])
    requests = repo.requests_of_user(ctx.session, ctx.user)
    if not requests:
        return Reply([Text(texts.NO_REQUESTS, cards.main_menu())])
    return Reply([cards.requests_card(requests)])


def centre_info(ctx: Context, text: str | None) -> Reply | None:
    """The centre for the province in the message or on the user's profile; None if neither is known."""
    province = find_province(text or "")
    name = province.name if province else ctx.user.province
    if not name:
        return None
    centre = repo.centre_for_province(ctx.session, name)
    if centre is None:
        return Reply([Text(texts.NO_CENTRE.format(province=name), cards.main_menu())])
    return Reply([Text(f"ศูนย์ที่ดูแลจังหวัด{name} คือ"), cards.centre_text(centre)])


def nearest_centre(ctx: Context, latitude: float, longitude: float) -> Reply:
    """The centre serving the province the shared location falls in."""
    province = nearest_province(latitude, longitude)
    centre = repo.centre_for_province(ctx.session, province.name) or _closest_centre(ctx, latitude, longitude)
    return Reply([Text(f"{texts.LOCATION_THANKS} (จ.{province.name})"), cards.centre_text(centre)])


def _closest_centre(ctx: Context, latitude: float, longitude: float) -> Centre:
    centres = list(ctx.session.scalars(select(Centre)))
    return min(centres, key=lambda c: (c.lat - latitude) ** 2 + (c.lon - longitude) ** 2)


def upcoming_events(ctx: Context) -> Reply:
    """Events still to come, soonest first."""
    events = repo.upcoming_events(ctx.session, ctx.now)
    if not events:
        return Reply([Text(texts.NO_EVENTS, cards.main_menu())])
    lines = [texts.EVENT_LINE.format(title=e.title, date=texts.thai_datetime(e.starts_at), province=e.province)
             for e in events]
    return Reply([Text(texts.EVENTS_TITLE + "\n" + "\n".join(lines), cards.main_menu())])


def greeting(text: str | None) -> Reply:
    """A short polite answer: thanks get 'you are welcome', anything else the menu."""
    thanks = text is not None and any(word in text for word in ("ขอบคุณ", "ขอบใจ", "thank", "บาย", "bye"))
    return Reply([Text(texts.THANKS if thanks else texts.GREETING, cards.main_menu())])


def out_of_scope() -> Reply:
    return Reply([Text(texts.OUT_OF_SCOPE, cards.main_menu())])


def unsubscribe(ctx: Context) -> Reply:
    """Stop announcements for this user."""
    ctx.user.subscribed = False
    return Reply([Text(texts.UNSUBSCRIBED, (Choose("รับข่าวสาร", "subscribe=yes", "รับข่าวสาร"),))])


def subscribe(ctx: Context) -> Reply:
    ctx.user.subscribed = True
    return Reply([Text(texts.SUBSCRIBED, cards.main_menu())])


def privacy() -> Reply:
    return Reply([Text(texts.PRIVACY_DETAILS, cards.consent_choices())])


def ask_erase() -> Reply:
    return Reply([Text(texts.ASK_ERASE, (Choose("ลบข้อมูล", "erase=yes", "ยืนยันลบข้อมูล"),
                                         Choose("ไม่ลบ", "erase=no", "ไม่ลบ")))])


def erase(ctx: Context) -> Reply:
    """Forget the user: personal data and transcript go, anonymous statistics stay."""
    repo.erase_user(ctx.session, ctx.user)
    ctx.erased = True
    return Reply([Text(texts.ERASED)])


def services_menu() -> Reply:
    return Reply([cards.service_carousel()])
