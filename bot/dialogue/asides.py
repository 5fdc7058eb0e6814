"""Short questions asked beside a request ("how many people?", "delete your data?"), remembered until the
follower's next message or tap, so that a typed answer is read as the buttons would be.

The question is kept in the follower's conversation: beside the request in progress if there is one (which
keeps its place), or as a one-question conversation of its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.dialogue import flows, replies, texts
from bot.dialogue.context import Context
from storage import repositories as repo
from storage.models import Conversation, LineUser

Words = tuple[str, ...]
YES_OR_NO = "yes_or_no"  # the one-question conversation, and its key in a conversation's data: the two postbacks
# A no that goes on ("ไม่ยินยอมค่ะ ขอเบอร์ศูนย์มาโทรเองได้ไหม"): the start says it. Not "ไม่ต้อง...", which may
# be about anything ("ไม่ต้องส่งข่าวสารมาแล้วนะคะ").
NO_STARTS = ("ไม่ยอม", "ไม่อนุญาต", "ไม่ให้", "ไม่ตกลง", "ไม่สะดวกให้")
CANCELLING = ("ยกเลิก", "ยกเลิกได้", "ยืนยันยกเลิก")
CONSENTING = ("ยินยอม", "ยอมรับ", "agree")  # consent named anywhere: "ยินยอมให้เก็บข้อมูลค่ะ", "yes I agree"


def _buttons(yes: Words = (), no: Words = (), no_starts: Words = (), yes_within: Words = (),
             courtesies: Words = ()) -> replies.YesOrNo:
    """The everyday yes and no, with a question's own words."""
    return replies.YesOrNo(replies.YES_WORDS | set(yes), replies.NO_WORDS | set(no), NO_STARTS + no_starts, yes_within,
                           courtesies)


# How a typed answer reads, by what the question is `about` (`ask_yes_or_no`). Besides the everyday yes and no,
# a question takes the words of its own buttons, and only it: "ลบเลย" confirms "delete your data?" but gives no
# consent, and "ยกเลิก" taps whichever button cancels, the yes of "cancel this?" or the no of "carry on?".
QUESTIONS = {
    "": _buttons(),
    "consent": _buttons(("ยินยอม", "ยอมรับ"), ("ไม่ยินยอม",), ("ไม่ยินยอม",), CONSENTING),
    # Under a centre's card, only consent itself asks for the call-back: "โอเคค่ะ" there thanks for the number.
    "call_back": replies.YesOrNo(frozenset({"ยินยอม", "ยอมรับ", "ยินยอมให้โทรกลับ"}), frozenset({"ไม่ยินยอม"}),
                                 ("ไม่ยินยอม",)),
    "erase": _buttons(("ลบ", "ลบได้", "ยืนยันลบ"), ("ไม่ลบ",), ("ไม่ลบ",)),
    "cancel": _buttons(CANCELLING, ("ไม่ยกเลิก", "ไม่เป็นไร", "ไม่ได้จะยกเลิก", "ไม่ได้ยกเลิก"),
                       ("ไม่ยกเลิก", "ไม่เป็นไร", "ไม่ได้จะยกเลิก", "ไม่ได้ยกเลิก", "เอ้ยไม่", "อ้าวไม่")),
    "resume": _buttons(("ทำต่อ", "ไม่ยกเลิก"), CANCELLING),
    # "เอาค่ะ ใส่ชื่อสำรองไว้เลย" (h81) and "ไม่เป็นไรค่ะ รอได้" (fine, I can wait) say yes; "เอาไว้ก่อนค่ะ" (not now) no.
    "waitlist": _buttons(("เข้าสำรอง", "เข้าสำรองไว้", "เข้ารายชื่อสำรอง", "สำรอง", "สำรองไว้", "รอ", "รอได้"),
                         ("ไม่รอ", "ไม่สำรอง", "ไม่เข้าสำรอง", "ไม่เป็นไร", "ไว้ก่อน", "เอาไว้ก่อน"),
                         ("ไม่รอ", "ไม่สำรอง", "ไม่เข้าสำรอง", "ไม่เป็นไร", "ไม่อยาก", "ไม่ต้อง", "ไว้ก่อน", "เอาไว้ก่อน",
                          "ยังไม่"),
                         ("สำรอง", "รอได้", "รอก็ได้"), ("ไม่เป็นไร",)),
    # "Only N seats left: register N?" (its third button, the waiting list, reads as "waitlist" does).
    "seats_left": _buttons(("ลงทะเบียน", "ลงทะเบียนเลย", "ลงเลย", "ก็ได้"),
                           ("ไม่เป็นไร", "ไม่ลง", "ไม่ลงทะเบียน", "ไม่ไป"), ("ไม่เป็นไร", "ไม่ลง", "ไม่ไป")),
    # "Start the other need now?" after a request is sent (needs.py).
    "second_need": _buttons(("เริ่ม", "เริ่มเลย", "ต่อเลย", "ทำต่อ", "เริ่มเรื่องนี้"), ("ไว้ก่อน", "ยังไม่", "ไม่เป็นไร"),
                            ("ไว้ก่อน", "ยังไม่", "ไม่เป็นไร")),
    "offer": _buttons(("ยืนยันรับที่นั่ง", "ยืนยันที่นั่ง", "รับที่นั่ง", "รับ", "ไป", "ไปได้", "ไปค่ะ"),
                      ("สละสิทธิ์", "ไม่รับ", "ไม่ไป", "ไปไม่ได้", "ไม่ว่าง"),
                      ("ไม่ไป", "ไม่รับ", "ไปไม่ได้", "ไม่ว่าง", "ไม่ยืนยัน", "สละ", "ขอสละ"),
                      ("ยืนยัน",)),  # "ยืนยันเด้อ ไปแน่นอน", "ขอสละสิทธิ์ค่ะ ติดธุระ" (h81)
}
# "Use the details from last time?" has words of its own for yes and no ("ใช้ค่ะ", "ไม่เอาข้อมูลเดิมอ่ะ").
REUSE = _buttons((texts.YES, "ใช้", "ใช้ได้"), (texts.NO, "ไม่ใช้", "กรอกใหม่"), ("ไม่ใช่", "ไม่ใช้"))


def remember(ctx: Context, flow: str, data: dict[str, Any]) -> None:
    """Keep the question's `data` in the conversation, beside a request in progress or on its own as `flow`."""
    _remember(ctx.session, ctx.user, flow, data)


def _remember(session: Session, user: LineUser, flow: str, data: dict[str, Any]) -> None:
    current = repo.get_conversation(session, user)
    if current is None or current.flow not in flows.FLOWS:
        repo.save_conversation(session, user, flow, "asked", data)
    else:
        repo.save_conversation(session, user, current.flow, current.state, current.data | data)


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


def ask_yes_or_no(ctx: Context, yes: str, no: str, about: str = "") -> None:
    """Remember the postbacks of the two buttons just offered, so "ใช่ค่ะ" or "ไม่ค่ะ" typed does the same; `about`
    names the question's own words in QUESTIONS."""
    push_yes_or_no(ctx.session, ctx.user, yes, no, about)


def push_yes_or_no(session: Session, user: LineUser, yes: str, no: str, about: str = "") -> None:
    """`ask_yes_or_no` for a question pushed to `user` rather than replied (a seat offered from the waiting
    list): the follower's next message answers it."""
    _remember(session, user, YES_OR_NO, {YES_OR_NO: {"yes": yes, "no": no, "about": about}})


def offered(current: Conversation | None) -> set[str]:
    """The two postbacks of the yes-or-no question waiting, if one is."""
    buttons = current.data.get(YES_OR_NO) if current is not None else None
    return {str(buttons["yes"]), str(buttons["no"])} if buttons else set()


def typed_yes_or_no(ctx: Context, current: Conversation | None, text: str) -> str | None:
    """The postback a typed yes or no stands for, when a yes-or-no question waits (forgotten either way)."""
    if current is None or YES_OR_NO not in current.data:
        return None
    buttons = current.data[YES_OR_NO]
    forget(ctx, YES_OR_NO, YES_OR_NO)
    said = says_yes(text, buttons.get("about", ""))
    return None if said is None else str(buttons["yes" if said else "no"])


def says_yes(text: str, about: str = "") -> bool | None:
    """True for a typed yes ("ใช่ค่ะ", "ได้ค่ะ ลบได้เลย"), False for a no ("ไม่อ่ะ", "ไม่ยินยอมค่ะ ขอ..."), else None;
    read as the question `about` reads it (QUESTIONS)."""
    return QUESTIONS[about].read(text)


def says_reuse(text: str) -> bool | None:
    """True to use the details from last time, False to give them again, None for anything else."""
    return REUSE.read(text)
