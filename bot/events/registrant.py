"""Who registers: the name, phone and business typed with a registration ("…2 ท่าน ชื่อสมศรี ใจดี เบอร์ 081…"), held
while consent is asked and kept on the profile once it is given; a shop typed at "ขอชื่อผู้ลงทะเบียนค่ะ" kept as
the business (and its place as the follower's province); what was taken shown on the ticket, and put right by
typing it again after "แก้ชื่อ/เบอร์".

Postback data:
    ev_who=EVENT   the registrant's name and phone to put right: asks for them, typed
"""

from __future__ import annotations

import re
from datetime import date

from bot.dialogue import answers as main_answers
from bot.dialogue import asides, flows, phones, replies
from bot.dialogue import fields as f
from bot.dialogue import texts as main_texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.names import (
    BUSINESS_WORD,
    business_after_the_name,
    read_business_name,
    read_contact_name,
    says_no_name,
)
from bot.dialogue.refusals import Invalid
from bot.events import cards, texts
from bot.events import registrations as seats
from bot.line.inbound import Inbound
from bot.line.outbound import Say, Text
from intents.entities import parse_phone
from intents.provinces import province_alone
from storage import repositories as repo
from storage.models import Conversation, LineUser, Registration

DETAILS = ("contact_name", "phone", "business_name")
QUESTIONS = {question.key: question for question in (f.CONTACT, f.PHONE)}  # what a registration cannot go without
HELD = "registrant_held"  # a conversation's flow, and its data's key: details typed before consent, awaiting it
# In a conversation's data: the events shown for a registration naming none by its title, with the party and
# details typed with it, for the one tapped.
PICKING = "registrant_picking"
FIXING = "registrant_fix"  # in a conversation's data: the event whose registrant's details are being put right
THANKS = ("ขอบคุณ", "ขอบใจ", "thank")  # after "แก้ชื่อ/เบอร์": nothing to put right, not a name
# The registrant's name said with the event: "แม่ชื่อสุดา", not ลงชื่อ (to register) nor ชื่องาน; or a word starting
# with a title people put before their names ("นางสาวกานดา ศรีวงศ์").
NAME_SAID = re.compile(r"(?<!ลง)ชื่อ(?!งาน|กิจกรรม|ไว้|ใคร|อะไร)|(?<!\S)(?:นางสาว|น\.ส\.|นาง|นาย)(?=[^\s\d])")


def ready(user: LineUser) -> bool:
    """Consent given, and a name and phone on the profile."""
    return user.consented_at is not None and missing(user) is None


def missing(user: LineUser) -> f.Field | None:
    """The first of the registrant's name and phone their profile lacks."""
    return next((question for key, question in QUESTIONS.items() if not getattr(user, key)), None)


def take_told(user: LineUser, current: Conversation | None) -> None:
    """The name and phone a request in progress was already told, kept on a profile that lacks them."""
    told = current.data.get("answers", {}) if current is not None and current.flow in flows.FLOWS else {}
    for key in QUESTIONS:
        if not getattr(user, key) and told.get(key):
            setattr(user, key, told[key])


def answers(asking: f.Field, text: str, today: date) -> bool:
    """True when the text answers a question that takes no free text, whatever else it sounds like: a phone,
    or LINE instead of one ("ไม่สะดวกให้เบอร์ ติดต่อทางไลน์ได้เลย", a wish for staff to the classifier)."""
    if asking.takes_any_text:
        return False
    try:
        asking.read(text, today)
    except Invalid:
        return False
    return True


def typed_with(text: str, today: date) -> dict[str, str]:
    """The registrant's name, phone and business a message about an event says ("แม่ชื่อนางสุดา วงศ์คำ เบอร์
    0865551234", "ชื่อแดง ร้านขนมป้าแดง"); a remark in brackets after the name ("(แม่ผม)") is not part of it."""
    said: dict[str, str] = {}
    phone = parse_phone(text)
    if phone:
        said["phone"] = phone
    introduced = NAME_SAID.search(text)
    if introduced is None:
        return said
    named = text[introduced.start():]
    business = business_after_the_name(named)
    if business is not None:
        said["business_name"] = business[1].strip()
    try:
        name = read_contact_name(named, today).split("(")[0].strip()
    except Invalid:
        return said
    if name and not any(character.isdigit() for character in name):
        said["contact_name"] = name
    return said


def keep(user: LineUser, said: dict[str, str]) -> None:
    """What was typed, on a consenting follower's profile where it lacks it (as those told to a request are)."""
    if user.consented_at is None:
        return
    for key in DETAILS:
        if said.get(key) and not getattr(user, key):
            setattr(user, key, said[key])


def put_on(registration: Registration, said: dict[str, str]) -> Registration:
    """A registration in the name, phone and business typed with it ("ให้แม่ครับ ชื่อสมศรี…"), where they differ from
    the profile's it took: the follower's own stay on the profile."""
    for key in DETAILS:
        if said.get(key):
            setattr(registration, key, said[key])
    return registration


def hold(ctx: Context, said: dict[str, str]) -> None:
    """Details typed before consent, held beside the consent question just asked (which a tap or a typed answer
    forgets, not them) until it is answered: given, they are kept (`take_held`); refused, the conversation goes."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if not said or current is None:
        return
    flow = current.flow if current.flow not in (asides.YES_OR_NO, HELD) else HELD
    repo.save_conversation(ctx.session, ctx.user, flow, current.state, current.data | {HELD: said})


def take_held(ctx: Context) -> None:
    """Consent given: the details typed before it, kept on the profile."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is not None and HELD in current.data:
        keep(ctx.user, current.data[HELD])
        asides.forget(ctx, HELD, HELD)


def drop_held(ctx: Context, text: str) -> None:
    """A message that gives no consent moves on: the details typed before it are not kept (the consent question
    still waits for a typed answer, as it would have; one about consent, "ยินยอมคืออะไรคะ", keeps them: it is
    answered, and consent may follow)."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is None or HELD not in current.data or any(word in text for word in asides.CONSENTING):
        return
    rest = {key: value for key, value in current.data.items() if key != HELD}
    if current.flow == HELD and not rest:
        repo.clear_conversation(ctx.session, ctx.user)
        return
    flow = asides.YES_OR_NO if current.flow == HELD else current.flow
    repo.save_conversation(ctx.session, ctx.user, flow, current.state, rest)


def hold_for_the_pick(ctx: Context, events: list[int], people: int | None, said: dict[str, str]) -> None:
    """Several events fit a registration naming them by a day or a cluster: the party and details typed with it
    kept until one of them is tapped (a message typed first moves on: `drop_picked`)."""
    asides.remember(ctx, PICKING, {PICKING: {"events": events, "people": people, "said": said}})


def picked(ctx: Context, event_id: int | None) -> tuple[int | None, dict[str, str]]:
    """The party and details typed with a registration whose events were shown, when the event tapped is one of
    them (forgotten either way); none else."""
    current = repo.get_conversation(ctx.session, ctx.user)
    held = current.data.get(PICKING) if current is not None else None
    if held is None:
        return None, {}
    asides.forget(ctx, PICKING, PICKING)
    if event_id not in held["events"]:
        return None, {}
    return held["people"], held["said"]


def drop_picked(ctx: Context) -> None:
    """A message typed after the events were shown: a card tapped later is registered as any other."""
    asides.forget(ctx, PICKING, PICKING)


def shop_for_a_name(ctx: Context, text: str) -> str | None:
    """"ร้านขนมป้าแดง หาดใหญ่" typed for the registrant's name: the shop kept as the business on the profile (the
    registration takes it from there), its place as the follower's province (a shop's place is theirs), and what
    was kept said; None for a text that does not start with a business."""
    shop, place = _shop_and_place(" ".join(text.split()))
    if not BUSINESS_WORD.match(shop):
        return None
    try:
        business = read_business_name(shop, ctx.today)
    except Invalid:
        return None
    if len(BUSINESS_WORD.sub("", business)) < 2:  # "ร้านค่ะ": no shop named
        return None
    ctx.user.business_name = business  # told as the business of whom registers: theirs now
    main_answers.note_where_they_are(ctx, text)
    if place is not None:
        ctx.user.province = place
    where = texts.SHOP_PLACE.format(province=place) if place else ""
    return texts.SHOP_KEPT.format(business=business, where=where)


def business_with_the_name(ctx: Context, text: str) -> None:
    """"แดง ใจดี ร้านขนมป้าแดง" at "ขอชื่อผู้ลงทะเบียนค่ะ": the business typed after the name, kept where none is."""
    split = business_after_the_name(" ".join(text.split()))
    if split is not None:
        keep(ctx.user, {"business_name": split[1].strip()})


def _shop_and_place(text: str) -> tuple[str, str | None]:
    """The shop typed, and the province its last word names ("ร้านขนมป้าแดง หาดใหญ่" -> สงขลา), if it names one."""
    words = text.split()
    province = province_alone(words[-1]) if len(words) > 1 else None
    if province is None:
        return text, None
    return " ".join(words[:-1]), province.name


def taken(registration: Registration) -> str:
    """Whom the registration is for, as the ticket shows it: "ผู้ลงทะเบียน: สมศรี ใจดี โทร 081-234-5678"."""
    phone = registration.phone or ""
    shown = main_texts.BY_LINE_SHOWN if phone == phones.BY_LINE else _dashed(phone)
    return texts.REGISTRANT.format(name=registration.contact_name or "-", phone=shown or "-")


def _dashed(phone: str) -> str:
    """A mobile number as people read it (081-234-5678); any other as stored."""
    return f"{phone[:3]}-{phone[3:6]}-{phone[6:]}" if len(phone) == 10 and phone.isdecimal() else phone


def ask_fix(ctx: Context, value: str, event: Inbound) -> Reply:
    """"แก้ชื่อ/เบอร์" under the ticket: the name and phone asked for again, typed."""
    registration = _own(ctx, value)
    if registration is None:
        return Reply([Text(texts.NOTHING_REGISTERED, cards.event_choices())])
    asides.remember(ctx, FIXING, {FIXING: registration.event_id})
    return Reply([Text(texts.ASK_FIX.format(taken=taken(registration)), (Say("ยกเลิก", "ยกเลิก"),))])


def typed_fix(ctx: Context, text: str, cancels: bool, other_topic: bool) -> Reply | None:
    """The name or phone (or both) typed after "แก้ชื่อ/เบอร์": the registration and the profile put right, and
    shown; None when that was not asked, or the text is about something else (`other_topic`, a sentence no name
    starts like): the question is forgotten either way."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is None or FIXING not in current.data:
        return None
    registration = _own(ctx, str(current.data[FIXING]))
    asides.forget(ctx, FIXING, FIXING)
    if registration is None:
        return None
    if cancels or replies.plain(text).startswith(THANKS):
        return Reply([Text(texts.FIX_KEPT.format(taken=taken(registration)), cards.event_choices())])
    phone = parse_phone(text)
    if phone is None and (other_topic or says_no_name(text)):
        return None
    try:
        name = read_contact_name(text, ctx.today)
    except Invalid:
        name = None
    if name is None and phone is None:
        return None
    for key, value in (("contact_name", name), ("phone", phone)):
        if value and getattr(ctx.user, key) in (None, getattr(registration, key)):  # the profile had the same guess
            setattr(ctx.user, key, value)
        setattr(registration, key, value or getattr(registration, key))
    return Reply([Text(texts.FIXED.format(taken=taken(registration)), cards.event_choices())])


def _own(ctx: Context, value: str) -> Registration | None:
    """The follower's active registration for the event `value` names, if any."""
    registration = seats.registration_of(ctx.session, int(value), ctx.user.id) if value.isdecimal() else None
    return registration if registration is not None and registration.status in seats.ACTIVE else None
