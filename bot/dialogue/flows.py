"""Request flows declared as data: for each service, the questions in order; plus the steps that walk them.

A flow's state is the key of the question being asked, or `reuse_profile` / `confirm` / `edit`. The steps
here are pure: (flow, state, answers, input) -> Turn, so they are tested as tables without LINE or a database.
The summary's states (`confirm` / `edit`) are read in `summary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from bot.dialogue import fields as f
from bot.dialogue import name_answers as na
from bot.dialogue import names, phones, replies, summary, texts
from bot.dialogue.mentions import find_machine
from bot.dialogue.refusals import Invalid
from bot.dialogue.turns import SUMMARY, Turn, ask, next_question, noted, offered_at, stored
from bot.dialogue.when import NOT_THEN, read_date
from intents import extract_entities
from intents.dates import names_a_month, parse_date
from intents.normalize import normalize, normalize_for_entities
from intents.provinces import province_alone
from intents.tokenize import tokenize

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
TOPIC = "เรื่อง"  # what a call is about follows it: "ขอคุยกับเจ้าหน้าที่เรื่องขอ อย. ค่ะ"
# What can follow "เรื่อง" without saying what about: "มีเรื่องด่วน", "เรื่องนี้", "เรื่องอะไรดี".
NOT_A_TOPIC = frozenset({"ด่วน", "ด่วนมาก", "สำคัญ", "นี้", "นั้น", "อะไร", "นิดหน่อย", "นึง", "หนึ่ง", "คุย",
                         "ปรึกษา", "ถาม", "อยากถาม", "เจ้าหน้าที่", "แอดมิน", "คน", "ดี", "มัน", "ยาว"})
# Characters of a first message read to judge that; more would cost tokenising, not change the answer.
FIRST_MESSAGE_READ = 300


@dataclass(frozen=True)
class Flow:
    service: str
    fields: tuple[f.Field, ...]
    # How a first message answers "details": "whole", when it says enough (it is the need itself); "rest",
    # when what it says besides the request and the other answers does (details asks something narrower:
    # what the machine is for, what the business makes); "topic", when it names one after "เรื่อง" (a call
    # asked for "เรื่องขอ อย.", where a topic is often that short).
    details_from_first_message: Literal["whole", "rest", "topic"] = "whole"

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
                       f.PREFERRED_TIME, *_PROFILE), details_from_first_message="rest"),
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
                           f.CONTACT, f.PHONE, f.CALLER_PROVINCE), details_from_first_message="topic"),
)}



def prefill(flow: Flow, first_text: str | None, found: dict[str, Any], today: date) -> dict[str, Any]:
    """Answers already given in the first message, each checked as if typed: entities, and the need itself."""
    answers: dict[str, Any] = {}
    machine = find_machine(first_text) if first_text else None
    found = found | ({"machine": machine} if machine else {})
    for question in flow.fields:
        if question.entity and question.entity in found:
            # The phone and the date are read from the message itself: to keep an extension typed after the number
            # ("… ต่อ 12"), and to see that a date was typed without its year ("15 ต.ค." is asked about in November).
            from_text = first_text if question.entity in ("phone", "date") else None
            typed = from_text if from_text is not None else _as_typed(found[question.entity])
            try:
                value = question.read(typed, today)
            except Invalid as refused:  # a day closed, with others offered: said when its question comes
                answers |= f.refusal(question.key, refused) if refused.choices and f.REFUSED not in answers else {}
                continue
            answers[question.key] = stored(value)
    for question in flow.fields:
        said = question.found_in(first_text) if question.found_in and first_text else None
        if said is not None:
            answers[question.key] = said
    if first_text and _says_enough(flow, first_text, today):
        answers["details"] = " ".join(first_text.split())[:1000]
    _, named = na.names_said(flow, answers, first_text or "", today)
    introduced = na.introduced(flow, answers | named, first_text or "", today)
    return answers | named | introduced | _form_answers(flow, first_text or "", today)


# A form typed in one message, a line per answer ("ชื่อ วีระ แก้วกาญจนา", "ร้าน: วีระอัญมณี", "ต้องการ: …"); the
# business first, so that "ชื่อร้าน …" names no person. The phone and province lines are read as entities are.
FORM_LINES = {
    "business_name": re.compile(r"(?:ชื่อ)?(?:ร้าน|กิจการ|บริษัท|แบรนด์|วิสาหกิจ(?:ชุมชน)?)\s*[:：]?\s*(?P<value>.+)"),
    "contact_name": re.compile(r"(?:ชื่อ(?:\s*-?\s*(?:นามสกุล|สกุล)|ผู้ติดต่อ|จริง)?|ผู้ติดต่อ)\s*[:：]?\s*(?P<value>.+)"),
    "product": re.compile(r"(?:สินค้า|ผลิตภัณฑ์)\s*[:：]?\s*(?P<value>.+)"),
    "details": re.compile(r"(?:ต้องการ|ความต้องการ|เรื่อง|รายละเอียด)\s*[:：]\s*(?P<value>.+)"),
}
FORM_MIN_LINES = 3  # fewer is a message, not a form


def _form_answers(flow: Flow, text: str, today: date) -> dict[str, Any]:
    """The answers a form typed as the first message gives, each read as its question reads it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < FORM_MIN_LINES:
        return {}
    answers: dict[str, Any] = {}
    for line in lines:
        labelled = next(((key, m) for key, pattern in FORM_LINES.items() if (m := pattern.fullmatch(line))), None)
        question = flow.field(labelled[0]) if labelled is not None else None
        if labelled is None or question is None or question.key in answers:
            continue
        try:
            answers[question.key] = stored(question.read(labelled[1]["value"], today))
        except Invalid:
            continue
    return answers


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
    _, said, topic = text.partition(TOPIC)
    return bool(said) and len("".join(w for w in _beyond_the_request(topic, today) if w not in NOT_A_TOPIC)) >= 2


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
    return find_machine(text) is not None or bool(extract_entities(text, today=today))


ANSWER = "answer="  # a chip's postback data that answers the question asked
# A typed yes to what a refusal offered ("หากหมายถึง 1 พ.ย. 2570 แตะวันที่ด้านล่าง"): "ใช่ค่ะ", "ปีหน้าค่ะ", "ตามนั้น".
OFFER_TAKEN = replies.YesOrNo(replies.YES_WORDS | {"ปีหน้า", "เอาปีหน้า", "วันนั้น", "ตามนั้น", "อันนั้น", "เอาอันนั้น",
                                                  "เอาวันนั้น", "เอาตามนั้น", "เอาอันนั้นแหละ", "อันนั้นแหละ",
                                                  "วันนั้นแหละ"}, replies.NO_WORDS)


# A weekday said on its own, not of a week ("จันทร์หน้า", "อาทิตย์นี้"); "ถัดไป" after it, the one after the days offered.
WEEKDAY_ALONE = re.compile(r"(จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์|อาทิตย์)(?!\s*(?:หน้า|นี้|ที่แล้ว|ก่อน|ละ))"
                           r"(?P<after>\s*ถัดไป)?")
# One of two days offered, by its place ("เอาอันหลังเจ้า", "อันแรกค่ะ").
OFFER_PLACE = re.compile(r"(?:อัน|ตัว)(?:ที่)?\s*(?P<place>แรก|หนึ่ง|1|หลัง|สอง|2|สุดท้าย)")


def taken_offer(offered: list[list[str]], reply: str) -> str:
    """The answer a refusal offered, as its chip sends it, when the reply takes it in words: a yes to the one offered
    ("ใช่ค่ะ", "ปีหน้าค่ะ"), the place of one of two ("เอาอันหลังค่ะ"), or the weekday or day of the month of one of them ("จันทร์ก็ได้ค่ะ", "30ก็ได้ครับ" after
    [ศุกร์ 27 พ.ย.] [จันทร์ 30 พ.ย.]); otherwise the reply ("วันนั้นไม่ว่างค่ะ", "ไม่ใช่ปีหน้าค่ะ ขอเป็น 3 ธ.ค.")."""
    if len(offered) == 1 and OFFER_TAKEN.read(reply):
        return offered[0][1].removeprefix(ANSWER)
    place = OFFER_PLACE.search(reply) if len(offered) > 1 else None
    if place is not None:
        return offered[0 if place["place"] in ("แรก", "หนึ่ง", "1") else -1][1].removeprefix(ANSWER)
    named = [data for label, data in offered if _names_the_offer(reply, label)]
    return named[0].removeprefix(ANSWER) if len(named) == 1 else _weekday_near(offered, reply) or reply


def _weekday_near(offered: list[list[str]], reply: str) -> str | None:
    """A weekday typed that no day offered falls on ("วันจันทร์ค่ะ" after [ศุกร์ 4 ธ.ค.] [อังคาร 8 ธ.ค.]): that weekday
    nearest the days offered (จันทร์ 7 ธ.ค.), for the question to check, not the next one from today, which can be
    tomorrow. None for a reply that says more ("จันทร์หน้า", "7 ธ.ค.") or offers that are no days."""
    said = normalize_for_entities(reply)
    days = [d for d in (f.stored_date(data.removeprefix(ANSWER)) for _, data in offered) if d is not None]
    found = list(WEEKDAY_ALONE.finditer(said))
    if len({match.group(1) for match in found}) != 1 or not days or re.search(r"\d", said) or names_a_month(said) \
            or NOT_THEN.search(said):
        return None
    weekday = next(i for i, name in enumerate(texts.WEEKDAYS) if found[0].group(1).startswith(name))
    if found[0]["after"]:  # "งั้นเอาจันทร์ถัดไป": the first after the days offered
        return (days[-1] + timedelta(days=(weekday - days[-1].weekday() - 1) % 7 + 1)).isoformat()
    # Else the one nearest them; a closed one is refused, with the reason, as any day is.
    middle = days[0] + (days[-1] - days[0]) / 2
    return (middle + timedelta(days=(weekday - middle.weekday() + 3) % 7 - 3)).isoformat()


def _names_the_offer(reply: str, label: str) -> bool:
    """True when a reply that writes no date of its own names the weekday or the day of the month of a day offered
    ("จันทร์ 30 พ.ย. 2569"), and refuses nothing."""
    said = normalize_for_entities(reply)
    if names_a_month(said) or NOT_THEN.search(said):
        return False
    weekday, _, rest = label.partition(" ")
    day = (rest if weekday in texts.WEEKDAYS else label).split()[0]
    return (weekday in texts.WEEKDAYS and weekday in said) or day in re.findall(r"\d+", said)


def takes_an_offer(answers: dict[str, Any], state: str, text: str) -> bool:
    """True when the reply takes a day the question's refusal offered (`taken_offer`), or the first message's
    refusal offered when its question came: the question reads it, not the classifier ("เอาอันนั้นแหละ", "อันหลัง
    ครับ" are no cancel there)."""
    offered = offered_at(answers, state)
    return bool(offered) and taken_offer(offered, text) != text


def answer(flow: Flow, state: str, answers: dict[str, Any], reply: str, today: date, in_scope: bool = True,
           about_the_request: bool = False) -> Turn:
    """Read the user's reply to the question in `state`, and move on or ask again; a question typed instead, about
    the services (`in_scope`), is kept for the officer, and at a name question more about the need
    (`about_the_request`: the classifier reads the reply as the request's own service) is added to it."""
    offered = offered_at(answers, state)
    answers = f.without_offers(answers, state)
    if len(offered) > 1 and OFFER_TAKEN.read(reply):  # "ใช่ค่ะ" to two days offered: which one
        waiting = answers | {f.OFFERED: offered}
        return Turn(state, waiting, ask(flow, state, waiting, hint=texts.PICK_AN_OFFER))
    reply = taken_offer(offered, reply)
    changed = summary.change_in_one_message(flow, state, answers, reply, today)
    if changed is not None:
        return changed
    asks_the_officer = in_scope and (_for_the_officer(reply) or summary.asks_when_called(reply))
    if state == "confirm":
        return summary.answer_confirm(flow, answers, reply, asks_the_officer)
    if state == "edit":
        return summary.answer_edit(flow, answers, reply)
    question = flow.field(state)
    if question is None:
        following = next_question(flow, answers)
        return Turn(following, answers, ask(flow, following, answers))
    if (where := na.province_for_a_name(flow, state, answers, reply)) is not None:
        return where
    if about_the_request and na.describes_the_need(state, answers, reply):
        return na.described_for_a_name(flow, state, answers, reply)
    if state == "contact_name" and na.SAME_AS_THE_BUSINESS.fullmatch(replies.plain(reply)):
        return na.named_as_the_business(flow, answers, today)
    said, named = (na.names_said(flow, answers, reply, today) if state not in na.NAMES else
                   na.business_named_for_the_contact(flow, state, answers, reply, today) if state == "contact_name"
                   else na.person_named_with_the_business(flow, state, answers, reply, today))
    try:
        if not said:  # the shop named for the contact ("ชื่อร้านคือ ดอยดีคอฟฟี่"), and no one else
            raise Invalid(texts.BUSINESS_TAKEN)
        value = question.read(said, today)
    except Invalid as invalid:  # what it said in passing still counts: a phone typed for a name
        # But a question names no name: "ทำไมต้องบอกชื่อร้านด้วยคะ" gives no shop called "ด้วย".
        named = {} if replies.asks_a_question(reply) else named
        passing = _said_in_passing(flow, state, reply, answers, today)
        answers = answers | named | passing
        # An answer refused with others offered ("เสาร์ที่ 28 ได้ไหมคะ": closed, Friday or Monday) is answered by them.
        if asks_the_officer and not invalid.choices:
            return Turn(state, noted(answers, reply), ask(flow, state, answers, hint=texts.QUESTION_NOTED))
        # A province alone, typed at another question ("เชียงใหม่ค่ะ" for the phone): noted, and said so.
        alone = "province" in passing and province_alone(reply) is not None
        hint = texts.PROVINCE_FOR_A_NAME.format(province=passing["province"]) if alone else str(invalid)
        if asks_the_officer and replies.asks_the_price(reply):  # "เสาร์นี้ได้ไหมคะ ค่าเครื่องเท่าไหร่": kept too
            answers = noted(answers, reply)
        offers = f.offers(invalid)
        answers = answers | ({f.OFFERED: offers} if offers else {})
        return Turn(state, answers, ask(flow, state, answers, hint=hint))
    # "ไม่รู้" for what is needed: the officer will advise ("กล่อง", said first, is in the chat they read).
    unsure = state == "details" and replies.says_none(reply)
    value = texts.NEED_TO_BE_ADVISED if unsure else value
    answers = na.name_after_all(answers, value) | {state: stored(value)} | named
    answers = answers | _said_in_passing(flow, state, reply, answers, today)
    following = next_question(flow, answers)
    by_line = texts.BY_LINE_NOTED if state == f.PHONE.key and value == phones.BY_LINE else None
    return Turn(following, answers, ask(flow, following, answers, hint=texts.WILL_ADVISE if unsure else by_line))


def _for_the_officer(reply: str) -> bool:
    """A question the bot cannot answer, typed instead of an answer ("ค่าเครื่องชั่วโมงละเท่าไหร่คะ"); not one about
    the question itself, which the question's own hint answers ("ทำไมต้องให้เบอร์", "ต้องเป็นชื่อจดทะเบียนไหม")."""
    return replies.asks_a_question(reply) and not replies.asks_why(reply) and not names.asks_about_the_name(reply)



# A phone number or province said in passing in a later answer ("กาแฟคั่วจากน่านค่ะ", "นุชค่ะ 081-234-5678")
# is taken, not asked again, as spelt: the brand in "ตราแดงค่ะ" is no slip for ตราด. Not a province inside a
# name: a shop named after a place ("ร้านลำปางเซรามิก") is not always there. Only a number: "ขายทางไลน์" is no
# wish to be contacted there.
IN_PASSING = {"phone": phones.read_phone_number, "province": f.read_named_province, f.PREFERRED_TIME.key: f.read_time}
NAMED_ANSWERS = (*na.NAMES, "product")  # a name or a product: never a question, a remark or a "none"
# Taking the request back for another: "เปลี่ยนใจ", "เปลี่ยนเป็น…", "ไม่เอาอันนี้", "…แทนค่ะ".
# "เอาใหม่ค่ะ จริงๆอยากไปอบรม…มากกว่า", "ไม่เอาบรรจุภัณฑ์แล้ว".
CHANGE_OF_MIND = re.compile(r"เปลี่ยนใจ|เปลี่ยนเป็น|ขอเปลี่ยนเรื่อง|ไม่เอา(?:อัน|เรื่อง)นี้|ไม่เอา\S{0,20}แล้ว|เอาใหม่"
                            r"|(?:แทน(?:ดีกว่า)?|มากกว่า)\s*(?:ค่ะ|ครับ|คะ|นะ|จ้า)*\s*$")


def wishes_instead_of_a_name(state: str, text: str) -> bool:
    """A name says no wish: "ขอชื่อผู้ติดต่อค่ะ" answered "จริง ๆ อยากทำแม่พิมพ์ก่อนครับ" is a change of mind."""
    return state in na.NAMES and na.wishes(text)


def changes_mind(text: str) -> bool:
    """A reply that takes back the request and asks for another: "เอ้ย ไม่เอาอันนี้ละ เปลี่ยนเป็นอยากไปอบรม…"."""
    return CHANGE_OF_MIND.search(text) is not None


def strays(state: str, text: str) -> bool:
    """A name or product says no wish and makes no joke: "อยากกู้เงินซื้อรถส่วนตัว" or "หวยงวดนี้ออกอะไรคะ 555" typed
    for one is about something else. (A question alone may be about the request: "ราคาเท่าไหร่คะ".)"""
    return state in NAMED_ANSWERS and (na.wishes(text) or replies.laughs(text))


def read_by_the_question(flow: Flow, state: str, text: str, answers: dict[str, Any] | None = None) -> bool:
    """What only a name or product question reads right: a "none" ("ยังไม่มี", a request status to the
    classifier), a name in Latin letters ("Nok", a cancel to it) and a question about the name asked for
    ("ต้องเป็นชื่อจดทะเบียนไหมคะ", an event to it: ลงทะเบียน); a day at a date question; and at the summary, a confirmation ("ยืนยันส่งคำขอ", a
    request status to it), nothing to change ("ไม่แก้แล้วค่ะ ส่งได้เลย", a cancel) or the answer to change
    ("เบอร์โทรค่ะ", centre information); at a question taking any text, "I told you already" ("ก็บอกไปแล้วไง"); and
    an earlier answer corrected ("เมื่อกี้พิมพ์ชื่อร้านผิดค่ะ ที่ถูกคือ …", a cancel to the classifier)."""
    named = state in na.NAMES and (replies.is_latin_name(text) or names.asks_about_the_name(text)
                                or replies.opens_with_none(text))
    settled = state in SUMMARY and (bool(summary.CONFIRMS.read(text)) or summary.keeps_every_answer(text)
                                    or summary.answer_to_fix(flow, text) is not None)
    question = flow.field(state)
    # "ก็บอกไปแล้วไง" (a request status to the classifier), perhaps with the answer again after it.
    again = question is not None and question.takes_any_text and replies.ALREADY_SAID.match(text) is not None
    # A day typed at a question asking for one ("วันเสาร์ที่ 12 ธ.ค. ได้ไหมคะ", an event to the classifier) is its
    # answer, taken or refused (a weekend) by the question.
    dated = question is not None and question.read is read_date and parse_date(text) is not None
    corrected = state not in SUMMARY and summary.earlier_correction(flow, state, answers or {}, text) is not None
    return (state in NAMED_ANSWERS and (replies.says_none(text) or named) or settled or _dialled(state, text) or again
            or dated or corrected or takes_an_offer(answers or {}, state, text))


def _dialled(state: str, text: str) -> bool:
    """A number typed at the phone question, even a wrong one, is its answer: "โทร 0776543210 ครับ" (a digit too
    many) is told what is wrong, not read as a wish for staff (โทร)."""
    return state == f.PHONE.key and DIALLED.search(normalize_for_entities(text)) is not None


def _said_in_passing(flow: Flow, answered: str, reply: str, answers: dict[str, Any], today: date) -> dict[str, Any]:
    taken: dict[str, Any] = {}
    for question in flow.fields:
        if question.key not in IN_PASSING or question.key in answers:
            continue
        if question.key == "province" and answered in na.NAMES and not names.says_where(reply):
            continue
        if question.key == f.PREFERRED_TIME.key and answered != f.PREFERRED_DATE.key:  # "โทรช่วงบ่ายนะคะ": a call's
            continue
        try:
            taken[question.key] = IN_PASSING[question.key](reply, today)
        except Invalid:
            continue
    return taken


def reuse_profile(flow: Flow, answers: dict[str, Any], profile: dict[str, Any], accept: bool) -> Turn:
    """Fill the profile answers from the last request, or ask them again."""
    if accept:
        answers = {k: v for k, v in profile.items() if flow.field(k)} | answers
    following = next_question(flow, answers)
    return Turn(following, answers, ask(flow, following, answers))
