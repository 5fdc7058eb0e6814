"""Entities the dialogue needs, read from messages as people type them."""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intents.dates import bangkok_today, names_a_month, parse_date, parse_period, time_of_day
from intents.entities import (
    SECTORS,
    extract_entities,
    parse_email,
    parse_people,
    parse_phone,
    parse_phone_extension,
    parse_phones,
    parse_reference,
    parse_sector,
)

MONDAY = dt.date(2026, 12, 14)  # the fixed "today" of the date tables (๑๔ ธ.ค. ๒๕๖๙)

# --- phone -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("081-234-5678", "0812345678"),
        ("0812345678", "0812345678"),
        ("+66812345678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66-81-234-5678", "0812345678"),
        ("66812345678", "0812345678"),
        ("+66 (0) 81 234 5678", "0812345678"),
        ("๐๘๑๒๓๔๕๖๗๘", "0812345678"),
        ("๐๘๑-๒๓๔-๕๖๗๘", "0812345678"),
        ("081.234.5678", "0812345678"),
        ("081 - 234 - 5678", "0812345678"),
        ("(081) 234 5678", "0812345678"),
        ("0612345678", "0612345678"),
        ("099 999 9999", "0999999999"),
        ("02 123 4567", "021234567"),
        ("02-123-4567", "021234567"),
        ("02-123-4567 ต่อ 12", "021234567"),
        ("(02) 123 4567", "021234567"),
        ("+66 2 123 4567", "021234567"),
        ("053-123-456", "053123456"),
        ("โทร.0899999999ค่ะ", "0899999999"),
        ("เบอร์ผม 081 234 5678 นะครับ ติดต่อได้ตลอด", "0812345678"),
        ("ติดต่อ คุณสมชาย 10 คน โทร 081-234-5678 หรือ 089-999-9999", "0812345678"),
        ("โทร 0 7 6 1 2 3 4 5 6", "076123456"),  # digit by digit, as voice typing writes it
        ("๐ ๘ ๑ ๒ ๓ ๔ ๕ ๖ ๗ ๘ ค่ะ", "0812345678"),
    ],
)
def test_phone_in_every_common_shape(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "081234567",  # a digit short
        "08123456789",  # a digit long
        "0212345678",  # landline with 10 digits
        "02-123-456",
        "01-234-5678",  # no such prefix
        "0012345678",
        "1234567890",
        "+1 415 555 0100",
        "ITC-2569-000042",
        "15/12/2569",
        "2026-12-15",
        "09.00-12.00 13.00-16.00",
        "ราคา 1,500 บาท",
        "0 8 1 2 3 4 5 6 7",  # digit by digit, a digit short
        "",
    ],
)
def test_what_is_not_a_valid_thai_phone_is_rejected(text):
    assert parse_phone(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("02 123 4567 ต่อ 12", "12"),
        ("02-123-4567ต่อ1234", "1234"),
        ("๐๒ ๑๒๓ ๔๕๖๗ ต่อ ๑๒ ค่ะ", "12"),
        ("02-123-4567 ext. 12", "12"),
        ("02-123-4567 (#12)", "12"),
        ("โทร 053-111-222 x 305 ได้เลยค่ะ", "305"),
        ("02 123 4567", None),
        ("0812345678 ต่อไปนี้ว่างค่ะ", None),  # the word, not an extension
        ("0812345678 ต่อ 2 คน", None),  # a number of people
        ("02 123 4567 ต่อ 123456", None),  # too long to be one
        ("ต่อ 12", None),  # no phone before it
    ],
)
def test_the_extension_typed_after_a_phone_number(text, expected):
    assert parse_phone_extension(text) == expected


# --- email and reference -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("som.chai@gmail.com", "som.chai@gmail.com"),
        ("อีเมลsomchai@diprom.go.thครับ", "somchai@diprom.go.th"),
        ("ส่งมาที่ A.B+itc@Example.CO.TH นะคะ", "A.B+itc@example.co.th"),
        ("email: info@my-shop.com.", "info@my-shop.com"),
        ("ไม่มีอีเมลค่ะ", None),
        ("somchai@", None),
        ("@gmail.com", None),
    ],
)
def test_email(text, expected):
    assert parse_email(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ITC-2569-000042", "ITC-2569-000042"),
        ("itc-2569-000042", "ITC-2569-000042"),
        ("ITC 2569 000042", "ITC-2569-000042"),
        ("ITC2569000042", "ITC-2569-000042"),
        ("ขอเช็คสถานะ itc-2569-42 ครับ", "ITC-2569-000042"),
        ("ITC-๒๕๖๙-๐๐๐๐๔๒", "ITC-2569-000042"),
        ("เลขที่คำขอ ITC_2570_123456", "ITC-2570-123456"),
        ("ITC", None),
        ("ITC-2569", None),
        ("ITC-2569-1234567", None),
        ("CITC-2569-000042", None),
    ],
)
def test_request_reference_is_normalised(text, expected):
    assert parse_reference(text) == expected


# --- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("10 คน", 10),
        ("10คน", 10),
        ("สิบคน", 10),
        ("๑๕ ท่าน", 15),
        ("ประมาณ 20 คน", 20),
        ("ยี่สิบห้าคนครับ", 25),
        ("สามสิบคน", 30),
        ("20-30 คน", 30),
        ("20 ถึง 30 คน", 30),
        ("1,200 คน", 1200),
        ("ผู้ประกอบการ 12 ราย", 12),
        ("12 people", 12),
        ("8 pax", 8),
        ("จะพาทีมไป 6 คนค่ะ", 6),
        ("20", 20),
        ("๒๐", 20),
        ("ประมาณ 40", 40),
        ("สิบห้า", 15),
        ("คนเดียวครับ", 1),
    ],
)
def test_number_of_people(text, expected):
    assert parse_people(text) == expected


@pytest.mark.parametrize(
    "text",
    ["กี่คน", "กี่สิบคน", "หลายสิบคน", "10 รายการ", "ราคา 500 บาท", "0 คน", "ไม่แน่ใจ", ""],
)
def test_what_is_not_a_number_of_people(text):
    assert parse_people(text) is None


# --- date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("วันนี้", dt.date(2026, 12, 14)),
        ("พรุ่งนี้", dt.date(2026, 12, 15)),
        ("พรุ่งนี้ว่างไหมคะ", dt.date(2026, 12, 15)),
        ("อีก 3 วันค่ะ", dt.date(2026, 12, 17)),
        ("อีกสิบวัน", dt.date(2026, 12, 24)),
        ("มะรืนนี้", dt.date(2026, 12, 16)),
        ("เมื่อวาน", dt.date(2026, 12, 13)),
        ("ศุกร์นี้", dt.date(2026, 12, 18)),
        ("วันศุกร์", dt.date(2026, 12, 18)),
        ("วันศุกร์หน้า", dt.date(2026, 12, 25)),
        ("ศุกร์หน้า", dt.date(2026, 12, 25)),
        ("วันจันทร์นี้", dt.date(2026, 12, 14)),
        ("จันทร์ที่จะถึงนี้", dt.date(2026, 12, 21)),
        ("วันอาทิตย์หน้า", dt.date(2026, 12, 27)),
        ("วันพฤหัสบดี", dt.date(2026, 12, 17)),
        ("next friday", dt.date(2026, 12, 25)),
        ("ยื่นไปเมื่อวันจันทร์", dt.date(2026, 12, 7)),
        ("วันศุกร์ที่แล้ว", dt.date(2026, 12, 11)),
        ("last friday", dt.date(2026, 12, 11)),
        ("15 ธ.ค.", dt.date(2026, 12, 15)),
        ("15 ธ.ค", dt.date(2026, 12, 15)),
        ("15 ธค", dt.date(2026, 12, 15)),
        ("15 ธันวาคม 2569", dt.date(2026, 12, 15)),
        ("15 ธันวา 69", dt.date(2026, 12, 15)),
        ("วันที่ ๑๕ ธ.ค. ๒๕๖๙", dt.date(2026, 12, 15)),
        ("15 ธ.ค. พ.ศ. 2570", dt.date(2027, 12, 15)),
        ("10 ธ.ค.", dt.date(2027, 12, 10)),  # without a year: the next one not in the past
        ("14 ธ.ค.", dt.date(2026, 12, 14)),
        ("1 ม.ค.", dt.date(2027, 1, 1)),
        ("3 กุมภาพันธ์", dt.date(2027, 2, 3)),
        ("20 กรกฏาคม", dt.date(2027, 7, 20)),
        ("29 ก.พ.", dt.date(2028, 2, 29)),
        ("15/12/2569", dt.date(2026, 12, 15)),
        ("15/12/2026", dt.date(2026, 12, 15)),
        ("15-12-2569", dt.date(2026, 12, 15)),
        ("15.12.69", dt.date(2026, 12, 15)),
        ("15/12", dt.date(2026, 12, 15)),
        ("2026-12-15", dt.date(2026, 12, 15)),
        ("2569-12-15", dt.date(2026, 12, 15)),
        ("Dec 20", dt.date(2026, 12, 20)),
        ("20 December 2026", dt.date(2026, 12, 20)),
        ("วันที่ 20", dt.date(2026, 12, 20)),
        ("วันที่ 3", dt.date(2027, 1, 3)),
        ("จันทร์ที่ 21 ครับ", dt.date(2026, 12, 21)),  # the day of the month decides, not the next Monday
        ("วันพุธที่ 16", dt.date(2026, 12, 16)),
        ("วันศุกร์ที่ 18 ธ.ค. นะคะ", dt.date(2026, 12, 18)),
        ("15 ธ.ค. 10 คน", dt.date(2026, 12, 15)),
        ("ขอจองเครื่องวันที่ 20 ธ.ค. เวลา 10.00 น.", dt.date(2026, 12, 20)),
    ],
)
def test_date_relative_to_a_fixed_today(text, expected):
    assert parse_date(text, MONDAY) == expected


@pytest.mark.parametrize(
    "today,text,expected",
    [
        (dt.date(2026, 12, 18), "ศุกร์นี้", dt.date(2026, 12, 18)),  # said on a Friday
        (dt.date(2026, 12, 18), "ศุกร์หน้า", dt.date(2026, 12, 25)),
        (dt.date(2026, 12, 19), "ศุกร์หน้า", dt.date(2026, 12, 25)),  # said on a Saturday
        (dt.date(2026, 12, 31), "พรุ่งนี้", dt.date(2027, 1, 1)),
        (dt.date(2026, 1, 31), "วันที่ 30", dt.date(2026, 3, 30)),
    ],
)
def test_date_depends_on_the_day_it_is_said(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 ก.พ.",
        "32/12/2569",
        "15/13/2569",
        "อาทิตย์หน้า",  # next week, not a day
        "จันทร์",  # the moon
        "บริการ 24/7",
        "5 marketing ideas",
        "ลด 20 มีค่าส่งไหม",
        "1.5 กิโล",
        "10-15 คน",
        "ยังไม่ทราบวันครับ",
        "ไว้อีกวันนะคะ",
        "",
    ],
)
def test_what_is_not_a_date(text):
    assert parse_date(text, MONDAY) is None


@pytest.mark.parametrize(
    "text,first,last",
    [
        ("อาทิตย์หน้า", dt.date(2026, 12, 21), dt.date(2026, 12, 27)),  # next week, Monday to Sunday
        ("สัปดาห์หน้าค่ะ", dt.date(2026, 12, 21), dt.date(2026, 12, 27)),
        ("week หน้า", dt.date(2026, 12, 21), dt.date(2026, 12, 27)),
        ("สัปดาห์นี้", dt.date(2026, 12, 14), dt.date(2026, 12, 20)),
        ("ต้นเดือนหน้า", dt.date(2027, 1, 1), dt.date(2027, 1, 10)),
        ("กลางเดือนหน้าครับ", dt.date(2027, 1, 11), dt.date(2027, 1, 20)),
        ("ปลายเดือนนี้", dt.date(2026, 12, 21), dt.date(2026, 12, 31)),
        ("กลางเดือนนี้", dt.date(2026, 12, 14), dt.date(2026, 12, 20)),  # from today on
        ("สิ้นเดือน", dt.date(2026, 12, 21), dt.date(2026, 12, 31)),
        ("ต้นเดือน", dt.date(2027, 1, 1), dt.date(2027, 1, 10)),  # this month's is over: next month's
        ("ปลายกุมภา", dt.date(2027, 2, 21), dt.date(2027, 2, 28)),
        ("ต้น ม.ค. ปีหน้า", dt.date(2027, 1, 1), dt.date(2027, 1, 10)),
        ("เดือนมีนาคม", dt.date(2027, 3, 1), dt.date(2027, 3, 31)),
        ("เดือนหน้า", dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
        ("ต้นธันวา", dt.date(2027, 12, 1), dt.date(2027, 12, 10)),  # a named month whose part is over: next year's
        ("อีก 2 อาทิตย์", dt.date(2026, 12, 25), dt.date(2026, 12, 31)),  # the days around 28 Dec
        ("อีกสองสัปดาห์ค่ะ", dt.date(2026, 12, 25), dt.date(2026, 12, 31)),
        ("อีกเดือนนึงค่อยมา", dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
        ("หลังปีใหม่ครับ", dt.date(2027, 1, 2), dt.date(2027, 1, 15)),
        ("หลังสงกรานต์", dt.date(2027, 4, 16), dt.date(2027, 4, 30)),
        ("ต้นปีหน้า", dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
        ("กลางปีหน้า", dt.date(2027, 6, 1), dt.date(2027, 6, 30)),
        ("ปลายปีนี้", dt.date(2026, 12, 14), dt.date(2026, 12, 31)),  # from today on
        ("ต้นปี 2571", dt.date(2028, 1, 1), dt.date(2028, 1, 31)),  # the year written
    ],
)
def test_a_stretch_of_days_said_instead_of_a_date(text, first, last):
    assert parse_period(text, MONDAY) == (first, last)


@pytest.mark.parametrize("text", ["วันอาทิตย์หน้า", "ต้นเดือนนี้", "เดือนนี้", "ทำมา 3 เดือนแล้ว", "ยอดขายเดือนละแสน",
                                  "ต้นทุนสูง", "ยังไม่ทราบ", "ปีหน้า", "ปลายปีที่แล้ว", "ต้นทุนปีนี้", "อีกวัน", ""])
def test_what_is_no_stretch_of_days(text):
    assert parse_period(text, MONDAY) is None


@pytest.mark.parametrize(("text", "names"), [
    ("ขอวันที่ 8 ธันวา", True), ("15/12", True), ("15.12.69", True), ("2026-12-15", True), ("มกรา", True),
    ("1.5 กิโล", False), ("บริการ 24/7", False), ("สัปดาห์หน้า", False), ("จันทร์ก็ได้", False),
])
def test_a_month_named_or_a_date_in_figures(text, names):
    assert names_a_month(text) is names


@pytest.mark.parametrize(("text", "said"), [
    ("1 ธ.ค. ช่วงบ่ายค่ะ", "ช่วงบ่าย"), ("ขอช่วงเช้าวันที่ 3 ธ.ค.", "ช่วงเช้า"), ("ตอนเย็น", "ช่วงเย็น"), ("บ่ายๆ", "ช่วงบ่าย"),
    ("ขอใช้เครื่องช่วงบ่ายนะคะ เช้าไม่สะดวก", "ช่วงบ่าย"), ("ทั้งวันเลยครับ", "ทั้งวัน"),
    ("วันอังคารที่ 1 ธ.ค. บ่ายโมง", "13:00 น."), ("บ่ายสองโมงครึ่ง", "14:30 น."), ("บ่าย 3", "15:00 น."),
    ("10 โมงเช้า", "10:00 น."), ("สิบโมงครึ่ง", "10:30 น."), ("4 โมงเย็น", "16:00 น."), ("เที่ยงครึ่ง", "12:30 น."),
    ("2 ธ.ค. 13.00 น.", "13:00 น."), ("เวลา ๙.๓๐ น.", "09:30 น."), ("13:30", "13:30 น."), ("ทั้งวันค่ะ", "ทั้งวัน"),
    ("ขอใช้ทั้งวันได้ไหม", "ทั้งวัน"),
])
def test_a_time_of_day_said_for_a_booking(text, said):
    assert time_of_day(text) == said


@pytest.mark.parametrize("text", ["เช้าไม่สะดวก", "ห้องเย็น", "เครื่องทำความเย็น", "15/12/2569", "1.5 กิโล", "081-234-5678",
                                  "เช้านี้โทรไปไม่มีคนรับ", "ขอ 2 เครื่อง", "24/7", "เที่ยงคืน", "",
                                  "กระเช้าของขวัญปีใหม่", "คำขอเมื่อเช้ายังไม่มีใครรับ", "แจ้งเตือนเด้งทั้งวัน หยุดส่งได้ไหม",
                                  "ขอเปลี่ยนเป็นรอบบ่ายได้ไหม", "ขายที่ตลาดเช้า", "ทำอาหารเช้าขาย", "ใช้เครื่อง 2:30 ชั่วโมง"])
def test_what_is_no_time_of_day(text):
    assert time_of_day(text) is None


def test_today_defaults_to_bangkok():
    before = bangkok_today()
    assert parse_date("วันนี้") in {before, bangkok_today()}


# --- sector ------------------------------------------------------------------------------


def test_sectors_are_the_six_clusters_in_order():
    assert list(SECTORS) == [
        "automotive",
        "cosmetics",
        "gems_jewelry",
        "processed_food",
        "textiles",
        "palm_oil",
    ]
    assert all(SECTORS.values())


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ยานยนต์", "automotive"),
        ("ทำชิ้นส่วนยานยนต์ครับ", "automotive"),
        ("อะไหล่รถ", "automotive"),
        ("Auto Parts", "automotive"),
        ("เครื่องสำอาง", "cosmetics"),
        ("ทำสกินแคร์แบรนด์ตัวเอง", "cosmetics"),
        ("cosmetics", "cosmetics"),
        ("อัญมณี", "gems_jewelry"),
        ("เครื่องประดับเงิน", "gems_jewelry"),
        ("จิวเวลรี่", "gems_jewelry"),
        ("Jewelry", "gems_jewelry"),
        ("อาหารแปรรูป", "processed_food"),
        ("ผมทำขนมไทยขาย", "processed_food"),
        ("processed food", "processed_food"),
        ("สิ่งทอ", "textiles"),
        ("เครื่องนุ่งห่ม", "textiles"),
        ("ทอผ้าไหมครับ", "textiles"),
        ("garment", "textiles"),
        ("ปาล์มน้ำมัน", "palm_oil"),
        ("สวนปาล์มค่ะ", "palm_oil"),
        ("palm oil", "palm_oil"),
        ("ได้ไหมครับ", None),
        ("อยากออกแบบโลโก้", None),
        ("ออกแบบจานให้ร้านอาหารญี่ปุ่น", None),
        ("ร้านอาหารเราทำขนมขายด้วย", "processed_food"),
        ("", None),
    ],
)
def test_sector_from_thai_and_english(text, expected):
    assert parse_sector(text) == expected
    assert expected is None or expected in SECTORS


# --- all together ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "สวัสดีครับ ผมอยู่โคราช จะพาทีม 10 คนไปดูงานวันศุกร์หน้า โทร 081-234-5678",
            {"province": "นครราชสีมา", "people": 10, "date": dt.date(2026, 12, 25), "phone": "0812345678"},
        ),
        (
            "ขอสมัครคลัสเตอร์อาหารแปรรูปค่ะ จ.เชียงราย อีเมล Noi@Mail.com",
            {"province": "เชียงราย", "sector": "processed_food", "email": "Noi@mail.com"},
        ),
        ("เช็คสถานะ ITC 2569 000042 หน่อยครับ", {"reference": "ITC-2569-000042"}),
        ("๑๕ ธ.ค. ๒๕๖๙ มา ๑๕ ท่าน", {"date": dt.date(2026, 12, 15), "people": 15}),
        ("Chiang Mai, +66 81 234 5678", {"province": "เชียงใหม่", "phone": "0812345678"}),
        ("ส่งผ้าทอจากน่านไปญี่ปุ่นได้ไหมคะ", {"province": "น่าน", "sector": "textiles"}),
        ("ร้านอยู่หาดใหญ่ค่ะ 081-234-5678", {"province": "สงขลา", "phone": "0812345678"}),
        ("สวัสดีครับ", {}),
        ("", {}),
    ],
)
def test_extract_entities_returns_only_what_is_found(text, expected):
    assert extract_entities(text, today=MONDAY) == expected


def test_a_bare_number_is_not_people_in_a_whole_message():
    assert "people" not in extract_entities("20", today=MONDAY)
    assert "people" not in extract_entities("ทำงานคนเดียวครับ", today=MONDAY)


# --- never raises ------------------------------------------------------------------------

INTERESTING = (
    "0123456789๐๑๒๓๔๕๖๗๘๙ +-./()@_:,ITCitcคนท่านรายสิบยี่เอ็ดร้อยพันแสนธ.ค.มีนาวันที่ศุกร์หน้านี้"
    "พรุ่งนี้จ.ตากกทมผ้าปาล์มอาหาร\u200b\n\t😀"
)


@settings(max_examples=400, deadline=None)
@given(st.text() | st.text(alphabet=INTERESTING, max_size=80))
def test_any_text_never_raises(text):
    found = extract_entities(text, today=MONDAY)
    assert set(found) <= {"province", "phone", "email", "reference", "people", "date", "sector"}
    for parse in (parse_phone, parse_phone_extension, parse_email, parse_reference, parse_people, parse_sector):
        parse(text)
    parse_date(text, MONDAY)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " " * 5000,
        "ก" * 5000,
        "0" * 5000,
        "0" * 5000 + " คน",
        "๑" * 5000,
        "😀" * 2000,
        "\x00\x01\x1f\x7f",
        "\ud800",
        "เมื่อวัน" + " " * 5000,
        "15" + " " * 5000 + "x",
        "5" + " " * 5000 + "ครับ x",
        "081" + " 1" * 2500,
    ],
)
def test_edge_texts_never_raise(text):
    assert isinstance(extract_entities(text, today=MONDAY), dict)
    for parse in (parse_phone, parse_phone_extension, parse_email, parse_reference, parse_people, parse_sector):
        parse(text)
    parse_date(text, MONDAY)


@pytest.mark.parametrize("today", [dt.date.min, dt.date.max])
def test_extreme_todays_never_raise(today):
    extract_entities("วันนี้ พรุ่งนี้ เมื่อวาน วันศุกร์หน้า 15 ธ.ค. วันที่ 31", today=today)


def test_every_number_of_a_message_is_found_once_in_order():
    assert parse_phones("0812223333 หรือ 089-888-7777 หรือ 0812223333 ก็ได้ค่ะ") == ["0812223333", "0898887777"]
