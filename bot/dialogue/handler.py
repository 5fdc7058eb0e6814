"""Where an Inbound event becomes a Reply: follow, text, media and location here; buttons in postbacks.py."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from functools import cache

import intents
from bot.console import line_side
from bot.dialogue import (
    answers,
    asides,
    call_about,
    cards,
    consent,
    conversation,
    fields,
    flows,
    name_answers,
    new_details,
    phones,
    postbacks,
    replies,
    rescheduling,
    restoring,
    texts,
    turns,
    whereabouts,
    withdrawal,
)
from bot.dialogue.context import Context, Reply
from bot.dialogue.postbacks import on_postback
from bot.dialogue.refusals import Invalid
from bot.dialogue.summary import change_named
from bot.dialogue.understanding import (
    CENTRE_LOOKUP,
    INTERRUPTING,
    OPENING_TOLD,
    located_card,
    looked_up_card,
    opening_asked_again,
    understand,
)
from bot.domain import AttachmentReceived, DomainEvent
from bot.events import cards as event_cards
from bot.events import dialogue as event_dialogue
from bot.events import preferences
from bot.line.inbound import Inbound
from bot.line.outbound import Choose, Text
from bot.richmenu import definition as richmenu
from intents.entities import parse_phone, parse_reference
from intents.normalize import normalize
from intents.provinces import nearest_province
from storage import repositories as repo
from storage.models import utcnow

log = logging.getLogger(__name__)

AGAIN = "province_again"  # its question asked a second time: what still names no province moves on
# "Delete my data", however it is put in a short message ("ช่วยลบข้อมูลของฉันด้วยค่ะ"); a confirmation follows.
ERASE_WORDS = ("ลบข้อมูล", "deletemydata", "deletemyinfo")
ERASE_MAX_LENGTH = 40
WITHDRAWS_CONSENT = ("ไม่ยินยอมแล้ว", "ถอนความยินยอม", "ถอนการยินยอม", "ยกเลิกความยินยอม", "ยกเลิกการยินยอม")
# contact_staff too: before consent, it is answered with the centre's public contact card.
NEEDS_NO_CONSENT = {"center_info", "contact_staff", "event", "greeting", "request_status", "unsubscribe",
                    "out_of_scope"}
# The number given, pointed at: "โทรมาเบอร์นี้ได้เลย", "ติดต่อเบอร์ที่ให้ไว้", "โทรเบอร์เดิมค่ะ".
THIS_NUMBER = re.compile(r"เบอร์\s*(?:นี้|นี่|นั้น|ที่ให้|ที่แจ้ง|ที่บอก|ที่พิมพ์|เดิม|เมื่อกี้|ข้างบน)")
NOT_A_TOPIC = {"greeting", "out_of_scope"}
MEDIA_NAMES = {"image": "รูปภาพ", "video": "วิดีโอ", "audio": "ไฟล์เสียง", "file": "ไฟล์"}


def handle(ctx: Context, event: Inbound) -> Reply:
    """Answer one event from a user (follow, message or postback), with where they said they are at hand."""
    whereabouts.recall(ctx)
    reply = _answer(ctx, event)
    whereabouts.keep(ctx)
    return reply


def _answer(ctx: Context, event: Inbound) -> Reply:
    """The reply to one event, by its kind."""
    handler = _BY_KIND.get(event.kind)
    if event.kind != "text":
        current = repo.get_conversation(ctx.session, ctx.user)
        ctx.old_tap = event.kind == "postback" and event.postback not in \
            asides.offered(current) | withdrawal.offered(current)
        _move_on(ctx)
    if handler is not None:
        return handler(ctx, event)
    if event.line_type == "message":
        return Reply([Text(texts.UNSUPPORTED, cards.main_menu())])
    log.info("ignoring LINE event of type %s", event.line_type)
    return Reply()


def _move_on(ctx: Context) -> None:
    """A tap or anything but text moves on from "how many people?", a yes-or-no question, the list of clusters or
    topics for news, a day's opening just told, or the list of requests to cancel."""
    event_dialogue.forget_party_question(ctx)
    asides.forget(ctx, asides.YES_OR_NO, asides.YES_OR_NO)
    asides.forget(ctx, preferences.STEP, preferences.STEP)
    asides.forget(ctx, OPENING_TOLD, OPENING_TOLD)
    withdrawal.forget_the_list(ctx)


def on_follow(ctx: Context, event: Inbound) -> Reply:
    """Greet a new follower, explain personal data and ask for consent; welcome back a returning one."""
    ctx.user.active = True
    if ctx.user.consented_at is not None:
        return Reply([Text(texts.WELCOME_BACK + "\n" + texts.WELCOME, cards.main_menu())])
    asides.ask_yes_or_no(ctx, cards.CONSENT_GIVEN, cards.CONSENT_REFUSED, about="consent")
    return Reply([Text(texts.WELCOME), Text(texts.CONSENT_NOTE, cards.consent_choices())])


def on_unfollow(ctx: Context, event: Inbound) -> Reply:
    """The user blocked the account: never push to them again."""
    ctx.user.active = False
    return Reply()


def on_text(ctx: Context, event: Inbound) -> Reply:
    """Continue the user's flow, or understand a new request."""
    text = event.text or ""
    prediction = ctx.prediction or intents.classify(text)
    low = prediction.confidence < intents.CONFIDENCE_THRESHOLD
    repo.log_message(ctx.session, ctx.user, "in", "text", text if ctx.user.consented_at else None,
                     prediction.intent, prediction.confidence, fallback=low)
    if _asks_to_erase(ctx, text):  # the user's right, whoever else is in the chat
        return answers.ask_erase(ctx)
    # A link code; or, while an officer chats with the user, everything else typed is for the officer, whatever
    # the bot asked before ("วิธีใช้งาน" at a name question, "ได้ค่ะ" at a yes or no): the bot keeps quiet.
    intercepted = line_side.intercept_text(ctx, event)
    if intercepted is not None:
        return intercepted
    button = _menu_button_for_a_name(ctx, text)
    if button is not None:  # "กิจกรรมของฉัน" typed at "ขอชื่อผู้ติดต่อค่ะ" is the menu's button, never a name
        _move_on(ctx)
        return postbacks.act(ctx, button, event)
    exact_cancel = prediction.intent == "cancel" and prediction.confidence >= 1.0
    # Someone typing their phone number is answering ("นิดค่ะ เบอร์ 081..."), not asking for a person.
    confident = prediction.confidence >= intents.INTERRUPT_THRESHOLD and parse_phone(text) is None
    # A name typed alone ("สมหญิง รักดี", "ปูค่ะ") reads to the classifier as small talk: it answers "your name?".
    elsewhere = confident and prediction.intent not in NOT_A_TOPIC
    seated = event_dialogue.typed_party(ctx, text, exact_cancel, elsewhere, event)
    if seated is not None:
        current = conversation.request_flow(ctx)
        asked_again = current is not None and event_dialogue.PARTY_FOR in current.data
        return seated if current is None or asked_again else conversation.aside(ctx, current, seated)
    if consent.asks_about_it(ctx, text):  # "ยินยอมคืออะไรคะ ป้าไม่เข้าใจ": told what for, and asked again
        return answers.privacy()
    tapped = asides.typed_yes_or_no(ctx, conversation.active(ctx), text)
    if tapped is not None:
        # Consent refused with a question after it ("ไม่ให้ข้อมูลได้ไหม แค่อยากรู้ว่าศูนย์ที่อุดรเปิดกี่โมง"): answered too.
        _no, _, rest = text.strip().partition(" ")
        if tapped == cards.CONSENT_REFUSED and rest.strip():
            return _consent_then(ctx, False, rest.strip(), event)
        return postbacks.act(ctx, tapped, event)
    picked = withdrawal.typed_pick(ctx, conversation.active(ctx), text)  # before "ไม่ยกเลิกแล้ว" reads as a cancel
    if picked is not None:
        return picked
    chosen = preferences.typed_choice(ctx, conversation.active(ctx), text)  # "อาหารแปรรูปเจ้า" while choosing news
    if chosen is not None:
        return chosen
    opening = opening_asked_again(ctx, conversation.active(ctx), text)  # "แล้ว 31 ธค ล่ะคะ"
    if opening is not None:
        return opening
    about = call_about.typed_answer(ctx, conversation.active(ctx), text)
    if about is not None:
        return about
    new_day = rescheduling.typed_answer(ctx, conversation.active(ctx), text)
    if new_day is not None:
        return new_day
    if conversation.takes_back(conversation.active(ctx), text):  # before "เปลี่ยนใจ" reads as another cancel
        return conversation.take_back(ctx)
    # "ยกเลิกผิดค่ะ เอาคืนได้ไหม" is no cancel either; "กดผิดครับ แค่อยากเปลี่ยนเป็นวันที่ 15": the day moves too.
    restored = restoring.typed(ctx, text, then=lambda rest: rescheduling.offer(ctx, rest, prediction),
                               moving=rescheduling.MOVES.search(text) is not None)
    if restored is not None:
        return restored
    consents = consent.TYPED.read(text)
    if consents is not None:
        return consent.answer(ctx, consents)
    opened = consent.opening(ctx, text)
    if opened is not None:
        return _consent_then(ctx, *opened, event)
    named = _withdrawal_named(ctx, text, prediction)
    if named is not None:
        return named
    # About a request already sent, whatever its words sound like: "ขอเลื่อนวันจองเครื่องเป็น 3 ธ.ค." is no second
    # booking, "เบอร์ผิด ให้โทร 081… แทน" no call-back to the old number, "ใครดูแลเรื่องกล่องคะ" no new request,
    # "ยังไม่มีใครโทรมาเลย" more than its status, "ลืมบอกไปค่ะ…" no new request.
    sent = (rescheduling.offer(ctx, text, prediction) or new_details.offer(ctx, text)
            or call_about.who_has_it(ctx, text) or call_about.no_call_yet(ctx, text) or call_about.more_said(ctx, text))
    if sent is not None:
        return sent
    if exact_cancel:
        return conversation.cancel(ctx, confirmed=False, text=text)
    current = conversation.active(ctx)
    notice = conversation.expiry_notice(ctx)
    if current is not None and current.flow == CENTRE_LOOKUP:
        return _centre_lookup(ctx, current, text, prediction, event)
    if current is not None and current.flow in flows.FLOWS:
        return _in_flow(ctx, current, text, prediction, confident)
    # No request in progress; perhaps a registration's "your name?" waits, after a question answered here.
    answer = None if _button_labelled(text) else line_side.information_typed(ctx, text, prediction)  # "รอข้อมูล"
    return notice.then(answer if answer is not None else _unasked(ctx, text, prediction, event))


def _unasked(ctx: Context, text: str, prediction: intents.Prediction, event: Inbound) -> Reply:
    """A message that answers no question: a menu label typed, a word to staff who are to call, or a need."""
    button = _button_labelled(text)  # "กิจกรรมของฉัน" typed is that button, whatever the classifier makes of it
    unclear = prediction.confidence < intents.CONFIDENCE_THRESHOLD and button is None
    if _waiting_for_staff(ctx) and (unclear or prediction.intent == "greeting"):
        # "โอเคค่ะ ขอบคุณค่ะ" closes the chat: it is not asking again whether anyone will call. Words of substance
        # are for the officer who is to call ("ยังไม่มีใครโทรมาเลย"): passed on with the request they are about.
        substance = unclear and replies.BARE_REPLIES.read(text) is None and not replies.laughs(text)
        thanks = answers.closing(text) if prediction.intent == "greeting" else None
        passed_on = call_about.offer(ctx, text) if substance else None
        return thanks or passed_on or Reply([Text(texts.STAFF_WILL_CALL, cards.main_menu())])
    if button is not None:
        return postbacks.act(ctx, button, event)
    # A province's name alone ("ชลบุรีค่ะ", out of scope to the classifier) or "อยู่โคราชค่ะ": where they are, whose
    # centre is what the bot knows of it.
    province = answers.where_alone(text) if unclear or prediction.intent in NOT_A_TOPIC else None
    if province is not None:
        answers.note_where_they_are(ctx, text, asked=province)
        return answers.centre_of(ctx, province)
    return understand(ctx, text, prediction)


def _menu_button_for_a_name(ctx: Context, text: str) -> str | None:
    """The postback of the menu button whose label was typed where a name is asked; None for anything else."""
    current = conversation.active(ctx)
    if current is None or not (current.state in name_answers.NAMES or event_dialogue.asks_for_a_name(current)):
        return None
    return _button_labelled(text)


def _button_labelled(text: str) -> str | None:
    """The postback of the menu button whose label the text is, typed instead of tapped; None for anything else."""
    return _menu_buttons().get(replies.plain(normalize(text, emoji="strip")))


@cache
def _menu_buttons() -> dict[str, str]:
    """The postbacks of the buttons the bot shows as menus, by their label as a user would type it."""
    # And the summary's "แก้ไข", typed once the request went (not its "ยกเลิก": typed, that is the cancel command).
    shown = (*(tile.action for tile in richmenu.TILES), *cards.main_menu(), *event_cards.event_choices(),
             cards.CARRY_ON, cards.EDIT_BUTTON)
    return {replies.plain(button.label): button.data for button in shown if isinstance(button, Choose)}


def _asks_to_erase(ctx: Context, text: str) -> bool:
    """"ลบข้อมูลของฉัน" in a short message; or consent given, taken back ("ไม่ยินยอมแล้วค่ะ ลบเลย"): what it kept
    goes the same way."""
    words = ERASE_WORDS + (WITHDRAWS_CONSENT if ctx.user.consented_at is not None else ())
    said = replies.plain(text)
    return len(said) <= ERASE_MAX_LENGTH and any(word in said for word in words)


def _waiting_for_staff(ctx: Context) -> bool:
    since = ctx.user.waiting_for_staff_since
    return since is not None and ctx.now - since < timedelta(hours=24)


def _in_flow(ctx: Context, current, text: str, prediction: intents.Prediction, confident: bool) -> Reply:
    if current.state == conversation.CONSENT:
        said = asides.says_yes(text, "consent")
        if said is not None:
            return consent.answer(ctx, said)
        if prediction.confidence >= intents.INTERRUPT_THRESHOLD and prediction.intent in NEEDS_NO_CONSENT:
            repo.clear_conversation(ctx.session, ctx.user)  # they moved on to something that needs no data
            return understand(ctx, text, prediction)
        if replies.asks_the_price(text):  # "ค่าใช้เครื่องชั่วโมงละเท่าไหร่", "ถามราคาเฉยๆ": for staff, who need consent
            return Reply([Text(texts.PRICE_BEFORE_CONSENT, cards.consent_choices())])
        if replies.asks_a_question(text):  # "ได้ครับ แต่จะเก็บข้อมูลนานแค่ไหนครับ": what is kept, why, how long
            return answers.privacy()
        return Reply([Text(texts.CONSENT_NOTE, cards.consent_choices())])
    # "ไม่ใช่" answers "use your details from last time?"; the classifier would take it for a cancel.
    reused = asides.says_reuse(text) if current.state == conversation.REUSE else None
    if reused is not None:
        return conversation.reuse(ctx, current, accept=reused)
    if flows.read_by_the_question(flows.FLOWS[current.flow], current.state, text, current.data.get("answers", {})):
        return conversation.step(ctx, current, text)
    if prediction.intent == "cancel" and prediction.confidence >= intents.CONFIDENCE_THRESHOLD:
        return conversation.ask_cancel(ctx, current)
    if current.state == conversation.REUSE:
        return conversation.reask(ctx, current)
    # At the summary, "แก้สินค้าเป็นซอสพริก" changes an answer, whatever service its words sound like.
    summary = current.state in turns.SUMMARY
    unread = summary and change_named(flows.FLOWS[current.flow], text, current.state) is None
    stuck = (unread or _fails(ctx, current, text) or flows.wishes_instead_of_a_name(current.state, text)
             or flows.changes_mind(text))
    if confident and (stuck or conversation.accepts_free_text(current)):
        if prediction.intent in INTERRUPTING:
            return conversation.aside(ctx, current, understand(ctx, text, prediction))
        # Not at the summary: every answer is given, and sending the request is what brings an officer's call
        # ("เจ้าหน้าที่จะโทรมากี่โมงครับ" there is a question for them, not a new request to talk to one).
        if prediction.intent == "contact_staff" and not summary:
            return _call_that_number(ctx, current, text) or _call_asked_mid_request(ctx, current, text)
    if confident and stuck and prediction.intent in intents.SERVICE_LABELS and prediction.intent != current.flow:
        return conversation.offer_switch(ctx, current, prediction.intent, text)
    if confident and prediction.intent == "out_of_scope" and flows.strays(current.state, text):
        return answers.out_of_scope().then(conversation.reask(ctx, current))
    # A question the classifier is sure lies beyond the services ("หวยงวดนี้ออกอะไรคะ", but also a bare "ราคาเท่าไหร่คะ")
    # is not kept for the officer.
    off_topic = prediction.intent == "out_of_scope" and prediction.confidence >= intents.CONFIDENCE_THRESHOLD
    return conversation.step(ctx, current, text, in_scope=not off_topic,
                             about_the_request=confident and prediction.intent == current.flow)


def _call_that_number(ctx: Context, current, text: str) -> Reply | None:
    """"โทรมาเบอร์นี้ได้เลยครับ" once the request has a phone number: how to be called back, which sending the request
    brings; said so, and the request goes on. None for any other wish for staff, which leaves the request for them."""
    phone = current.data.get("answers", {}).get("phone")
    if phone is None or phone == phones.BY_LINE or THIS_NUMBER.search(text) is None:
        return None
    return Reply([Text(texts.WILL_CALL_THAT_NUMBER.format(phone=phone))]).then(conversation.reask(ctx, current))


def _call_asked_mid_request(ctx: Context, current, text: str) -> Reply:
    """A person asked for in the middle of a request ("ถ้าจะคุยเรื่องราคาโทรหาพ่อ", "ขอคุยกับเจ้าหน้าที่เลยได้ไหม"):
    sending the request is what brings the officer's call, so the request keeps its service and answers, the message
    is kept for the officer, and the question is answered by it if it answers it, else asked again."""
    kept = turns.noted(current.data.get("answers", {}), text)
    repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, current.data | {"answers": kept})
    if not _fails(ctx, current, text) and not replies.asks_a_question(text):
        return conversation.step(ctx, current, text)
    return Reply([Text(texts.CALL_AFTER_SENDING)]).then(conversation.reask(ctx, current))


def _withdrawal_named(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """A cancel naming a request's reference in the middle of another ("ขอยกเลิกคำขอ ITC-2569-000001 ด้วยค่ะ"): about
    that request, asked about beside the one in progress, which keeps its place (the offer to carry on with it
    follows the answer, `_cancel_request`); None for any other message."""
    cancels = prediction.intent == "cancel" and prediction.confidence >= intents.CONFIDENCE_THRESHOLD
    if not cancels or parse_reference(text) is None or conversation.request_flow(ctx) is None:
        return None
    answer = withdrawal.offer(ctx, text)
    current = conversation.request_flow(ctx)
    # "ใช่ไหมคะ" waits for its answer; a request not found, or one an officer has, is told at once.
    return answer if current is None or asides.YES_OR_NO in current.data else conversation.aside(ctx, current, answer)


def _centre_lookup(ctx: Context, current, text: str, prediction: intents.Prediction, event: Inbound) -> Reply:
    """The answer to "which province are you in?" asked for centre info, misspelt too ("ชลบุลี"), kept on the
    profile of a follower who consented to keeping it and has none yet. Another topic,
    a menu button's label or a thank-you moves on, as if the question had not been asked; anything else is asked
    again, once ("บ้านนาค่ะ")."""
    repo.clear_conversation(ctx.session, ctx.user)
    try:
        province = fields.read_province(text, ctx.today)
    except Invalid as unread:
        hint = str(unread)
    else:
        answers.note_where_they_are(ctx, text, asked=province)  # their news is for it (h81); a move updates it
        return looked_up_card(ctx, province, current.data)
    topic = prediction.confidence >= intents.INTERRUPT_THRESHOLD and prediction.intent not in NOT_A_TOPIC
    if topic or current.state == AGAIN or _button_labelled(text) or answers.closing(text):
        return _unasked(ctx, text, prediction, event)
    repo.save_conversation(ctx.session, ctx.user, CENTRE_LOOKUP, AGAIN, current.data)
    return Reply([Text(hint, cards.province_choices())])


def _fails(ctx: Context, current, text: str) -> bool:
    question = flows.FLOWS[current.flow].field(current.state)
    if question is None:
        return False
    try:
        question.read(text, ctx.today)
    except Invalid:
        return True
    return False


def _consent_then(ctx: Context, given: bool, rest: str, event: Inbound) -> Reply:
    """Consent given, then the request that waited for it; with none waiting, the need said after the consent.
    Refused, then what needs none said after it ("ไม่ค่ะ ขอเบอร์ศูนย์แทน")."""
    pending = conversation.active(ctx)
    if given and pending is not None and pending.state == conversation.CONSENT:
        return consent.answer(ctx, True)
    said = intents.classify(rest)
    if not given:
        needs_none = said.confidence >= intents.INTERRUPT_THRESHOLD and said.intent in NEEDS_NO_CONSENT - NOT_A_TOPIC
        return consent.answer(ctx, False).then(understand(ctx, rest, said) if needs_none else Reply())
    ctx.user.consented_at = utcnow()
    return Reply([Text(texts.CONSENT_THANKS)]).then(_unasked(ctx, rest, said, event))


def on_sticker(ctx: Context, event: Inbound) -> Reply:
    return Reply([Text(texts.STICKER, cards.main_menu())])


def on_media(ctx: Context, event: Inbound) -> Reply:
    """Keep an image or file with the request being made (only with consent)."""
    kind = MEDIA_NAMES.get(event.kind, "ไฟล์")
    if ctx.user.consented_at is None:
        return Reply([Text(texts.NEED_CONSENT + "\n\n" + texts.CONSENT_NOTE, cards.consent_choices())])
    attachment = repo.add_attachment(ctx.session, ctx.user, event.message_id or event.event_id, event.kind,
                                     event.file_name)
    repo.log_message(ctx.session, ctx.user, "in", event.kind, event.file_name)
    events: list[DomainEvent] = [AttachmentReceived(attachment.id)] if attachment else []
    current = conversation.request_flow(ctx)
    if current is None:  # kept for a request waiting for it, or for the officer chatting (bot.console.line_side)
        outside = Reply([Text(texts.ATTACHMENT_OUTSIDE.format(kind=kind), cards.main_menu())])
        return Reply([], events).then(line_side.file_for_staff(ctx, attachment, kind) or outside)
    return Reply([Text(texts.ATTACHMENT_RECEIVED.format(kind=kind))], events).then(
        conversation.reask(ctx, current))


def on_location(ctx: Context, event: Inbound) -> Reply:
    """A shared location answers the province question, or finds the nearest centre."""
    location = event.location
    assert location is not None, "a location message always carries one (bot/line/inbound.py)"
    current = conversation.active(ctx)
    if current is not None and current.flow == CENTRE_LOOKUP:
        repo.clear_conversation(ctx.session, ctx.user)
        return located_card(ctx, current.data, location.latitude, location.longitude)
    if current is not None and current.state == "province":
        province = nearest_province(location.latitude, location.longitude)
        return conversation.step(ctx, current, province.name)
    found = answers.nearest_centre(ctx, location.latitude, location.longitude)
    # Mid-request, the centre is an aside: ask the pending question again so the request goes on. Nothing else
    # (a message kept for the choices offered, where they said they are) has a question to ask again.
    if current is None or current.flow not in flows.FLOWS or current.state == conversation.CONSENT:
        return found
    return found.then(conversation.reask(ctx, current))


_BY_KIND: dict[str, Callable[[Context, Inbound], Reply]] = {
    "follow": on_follow,
    "unfollow": on_unfollow,
    "text": on_text,
    "postback": on_postback,
    "sticker": on_sticker,
    "image": on_media,
    "video": on_media,
    "audio": on_media,
    "file": on_media,
    "location": on_location,
}
