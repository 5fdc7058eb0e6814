"""What a name question reads besides a name: a province typed for it (taken, and the name asked again), a
description of the need (added to it), "the same as the shop", and names said in passing in any answer ("ร้านชื่อ…",
"ผมชื่อ…"). Steps of `flows.answer`, pure like it."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.dialogue import names, replies, texts
from bot.dialogue.refusals import Invalid
from bot.dialogue.turns import Turn, ask, next_question
from intents.provinces import province_alone

if TYPE_CHECKING:
    from bot.dialogue.flows import Flow

NAMES = ("business_name", "contact_name")
PROVINCE_FOR_A_NAME = "province_for_a_name"  # the word typed for a name and taken as the province, until a name comes
DESCRIBED = "described_for_a_name"  # a description typed for a name, added to the need, until a name comes
DESCRIPTION_JOINT = " / "
# "The same as the shop", typed for the contact's name ("ชื่อเดียวกับร้านค่ะ", "เหมือนชื่อร้าน", "ใช้ชื่อร้านเลย").
SAME_AS_THE_BUSINESS = re.compile(r"(?:ชื่อ)?(?:เดียวกับ|เหมือน|ตาม|ใช้)(?:ชื่อ)?(?:ร้าน|กิจการ|แบรนด์)(?:เลย|ได้เลย|ก็ได้)?")
BUSINESS_BEFORE_A_NAME = re.compile(r"^(?:ร้าน|กิจการ|แบรนด์)\s*")
# Words of wanting: in the answer to a name question they ask for something instead ("อยากหาคนซื้อมากกว่า").
WISH_WORDS = ("อยาก", "ต้องการ", "สนใจ")


def wishes(text: str) -> bool:
    """True for a reply that wants something ("อยากหาคนซื้อมากกว่า"), which no name does."""
    return any(word in text for word in WISH_WORDS)


def province_for_a_name(flow: Flow, state: str, answers: dict[str, Any], reply: str) -> Turn | None:
    """A province typed alone for a name ("เชียงราย" at "ขอชื่อผู้ติดต่อค่ะ") while the flow still asks where: taken
    as the province, said back, and the name asked again; another province typed then corrects it. The same one
    typed again is a name after all (`name_after_all`)."""
    province = province_alone(reply) if state in NAMES and flow.field("province") else None
    guessed = answers.get(PROVINCE_FOR_A_NAME)
    if province is None or ("province" in answers and (guessed is None or province.name == answers["province"])):
        return None
    answers = answers | {"province": province.name, PROVINCE_FOR_A_NAME: replies.plain(reply)}
    return Turn(state, answers, ask(flow, state, answers, hint=texts.PROVINCE_FOR_A_NAME.format(province=province.name)))


def name_after_all(answers: dict[str, Any], name: Any) -> dict[str, Any]:
    """The answers once a name is given, without the province taken from a word typed for it when the name holds
    that word ("อุทัย", then "ชื่ออุทัยครับ"): สุรินทร์, ชุมพร and พิจิตร are people's names too. The province is
    then asked in its turn. A description typed again is the name after all, and no longer part of the need."""
    guessed, described = answers.get(PROVINCE_FOR_A_NAME), answers.get(DESCRIBED)
    named_so = guessed is not None and guessed in "".join(str(name).split()).lower()
    dropped = {PROVINCE_FOR_A_NAME, DESCRIBED, "province"} if named_so else {PROVINCE_FOR_A_NAME, DESCRIBED}
    kept = {key: value for key, value in answers.items() if key not in dropped}
    if described is not None and described == name and "details" in kept:
        kept["details"] = kept["details"].removesuffix(f"{DESCRIPTION_JOINT}{described}")
    return kept


def describes_the_need(state: str, answers: dict[str, Any], reply: str) -> bool:
    """At a name question, a reply that says more than a name: a wish, or words apart ("ถุงซิปล็อคตั้งได้
    มีหน้าต่างใสๆ"); not a name introduced ("ร้านชื่อ...") nor a reply typed a second time, which is the name after
    all ("กล่องดี แพค" may be a shop)."""
    said = " ".join(reply.split())
    words = [word for word in said.split() if word not in replies.NAME_PARTICLES]
    named = said.startswith(names.BUSINESS_STARTS) or "ชื่อ" in said
    return state in NAMES and said != answers.get(DESCRIBED) and not named and (len(words) > 1 or wishes(said))


def described_for_a_name(flow: Flow, state: str, answers: dict[str, Any], reply: str) -> Turn:
    """The description added to the need, said so, and the name asked again."""
    said = " ".join(reply.split())
    details = answers.get("details")
    need = said if not details else details if said in details else f"{details}{DESCRIPTION_JOINT}{said}"
    answers = answers | {"details": need[:1000], DESCRIBED: said}
    return Turn(state, answers, ask(flow, state, answers, hint=texts.DESCRIBED_FOR_A_NAME))


def named_as_the_business(flow: Flow, answers: dict[str, Any], today: date) -> Turn:
    """"ชื่อเดียวกับร้านค่ะ" for the contact: the business's name, without ร้าน before it ("ร้านแม่ประไพ" -> "แม่ประไพ");
    with no business named, the person's own name is asked for."""
    business = answers.get("business_name")
    if business is None:
        return Turn("contact_name", answers, ask(flow, "contact_name", answers, hint=texts.OWN_NAME_PLEASE))
    answers = answers | {"contact_name": BUSINESS_BEFORE_A_NAME.sub("", business) or business}
    following = next_question(flow, answers)
    return Turn(following, answers, ask(flow, following, answers))


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
# How a first message introduces its sender, where no one asked: a business by its registered form ("บริษัท สยามฟู้ดส์
# จำกัด", "หจก.ไม้งาม", "วิสาหกิจชุมชนจักสานผักตบชวาค่ะ"); a person by ชื่อ and a particle ("ชื่อแอนนะคะ") or by เอง
# ("ป้าแดงเองจ้า", "ผมเองครับ สมชาย" is the name question's). Not a shop's kind ("ร้านกาแฟค่ะ", "ร้านขายส่งมะม่วงที่
# ตลาดไทค่ะ"), nor a clause after a pronoun ("ผมเกษียณจากราชการครับ", "พี่แอดอยู่ไหมคะ"): Thai runs a sentence
# together, and a wrong name kept is worse than one asked (`names.says_no_name` guards what is left).
_PARTICLE = r"\s*(?:นะ)?(?:ค่ะ|คะ|ครับ|คับ|จ้า|จ้ะ|เจ้า|เด้อ|เน้อ)"
INTRODUCED = {
    "business_name": (re.compile(r"(?P<name>บริษัท\s*(?:\S+\s+){0,3}?\S*จำกัด(?:\s*\(มหาชน\))?)"),
                      re.compile(r"(?P<name>(?:หจก\.?|ห้างหุ้นส่วนจำกัด)\s?[^\sฯ]\S*)"),
                      re.compile(r"(?<!\S)(?P<name>(?:กลุ่ม)?วิสาหกิจชุมชน\S+?)(?=" + _PARTICLE + r"(?:\s|$))")),
    "contact_name": (re.compile(r"(?<!\S)(?P<name>ชื่อ(?!\s*(?:ร้าน|กิจการ|บริษัท|แบรนด์|กลุ่ม|สินค้า|ผลิตภัณฑ์))"
                                r"(?:เล่น|จริง)?\s*[ก-๙A-Za-z]{2,15}?)" + _PARTICLE + r"(?:\s|$)"),
                     re.compile(r"(?<!\S)(?P<name>(?:ป้า|ลุง|ยาย|น้า|พี่|น้อง|เจ๊|เฮีย)[ก-๙]{1,10}?)\s*เอง" + _PARTICLE)),
}
# Just before a business named for someone else: whom one sells to, works with or for.
FOR_SOMEONE = re.compile(r"ให้|กับ|ขาย|ส่ง|ลูกค้า|(?<!เจ้า)ของ|ทำงาน|เข้า|ติดต่อ|หา")
# Before the name a first message introduces: what `names.says_no_name` looks past ("ชื่ออะไรคะ", "พี่ขอเองครับ").
TITLE = re.compile(r"^(?:ชื่อ(?:เล่น|จริง)?|ป้า|ลุง|ยาย|น้า|พี่|น้อง|เจ๊|เฮีย)\s*")


def names_said(flow: Flow, answers: dict[str, Any], text: str, today: date) -> tuple[str, dict[str, Any]]:
    """The text without the names said in it, and those names as answers, where the flow still needs them."""
    named: dict[str, Any] = {}
    cut = len(text)
    for key, pattern in NAMED_IN_PASSING.items():
        question, match = flow.field(key), pattern.search(text)
        if question is None or match is None or key in answers:
            continue
        try:
            name = question.read(match["name"], today)
        except Invalid:
            continue
        if len(name) <= LONGEST_NAME_IN_PASSING:
            named[key], cut = name, min(cut, match.start())
    return text[:cut].strip() or text, named


def introduced(flow: Flow, answers: dict[str, Any], text: str, today: date) -> dict[str, Any]:
    """The business and the person a first message introduces (`INTRODUCED`), where the flow still needs them."""
    found: dict[str, Any] = {}
    for key, patterns in INTRODUCED.items():
        question = flow.field(key)
        if question is None or key in answers:
            continue
        matches = (match for pattern in patterns for match in pattern.finditer(text))
        for match in matches:
            said = match["name"]
            if FOR_SOMEONE.search(text[max(0, match.start() - 14):match.start()]):
                continue  # "อยากขายให้บริษัท ซีพี ออลล์ จำกัด": a buyer, not the sender
            if key == "contact_name" and names.says_no_name(TITLE.sub("", said)):
                continue
            try:
                name = question.read(said, today)
            except Invalid:
                continue
            if len(name) <= LONGEST_NAME_IN_PASSING:
                found[key] = name
                break
    return found


def business_named_for_the_contact(flow: Flow, state: str, answers: dict[str, Any], reply: str,
                                   today: date) -> tuple[str, dict[str, Any]]:
    """At the contact question, the shop named first instead ("ชื่อร้านคือ ดอยดีคอฟฟี่"): the rest of the reply,
    for the contact, and the shop taken for the business (said again, it may correct the answer given before); or
    the business typed after the person ("วิชัย ศรีทอง บ.วิชัยออโต้พาร์ท"), taken when none is known yet."""
    business, match = flow.field("business_name"), NAMED_IN_PASSING["business_name"].match(reply)
    if state != "contact_name":
        return reply, {}
    if business is None or match is None:
        return reply, _business_after_the_person(answers, reply, today)
    try:
        name = business.read(match["name"], today)
    except Invalid:
        return reply, {}
    return (reply[: match.start()] + reply[match.end() :]).strip(), {"business_name": name}


# A person, before a business typed at its question: introduced ("ผมสมชายครับ"), or a first name and surname; not a
# word with a title's letters ("นางฟ้าเบเกอรี่ ร้านขนม" is one shop).
PERSON = re.compile(r"(?:กระผม|ผม|ดิฉัน|ชื่อ)|[^\s\d]+\s+[^\s\d]+(?:\s+[\d๐-๙+(].*)?$")


def person_named_with_the_business(flow: Flow, state: str, answers: dict[str, Any], reply: str,
                                   today: date) -> tuple[str, dict[str, Any]]:
    """At the business question, a person typed before it ("วิชัย ศรีทอง บ.วิชัยออโต้พาร์ท"): the business, for
    the answer, and the person taken as the contact when the flow still asks one, so it is not asked; a word before
    a shop that may be its kind ("ข้าวแกง ร้านเจ๊หน่อย") leaves the reply whole."""
    split = names.business_after_the_name(reply) if state == "business_name" else None
    contact = flow.field("contact_name")
    if split is None or contact is None or answers.get("contact_name") or not PERSON.match(split[0]):
        return reply, {}
    try:
        return split[1], {"contact_name": contact.read(split[0], today)}
    except Invalid:
        return reply, {}


def _business_after_the_person(answers: dict[str, Any], reply: str, today: date) -> dict[str, Any]:
    """The business typed after the contact's name (`names.business_after_the_name`), as the business name when
    none is known yet, in any flow: the request and the profile keep it, and the flow asks it no more."""
    split = names.business_after_the_name(reply)
    if split is None or answers.get("business_name"):
        return {}
    try:
        return {"business_name": names.read_business_name(split[1], today)}
    except Invalid:
        return {}
