"""The questions a flow can ask, each with the small step that reads its answer. The readers of a name are in
names.py, of a phone number in phones.py, of a day in when.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.dialogue import texts
from bot.dialogue.mentions import find_buyers, find_market, find_product
from bot.dialogue.names import (
    PHONE_LEAD,
    read_business_name,
    read_contact_name,
    read_name,
    refuse_what_answers_nothing,
    says_where,
)
from bot.dialogue.phones import BY_LINE, read_phone
from bot.dialogue.refusals import Invalid, unread
from bot.dialogue.replies import BARE_REPLIES, NAME_PARTICLES, opens_with_none, plain, without_already_said
from bot.dialogue.when import read_date
from bot.line.outbound import Action, Choose, PickDate, Say, ShareLocation
from intents import dates, entities
from intents.normalize import normalize_for_entities
from intents.provinces import closest_province, district_alone, find_province, says_mueang_alone
from intents.tokenize import tokenize

if TYPE_CHECKING:
    from storage.models import ServiceRequest

# Marks that close what came before them ("(freeze dryer)"): kept where particles and emoji are trimmed.
CLOSING_MARKS = frozenset(")]}\"'”’»")
# In a request's answers, beside the fields': the questions typed along the way, for the officer who calls back.
QUESTIONS = "questions"
OFFERED = "offered"  # the chips a refusal offered ([label, postback data]), shown again while its question waits
# A first message's answer refused ("จองเครื่องวันเสาร์นี้ค่ะ": closed), said when its question comes: {"key", "hint",
# "offered"}.
REFUSED = "refused"


@dataclass(frozen=True)
class Field:
    """One question of a flow: what to ask, how to read the answer, how to show it in the summary."""

    key: str
    label: str
    question: str
    read: Callable[[str, date], Any]
    choices: tuple[Action, ...] = ()
    entity: str | None = None
    # Other names users give the field when they ask to change it ("แก้ชื่อร้าน", "เปลี่ยนเบอร์มือถือ").
    aliases: tuple[str, ...] = ()
    # Finds the answer said in passing in a longer message, the first one ("…ส่งออกไปญี่ปุ่น": the market).
    found_in: Callable[[str], str | None] | None = None
    # False for what is never asked, only taken when said (the time of day beside a date) and then shown and edited.
    asked: bool = True

    @property
    def takes_any_text(self) -> bool:
        return self.read in (read_free_text, read_product, read_name, read_business_name, read_contact_name)

    def show(self, value: Any) -> str:
        """The answer as the summary card and the staff console show it (a date as stored, too)."""
        # Only a date question's answer: Python reads "0811112222", a phone number, as the date 0811-11-22.
        when = (stored_date(value) or value) if self.read is read_date else value
        if isinstance(when, date):
            return texts.thai_date(when)
        if self.key == "phone" and value == BY_LINE:
            return texts.BY_LINE_SHOWN
        if self.key == "sector":
            return SECTOR_NAMES.get(value, str(value))
        if self.key == "market":
            return MARKETS.get(value, str(value))
        return str(value)


def stored_date(value: Any) -> date | None:
    """The day a date answer keeps in ISO form ("2026-12-01"); None for words ("ช่วง 1–9 ธ.ค. 2569"), or anything
    else ("0811112222" is no date, though Python reads it as 0811-11-22)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


# A time in a first message is the booking's only beside its day or a wish ("3 ธ.ค. ช่วงบ่าย", "พรุ่งนี้เช้า", "ขอใช้
# ช่วงเช้า"), not the job's ("ซีลถุงโจ๊กขายตอนเช้า").
BOOKED_TIME = re.compile(r"(?:\d|[ก-ฮ]\.|นี้|พรุ่งนี้|มะรืน|(?:ขอ|ใช้|จอง)(?:\s*เครื่อง\S*?)?|สะดวก|เป็น|ได้)\s*"
                         r"(?:ช่วง|ตอน|ภาค|เวลา)?\s*"
                         r"(?:เช้า|บ่าย|เย็น|เที่ยง|ทั้งวัน|\d{1,2}\s*(?:โมง|[:.]\d{2}))")


def booked_time(text: str) -> str | None:
    """The time of day a first message books (`BOOKED_TIME`), or None."""
    return dates.time_of_day(text) if BOOKED_TIME.search(text) else None


def read_time(text: str, _today: date) -> str:
    """A time of day: "ช่วงเช้า", "ช่วงบ่าย", "ทั้งวัน", or a clock time ("บ่ายโมง": "13:00 น.")."""
    said = dates.time_of_day(text)
    if said is None and opens_with_none(text):  # "ไม่ระบุ", "ยังไม่แน่ใจ": the time said before is taken back
        return texts.NO_TIME
    if said is None:
        raise Invalid(texts.TIME_UNREAD)
    return said


def read_free_text(text: str, _today: date) -> str:
    """Take the answer as the user wrote it (trimmed, without "ก็บอกไปแล้ว" before it or the polite particle it ends
    with, at most 1,000 characters); not a bare yes, no or okay."""
    said = " ".join(text.split())
    again = without_already_said(said)
    if again != said and not _without_opening_particles(again):
        raise Invalid(texts.SAY_AGAIN.format(asked="คำตอบ"))
    cleaned = _without_closing_particles(_without_opening_particles(again) if again != said else said)
    if len(cleaned) < 2:
        raise Invalid("ขอรายละเอียดเพิ่มอีกนิดนะคะ พิมพ์สั้น ๆ ก็ได้ค่ะ")
    if BARE_REPLIES.read(cleaned) is not None:
        raise Invalid("รับทราบค่ะ 😊 รบกวนพิมพ์คำตอบของคำถามนี้สั้น ๆ ด้วยนะคะ")
    return cleaned[:1000]


def read_product(text: str, today: date) -> str:
    """Take the product as the user wrote it (`read_free_text`); not a question to the bot, a "none" or a phone
    number alone (taken in passing as the phone)."""
    refuse_what_answers_nothing(text, texts.ASK_AFTER.format(asked="ทราบสินค้า"), texts.NO_PRODUCT)
    said = normalize_for_entities(text).strip()
    start = entities.phone_start(said)
    if start is not None and not PHONE_LEAD.sub("", said[:start]):  # "0623334444", "โทร 062…"
        raise Invalid("ได้เบอร์โทรแล้วค่ะ ขอทราบสินค้าด้วยนะคะ")
    if says_where(text):  # "อยู่น่านค่ะ": the province, taken in passing; the product is still to come
        raise Invalid(texts.PLACE_NOT_A_PRODUCT)
    return read_free_text(text, today)


def _without_opening_particles(text: str) -> str:
    """`text` from its first word that is not a particle: "คะ ดริปเปอร์เซรามิก" -> "ดริปเปอร์เซรามิก"."""
    for word in tokenize(text):
        if word.lower() not in NAME_PARTICLES and any(ch.isalnum() for ch in word):
            return text[text.index(word):]
    return ""


def _without_closing_particles(text: str) -> str:
    """`text` without the polite particles (and emoji) it ends with: "กาแฟคั่วบดค่ะ 😊" -> "กาแฟคั่วบด". Whole words
    only, as the tokeniser cuts them; a message of nothing else is kept as it is."""
    end = len(text)
    for word in reversed(tokenize(text)):
        if word.lower() not in NAME_PARTICLES and any(ch.isalnum() or ch in CLOSING_MARKS for ch in word):
            break
        end = text.rindex(word, 0, end)
    return text[:end].rstrip() or text


def filed_phone(given: str | None) -> tuple[str | None, dict[str, str]]:
    """The phone answer as a request files it: its digits, for the phone column, and the answer as given beside
    the other answers when it says more than the digits ("021234567 ต่อ 12")."""
    digits = entities.parse_phone(given) if given else None
    return digits, ({PHONE.key: given} if given and given != digits else {})


def request_phone(request: ServiceRequest) -> str:
    """How staff reach whoever filed `request`, as its summary card showed it ("021234567 ต่อ 12", "ทาง LINE ...");
    "" if unknown."""
    given = request.answers.get(PHONE.key) or request.phone
    return PHONE.show(given) if given else ""


def reached_by_line(request: ServiceRequest) -> bool:
    """True when whoever filed `request` would rather be contacted in their LINE chat than called."""
    return request.answers.get(PHONE.key) == BY_LINE


def read_province(text: str, _today: date) -> str:
    """Take one of the 77 provinces, by name or alias, or a short answer that misspells one."""
    province = find_province(text) or district_alone(text) or closest_province(text)
    if province is None and says_mueang_alone(text):
        raise Invalid("อำเภอเมืองของจังหวัดไหนคะ รบกวนพิมพ์ชื่อจังหวัดด้วยนะคะ เช่น อ.เมือง ลำปาง")
    if province is None:
        raise unread(text, "ไม่พบชื่อจังหวัดนี้ค่ะ ช่วยพิมพ์ชื่อจังหวัดอีกครั้ง เช่น เชียงราย หรือ กทม. "
                           "หรือแชร์ตำแหน่งก็ได้ค่ะ")
    return province.name


def read_named_province(text: str, _today: date) -> str:
    """Take a province the text names as it is spelt: one said in passing, in an answer to something else."""
    province = find_province(text)
    if province is None:
        raise Invalid("ไม่ได้ระบุจังหวัดค่ะ")
    return province.name


_COUNT = r"(?:\d+|(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่|เอ็ด|ร้อย)+)\s*(?:คน|ท่าน)?"
NOT_PEOPLE = re.compile(rf"(?:ไม่ใช่|บ่แม่น|บ่ใช่)\s*{_COUNT}(?:ค่ะ|ครับ|นะ|จ้า)*|{_COUNT}\s*(?:ไม่ใช่|บ่แม่น)(?:ค่ะ|ครับ|นะ|จ้า)*")


def read_people(text: str, _today: date) -> int:
    """Take a number of people between 1 and 500."""
    # "ในกลุ่มมี 15 คน แต่ไปได้สัก 8 คน": the number after the "but" is who comes.
    _, but, after = text.rpartition("แต่")
    text = after if but and entities.parse_people(after) else text
    # "ไม่ใช่ 5 คน 8 คนครับ": the number refused is not the answer.
    rest = NOT_PEOPLE.sub(" ", normalize_for_entities(text))
    text = rest if rest != text and entities.parse_people(rest) else text
    # A bare number is an answer to "how many people", so read it as one.
    people = entities.parse_people(text) or entities.parse_people(f"{text.strip()} คน")
    if people is None or not 1 <= people <= 500:
        raise Invalid("ขอจำนวนเป็นตัวเลขนะคะ เช่น 15 คน")
    return people


def without_offers(answers: dict[str, Any], asked: str | None = None) -> dict[str, Any]:
    """The answers without the chips a refusal offered (`OFFERED`), nor a first message's refusal (`REFUSED`) once
    its question was `asked` or answered: what the request keeps."""
    refused = answers.get(REFUSED, {}).get("key")
    gone = {OFFERED, *((REFUSED,) if refused is not None and (refused == asked or refused in answers) else ())}
    return {key: value for key, value in answers.items() if key not in gone}


def offers(invalid: Invalid) -> list[list[str]]:
    """The chips a refusal offers, as the answers keep them (`OFFERED`)."""
    return [[c.label, c.data] for c in invalid.choices if isinstance(c, Choose)]


def refusal(key: str, invalid: Invalid) -> dict[str, Any]:
    """A first message's answer to `key` refused, kept to say when its question comes (`REFUSED`)."""
    return {REFUSED: {"key": key, "hint": str(invalid), "offered": offers(invalid)}}


def read_sector(text: str, _today: date) -> str:
    """Take one of the six cluster sectors, or "another industry"."""
    other = plain(text) in OTHER_SECTOR_WORDS
    sector = OTHER_SECTOR if other else entities.parse_sector(text) or (text if text in SECTOR_NAMES else None)
    if sector is None:
        raise Invalid("ขอเลือกอุตสาหกรรมจากตัวเลือกด้านล่างนะคะ")
    return sector


MARKETS = {"domestic": "ในประเทศ", "japan": "ญี่ปุ่น (J-GoodTech)", "export": "ต่างประเทศอื่น ๆ",
           "both": "ทั้งในและต่างประเทศ"}
OTHER_SECTOR = "other"  # an industry outside the six: staff can still point the business to a network
SECTOR_NAMES = entities.SECTORS | {OTHER_SECTOR: "อุตสาหกรรมอื่น ๆ"}
OTHER_SECTOR_WORDS = {OTHER_SECTOR, "อื่น", "อื่นๆ", "อุตสาหกรรมอื่น", "อุตสาหกรรมอื่นๆ", "ไม่มีในนี้", "ไม่อยู่ในนี้"}
SECTOR_LABELS = {"automotive": "ยานยนต์", "cosmetics": "เครื่องสำอาง", "gems_jewelry": "อัญมณี/เครื่องประดับ",
                 "processed_food": "อาหารแปรรูป", "textiles": "สิ่งทอ/เสื้อผ้า", "palm_oil": "ปาล์มน้ำมัน",
                 OTHER_SECTOR: "อื่น ๆ"}


def read_market(text: str, _today: date) -> str:
    """Take the market: domestic, Japan or other export, or both home and abroad."""
    lowered = normalize_for_entities(text).strip().lower()
    if lowered in MARKETS:
        return lowered
    if "ญี่ปุ่น" in lowered or "japan" in lowered or "j-goodtech" in lowered:
        return "japan"
    abroad = any(w in lowered for w in ("ต่างประเทศ", "นอกประเทศ", "ต่างชาติ", "เมืองนอก", "ส่งออก", "export", "oversea"))
    home = any(w in lowered for w in ("ในประเทศ", "ในไทย", "ทั่วประเทศ", "domestic", "local"))
    # "ทั้งสองอย่าง", "ทั้งคู่", "ทั้งในและนอกประเทศ", "both": of the two the choices name, home and abroad.
    both = any(w in "".join(lowered.split()) for w in ("ทั้งสอง", "ทั้ง2", "ทั้งคู่", "ทั้งใน", "both"))
    if both or "ทั้ง" in lowered and (abroad or home) or (abroad and home):
        return "both"
    if home:
        return "domestic"
    if abroad:
        return "export"
    raise Invalid("ขอเลือกตลาดจากตัวเลือกด้านล่างนะคะ")


def _sector_choices() -> tuple[Action, ...]:
    return tuple(Choose(SECTOR_LABELS.get(code, name), f"answer={code}", name) for code, name in SECTOR_NAMES.items())


BUSINESS = Field("business_name", "ชื่อกิจการ", "ขอชื่อกิจการ/ร้าน/วิสาหกิจชุมชนของท่านค่ะ",
                 read_business_name, aliases=("ชื่อร้าน", "ร้าน", "กิจการ", "ชื่อบริษัท", "บริษัท", "ชื่อแบรนด์",
                                              "แบรนด์", "วิสาหกิจ", "ชื่อวิสาหกิจ", "ชื่อกลุ่ม"))
CONTACT = Field("contact_name", "ชื่อผู้ติดต่อ", "ขอชื่อผู้ติดต่อค่ะ", read_contact_name,
                aliases=("ชื่อ", "ผู้ติดต่อ", "ชื่อคนติดต่อ", "คนติดต่อ", "ชื่อเล่น"))
PHONE = Field("phone", "เบอร์โทร", "ขอเบอร์โทรที่ติดต่อกลับได้ค่ะ เช่น 081-234-5678", read_phone,
              entity="phone", aliases=("เบอร์โทรศัพท์", "โทรศัพท์", "เบอร์มือถือ", "มือถือ", "โทร", "phone"))
PROVINCE = Field("province", "จังหวัด", "กิจการของท่านอยู่จังหวัดไหนคะ (พิมพ์ชื่อจังหวัด หรือแชร์ตำแหน่ง)",
                 read_province, choices=(ShareLocation(),), entity="province", aliases=("จ.", "จว."))
# Someone asking for staff has told nothing of a business: the province asked is theirs.
CALLER_PROVINCE = replace(PROVINCE, question="ท่านอยู่จังหวัดไหนคะ (พิมพ์ชื่อจังหวัด หรือแชร์ตำแหน่ง)")
PRODUCT = Field("product", "สินค้า", "สินค้าของท่านคืออะไรคะ (ส่งรูปมาประกอบได้เลยค่ะ)", read_product,
                found_in=find_product)
MACHINE = Field("machine", "เครื่องจักร", "ต้องการใช้เครื่องไหนคะ", read_free_text, entity="machine", choices=(
    Say("CNC", "CNC"), Say("เลเซอร์", "เครื่องตัดเลเซอร์"), Say("3D printer", "3D printer"),
    Say("อบแห้งเยือกแข็ง", "เครื่องอบแห้งเยือกแข็ง (freeze dryer)"), Say("เครื่องซีล", "เครื่องซีล"),
    Say("ห้องแล็บ", "เครื่องมือห้องแล็บ")))
PREFERRED_DATE = Field("preferred_date", "วันที่สะดวก", "สะดวกใช้เครื่องวันไหนคะ (พิมพ์วันที่ หรือแตะเลือก)",
                       read_date, choices=(PickDate("เลือกวันที่", "answer=date"), Say("ยังไม่แน่ใจ", "ยังไม่แน่ใจ")),
                       entity="date")
PREFERRED_TIME = Field("preferred_time", "ช่วงเวลา", "สะดวกช่วงเวลาไหนคะ", read_time, found_in=booked_time,
                       asked=False, choices=(Say("ช่วงเช้า", "ช่วงเช้า"), Say("ช่วงบ่าย", "ช่วงบ่าย"),
                                             Say("ทั้งวัน", "ทั้งวัน"), Say("ไม่ระบุ", "ไม่ระบุ")))
PEOPLE = Field("people", "จำนวนคน", "สนใจเข้าร่วมกี่ท่านคะ (รวมตัวท่านเอง)", read_people, entity="people",
               choices=tuple(Say(f"{n} คน", f"{n} คน") for n in (1, 2, 3, 5, 10, 20)))
BUYER = Field("buyer", "อยากเจอใคร", "อยากเจอคู่ค้าแบบไหนคะ เช่น ห้าง ผู้ส่งออก โรงงาน OEM ผู้ซื้อญี่ปุ่น",
              read_free_text, found_in=find_buyers)
MARKET = Field("market", "ตลาด", "สนใจตลาดไหนคะ", read_market, found_in=find_market,
               choices=tuple(Choose(name, f"answer={code}", name) for code, name in MARKETS.items()))
SECTOR = Field("sector", "อุตสาหกรรม", "สนใจคลัสเตอร์อุตสาหกรรมไหนคะ", read_sector, entity="sector",
               choices=_sector_choices())
FOOD_PRODUCT = Field("product", "ผลิตภัณฑ์", "ผลิตภัณฑ์อาหาร/เกษตรของท่านคืออะไรคะ", read_product,
                     found_in=find_product)
