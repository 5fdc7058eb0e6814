"""What a short typed reply says, whatever was asked: yes or no, a question, a laugh, a "none", a name in Latin
letters. The questions themselves are in fields.py, and the readers of their answers there and in names.py and
phones.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from intents.normalize import normalize
from intents.tokenize import tokenize

# "None", "not sure" or "skip", as a whole answer ("ไม่มีค่ะ", "ยังไม่มีชื่อร้าน", "ยังไม่แน่ใจเลยครับ").
NONE = re.compile(r"(?:ยัง)?(?:ไม่มี|บ่มี|ไม่ได้ตั้ง|ไม่แน่ใจ|ไม่รู้|ไม่ทราบ|ไม่ระบุ|ไม่บอก|ไม่อยากบอก)(?:ชื่อ)?"
                  r"(?:ร้าน|กิจการ|แบรนด์|สินค้า|ผลิตภัณฑ์)?(?:ชื่อ)?(?:เลย|ดอก)?(?:เด้อ|เน้อ|เจ้า|หนิ)?|ข้าม|-|skip|none")
# A question about the centres themselves: "ดีพร้อมคืออะไรคะ", "ITC ช่วยอะไรชาวบ้านได้บ้าง".
ABOUT_QUESTION = re.compile(r"(?:ดีพร้อม|itc|ไอทีซี|ศูนย์นี้|ที่นี่|บอทนี้).{0,12}(?:คืออะไร|คือที่ไหน|ทำอะไร|ช่วยอะไร)",
                            re.IGNORECASE)
# Not the freeze dryer's ฟรีซ ("อยากใช้เครื่องฟรีซดรายค่ะ").
PRICE_QUESTION = re.compile(r"ราคา|เท่าไหร่|เท่าไร|ค่าใช้จ่าย|ค่าบริการ|เสียเงิน|เสียตังค์|ฟรี(?!ซ|ส)|free(?!ze)|price|how much")
# "I told you already" before an answer typed again ("บอกไปแล้วค่ะ นุชเบเกอรี่", "ก็บอกแล้วไงคะ ดริปเปอร์เซรามิก").
_TOLD = r"(?:ก็|เคย|เพิ่ง)?\s*(?:บอก|พิมพ์|แจ้ง)(?:ไป)?\s*(?:\S{0,6}รอบ)?\s*แล้ว"
# Who told it may come first: "ป้าบอกไปแล้วจ้า ร้านป้าแดงหมูยอ", "ผมบอกไปแล้วครับ …".
_TELLER = r"(?:ป้า|ลุง|ยาย|ตา|พี่|น้า|ผม|หนู|ดิฉัน|ฉัน|เรา|ข้อย|เค้า|เขา)?"
ALREADY_SAID = re.compile(rf"^\s*{_TELLER}\s*{_TOLD}(?:\s*(?:ไง|นี่|นะ|น่ะ|ว่า|จ้า|ค่ะ|ครับ|คะ|เด้อ|เน้อ|เจ้า))*")
# The same grumble after the answer: "ข้าวเกรียบกล้วย บอกไปแล้วเด้อ", "วีระอัญมณี พิมพ์ไปแล้วนะ", "ขอนแก่น บอกไปสามรอบแล้ว".
ALREADY_SAID_AFTER = re.compile(rf"\s+{_TOLD}(?:\s*(?:ไง|นี่|นะ|น่ะ|เด้อ|เน้อ|จ้า|ค่ะ|ครับ|คะ|นะคะ|นะครับ))*[\s!.]*$")
# The particles typed in Latin letters ("Nok ka", "ok krub"); not na or ja, which are nicknames too.
LATIN_PARTICLES = frozenset({"krub", "krab", "krap", "kub", "kab", "ka", "kha", "kaa"})
POLITE_ENDINGS = ("นะคะ", "นะครับ", "ครับผม", "ครับ", "คับ", "ค่ะ", "คะ", "ค่า", "จ้า", "จ้ะ", "จ้ะ", "นะ", "จ๊ะ")
# The particles that end a name typed as a sentence (นุชค่ะ, the North's "เซรามิกลุงแก้วเจ้า"). Not a bare นะ: the
# tokeniser also cuts it out of names it does not know (นะโม).
NAME_PARTICLES = frozenset(POLITE_ENDINGS) - {"นะ"} | {"ฮะ", "งับ", "เจ้า", "เด้อ", "เน้อ"} | LATIN_PARTICLES
# How a question ends, and a name never does. Not ไหม or กี่ alone: silk and a loom end many shops' names.
QUESTION_ENDINGS = ("อะไร", "อะไรบ้าง", "ยังไง", "อย่างไร", "เท่าไหร่", "เท่าไร", "ที่ไหน", "อยู่ไหน", "กี่โมง",
                    "กี่วัน", "กี่บาท", "มั้ย", "ได้ไหม", "หรือเปล่า", "รึเปล่า", "หรือยัง", "รึยัง", "ใคร", "ใครดี",
                    "อะไรดี", "ไหนดี", "ยังไงดี", "แค่ไหน", "เมื่อไหร่", "เมื่อไร", "ไหนบ้าง")
# What กี่ asks the number of, at the end of a question ("ขั้นต่ำกี่ใบคะ", "อบรมกี่ชั่วโมง").
COUNTED = frozenset({"ใบ", "ชิ้น", "คน", "ท่าน", "วัน", "ชั่วโมง", "ชม", "นาที", "เดือน", "ปี", "บาท", "ครั้ง", "รอบ",
                     "ขวด", "กล่อง", "ถุง", "กิโล", "ตัว", "แบบ", "ที่", "เครื่อง", "คอร์ส", "สัปดาห์", "อาทิตย์"})
# ไหม ends a question, not a silk name ("บ้านไหม", "หมอนไหม"), before the asking particle คะ ("ต้องส่งรูปไหมคะ"),
# after a word that asks ("ได้ไหม", "ด้วยไหม") or where the message asks whether it must ("ต้องเป็นชื่อจริงไหม").
ASKING_PARTICLE, ASKED_BEFORE_MAI = "คะ", frozenset({"ได้", "ด้วย", "จริง", "ใช่", "เอา", "บ้าง", "หรือ"})
# Asking why ("ทำไมต้องบอกชื่อร้านด้วยคะ", "เอาเบอร์ไปทำอะไรคะ"), wherever it is said.
WHY_WORDS = ("ทำไม", "เพราะอะไร", "ไปทำอะไร", "ใช้ทำอะไร")
LAUGHTER = re.compile(r"5{3,}|(?:ฮ่า|คิก)+ๆ*")
# Said around a short answer without changing it: particles, casual ones too ("ไม่อ่ะ"), a softener ("ไม่ดีกว่า"),
# "เลย" ("ได้เลย"), the repetition mark ("ใช่ๆ"), a change of mind ("เปลี่ยนใจค่ะ ยินยอมค่ะ", "งั้นยินยอม"), thanks
# ("ได้เลยค่ะ ขอบคุณค่ะ"; alone, thanks answer nothing) and the questions' own words ("ไม่เอาข้อมูลเดิม",
# "ยืนยันลบข้อมูล"). Whole words,
# as the tokeniser cuts them, so เยอะ keeps its ending. Not แล้ว: "ไม่เอาแล้ว" gives up rather than says no.
# The North's and the Northeast's particles end sentences too ("ได้เจ้า", "ยินยอมเด้อ"); never a name's end: "ร้านเจ้าเก่า".
# The South's หนิ and โหล too ("ได้หนิ").
SENTENCE_ENDINGS = NAME_PARTICLES | {"นะ", "na", "ja", "jaa", "อ่ะ", "อะ", "น่ะ", "ล่ะ", "ละ", "เจ้า", "เด้อ", "เน้อ", "หนิ",
                                     "โหล"}
ANSWER_PADDING = SENTENCE_ENDINGS | {"ดีกว่า", "ๆ", "ข้อมูล", "เดิม", "เลย", "งั้น", "เปลี่ยนใจ", "ขอบคุณ", "ขอบใจ", "มาก",
                                     "thank", "thanks"}
# The emoji that say okay on their own ("👍", "ยืนยันค่ะ👌"); every other emoji is left out of a short answer.
APPROVING = re.compile("[\U0001F44D\U0001F44C\U0001F197\u2705\u2714]\uFE0F?[\U0001F3FB-\U0001F3FF]?")


def plain(text: str) -> str:
    """The words of a short answer without spaces, case or the polite particle at its end."""
    word = "".join(text.split()).lower().rstrip(".!?~")
    for ending in POLITE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


# A name typed in Latin letters ("Nok", "Joy ka"): one short word, but not an English command to the bot.
LATIN_NAME = re.compile(r"[a-z][a-z'.\-]{1,19}")
LATIN_COMMANDS = frozenset({"cancel", "stop", "quit", "exit", "help", "menu"})


def is_latin_name(text: str) -> bool:
    """True for one short word in Latin letters, with or without a particle after it ("Nok", "Nokค่ะ", "Nok ka"):
    the classifier knows few such names (it reads "Nok" as a cancel), a name question reads them."""
    words = [word for word in text.split() if word.lower() not in LATIN_PARTICLES]
    word = plain(words[0]) if len(words) == 1 else ""
    return LATIN_NAME.fullmatch(word) is not None and word not in LATIN_COMMANDS


def answer_words(text: str) -> list[list[str]]:
    """The words of each part of a short answer as typed (a part ends at a space), "👍" read as "ok"."""
    said = normalize(APPROVING.sub(" ok ", text), emoji="strip")
    return [[word for word in tokenize(part) if any(ch.isalnum() for ch in word)] for part in said.split()]


def answer_parts(typed: list[list[str]]) -> list[str]:
    """What each part of a short answer (`answer_words`) says without its padding: "ไม่อ่ะ" -> ["ไม่"],
    "ยังไม่เอาค่ะ" -> ["ไม่เอา"] (not yet is no), "ได้ค่ะ ลบได้เลย" -> ["ได้", "ลบได้"]; particles alone stay ("ค่ะ")."""
    said = [_without_padding(words) for words in typed]
    return [part for part in said if part] or ["".join(words) for words in typed if words]


def _without_padding(words: list[str]) -> str:
    kept = [word for word in words if word not in ANSWER_PADDING]
    return "".join(kept[1:] if kept[:2] == ["ยัง", "ไม่"] else kept)


def laughs(text: str) -> bool:
    """True when the message laughs ("555", "ฮ่าๆ"): a joke or a remark, not an answer given in earnest."""
    return any(LAUGHTER.fullmatch(word) for word in tokenize(normalize(text, emoji="strip")))


def without_already_said(text: str) -> str:
    """The answer without the "I told you already" before or after it: "ก็บอกไปแล้วไงคะ ดริปเปอร์เซรามิก" -> "คะ
    ดริปเปอร์เซรามิก" (the particle left is trimmed as any is), "ต้น บอกแล้ว" -> "ต้น"."""
    return ALREADY_SAID_AFTER.sub("", ALREADY_SAID.sub("", text, count=1)).strip()


def asks_about_the_centres(text: str) -> bool:
    """True for a question about the centres themselves ("ดีพร้อมคืออะไรคะ ช่วยอะไรชาวบ้านได้บ้าง")."""
    return ABOUT_QUESTION.search(normalize(text, emoji="strip")) is not None


def asks_the_price(text: str) -> bool:
    """True for a question about what something costs ("ชั่วโมงละเท่าไหร่", "ฟรีไหมคะ", "เสียเงินไหม")."""
    return PRICE_QUESTION.search(normalize(text, emoji="strip")) is not None


def says_none(text: str) -> bool:
    """True for a whole answer saying there is none, or not yet, or the user does not know ("ยังไม่มีชื่อร้านค่ะ")."""
    return NONE.fullmatch(plain(text)) is not None


def opens_with_none(text: str) -> bool:
    """True when the answer's first part says none (`says_none`), whatever follows: "ยังไม่มีชื่อร้านค่ะ ขายเองที่บ้าน"
    gives no name. (A product may follow its none: "ยังไม่มีสินค้าค่ะ อยากทำน้ำพริก".)"""
    said = text.split(maxsplit=1)
    return bool(said) and says_none(said[0])


def asks_why(text: str) -> bool:
    """True when the message asks why ("ทำไมต้องบอกชื่อร้านด้วยคะ")."""
    return any(word in text for word in WHY_WORDS)


def asks_a_question(text: str) -> bool:
    """True for a question to the bot ("ราคาเท่าไหร่คะ", "หวยงวดนี้ออกอะไรคะ 555", "ต้องส่งรูปไหมคะ"), not a name or
    product that ends like one ("ผ้าไหม", "บ้านไหม", "ขนมอะไรก็ได้")."""
    said = normalize(text, emoji="strip")
    if "?" in said or asks_why(said):
        return True
    words = [word for word in tokenize(said) if word.strip() and not LAUGHTER.fullmatch(word)]
    endings = []
    while words and words[-1] in SENTENCE_ENDINGS:
        endings.append(words.pop())
    how_many = words[-2:-1] == ["กี่"] and words[-1] in COUNTED  # "ขั้นต่ำกี่ใบคะ"; not "ร้านกี่ทอง"
    # Its particle may be cut off with a letter of the question ("นานแค่ไหนคะ" -> นาน|แค่|ไห|นคะ).
    return plain("".join(words)).endswith(QUESTION_ENDINGS) or how_many or _asks_with_mai(words, endings[-1:])


def _asks_with_mai(words: list[str], particle: list[str]) -> bool:
    if words[-1:] != ["ไหม"]:
        return False
    asked = len(words) > 1 and words[-2] in ASKED_BEFORE_MAI
    # "ต้อง…ไหม", "มี…ไหม" ("ขอนแก่นมีศูนย์ไหม", h90): asking, where "ผ้าไหม", "บ้านไหม" are names.
    return particle == [ASKING_PARTICLE] or asked or "ต้อง" in words or "มี" in words[:-1]


SHORT_ANSWER = 24  # letters, spaces and particles aside: "เออยินยอมก็ได้รีบ"


@dataclass(frozen=True)
class YesOrNo:
    """The words that answer a yes-or-no question, and the starts of a no that goes on ("ไม่ยินยอมค่ะ ขอ...")."""

    yes: frozenset[str]
    no: frozenset[str]
    no_starts: tuple[str, ...] = ()
    # Words that say yes wherever they stand in a short answer, unless ไม่ comes before them ("เออๆ ยินยอมก็ได้
    # รีบๆนะ"); a longer message goes on to something else ("งั้นยินยอมค่ะ อยากให้เจ้าหน้าที่โทรกลับ…").
    yes_within: tuple[str, ...] = ()
    # Starts of a no that are only a courtesy when the rest of a short answer says yes within (`yes_within`) and
    # no ไม่: "ไม่เป็นไรค่ะ รอได้" (that's fine, I can wait) is a yes to "join the waiting list?".
    courtesies: tuple[str, ...] = ()

    def read(self, text: str) -> bool | None:
        """True for a yes, False for a no, None for anything else: the answer's parts (`answer_parts`) say it
        together ("ยืนยันลบ"), each on its own ("ได้ค่ะ ลบได้เลย") or word by word ("โอเคครับยินยอม")."""
        typed = answer_words(text)
        parts = answer_parts(typed)
        said = "".join(parts)
        if self._courteous_yes(said):
            return True
        if said.startswith(self.no_starts) or _all_in(said, parts, self.no):
            return False
        words = [word for part in typed for word in part if word not in ANSWER_PADDING]
        short = len(said) <= SHORT_ANSWER
        within = short and not asks_what_it_means(said) and any(
            word in said and f"ไม่{word}" not in said for word in self.yes_within)
        return True if within or _all_in(said, parts, self.yes) or _all_in(said, words, self.yes) else None

    def _courteous_yes(self, said: str) -> bool:
        """True when a courtesy opens a short answer whose rest says yes within, with no ไม่ of its own."""
        courtesy = next((start for start in self.courtesies if said.startswith(start)), None)
        rest = said[len(courtesy):] if courtesy else ""
        return (bool(rest) and len(said) <= SHORT_ANSWER and "ไม่" not in rest and "บ่" not in rest
                and any(word in rest for word in self.yes_within))


# Asking what a word means is no answer in that word: "ยินยอมคืออะไรคะ ป้าไม่เข้าใจ", "ทำไมต้องยินยอม",
# "ต้องยืนยันยังไงคะ".
WHAT_IT_MEANS = ("อะไร", "ไม่เข้าใจ", "แปลว่า", "หมายถึง", "หมายความ", "ยังไง", "อย่างไร", "?")


def asks_what_it_means(text: str) -> bool:
    """True for a message that asks what something means or why, rather than answering."""
    return asks_why(text) or any(word in text for word in WHAT_IT_MEANS)


def _all_in(said: str, parts: list[str], words: frozenset[str]) -> bool:
    return said in words or (bool(parts) and all(part in words for part in parts))


# Yes and no as any question takes them ("ใช่ค่ะ", "ไม่อ่ะ"); a question may add its own ("ลบเลย", bot/dialogue/asides.py).
# Thai typed in Latin letters says yes too ("dai krub" is ได้ครับ, "yin dee ka" ยินดีค่ะ); not "chai" (ใช่), a nickname.
# In the North เจ้า alone says yes, as ค่ะ does; แม่น is ใช่ there and in the Northeast, บ่ is ไม่.
YES_WORDS = frozenset({"ค่ะ", "ครับ", "ครับผม", "ค่า", "จ้า", "ใช่", "ใช่แล้ว", "ยืนยัน", "ตกลง", "ok", "okay", "โอเค", "ได้",
                       "ได้อยู่", "ได้แล้ว", "ถูกแล้ว",
                       "yes", "เอา", "เอาเลย", "ยินดี", "dai", "yindee", "เจ้า", "แม่น", "แม่นแล้ว"})
NO_WORDS = frozenset({"ไม่", "ไม่ใช่", "no", "ไม่เอา", "ไม่เลย", "ยังก่อน", "ไม่ต้อง", "บ่", "บ่แม่น", "บ่เอา", "บ่ต้อง"})
# A reply that only says yes, no or okay ("ใช่ค่ะ", "โอเคจ้า", "รับทราบค่ะ"), or only laughs, gives no name, product
# or need.
# "ทำต่อ" to "กลับมาทำเรื่อง…ต่อไหมคะ" goes on, as the chip does; it names no one (a bare "ต่อ" may: a nickname).
BARE_REPLIES = YesOrNo(YES_WORDS | {"okay", "รับทราบ", "ทราบแล้ว", "เข้าใจแล้ว", "555", "ฮ่า", "ฮ่าฮ่า", "ทำต่อ", "ต่อเลย",
                                    "ไปต่อ"}, NO_WORDS)
