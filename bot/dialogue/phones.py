"""How a phone answer is read: a Thai mobile or landline number with its extension, or the wish to be contacted
in this LINE chat instead of called (`BY_LINE`)."""

from __future__ import annotations

import re
from datetime import date

from bot.dialogue.refusals import unread
from bot.dialogue.replies import says_none
from intents import entities
from intents.normalize import normalize_for_entities

EXTENSION = "ต่อ"  # between a phone number and its extension, as Thai writes it: "02 123 4567 ต่อ 12"
# Asked for a phone, the wish to be contacted in this LINE chat instead: the chat named ("ติดต่อทางไลน์นี้ได้เลย",
# "ทางแชทค่ะ") or the number declined ("ไม่สะดวกให้เบอร์", "ไม่มีเบอร์", a bare "ไม่มี").
BY_LINE_WISH = re.compile(r"ไลน์|(?<![a-z])line(?![a-z])|แชท|แชต|ทางนี้"
                          r"|ไม่(?:สะดวก|อยาก|ขอ|มี)?\s*(?:ให้|บอก|รับ|คุย)?\s*(?:เบอร์|โทร)", re.IGNORECASE)
EITHER = "หรือ"  # between the numbers of one answer that gives more than one
MOST_PHONES = 3
# Whose a number is, said just before it: "เบอร์ป้อ 054-123456", "พ่อ 054-511234 หนู 081…", "มือถือลูกสาว: 08…", a
# person with a title ("ป้าสมใจ 086…", "น้องเก๋ค่ะ 098…"), or in brackets after it ("0812345000 (มิ้นท์)"); and which
# to call first ("โทรหาหนูก่อนนะคะ"). The sender's own ("หนู", "ผม") is shown as the sender's.
_KIN = (r"คุณพ่อ|คุณแม่|พ่อ|แม่|ป้อ|ลูกสาว|ลูกชาย|ลูก|หลานสาว|หลานชาย|หลาน|สามี|ภรรยา|แฟน|พี่สาว|พี่ชาย|น้องสาว|น้องชาย"
        r"|ป้า|ลุง|ยาย|ย่า|ปู่|ก๊ะ|บ้าน|ร้าน|ออฟฟิศ|โรงงาน|ที่ทำงาน|บริษัท|สำนักงาน|มือถือ")
_SELF = r"หนู|ผม|ดิฉัน|ฉัน|เรา|ข้อย|เฮา"
# A name with its title: "ป้าสมใจ", "น้องเก๋", "เจ๊หน่อย"; a consonant or a leading vowel starts the name. Not the
# start of a word ("คุณภาพ", and no ตา or อา: ตามสะดวก, อาจจะ), nor a phrase ("พี่ได้ที่", "ป้าสมใจก่อนนะ").
_NOT_A_NAME = r"\S*(?:ได้|ที่|เบอร์|โทร|คือ|เป็น|ติดต่อ|มือถือ|ก่อน|นี้)|ภาพ|ค่า|(?:ค่ะ|ครับ|คับ|คะ|นะ|จ้า)\s*[:：]?\s*$"
_NAME = r"[ก-ฮเ-ไ][ก-ฮะ-ฺเ-ๅ็-๎]{0,14}?"  # Thai letters, no ๆ
_TITLED = rf"(?:ป้า|ลุง|น้า|พี่|น้อง|คุณ|ยาย|เฮีย|เจ๊|เจ้|แม่|พ่อ|บัง|ก๊ะ|เปาะ)(?!{_NOT_A_NAME}){_NAME}"
_BEFORE_OWNER = r"(?:(?<=^)|(?<=\s)|(?<=เบอร์)|(?<=โทรหา)|(?<=ติดต่อ)|(?<=ของ)|(?<=มือถือ)|(?<=หรือ)|(?<=[,(]))"
OWNER = re.compile(rf"{_BEFORE_OWNER}(?P<who>{_KIN}|{_SELF}|{_TITLED})\s*(?:ดีกว่า|แทน|เลย)?\s*(?:ค่ะ|ครับ|คะ|นะ)?"
                   r"\s*[:：]?\s*$")
# In brackets after the number, a name: not a note on when or how to call ("(เช้า)", "(ปิดเสาร์อาทิตย์)", "(AIS)").
_NOT_AN_OWNER = (r"[^)）]*(?:โทร|ติดต่อ|ได้|ก่อน|หลัง|เวลา|ว่าง|ช่วง|ไลน์|line|เช้า|เย็น|บ่าย|ค่ำ|วัน|ปิด|เปิด"
                 r"|รับสาย|สะดวก|ais|dtac|true)|(?:ค่ะ|ครับ|คะ|นะ|จ้า)\s*[)）]")
OWNER_AFTER = re.compile(rf"^\s*(?:ต่อ\s*\d{{1,5}}\s*)?[(（]\s*(?!{_NOT_AN_OWNER})"
                         r"(?P<who>[ก-ฮเ-ไa-z][ก-๎a-z. ]{0,19}?)\s*[^()（）\wก-๎]{0,4}[)）]", re.IGNORECASE)
# Or named after it: "โทรหาลูกสาว 0923456789 ชื่อแนน", "0822220000 ของแม่".
NAMED_AFTER = re.compile(rf"^\s*(?:ต่อ\s*\d{{1,5}}\s*)?(?:ชื่อ|ของ)\s*(?P<who>{_NAME})(?:\s|ค่ะ|ครับ|คะ|นะ|$)")
CALL_FIRST = re.compile(rf"(?:โทร(?:หา)?|ติดต่อ)\s*(?P<who>{_TITLED}|{_KIN}|{_SELF})\s*ก่อน")
SELF = re.compile(rf"^(?:{_SELF})$")
SENDER = "ผู้แจ้ง"
LONGEST = 64  # an answer the profile keeps (line_users.phone): past it, the numbers without whose they are
BY_LINE = "LINE"  # the phone answer of someone to be contacted in this LINE chat, not called


def read_phone(text: str, today: date) -> str:
    """Take a phone number (`read_phone_number`), or `BY_LINE` from someone who would rather be contacted in this
    LINE chat ("ไม่สะดวกให้เบอร์ค่ะ ติดต่อทางไลน์นี้ได้เลย")."""
    if entities.parse_phone(text) is None and (BY_LINE_WISH.search(text) or says_none(text)):
        return BY_LINE
    return read_phone_number(text, today)


def read_phone_number(text: str, _today: date) -> str:
    """Take a Thai mobile or landline number, as digits, with its extension after it ("021234567 ต่อ 12") and whose
    it is, when said before it ("เบอร์ป้อ 054-123456" -> "054123456 (ป้อ)"); two numbers, or more, as either
    ("054123456 (ป้อ) หรือ 0931112222 (ผู้แจ้ง)": the first, or the one to call first, is the request's phone)."""
    said = normalize_for_entities(text)
    found = entities.phones_at(said)[:MOST_PHONES]
    if not found:
        raise unread(text, "เบอร์โทรไม่ถูกต้องค่ะ ช่วยพิมพ์ใหม่ เช่น 081-234-5678 หรือ 02-123-4567 นะคะ")
    numbers, owners, after = [], [], 0
    for start, end, digits in found:
        extension = entities.extension_after(said, end)
        numbers.append(f"{digits} {EXTENSION} {extension}" if extension else digits)
        before = OWNER.search(said[after:start])
        behind = OWNER_AFTER.search(said[end:]) or NAMED_AFTER.search(said[end:])
        owners.append(" ".join(dict.fromkeys(match.group("who") for match in (before, behind) if match)))
        after = end
    first = CALL_FIRST.search(said)
    called = first.group("who") if first else None
    at = next((i for i, owner in enumerate(owners) if called and owner.startswith(called)), None)
    if at is not None:  # "โทรหาหนูก่อนนะคะ", "โทรหาลุงก่อน": that number is the request's phone
        numbers.insert(0, numbers.pop(at))
        owners.insert(0, owners.pop(at))
    shown = [number + _whose(owner, several=len(numbers) > 1) for number, owner in zip(numbers, owners, strict=True)]
    for answer in (shown, numbers, numbers[:2], numbers[:1]):  # the longest that the profile keeps
        if len(joined := f" {EITHER} ".join(answer)) <= LONGEST:
            return joined
    return numbers[0]


def _whose(owner: str, several: bool) -> str:
    """Whose a number is, as shown after it: the sender's own told apart only from another's."""
    if SELF.match(owner):
        owner = SENDER if several else ""
    return f" ({owner})" if owner else ""
