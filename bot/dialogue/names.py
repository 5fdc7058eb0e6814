"""How a person's or a business's name is read from what was typed: without the apology, introduction, polite
particle or phone number around it; never a greeting, a place, a question to the bot or a "none"."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.dialogue import texts
from bot.dialogue.refusals import Invalid
from bot.dialogue.replies import (
    ALREADY_SAID,
    ALREADY_SAID_AFTER,
    BARE_REPLIES,
    NAME_PARTICLES,
    POLITE_ENDINGS,
    asks_a_question,
    asks_why,
    opens_with_none,
    plain,
    says_none,
)
from intents import entities
from intents.normalize import normalize_for_entities
from intents.provinces import find_province
from intents.tokenize import words_at

# "ผมชื่อวิชัย", "ชื่อฝนค่ะ", and "ผมวิทยาครับ": the pronouns no name starts with may come without ชื่อ (หนู or
# พี่ may be the name: หนูนา, พี่หมี).
SELF_INTRODUCTION = re.compile(r"^(?:(?:กระผม|ผม|ดิฉัน|ดิชั้น)\s*(?:เอง)?\s*(?:ชื่อ)?|(?:หนู|ฉัน|พี่|เรา|น้อง)?\s*ชื่อ)\s*")
# The words a name is said after: "ชื่อแก้ว", "ชื่อว่าแก้ว", a nickname, "ชื่อเล่นต้อม", "ชื่อจริง…"; then perhaps a
# word that links them ("ชื่อเล่นว่าต้อม", "ชื่อคือสมชาย").
NAME_WORDS = frozenset({"ชื่อ", "ชื่อว่า", "ชื่อเล่น", "ชื่อจริง"})
NAME_LINKS = frozenset({"ว่า", "คือ"})
NOT_A_NAME_STARTS = ("ไม่ใช่", "ไม่เอา", "บ่แม่น", "บ่เอา")
# Before the name taken, signs that another person was named first: "ส่วนหนูชื่อฝน", "(ป้อ)", a second ชื่อ.
ANOTHER_PERSON = re.compile(r"ส่วน(?!ใหญ่|ตัว)|[()]|ชื่อ(?!จริง|เล่น).*ชื่อ")
# The particles of a sentence naming two people, wherever they stand ("พ่อชื่อสมชายค่ะ ส่วนหนูชื่อนกค่ะ").
PARTICLES_BETWEEN = re.compile(r"\s*(?:นะคะ|นะครับ|ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|เจ้า|เด้อ|นะ)(?=[\s,]|$)")
# Who the contact is to the sender, typed before their name ("พ่อครับ สมศักดิ์ ใจดี").
KIN = frozenset({"พ่อ", "แม่", "คุณพ่อ", "คุณแม่", "ลูก", "ลูกสาว", "ลูกชาย", "สามี", "ภรรยา", "แฟน", "หลาน", "หลานสาว",
                 "หลานชาย", "พี่สาว", "พี่ชาย", "น้องสาว", "น้องชาย", "ป้อ", "อุ๊ย"})
AS_YOU_LIKE = re.compile(r"\s*(?:ก็ได้|ก็ได้เลย)$")  # "ติดต่อลูกสาวชื่อฝนก็ได้ค่ะ": the name ends before it
# What a question about the name asked for mentions ("ต้องเป็นชื่อจดทะเบียนไหมคะ", "ภาษาอังกฤษได้ไหม").
NAME_FORM_WORDS = ("ชื่อ", "จดทะเบียน", "นิติบุคคล", "แบรนด์", "ภาษาอังกฤษ", "ภาษาไทย")
# Said before an answer, never part of a name: an apology, a hesitation, a particle ("ขอโทษค่ะ ชื่อแก้วค่ะ",
# "อ๋อ สมชายครับ"). Whole words, as the tokeniser cuts them, so อ้อย stays a name.
FILLERS = frozenset({"ขอโทษ", "ขออภัย", "อ๋อ", "อ้อ", "อ่อ", "เอ่อ", "เออ", "อืม", "อืมม", "อ่า"}) | NAME_PARTICLES
# Leave to use one's own name, said before it: "ใช้ชื่อเราก็ได้ค่ะ นิดา", "ใช้ชื่อผมเลยครับ เอก".
# The pronoun ends there ("ใช้ชื่อหนูนาค่ะ" names หนูนา, as "พี่หมี" names พี่หมี).
_ENDINGS = "|".join(POLITE_ENDINGS)
OWN_NAME_FIRST = re.compile(r"^ใช้ชื่อ(?:ของ)?(?:เรา|ผม|หนู|ฉัน|ดิฉัน|ตัวเอง|พี่)(?:เอง)?"
                            rf"(?=\s*(?:ก็ได้|ได้|เลย|{_ENDINGS})|[\s,.:]|$)\s*(?:ก็ได้|ได้เลย|เลย|ได้)?"
                            rf"(?:\s*(?:{_ENDINGS}))*[\s,.:]*")
BUSINESS_INTRODUCTION = re.compile(r"^(?:(?:ร้าน|กิจการ|บริษัท|แบรนด์|วิสาหกิจชุมชน|วิสาหกิจ|กลุ่ม)\s*ชื่อ"
                                   r"|ชื่อ\s*(?:ร้าน|กิจการ|บริษัท|แบรนด์|กลุ่ม))\s*(?:คือ|ว่า)?\s*"
                                   r"|^(?:เป็น|คือ)\s*(?=ร้าน|กิจการ|บริษัท|แบรนด์|วิสาหกิจ|กลุ่ม|หจก)")
# Words a name never starts with, where a name may stand: a verdict ("ชื่อถูกต้องค่ะ"), a wish or a request ("ชื่อไม่ถูกค่ะ
# ขอแก้หน่อย"), a remark on calling ("0812345678 โทรได้ทั้งวัน"), another field ("ชื่อสินค้าผิด"). Whole words, as the
# tokeniser cuts them: มาลี, มาโนช, ก็อต and แอด stay names. A relative alone ("เปลี่ยนชื่อเป็นภรรยาผม") names no one.
NOT_NAME_WORDS = frozenset({
    "ถูก", "ถูกต้อง", "โอเค", "ok", "ผิด", "ไม่", "ขอ", "ช่วย", "รบกวน", "แก้", "แก้ไข", "สะกด", "โทร", "ติดต่อ", "ได้", "ว่าง",
    "สะดวก", "ช่วง", "ตอน", "เวลา", "ทั้งวัน", "เดี๋ยว", "ให้", "สินค้า", "ผลิตภัณฑ์", "อยาก", "อยากได้", "ต้องการ", "สนใจ",
    "ขาย", "จะ", "ด้วย", "สอบถาม", "ถาม", "ใช้", "อะไร", "ไหน", "สวัสดี", "หวัดดี", "เจ้าหน้าที่", "ทำ", "เป็น", "เกษียณ",
    "ครบ", "ครบแล้ว", "นี้", "นี่", "นี้แหละ", "ใช้ได้", "ตาม", "ตามนี้", "เรียบร้อย", "เพจ", "ของ", "เบอร์", "หลัง", "ก่อน", "พิมพ์",
    *KIN})
# "เรียกพี่นกก็ได้ค่ะ": the name after it.
CALL_ME = re.compile(r"^(?:เรียกว่า|เรียก)\s*(?=\S)")
# "ป้าแดงเองจ้า" (it's me): the name ends before it.
ITS_ME = "เอง"
# How a business's name may start, and a person's never does ("ร้านป้าแดง", "ร้านคือ ดอยดี").
BUSINESS_STARTS = ("ร้าน", "กิจการ", "บริษัท", "แบรนด์", "วิสาหกิจ", "กลุ่ม", "หจก")
# A greeting typed alone is no name ("สวัสดีค่ะ" at "ขอชื่อผู้ลงทะเบียนค่ะ").
GREETINGS = frozenset({"สวัสดี", "หวัดดี", "ดีจ้า", "ดีค่า", "hello", "hi", "หวัดดีจ้า", "สวัสดีจ้า"})
# Where the business is, typed for a name ("อยู่แปดริ้วค่ะ", "ร้านอยู่ที่ลำปาง"): a place, not a name.
SAYS_WHERE = re.compile(r"\s*(?:ร้าน|กิจการ|โรงงาน|เรา|ผม|หนู|ดิฉัน)?\s*(?:อยู่|มาจาก|จาก)")
# Where someone lives, typed for a person's name ("บ้านอยู่ในเมืองนี่แหละ ใกล้ตลาดเทศบาล"); not a surname such as
# อยู่สุข, which อยู่ alone would catch.
SAYS_AN_ADDRESS = re.compile(r"อยู่\s*(?:ใน|ที่|แถว|ใกล้)|ใกล้\s*(?:ตลาด|วัด|โรงเรียน|ห้าง)|แถว\s*(?:ตลาด|วัด)|ซอย|ถนน|ตำบล"
                             r"|หมู่\s*\d")
# What leads up to a phone number typed after a name: "สมชาย เบอร์ 089...", "นิดค่ะ โทร: ๐๘๑...".
# What stands between a phone number and the name typed after it: "081-234-5678 ชื่อแอน", "๐๘๑… / แอน".
NAME_AFTER_PHONE = re.compile(r"^[\s,:;/\-]*(?:ชื่อ(?:ว่า)?)?\s*")
EXTENSION = re.compile(r"(?:ต่อ|ext)\.?\s*\d", re.IGNORECASE)  # "02 123 4567 ต่อ 12": no name
# A business typed after the person's name, where a word of its own starts ("วิชัย ศรีทอง บ.วิชัยออโต้พาร์ท", "แดงค่ะ
# จากวิสาหกิจชุมชนบ้านนา", "Somchai, ABC Co., Ltd."), up to a phone number after it. A business typed first ("ร้านป้าแดง")
# is no person's name and is refused as one; "เจ้าของร้าน" is no business of its own.
_BUSINESS_FORMS = r"(?:บริษัท|บจก\.?|บ\.|หจก\.?|ห้างหุ้นส่วน(?:จำกัด|สามัญ)?|ร้าน|วิสาหกิจ(?:ชุมชน)?|กลุ่ม|โรงงาน|สหกรณ์|แบรนด์)"
BUSINESS_WORD = re.compile(rf"^{_BUSINESS_FORMS}\s*")
BUSINESS_AFTER_A_NAME = re.compile(
    rf"(?:(?<=\s)|(?<=[,/]))(?:(?:จาก|ทาง)\s*)?(?P<business>{_BUSINESS_FORMS}\s*[^\s\d๐-๙][^\d๐-๙]*?"
    r"|(?!co\b)[A-Za-z][\w&.'\- ]*?[\s,]\s*(?:co\.?\s*,?\s*ltd\.?|company\s+limited|ltd\.?|limited|inc\.?))"
    r"(?=[\s,:;/]*(?:เบอร์\S*|โทร\S*|tel\.?)?[\s,:;/]*(?:\+?[\d๐-๙]|$))", re.IGNORECASE)
PHONE_LEAD = re.compile(r"[\s,:;/]*(?:เบอร์โทรศัพท์|เบอร์โทร|เบอร์|โทรศัพท์|โทร|tel\.?)?[\s,:;/]*$", re.IGNORECASE)


def read_name(text: str, _today: date) -> str:
    """Take a person's or business name; not a greeting typed instead (a bare yes is refused before, by
    `_after_fillers`, and a question or a "none" by `refuse_what_answers_nothing`)."""
    cleaned = " ".join(text.split())
    if not any(ch.isalpha() for ch in cleaned) or len(cleaned) < 2:  # "🙏", "-", "ก"
        raise Invalid("รบกวนพิมพ์ชื่อเป็นตัวอักษรนะคะ")
    if len(cleaned) > 200:
        raise Invalid("ขอชื่อสั้น ๆ ไม่เกิน 200 ตัวอักษรนะคะ")
    if plain(cleaned) in GREETINGS:
        raise Invalid("สวัสดีค่ะ 😊 ขอทราบชื่อด้วยนะคะ")
    if plain(cleaned).startswith(NOT_A_NAME_STARTS):  # "ไม่ใช่ค่ะ ไม่เอาบรรจุภัณฑ์แล้ว": a no, not a name
        raise Invalid(texts.NO_FOR_A_NAME)
    if says_where(cleaned):
        raise Invalid(texts.PLACE_NOT_A_NAME)
    return cleaned


def says_where(text: str) -> bool:
    """True for a message that says where the business is ("อยู่แปดริ้วค่ะ"), in a province."""
    return SAYS_WHERE.match(text) is not None and find_province(text) is not None


def read_business_name(text: str, today: date) -> str:
    """Take a business name, without "ขอโทษค่ะ" or "ร้านชื่อ" before it, or the polite particle or phone number
    after it."""
    refuse_what_answers_nothing(text, texts.ASK_AFTER.format(asked="เป็นชื่อ"), texts.NO_BUSINESS_NAME,
                                texts.WHY_CONTACT_DETAILS, texts.BUSINESS_NAME_FORM)
    said = _after_fillers(_before_phone(text))
    return read_name(_before_particles(BUSINESS_INTRODUCTION.sub("", said)), today)


def read_contact_name(text: str, today: date) -> str:
    """Take a contact's name: what follows "ชื่อ" when the text says it, else the text without "ขอโทษค่ะ" or "ผม"
    before it; never the polite particle, phone number or business after it, nor a shop ("ชื่อร้านคือ ดอยดี")."""
    refuse_what_answers_nothing(text, texts.ASK_AFTER.format(asked="เป็นชื่อ"), texts.CONTACT_IS_A_PERSON,
                                texts.WHY_CONTACT_DETAILS, texts.CONTACT_NAME_FORM)
    said = OWN_NAME_FIRST.sub("", _after_fillers(_before_phone(text)))
    said = split[0] if (split := business_after_the_name(said)) else said  # the business is the request's
    if not said:
        raise Invalid(texts.OWN_NAME_PLEASE)
    after = _after_the_word_name(said)
    # Another person named first ("นายแก้ว ใจดี (ป้อ) ส่วนหนูชื่อฝน"): whom to call is both, as typed.
    if after and ANOTHER_PERSON.search(said[:-len(after)]):
        return read_name(" ".join(PARTICLES_BETWEEN.sub("", said).split()), today)
    name = AS_YOU_LIKE.sub("", _before_particles(after or CALL_ME.sub("", SELF_INTRODUCTION.sub("", said))))
    if name in KIN and (named := _name_after_kin(said, name)):  # "พ่อครับ สมศักดิ์ ใจดี": both, for the officer
        name = f"{named} ({name})"
    if name.startswith(BUSINESS_STARTS):
        raise Invalid(texts.CONTACT_IS_A_PERSON)
    if SAYS_AN_ADDRESS.search(said):
        raise Invalid(texts.ADDRESS_NOT_A_NAME)
    return read_name(name, today)


def business_after_the_name(text: str) -> tuple[str, str] | None:
    """A business typed after the person's name (`BUSINESS_AFTER_A_NAME`): the text without it, and the business as
    typed; None when there is none, or what follows the business word names none ("ร้านอยู่ลำปาง", "ร้านค่ะ")."""
    match = BUSINESS_AFTER_A_NAME.search(text)
    if match is None or not match.start() or SAYS_WHERE.match(match["business"]):
        return None
    person = (text[: match.start()] + text[match.end():]).strip(" ,/")
    named = _before_particles(BUSINESS_WORD.sub("", match["business"]))
    return (person, match["business"]) if len(named) >= 2 and person else None


def _name_after_kin(said: str, kin: str) -> str:
    """The name typed after a relative's title and its particle ("พ่อครับ สมศักดิ์ ใจดี" -> "สมศักดิ์ ใจดี"), or "" (for
    a remark: "ลูกสาวค่ะ เดี๋ยวให้ลูกคุยแทน")."""
    rest = PARTICLES_BETWEEN.sub(" ", said[said.find(kin) + len(kin):]).strip()
    return _before_particles(rest) if any(ch.isalpha() for ch in rest) and not says_no_name(rest) else ""


def says_no_name(text: str) -> bool:
    """True when what stands where a name would starts with a word no name starts with (`NOT_NAME_WORDS`)."""
    first = next((word for word, _start, _end in words_at(text) if word.strip()), "")
    return first.lower() in NOT_NAME_WORDS


def refuse_what_answers_nothing(text: str, asked: str, none: str, why: str | None = None,
                                form: str | None = None) -> None:
    """Refuse a question to the bot (`asked` says to ask it afterwards; one asking why this is needed is told
    `why`, and one about the name asked for `form`, when given: the name questions) and a "none" (`none` says how
    to answer instead); at a name question also a none with more after it ("ยังไม่มีชื่อร้านค่ะ ขายเองที่บ้าน")."""
    if why is not None and asks_why(text):
        raise Invalid(why)
    if form is not None and asks_about_the_name(text):
        raise Invalid(form)
    if asks_a_question(text):
        raise Invalid(asked)
    if (opens_with_none if form is not None else says_none)(text):
        raise Invalid(none)


def asks_about_the_name(text: str) -> bool:
    """True for a question about the name asked for: "ต้องเป็นชื่อจดทะเบียนไหมคะ", "ใช้ชื่อเล่นได้ไหม"."""
    return asks_a_question(text) and any(word in text for word in NAME_FORM_WORDS)


def _after_fillers(text: str) -> str:
    """`text` from its first word that is not a filler: "ขอโทษค่ะ, ชื่อแก้วค่ะ" -> "ชื่อแก้วค่ะ", "บอกไปแล้วค่ะ นุชเบเกอรี่" ->
    "นุชเบเกอรี่" (and "นุชเบเกอรี่ บอกไปแล้ว" -> "นุชเบเกอรี่"); never a bare yes, no or okay ("ใช่ค่ะ"), which is no
    name."""
    if BARE_REPLIES.read(text) is not None:  # before the fillers: "ค่ะ" alone is no apology to forgive
        raise Invalid("รับทราบค่ะ 😊 ขอทราบชื่อด้วยนะคะ")
    said_before = ALREADY_SAID.match(text)  # "บอกไปแล้วค่ะ นุชเบเกอรี่": the name is typed again after it
    text = ALREADY_SAID_AFTER.sub("", text[said_before.end():] if said_before else text)
    for word, start, _end in words_at(text):
        if word not in FILLERS and not all(unicodedata.category(ch).startswith("P") for ch in word):
            return text[start:]
    raise Invalid(texts.SAY_AGAIN.format(asked="ชื่อ") if said_before else "ไม่เป็นไรค่ะ 😊 ขอทราบชื่อด้วยนะคะ")


def _after_the_word_name(text: str) -> str:
    """What follows the last name word said as a word of its own, and its link ("ขอโทษที่ตอบช้านะคะ ชื่อแก้วค่ะ"
    -> "แก้วค่ะ", "ชื่อเล่นว่าต้อมครับ" -> "ต้อมครับ"), or ""."""
    words = list(words_at(text))
    named = [index for index, (word, _start, _end) in enumerate(words) if word in NAME_WORDS]
    if not named:
        return ""
    last = named[-1]
    if last + 1 < len(words) and words[last + 1][0] in NAME_LINKS:
        last += 1
    return text[words[last][2]:].strip()


def _before_phone(text: str) -> str:
    """A name typed with the phone number after it ("สมชาย 089-111-2222"), or before it ("081-234-5678 แอนค่ะ"): the
    name; the number is taken in passing as the phone. A number with no name beside it is not a name."""
    text = normalize_for_entities(text).strip()
    span = entities.phone_span(text)
    if span is None:
        return text
    name, after = PHONE_LEAD.sub("", text[:span[0]]), NAME_AFTER_PHONE.sub("", text[span[1]:])
    if not name and _before_particles(after) and not EXTENSION.match(after) and not says_no_name(after):
        return after
    if not name:
        raise Invalid("ได้เบอร์โทรแล้วค่ะ ขอชื่อด้วยนะคะ")
    return name


def _before_particles(text: str) -> str:
    """The words of `text` up to its first polite particle (or "เอง", after the name), as typed: "จันทร์เพ็ญค่ะ
    เบอร์ให้ไปแล้ว" -> "จันทร์เพ็ญ", "ป้าแดงเองจ้า" -> "ป้าแดง". Whole words only, as the tokeniser cuts them, so
    บังคับ or มูลค่า keep their ending."""
    spans: list[tuple[int, int]] = []
    for word, start, end in words_at(text):
        if word.lower() not in NAME_PARTICLES and not (spans and word == ITS_ME):
            spans.append((start, end))
        elif spans:
            break
    return text[spans[0][0] : spans[-1][1]] if spans else ""
