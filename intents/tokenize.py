"""Split normalised Thai text into words, knowing the words of the ITC domain."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pythainlp.corpus import get_corpus
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

Engine = Literal["newmm", "nlpo3"]

DOMAIN_WORDS_FILE = Path(__file__).parent / "data" / "domain_words.txt"
THAI_WORDS_FILE = "words_th.txt"  # PyThaiNLP's word list, the one its thai_words() returns

# nlpo3 (newmm in Rust): same segmentation, ~10x faster, and no blow-up on ambiguous text.
# Figures from bench/tokenizers.py in bench/README.md, section "Tokeniser".
ENGINE: Engine = "nlpo3"

_NLPO3_DICT_NAME = "itc-front-desk"


def read_word_list(path: Path) -> frozenset[str]:
    """Read one word per line, skipping blanks and # comments."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@functools.cache
def domain_words() -> frozenset[str]:
    """The domain dictionary: บรรจุภัณฑ์, เครื่องจักรกลาง, t-goodtech, ..."""
    return read_word_list(DOMAIN_WORDS_FILE)


def known_words() -> frozenset[str]:
    """PyThaiNLP's Thai word list plus the domain dictionary, read afresh. Not thai_words(), which keeps
    its 62,000 words (10 MB) for the life of the process; the tokeniser holds its own copy once built."""
    return get_corpus(THAI_WORDS_FILE) | domain_words()


@functools.cache
def _newmm_trie() -> Trie:
    """The word trie newmm matches against, built once."""
    return Trie(known_words())


@functools.cache
def _nlpo3_dictionary() -> str:
    """Load the words into nlpo3 once and return the name it knows them by."""
    import nlpo3  # only needed when this engine is chosen

    # nlpo3 reads its dictionary from a file, not from a Python collection.
    handle, path = tempfile.mkstemp(suffix=".txt", prefix="itc-words-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as words_file:
            words_file.write("\n".join(sorted(known_words())))
        message, loaded = nlpo3.load_dict(path, _NLPO3_DICT_NAME)
    finally:
        os.unlink(path)
    if not loaded and "already" not in message:
        raise RuntimeError(f"nlpo3 could not load the domain dictionary: {message}")
    return _NLPO3_DICT_NAME


def _segment(text: str, engine: Engine) -> Iterable[str]:
    """Cut text into words (whitespace included) with the chosen engine."""
    if engine == "nlpo3":
        import nlpo3

        # Not safe=True: in nlpo3 1.4 it drops and garbles characters of longer texts.
        return nlpo3.segment(text, _nlpo3_dictionary(), safe=False)
    return word_tokenize(text, custom_dict=_newmm_trie(), engine="newmm", keep_whitespace=False)


def tokenize(text: str, *, engine: Engine = ENGINE) -> list[str]:
    """Return the words of already normalised text, without whitespace tokens."""
    if not text:
        return []
    return [word for word in (token.strip() for token in _segment(text, engine)) if word]


def words_at(text: str, *, engine: Engine = ENGINE) -> Iterator[tuple[str, int, int]]:
    """The words of `text` as `tokenize` cuts them, each with where it starts and ends in `text`."""
    position = 0
    for word in tokenize(text, engine=engine):
        start = text.find(word, position)
        start = position if start < 0 else start  # a segmenter that changed a word: kept in order all the same
        position = start + len(word)
        yield word, start, position


def warm_up_tokenizer(engine: Engine = ENGINE) -> None:
    """Build the dictionaries now rather than on the first message."""
    tokenize("สวัสดี", engine=engine)
