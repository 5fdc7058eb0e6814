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
        r"|ป้า|ลุง|ยาย|ย่า|ปู่|บ้าน|ร้าน|ออฟฟิศ|โรงงาน|ที่ทำงาน|บริษัท|สำนักงาน|มือถือ")
_SELF = r"หนู|ผม|ดิฉัน|ฉัน|เรา|ข้อย|เฮา"
# A name with its title: "ป้าสมใจ", "น้องเก๋"; not "พี่ได้ที่" in "ติดต่อพี่ได้ที่ 081…".
_TITLED = (r"(?:ป้า|ลุง|น้า|อา|พี่|น้อง|คุณ|ยาย|ตา|เฮีย|เจ๊|เจ้|แม่|พ่อ)"
           r"(?!\S*(?:ได้|ที่|เบอร์|โทร|คือ|เป็น|ติดต่อ|มือถือ))(?!(?:ค่ะ|ครับ|คับ|คะ|นะ|จ้า)\s*[:：]?\s*$)[ก-ฮะ-ฺเ-๎]{1,15}?")
_BEFORE_OWNER = r"(?:(?<=^)|(?<=\s)|(?<=เบอร์)|(?<=โทรหา)|(?<=ติดต่อ)|(?<=ของ)|(?<=มือถือ)|(?<=[,(]))"
OWNER = re.compile(rf"{_BEFORE_OWNER}(?P<who>{_KIN}|{_SELF}|{_TITLED})\s*(?:ค่ะ|ครับ|คะ|นะ)?\s*[:：]?\s*$")
OWNER_AFTER = re.compile(r"^\s*(?:ต่อ\s*\d{1,5}\s*)?[(（]\s*(?![^)）]*(?:โทร|ติดต่อ|ได้|ก่อน|หลัง|เวลา|ว่าง|ช่วง|ไลน์|line))"
                         r"(?P<who>[^()（）\d]{1,20}?)\s*[)）]", re.IGNORECASE)
CALL_FIRST = re.compile(rf"(?:โทร(?:หา)?|ติดต่อ)\s*(?P<who>{_KIN}|{_SELF})\s*ก่อน")
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
        owner = OWNER.search(said[after:start]) or OWNER_AFTER.search(said[end:])
        owners.append(owner.group("who") if owner else "")
        after = end
    first = CALL_FIRST.search(said)
    if first and first.group("who") in owners:  # "โทรหาหนูก่อนนะคะ": that number is the request's phone
        at = owners.index(first.group("who"))
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
