"""Event titles named in a message, however loosely typed, and never by a generic word alone."""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import pytest

from intents.titles import named_titles

TITLES = ["อบรมออกแบบฉลากสินค้า", "CLUSTER DAY ภาคเหนือ", "CLUSTER DAY ภาคใต้", "CLUSTER DAY 2569",
          "สัมมนาการตลาดออนไลน์สำหรับ SME", "อบรมการพัฒนาบรรจุภัณฑ์อาหารแปรรูป"]


@pytest.mark.parametrize("text, title", [
    ("อยากลงทะเบียนอบรมออกแบบฉลากค่ะ ไป 3 คนค่ะ", "อบรมออกแบบฉลากสินค้า"),  # shortened
    ("ขอสมัครอบรมฉลากสินค้าออกแบบนะคะ", "อบรมออกแบบฉลากสินค้า"),  # in another order
    ("สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ", "CLUSTER DAY ภาคเหนือ"),
    ("ไปclusterdayภาคใต้๒คนจ้า", "CLUSTER DAY ภาคใต้"),  # no spaces, Thai digits
    ("งาน cluster day ๒๕๖๙ จัดที่ไหนคะ", "CLUSTER DAY 2569"),
    ("คอร์สการตลาดออนไลน์", "สัมมนาการตลาดออนไลน์สำหรับ SME"),
])
def test_a_title_typed_loosely_is_named(text, title):
    assert [TITLES[i] for i in named_titles(text, TITLES)] == [title]


@pytest.mark.parametrize("text", [
    "อยากอบรมค่ะ", "ลงทะเบียนงานสัมมนาค่ะ", "มีอบรมออนไลน์ไหมคะ", "อยากเรียนการตลาดค่ะ", "ภาคเหนือมีศูนย์ไหมคะ",
    "อยากอบรมเรื่องบรรจุภัณฑ์ค่ะ", "สวัสดีค่ะ", "",
])
def test_generic_words_or_a_small_part_of_a_title_name_none(text):
    assert named_titles(text, TITLES) == []


def test_titles_named_equally_are_all_named():
    assert [TITLES[i] for i in named_titles("สมัครงาน CLUSTER DAY 2 คนครับ", TITLES)] == TITLES[1:4]


def test_a_title_of_generic_words_only_is_never_named():
    assert named_titles("อบรมสัมมนา SME", ["อบรมสัมมนา SME"]) == []
