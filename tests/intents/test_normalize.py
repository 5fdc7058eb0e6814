"""Normalisation and tokenisation: messages typed many ways read the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intents.features import FeatureOptions, read
from intents.model_store import read_training_rows, training_files
from intents.normalize import (
    _THAI_NORMALIZE_CHANGES,
    EMOJI_TOKEN,
    normalize,
    thai_digits_to_arabic,
    thai_normalize,
)
from intents.tokenize import Engine, domain_words, tokenize


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ครับบบบ", "ครับ"),
        ("ดีมากกกก", "ดีมาก"),
        ("ขอบคุณครับบ", "ขอบคุณครับ"),
        ("นานาาา", "นานา"),
        ("เเปลก", "แปลก"),
        ("แบบบบนี้", "แบบนี้"),
        ("ระบบบ", "ระบบ"),
        ("sooooo cool!!!", "so cool!"),
    ],
)
def test_stretched_letters_read_as_the_word(typed: str, read: str) -> None:
    assert normalize(typed) == read


def test_laughter_keeps_one_spelling() -> None:
    assert normalize("ตลกมาก 55555555") == "ตลกมาก 555"


def test_numbers_containing_fives_are_left_alone() -> None:
    assert normalize("โทร 0815555123 ครับ") == "โทร 0815555123 ครับ"


def test_words_spelt_with_a_double_consonant_are_left_alone() -> None:
    assert normalize("ยกกำลังสอง ทำต้นแบบ ระบบ") == "ยกกำลังสอง ทำต้นแบบ ระบบ"


def test_thai_digits_become_arabic() -> None:
    assert thai_digits_to_arabic("โทร ๐๘๑-๒๓๔-๕๖๗๘") == "โทร 081-234-5678"
    assert normalize("๑๒ คน") == "12 คน"


def test_invisible_characters_disappear() -> None:
    assert normalize("บรรจุ\u200bภัณฑ์\ufeff\x00\u200e") == "บรรจุภัณฑ์"


def test_latin_is_lower_cased_and_whitespace_collapsed() -> None:
    assert normalize("  ขอ   OEM\n\tPackaging  ") == "ขอ oem packaging"


def test_decomposed_unicode_is_composed() -> None:
    assert normalize("Cafe\u0301") == "café"


def test_emoji_are_spelt_out_in_thai_so_each_keeps_its_meaning() -> None:
    assert normalize("ขอบคุณครับ🙏👍🏽") == "ขอบคุณครับ พนมมือ ชูนิ้วโป้งขึ้น"
    assert normalize("😂😂") == "ร้องไห้ดีใจ ร้องไห้ดีใจ"


def test_emoji_can_be_stripped_or_made_one_token() -> None:
    assert normalize("ขอบคุณครับ🙏", emoji="strip") == "ขอบคุณครับ"
    assert normalize("ขอบคุณครับ🙏🙏👍🏽", emoji="token") == f"ขอบคุณครับ {EMOJI_TOKEN}"


@given(st.text())
def test_normalising_twice_changes_nothing_more(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once

# Thai letters, vowels, tone marks and signs, with spaces and a few Latin letters: the text PyThaiNLP's rules are about.
THAI_TEXT = st.text(alphabet=st.sampled_from([chr(c) for c in range(0x0E01, 0x0E5C)] + [" ", "a", "\n"]), max_size=40)


@given(THAI_TEXT)
@settings(max_examples=3000, deadline=None)
def test_the_fast_path_past_pythainlp_normalize_changes_nothing_it_would_change(text: str) -> None:
    """A message that skips PyThaiNLP's normalize is one it would have returned as it is."""
    if not _THAI_NORMALIZE_CHANGES.search(text):
        assert thai_normalize(text) == text


def test_the_training_lines_read_the_same_with_and_without_the_fast_path() -> None:
    lines = [" ".join(text.lower().split()) for text, _ in read_training_rows(training_files())]
    assert [line for line in lines if not _THAI_NORMALIZE_CHANGES.search(line) and thai_normalize(line) != line] == []



@pytest.mark.parametrize("engine", ["newmm", "nlpo3"])
def test_domain_words_stay_whole(engine: Engine) -> None:
    words = tokenize(normalize("ขอใช้เครื่องจักรกลางทำต้นแบบ ส่งออกผ่าน T-GoodTech ขอ อย. ด้วย"), engine=engine)
    for word in ("เครื่องจักรกลาง", "ต้นแบบ", "t-goodtech", "อย."):
        assert word in words


def test_domain_dictionary_holds_the_centres_words() -> None:
    assert {"บรรจุภัณฑ์", "เครื่องจักรกลาง", "คลัสเตอร์", "t-goodtech"} <= domain_words()


@pytest.mark.parametrize("engine", ["newmm", "nlpo3"])
def test_tokens_never_contain_whitespace(engine: Engine) -> None:
    assert all(word.strip() == word and word for word in tokenize("สวัสดี  ครับ  ขอ packaging", engine=engine))


@pytest.mark.parametrize("engine", ["newmm", "nlpo3"])
@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B) | st.sampled_from(" abc1"),
        max_size=400,
    )
)
def test_tokens_put_together_give_back_the_text(engine: Engine, text: str) -> None:
    assert "".join(tokenize(text, engine=engine)) == "".join(text.split())


def test_empty_text_has_no_tokens() -> None:
    assert tokenize("") == []


def test_words_a_negation_rules_out_are_marked_up_to_the_particle() -> None:
    words = read("ไม่ใช่กล่องนะคะ อยากเปลี่ยนตัวเทียน", FeatureOptions()).words
    assert "¬กล่อง" in words and "กล่อง" not in words
    assert {"อยาก", "เทียน"} <= set(words)


def test_a_space_ends_what_a_negation_rules_out() -> None:
    words = read("ไม่ต้องช่วยแพคเกจ แพคเกจมีแล้ว", FeatureOptions()).words
    assert words.count("¬แพคเกจ") == 1 and words.count("แพคเกจ") == 1


def test_not_having_done_something_rules_nothing_out() -> None:
    assert "ข่าว" in read("ไม่ได้รับข่าวเลยค่ะ", FeatureOptions()).words
    assert "¬กล่อง" in read("ไม่ได้ถามเรื่องกล่องค่ะ", FeatureOptions()).words


def test_isan_and_northern_negations_rule_out_too_but_a_question_does_not() -> None:
    assert "¬ต้นแบบ" in read("บ่ได้อยากให้ทำต้นแบบเด้อ อยากใช้เครื่องเอง", FeatureOptions()).words
    assert "¬อบรม" in read("บ่แม่นอบรม อยากได้คนซื้อ", FeatureOptions()).words
    assert not any(word.startswith("¬") for word in read("มีเครื่องซีลบ่ ได้ข่าวว่ามี", FeatureOptions()).words)


def test_negation_marking_can_be_turned_off() -> None:
    words = read("ไม่ใช่กล่องนะคะ", FeatureOptions(mark_negation=False)).words
    assert "กล่อง" in words and not any(word.startswith("¬") for word in words)
