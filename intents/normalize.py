"""Turn a LINE message into the one spelling the classifier learns from."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.util import emoji_to_thai
from pythainlp.util import normalize as thai_normalize

from intents.tokenize import known_words

EmojiMode = Literal["strip", "token", "name"]

# The token every emoji becomes in "token" mode; Latin so Thai tokenisers leave it whole.
EMOJI_TOKEN = "emoji"

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Pictographs, dingbats, flags, skin tones, keycaps and the joiners/selectors that glue them.
_EMOJI = re.compile(
    "(?:[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u3030\u303d\u3297\u3299]"
    "[\U0001f3fb-\U0001f3ff\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f]*\u200d?)+"
)

_SKIN_TONES = re.compile("[\U0001f3fb-\U0001f3ff]")

# Invisible characters: C0/C1 controls, format marks (zero-width, BOM, bidi) and lone surrogates.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufe00-\ufe0f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)

# Three or more of the same letter or sign is emphasis (sooo, !!!, ๆๆๆ), not spelling.
_STRETCHED = re.compile(r"([^\d\s\u0e01-\u0e2e])\1{2,}")

# A Thai consonant three times, or twice at the end of a word, is a stretched word (ครับบบ, มากก),
# unless the doubled letter is real spelling (แบบ, ระบบ): see _shorten_consonant_run.
_REPEATED_CONSONANT = re.compile(r"([\u0e01-\u0e2e])\1{2,}|([\u0e01-\u0e2e])\2(?=[\s!?.,~]|$)")

# How far back a word ending in a doubled consonant may start.
_LONGEST_WORD = 12

# 555 is Thai laughter (ห้า = "ha"); keep it, but one spelling of it.
_LAUGHTER = re.compile(r"(?<!\d)5{3,}(?!\d)")

_WHITESPACE = re.compile(r"\s+")

# PyThaiNLP's normalize runs some thirty regular expressions over a message, a sixth of the time classifying takes, and
# changes only a message with one of these (pythainlp/util/normalize.py): spaces to strip or double, a sign that
# dangles (at the start or after a space), a tone mark before a vowel sign or another tone mark, a follow vowel before
# a tone mark, a vowel or sign typed twice (เเ, าา, า า), nikhahit, lakkhangyao. Most messages have none, and skip it
# with the same result (tests/intents/test_normalize.py compares the two on every training line and random strings).
_SIGNS = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_REPEATABLE = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"
_THAI_NORMALIZE_CHANGES = re.compile(
    rf"^\s|\s$|\s\s|\n|[\u200b\u200c]|(?:^|\s)[{_SIGNS}]|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]"
    rf"|[{thai_tonemarks}][{thai_tonemarks}]|[{thai_follow_vowels}][{thai_tonemarks}]|([{_REPEATABLE}])\s*\1|[\u0e4d\u0e45]"
)

# For the entity patterns: full-width digits too, and only the invisible characters that split words.
_ENTITY_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙０１２３４５６７８９", "01234567890123456789")
_ENTITY_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def thai_digits_to_arabic(text: str) -> str:
    """Replace Thai digits (๐-๙) with Arabic ones (0-9)."""
    return text.translate(_THAI_DIGITS)


def normalize_for_entities(text: str) -> str:
    """What the entity patterns read: Arabic digits (from Thai and full-width ones too), no zero-width
    characters, one spelling of แ and ำ. Lighter than `normalize`: spacing, case and emoji stay."""
    text = text.translate(_ENTITY_ZERO_WIDTH).translate(_ENTITY_DIGITS)
    return text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")


@functools.cache
def words_ending_doubled() -> frozenset[str]:
    """The known words that end in a doubled letter (แบบ, ถนน, กันแดด): all that a stretched word is
    checked against, 224 words where the whole list would keep 62,000 in memory."""
    return frozenset(word for word in known_words() if len(word) > 1 and word[-1] == word[-2])


def _shorten_consonant_run(match: re.Match[str]) -> str:
    """Keep two letters where a dictionary word ends in them (แบบบบ -> แบบ), else one (ครับบบ -> ครับ)."""
    letter = match.group(1) or match.group(2)
    before = match.string[max(0, match.start() - _LONGEST_WORD) : match.start()]
    doubled = letter * 2
    words = words_ending_doubled()
    if any(before[start:] + doubled in words for start in range(len(before))):
        return doubled
    return letter


def _replace_emoji(text: str, mode: EmojiMode) -> str:
    """Strip emoji, turn each run into one token, or spell them out in Thai."""
    if mode == "strip":
        return _EMOJI.sub(" ", text)
    if mode == "token":
        return _EMOJI.sub(f" {EMOJI_TOKEN} ", text)
    # emoji_to_thai scans with one huge pattern: hand it only the emoji runs, skin tones dropped.
    return _EMOJI.sub(lambda run: f" {emoji_to_thai(_SKIN_TONES.sub('', run.group()), (' ', ' '))} ", text)


def normalize(text: str, *, emoji: EmojiMode = "name") -> str:
    """Return one canonical spelling of a message: what users mean, not how they typed it."""
    text = unicodedata.normalize("NFC", text)
    text = _replace_emoji(text, emoji)
    text = _INVISIBLE.sub("", text)
    text = thai_digits_to_arabic(text).lower()
    text = _WHITESPACE.sub(" ", text)
    text = thai_normalize(text) if _THAI_NORMALIZE_CHANGES.search(text) else text
    text = _STRETCHED.sub(r"\1", text)
    text = _REPEATED_CONSONANT.sub(_shorten_consonant_run, text)
    text = _LAUGHTER.sub("555", text)
    return _WHITESPACE.sub(" ", text).strip()
