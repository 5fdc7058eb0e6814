"""A person asked for while a request is still open: about that request, the officer who has it (or its centre) is
told on LINE and nothing new is filed; about something else, the call-back request is made as before. Through the
webhook, the database and the fake LINE API."""

from __future__ import annotations

import pytest

from bot.line import fake_events as ev
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    STAFF,
    USER,
    add_staff,
    answer_until,
    answer_until_summary,
    centre_of,
    file_packaging_request,
    requests_in,
)
from tests.chat import quick_replies
from tests.console.helpers import signed_in_staff

OFFICER = "U" + "6" * 32
ASKING = "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ เรื่องซองกาแฟที่ขอไป"


def notices_to(line_api, staff: str, reference: str) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=staff)
            if m.text and reference in m.text and "ขอให้เจ้าหน้าที่ติดต่อกลับ" in m.text]


@pytest.mark.parametrize("yes", [lambda chat, data: chat.tap(USER, data), lambda chat, data: chat.say(USER, "ใช่ค่ะ")],
                         ids=["tapped", "typed"])
def test_a_call_asked_about_an_open_request_tells_its_centre_and_files_nothing_new(chat, app, line_api, yes):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [question] = chat.send(ev.text(USER, ASKING))
    assert question["text"] == f"ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอ {request.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"
    assert [c["label"] for c in quick_replies(question)] == ["ใช่ เรื่องนี้", "เรื่องอื่น"]
    [answer] = yes(chat, quick_replies(question)[0]["data"])
    assert answer.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    assert "0812345678" in answer
    [notice] = notices_to(line_api, STAFF, request.reference)
    assert "สมศรี ใจดี" in notice and "เรื่องซองกาแฟที่ขอไป" in notice and f"/staff/requests/{request.id}" in notice
    [kept] = requests_in(app)
    assert kept.service == "packaging" and ASKING in kept.answers["questions"]


def test_the_officer_who_has_the_request_is_the_one_told(chat, app, line_api):
    add_staff(app)
    add_staff(app, line_id=OFFICER)
    request = file_packaging_request(chat, app)
    chat.tap(OFFICER, f"accept={request.id}")
    [question] = chat.send(ev.text(USER, ASKING))
    chat.tap(USER, quick_replies(question)[0]["data"])
    assert len(notices_to(line_api, OFFICER, request.reference)) == 1
    assert notices_to(line_api, STAFF, request.reference) == []


def test_whoever_accepts_the_request_later_is_told_of_the_call_asked_whose_words_are_on_its_page(chat, app):
    add_staff(app)
    add_staff(app, line_id=OFFICER)
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอคุยกับเจ้าหน้าที่เรื่อง {request.reference} ค่ะ ตัวอย่างซองต้องส่งลูกค้าวันศุกร์")
    [accepted] = chat.tap(OFFICER, f"accept={request.id}")
    assert accepted.startswith(f"รับเรื่อง {request.reference} แล้วค่ะ กรุณาติดต่อคุณสมศรี ใจดี")
    assert "📞 ผู้แจ้งขอให้ติดต่อกลับเรื่องนี้เมื่อ" in accepted and "ข้อความอยู่ในหน้าคำขอ" in accepted
    [kept] = requests_in(app)
    assert any("ตัวอย่างซองต้องส่งลูกค้าวันศุกร์" in asked for asked in kept.answers["questions"])


def test_a_request_accepted_with_no_call_asked_says_nothing_of_one(chat, app):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [accepted] = chat.tap(STAFF, f"accept={request.id}")
    assert accepted.startswith(f"รับเรื่อง {request.reference} แล้วค่ะ") and "ขอให้ติดต่อกลับ" not in accepted


def test_a_reference_typed_with_the_call_needs_no_question(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [answer] = chat.say(USER, f"รบกวนให้เจ้าหน้าที่โทรหาหน่อยครับ เรื่องคำขอ {request.reference}")
    assert answer.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    assert len(notices_to(line_api, STAFF, request.reference)) == 1


def test_an_old_button_tapped_again_tells_no_one_twice_and_says_when_staff_were_told(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอคุยกับเจ้าหน้าที่เรื่อง {request.reference} ค่ะ")
    [again] = chat.tap(USER, f"call_about={request.id}")
    assert again.startswith(f"แจ้งเจ้าหน้าที่เรื่องคำขอ {request.reference} ไปแล้วเมื่อ") and "โทรหา" in again
    assert len(notices_to(line_api, STAFF, request.reference)) == 1
    assert len(requests_in(app)) == 1


def test_each_new_message_while_the_call_is_awaited_is_passed_on(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอคุยกับเจ้าหน้าที่เรื่อง {request.reference} ค่ะ")
    [answer] = chat.say(USER, "ติดต่อเจ้าหน้าที่ครับ ยังไม่มีใครโทรมาเลย")
    assert answer.startswith(f"ขออภัยที่ให้รอนะคะ 🙏 แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    notices = notices_to(line_api, STAFF, request.reference)
    assert len(notices) == 2 and "ยังไม่มีใครโทรมาเลย" in notices[-1]
    [kept] = requests_in(app)
    assert "ติดต่อเจ้าหน้าที่ครับ ยังไม่มีใครโทรมาเลย" in kept.answers["questions"]


@pytest.mark.parametrize("typed", ["ใช่ค่ะ เรื่องซองกาแฟที่ขอไป", "ใช่ เรื่องนี้", "ขอให้เจ้าหน้าที่โทรกลับด้วยค่ะ"])
def test_a_yes_typed_with_more_tells_the_request_s_officer_with_both_messages(chat, app, line_api, typed):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    [answer] = chat.say(USER, typed)
    assert answer.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {request.reference} แล้วค่ะ")
    [notice] = notices_to(line_api, STAFF, request.reference)
    assert "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ" in notice and len(requests_in(app)) == 1


def test_another_matter_typed_as_the_answer_is_the_topic_of_the_call_back(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    chat.say(USER, "ไม่ใช่ค่ะ เรื่องขอสินเชื่อขยายโรงงาน")
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ"})
    chat.tap(USER, "confirm=yes")
    packaging, call = requests_in(app)
    assert (packaging.service, call.service, call.details) == ("packaging", "contact_staff", "เรื่องขอสินเชื่อขยายโรงงาน")


def test_a_call_said_to_be_about_another_matter_asks_nothing_of_the_open_request(chat, app):
    request = file_packaging_request(chat, app)
    said = "\n".join(chat.say(USER, "อยากคุยกับเจ้าหน้าที่เรื่องอื่นค่ะ เรื่องขอ อย. ข้าวเกรียบ"))
    assert request.reference not in said


def test_a_call_about_something_else_is_made_as_a_call_back_request_from_the_same_message(chat, app, line_api):
    add_staff(app)
    file_packaging_request(chat, app)
    [question] = chat.send(ev.text(USER, "อยากคุยกับเจ้าหน้าที่เรื่องขอสินเชื่อขยายโรงงานค่ะ"))
    chat.tap(USER, quick_replies(question)[1]["data"])
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ"})
    chat.tap(USER, "confirm=yes")
    first, call = requests_in(app)
    assert (first.service, call.service) == ("packaging", "contact_staff")
    assert call.details == "อยากคุยกับเจ้าหน้าที่เรื่องขอสินเชื่อขยายโรงงานค่ะ"


def test_a_withdrawn_request_is_not_asked_about(chat, app):
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    answer = "\n".join(chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ"))
    assert request.reference not in answer and "อยากคุยกับเจ้าหน้าที่เรื่องอะไร" in answer


def test_a_call_about_a_closed_request_asks_nothing_of_another(chat, app):
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.say(USER, "ใช่ค่ะ")
    chat.say(USER, "อยากพัฒนาสูตรน้ำพริกให้เก็บได้นานค่ะ")
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ"})
    chat.tap(USER, "confirm=yes")
    said = "\n".join(chat.say(USER, f"ขอคุยกับเจ้าหน้าที่เรื่อง {request.reference} ค่ะ"))
    assert "ใช่ไหมคะ" not in said and "แจ้งเจ้าหน้าที่ที่ดูแลคำขอ" not in said


def test_asking_who_has_the_request_names_the_officer_and_disturbs_no_one(chat, app, line_api):
    add_staff(app)
    add_staff(app, line_id=OFFICER)
    request = file_packaging_request(chat, app)
    chat.tap(OFFICER, f"accept={request.id}")
    [answer] = chat.say(USER, "ใครรับเรื่องคะ ขอชื่อเจ้าหน้าที่หน่อย")
    assert answer.startswith(f"คุณเจ้าหน้าที่ทดสอบ จาก Mini ITC เชียงราย รับเรื่อง {request.reference} ไว้แล้วค่ะ")
    assert notices_to(line_api, OFFICER, request.reference) == [] and notices_to(line_api, STAFF, request.reference) == []


def file_two_requests(chat, app):
    """USER's packaging request, then a machine booked: both open, the booking newest."""
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ"})
    chat.tap(USER, "confirm=yes")
    return requests_in(app)


@pytest.mark.parametrize("pick", [
    lambda chat, question: chat.say(USER, "อันแรกค่ะ"),
    lambda chat, question: chat.say(USER, "เรื่องบรรจุภัณฑ์ค่ะ"),
    lambda chat, question: chat.tap(USER, quick_replies(question)[0]["data"]),
], ids=["place", "service", "tapped"])
def test_with_two_requests_open_the_call_is_asked_which_and_the_older_one_is_told_with_nothing_filed(
        chat, app, line_api, pick):
    add_staff(app)
    packaging, booking = file_two_requests(chat, app)
    [question] = chat.send(ev.text(USER, ASKING))
    assert question["text"].startswith("ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอไหนคะ")
    assert packaging.reference in question["text"] and booking.reference in question["text"]
    assert [c["label"] for c in quick_replies(question)] == ["1. พัฒนาบรรจุภัณฑ์", "2. CNC", "เรื่องอื่น"]
    [answer] = pick(chat, question)
    assert answer.startswith(f"แจ้งเจ้าหน้าที่ที่ดูแลคำขอ {packaging.reference} แล้วค่ะ")
    [notice] = notices_to(line_api, STAFF, packaging.reference)
    assert "เรื่องซองกาแฟที่ขอไป" in notice
    assert notices_to(line_api, STAFF, booking.reference) == []
    assert [r.id for r in requests_in(app)] == [packaging.id, booking.id]
    assert ASKING in requests_in(app)[0].answers["questions"]


def test_a_cancel_naming_a_booking_at_the_list_is_a_cancel_not_a_call_about_it(chat, app, line_api):
    add_staff(app)
    _packaging, booking = file_two_requests(chat, app)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่ครับ")
    [answer] = chat.say(USER, "ยกเลิกการจองเครื่องครับ")  # h79: a call note was filed on the booking
    assert answer == f"ต้องการยกเลิกคำขอ {booking.reference} (บริการเครื่องจักรกลาง) ใช่ไหมคะ"
    assert notices_to(line_api, STAFF, booking.reference) == []


def test_a_yes_to_the_list_asks_again_which_one(chat, app):
    file_two_requests(chat, app)
    chat.say(USER, ASKING)
    [again] = chat.send(ev.text(USER, "ใช่ค่ะ"))
    assert again["text"].startswith("ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอไหนคะ") and len(requests_in(app)) == 2


def test_asking_who_has_one_of_several_requests_names_its_officer_or_says_none_has_yet(chat, app, line_api):
    add_staff(app, line_id=OFFICER)
    packaging, booking = file_two_requests(chat, app)
    chat.tap(OFFICER, f"accept={packaging.id}")
    [answer] = chat.say(USER, "ใครดูแลเรื่องกล่องคะ")
    assert answer.startswith(f"คุณเจ้าหน้าที่ทดสอบ จาก Mini ITC เชียงราย รับเรื่อง {packaging.reference} ไว้แล้วค่ะ")
    assert booking.reference not in answer
    [both] = chat.say(USER, "เจ้าหน้าที่ที่รับเรื่องชื่ออะไรคะ")
    assert packaging.reference in both and f"คำขอ {booking.reference} (บริการเครื่องจักรกลาง) ยังรอเจ้าหน้าที่" in both
    assert len(requests_in(app)) == 2 and notices_to(line_api, OFFICER, packaging.reference) == []


def test_no_call_yet_is_passed_on_rather_than_answered_with_the_status_card(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [question] = chat.send(ev.text(USER, "ยังไม่มีใครโทรมาเลยค่ะ"))
    assert question["text"] == (f"ขออภัยที่ให้รอนะคะ 🙏 ต้องการคุยกับเจ้าหน้าที่เรื่องคำขอ {request.reference} "
                                "(พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ")
    chat.say(USER, "ใช่ค่ะ")
    [notice] = notices_to(line_api, STAFF, request.reference)
    assert "ยังไม่มีใครโทรมาเลยค่ะ" in notice


def test_a_call_asked_at_a_centre_with_no_one_on_line_is_kept_for_the_console_and_not_said_to_be_told(chat, app):
    request = file_packaging_request(chat, app)  # no staff linked to LINE
    chat.say(USER, ASKING)
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer.startswith(f"บันทึกเรื่องที่ขอคุยไว้ในคำขอ {request.reference} แล้วค่ะ")
    centre = centre_of(app, request)
    assert answer.endswith(f"โทรหา{centre.name} ได้ที่ {centre.phone} นะคะ")  # no one on LINE there
    [kept] = requests_in(app)
    assert "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ เรื่องซองกาแฟที่ขอไป" in kept.answers["questions"]


def test_a_new_number_given_after_sending_changes_the_request_and_the_next_one_offers_it(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [answer] = chat.say(USER, "เบอร์โทรผิดจ้า ให้โทรเบอร์ 089-222-3344 แทนนะ")
    assert answer.startswith(f"เปลี่ยนเบอร์ติดต่อของคำขอ {request.reference} เป็น 0892223344 แล้วค่ะ แจ้งเจ้าหน้าที่")
    [kept] = requests_in(app)
    assert kept.phone == "0892223344"
    [notice] = [m.text for m in line_api.delivered_messages(to=STAFF) if m.text and "แจ้งเปลี่ยนเบอร์" in m.text]
    assert "จาก 0812345678" in notice and "เป็น 0892223344" in notice
    said = chat.say(USER, FIRST_MESSAGES["machinery"]) + answer_until(chat, app, USER, "reuse_profile")
    assert "เบอร์โทร: 0892223344" in said[-1]


@pytest.mark.parametrize(("typed", "key", "name"), [
    ("ขอแก้ชื่อผู้ติดต่อในคำขอเป็น ปวีณา ทองดี ค่ะ", "contact_name", "ปวีณา ทองดี"),
    ("ชื่อผู้ติดต่อผิดค่ะ ที่ถูกคือ ปวีณา ทองดี", "contact_name", "ปวีณา ทองดี"),
    ("ชื่อผิดค่ะ พิมพ์ผิด ที่ถูกคือ ปวีณา ทองดี", "contact_name", "ปวีณา ทองดี"),  # h80: the whole sentence was kept
    ("เปลี่ยนชื่อร้านเป็น ครัวปวีณา ครับ", "business_name", "ครัวปวีณา"),
])
def test_a_new_name_given_after_sending_changes_the_request_and_the_next_one_offers_it(chat, app, line_api, typed, key,
                                                                                       name):
    add_staff(app)
    request = file_packaging_request(chat, app)
    old = getattr(request, key)
    [answer] = chat.say(USER, typed)
    assert answer.startswith("เปลี่ยนชื่อ") and f"ของคำขอ {request.reference} เป็น {name} แล้วค่ะ แจ้งเจ้าหน้าที่" in answer
    [kept] = requests_in(app)
    assert getattr(kept, key) == name
    [notice] = [m.text for m in line_api.delivered_messages(to=STAFF) if m.text and "แจ้งเปลี่ยนชื่อ" in m.text]
    assert f"จาก {old}" in notice and f"เป็น {name}" in notice
    page = signed_in_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai").get(f"/staff/requests/{request.id}")
    assert "ผู้ขอเปลี่ยนชื่อทาง LINE" in page.get_data(as_text=True)
    said = chat.say(USER, FIRST_MESSAGES["machinery"]) + answer_until(chat, app, USER, "reuse_profile")
    assert name in said[-1]


@pytest.mark.parametrize("typed", ["ชื่อไม่ถูกค่ะ ขอแก้หน่อย", "ชื่อร้านผิดนิดหน่อยค่ะ สะกดด้วย ญ",
                                   "ชื่อผิดครับ เป็นของพี่ชาย", "เปลี่ยนชื่อเป็นภรรยาผมครับ"])  # the last two: h80
def test_a_name_said_to_be_wrong_without_the_right_one_renames_nothing(chat, app, typed):
    request = file_packaging_request(chat, app)
    chat.say(USER, typed)  # h79: renamed to "ขอแก้หน่อย", "สะกดด้วย ญ"
    [kept] = requests_in(app)
    assert (kept.contact_name, kept.business_name) == (request.contact_name, request.business_name)


def test_more_said_of_the_one_request_open_is_kept_for_its_officer(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [answer] = chat.say(USER, "ลืมบอกไปค่ะ อยากได้กล่องแบบมีหูหิ้วด้วย")
    assert answer == "ส่งต่อให้เจ้าหน้าที่แล้วค่ะ 🙏"  # more information, not a call-back promised (h90 N6)
    [kept] = requests_in(app)
    assert "ลืมบอกไปค่ะ อยากได้กล่องแบบมีหูหิ้วด้วย" in kept.answers["questions"]
    [told] = [m.text for m in line_api.delivered_messages(to=STAFF) if m.text and "📝" in m.text]
    assert request.reference in told and "อยากได้กล่องแบบมีหูหิ้วด้วย" in told
    assert notices_to(line_api, STAFF, request.reference) == []


def test_someone_else_s_number_leaves_the_request_s_alone(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, "โทรหาเบอร์ศูนย์ 053-112233 ไม่มีคนรับเลยค่ะ")
    chat.say(USER, "ลูกค้าโทรมา 089-123-4567 ถามราคากล่องค่ะ")
    assert requests_in(app)[0].phone == "0812345678"


def test_who_buys_is_no_question_of_who_has_the_request(chat, app):
    file_packaging_request(chat, app)
    said = " ".join(chat.say(USER, "ใครรับซื้อกล้วยตากบ้างคะ"))
    assert "รับเรื่อง" not in said and "ยังรอเจ้าหน้าที่" not in said
