"""Which events a follower's message is about: the list asked for ("มีงานที่ลำปางไหมคะ"), an event named by its title
and picked by the day, province or round said beside it ("cluster day เชียงใหม่", "รุ่นที่ 9"), the courses on where
one lives ("มีอบรมแพ็คเกจจิ้งไหม อยู่หาดใหญ่"), and a reply to the event announced lately ("สนใจครับ"). What is then
done (the carousel, a registration) is `bot.events.dialogue`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from bot.dialogue import cards as main_cards
from bot.dialogue import conversation, replies
from bot.dialogue import texts as main_texts
from bot.dialogue.context import Context, Reply
from bot.events import cards, registrant, texts
from bot.events.cards import event_choices
from bot.events.dialogue import my_registrations, register, show_carousel, upcoming_events
from bot.line.outbound import Text
from intents.entities import SECTORS, parse_people, parse_sector
from intents.provinces import find_province
from intents.titles import (
    SaidOfEvent,
    named_loosely,
    named_titles,
    round_of,
    said_of_event,
    sharing_a_word,
    words_shared,
)
from storage import repositories as repo
from storage.models import Announcement, AnnouncementRecipient, Event

WORDS_FOR_MINE = ("ยกเลิก", "ของฉัน", "ลงทะเบียนไว้", "ที่ลงไว้", "ลงชื่อไว้", "บัตร", "qr", "QR", "รหัส", "เช็กอิน",
                  "เช็คอิน")
# An event named by its title (`named_event`) is looked at when the classifier reads the message as an event or a
# course, or it says to register ("ลงทะเบียนอบรม..." may read as a service); it is joined when the message says so
# (or gives the party), or wishes for the course without asking about it; the rest is asked about: its card.
TAKING_PART = ("event", "training")
# Whether there is an event for a cluster or on a topic may be read as asking about events, courses or clusters.
ASKING_OF_EVENTS = (*TAKING_PART, "cluster")
REGISTER_WORDS = ("ลงทะเบียน", "ลงชื่อ")
JOIN_WORDS = (*REGISTER_WORDS, "สมัคร", "จองที่")
# An event named only to say the message is not about it: "ไม่ได้ถามงาน CLUSTER DAY ค่ะ ถามคอร์สอบรมปกติ".
NOT_ASKING_ABOUT = ("ไม่ได้ถาม", "ไม่ได้หมายถึง", "ไม่ใช่งาน")
NOT_JOINING = (*WORDS_FOR_MINE, "ถอน", *NOT_ASKING_ABOUT)
# "Is there …?": "มีอบรมแพ็คเกจจิ้งไหมหนิ", "มีคอร์สบ้างบ่", "มีงานที่สงขลาป่าวคะ".
ASKS_IF_THERE = re.compile(r"มี.*(?:ไหม|มั้ย|มั๊ย|ม้าย|บ่|บ้าง|หรือเปล่า|รึเปล่า|ป่าว)")
# A reply to an event announced to the follower lately opens with one of these ("สนใจครับ", "ขอรายละเอียดหน่อย",
# "ไม่สนใจงานนี้ครับ"); not "ลูกค้าไม่สนใจสินค้าเรา ทำไงดี", a need of its own (h83). "สนใจแต่ไปไม่ได้" declines.
INTERESTED = ("สนใจ", "ขอรายละเอียด", "รายละเอียด", "เข้าร่วม", "ไปด้วย", *JOIN_WORDS)
NOT_INTERESTED = ("ไม่สนใจ", "ไม่ไป", "ไม่ว่าง", "ไม่สะดวก", "ไปไม่ได้", "ไปไม่ไหว")
ANNOUNCED_LATELY = timedelta(days=7)



def show_events(ctx: Context, text: str | None) -> Reply:
    """Upcoming events as a carousel; the follower's own registrations when they ask about theirs. Only those on
    the day, in the province or of the round the message says, when there are any ("มีงานที่ลำปางไหมคะ"); when
    there are none, that is said before all the others."""
    if text and any(word in text for word in WORDS_FOR_MINE):  # "ลงทะเบียนไว้งานไหนบ้าง", with none too (h81)
        return my_registrations(ctx)
    events = upcoming_events(ctx)
    if not events:
        return Reply([Text(texts.NO_EVENTS, main_cards.main_menu())])
    said = said_of_event(text, ctx.today) if text else SaidOfEvent()
    fitting = [event for event in events if _fits(event, said)] if said else []
    if fitting:
        shown = show_carousel(ctx, fitting, texts.EVENTS_SAID.format(what=_what(said)) + _more(fitting))
    else:
        intro = texts.NO_EVENTS_SAID.format(what=_what(said)) if said else texts.EVENTS_INTRO
        shown = all_events(ctx, events, intro)
    return _fees_first(ctx, text, fitting or events, shown)


def _fees_first(ctx: Context, text: str | None, events: list[Event], shown: Reply) -> Reply:
    """The events shown, after what each costs when the message asks ("เสียตังค์ไหม", "ค่าสมัครเท่าไหร่"): the fee
    staff set, or the centre to call when none is."""
    if not text or not replies.asks_the_price(text):
        return shown
    lines = [texts.FEE_LINE.format(title=event.title, fee=cards.fee(event) or _ask_the_centre(ctx, event))
             for event in events[:cards.MAX_BUBBLES]]
    return Reply([Text(texts.FEES.format(lines="\n".join(lines)))]).then(shown)


def _ask_the_centre(ctx: Context, event: Event) -> str:
    centre = repo.centre_for_province(ctx.session, event.province)
    if centre is None:
        return texts.FEE_NOT_STATED_NO_CENTRE
    return texts.FEE_NOT_STATED.format(centre=centre.name, phone=centre.phone)


def all_events(ctx: Context, upcoming: list[Event], intro: str) -> Reply:
    """The first page of all the events on, "ดูกิจกรรมอื่น" under it showing the next."""
    return show_carousel(ctx, upcoming, intro + _more(upcoming, paged=True), start=0)


def _more(events: list[Event], paged: bool = False) -> str:
    """How to reach the events past the carousel's last card, if there are any: the next page's button, when
    the events are all those on, or typing what narrows them."""
    if len(events) <= cards.MAX_BUBBLES:
        return ""
    return "\n" + (texts.MORE_EVENTS_PAGED if paged else texts.MORE_EVENTS).format(most=cards.MAX_BUBBLES)


def round_asked(ctx: Context, text: str) -> Reply | None:
    """"รุ่น 11 ยังว่างไหม": a message the classifier is unsure of that names a round of events on: their cards;
    None when it names no round, or no event of it is on."""
    said = SaidOfEvent(round=round_of(text))
    fitting = [event for event in upcoming_events(ctx) if _fits(event, said)] if said else []
    if not fitting:
        return None
    return show_carousel(ctx, fitting, texts.EVENTS_SAID.format(what=_what(said)) + _more(fitting))


def courses_there(ctx: Context, text: str) -> Reply | None:
    """"มีอบรมแพ็คเกจจิ้งไหม อยู่หาดใหญ่": a question whether there is a course, naming where, answered with the events
    on there, and an invitation to ask for a course of one's own; None when none are there (the training request
    then starts, as before) or the message names no province (h81, h83)."""
    said = said_of_event(text, ctx.today)
    if said.province is None or not (ASKS_IF_THERE.search(text) or replies.asks_a_question(text)):
        return None
    there = [event for event in upcoming_events(ctx) if _fits(event, said)]
    if not there:
        return None
    return show_carousel(ctx, there, texts.COURSES_THERE.format(what=_what(said)) + _more(there))


def named_event(ctx: Context, text: str, intent: str) -> Reply | None:
    """The event or events a message is about by what it says of them: named by title (`event_named`), else the
    ones a registration names by a day or cluster (`registered_by_day_or_cluster`), else the ones asked for by
    cluster or topic (`events_asked_for`); None for none of these."""
    return (event_named(ctx, text, intent) or registered_by_day_or_cluster(ctx, text, intent)
            or events_asked_for(ctx, text, intent))


def registered_by_day_or_cluster(ctx: Context, text: str, intent: str) -> Reply | None:
    """"ลงทะเบียนงาน 18 ธค 2 คนค่ะ ชื่อกานดา 089…", "ลงชื่องานคลัสเตอร์อาหารแปรรูปค่ะ 2 คน": a registration naming no
    title but the day, province or round, or the cluster, of the event: the one that fits registered with the party
    and details typed, as one named by its title is; the cards of several, those kept for the one tapped. None when
    the message does not say to register, names none of these, or no event fits (the events said are shown)."""
    if not may_name_an_event(text, intent) or not _says(text)(REGISTER_WORDS):
        return None
    said, sector = said_of_event(text, ctx.today), parse_sector(text)
    if not said and sector is None:
        return None
    upcoming = upcoming_events(ctx)
    on_topic = [upcoming[i] for i in sharing_a_word(text, [event.title for event in upcoming])] if sector else []
    fitting = [event for event in upcoming
               if _fits(event, said) and (sector is None or _for_sector(event, sector, event in on_topic))]
    if not fitting:
        return None
    people, typed = parse_people(text), registrant.typed_with(text, ctx.today)
    if len(fitting) == 1:
        registrant.keep(ctx.user, typed)
        return register(ctx, fitting[0], None, people, typed)
    registrant.hold_for_the_pick(ctx, [event.id for event in fitting], people, typed)
    what = "".join(part for part in (_topic(text, sector, []), _what(said)) if part)
    kept = texts.TYPED_KEPT if typed or people else ""
    return show_carousel(ctx, fitting, texts.PICK_AN_EVENT.format(what=what) + kept + _more(fitting))


def events_asked_for(ctx: Context, text: str, intent: str) -> Reply | None:
    """"มี event สำหรับ cosmetics cluster มั้ยคะ", "มีอบรมบรรจุภัณฑ์ที่สงขลาไหม": a question (read as about events,
    courses or clusters) whether there is one for a cluster sector or on a topic an event's title has, with or
    without a province or day: the events that fit. With none, that is said, then all the events for a question
    about events, or the request the classifier's label starts (a course or a cluster asked for), as before. None
    when the message is no such question, or names neither a sector nor a title's word."""
    asks = ASKS_IF_THERE.search(text) or replies.asks_a_question(text)
    if intent not in ASKING_OF_EVENTS or not asks or _says(text)(NOT_JOINING):
        return None
    upcoming, sector = upcoming_events(ctx), parse_sector(text)
    on_topic = [upcoming[i] for i in sharing_a_word(text, [event.title for event in upcoming])]
    if sector is None and not on_topic:
        return None
    said = said_of_event(text, ctx.today)
    fitting = [event for event in upcoming
               if _fits(event, said) and _for_sector(event, sector, event in on_topic)]
    what = "".join(part for part in (_topic(text, sector, on_topic), _what(said)) if part) or texts.RELATED
    if fitting:
        invite = "\n" + texts.ASK_FOR_A_COURSE if intent == "training" else ""
        return show_carousel(ctx, fitting, texts.EVENTS_ASKED_FOR.format(what=what) + invite + _more(fitting))
    none = texts.NO_EVENTS_ASKED_FOR.format(what=what)
    if intent != "event":
        found = {"sector": sector} if sector else {}
        return Reply([Text(none)]).then(conversation.start(ctx, intent, text, found))
    if not upcoming:
        return Reply([Text(texts.NO_EVENTS, main_cards.main_menu())])
    return all_events(ctx, upcoming, none + " " + texts.EVENTS_ON_INSTEAD)


def _topic(text: str, sector: str | None, on_topic: list[Event]) -> str:
    """The cluster or topic asked about, as a reply says it back: "สำหรับคลัสเตอร์เครื่องสำอาง", "เรื่องบรรจุภัณฑ์";
    empty when the words the titles share are not whole words of theirs."""
    if sector is not None:
        return texts.FOR_SECTOR.format(sector=SECTORS[sector])
    words = list(dict.fromkeys(word for event in on_topic for word in words_shared(text, event.title)))
    return texts.ON_TOPIC.format(topic=" ".join(words[:2])) if words else ""


def _for_sector(event: Event, sector: str | None, titled: bool) -> bool:
    """True when the event is for the sector asked about (an event for some clusters, only for theirs), or its
    title has a word of the question's."""
    if sector is not None and event.sectors:
        return sector in event.sectors
    return titled


def event_named(ctx: Context, text: str, intent: str) -> Reply | None:
    """The event the message names by its title (or the only one on, when the message says to register), picked
    among those by the day, province or round said beside it (`_fitting`): its registration, with the party typed
    if any, or its card when the message asks about it (the cards of all it names equally; when what is said
    beside fits none, with a word, the cards of those it names and of their series); None when it names none, or
    is about the follower's own registration."""
    if not may_name_an_event(text, intent):
        return None
    upcoming, says, said = upcoming_events(ctx), _says(text), said_of_event(text, ctx.today)
    titles = [event.title for event in upcoming]
    outright = [upcoming[i] for i in named_titles(text, titles)]
    if not outright and intent == "event" and len(upcoming) == 1 and says(REGISTER_WORDS):
        outright = upcoming  # "ลงทะเบียน 2 คนค่ะ" with one event on: that one, whatever its title is typed like
    loosely = [upcoming[i] for i in named_loosely(text, titles)]
    named = _fitting(said, outright, loosely)
    people = parse_people(text)
    by_topic = [] if named or outright else _on_topic_and_said(text, intent, upcoming, said, people)
    named = named or by_topic
    if not named and outright:  # what is said fits none: those the title typed may mean, not a wrong one
        alike = outright + [event for event in loosely if event not in outright]
        return show_carousel(ctx, alike, texts.NO_NAMED_EVENT_SAID.format(what=_what(said)))
    if not named:
        return None
    if len(named) > 1:
        return _fees_first(ctx, text, named, show_carousel(ctx, named, texts.NAMED_EVENTS))
    wishes = intent == "training" and not replies.asks_a_question(text)
    # One picked by what is said beside its series' name is joined only when asked plainly, not for a number of
    # people, nor a wish, in a message that may be about something else ("พาสมาชิก 20 คนไปดูงานที่ตรัง").
    joins = says(JOIN_WORDS) or (named[0] in outright + by_topic and (people is not None or wishes))
    if not joins:
        return _fees_first(ctx, text, named, show_carousel(ctx, named, texts.NAMED_EVENT.format(title=named[0].title)))
    typed = registrant.typed_with(text, ctx.today)
    registrant.keep(ctx.user, typed)
    return register(ctx, named[0], None, people, typed)


def _on_topic_and_said(text: str, intent: str, upcoming: list[Event], said: SaidOfEvent,
                       people: int | None) -> list[Event]:
    """"ขอลงสัมมนาเครื่องสำอาง 10 ธค ค่ะ 2 คน": read as about events, a word of a title (not enough of it to name
    it) with the day, province or round said and a party, names the events on that topic that fit what is said;
    none for anything less, which may be a question about the topic (`events_asked_for`)."""
    if intent != "event" or not said or people is None:
        return []
    on_topic = [upcoming[i] for i in sharing_a_word(text, [event.title for event in upcoming])]
    return [event for event in on_topic if _fits(event, said)]


def _fitting(said: SaidOfEvent, outright: list[Event], loosely: list[Event]) -> list[Event]:
    """The events a message means: of those it names outright, the ones fitting what it says of them besides
    their title (`said`: a day, a province, a round); else of those it names loosely ("cluster day" names every
    CLUSTER DAY), the ones fitting it; all it names outright when it says nothing besides; none when nothing
    fits."""
    if not said:
        return outright
    return [event for event in outright if _fits(event, said)] or [event for event in loosely if _fits(event, said)]


def _fits(event: Event, said: SaidOfEvent) -> bool:
    """True when the event is on the days said, in the province said, and of the round said; each when said."""
    return ((said.days is None or _on(event, *said.days))
            and (said.province is None or said.province in _places(event))
            and (said.round is None or round_of(event.title) == said.round))


def _on(event: Event, first: date, last: date) -> bool:
    """True when the event (a day or several, Bangkok time) falls on a day from first to last."""
    return _bangkok_day(event.starts_at) <= last and _bangkok_day(event.ends_at or event.starts_at) >= first


def _places(event: Event) -> set[str]:
    """The provinces an event is in, meant for (`Event.provinces`) or named for ("อบรมเซรามิกลำปาง")."""
    named_for = find_province(event.title)
    return {event.province, *(event.provinces or []), *([named_for.name] if named_for else [])}


def _what(said: SaidOfEvent) -> str:
    """What a message said of an event, as a reply says it back: "วันที่ 22 ธ.ค. 2569 ที่ลำปาง รุ่นที่ 9"."""
    parts = []
    if said.days is not None:
        first, last = said.days
        parts.append(f"วันที่ {main_texts.thai_date(first)}" if first == last
                     else f"ช่วง {main_texts.thai_days(first, last)}")
    if said.province is not None:
        parts.append(f"ที่{said.province}")
    if said.round is not None:
        parts.append(f"รุ่นที่ {said.round}")
    return " ".join(parts)


def _bangkok_day(moment: datetime) -> date:
    return moment.astimezone(main_texts.BANGKOK).date()


def announced_event(ctx: Context, text: str) -> Reply | None:
    """A reply to the event card the follower was sent in the last week: "ไม่สนใจงานนี้ครับ" is thanked, "สนใจค่ะ
    ลงชื่อให้ด้วย 2 คน" registers (the registration counted for the announcement), "สนใจครับ" or "ขอรายละเอียด"
    shows its card; None for a message that says none of that, or when no event was announced to them lately."""
    says = _says(text)
    if not text.strip().startswith(INTERESTED + NOT_INTERESTED):
        return None
    latest = _latest_announced(ctx)
    if latest is None or latest.event_id is None:
        return None
    found = ctx.session.get(Event, latest.event_id)
    if found is None or found.status != "published" or found.starts_at <= ctx.now:
        return None
    if says(NOT_INTERESTED):
        return Reply([Text(texts.NOT_INTERESTED.format(title=found.title), event_choices())])
    people = parse_people(text)
    if says(JOIN_WORDS) or people is not None:
        return register(ctx, found, latest.id, people)
    return show_carousel(ctx, [found], texts.NAMED_EVENT.format(title=found.title))


def _latest_announced(ctx: Context) -> Announcement | None:
    """The newest announcement sent to the follower within ANNOUNCED_LATELY."""
    sent = func.coalesce(Announcement.sent_at, Announcement.scheduled_at, Announcement.created_at)
    query = (select(Announcement).join(AnnouncementRecipient, AnnouncementRecipient.announcement_id == Announcement.id)
             .where(AnnouncementRecipient.line_user_id == ctx.user.line_user_id,
                    AnnouncementRecipient.status == "sent", sent > ctx.now - ANNOUNCED_LATELY)
             .order_by(sent.desc(), Announcement.id.desc()).limit(1))
    return ctx.session.scalar(query)


def may_name_an_event(text: str, intent: str) -> bool:
    """True when the message is about taking part in something (`TAKING_PART`, `REGISTER_WORDS`), and not in
    what the follower registered for already, nor says it is not asking about one: whether it names an event is
    worth looking up."""
    says = _says(text)
    return (intent in TAKING_PART or says(REGISTER_WORDS)) and not says(NOT_JOINING)


def _says(text: str) -> Callable[[tuple[str, ...]], bool]:
    return lambda words: any(word in text for word in words)
