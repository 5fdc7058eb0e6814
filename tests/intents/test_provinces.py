"""Province data and finding a province in what people type."""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intents.provinces import (
    AMBIGUOUS_TERMS,
    PROVINCES_FILE,
    Province,
    all_provinces,
    closest_province,
    district_alone,
    find_province,
    nearest_province,
    province_by_name,
)

# Written out here, independently of provinces.json, as the Ministry of Interior spells them.
OFFICIAL_NAMES = [
    "กรุงเทพมหานคร",
    "กระบี่",
    "กาญจนบุรี",
    "กาฬสินธุ์",
    "กำแพงเพชร",
    "ขอนแก่น",
    "จันทบุรี",
    "ฉะเชิงเทรา",
    "ชลบุรี",
    "ชัยนาท",
    "ชัยภูมิ",
    "ชุมพร",
    "เชียงราย",
    "เชียงใหม่",
    "ตรัง",
    "ตราด",
    "ตาก",
    "นครนายก",
    "นครปฐม",
    "นครพนม",
    "นครราชสีมา",
    "นครศรีธรรมราช",
    "นครสวรรค์",
    "นนทบุรี",
    "นราธิวาส",
    "น่าน",
    "บึงกาฬ",
    "บุรีรัมย์",
    "ปทุมธานี",
    "ประจวบคีรีขันธ์",
    "ปราจีนบุรี",
    "ปัตตานี",
    "พระนครศรีอยุธยา",
    "พะเยา",
    "พังงา",
    "พัทลุง",
    "พิจิตร",
    "พิษณุโลก",
    "เพชรบุรี",
    "เพชรบูรณ์",
    "แพร่",
    "ภูเก็ต",
    "มหาสารคาม",
    "มุกดาหาร",
    "แม่ฮ่องสอน",
    "ยโสธร",
    "ยะลา",
    "ร้อยเอ็ด",
    "ระนอง",
    "ระยอง",
    "ราชบุรี",
    "ลพบุรี",
    "ลำปาง",
    "ลำพูน",
    "เลย",
    "ศรีสะเกษ",
    "สกลนคร",
    "สงขลา",
    "สตูล",
    "สมุทรปราการ",
    "สมุทรสงคราม",
    "สมุทรสาคร",
    "สระแก้ว",
    "สระบุรี",
    "สิงห์บุรี",
    "สุโขทัย",
    "สุพรรณบุรี",
    "สุราษฎร์ธานี",
    "สุรินทร์",
    "หนองคาย",
    "หนองบัวลำภู",
    "อ่างทอง",
    "อำนาจเจริญ",
    "อุดรธานี",
    "อุตรดิตถ์",
    "อุทัยธานี",
    "อุบลราชธานี",
]


def _name(text: str) -> str | None:
    province = find_province(text)
    return province.name if province else None


# --- the data ----------------------------------------------------------------------------


def test_data_holds_exactly_the_77_official_names():
    assert len(OFFICIAL_NAMES) == 77
    assert sorted(p.name for p in all_provinces()) == sorted(OFFICIAL_NAMES)


def test_regions_follow_the_six_region_system_with_bangkok_apart():
    regions = Counter(p.region for p in all_provinces())
    assert regions == {
        "bangkok": 1,
        "central": 21,
        "north": 9,
        "northeast": 20,
        "east": 7,
        "west": 5,
        "south": 14,
    }


def test_codes_english_names_and_aliases_are_unambiguous():
    provinces = all_provinces()
    assert len({p.code for p in provinces}) == 77
    assert len({p.name_en.casefold() for p in provinces}) == 77
    owners: dict[str, str] = {}
    for province in provinces:
        for alias in province.aliases:
            assert owners.setdefault(alias.casefold(), province.name) == province.name, alias


def test_seats_lie_in_thailand_with_four_decimals():
    for province in all_provinces():
        assert 5.6 < province.lat < 20.5 and 97.3 < province.lon < 105.7, province.name
        assert round(province.lat, 4) == province.lat and round(province.lon, 4) == province.lon


def test_file_is_a_plain_list_other_code_can_read():
    rows = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))
    assert isinstance(rows, list) and len(rows) == 77
    assert set(rows[0]) >= {"name", "name_en", "aliases", "region", "lat", "lon"}


def test_province_by_name_takes_only_the_official_name():
    korat = province_by_name("นครราชสีมา")
    assert isinstance(korat, Province) and korat.name_en == "Nakhon Ratchasima"
    assert province_by_name("โคราช") is None
    assert province_by_name("Atlantis") is None


# --- finding a province ------------------------------------------------------------------


@pytest.mark.parametrize("name", OFFICIAL_NAMES)
def test_every_official_name_is_found_alone_with_prefix_and_in_a_sentence(name):
    assert _name(name) == name
    assert _name(f"จ.{name}") == name
    assert _name(f"จังหวัด{name}") == name
    assert _name(f"สวัสดีค่ะ ร้านอยู่ จ. {name} ค่ะ อยากทำบรรจุภัณฑ์") == name


@pytest.mark.parametrize("province", all_provinces(), ids=lambda p: p.name_en)
def test_every_english_name_is_found_in_any_case(province):
    assert find_province(province.name_en) == province
    assert find_province(province.name_en.upper()) == province
    assert find_province(f"I am in {province.name_en.lower()} province") == province


@pytest.mark.parametrize(
    "province,alias",
    [(p, alias) for p in all_provinces() for alias in p.aliases],
    ids=lambda value: value if isinstance(value, str) else value.name_en,
)
def test_every_alias_names_its_own_province(province, alias):
    assert find_province(f"จ.{alias}") == province
    if alias not in AMBIGUOUS_TERMS:
        assert find_province(f"ผมอยู่ {alias} ครับ") == province


@pytest.mark.parametrize(
    "text,expected",
    [
        ("กทม", "กรุงเทพมหานคร"),
        ("อยู่กทม.ครับ", "กรุงเทพมหานคร"),
        ("กรุงเทพฯ", "กรุงเทพมหานคร"),
        ("ร้านอยู่กรุงเทพค่ะ", "กรุงเทพมหานคร"),
        ("Bangkok", "กรุงเทพมหานคร"),
        ("BKK", "กรุงเทพมหานคร"),
        ("bkk jaa", "กรุงเทพมหานคร"),
        ("โคราช", "นครราชสีมา"),
        ("ทำโรงงานที่โคราชครับ", "นครราชสีมา"),
        ("Korat", "นครราชสีมา"),
        ("อยุธยา", "พระนครศรีอยุธยา"),
        ("Ayutthaya", "พระนครศรีอยุธยา"),
        ("นครศรีอยุธยา", "พระนครศรีอยุธยา"),
        ("สุราษฎร์", "สุราษฎร์ธานี"),
        ("สุราษ", "สุราษฎร์ธานี"),
        ("ประจวบ", "ประจวบคีรีขันธ์"),
        ("นครศรี", "นครศรีธรรมราช"),
        ("สุพรรณ", "สุพรรณบุรี"),
        ("อุบล", "อุบลราชธานี"),
        ("จ.เชียงราย", "เชียงราย"),
        ("Chiang Mai", "เชียงใหม่"),
        ("chiangmai", "เชียงใหม่"),
        ("CHIANG-MAI", "เชียงใหม่"),
        ("ศรีษะเกษ", "ศรีสะเกษ"),
        ("อุตรดิษฐ์", "อุตรดิตถ์"),
        ("ขอนเเก่น", "ขอนแก่น"),
        ("ลําปาง", "ลำปาง"),
        ("เชียง ใหม่", "เชียงใหม่"),
        ("แปดริ้ว", "ฉะเชิงเทรา"),
        ("ส่งของจากฉะเชิงค่ะ", "ฉะเชิงเทรา"),
        ("อยู่เมืองคอนค่ะ", "นครศรีธรรมราช"),
        ("ปากน้ำโพ", "นครสวรรค์"),
        ("หาดใหญ่", "สงขลา"),
        ("ร้านอยู่หาดใหญ่ค่ะ", "สงขลา"),
        ("พัทยา", "ชลบุรี"),
        ("Pattaya", "ชลบุรี"),
        ("ทำโรงงานที่แม่สอดครับ", "ตาก"),
        ("ออฟฟิศอยู่บางนา", "กรุงเทพมหานคร"),
        ("ร้านอยู่ลาดพร้าวค่ะ", "กรุงเทพมหานคร"),
        ("โรงงานแถวบางขุนเทียนครับ", "กรุงเทพมหานคร"),
        ("เปิดร้านกาแฟที่ปทุมวันค่ะ", "กรุงเทพมหานคร"),
        ("เขตวัฒนา", "กรุงเทพมหานคร"),
        ("สยาม ปทุมวัน", "กรุงเทพมหานคร"),
        ("บ้านอยู่สายไหมครับ", "กรุงเทพมหานคร"),
        ("ทำขนมอยู่รังสิตค่ะ", "ปทุมธานี"),
        ("ปากเกร็ด", "นนทบุรี"),
        ("โรงงานอยู่บางพลีครับ", "สมุทรปราการ"),
        ("อำเภอศรีราชาค่ะ", "ชลบุรี"),
        ("ร้านอยู่หัวหินครับ", "ประจวบคีรีขันธ์"),
        ("ทำไร่ที่ปากช่อง", "นครราชสีมา"),
        ("ศีรสะเกษ", "ศรีสะเกษ"),
    ],
)
def test_aliases_people_type(text, expected):
    assert _name(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("นครปฐม", "นครปฐม"),
        ("นครพนม", "นครพนม"),
        ("สระบุรี", "สระบุรี"),
        ("สระแก้ว", "สระแก้ว"),
        ("ชัยนาท", "ชัยนาท"),
        ("ชัยภูมิ", "ชัยภูมิ"),
        ("เพชรบุรี", "เพชรบุรี"),
        ("เพชรบูรณ์", "เพชรบูรณ์"),
        ("สมุทรสาคร", "สมุทรสาคร"),
        ("สมุทรสงคราม", "สมุทรสงคราม"),
        ("นครศรีธรรมราช", "นครศรีธรรมราช"),
        ("พระนครศรีอยุธยา", "พระนครศรีอยุธยา"),
        ("อุดรธานี", "อุดรธานี"),
        ("อุดรดิตถ์", "อุตรดิตถ์"),
        ("อุทัยธานี", "อุทัยธานี"),
        ("หนองบัวลำภู", "หนองบัวลำภู"),
    ],
)
def test_lookalikes_are_told_apart(text, expected):
    assert _name(f"ขอติดต่อศูนย์ที่{text}ครับ") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("จ.ตาก", "ตาก"),
        ("จังหวัดเลย", "เลย"),
        ("อ.เมืองแพร่", "แพร่"),
        ("เมืองน่าน", "น่าน"),
        ("จว.น่าน", "น่าน"),
        ("เลย", "เลย"),
        ("เลยครับ", "เลย"),
        ("ตาก ค่ะ", "ตาก"),
        ("แพร่!", "แพร่"),
        ("Loei", "เลย"),
        ("phrae", "แพร่"),
        ("จ.อุทัย", "อุทัยธานี"),
        ("กลุ่มทอผ้าไทลื้อที่น่าน อยากได้ดีไซน์ใหม่", "น่าน"),
        ("ผมอยู่ตากครับ", "ตาก"),
        ("มาจากแพร่ค่ะ", "แพร่"),
        ("ร้านอยู่ที่เลย", "เลย"),
        ("ปากน้ำค่ะ", "สมุทรปราการ"),
        ("ร้านอยู่ปากน้ำครับ", "สมุทรปราการ"),
        ("นนท์", "นนทบุรี"),
        ("อยู่นนท์ค่ะ", "นนทบุรี"),
        ("กาญ", "กาญจนบุรี"),
        ("มาจากกาญครับ", "กาญจนบุรี"),
        ("ชลค่ะ", "ชลบุรี"),
        ("โรงงานอยู่ชลครับ", "ชลบุรี"),
        ("อยู่สาครค่ะ", "สมุทรสาคร"),
        ("ส่งผ้าทอจากน่านไปญี่ปุ่นได้ไหมคะ", "น่าน"),
        ("ผ้าทอมือจากน่านอยากทำแพ็กเกจใหม่", "น่าน"),
    ],
)
def test_names_that_are_everyday_words_count_in_a_locational_place(text, expected):
    assert _name(text) == expected


@pytest.mark.parametrize("text", ["ทุเรียนตราดส่งออก", "ตราดค่ะ", "จ.ตราด", "ส่งจากตราดไปญี่ปุ่น"])
def test_a_name_that_starts_everyday_words_counts_as_a_word_of_its_own(text):
    assert _name(text) == "ตราด"  # while the brands of "น้ำปลาตราดาว" and "ซอสพริกตราดอกบัว" are not


@pytest.mark.parametrize(
    "text",
    [
        "ผลไม้ตากแดด",
        "กล้วยตากแห้ง ทำแพ็กเกจยังไงดี",
        "ตากผ้าไว้",
        "อยู่เลย",
        "อยู่เลยครับ",
        "เข้ามาข้างในเลยค่ะ",
        "งานที่เลยกำหนดส่ง",
        "ลานที่ตากข้าว",
        "ดีมากเลยครับ",
        "ขอบคุณมากเลยค่ะ",
        "ทำได้เลยไหม",
        "อยากเผยแพร่สินค้า",
        "โรคแพร่ระบาด",
        "ใช้กันแพร่หลาย",
        "น่านฟ้าไทย",
        "โอนผ่านธนาคารกรุงเทพได้ไหม",
        "บัญชีธนาคารกรุงศรีอยุธยา",
        "สำนักงานอยู่ถนนเพชรบุรี",
        "ถ.สุโขทัย",
        "เขื่อนอุบลรัตน์",
        "คุณสุพรรณี",
        "ประจวบเหมาะพอดี",
        "ผมชื่อวัฒนาครับ",
        "ขายสายไหมค่ะ อยากได้บรรจุภัณฑ์ใหม่",
        "ทำซอสศรีราชาขายค่ะ",
        "ดินแดงปลูกอะไรดี",
        "จัดงานที่โรงแรมดุสิตธานี",
        "ผมชื่ออานนท์ครับ",
        "คุณกาญจนา",
        "ร้านอยู่กาญจนาภิเษก",
        "ขอน้ำจากกรมชลประทาน",
        "ที่ชลประทานส่งน้ำ",
        "คุณชลธิชาค่ะ",
        "ผมชื่อสาครครับ",
        "ห้องที่น่านอน",
        "สินค้าที่น่านับถือ",
        "ที่ปากน้ำปราณ",
        "บางนางลี่",
        "น้ำปลาตราดาวค่ะ",
        "ซอสพริกตราดอกบัว",
        "ขนมเปี๊ยะตราดี",
        "อยากทำบรรจุภัณฑ์ใหม่",
        "",
        "   ",
        "Nantes",
        "take it",
    ],
)
def test_everyday_words_are_not_provinces(text):
    assert find_province(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("จากเชียงใหม่ไปลำปาง", "เชียงใหม่"),
        ("ร้านอยู่ถนนเพชรบุรี กรุงเทพฯ", "กรุงเทพมหานคร"),
        ("ตากผ้าที่ จ.ตาก", "ตาก"),
        ("โรงพยาบาลกรุงเทพภูเก็ต", "ภูเก็ต"),
    ],
)
def test_the_first_real_mention_wins(text, expected):
    assert _name(text) == expected


# --- nearest ---------------------------------------------------------------------------


@pytest.mark.parametrize("province", all_provinces(), ids=lambda p: p.name_en)
def test_a_seat_is_nearest_to_its_own_province(province):
    assert nearest_province(province.lat, province.lon) == province
    assert nearest_province(province.lat + 0.01, province.lon - 0.01) == province


@pytest.mark.parametrize(
    "lat,lon,expected",
    [
        (13.7500, 100.4913, "กรุงเทพมหานคร"),  # Grand Palace
        (7.0084, 100.4767, "สงขลา"),  # Hat Yai
        (13.1737, 100.9311, "ชลบุรี"),  # Si Racha
        (20.4290, 99.8830, "เชียงราย"),  # Mae Sai
        (16.7131, 98.5747, "ตาก"),  # Mae Sot
    ],
)
def test_nearest_province_by_great_circle(lat, lon, expected):
    assert nearest_province(lat, lon).name == expected


# --- never raises ------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.text() | st.text(alphabet="จ.ตากเลยแพร่น่านกทมโคราช อยู่ครับ Bangkok-ฯๆ\u200b", max_size=60))
def test_any_text_gives_a_province_or_none(text):
    assert find_province(text) is None or isinstance(find_province(text), Province)


def test_a_long_message_is_handled():
    assert _name("ข้อความยาว " * 500 + "โคราช") == "นครราชสีมา"


@pytest.mark.parametrize("typed, province", [
    ("จันบุรี", "จันทบุรี"), ("เชียงหม่ค่ะ", "เชียงใหม่"), ("จ.ขอนแก่", "ขอนแก่น"), ("นนทบุลี", "นนทบุรี"),
    ("สวัสดี", None), ("ดาวอังคาร", None), ("กท", None),
])
def test_a_province_answer_with_a_slip_of_the_finger_is_read_as_the_one_it_is_closest_to(typed, province):
    found = closest_province(typed)
    assert (found.name if found else None) == province


@pytest.mark.parametrize("name", [province.name for province in all_provinces()])
def test_a_name_spelt_right_is_its_own_closest_province(name):
    assert closest_province(name + "ค่ะ").name == name


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("หางดง", "เชียงใหม่"),  # typed alone at "which province?"
        ("อยู่หางดงค่ะ", "เชียงใหม่"),
        ("ศูนย์ที่ใกล้หางดงที่สุดอยู่ไหนคะ", "เชียงใหม่"),
        ("อ.บ้านโป่งค่ะ", "ราชบุรี"),
        ("ร้านอยู่ปากพนัง ขายปลาเค็ม", "นครศรีธรรมราช"),
        ("ทำเซรามิกที่ อ.เกาะคา", "ลำปาง"),
        ("อ.สอง", "แพร่"),  # an everyday word, after อ.
        ("อำเภอหลังสวน จ.ชุมพร", "ชุมพร"),
        ("อ.ตากใบ", "นราธิวาส"),  # not ตาก
        ("ศรีเชียงใหม่", "หนองคาย"),  # a district of Nong Khai, not the province it contains
    ],
)
def test_a_district_names_its_province(text, province):
    assert find_province(text).name == province


@pytest.mark.parametrize(
    "text",
    [
        "ขอไปสองคนค่ะ",  # สอง, a district of Phrae, is "two"
        "มะขามแช่อิ่ม",  # มะขาม, of Chanthaburi, is tamarind
        "ส่งของไปท่าเรือ",  # ท่าเรือ, of Ayutthaya, is a port
        "เก็บของไว้ที่หลังสวนค่ะ",  # หลังสวน, of Chumphon, is "behind the garden"
        "ร้านสองพี่น้อง",
        "อ.จอมทอง",  # Bangkok's and Chiang Mai's
        "อ.เฉลิมพระเกียรติ",  # five provinces have one
    ],
)
def test_a_district_word_that_is_not_plainly_a_place_names_no_province(text):
    assert find_province(text) is None


@pytest.mark.parametrize("typed", ["อ.เมืองค่ะ", "ในเมืองค่ะ", "อำเภอเมือง"])
def test_the_seat_s_district_alone_names_no_province(typed):
    assert find_province(typed) is None and closest_province(typed) is None  # not ดอนเมือง, Bangkok


def test_a_province_named_outright_wins_over_a_district_of_another():
    assert find_province("ส่งขายแถวบางละมุง ร้านอยู่ระยอง").name == "ระยอง"


@pytest.mark.parametrize(("answer", "province"), [
    ("สะเดาครับ", "สงขลา"), ("ระโนดหนิ", "สงขลา"), ("ฝาง", "เชียงใหม่"), ("ปายค่ะ", "แม่ฮ่องสอน"),
    ("ร้านอยู่สะเดาค่ะ", "สงขลา"), ("อยู่ที่ฝางครับ", "เชียงใหม่"), ("บ้านก็อยู่ระโนดหนิ", "สงขลา"),
    ("ร้านเราอยู่แถวปายค่ะ", "แม่ฮ่องสอน"), ("ทางร้านอยู่ระโนดค่ะ", "สงขลา"), ("เฮาอยู่ฝางเจ้า", "เชียงใหม่"),
])
def test_a_district_alone_answers_which_province_even_when_it_is_an_everyday_word(answer: str, province: str) -> None:
    found = district_alone(answer)
    assert found is not None and found.name == province


# More than the district, the seat's district of any province, or a district that is an everyday phrase ("บ้านนา",
# "home in the fields"), which counts after อ. only.
@pytest.mark.parametrize("answer", ["สะเดาผัดกุ้ง", "อ.เมือง", "บ้านค่ะ", "ร้านอยู่ในซอย", "บ้านนาค่ะ", "หลังสวน",
                                    "ร้านอยู่บ้านนาค่ะ", "ทำขนมขายที่สะเดา", "บ้านอยู่ระโนด ทำปลาเค็ม", "แถววิภาวดีค่ะ",
                                    "ร้านอยู่ศรีนครินทร์", "แถวสุวรรณภูมิค่ะ", "ที่สำโรงค่ะ", "ร้านอยู่เทพารักษ์",
                                    "แถวมหาราช", "ร้านอยู่ชนบทค่ะ", "ที่สองค่ะ", "ลูกค้าอยู่สะเดา", "ไม่ได้อยู่สะเดาค่ะ"])
def test_anything_more_or_less_than_a_district_is_no_district(answer: str) -> None:
    assert district_alone(answer) is None
