"""Request flows declared as data: for each service, the questions in order; plus the steps that walk them.

A flow's state is the key of the question being asked, or `reuse_profile` / `confirm` / `edit`. The steps
here are pure: (flow, state, answers, input) -> Turn, so they are tested as tables without LINE or a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from bot.dialogue import fields as f
from bot.dialogue import replies, texts
from bot.dialogue.cards import summary_card
from bot.line.outbound import Choose, Outbound, Text
from intents import extract_entities
from intents.entities import parse_phone
from intents.normalize import normalize, normalize_for_entities
from intents.provinces import closest_province, find_province
from intents.tokenize import tokenize

# The summary's "ยืนยันส่งคำขอ" typed, as a whole ("ยืนยันค่ะ👍") or in every part ("ได้ค่ะ ส่งเลย"), and "👍" alone.
CONFIRMS = replies.YesOrNo(frozenset({
    "ยืนยัน", "ยืนยันส่งคำขอ", "ใช่", "ตกลง", "ok", "โอเค", "ถูกต้อง", "confirm", "yes", "ส่ง", "ส่งคำขอ", "ถูก", "ได้",
    "ส่งได้", "เรียบร้อย", "ครบแล้ว", "ถูกต้องแล้ว", "ใช่แล้ว"}), frozenset())
EDIT_WORDS = {"แก้ไข", "แก้", "edit"}
EDIT_ASIDES = {"ขอ", "อีก", "นิด", "หน่อย", "นึง", "นิดหน่อย", "นิดนึง", "ด้วย", "ก่อน", "อยาก", "จะ", "ข้อมูล"}  # around it
# Nothing to change, at the summary or its "ต้องการแก้ข้อไหนคะ" ("ไม่แก้แล้วค่ะ ส่งได้เลย", a cancel to the
# classifier): the summary again, or the request sent when the message says so.
NO_CHANGE = ("ไม่แก้", "ไม่ต้องแก้", "ไม่มีอะไรแก้", "ไม่มีแก้")
SUMMARY = ("confirm", "edit")  # the summary card and its "ต้องการแก้ข้อไหนคะ": every answer given
MOST_QUESTIONS, QUESTION_LENGTH = 5, 300  # kept for the officer (`_noted`)
DIALLED = re.compile(r"\d[\d\s-]{4,}\d")  # a phone number's worth of digits, right or wrong (`_dialled`)
PROFILE_KEYS = ("business_name", "contact_name", "phone", "province")
# The words of a first message that only ask for the service: wanting, booking, joining, particles, questions.
REQUEST_WORDS = frozenset({
    *replies.POLITE_ENDINGS, "ฮะ", "งับ", "สวัสดี", "อยาก", "ขอ", "สนใจ", "ต้องการ", "รบกวน", "สอบถาม", "ทราบ", "ว่า",
    "หน่อย", "ได้", "ไหม", "มั้ย", "ยังไง", "อย่างไร", "ที่ไหน", "ราคา", "เท่าไหร่", "เท่าไร", "บ้าง", "ด้วย",
    "จะ", "มี", "ให้", "เช่า", "ให้เช่า", "จอง", "ยืม", "ใช้", "ใช้งาน", "เครื่อง", "เครื่องจักร", "เครื่องมือ",
    "บริการ", "ของ", "ศูนย์", "ทาง", "itc", "เข้าร่วม", "เข้า", "ร่วม", "สมัคร", "เป็น", "สมาชิก", "เป็นสมาชิก",
    "คลัสเตอร์", "cluster", "กลุ่ม", "อุตสาหกรรม", "ที่", "และ", "กับ", "การ", "วันที่", "วัน", "อยู่", "โทร",
})
# Characters of a first message read to judge that; more would cost tokenising, not change the answer.
FIRST_MESSAGE_READ = 300


@dataclass(frozen=True)
class Flow:
    service: str
    fields: tuple[f.Field, ...]
    # How a first message answers "details": "whole", when it says enough (it is the need itself); "rest",
    # when what it says besides the request and the other answers does (details asks something narrower:
    # what the machine is for, what the business makes); or "never".
    details_from_first_message: Literal["whole", "rest", "never"] = "whole"

    def field(self, key: str) -> f.Field | None:
        return next((q for q in self.fields if q.key == key), None)

    def known_field(self, key: str) -> f.Field:
        """The field for `key`, which the caller knows is one of this flow's questions."""
        found = self.field(key)
        if found is None:
            raise KeyError(f"{key!r} is not a question of the {self.service} flow")
        return found


def _details(question: str, label: str = "ความต้องการ") -> f.Field:
    return f.Field("details", label, question, f.read_free_text)


_PROFILE = (f.BUSINESS, f.CONTACT, f.PHONE, f.PROVINCE)

FLOWS: dict[str, Flow] = {flow.service: flow for flow in (
    Flow("product_design", (_details("อยากออกแบบหรือปรับอะไรในตัวสินค้าคะ เช่น รูปทรง ลวดลาย วัสดุ"),
                            f.PRODUCT, *_PROFILE)),
    Flow("prototype", (_details("อยากให้ช่วยทำต้นแบบอะไรคะ เช่น ชิ้นตัวอย่าง แม่พิมพ์ ล็อตทดลอง"),
                       f.PRODUCT, *_PROFILE)),
    Flow("packaging", (_details("อยากพัฒนาบรรจุภัณฑ์แบบไหนคะ เช่น กล่อง ถุง ขวด ฉลาก โลโก้"),
                       f.PRODUCT, *_PROFILE)),
    Flow("machinery", (f.MACHINE, _details("จะใช้เครื่องทำงานอะไรคะ", "งานที่จะทำ"), f.PREFERRED_DATE,
                       *_PROFILE), details_from_first_message="rest"),
    Flow("food_processing", (f.FOOD_PRODUCT, _details("ตอนนี้ติดปัญหาหรืออยากพัฒนาอะไรคะ เช่น "
                                                      "อายุการเก็บ สูตร ขอ อย./GMP", "ปัญหาที่พบ"), *_PROFILE)),
    # How many come is asked last: a first message may only ask whether there is a course ("มีคลาส…ไหมคะ").
    Flow("training", (_details("สนใจอบรมหรือศึกษาดูงานหัวข้อไหนคะ", "หัวข้อ"), *_PROFILE, f.PEOPLE)),
    Flow("business_matching", (_details("สินค้าที่อยากขายหรืออยากจับคู่คืออะไรคะ", "สินค้า"), f.BUYER,
                               f.MARKET, *_PROFILE)),
    Flow("consulting", (_details("อยากปรึกษาเรื่องอะไรคะ เช่น ลดต้นทุน ระบบดิจิทัล แหล่งเงินทุน"), *_PROFILE)),
    Flow("cluster", (f.SECTOR, _details("เล่าเกี่ยวกับกิจการสั้น ๆ ค่ะ ว่าทำสินค้าอะไร", "กิจการ"), *_PROFILE),
         details_from_first_message="rest"),
    Flow("contact_staff", (_details("อยากคุยกับเจ้าหน้าที่เรื่องอะไรคะ", "เรื่องที่ต้องการคุย"),
                           f.CONTACT, f.PHONE, f.CALLER_PROVINCE), details_from_first_message="never"),
)}


@dataclass(frozen=True)
class Turn:
    """The result of one step: where the flow goes next, what it now knows, what to say."""

    state: str
    answers: dict[str, Any]
    messages: list[Outbound] = field(default_factory=list)
    submit: bool = False


def prefill(flow: Flow, first_text: str | None, found: dict[str, Any], today: date) -> dict[str, Any]:
    """Answers already given in the first message, each checked as if typed: entities, and the need itself."""
    answers: dict[str, Any] = {}
    machine = f.find_machine(first_text) if first_text else None
    found = found | ({"machine": machine} if machine else {})
    for question in flow.fields:
        if question.entity and question.entity in found:
            # The phone is read from the message itself, to keep an extension typed after it ("… ต่อ 12").
            typed = first_text if question.entity == "phone" and first_text else _as_typed(found[question.entity])
            try:
                value = question.read(typed, today)
            except f.Invalid:
                continue
            answers[question.key] = _stored(value)
    if first_text and _says_enough(flow, first_text, today):
        answers["details"] = " ".join(first_text.split())[:1000]
    _, named = _names_said(flow, answers, first_text or "", today)
    return answers | named


def _as_typed(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return f"{value} คน" if isinstance(value, int) else str(value)


def _says_enough(flow: Flow, text: str, today: date) -> bool:
    # A bare service name ("บรรจุภัณฑ์") starts the flow but does not describe the need, and a bare request
    # ("อยากเช่าเครื่องตัดเลเซอร์ครับ") names the machine but not the work ("ทำป้ายไม้").
    if flow.details_from_first_message == "whole":
        return len("".join(text.split())) >= 18
    if flow.details_from_first_message == "rest":
        return len("".join(_beyond_the_request(text, today))) >= 8
    return False


def _beyond_the_request(text: str, today: date) -> list[str]:
    """The words of a message besides the request itself and the words that name other answers."""
    words = tokenize(normalize(text[:FIRST_MESSAGE_READ], emoji="strip"))
    named = _naming_answers(words, today)
    return [word for i, word in enumerate(words)
            if i not in named and word not in REQUEST_WORDS and any(c.isalpha() for c in word)]


def _naming_answers(words: list[str], today: date) -> set[int]:
    """Where the words name a machine, sector, province, date...: alone, or as the shortest run of up to
    four, since the tokeniser cuts words it does not know (สกินแคร์ -> ส|กิน|แคร์)."""
    named: set[int] = set()
    for size in range(1, 5):
        for start in range(len(words) - size + 1):
            run = range(start, start + size)
            if named.isdisjoint(run) and _names_an_answer("".join(words[start:start + size]), today):
                named.update(run)
    return named


def _names_an_answer(text: str, today: date) -> bool:
    return f.find_machine(text) is not None or bool(extract_entities(text, today=today))


def next_question(flow: Flow, answers: dict[str, Any]) -> str:
    """The first question not yet answered, or `confirm` when all are."""
    return next((q.key for q in flow.fields if q.key not in answers), "confirm")


def ask(flow: Flow, state: str, answers: dict[str, Any], hint: str | None = None) -> list[Outbound]:
    """What to say to ask for `state`."""
    if state == "confirm":
        return [summary_card(flow, answers)]
    if state == "edit":
        choices = tuple(Choose(q.label, f"edit={q.key}", f"แก้{q.label}") for q in flow.fields)
        unchanged = Choose(texts.NO_CHANGE_SEND, "confirm=yes", texts.NO_CHANGE_SEND)
        return [Text(texts.ASK_EDIT, (*choices, unchanged))]
    question = flow.known_field(state)
    lines = [hint, question.question] if hint else [question.question]
    return [Text("\n".join(lines), question.choices)]


def answer(flow: Flow, state: str, answers: dict[str, Any], reply: str, today: date, in_scope: bool = True) -> Turn:
    """Read the user's reply to the question in `state`, and move on or ask again; a question typed instead, about
    the services (`in_scope`), is kept for the officer."""
    changed = _change_in_one_message(flow, state, answers, reply, today) if state in SUMMARY else None
    if changed is not None:
        return changed
    asks_the_officer = in_scope and _for_the_officer(reply)
    if state == "confirm":
        return _answer_confirm(flow, answers, reply, asks_the_officer)
    if state == "edit":
        return _answer_edit(flow, answers, reply)
    question = flow.field(state)
    if question is None:
        following = next_question(flow, answers)
        return Turn(following, answers, ask(flow, following, answers))
    said, named = (_names_said(flow, answers, reply, today) if state not in NAMES else
                   _business_named_for_the_contact(flow, state, reply, today))
    try:
        if not said:  # the shop named for the contact ("ชื่อร้านคือ ดอยดีคอฟฟี่"), and no one else
            raise f.Invalid(texts.BUSINESS_TAKEN)
        value = question.read(said, today)
    except f.Invalid as invalid:  # what it said in passing still counts: a phone typed for a name
        # But a question names no name: "ทำไมต้องบอกชื่อร้านด้วยคะ" gives no shop called "ด้วย".
        named = {} if replies.asks_a_question(reply) else named
        answers = answers | named | _said_in_passing(flow, state, reply, answers, today)
        if asks_the_officer:
            return Turn(state, _noted(answers, reply), ask(flow, state, answers, hint=texts.QUESTION_NOTED))
        return Turn(state, answers, ask(flow, state, answers, hint=str(invalid)))
    answers = answers | {state: _stored(value)} | named
    answers = answers | _said_in_passing(flow, state, reply, answers, today)
    following = next_question(flow, answers)
    noted = texts.BY_LINE_NOTED if state == f.PHONE.key and value == f.BY_LINE else None
    return Turn(following, answers, ask(flow, following, answers, hint=noted))


def _for_the_officer(reply: str) -> bool:
    """A question the bot cannot answer, typed instead of an answer ("ค่าเครื่องชั่วโมงละเท่าไหร่คะ"); not one about
    the question itself, which the question's own hint answers ("ทำไมต้องให้เบอร์", "ต้องเป็นชื่อจดทะเบียนไหม")."""
    return replies.asks_a_question(reply) and not replies.asks_why(reply) and not f.asks_about_the_name(reply)


def _noted(answers: dict[str, Any], reply: str) -> dict[str, Any]:
    """The answers with the question kept for the officer (a few, each cut short, none twice)."""
    asked = answers.get(f.QUESTIONS, [])
    question = " ".join(reply.split())[:QUESTION_LENGTH]
    return answers | {f.QUESTIONS: asked if question in asked else [*asked, question][-MOST_QUESTIONS:]}


# A phone number or province said in passing in a later answer ("กาแฟคั่วจากน่านค่ะ", "นุชค่ะ 081-234-5678")
# is taken, not asked again, as spelt: the brand in "ตราแดงค่ะ" is no slip for ตราด. Not a province inside a
# name: a shop named after a place ("ร้านลำปางเซรามิก") is not always there. Only a number: "ขายทางไลน์" is no
# wish to be contacted there.
IN_PASSING = {"phone": f.read_phone_number, "province": f.read_named_province}
NAMES = ("business_name", "contact_name")
NAMED_ANSWERS = (*NAMES, "product")  # a name or a product: never a question, a remark or a "none"
# Words of wanting: in the answer to a name question they ask for something instead ("อยากหาคนซื้อมากกว่า").
WISH_WORDS = ("อยาก", "ต้องการ", "สนใจ")


def _wishes(text: str) -> bool:
    return any(word in text for word in WISH_WORDS)


def wishes_instead_of_a_name(state: str, text: str) -> bool:
    """A name says no wish: "ขอชื่อผู้ติดต่อค่ะ" answered "จริง ๆ อยากทำแม่พิมพ์ก่อนครับ" is a change of mind."""
    return state in NAMES and _wishes(text)


def strays(state: str, text: str) -> bool:
    """A name or product says no wish and makes no joke: "อยากกู้เงินซื้อรถส่วนตัว" or "หวยงวดนี้ออกอะไรคะ 555" typed
    for one is about something else. (A question alone may be about the request: "ราคาเท่าไหร่คะ".)"""
    return state in NAMED_ANSWERS and (_wishes(text) or replies.laughs(text))


def read_by_the_question(flow: Flow, state: str, text: str) -> bool:
    """What only a name or product question reads right: a "none" ("ยังไม่มี", a request status to the
    classifier), a name in Latin letters ("Nok", a cancel to it) and a question about the name asked for
    ("ต้องเป็นชื่อจดทะเบียนไหมคะ", an event to it: ลงทะเบียน); and at the summary, a confirmation ("ยืนยันส่งคำขอ", a
    request status to it), nothing to change ("ไม่แก้แล้วค่ะ ส่งได้เลย", a cancel) or the answer to change
    ("เบอร์โทรค่ะ", centre information)."""
    named = state in NAMES and (replies.is_latin_name(text) or f.asks_about_the_name(text)
                                or replies.opens_with_none(text))
    settled = state in SUMMARY and (bool(CONFIRMS.read(text)) or _keeps_every_answer(text)
                                    or _answer_to_fix(flow, state, text) is not None)
    return state in NAMED_ANSWERS and (replies.says_none(text) or named) or settled or _dialled(state, text)


def _dialled(state: str, text: str) -> bool:
    """A number typed at the phone question, even a wrong one, is its answer: "โทร 0776543210 ครับ" (a digit too
    many) is told what is wrong, not read as a wish for staff (โทร)."""
    return state == f.PHONE.key and DIALLED.search(normalize_for_entities(text)) is not None


def _said_in_passing(flow: Flow, answered: str, reply: str, answers: dict[str, Any], today: date) -> dict[str, Any]:
    taken: dict[str, Any] = {}
    for question in flow.fields:
        if question.key not in IN_PASSING or question.key in answers:
            continue
        if question.key == "province" and answered in NAMES and not f.says_where(reply):
            continue
        try:
            taken[question.key] = IN_PASSING[question.key](reply, today)
        except f.Invalid:
            continue
    return taken


# Names said in passing ("ชามจานเซรามิคครับ ร้านชื่อบ้านดินเผาแม่ทะ ผมชื่อเอก"): the business up to the next
# self-introduction, and the person's first name or nickname ("ผมชื่อเล่นเอก", "ผมชื่อว่าเอก"). A business only
# where a phrase starts: "อยากเปลี่ยนชื่อร้านด้วยค่ะ" names no shop called "ด้วย".
_INTRODUCING = r"(?:กระผม|ผม|ดิฉัน|หนู|ฉัน|พี่)ชื่อ(?:เล่น)?(?:ว่า|คือ)?"
NAMED_IN_PASSING = {
    "business_name": re.compile(r"(?<!\S)\s*(?:(?:ร้าน|กิจการ|บริษัท|แบรนด์)ชื่อ|ชื่อ(?:ร้าน|กิจการ|บริษัท|แบรนด์))\s*(?:คือ|เป็น)?"
                                rf"(?P<name>.+?)(?=\s*{_INTRODUCING}|$)", re.DOTALL),
    "contact_name": re.compile(rf"\s*{_INTRODUCING}\s*(?P<name>\S+)"),
}
LONGEST_NAME_IN_PASSING = 40  # more is a sentence that goes on after the name, not the name


def _names_said(flow: Flow, answers: dict[str, Any], text: str, today: date) -> tuple[str, dict[str, Any]]:
    """The text without the names said in it, and those names as answers, where the flow still needs them."""
    named: dict[str, Any] = {}
    cut = len(text)
    for key, pattern in NAMED_IN_PASSING.items():
        question, match = flow.field(key), pattern.search(text)
        if question is None or match is None or key in answers:
            continue
        try:
            name = question.read(match["name"], today)
        except f.Invalid:
            continue
        if len(name) <= LONGEST_NAME_IN_PASSING:
            named[key], cut = name, min(cut, match.start())
    return text[:cut].strip() or text, named


def _business_named_for_the_contact(flow: Flow, state: str, reply: str, today: date) -> tuple[str, dict[str, Any]]:
    """At the contact question, the shop named first instead ("ชื่อร้านคือ ดอยดีคอฟฟี่"): the rest of the reply,
    for the contact, and the shop taken for the business (said again, it may correct the answer given before)."""
    business, match = flow.field("business_name"), NAMED_IN_PASSING["business_name"].match(reply)
    if state != "contact_name" or business is None or match is None:
        return reply, {}
    try:
        name = business.read(match["name"], today)
    except f.Invalid:
        return reply, {}
    return (reply[: match.start()] + reply[match.end() :]).strip(), {"business_name": name}


def _stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# Which answer, and its new value, in one message: "แก้เบอร์เป็น 089-123-4567", "เปลี่ยนชื่อร้าน ครัวป้าแดง".
# A few words may come first ("อ๊ะ ขอเปลี่ยน..."), but not a "don't" ("ไม่ต้องแก้...").
_CHANGE_LEAD = r"(?:(?:(?!ไม่).){0,12}?(?:ขอ|ช่วย|รบกวน)\s*)?(?:แก้ไข|แก้|เปลี่ยน)"
# Or the answer said to be wrong, then the right one: "ชื่อร้านผิดครับ ชื่อร้านคือ ครัวป้าแดง", "เบอร์ผิดค่ะ ที่ถูก 089…".
_CHANGE = (re.compile(_CHANGE_LEAD + r"(?P<name>.+?)(?:เป็น|=|:)(?P<value>.+)", re.DOTALL),
           re.compile(_CHANGE_LEAD + r"\s*(?P<name>\S+)\s+(?P<value>.+)", re.DOTALL),
           re.compile(r"(?P<name>\S+?)ผิด\S*\s+(?:(?:ที่ถูก(?:ต้อง)?(?:คือ|เป็น)?|\S+?คือ|ใช้(?:ชื่อ)?(?:ว่า|เป็น))\s*)?"
                      r"(?P<value>.+)", re.DOTALL),
           # Or named first: "วันที่ขอเปลี่ยนเป็นวันศุกร์ที่ 4 ธันวาครับ".
           re.compile(r"(?P<name>\S+?)\s*(?:ขอ|ช่วย)?\s*(?:เปลี่ยน|แก้ไข|แก้)\s*(?:เป็น|=|:)\s*(?P<value>.+)", re.DOTALL))
# At "ต้องการแก้ข้อไหนคะ", the answer's name is enough: "สินค้าค่ะ เป็นน้ำพริกเผากุ้งเสียบ".
_PICKED = re.compile(r"(?P<name>\S+)\s+(?:เป็น|คือ)?\s*(?P<value>.+)", re.DOTALL)
# Where the business really is: "จริงๆอยู่สุรินทร์ค่ะ", "ร้านอยู่ที่จังหวัดพะเยาค่ะ" (a province must follow อยู่:
# "ตอนนี้อยู่บ้านค่ะ" changes nothing, and "ศูนย์ที่พะเยาอยู่ที่ไหนคะ" asks); or the one it is not, and another
# ("อ๊ะ ไม่ใช่เชียงใหม่ค่ะ เชียงรายถูกแล้ว").
_MOVED = re.compile(r"อยู่\s*(?:ที่)?\s*(?:จังหวัด|จ\.)?\s*(?P<value>\S+)")
_NOT_THIS = re.compile(r"ไม่ใช่\s*(?:จังหวัด|จ\.)?\s*\S+")
_ASKING = re.compile(r"^(?:ขอ|ช่วย|รบกวน)")  # before แก้: "ขอแก้วันครับ"


# "ขอเลื่อนเป็นวันศุกร์หน้า": moving the date names no answer, but only a date moves.
_POSTPONE = re.compile(r"(?:(?:(?!ไม่).){0,12}?(?:ขอ|ช่วย|รบกวน)\s*)?เลื่อน(?:วัน(?:ที่)?)?\s*(?:ไป)?\s*(?:เป็น)?"
                       r"(?P<value>.+)", re.DOTALL)


def change_named(flow: Flow, reply: str, state: str = "confirm") -> tuple[f.Field, str] | None:
    """The answer a reply at the summary (`state`: its card, or "edit", its "ต้องการแก้ข้อไหนคะ") changes, and the new
    value as typed: named ("แก้เบอร์เป็น 089-123-4567"), said to be wrong ("เบอร์ผิดค่ะ ที่ถูกคือ …"), a date moved
    ("ขอเลื่อนเป็นวันศุกร์หน้า"), or a phone number or province given again (`_given_again`)."""
    patterns = (*_CHANGE, _PICKED) if state == "edit" else _CHANGE
    found = (_named_change(flow, pattern.fullmatch(reply.strip())) for pattern in patterns)
    named = next((change for change in found if change), None)
    if named is None and (postponed := _POSTPONE.fullmatch(reply.strip())):
        when = next((q for q in flow.fields if q.read is f.read_date), None)
        return (when, postponed["value"].strip()) if when else None
    return named or (None if replies.asks_a_question(reply) else _given_again(flow, reply))


def _given_again(flow: Flow, reply: str) -> tuple[f.Field, str] | None:
    """A phone number ("0812223333", "เบอร์มือถือดีกว่าค่ะ 081…") or a province ("เชียงรายค่ะ", "จริงๆอยู่สุรินทร์ค่ะ
    ไม่ใช่บุรีรัมย์") typed at the summary, and the answer it replaces."""
    phone, where = flow.field("phone"), flow.field("province")
    if phone is not None and parse_phone(reply):
        return phone, reply
    told = _NOT_THIS.sub(" ", reply)  # "ไม่ใช่เชียงใหม่" names the wrong one
    moved = _MOVED.search(told)
    province = (find_province(moved["value"]) if moved else None) or closest_province(reply) or (
        find_province(told) if told != reply else None)
    return (where, province.name) if where is not None and province is not None else None


def _change_in_one_message(flow: Flow, state: str, answers: dict[str, Any], reply: str, today: date) -> Turn | None:
    """An answer changed from the summary by typing; None when the reply is not such a change."""
    change = change_named(flow, reply, state)
    if change is None:
        return None
    question, typed = change
    remaining = {k: v for k, v in answers.items() if k != question.key}
    try:
        value = question.read(typed, today)
    except f.Invalid as invalid:
        return Turn(question.key, remaining, ask(flow, question.key, remaining, hint=str(invalid)))
    answers = remaining | {question.key: _stored(value)}
    following = next_question(flow, answers)
    return Turn(following, answers, [Text(texts.CHANGED.format(label=question.label))]
                + ask(flow, following, answers))


def _named_change(flow: Flow, match: re.Match[str] | None) -> tuple[f.Field, str] | None:
    value = match["value"].strip() if match else ""
    question = _field_named(flow, replies.plain(match["name"])) if match else None
    return (question, value) if question and replies.plain(value) not in ("", *replies.POLITE_ENDINGS) else None


def _asks_to_edit(text: str) -> bool:
    """The summary's "แก้ไข", typed in a few words ("ขอแก้อีกนิดค่ะ", "แก้ไขหน่อยครับ")."""
    words = {word for part in replies.answer_words(text) for word in part if word not in replies.ANSWER_PADDING}
    return bool(words & EDIT_WORDS) and words <= EDIT_WORDS | EDIT_ASIDES


def _keeps_every_answer(text: str) -> bool:
    """True when the message starts by saying there is nothing to change (`NO_CHANGE`)."""
    return replies.plain(text).startswith(NO_CHANGE)


def _sends(reply: str) -> bool:
    """The summary's "ยืนยันส่งคำขอ", tapped or typed, or nothing to change and "send" ("ไม่แก้แล้ว ส่งได้เลย")."""
    return bool(CONFIRMS.read(reply)) or (_keeps_every_answer(reply) and "ส่ง" in reply)


def _answer_confirm(flow: Flow, answers: dict[str, Any], reply: str, asks_the_officer: bool) -> Turn:
    if _sends(reply):
        return Turn("confirm", answers, submit=True)
    if _asks_to_edit(reply):
        return Turn("edit", answers, ask(flow, "edit", answers))
    question = _answer_to_fix(flow, "confirm", reply)
    if question is not None:
        return _ask_again(flow, answers, question)
    if asks_the_officer:
        answers = _noted(answers, reply)
        return Turn("confirm", answers, [Text(texts.QUESTION_NOTED), summary_card(flow, answers)])
    return Turn("confirm", answers, [Text(texts.CONFIRM_HINT), summary_card(flow, answers)])


def _answer_edit(flow: Flow, answers: dict[str, Any], reply: str) -> Turn:
    if _sends(reply):
        return Turn("confirm", answers, submit=True)
    if _keeps_every_answer(reply):
        return Turn("confirm", answers, ask(flow, "confirm", answers))
    question = _answer_to_fix(flow, "edit", reply)
    if question is None:
        return Turn("edit", answers, ask(flow, "edit", answers))
    return _ask_again(flow, answers, question)


def _ask_again(flow: Flow, answers: dict[str, Any], question: f.Field) -> Turn:
    remaining = {k: v for k, v in answers.items() if k != question.key}
    return Turn(question.key, remaining, ask(flow, question.key, remaining))


def _answer_to_fix(flow: Flow, state: str, reply: str) -> f.Field | None:
    """The answer a short reply at the summary asks to change ("แก้เบอร์", "เบอร์ผิดค่ะ"), or at its "ต้องการแก้
    ข้อไหนคะ" names alone ("เบอร์โทรค่ะ")."""
    word = _ASKING.sub("", replies.plain(reply))
    named = word.removeprefix("แก้ไข").removeprefix("แก้").removesuffix("ผิด")
    return _field_named(flow, named) if named != word or state in SUMMARY else None


def _field_named(flow: Flow, name: str) -> f.Field | None:
    """The question a user means by its key, label or another name ("ชื่อร้าน"), or the start of its label
    ("เบอร์" for เบอร์โทร)."""
    if not name:
        return None
    named = (q for q in flow.fields if name in (q.key, q.label.replace(" ", ""), *q.aliases))
    started = (q for q in flow.fields if q.label.replace(" ", "").startswith(name))
    return next(named, None) or next(started, None)


def reuse_profile(flow: Flow, answers: dict[str, Any], profile: dict[str, Any], accept: bool) -> Turn:
    """Fill the profile answers from the last request, or ask them again."""
    if accept:
        answers = {k: v for k, v in profile.items() if flow.field(k)} | answers
    following = next_question(flow, answers)
    return Turn(following, answers, ask(flow, following, answers))
