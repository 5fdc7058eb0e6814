""""What news do you want": clusters and service topics a follower picks, stored on their profile.

Each tap toggles one choice and shows the list again, so the follower's own profile is the flow's state:
`news=start`, `news=sector:food`, `news=next`, `news=service:packaging`, `news=done`. Which list is shown is kept
(`STEP`) until the next message, so that a cluster or topic typed ("อาหารแปรรูปเจ้า") is read as its button.
"""

from __future__ import annotations

import re

import intents
from bot.dialogue import asides
from bot.dialogue import cards as main_cards
from bot.dialogue.context import Context, Reply
from bot.dialogue.texts import SERVICE_NAMES
from bot.events import texts
from bot.line.inbound import Inbound
from bot.line.outbound import Action, Choose, Text
from intents.entities import SECTORS, parse_sector
from storage.models import Conversation

# Short enough for a quick-reply label (20 characters with the tick): not cut mid-word (h81).
SECTOR_LABELS = {
    "automotive": "ยานยนต์/ชิ้นส่วน",
    "cosmetics": "เครื่องสำอาง",
    "gems_jewelry": "อัญมณี/จิวเวลรี่",
    "processed_food": "อาหารแปรรูป",
    "textiles": "สิ่งทอ/เสื้อผ้า",
    "palm_oil": "ปาล์มน้ำมัน",
}
TOPIC_LABELS = {
    "product_design": "ออกแบบผลิตภัณฑ์",
    "prototype": "ผลิตภัณฑ์ต้นแบบ",
    "packaging": "บรรจุภัณฑ์",
    "machinery": "เครื่องจักรกลาง",
    "food_processing": "แปรรูปอาหาร",
    "training": "อบรม/ศึกษาดูงาน",
    "business_matching": "จับคู่ธุรกิจ",
    "consulting": "ที่ปรึกษาธุรกิจ",
}
TICK = "✓ "
STEP = "news_step"  # in the conversation: the list shown, "sector" or "service"
# Typed to move on, as the list's last button: "ถัดไป", "เสร็จแล้ว", "แค่นี้ค่ะ", "พอแล้ว".
MOVES_ON = (texts.NEWS_NEXT, "เสร็จ", "แค่นี้", "พอแล้ว", "ครบแล้ว", "เท่านี้")


def on_postback(ctx: Context, value: str, event: Inbound | None) -> Reply:
    """One step of the preferences flow."""
    step, _, choice = value.partition(":")
    user = ctx.user
    if step == "sector" and choice in SECTORS:
        user.sectors = _toggled(user.sectors, choice)
        return _ask_sectors(ctx)
    if step == "service" and choice in TOPIC_LABELS:
        user.interests = _toggled(user.interests, choice)
        return _ask_services(ctx)
    if step == "next":
        return _ask_services(ctx)
    if step == "done":
        return _saved(ctx)
    return _ask_sectors(ctx)


def typed_choice(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """A cluster or topic typed while the list of them is shown, as its button ("อาหารแปรรูปเจ้า", "บรรจุภัณฑ์ค่ะ"),
    and "ถัดไป" or "เสร็จแล้ว" as theirs; None for anything else, after which the list is no longer waited on."""
    step = current.data.get(STEP) if current is not None else None
    if step is None:
        return None
    asides.forget(ctx, STEP, STEP)
    if any(word in text for word in MOVES_ON):
        return on_postback(ctx, "next" if step == "sector" else "done", None)
    if step == "sector" and (sector := parse_sector(text)) is not None:
        return on_postback(ctx, f"sector:{sector}", None)
    return on_postback(ctx, f"service:{topic}", None) if step == "service" and (topic := _topic(text)) else None


def _topic(text: str) -> str | None:
    """The service topic typed: a button's label or service's name in it, else what the classifier reads it as
    ("แพ็คเกจจิ้งค่ะ", "อบรม"), when sure."""
    named = next((code for code, label in TOPIC_LABELS.items()
                  if label in text or SERVICE_NAMES.get(code, label) in text), None)
    if named is not None:
        return named
    read = intents.classify(text)
    return read.intent if read.intent in TOPIC_LABELS and read.confidence >= intents.CONFIDENCE_THRESHOLD else None


def _ask_sectors(ctx: Context) -> Reply:
    asides.remember(ctx, STEP, {STEP: "sector"})
    chosen = ctx.user.sectors or []
    names = ", ".join(SECTORS[s] for s in chosen if s in SECTORS) or texts.NEWS_NONE
    choices: list[Action] = [Choose(_label(label, code in chosen), f"news=sector:{code}", label)
                             for code, label in SECTOR_LABELS.items()]
    choices.append(Choose(texts.NEWS_NEXT, "news=next", texts.NEWS_NEXT))
    return Reply([Text(texts.NEWS_ASK_SECTORS.format(chosen=names), tuple(choices))])


def _ask_services(ctx: Context) -> Reply:
    asides.remember(ctx, STEP, {STEP: "service"})
    chosen = ctx.user.interests or []
    names = ", ".join(SERVICE_NAMES.get(s, s) for s in chosen) or texts.NEWS_NONE
    choices: list[Action] = [Choose(_label(label, code in chosen), f"news=service:{code}", label)
                             for code, label in TOPIC_LABELS.items()]
    choices.append(Choose(texts.NEWS_DONE, "news=done", texts.NEWS_DONE))
    return Reply([Text(texts.NEWS_ASK_SERVICES.format(chosen=names), tuple(choices))])


def _saved(ctx: Context) -> Reply:
    """Choosing news is asking for it: the follower is subscribed again if they had stopped."""
    asides.forget(ctx, STEP, STEP)
    user = ctx.user
    user.subscribed = True
    names = [SECTORS[s] for s in user.sectors or [] if s in SECTORS]
    names += [SERVICE_NAMES.get(s, s) for s in user.interests or []]
    text = texts.NEWS_SAVED.format(chosen=", ".join(names)) if names else texts.NEWS_SAVED_ALL
    return Reply([Text(text, main_cards.main_menu())])


def _toggled(current: list | None, choice: str) -> list[str]:
    # A new list (not an in-place change) so SQLAlchemy sees the JSON column change.
    values = list(current or [])
    return [v for v in values if v != choice] if choice in values else values + [choice]


def _label(label: str, chosen: bool) -> str:
    return (TICK + label) if chosen else label


# "ปิด" (turn off) not preceded by "เ", which would make it "เปิด" (turn on).
STOP_WORDS = re.compile(r"ไม่รับ|ไม่ต้อง|ไม่เอา|ไม่อยากได้|ไม่อยากรับ|ไม่ส่ง|อย่าส่ง|หยุด|เลิก|พอแล้ว|stop|unsub|(?<!เ)ปิด")
WANT_WORDS = ("รับข่าว", "subscribe", "สมัคร", "เปิด", "อยากได้ข่าว", "ส่งข่าวมา", "ติดตามข่าว")


def asks_for_news(text: str) -> bool:
    """True when a message about news asks to receive it ("อยากรับข่าวสารอีกครั้ง"), not to stop it.

    The classifier has one label, `unsubscribe`, for anything about news; this tells the two directions apart.
    """
    folded = "".join(text.lower().split())
    return any(word in folded for word in WANT_WORDS) and not STOP_WORDS.search(folded)
