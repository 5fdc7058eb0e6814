"""The summary card: send, or change one answer.

Every answer is given at the summary (`SUMMARY`: the card, and its "ต้องการแก้ข้อไหนคะ"). A reply there sends the
request, asks which answer to change, or changes one in a single message ("แก้เบอร์เป็น 089-123-4567").
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.dialogue import fields as f
from bot.dialogue import names, replies, texts
from bot.dialogue.cards import summary_card
from bot.dialogue.refusals import Invalid
from bot.dialogue.turns import SUMMARY, Turn, ask, next_question, noted, stored
from bot.dialogue.when import read_date
from bot.line.outbound import Text
from intents.dates import names_a_month, parse_date, parse_period, time_of_day
from intents.entities import parse_people, parse_phone
from intents.provinces import closest_province, find_province

if TYPE_CHECKING:
    from bot.dialogue.flows import Flow

# The summary's "ยืนยันส่งคำขอ" typed, as a whole ("ยืนยันค่ะ👍") or in every part ("ได้ค่ะ ส่งเลย"), and "👍" alone.
CONFIRMS = replies.YesOrNo(frozenset({
    "ยืนยัน", "ยืนยันส่งคำขอ", "ใช่", "ตกลง", "ok", "โอเค", "ถูกต้อง", "confirm", "yes", "ส่ง", "ส่งคำขอ", "ถูก", "ได้",
    "ส่งได้", "เรียบร้อย", "ครบแล้ว", "ถูกต้องแล้ว", "ใช่แล้ว", "ถูกแล้ว", "ได้แล้ว", "send"}), frozenset())
EDIT_WORDS = {"แก้ไข", "แก้", "edit"}
EDIT_ASIDES = {"ขอ", "อีก", "นิด", "หน่อย", "นึง", "นิดหน่อย", "นิดนึง", "ด้วย", "ก่อน", "อยาก", "จะ", "ข้อมูล"}  # around it
# Nothing to change, at the summary or its "ต้องการแก้ข้อไหนคะ" ("ไม่แก้แล้วค่ะ ส่งได้เลย", a cancel to the
# classifier): the summary again, or the request sent when the message says so.
NO_CHANGE = ("ไม่แก้", "ไม่ต้องแก้", "ไม่มีอะไรแก้", "ไม่มีแก้")

# Which answer, and its new value, in one message: "แก้เบอร์เป็น 089-123-4567", "เปลี่ยนชื่อร้าน ครัวป้าแดง".
# A few words may come first ("อ๊ะ ขอเปลี่ยน..."), but not a "don't" ("ไม่ต้องแก้...").
_CHANGE_LEAD = r"(?:(?:(?!ไม่).){0,12}?(?:ขอ|ช่วย|รบกวน)\s*)?(?:แก้ไข|แก้|เปลี่ยน)"
# Or the answer said to be wrong, then the right one: "ชื่อร้านผิดครับ ชื่อร้านคือ ครัวป้าแดง", "เบอร์ผิดค่ะ ที่ถูก 089…",
# "ชื่อร้านไม่ใช่ครับ ร้านชื่อข้าวเกรียบบังนะ", "เมื่อกี้พิมพ์ชื่อร้านผิดค่ะ ที่ถูกคือ ครามสกลนคร".
_CHANGE = (re.compile(_CHANGE_LEAD + r"(?P<name>.+?)(?:เป็น|=|:)(?P<value>.+)", re.DOTALL),
           re.compile(_CHANGE_LEAD + r"\s*(?P<name>\S+)\s+(?P<value>.+)", re.DOTALL),
           re.compile(r"(?:\S{0,12}?(?:พิมพ์|ใส่|บอก|กรอก|ตอบ))?(?P<name>\S+?)(?:ผิด|ไม่ใช่)\S*\s+"
                      r"(?:(?:ที่ถูก(?:ต้อง)?(?:คือ|เป็น)?|ต้อง(?:เป็น|ใช้)|คือ|เป็น|\S+?คือ|ใช้(?:ชื่อ)?(?:ว่า|เป็น)"
                      r"|\S+?ชื่อ(?:ว่า)?)\s*)?(?P<value>.+)",
                      re.DOTALL),
           # Or named first: "วันที่ขอเปลี่ยนเป็นวันศุกร์ที่ 4 ธันวาครับ".
           re.compile(r"(?P<name>\S+?)\s*(?:ขอ|ช่วย)?\s*(?:เปลี่ยน|แก้ไข|แก้)\s*(?:เป็น|=|:)\s*(?P<value>.+)", re.DOTALL))
# Or the answer named and said again: "ชื่อร้านคือ ข้าวเกรียบบังนะครับ" (not a question: "เบอร์คือเบอร์ไหนคะ").
_SAID_IS = re.compile(r"(?P<name>\S+?)\s*(?:ที่ถูก(?:ต้อง)?)?(?:คือ|ต้องเป็น)\s*(?P<value>(?!.*(?:ไหน|อะไร)).+)", re.DOTALL)
# At "ต้องการแก้ข้อไหนคะ", the answer's name is enough: "สินค้าค่ะ เป็นน้ำพริกเผากุ้งเสียบ".
_PICKED = re.compile(r"(?P<name>\S+)\s+(?:เป็น|คือ)?\s*(?P<value>.+)", re.DOTALL)
# Where the business really is: "จริงๆอยู่สุรินทร์ค่ะ", "ร้านอยู่ที่จังหวัดพะเยาค่ะ" (a province must follow อยู่:
# "ตอนนี้อยู่บ้านค่ะ" changes nothing, and "ศูนย์ที่พะเยาอยู่ที่ไหนคะ" asks); or the one it is not, and another
# ("อ๊ะ ไม่ใช่เชียงใหม่ค่ะ เชียงรายถูกแล้ว").
_MOVED = re.compile(r"อยู่\s*(?:ที่)?\s*(?:จังหวัด|จ\.)?\s*(?P<value>\S+)")
# A person's name said again ("ผิดค่ะ ชื่อสมศรี", "ชื่อแอนนาค่ะ ไม่ใช่แอน", "ชื่อคนติดต่อเป็นลูกสาวค่ะ ชื่อนก"), not a
# business's ("ชื่อร้าน…").
_NAME_AGAIN = re.compile(r"(?:(?:ผิด|ไม่ใช่)\S*\s+)?(?P<value>ชื่อ(?!\s*(?:ร้าน|กิจการ|บริษัท|แบรนด์|กลุ่ม|วิสาหกิจ)).+)",
                         re.DOTALL)
_SAYS_NO = re.compile(r"ไม่ใช่|บ่แม่น|บ่ใช่")
_NAME_WORD = re.compile(r"^ชื่อ(?:จริง|เล่น)?\s*(?:ว่า|คือ)?\s*")
_CONTACT_NAMED = re.compile(r"^ชื่อ\s*(?:คน|ผู้)\s*ติดต่อ\s*(?:เป็น|คือ)?\s*")  # "ชื่อคนติดต่อเป็น…": what follows
_DAY_ASKED = re.compile(r"เปลี่ยน|ขอ\s*(?:เป็น)?\s*วัน|เป็นวัน|แทน")  # a day asked for at the summary, not asked about
_NOT_THIS = re.compile(r"(?:ไม่ใช่|บ่แม่น|บ่ใช่)\s*(?:จังหวัด|จ\.)?\s*\S+")
_ASKING = re.compile(r"^(?:ขอ|ช่วย|รบกวน)")  # before แก้: "ขอแก้วันครับ"
# "ส่งแล้วกี่วันเจ้าหน้าที่จะโทรมาครับ": when the call comes is the bot's to answer (and kept for the officer too).
WHEN_WORDS = ("กี่วัน", "กี่โมง", "เมื่อไหร่", "เมื่อไร", "เมื่อไร่", "นานไหม", "นานมั้ย", "นานแค่ไหน")
CALL_WORDS = ("โทร", "ติดต่อ")


# "ขอเลื่อนเป็นวันศุกร์หน้า": moving the date names no answer, but only a date moves.
_POSTPONE = re.compile(r"(?:(?:(?!ไม่).){0,12}?(?:ขอ|ช่วย|รบกวน)\s*)?เลื่อน(?:วัน(?:ที่)?)?\s*(?:ไป)?\s*(?:เป็น)?"
                       r"(?P<value>.+)", re.DOTALL)


def change_named(flow: Flow, reply: str, state: str = "confirm") -> tuple[f.Field, str] | None:
    """The answer a reply at the summary (`state`: its card, or "edit", its "ต้องการแก้ข้อไหนคะ") changes, and the new
    value as typed: named ("แก้เบอร์เป็น 089-123-4567"), said to be wrong ("เบอร์ผิดค่ะ ที่ถูกคือ …") or said again
    ("ชื่อร้านคือ ครัวป้าแดง"), a date moved
    ("ขอเลื่อนเป็นวันศุกร์หน้า"), or a phone number or province given again (`_given_again`)."""
    asks = replies.asks_a_question(reply)
    patterns = (*_CHANGE, *(() if asks else (_SAID_IS,)), *((_PICKED,) if state == "edit" else ()))
    found = (_named_change(flow, pattern.fullmatch(reply.strip())) for pattern in patterns)
    named = next((change for change in found if change), None)
    when = next((q for q in flow.fields if q.read is read_date), None)
    if named is None and (postponed := _POSTPONE.fullmatch(reply.strip())):
        return (when, postponed["value"].strip()) if when else None
    if named is None and when is not None and _DAY_ASKED.search(reply) and parse_date(reply):
        return when, reply  # "ขอเปลี่ยนเป็นวันพุธได้ไหมคะ", "เปลี่ยนเป็นวันที่ 15 ครับ": a day without its month
    return named or (None if asks else _given_again(flow, reply))


def correction(flow: Flow, reply: str) -> tuple[f.Field, str] | None:
    """An answer said to be wrong, or changed, in so many words ("เมื่อกี้พิมพ์ชื่อร้านผิดค่ะ ที่ถูกคือ ครามสกลนคร",
    "ขอแก้เบอร์เป็น 089…"), and its new value: taken at any question, not only at the summary."""
    found = (_named_change(flow, pattern.fullmatch(reply.strip())) for pattern in _CHANGE)
    return next((change for change in found if change), None)


def _given_again(flow: Flow, reply: str) -> tuple[f.Field, str] | None:
    """A phone number ("0812223333", "เบอร์มือถือดีกว่าค่ะ 081…"), a province ("เชียงรายค่ะ", "จริงๆอยู่สุรินทร์ค่ะ
    ไม่ใช่บุรีรัมย์"), a date with its month or a stretch ("ไม่ใช่ ขอวันที่ 8 ธันวา", "หมายถึงสัปดาห์หน้า"), a time of
    day, a number of people ("บ่แม่น 8 คน") or a person's name ("ผิดค่ะ ชื่อสมศรี") typed at the summary, and the
    answer it replaces."""
    phone, where, people = flow.field("phone"), flow.field("province"), flow.field("people")
    when = next((q for q in flow.fields if q.read is read_date), None)
    if phone is not None and parse_phone(reply):
        return phone, reply
    if when is not None and (names_a_month(reply) or parse_period(reply)):
        return when, reply
    if (timed := flow.field(f.PREFERRED_TIME.key)) is not None and time_of_day(reply):
        return timed, reply
    if people is not None and parse_people(reply) is not None:
        return people, reply
    contact, named = flow.field("contact_name"), _NAME_AGAIN.fullmatch(reply.strip())
    value = _CONTACT_NAMED.sub("", named["value"]) if named else ""
    if contact is not None and named is not None and not names.says_no_name(_NAME_WORD.sub("", value).rsplit("ชื่อ")[-1]):
        return contact, value  # not "ชื่อถูกต้องค่ะ ส่งได้เลย", "ชื่อสินค้าผิด…"
    told = _NOT_THIS.sub(" ", reply)  # "ไม่ใช่เชียงใหม่" names the wrong one
    moved = _MOVED.search(told)
    province = (find_province(moved["value"]) if moved else None) or closest_province(reply) or (
        find_province(told) if told != reply else None)
    return (where, province.name) if where is not None and province is not None else None


def _time_beside(flow: Flow, question: f.Field, typed: str) -> dict[str, Any]:
    """The time of day typed with a new date ("ขอเป็น 3 ธ.ค. ช่วงบ่าย"), which changes too."""
    said = time_of_day(typed) if question.read is read_date and flow.field(f.PREFERRED_TIME.key) else None
    return {f.PREFERRED_TIME.key: said} if said else {}


def change_in_one_message(flow: Flow, state: str, answers: dict[str, Any], reply: str, today: date) -> Turn | None:
    """An answer changed from the summary by typing; None when the reply is not such a change. Before the summary,
    only an answer already given and changed in so many words (`correction`), and the question asked goes on."""
    at_the_summary = state in SUMMARY
    change = change_named(flow, reply, state) if at_the_summary else earlier_correction(flow, state, answers, reply)
    if change is None:
        return None
    question, typed = change
    remaining = {k: v for k, v in answers.items() if k != question.key}
    try:
        value = question.read(typed, today)
    except Invalid as invalid:  # "ขอเปลี่ยนเป็นเสาร์ที่ 28": the days offered are taken as at the question ("ใช่ค่ะ")
        offered = f.offers(invalid)
        remaining |= {f.OFFERED: offered} if offered else {}
        return Turn(question.key, remaining, ask(flow, question.key, remaining, hint=str(invalid)))
    if at_the_summary and stored(value) == answers.get(question.key) and _SAYS_NO.search(reply):
        # "ไม่ใช่ 12 คนค่ะ" of the 12 on the card: the answer is wrong, and the right one still to come
        return Turn(question.key, remaining, ask(flow, question.key, remaining))
    answers = remaining | {question.key: stored(value)} | _time_beside(flow, question, typed)
    following = next_question(flow, answers) if at_the_summary else state
    return Turn(following, answers, [Text(texts.CHANGED.format(label=question.label))]
                + ask(flow, following, answers))


def earlier_correction(flow: Flow, state: str, answers: dict[str, Any], reply: str) -> tuple[f.Field, str] | None:
    """A `correction` of an answer given before the question in `state`."""
    change = correction(flow, reply)
    return change if change is not None and change[0].key in answers and change[0].key != state else None


def _named_change(flow: Flow, match: re.Match[str] | None) -> tuple[f.Field, str] | None:
    value = match["value"].strip() if match else ""
    question = _field_named(flow, replies.plain(match["name"])) if match else None
    return (question, value) if question and replies.plain(value) not in ("", *replies.POLITE_ENDINGS) else None


def _asks_to_edit(text: str) -> bool:
    """The summary's "แก้ไข", typed in a few words ("ขอแก้อีกนิดค่ะ", "แก้ไขหน่อยครับ")."""
    words = {word for part in replies.answer_words(text) for word in part if word not in replies.ANSWER_PADDING}
    return bool(words & EDIT_WORDS) and words <= EDIT_WORDS | EDIT_ASIDES


def keeps_every_answer(text: str) -> bool:
    """True when the message starts by saying there is nothing to change (`NO_CHANGE`)."""
    return replies.plain(text).startswith(NO_CHANGE)


def _sends(reply: str) -> bool:
    """The summary's "ยืนยันส่งคำขอ", tapped or typed, or nothing to change and "send" ("ไม่แก้แล้ว ส่งได้เลย")."""
    return bool(CONFIRMS.read(reply)) or (keeps_every_answer(reply) and "ส่ง" in reply)


def answer_confirm(flow: Flow, answers: dict[str, Any], reply: str, asks_the_officer: bool) -> Turn:
    """Read a reply to the summary card: the request sent, its "ต้องการแก้ข้อไหนคะ", an answer asked again, or the
    card again (with the question kept for the officer, `asks_the_officer`; when they will call is answered too)."""
    if _sends(reply):
        return Turn("confirm", answers, submit=True)
    if _asks_to_edit(reply):
        return Turn("edit", answers, ask(flow, "edit", answers))
    question = answer_to_fix(flow, reply)
    if question is not None:
        return _ask_again(flow, answers, question)
    if asks_the_officer:
        answers = noted(answers, reply)
        said = texts.CALLED_AFTER_SENDING if asks_when_called(reply) else texts.QUESTION_NOTED
        return Turn("confirm", answers, [Text(said), summary_card(flow, answers)])
    return Turn("confirm", answers, [Text(texts.CONFIRM_HINT), summary_card(flow, answers)])


def asks_when_called(reply: str) -> bool:
    """True for a question about when the officer will call ("ส่งแล้วกี่วันเจ้าหน้าที่จะโทรมาครับ"), not a wish
    ("โทรมาเมื่อไหร่ก็ได้ค่ะ")."""
    return (any(word in reply for word in WHEN_WORDS) and any(word in reply for word in CALL_WORDS)
            and "ก็ได้" not in reply)


def answer_edit(flow: Flow, answers: dict[str, Any], reply: str) -> Turn:
    """Read a reply to "ต้องการแก้ข้อไหนคะ": the request sent, the summary again, or the answer it names asked again."""
    if _sends(reply):
        return Turn("confirm", answers, submit=True)
    if keeps_every_answer(reply):
        return Turn("confirm", answers, ask(flow, "confirm", answers))
    question = answer_to_fix(flow, reply)
    if question is None:
        return Turn("edit", answers, ask(flow, "edit", answers))
    return _ask_again(flow, answers, question)


def _ask_again(flow: Flow, answers: dict[str, Any], question: f.Field) -> Turn:
    remaining = {k: v for k, v in answers.items() if k != question.key}
    return Turn(question.key, remaining, ask(flow, question.key, remaining))


def answer_to_fix(flow: Flow, reply: str) -> f.Field | None:
    """The answer a short reply at the summary or its "ต้องการแก้ข้อไหนคะ" asks to change: with แก้ or ผิด ("แก้เบอร์",
    "เบอร์ผิดค่ะ"), or named alone ("เบอร์โทรค่ะ")."""
    word = _ASKING.sub("", replies.plain(reply))
    return _field_named(flow, word.removeprefix("แก้ไข").removeprefix("แก้").removesuffix("ผิด"))


def _field_named(flow: Flow, name: str) -> f.Field | None:
    """The question a user means by its key, label or another name ("ชื่อร้าน"), or the start of its label
    ("เบอร์" for เบอร์โทร)."""
    if not name:
        return None
    named = (q for q in flow.fields if name in (q.key, q.label.replace(" ", ""), *q.aliases))
    started = (q for q in flow.fields if q.label.replace(" ", "").startswith(name))
    return next(named, None) or next(started, None)
