"""How staff are to reach the entrepreneur: a phone with its extension, kept and shown everywhere staff look;
through the webhook, the fake LINE API, the console and the command line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.dialogue import texts
from storage.models import LineUser, ServiceRequest
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    USER,
    answer_until,
    answer_until_summary,
    requests_in,
    state_of,
)
from tests.console.helpers import signed_in_staff

STAFF = "U" + "5" * 32


@pytest.fixture
def officer(app):
    """An officer of the centre serving เชียงราย, signed in to the console and linked in LINE."""
    return signed_in_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=STAFF)


def filed_with_phone(chat, app, typed: str) -> tuple[list[str], ServiceRequest]:
    """File a packaging request answering the phone question with `typed`: what the user read from then on,
    and the request."""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "phone")
    said = chat.say(USER, typed) + answer_until_summary(chat, app, USER)
    said += chat.tap(USER, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        return said, session.scalars(select(ServiceRequest)).one()


@pytest.mark.parametrize("typed", ["02 123 4567 ต่อ 12", "02-123-4567 ext. 12", "๐๒ ๑๒๓ ๔๕๖๗ ต่อ ๑๒ ค่ะ"])
def test_a_phone_extension_is_kept_and_shown_wherever_the_phone_is(chat, app, line_api, officer, typed):
    said, request = filed_with_phone(chat, app, typed)
    summary, done = said[-2], said[-1]
    assert "เบอร์โทร 021234567 ต่อ 12" in summary and "ที่เบอร์ 021234567 ต่อ 12" in done
    assert request.phone == "021234567" and request.answers["phone"] == "021234567 ต่อ 12"
    [alert] = line_api.delivered_messages(to=STAFF)
    assert "021234567 ต่อ 12" in json.dumps(alert.message, ensure_ascii=False)
    assert "021234567 ต่อ 12" in officer.page(f"/staff/requests/{request.id}")
    assert "021234567 ต่อ 12" in officer.page("/staff/requests")
    assert "021234567 ต่อ 12" in officer.get("/staff/requests.csv?status=all").get_data(as_text=True)
    [accepted] = chat.tap(STAFF, f"accept={request.id}")
    assert "021234567 ต่อ 12" in accepted
    [row] = app.test_cli_runner().invoke(args=["requests", "list", "--json"]).output.splitlines()
    assert json.loads(row)["phone"] == "021234567"  # digits, as the command promises; the extension beside it


def test_the_phone_with_its_extension_is_offered_again_next_time(chat, app):
    filed_with_phone(chat, app, "02 123 4567 ต่อ 12")
    said = chat.say(USER, FIRST_MESSAGES["consulting"])
    assert "ใช้ข้อมูลเดิมไหมคะ" in said[-1] and "เบอร์โทร: 021234567 ต่อ 12" in said[-1]


def test_two_numbers_are_both_kept_the_first_as_the_request_s_phone_and_offered_again_next_time(
        chat, app, line_api, officer):
    said, request = filed_with_phone(chat, app, "0812223333 หรือ 0898887777 ก็ได้ค่ะ")
    assert "0812223333 หรือ 0898887777" in said[-2] and "0812223333 หรือ 0898887777" in said[-1]
    assert request.phone == "0812223333" and request.answers["phone"] == "0812223333 หรือ 0898887777"
    assert "0898887777" in officer.page(f"/staff/requests/{request.id}")
    said = chat.say(USER, FIRST_MESSAGES["consulting"])
    assert "เบอร์โทร: 0812223333 หรือ 0898887777" in said[-1]


def test_whose_each_number_is_and_each_extension_are_kept_for_the_officer(chat, app, officer):
    said, request = filed_with_phone(chat, app, "เบอร์ป้อ 054-123456 ต่อ 2 ถ้าบ่รับโทรหาหนู 093-111-2222 ต่อ 15 เจ้า")
    given = "054123456 ต่อ 2 (ป้อ) หรือ 0931112222 ต่อ 15 (ผู้แจ้ง)"
    assert f"เบอร์โทร {given}" in said[-2] and request.phone == "054123456" and request.answers["phone"] == given
    assert "0931112222 ต่อ 15 (ผู้แจ้ง)" in officer.page(f"/staff/requests/{request.id}")


def test_the_number_to_call_first_is_the_request_s_phone(chat, app):
    _, request = filed_with_phone(chat, app, "พ่อ 054-511234 หนู 0812345000 (โทรหาหนูก่อนนะคะ พ่อไม่ค่อยได้ยิน)")
    assert request.phone == "0812345000" and request.answers["phone"] == "0812345000 (ผู้แจ้ง) หรือ 054511234 (พ่อ)"


@pytest.mark.parametrize(("typed", "given"), [
    ("ป้าสมใจ 086-123-4567 น้องเก๋ 098-765-4321", "0861234567 (ป้าสมใจ) หรือ 0987654321 (น้องเก๋)"),
    ("0812345000 (มิ้นท์) หรือ 02 123 4567 ต่อ 12 (ออฟฟิศ)", "0812345000 (มิ้นท์) หรือ 021234567 ต่อ 12 (ออฟฟิศ)"),
    ("ติดต่อพี่ได้ที่ 0812345678 (โทรหลังเที่ยงนะคะ)", "0812345678"),
    ("เบอร์ป้าไม่ค่อยได้รับ โทรหาลูกสาวดีกว่า 0923456789 ชื่อแนน", "0923456789 (ลูกสาว แนน)"),
    ("เบอร์ก๊ะ 0874561230 หรือโทรหาบังหมาน 0819998888", "0874561230 (ก๊ะ) หรือ 0819998888 (บังหมาน)"),
    ("ตามสะดวกค่ะ 0812345678 (เช้า)", "0812345678"),  # no one called ตามสะดวก, nor เช้า
])
def test_a_person_named_beside_a_number_is_kept_with_it(chat, app, typed, given):
    _, request = filed_with_phone(chat, app, typed)
    assert request.answers.get("phone", request.phone) == given  # kept in answers when it says more than the number


def test_three_numbers_with_extensions_are_cut_to_what_the_profile_keeps(chat, app):
    _, request = filed_with_phone(chat, app, "02 123 4567 ต่อ 1234 หรือ 02 765 4321 ต่อ 4321 หรือ 0812345678 ต่อ 12")
    assert request.answers["phone"] == "021234567 ต่อ 1234 หรือ 027654321 ต่อ 4321"
    said = chat.say(USER, FIRST_MESSAGES["consulting"])
    assert "เบอร์โทร: 021234567 ต่อ 1234 หรือ 027654321 ต่อ 4321" in said[-1]


def test_a_province_alone_at_the_phone_question_is_taken_and_said_so(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "phone")
    [again] = chat.say(USER, "เชียงรายค่ะ")
    assert again.startswith("รับทราบจังหวัดเชียงรายค่ะ") and "ขอเบอร์โทร" in again
    said = chat.say(USER, "0812223333")
    assert "จังหวัดไหน" not in " ".join(said) and state_of(app, USER) == "confirm"


def test_an_extension_typed_in_the_first_message_is_kept_with_the_phone(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากทำกล่องใหม่ให้ขนมเปี๊ยะค่ะ โทร 02 123 4567 ต่อ 12 นะคะ")
    said = answer_until_summary(chat, app, USER)
    assert "ขอเบอร์โทร" not in " ".join(said) and "เบอร์โทร 021234567 ต่อ 12" in said[-1]
    chat.tap(USER, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        request = session.scalars(select(ServiceRequest)).one()
    assert request.phone == "021234567" and request.answers["phone"] == "021234567 ต่อ 12"


@pytest.mark.parametrize("typed", ["ไม่สะดวกให้เบอร์ค่ะ ติดต่อทางไลน์นี้ได้เลย", "ติดต่อทาง LINE ได้ไหมคะ", "ไม่มีเบอร์ค่ะ"])
def test_someone_who_would_rather_not_give_a_phone_is_contacted_on_line_and_the_request_goes_on(
        chat, app, line_api, officer, typed):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "phone")
    [noted] = chat.say(USER, typed)
    assert "ทาง LINE นี้" in noted and noted.endswith("(พิมพ์ชื่อจังหวัด หรือแชร์ตำแหน่ง)")
    said = answer_until_summary(chat, app, USER)
    assert "เบอร์โทร ทาง LINE (ไม่สะดวกให้เบอร์)" in said[-1]
    [done] = chat.tap(USER, "confirm=yes")
    assert "ทาง LINE นี้" in done and "ที่เบอร์" not in done
    with app.extensions["frontdesk"].sessions() as session:
        request = session.scalars(select(ServiceRequest)).one()
    assert request.service == "packaging" and request.business_name == ANSWERS["business_name"]
    assert request.phone is None and request.answers["phone"] == "LINE"
    [alert] = line_api.delivered_messages(to=STAFF)
    assert "ทาง LINE (ไม่สะดวกให้เบอร์)" in json.dumps(alert.message, ensure_ascii=False)
    assert "ทาง LINE (ไม่สะดวกให้เบอร์)" in officer.page(f"/staff/requests/{request.id}")
    [accepted] = chat.tap(STAFF, f"accept={request.id}")
    assert "ทาง LINE" in accepted and "ตอบ" in accepted


@pytest.mark.parametrize("typed", ["โทร 0776543210 ครับ", "โทร 081-777-666 ค่ะ"])
def test_a_wrong_number_said_with_โทร_is_told_wrong_and_the_request_goes_on(chat, app, typed):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["business_matching"])
    answer_until(chat, app, USER, "phone")
    said = chat.say(USER, typed)  # contact_staff to the classifier: โทร
    assert "เบอร์โทรไม่ถูกต้อง" in said[-1] and state_of(app, USER) == "phone"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.business_name) == ("business_matching", ANSWERS["business_name"])


@pytest.mark.parametrize(("name", "told"), [
    ("สมศรี ใจดี", "คุณสมศรี ใจดี"), ("นายอับดุลเลาะ สาและ", "คุณอับดุลเลาะ สาและ"), ("คุณแอน", "คุณแอน"),
    ("น.ส.กมลวรรณ ใจดี", "คุณกมลวรรณ ใจดี"), ("ดร.สมชาย", "ดร.สมชาย"),
])
def test_the_officer_is_told_whom_to_call_with_one_title(name, told):
    assert texts.addressed(name) == told


def profile_of(app, user_id: str = USER) -> LineUser:
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalars(select(LineUser).where(LineUser.line_user_id == user_id)).one()


def filed_with_contact(chat, app, first: str, typed: str) -> tuple[list[str], ServiceRequest]:
    """File the request `first` asks for, answering the contact question with `typed`: what the user read from then
    on, and the request."""
    chat.consent(USER)
    chat.say(USER, first)
    answer_until(chat, app, USER, "contact_name")
    said = chat.say(USER, typed) + answer_until_summary(chat, app, USER)
    said += chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    return said, request


@pytest.mark.parametrize(("typed", "person", "business"), [
    ("วิชัย ศรีทอง บ.วิชัยออโต้พาร์ท", "วิชัย ศรีทอง", "บ.วิชัยออโต้พาร์ท"),
    ("สมศรี ใจดี ร้านสมศรีเบเกอรี่", "สมศรี ใจดี", "ร้านสมศรีเบเกอรี่"),
    ("นายเอก ทองดี หจก.เอกการช่าง 081-222-3344", "นายเอก ทองดี", "หจก.เอกการช่าง"),
    ("ชื่อแดงค่ะ จากวิสาหกิจชุมชนบ้านนา", "แดง", "วิสาหกิจชุมชนบ้านนา"),
    ("ผมสมชายครับ จากบริษัท สยามฟู้ดส์ จำกัดครับ", "สมชาย", "บริษัท สยามฟู้ดส์ จำกัด"),
    ("John Smith, ABC Trading Co., Ltd.", "John Smith", "ABC Trading Co., Ltd."),
])
def test_a_business_typed_with_the_contact_s_name_is_kept_apart_as_the_business(chat, app, typed, person, business):
    said, request = filed_with_contact(chat, app, "ขอคุยกับเจ้าหน้าที่ค่ะ", typed)
    assert (request.contact_name, request.business_name) == (person, business)
    assert f"ชื่อผู้ติดต่อ {person} เบอร์โทร" in said[-2]
    profile = profile_of(app)
    assert (profile.contact_name, profile.business_name) == (person, business)


def test_a_business_typed_with_the_name_does_not_replace_the_one_given(chat, app):
    _, request = filed_with_contact(chat, app, FIRST_MESSAGES["packaging"], "สมศรี ใจดี ร้านสมศรีเบเกอรี่")
    assert (request.contact_name, request.business_name) == ("สมศรี ใจดี", ANSWERS["business_name"])


def test_a_person_typed_with_the_business_is_the_contact_and_not_asked_again(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")
    said = chat.say(USER, "นายเอก ทองดี หจก.เอกการช่าง")
    assert "ขอชื่อผู้ติดต่อ" not in said[-1] and state_of(app, USER) == "phone"
    said = answer_until_summary(chat, app, USER) + chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name, request.business_name) == ("นายเอก ทองดี", "หจก.เอกการช่าง")


@pytest.mark.parametrize(("typed", "person"), [("ผมสมชายครับ", "สมชาย"), ("ดิฉันชื่อสุดาค่ะ", "สุดา")])
def test_a_name_said_with_a_pronoun_is_kept_without_it(chat, app, typed, person):
    _, request = filed_with_contact(chat, app, "ขอคุยกับเจ้าหน้าที่ค่ะ", typed)
    assert (request.contact_name, request.business_name) == (person, None)


def test_a_business_typed_with_the_name_leaves_the_one_known_from_before_in_the_profile(chat, app):
    chat.consent(USER)
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        session.scalars(select(LineUser).where(LineUser.line_user_id == USER)).one().business_name = "ร้านเดิม"
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่ค่ะ")
    answer_until(chat, app, USER, "contact_name")
    chat.say(USER, "วิชัย ศรีทอง บ.วิชัยออโต้พาร์ท")
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name, request.business_name) == ("วิชัย ศรีทอง", "บ.วิชัยออโต้พาร์ท")
    assert profile_of(app).business_name == "ร้านเดิม"


def test_a_shop_named_in_two_words_at_its_question_is_the_shop_and_the_contact_is_still_asked(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")
    said = chat.say(USER, "นางฟ้าเบเกอรี่ ร้านขนม")
    assert "ขอชื่อผู้ติดต่อ" in said[-1] and state_of(app, USER) == "contact_name"
