"""Short questions asked beside a request ("how many people?", "delete your data?"), remembered until the
follower's next message or tap, so that a typed answer is read as the buttons would be.

The question is kept in the follower's conversation: beside the request in progress if there is one (which
keeps its place), or as a one-question conversation of its own.
"""

from __future__ import annotations

from typing import Any

from bot.dialogue import flows, replies, texts
from bot.dialogue.context import Context
from storage import repositories as repo
from storage.models import Conversation

YES_OR_NO = "yes_or_no"  # the one-question conversation, and its key in a conversation's data: the two postbacks
YES = replies.YES_WORDS | {"ยินยอม", "ยอมรับ", "ลบ", "ลบเลย", "ลบได้", "ลบได้เลย", "ยืนยันลบ", "ยกเลิกเลย", "ยกเลิกได้",
                          "ยืนยันยกเลิก"}
NO = replies.NO_WORDS | {"ไม่ลบ", "ไม่ยกเลิก", "ไม่ยินยอม"}
# A no that goes on ("ไม่ยินยอมค่ะ ขอเบอร์ศูนย์มาโทรเองได้ไหม"): the start says it. Not "ไม่ต้อง...", which may
# be about anything ("ไม่ต้องส่งข่าวสารมาแล้วนะคะ").
NO_STARTS = ("ไม่ยินยอม", "ไม่ยอม", "ไม่อนุญาต", "ไม่ให้", "ไม่ตกลง", "ไม่สะดวกให้", "ไม่ลบ", "ไม่ยกเลิก")
BUTTONS = replies.YesOrNo(YES, NO, NO_STARTS)  # the questions asked with yes and no buttons (`ask_yes_or_no`)
# "Use the details from last time?" has words of its own for yes and no ("ใช้ค่ะ", "ไม่เอาข้อมูลเดิมอ่ะ").
REUSE = replies.YesOrNo(replies.YES_WORDS | {texts.YES, "ใช้", "ใช้เลย", "ใช้ได้"},
                       replies.NO_WORDS | {texts.NO, "ไม่ใช้", "กรอกใหม่"})


def remember(ctx: Context, flow: str, data: dict[str, Any]) -> None:
    """Keep the question's `data` in the conversation, beside a request in progress or on its own as `flow`."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is None or current.flow not in flows.FLOWS:
        repo.save_conversation(ctx.session, ctx.user, flow, "asked", data)
    else:
        repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, current.data | data)


def forget(ctx: Context, flow: str, key: str) -> None:
    """The follower moved on from the question kept under `key`: a later answer is about something else."""
    current = repo.get_conversation(ctx.session, ctx.user)
    if current is None or key not in current.data:
        return
    if current.flow == flow:
        repo.clear_conversation(ctx.session, ctx.user)
        return
    data = {name: value for name, value in current.data.items() if name != key}
    repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, data)


def ask_yes_or_no(ctx: Context, yes: str, no: str) -> None:
    """Remember the postbacks of the two buttons just offered, so "ใช่ค่ะ" or "ไม่ค่ะ" typed does the same."""
    remember(ctx, YES_OR_NO, {YES_OR_NO: {"yes": yes, "no": no}})


def typed_yes_or_no(ctx: Context, current: Conversation | None, text: str) -> str | None:
    """The postback a typed yes or no stands for, when a yes-or-no question waits (forgotten either way)."""
    if current is None or YES_OR_NO not in current.data:
        return None
    buttons = current.data[YES_OR_NO]
    forget(ctx, YES_OR_NO, YES_OR_NO)
    said = says_yes(text)
    return None if said is None else str(buttons["yes" if said else "no"])


def says_yes(text: str) -> bool | None:
    """True for a typed yes ("ใช่ค่ะ", "ได้ค่ะ ลบได้เลย"), False for a no ("ไม่อ่ะ", "ไม่ยินยอมค่ะ ขอ..."), else None."""
    return BUTTONS.read(text)


def says_reuse(text: str) -> bool | None:
    """True to use the details from last time, False to give them again, None for anything else."""
    return REUSE.read(text)
