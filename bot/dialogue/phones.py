"""How a phone answer is read: a Thai mobile or landline number with its extension, or the wish to be contacted
in this LINE chat instead of called (`BY_LINE`)."""

from __future__ import annotations

import re
from datetime import date

from bot.dialogue.refusals import unread
from bot.dialogue.replies import says_none
from intents import entities

EXTENSION = "ต่อ"  # between a phone number and its extension, as Thai writes it: "02 123 4567 ต่อ 12"
# Asked for a phone, the wish to be contacted in this LINE chat instead: the chat named ("ติดต่อทางไลน์นี้ได้เลย",
# "ทางแชทค่ะ") or the number declined ("ไม่สะดวกให้เบอร์", "ไม่มีเบอร์", a bare "ไม่มี").
BY_LINE_WISH = re.compile(r"ไลน์|(?<![a-z])line(?![a-z])|แชท|แชต|ทางนี้"
                          r"|ไม่(?:สะดวก|อยาก|ขอ|มี)?\s*(?:ให้|บอก|รับ|คุย)?\s*(?:เบอร์|โทร)", re.IGNORECASE)
EITHER = "หรือ"  # between the numbers of one answer that gives more than one
MOST_PHONES = 3
BY_LINE = "LINE"  # the phone answer of someone to be contacted in this LINE chat, not called


def read_phone(text: str, today: date) -> str:
    """Take a phone number (`read_phone_number`), or `BY_LINE` from someone who would rather be contacted in this
    LINE chat ("ไม่สะดวกให้เบอร์ค่ะ ติดต่อทางไลน์นี้ได้เลย")."""
    if entities.parse_phone(text) is None and (BY_LINE_WISH.search(text) or says_none(text)):
        return BY_LINE
    return read_phone_number(text, today)


def read_phone_number(text: str, _today: date) -> str:
    """Take a Thai mobile or landline number, as digits, and its extension after it ("021234567 ต่อ 12"); two
    numbers, or more, as either ("0812223333 หรือ 0898887777": the first is the request's phone)."""
    phones = entities.parse_phones(text)
    if not phones:
        raise unread(text, "เบอร์โทรไม่ถูกต้องค่ะ ช่วยพิมพ์ใหม่ เช่น 081-234-5678 หรือ 02-123-4567 นะคะ")
    extension = entities.parse_phone_extension(text)
    first = f"{phones[0]} {EXTENSION} {extension}" if extension else phones[0]
    return f" {EITHER} ".join([first, *phones[1:MOST_PHONES]])
