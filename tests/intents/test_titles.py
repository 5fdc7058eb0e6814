"""Event titles named in a message, however loosely typed, and never by a generic word alone."""

import datetime as dt
import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import pytest

from intents.titles import (
    SaidOfEvent,
    named_loosely,
    named_titles,
    round_of,
    said_of_event,
    sharing_a_word,
    words_shared,
)

TITLES = ["อบรมออกแบบฉลากสินค้า", "CLUSTER DAY ภาคเหนือ", "CLUSTER DAY ภาคใต้", "CLUSTER DAY 2569",
          "สัมมนาการตลาดออนไลน์สำหรับ SME", "อบรมการพัฒนาบรรจุภัณฑ์อาหารแปรรูป"]


@pytest.mark.parametrize("text, title", [
    ("อยากลงทะเบียนอบรมออกแบบฉลากค่ะ ไป 3 คนค่ะ", "อบรมออกแบบฉลากสินค้า"),  # shortened
    ("ขอสมัครอบรมฉลากสินค้าออกแบบนะคะ", "อบรมออกแบบฉลากสินค้า"),  # in another order
    ("สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ", "CLUSTER DAY ภาคเหนือ"),
    ("ไปclusterdayภาคใต้๒คนจ้า", "CLUSTER DAY ภาคใต้"),  # no spaces, Thai digits
    ("งาน cluster day ๒๕๖๙ จัดที่ไหนคะ", "CLUSTER DAY 2569"),
    ("คอร์สการตลาดออนไลน์", "สัมมนาการตลาดออนไลน์สำหรับ SME"),
    ("ไปคลัสเตอร์เดย์ภาคใต้๒คนจ้า", "CLUSTER DAY ภาคใต้"),  # the English words in Thai letters (h91)
    ("งานคลัสเตอร์ เดย์ ๒๕๖๙ ยังรับคนอยู่บ่", "CLUSTER DAY 2569"),
    ("ลงทเบียนคลสเตอรเดย์ภาคเหนือค่ะ 1คน", "CLUSTER DAY ภาคเหนือ"),  # marks left out in a hurry (h91)
    ("คลาสเตอร์เดย์ภาคใต้ไปได้ไหม", "CLUSTER DAY ภาคใต้"),
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


ROUNDS = ["อบรมเซรามิกลำปาง รุ่นที่ 1", "อบรมเซรามิกลำปาง รุ่นที่ 9", "อบรมเซรามิกลำปาง รุ่นที่ 11"]


def test_a_title_word_shared_by_several_names_them_all_loosely():
    titles = ["CLUSTER DAY 2569", "CLUSTER DAY อาหารแปรรูปภาคเหนือ", "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก"]
    assert named_titles("cluster day เชียงใหม่", titles) == [0]  # most of "CLUSTER DAY 2569" only
    assert named_loosely("cluster day เชียงใหม่", titles) == [0, 1]
    assert named_loosely("อยากอบรมเรื่องบรรจุภัณฑ์ที่สงขลาค่ะ", titles) == []  # one title's word, shared by none


def test_a_word_two_titles_share_further_on_names_no_series():
    titles = ["CLUSTER DAY อาหารแปรรูปภาคเหนือ", "อบรมการพัฒนาบรรจุภัณฑ์อาหารแปรรูป"]
    assert named_loosely("มีงานอาหารแปรรูปที่เชียงใหม่ไหม", titles) == []


@pytest.mark.parametrize("text", ["มีงานที่ลำปางไหมคะ", "อยากอบรมค่ะ", "ลงทะเบียน 2 คนค่ะ"])
def test_a_province_or_a_generic_word_names_no_title_loosely(text):
    assert named_loosely(text, [*TITLES, *ROUNDS]) == []


@pytest.mark.parametrize("text, n", [("อบรมเซรามิกลำปาง รุ่นที่ 9 ลงทะเบียนค่ะ", 9), ("รุ่น ๑๑ ค่ะ", 11),
                                     ("รุ่นที่1", 1), ("อบรมเซรามิกลำปาง", None), ("ไป 9 คนค่ะ", None)])
def test_the_round_said_is_read_whole(text, n):
    assert round_of(text) == n


def test_the_day_province_and_round_said_are_read_together():
    today = dt.date(2026, 11, 22)
    said = said_of_event("ลงงานวันที่ ๒๒ ธันวาที่ จ.ลำปาง รุ่นที่ 9 ค่ะ", today)
    assert said == SaidOfEvent((dt.date(2026, 12, 22),) * 2, "ลำปาง", 9)
    assert said_of_event("มีงานเดือนหน้าไหม", today).days == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert not said_of_event("สมัครงาน CLUSTER DAY ภาคเหนือ 2 คนครับ", today)
    assert not said_of_event("เห็นประกาศงาน CLUSTER DAY ที่ส่งมาเมื่อวานค่ะ", today)  # a day gone by


@pytest.mark.parametrize("text", ["ลงทเบียนคลสเตอรเดย์22ธคค่ะ 1คน", "22 ธ.ค.ครับ", "๒๒ธคนะคะ", "22ธันวาค่ะ"])
def test_a_day_with_a_particle_run_on_after_its_month_is_read(text):
    assert said_of_event(text, dt.date(2026, 11, 22)).days == (dt.date(2026, 12, 22),) * 2


@pytest.mark.parametrize("text, shared", [
    ("มีอบรมเรื่องบรรจุภัณฑ์ไหมคะ", ["อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก"]),
    ("มีอบรมที่ลำปางไหม", []),  # a province is where, not a topic
    ("มีงานอะไรบ้างคะ", []),  # generic words name no topic
    ("มีอบรมฉลากไหมคะ", ["อบรมฉลากสินค้า"]),  # a word of the message inside a title's
    ("มีสัมมนาเรื่องขอ อย. ไหมคะ", []),  # "รื่อง" of เรื่อง and เครื่องสำอาง is no word they share (h90)
])
def test_a_topic_asked_about_is_a_word_of_a_title_not_a_province_nor_a_generic_word(text, shared):
    titles = ["อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก", "อบรมเซรามิกลำปาง รุ่นที่ 9", "อบรมฉลากสินค้า",
              "สัมมนาเครื่องสำอางสมุนไพรสู่ตลาดโลก"]
    assert [titles[i] for i in sharing_a_word(text, titles)] == shared


def test_the_words_shared_are_said_back_as_the_title_spells_them():
    assert words_shared("มีอบรมบรรจุภัณฑ์ไหม", "อบรมการออกแบบบรรจุภัณฑ์เพื่อการส่งออก") == ["บรรจุภัณฑ์"]
