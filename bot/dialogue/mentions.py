"""What a longer message says in passing, besides what it asks for: the product its sender makes, the partner and
market a business matching request seeks, the shared machine named. A first message answers these questions
without their being asked (`Field.found_in`)."""

from __future__ import annotations

import re

from bot.dialogue.replies import SENTENCE_ENDINGS
from intents.normalize import normalize_for_entities
from intents.tokenize import words_at


def find_market(text: str) -> str | None:
    """The market a longer message seeks ("อยากหาผู้ซื้อ ส่งออกไปญี่ปุ่น" -> japan), or None: a market word counts
    after a word of selling there (`MARKET_LEADS`), and never negated ("ขนมญี่ปุ่น" is a product, "ไม่อยากส่งออก" no
    market abroad)."""
    lowered = normalize_for_entities(text).lower()
    sought = {market for market, words in MARKET_WORDS.items()
              if any(_sought(lowered, word, MARKET_LEADS) for word in words)}
    if "japan" in sought:
        return "japan"
    if {"export", "domestic"} <= sought:
        return "both"
    return next(iter(sought), None)


# The partners a business matching request may be for, as people name them.
BUYER_WORDS = {
    "โรงงาน OEM": ("oem", "รับผลิต", "รับจ้างผลิต", "โออีเอ็ม"),
    "ห้าง/โมเดิร์นเทรด": ("ห้างใหญ่", "ห้างสรรพสินค้า", "เข้าห้าง", "โมเดิร์นเทรด", "modern trade", "ซูเปอร์มาร์เก็ต",
                          # the chains people name instead ("อยากหาผู้ซื้อส่งเซเว่น")
                          "ร้านสะดวกซื้อ", "เซเว่น", "7-11", "7-eleven", "seven eleven", "แม็คโคร", "แมคโคร", "makro",
                          "โลตัส", "lotus", "บิ๊กซี", "big c", "ท็อปส์", "tops"),
    "ผู้ส่งออก": ("ผู้ส่งออก", "exporter"),
    "ผู้นำเข้า": ("ผู้นำเข้า", "importer"),
    "ผู้ซื้อต่างประเทศ": ("ผู้ซื้อต่างประเทศ", "ผู้ซื้อจากต่างประเทศ", "ลูกค้าต่างประเทศ", "ลูกค้าต่างชาติ"),
    "ผู้ซื้อญี่ปุ่น": ("ผู้ซื้อญี่ปุ่น", "ลูกค้าญี่ปุ่น", "บริษัทญี่ปุ่น"),
    "ตัวแทนจำหน่าย": ("ตัวแทนจำหน่าย", "ดีลเลอร์", "distributor", "dealer", "ยี่ปั๊ว"),
    "โรงแรม/ร้านอาหาร": ("โรงแรม", "ร้านอาหาร", "hotel", "horeca"),
}


def find_buyers(text: str) -> str | None:
    """The kinds of partner a message seeks ("อยากหาโรงงาน OEM ผลิตสบู่" -> "โรงงาน OEM"), or None: a partner word
    counts after a word of seeking (`SEEKING`), not when the sender says what they are ("เราเป็นโรงงานรับผลิต")."""
    lowered = normalize_for_entities(text).lower()
    found = [kind for kind, words in BUYER_WORDS.items() if any(_sought(lowered, word, SEEKING) for word in words)]
    return ", ".join(found) or None


# Words of seeking a partner, and of selling in a market, that a partner or market word must follow.
SEEKING = ("หา", "เจอ", "ขายให้", "ขายเข้า", "ส่งให้", "ส่งเข้า", "เข้าห้าง", "จับคู่", "ติดต่อ", "อยากได้", "ต้องการ",
           "วางขาย", "สินค้าเข้า", "ของเข้า")
MARKET_LEADS = ("ส่งออก", "ขาย", "ตลาด", "ลูกค้า", "ผู้ซื้อ", "buyer", "เจาะ", "export")
MARKET_WORDS = {
    "japan": ("ญี่ปุ่น", "japan", "j-goodtech"),
    "export": ("ส่งออก", "ต่างประเทศ", "นอกประเทศ", "ต่างชาติ", "เมืองนอก", "export", "oversea"),
    "domestic": ("ในประเทศ", "ในไทย", "ทั่วประเทศ"),
}
LEAD_WINDOW = 20  # characters before a partner or market word where the word of seeking must be
NEGATIONS = ("ไม่", "ยังไม่")


def _sought(lowered: str, word: str, leads: tuple[str, ...]) -> bool:
    """True when `word` is in the text after one of `leads` (or is one), and not after a ไม่."""
    for found in re.finditer(re.escape(word), lowered):
        before = lowered[max(0, found.start() - LEAD_WINDOW): found.start()]
        led = word in leads or any(lead in before for lead in leads)
        negated = any(before.rstrip().endswith(no) or f"{no}อยาก" in before or f"{no}ได้" in before
                      for no in NEGATIONS)
        if led and not negated:
            return True
    return False


MACHINE_WORDS = {
    "CNC": ("cnc", "ซีเอ็นซี"),
    "เครื่องตัดเลเซอร์": ("เลเซอร์", "laser", "เลเซอ"),
    "3D printer": ("3d", "สามมิติ", "3มิติ", "3 มิติ", "ปริ้นสามดี", "ปริ้น 3", "ปริ้น3"),
    "เครื่องอบแห้งเยือกแข็ง (freeze dryer)": ("freeze", "ฟรีซ", "เยือกแข็ง"),
    "เครื่องซีล": ("ซีล", "seal"),
}


def find_machine(text: str) -> str | None:
    """The shared machine a message names, if it names one."""
    lowered = text.lower()
    return next((name for name, words in MACHINE_WORDS.items() if any(w in lowered for w in words)), None)


# A product said in passing: after who makes or sells it ("ผมทำน้ำพริกกุ้งเสียบที่หาดใหญ่", "เฮาเฮ็ดข้าวเกรียบกล้วย"),
# or after what the request does to it ("อยากออกแบบกระเป๋าสานจากผักตบชวา").
MAKERS = ("ผม", "เรา", "ดิฉัน", "หนู", "ฉัน", "เฮา", "ข้อย", "เปิ้น", "คน", "ร้าน", "บ้าน", "กลุ่ม", "แม่", "พ่อ", "ป้อ",
          "ครอบครัว", "โรงงาน", "บริษัท", "วิสาหกิจ", "ชุมชน")
MAKING = ("ทำ", "ผลิต", "เฮ็ด", "เยียะ", "ขาย", "แปรรูป")
SHAPING = ("ออกแบบ", "พัฒนา", "ต้นแบบ", "บรรจุภัณฑ์", "แพ็กเกจจิ้ง", "แพ็คเกจจิ้ง", "ฉลาก", "โลโก้")
HOLDING, PACKS = "ใส่", ("กล่อง", "ถุง", "ขวด", "ซอง", "กระปุก", "โหล", "ถาด")  # "กล่องใส่ลำไยอบแห้ง"
# Words that end the product: a place, the need, a joining word, what is done with it.
AFTER_PRODUCT = frozenset({"ที่", "อยู่", "จาก", "ใน", "แถว", "อยาก", "อยากได้", "ต้องการ", "แล้ว", "แต่", "และ", "กับ",
                           "จะ", "ขอ", "ช่วย", "ตอนนี้", "มา", "ขาย", "ส่ง", "เอง", "ได้", "ให้", "เป็น", "มี", "ก็",
                           "หน่อย", "ด่วน", "นะ", "ๆ", "ด้วย", "ก่อน", "ผลิต", "ทำ", "เพื่อ", "โดย", "มานาน", "หลาย", "เยอะ", "ใหม่", "แบบ"})
# What follows such a verb without being a product: the business, the need, the service itself.
NOT_A_PRODUCT = frozenset({"ธุรกิจ", "กิจการ", "งาน", "อาชีพ", "ร้าน", "บริษัท", "โรงงาน", "เกษตร", "สวน", "ไร่", "นา",
                           "การ", "อะไร", "ยังไง", "ไม่", "ความ", "แบบ", "กล่อง", "ถุง", "ขวด", "ฉลาก", "โลโก้",
                           "บรรจุภัณฑ์", "แพ็คเกจ", "แพ็กเกจ", "ลาย", "ต้นแบบ", "แม่พิมพ์", "ตัวอย่าง", "อย.",
                           "มาตรฐาน", "สินค้า", "ผลิตภัณฑ์", "ตัว", "สูตร", "ของ", "ออนไลน์", "oem", "เอง", "ต่อ",
                           "ไป", "ดี", "ดีมาก", "มาก", "ทุก", "มา", "ให้", "ได้", "เป็น", "ใหม่", "เพิ่ม", "ปรับ", "แบรนด์"})
# Nor what begins like a way, a time, a place or the pack ("ทำไง", "ขายผ่านเฟสบุ๊ค", "ทำคนเดียว", "ทำซองกาแฟใหม่").
NOT_A_PRODUCT_STARTS = ("ไง", "งัย", "อย่าง", "ยัง", "งาน", "แล้ว", "ผ่าน", "คน", "ซอง", "ขวด", "กล่อง", "ถุง", "แพค", "แพ็ค",
                        "แพ็ก", "ร้าน", "ไม่", "ที่", "ตอน", "ตาม", "มาก")
PRODUCT_WORDS = 5  # at most this many words after the verb: a product is a name, not a sentence


def find_product(text: str) -> str | None:
    """The product a longer message names ("ร้านเราขายกาแฟคั่วบดค่ะ อยากได้ถุงใหม่" -> "กาแฟคั่วบด"), or None: the words
    after a verb of making that begins the message or follows its maker ("ผม", "กลุ่มแม่บ้าน"), or after ออกแบบ or
    พัฒนา or ต้นแบบ, up to a space or a word that ends it (`AFTER_PRODUCT`); never the pack or the business itself."""
    said = normalize_for_entities(text)
    cut = list(words_at(said))
    words = [word for word, _, _ in cut]
    spaced = [start > 0 and said[start - 1].isspace() for _, start, _ in cut]
    for i, word in enumerate(words):
        verb = next((v for v in (*MAKING, *SHAPING, HOLDING) if word.endswith(v)), None)
        if verb is None or not _leads_to_a_product(verb, word[:-len(verb)], words[i - 1] if i else ""):
            continue
        product = _product_after(words[i + 1:i + 1 + PRODUCT_WORDS], spaced[i + 1:])
        if product:
            return product
    return None


def _product_after(words: list[str], spaced: list[bool]) -> str | None:
    """The words that begin `words` up to a space or a word that ends a product, if they can name one."""
    product: list[str] = []
    for word, space in zip(words, spaced, strict=False):
        ends = word in AFTER_PRODUCT or word.lower() in SENTENCE_ENDINGS or not any(ch.isalpha() for ch in word)
        if ends or (space and product):
            break
        product.append(word)
    if not product or product[0].lower() in NOT_A_PRODUCT or product[0].startswith(NOT_A_PRODUCT_STARTS):
        return None
    return "".join(product)


def _leads_to_a_product(verb: str, maker: str, before: str) -> bool:
    """Whether `verb` (with `maker` typed onto it, "เปิ้นเยียะ") is followed by the product: a verb of making after
    its maker or at the start, a verb of shaping on its own."""
    if verb in SHAPING:
        return not maker
    if verb == HOLDING:
        return (maker or before).endswith(PACKS)
    # At the start of the message or of a sentence in it ("หวัดดีครับ ทำน้ำพริกกุ้งเสียบขาย…"), or after its maker.
    starts = not before or before.lower() in SENTENCE_ENDINGS
    return maker.endswith(MAKERS) if maker else starts or before.endswith(MAKERS)
