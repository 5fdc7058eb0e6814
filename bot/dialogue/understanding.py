"""Act on what a message means: each intent's answer, or the likely choices when the classifier is unsure."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import intents
from bot.dialogue import answers, asides, call_about, cards, conversation, replies, texts
from bot.dialogue.context import Context, Reply
from bot.events import finding as event_finding
from bot.events import party, registered
from bot.line.outbound import Text
from intents import dates
from intents.provinces import find_province, nearest_province
from storage import repositories as repo
from storage.models import Conversation

CENTRE_LOOKUP = "centre_lookup"  # the one-question flow "which province are you in?", asked for centre info
# Answered in the middle of a flow, which then carries on; asking for a person moves the flow to one instead.
# A message the bot was unsure of, kept until one of the choices offered for it is tapped.
UNCLEAR = "unclear_text"
INTERRUPTING = {"request_status", "center_info", "event", "unsubscribe"}
# What the classifier reads a reply to an event announced lately as ("สนใจครับ", "ไม่สนใจงานนี้ครับ"), when it is sure.
ANSWERS_AN_ANNOUNCEMENT = {"event", "training", "greeting", "out_of_scope"}
PRACTICAL = "practical"  # the lookup's mark of a practical matter asked ("มีที่จอดรถไหม"), answered with the card
CALL_BACK = "call_back"  # a call-back asked for before consent: the postback of its offer, and the lookup's mark
# A day's opening just told: until the next message, "แล้ว 31 ธค ล่ะคะ" asks the same of another day (h81).
OPENING_TOLD = "opening_told"
SHORT_FOLLOW_UP = 40  # characters: longer, the message asks something of its own


def understand(ctx: Context, text: str | None, prediction: intents.Prediction) -> Reply:
    """Act on a confident intent; offer the likely choices when unsure. First, a change to a registration's party
    ("ขอเพิ่มอีก 1 คน") or giving it up ("ไม่ไปแล้วครับ"), or an event named by its title: data the admins wrote, like a request reference, whatever
    service its words sound like ("ลงทะเบียนอบรมออกแบบฉลาก"); not in the middle of a request, whose questions take
    such words as answers."""
    in_a_request = conversation.request_flow(ctx) is not None
    unclear = prediction.confidence < intents.CONFIDENCE_THRESHOLD
    if text and not in_a_request:
        about_events = (party.typed_change(ctx, text, prediction) or registered.typed_not_going(ctx, text)
                        or event_finding.named_event(ctx, text, prediction.intent))
        if about_events is None and (prediction.intent == "training" or unclear and prediction.intent == "event"):
            about_events = event_finding.courses_there(ctx, text)
        if about_events is None and (unclear or prediction.intent in ANSWERS_AN_ANNOUNCEMENT):
            about_events = event_finding.announced_event(ctx, text)
        if about_events is None and unclear:
            about_events = event_finding.round_asked(ctx, text)
        if about_events is not None:
            return about_events
    if text and (unclear or prediction.intent == "out_of_scope") and replies.asks_about_the_centres(text):
        return Reply([Text(texts.ABOUT, cards.main_menu())])
    offer = registered.offer_still_open(ctx) if unclear and not in_a_request else None
    if offer is not None:
        return offer
    if unclear:
        labels = [prediction.intent] + [label for label, _ in prediction.alternatives]
        if text and not in_a_request:  # the service then tapped starts from what was said
            asides.remember(ctx, UNCLEAR, {UNCLEAR: text})
        price = f"{texts.PRICE}\n" if text and replies.asks_the_price(text) else ""
        return Reply([Text(price + texts.NOT_SURE, cards.intent_choices(labels))])
    return act_on(ctx, prediction.intent, text)


def unclear_text(ctx: Context) -> str | None:
    """The message the choices just tapped were offered for, once (None if there is none)."""
    current = repo.get_conversation(ctx.session, ctx.user)
    said = current.data.get(UNCLEAR) if current is not None else None
    asides.forget(ctx, UNCLEAR, UNCLEAR)
    return said


def act_on(ctx: Context, intent: str, text: str | None) -> Reply:
    """What the bot does for each intent label."""
    if intent == "contact_staff" and ctx.user.consented_at is None:
        # Nobody may call back without the user's name and phone: the centre's own phone is the way to a person.
        return Reply([Text(texts.CALL_THE_CENTRE)]).then(centre_info(ctx, text, call_back=True))
    about = call_about.offer(ctx, text) if intent == "contact_staff" else None
    if about is not None:  # a request of theirs is still open: the call may be about it
        return about
    if intent in intents.SERVICE_LABELS or intent == "contact_staff":
        found = intents.extract_entities(text or "", today=ctx.today) if text else {}
        return conversation.start(ctx, intent, text, found)
    if intent == "request_status":
        return answers.request_status(ctx, text)
    if intent == "center_info":
        return centre_info(ctx, text)
    if intent == "event":
        return event_finding.show_events(ctx, text)
    if intent == "greeting":
        return answers.greeting(text)
    if intent == "cancel":
        return conversation.cancel(ctx, text=text)
    if intent == "unsubscribe":
        return answers.unsubscribe(ctx, text)
    return answers.out_of_scope()


def centre_info(ctx: Context, text: str | None, call_back: bool = False) -> Reply:
    """The user's centre; asked in the middle of a request, the request is kept and its province used. With
    `call_back`, for someone yet to consent who asked for a person, the card offers the call-back too. Asked whether
    the centres open on a day, that is said first."""
    opening = answers.open_that_day(text, ctx.today)  # the same for every centre: said before asking which
    told = Reply([Text(opening)]) if opening else Reply([])
    if opening:
        asides.remember(ctx, OPENING_TOLD, {OPENING_TOLD: True})
    current = conversation.request_flow(ctx)
    known = current.data.get("answers", {}).get("province") if current is not None else None
    answers.note_where_they_are(ctx, text)  # "ย้ายมาอยู่ภูเก็ตแล้วค่ะ มีศูนย์ไหม": their news is for it from now on
    province = answers.province_meant(ctx, text, known)
    asked = answers.practical_question(text)  # "มีที่จอดรถไหม": the card, then what staff can tell
    if province is not None:
        return told.then(centre_card(ctx, province, call_back, asked))
    if current is not None:  # the request's own province question will tell
        return told.then(Reply([Text(texts.CENTRE_AFTER_PROVINCE)]))
    lookup = ({CALL_BACK: True} if call_back else {}) | ({PRACTICAL: asked} if asked else {})
    repo.save_conversation(ctx.session, ctx.user, CENTRE_LOOKUP, "province", lookup)
    return told.then(Reply([Text(texts.ASK_PROVINCE_FOR_CENTRE, cards.province_choices())]))


def opening_asked_again(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """Another day asked of, right after a day's opening was told ("แล้ว 31 ธค ล่ะคะ"): whether the centres open
    then, with the card of a centre named ("พรุ่งนี้แวะศูนย์ขอนแก่นได้ไหมคะ"); None for anything else (the follow-up
    is no longer waited on)."""
    if current is None or OPENING_TOLD not in current.data:
        return None
    asides.forget(ctx, OPENING_TOLD, OPENING_TOLD)
    day = dates.parse_date(text, ctx.today) if len(text) <= SHORT_FOLLOW_UP else None
    if day is None or day < ctx.today:
        return None
    asides.remember(ctx, OPENING_TOLD, {OPENING_TOLD: True})
    named = find_province(text)
    if named is not None:
        return Reply([Text(answers.opening_on(day))]).then(centre_card(ctx, named.name))
    return Reply([Text(answers.opening_on(day), cards.main_menu())])


def looked_up_card(ctx: Context, province: str, lookup: dict[str, Any]) -> Reply:
    """The card for the province told at the centre lookup, with what its question was asked for: a call-back, a
    practical matter."""
    return centre_card(ctx, province, CALL_BACK in lookup, lookup.get(PRACTICAL))


def located_card(ctx: Context, lookup: dict[str, Any], latitude: float, longitude: float) -> Reply:
    """A location shared at the centre lookup: the centre serving where it is (and a nearer one), then what its
    question was asked for (parking, the way there); that province is where the follower is."""
    province = nearest_province(latitude, longitude).name
    answers.note_where_they_are(ctx, None, asked=province)
    found = answers.nearest_centre(ctx, latitude, longitude)
    return found.then(answers.practical_answer(ctx, province, lookup.get(PRACTICAL)))


def centre_card(ctx: Context, province: str, call_back: bool = False, asked: str | None = None) -> Reply:
    """The card of the centre serving `province`, and what can be said of the practical matter `asked` (parking,
    the way there). With `call_back`, "ยินยอมให้โทรกลับ" under it: tapped, or consent typed next, gives consent and
    starts the call-back request for that province."""
    card = answers.centre_of(ctx, province).then(answers.practical_answer(ctx, province, asked))
    if not call_back:
        return card
    asides.ask_yes_or_no(ctx, f"{CALL_BACK}={province}", cards.CONSENT_REFUSED, about=CALL_BACK)
    *shown, last = card.messages
    offer = (cards.call_back_choice(province), *cards.main_menu()[:-1])  # not "คุยกับเจ้าหน้าที่" again
    return Reply([*shown, replace(last, quick_replies=offer)], card.events)
