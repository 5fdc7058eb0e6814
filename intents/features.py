"""What the classifier sees of a message: word n-grams and character n-grams, TF-IDF weighted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from intents.normalize import EmojiMode, normalize
from intents.tokenize import ENGINE, Engine, tokenize

if TYPE_CHECKING:  # scikit-learn is for training; serving a trained model never imports it
    from sklearn.feature_extraction.text import TfidfVectorizer

# Long messages are read up to here: the need is stated early, and latency stays bounded.
MAX_CHARS = 2000

# A service named only to rule it out ("ไม่ใช่กล่องนะคะ อยากเปลี่ยนตัวสินค้า") must not count for it:
# the words after a negation are read as ¬กล่อง, up to a particle, a turn to what is wanted, the end
# of the phrase, or NEGATION_SCOPE words. Figures in bench/README.md, "Pipeline choices".
# Isan and Northern บ่ says the same (บ่แม่น = ไม่ใช่); alone it also asks ("มีบ่"), so only in these pairs.
NEGATIONS = frozenset(
    {("ไม่ใช่",), ("ไม่ต้อง",), ("ไม่เอา",), ("ไม่", "ใช่"), ("ไม่", "ต้อง"), ("ไม่", "เอา"), ("ไม่", "เกี่ยวกับ"),
     ("บ่", "ใช่"), ("บ่", "แม่น"), ("บ่แม่น",), ("บ่", "ต้อง"), ("บ่", "เอา")}
)
# ไม่ได้ rules something out only before an intention ("ไม่ได้จะจองเครื่อง"), not in a fact ("ไม่ได้รับข่าว").
NOT_INTENDED = frozenset({("ไม่ได้",), ("ไม่", "ได้"), ("บ่ได้",), ("บ่", "ได้")})
INTENTIONS = frozenset({"จะ", "อยาก", "อยากได้", "อยากให้", "ถาม", "ต้องการ", "ขอ", "หมายถึง", "มา", "สนใจ", "คิด", "ให้"})
NEGATION_ENDS = frozenset(
    {"นะ", "นะคะ", "นะครับ", "ค่ะ", "คะ", "ครับ", "จ้า", "จ้ะ", "เด้อ", "แล้ว", "เลย", "แต่", "แค่", "ส่วน", "เพราะ"}
)
# A wish ends the reach too ("ไม่ต้องกล่อง อยากได้ถุง"), unless it is what is negated ("ไม่ได้อยากเรียน").
WISHES = frozenset({"อยาก", "อยากได้", "อยากให้", "ขอ", "เอา", "ต้องการ"})
NEGATION_SCOPE = 4
NEGATED = "¬"


@dataclass(frozen=True)
class FeatureOptions:
    """How a message becomes features; the defaults are the bot's own choice."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (1, 4)
    char_min_df: int = 2
    engine: Engine = ENGINE
    emoji: EmojiMode = "name"
    mark_negation: bool = True


class Reading(NamedTuple):
    """A message as the features see it: normalised text and its words."""

    text: str
    words: tuple[str, ...]


def _negation_length(words: list[str], start: int) -> int:
    """How many words at start say "not" (ไม่ใช่, ไม่ ต้อง, ไม่ได้ จะ...); 0 when none do."""
    for length in (1, 2):
        cue, after = tuple(words[start : start + length]), words[start + length : start + length + 1]
        if cue in NEGATIONS or (cue in NOT_INTENDED and after and after[0] in INTENTIONS):
            return length
    return 0


def mark_negated(words: list[str]) -> list[str]:
    """The words of one phrase, those a negation rules out prefixed with ¬."""
    marked: list[str] = []
    position, scope = 0, 0
    while position < len(words):
        if cue := _negation_length(words, position):
            marked += words[position : position + cue]
            position, scope = position + cue, NEGATION_SCOPE
            continue
        word = words[position]
        if word in NEGATION_ENDS or (word in WISHES and scope < NEGATION_SCOPE):
            scope = 0
        marked.append(NEGATED + word if scope else word)
        position, scope = position + 1, max(scope - 1, 0)
    return marked


def read(message: str, options: FeatureOptions) -> Reading:
    """Normalise and tokenise one message, phrase by phrase (a space ends a negation's reach)."""
    text = normalize(message, emoji=options.emoji)[:MAX_CHARS]
    words: list[str] = []
    for phrase in text.split():
        phrase_words = tokenize(phrase, engine=options.engine)
        words += mark_negated(phrase_words) if options.mark_negation else phrase_words
    return Reading(text, tuple(words))


def word_ngrams(words: tuple[str, ...], sizes: tuple[int, int]) -> list[str]:
    """Word n-grams, joined by a space."""
    low, high = sizes
    return [
        " ".join(words[start : start + n])
        for n in range(low, high + 1)
        for start in range(len(words) - n + 1)
    ]


def char_ngrams(text: str, sizes: tuple[int, int]) -> list[str]:
    """Character n-grams inside each space-separated chunk, padded so edges count."""
    low, high = sizes
    grams: list[str] = []
    for chunk in text.split():
        padded = f" {chunk} "
        size = len(padded)
        grams += [padded[start : start + n] for n in range(low, min(high, size) + 1) for start in range(size - n + 1)]
    return grams


class WordAnalyzer:
    """Picklable analyzer giving the word n-grams of a Reading."""

    def __init__(self, sizes: tuple[int, int]) -> None:
        self.sizes = sizes

    def __call__(self, reading: Reading) -> list[str]:
        return word_ngrams(reading.words, self.sizes)


class CharAnalyzer:
    """Picklable analyzer giving the character n-grams of a Reading."""

    def __init__(self, sizes: tuple[int, int]) -> None:
        self.sizes = sizes

    def __call__(self, reading: Reading) -> list[str]:
        return char_ngrams(reading.text, self.sizes)


@dataclass(frozen=True)
class TfidfBlock:
    """A fitted TF-IDF vectorizer reduced to what scoring one message needs."""

    analyzer: WordAnalyzer | CharAnalyzer
    vocabulary: dict[str, int]  # n-gram -> column in this block
    idf: np.ndarray  # by column of this block
    offset: int  # the block's first column in the whole feature space

    @classmethod
    def from_fitted(cls, vectorizer: TfidfVectorizer, offset: int) -> TfidfBlock:
        """Keep the vocabulary and idf of a fitted vectorizer (shared, not copied: training's peak memory)."""
        return cls(vectorizer.analyzer, vectorizer.vocabulary_, np.asarray(vectorizer.idf_), offset)

    def weights(self, reading: Reading) -> tuple[np.ndarray, np.ndarray]:
        """Columns and L2-normalised sublinear TF-IDF values of one reading, as scikit-learn computes them."""
        # map() and Counter keep the per-gram lookups and the counting in C; None is an n-gram never seen in training.
        counted = Counter(map(self.vocabulary.get, self.analyzer(reading)))
        counted.pop(None, None)
        if not counted:
            return np.empty(0, np.int64), np.empty(0)
        columns = np.fromiter(counted.keys(), np.int64, len(counted))
        counts = np.fromiter(counted.values(), np.float64, len(counted))
        values = (1.0 + np.log(counts)) * self.idf[columns]
        return columns + self.offset, values / np.sqrt(values @ values)
