"""Consent to keep personal data (PDPA): given or refused by button or typed, also at the start of a message
that goes on to say what the user needs."""

from __future__ import annotations

import re
from typing import Any

from bot.dialogue import asides, cards, conversation, replies, texts
from bot.dialogue.context import Context, Reply
from bot.dialogue.understanding import CALL_BACK
from bot.line.outbound import Text
from storage import repositories as repo
from storage.models import utcnow

# The consent buttons' words, typed after another message has moved on from the consent note.
TYPED = replies.YesOrNo(frozenset({"ยินยอม"}), frozenset({"ไม่ยินยอม"}), yes_within=asides.CONSENTING)


# A question about the consent ("ยินยอมคืออะไรคะ", "ทำไมต้องยินยอม", "ยินยอมแปลว่าอะไร"); at the consent note, about
# the data too ("เก็บข้อมูลไปทำอะไร"), which elsewhere may be the need ("อยากเก็บน้ำพริกให้ได้นาน ทำยังไง"). Not a
# consent that goes on ("ยินยอมค่ะ คือร้านเราอยากทำกล่องใหม่").
_CONSENT = r"(?:ยินยอม|pdpa|ข้อมูลส่วนบุคคล|ความเป็นส่วนตัว)"
_DATA = r"(?:ยินยอม|pdpa|ข้อมูลส่วนบุคคล|ข้อมูล|ความเป็นส่วนตัว|เก็บ)"
_WHAT = r"\S{0,6}\s*(?:อะไร|ยังไง|อย่างไร)|\S{0,20}ไม่เข้าใจ"


def _about(words: str) -> re.Pattern[str]:
    return re.compile(rf"{words}(?:{_WHAT})|(?:ทำไม|ไม่เข้าใจ)\S{{0,8}}{words}", re.IGNORECASE)


ASKS_ABOUT_THE_CONSENT, ASKS_ABOUT_THE_DATA = _about(_CONSENT), _about(_DATA)


def asks_about_it(ctx: Context, text: str) -> bool:
    """A question about the consent from someone yet to give it: the answer is what the data is for, never a yes."""
    if ctx.user.consented_at is not None:
        return False
    pending = conversation.active(ctx)
    at_the_note = pending is not None and pending.state == conversation.CONSENT
    return (ASKS_ABOUT_THE_DATA if at_the_note else ASKS_ABOUT_THE_CONSENT).search(text) is not None


def answer(ctx: Context, given: bool) -> Reply:
    """Keep the consent and carry on with the request that waited for it; or, refused, forget the user's details."""
    pending = conversation.active(ctx)
    if not given:
        ctx.user.consented_at = None
        ctx.user.business_name = ctx.user.contact_name = ctx.user.phone = None
        if pending is not None:
            repo.clear_conversation(ctx.session, ctx.user)
        # Not "คุยกับเจ้าหน้าที่": nobody can call back now; the centre's phone ("ศูนย์ใกล้ฉัน") is the way.
        return Reply([Text(texts.CONSENT_DECLINED, cards.consent_choices()[:1] + cards.main_menu()[2:4])])
    if pending is not None and pending.data.get(CALL_BACK):  # typed at "which province?" of a call-back
        return given_for(ctx, "contact_staff", {})
    ctx.user.consented_at = ctx.user.consented_at or utcnow()
    if pending is not None and pending.state == conversation.CONSENT:
        return Reply([Text(texts.CONSENT_THANKS)]).then(conversation.after_consent(ctx, pending))
    return Reply([Text(texts.CONSENT_THANKS + " " + texts.MENU_PROMPT, cards.main_menu())])


def given_for(ctx: Context, service: str, found: dict[str, Any]) -> Reply:
    """Consent given for a need no flow kept while it waited (a call-back asked for beside a centre's card), then
    that need, with what is `found` already."""
    thanks = Reply([Text(texts.CONSENT_THANKS)] if ctx.user.consented_at is None else [])
    ctx.user.consented_at = ctx.user.consented_at or utcnow()
    return thanks.then(conversation.start(ctx, service, None, found))


def opening(ctx: Context, text: str) -> tuple[bool, str] | None:
    """A consent given or refused at the start of a message that goes on, and what follows it: a consent named
    by someone yet to give it ("งั้นยินยอมค่ะ อยากให้เจ้าหน้าที่ช่วยเรื่อง อย.", not "ได้ค่ะ แต่…"), or any no at the
    consent note ("ไม่ค่ะ ขอดูก่อน"); None for any other message."""
    first, _, rest = text.strip().partition(" ")
    said = asides.says_yes(first, "consent") if rest.strip() else None
    pending = conversation.active(ctx)
    at_the_note = pending is not None and pending.state == conversation.CONSENT
    if said and ctx.user.consented_at is None and "ยินยอม" in first or said is False and at_the_note:
        return bool(said), rest.strip()
    return None
