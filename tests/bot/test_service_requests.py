"""Whole conversations in Thai, from follow to a confirmed request, through the webhook and the fake LINE API."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

import intents
from bot.dialogue import flows, whereabouts
from bot.dialogue.conversation import DROPPED
from bot.dialogue.texts import thai_datetime
from bot.line import fake_events as ev
from storage.models import Attachment, Conversation, Delivery, LineUser, ServiceRequest, utcnow
from storage.repositories import be_year
from tests.chat import a_working_day, quick_replies, shown, typed_date

USER = "U" + "a" * 32
STAFF = "U" + "5" * 32

ANSWERS = {
    "details": "อยากให้ช่วยดูให้ละเอียดหน่อยค่ะ",
    "product": "กาแฟคั่วบดดอยช้าง",
    "business_name": "ร้านกาแฟดอยหลวง",
    "contact_name": "สมศรี ใจดี",
    "phone": "๐๘๑-๒๓๔-๕๖๗๘",
    "province": "จ.เชียงราย",
    "machine": "CNC",
    "preferred_date": typed_date(a_working_day(1)),
    "people": "12 คน",
    "market": "ญี่ปุ่น",
    "sector": "เครื่องสำอาง",
    "buyer": "ห้างค้าปลีกและผู้นำเข้าญี่ปุ่น",
}

# The answers above, and the details from last time taken wherever a request offers them.
REUSING = ANSWERS | {"reuse_profile": "ใช่ค่ะ"}

FIRST_MESSAGES = {
    "product_design": "สวัสดีค่ะ อยากให้ศูนย์ช่วยออกแบบลวดลายเซรามิกคอลเลกชันใหม่ค่ะ",
    "prototype": "อยากให้ศูนย์ช่วยขึ้นรูปต้นแบบก่อนผลิตจริงครับ",
    "packaging": "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ",
    "machinery": "ขอจองใช้เครื่อง CNC ของศูนย์ครับ",
    "food_processing": "น้ำพริกของเราเก็บได้ไม่นาน อยากยืดอายุการเก็บและขอ อย. ค่ะ",
    "training": "มีคอร์สอบรมการตลาดออนไลน์ไหมคะ อยากพาพนักงานไปเรียน",
    "business_matching": "อยากหาผู้ซื้อต่างประเทศ ส่งออกผ้าไหมไปญี่ปุ่นครับ",
    "consulting": "อยากปรึกษาเรื่องลดต้นทุนการผลิตและขอสินเชื่อเพื่อขยายโรงงานค่ะ",
    "cluster": "อยากเข้าร่วมคลัสเตอร์เครื่องสำอางค่ะ",
}


def state_of(app, user_id: str) -> str | None:
    """Where the user's conversation stands; None with none, or with only a request given up kept aside, or where
    they said they are (bot/dialogue/whereabouts.py): no question waits."""
    with app.extensions["frontdesk"].sessions() as session:
        user = session.scalar(select(LineUser).where(LineUser.line_user_id == user_id))
        conversation = session.get(Conversation, user.id) if user else None
        return conversation.state if conversation and conversation.flow not in (DROPPED, whereabouts.KEY) else None


def requests_in(app) -> list[ServiceRequest]:
    with app.extensions["frontdesk"].sessions() as session:
        return list(session.scalars(select(ServiceRequest).order_by(ServiceRequest.id)))


def centre_of(app, request: ServiceRequest):
    from storage.models import Centre
    with app.extensions["frontdesk"].sessions() as session:
        return session.get(Centre, request.centre_id)


def add_staff(app, centre: str = "เชียงราย", line_id: str = STAFF) -> None:
    result = app.test_cli_runner().invoke(args=["staff", "add", "--name", "เจ้าหน้าที่ทดสอบ", "--center", centre,
                                                "--line-user-id", line_id])
    assert result.exit_code == 0, result.output


def file_packaging_request(chat, app) -> ServiceRequest:
    """USER consents, asks for packaging, answers every question and confirms; the request filed."""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    return request


def answer_until_summary(chat, app, user: str, answers: dict[str, str] = ANSWERS) -> list[str]:
    """Answer whatever the bot asks until it shows the summary card; returns everything it said."""
    return answer_until(chat, app, user, "confirm", answers)


def answer_until(chat, app, user: str, question: str, answers: dict[str, str] = ANSWERS) -> list[str]:
    """Answer whatever the bot asks until it asks `question` (a flow state); returns everything it said."""
    said = []
    for _ in range(12):
        state = state_of(app, user)
        if state == question:
            return said
        assert state in answers, f"unexpected question {state!r}: {said[-1:]}"
        said += chat.say(user, answers[state])
    raise AssertionError(f"the flow never asked {question!r}: {said}")


@pytest.mark.parametrize("service", sorted(FIRST_MESSAGES))
def test_a_full_request_for_each_service_is_stored_routed_and_alerted(chat, app, line_api, service):
    add_staff(app)
    chat.consent(USER)
    said = chat.say(USER, FIRST_MESSAGES[service])
    assert "ขอถามสั้น ๆ" in said[0], f"{service} was not understood: {said}"
    said += answer_until_summary(chat, app, USER)
    assert "สรุปคำขอ" in said[-1] and "0812345678" in said[-1]
    [done] = chat.tap(USER, "confirm=yes")

    [request] = requests_in(app)
    assert request.service == service and request.status == "new"
    assert request.province == "เชียงราย" and request.phone == "0812345678"
    assert request.business_name == "ร้านกาแฟดอยหลวง" and request.contact_name == "สมศรี ใจดี"
    assert request.reference == f"ITC-{be_year(request.created_at)}-{request.id:06d}"
    assert request.reference in done and centre_of(app, request).code == "MITC-CRI"
    assert centre_of(app, request).name in done
    alerts = line_api.delivered_messages(to=STAFF)
    assert len(alerts) == 1 and request.reference in alerts[0].message["altText"]
    # What the service's own questions were answered, as the card showed them, and when, as a date.
    card = json.dumps(alerts[0].message, ensure_ascii=False)
    own = {"machine", "preferred_date", "product", "market", "buyer", "sector", "people"} & set(request.answers)
    assert own or service in ("consulting", "contact_staff")
    for key in own:
        assert str(flows.FLOWS[service].known_field(key).show(request.answers[key])) in card
    assert thai_datetime(request.created_at) in card


def test_details_in_the_first_message_are_not_asked_again(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟ ร้านอยู่โคราช โทร 0891234567 ค่ะ")
    asked = []
    while (state := state_of(app, USER)) != "confirm":
        asked.append(state)
        chat.say(USER, ANSWERS[state])
    assert "province" not in asked and "phone" not in asked and "details" not in asked
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.province == "นครราชสีมา" and request.phone == "0891234567"


def test_confirming_again_after_the_request_went_says_it_was_sent_and_files_no_second_one(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [again] = chat.tap(USER, "confirm=yes")  # the summary card's button, tapped once more
    assert "ส่งคำขอนี้เรียบร้อยแล้ว" in again and request.reference in again
    assert len(requests_in(app)) == 1 and len(line_api.delivered_messages(to=STAFF)) == 1


def test_confirming_again_after_withdrawing_the_request_says_it_was_withdrawn(chat, app):
    request = file_packaging_request(chat, app)
    chat.tap(USER, f"cancel_request={request.id}")
    [again] = chat.tap(USER, "confirm=yes")
    assert "ยกเลิกไปแล้ว" in again and request.reference in again and "เรียบร้อยแล้ว" not in again
    assert [r.status for r in requests_in(app)] == ["cancelled"]


@pytest.mark.parametrize("edit", [lambda chat: chat.tap(USER, "confirm=edit"),  # the summary card's "แก้ไข"
                                  lambda chat: chat.tap(USER, "edit=phone"),  # a chip of "ต้องการแก้ข้อไหนคะ"
                                  lambda chat: chat.say(USER, "แก้ไขค่ะ")])
def test_edit_after_the_request_went_says_it_was_sent_and_how_to_change_it(chat, app, edit):
    request = file_packaging_request(chat, app)
    [answer] = edit(chat)
    assert request.reference in answer and "ส่งถึงศูนย์แล้ว" in answer and "แจ้งเจ้าหน้าที่" in answer
    [withdraw] = [c for c in quick_replies(chat.line_api.delivered_messages(to=USER)[-1].message)
                  if c["label"] == "ยกเลิกคำขอนี้"]
    chat.tap(USER, withdraw["data"])
    assert [r.status for r in requests_in(app)] == ["cancelled"]


def test_edit_after_staff_took_the_request_points_to_them_and_offers_no_withdrawal(chat, app):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(STAFF, f"accept={request.id}")
    messages = chat.send(ev.postback(USER, "confirm=edit"))
    [answer] = shown(messages)
    assert request.reference in answer and "แจ้งเจ้าหน้าที่" in answer and "ยกเลิก" not in answer
    assert "ยกเลิกคำขอนี้" not in [c["label"] for c in quick_replies(messages[0])]


def test_edit_after_withdrawing_the_request_says_it_was_withdrawn(chat, app):
    request = file_packaging_request(chat, app)
    chat.tap(USER, f"cancel_request={request.id}")
    [answer] = chat.tap(USER, "confirm=edit")
    assert "ยกเลิกไปแล้ว" in answer and request.reference in answer and "ส่งถึงศูนย์" not in answer


def test_a_wrong_phone_is_asked_again_with_an_example(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    answer_until(chat, app, USER, "phone")
    [again] = chat.say(USER, "12345")
    assert "081-234-5678" in again and state_of(app, USER) == "phone"
    chat.say(USER, "+66 81 234 5678")
    assert state_of(app, USER) != "phone"


def test_cancel_ends_the_flow_at_any_step(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    [answer] = chat.say(USER, "ยกเลิก")
    assert "ยกเลิก" in answer and state_of(app, USER) is None and requests_in(app) == []


@pytest.mark.parametrize("typed, digits", [("081-111-2222", "0811112222"), ("0901010101", "0901010101")])
def test_a_phone_number_that_reads_like_a_date_is_shown_as_typed(chat, app, typed, digits):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    said = answer_until_summary(chat, app, USER, ANSWERS | {"phone": typed})
    assert digits in said[-1] and "พ.ย." not in said[-1] and "ม.ค." not in said[-1]
    chat.tap(USER, "confirm=yes")
    chat.say(USER, "อยากได้ฉลากใหม่ให้ขวดน้ำพริกค่ะ")
    said = answer_until(chat, app, USER, "reuse_profile")
    assert "ใช้ข้อมูลเดิม" in said[-1] and f"เบอร์โทร: {digits}" in said[-1]


def test_profile_is_offered_again_on_the_next_request(chat, app):
    file_packaging_request(chat, app)
    said = chat.say(USER, FIRST_MESSAGES["consulting"])
    assert state_of(app, USER) == "reuse_profile" and "ใช้ข้อมูลเดิมไหมคะ" in said[-1]
    assert "ร้านกาแฟดอยหลวง" in said[-1]
    chat.tap(USER, "reuse=yes")
    assert state_of(app, USER) == "confirm"
    chat.tap(USER, "confirm=yes")
    assert [r.service for r in requests_in(app)] == ["packaging", "consulting"]


def asks_for_staff_about_something_else(chat) -> list[str]:
    """With a request open, a person asked for is asked whether it is about that one: no, something else."""
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    return chat.tap(USER, "call_about=other")


@pytest.mark.parametrize("ask, need_asked, need", [
    (asks_for_staff_about_something_else, "อยากคุยกับเจ้าหน้าที่เรื่องอะไรคะ", "อยากสอบถามเรื่องทุนค่ะ"),
    (lambda chat: chat.tap(USER, "service=prototype"), "อยากให้ช่วยทำต้นแบบอะไรคะ", "แม่พิมพ์ขวดซอสค่ะ"),
])
def test_the_need_is_asked_before_the_details_from_last_time_are_offered(chat, app, ask, need_asked, need):
    file_packaging_request(chat, app)
    said = ask(chat)
    assert need_asked in said[-1] and "ใช้ข้อมูลเดิม" not in " ".join(said)
    said = chat.say(USER, need)
    if state_of(app, USER) == "product":
        said = chat.say(USER, ANSWERS["product"])
    assert "ใช้ข้อมูลเดิมไหมคะ" in said[-1] and "สมศรี ใจดี" in said[-1]
    chat.tap(USER, "reuse=yes")
    chat.tap(USER, "confirm=yes")
    request = requests_in(app)[-1]
    assert request.details == need.removesuffix("ค่ะ") and request.contact_name == ANSWERS["contact_name"]


def test_asking_whether_there_is_a_course_is_told_the_centre_will_send_its_courses_not_asked_who_is_coming(
        chat, app):
    chat.consent(USER)
    said = " ".join(chat.say(USER, "มีคลาสสอนเขียนแผนธุรกิจไหมคะ"))
    assert "หลักสูตร" in said and "กี่คน" not in said and "กี่ท่าน" not in said
    said = answer_until(chat, app, USER, "people")  # how many, once the rest is known
    assert "สนใจเข้าร่วมกี่ท่านคะ" in said[-1]
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert "แผนธุรกิจ" in request.details and request.answers["people"] == 12


def test_a_question_on_another_topic_is_answered_then_the_flow_resumes(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "phone")
    said = chat.say(USER, "ศูนย์ที่เชียงใหม่อยู่ที่ไหนคะ เปิดกี่โมง")
    assert any("เชียงใหม่" in s for s in said) and "ต่อไหมคะ" in said[-1]
    assert state_of(app, USER) == "phone"
    said = chat.tap(USER, "resume=yes")
    assert "เบอร์โทร" in said[-1]


@pytest.mark.parametrize("ask", [lambda chat: chat.say(USER, "ศูนย์อยู่ไหนคะ"),
                                 lambda chat: chat.tap(USER, "intent=center_info")])
def test_asking_for_the_centre_mid_request_keeps_the_request(chat, app, ask):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")  # no province known yet
    said = ask(chat)
    assert "แจ้งจังหวัด" in said[0] and "ต่อไหมคะ" in said[-1]
    assert state_of(app, USER) == "business_name"
    assert "ชื่อกิจการ" in chat.tap(USER, "resume=yes")[-1]
    answer_until_summary(chat, app, USER)
    said = ask(chat)  # now the request's own province (เชียงราย) tells which centre
    assert "เชียงราย" in " ".join(said) and "ต่อไหมคะ" in said[-1]
    chat.tap(USER, "resume=yes")
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "packaging" and request.business_name == ANSWERS["business_name"]


def test_asking_for_a_person_mid_request_keeps_the_request_and_the_message_for_the_officer(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["consulting"])
    for state in ("business_name", "contact_name", "phone"):
        assert state_of(app, USER) == state
        chat.say(USER, ANSWERS[state])
    said = chat.say(USER, "ขอคุยกับเจ้าหน้าที่เลยได้ไหมคะ")
    assert said[0].startswith("ได้ค่ะ 😊 จดข้อความนี้ไว้ให้เจ้าหน้าที่แล้ว")
    assert state_of(app, USER) == "province" and "จังหวัด" in said[-1]
    chat.say(USER, ANSWERS["province"])
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.business_name, request.phone) == ("consulting", ANSWERS["business_name"], "0812345678")
    assert "ลดต้นทุน" in request.details and request.answers["questions"] == ["ขอคุยกับเจ้าหน้าที่เลยได้ไหมคะ"]


def test_who_to_call_said_for_the_contact_s_name_is_the_name_and_a_note_for_the_officer(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["business_matching"])
    answer_until(chat, app, USER, "contact_name")
    chat.say(USER, "แพรค่ะ ลูกสาวเจ้าของ ถ้าจะคุยเรื่องราคาโทรหาพ่อ คุณสมศักดิ์")
    assert state_of(app, USER) == "phone"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.contact_name) == ("business_matching", "แพร")
    assert "ถ้าจะคุยเรื่องราคาโทรหาพ่อ" in request.answers["questions"][0]


def test_switching_service_keeps_the_product_and_the_contact_details(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, "province")
    chat.tap(USER, "service=product_design")
    assert state_of(app, USER) == "details"  # what the new service needs; not the product, business, contact or phone
    chat.say(USER, ANSWERS["details"])
    assert state_of(app, USER) == "province"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "product_design" and request.business_name == ANSWERS["business_name"]
    assert request.answers["product"] == ANSWERS["product"]


def test_another_service_wanted_as_well_comes_next_and_this_request_keeps_its_answers(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    said = chat.say(USER, "อยากให้ช่วยออกแบบลวดลายเซรามิกคอลเลกชันใหม่ด้วยค่ะ")
    assert said[0] == "ส่วนเรื่องออกแบบผลิตภัณฑ์ ขอทำต่อหลังส่งเรื่องนี้นะคะ 😊" and "สรุปคำขอพัฒนาบรรจุภัณฑ์" in said[-1]
    sent = chat.tap(USER, "confirm=yes")
    assert "ท่านแจ้งเรื่องออกแบบผลิตภัณฑ์ไว้ด้วย" in sent[-1]
    [request] = requests_in(app)
    assert request.service == "packaging" and request.answers["product"] == ANSWERS["product"]


def test_the_service_offered_for_a_message_at_the_summary_starts_from_that_message(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    switch = "จริงๆ อยากให้ช่วยออกแบบลวดลายเซรามิกคอลเลกชันใหม่ค่ะ"
    [offer] = chat.say(USER, switch)
    assert offer.startswith("ดูเหมือนท่านต้องการเรื่องออกแบบผลิตภัณฑ์")
    said = chat.tap(USER, "service=product_design")
    assert "สรุปคำขอ" in said[-1] and switch in said[-1]  # nothing asked again: the message was the need
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.details, request.phone) == ("product_design", switch, "0812345678")


@pytest.mark.parametrize("question, typed", [
    ("contact_name", "เอ่อ จริงๆอยากให้ช่วยทำแม่พิมพ์ต้นแบบชิ้นส่วนพลาสติกก่อนครับ"),
    ("business_name", "ไม่เอาแล้ว อยากหาคนซื้อสินค้ามากกว่า"),
])
def test_wanting_another_service_instead_of_a_name_offers_the_switch_and_is_not_kept_as_the_name(
        chat, app, question, typed):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["consulting"])
    answer_until(chat, app, USER, question)
    [offer] = chat.say(USER, typed)
    assert "ดูเหมือนท่านต้องการเรื่อง" in offer and state_of(app, USER) == question
    said = chat.tap(USER, "resume=yes")
    assert "ต่อจากเดิม" in said[0]
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.business_name, request.contact_name) == (ANSWERS["business_name"], ANSWERS["contact_name"])


# A question about the services is kept for the officer (tests/bot/test_questions_for_the_officer.py); one the
# classifier puts beyond them ("ราคาเท่าไหร่คะ" alone) may be asked afterwards.
@pytest.mark.parametrize("question, typed, hint", [
    ("business_name", "ต้องเตรียมเอกสารอะไรบ้างคะ", "ให้เจ้าหน้าที่ตอบ"),  # about the name: test_typed_answers.py
    ("contact_name", "ราคาเท่าไหร่คะ", "ขอเป็นชื่อก่อน"),
    ("contact_name", "ต้องเตรียมเอกสารอะไรบ้างคะ", "ให้เจ้าหน้าที่ตอบ"),
    ("contact_name", "ต้องจ่ายเงินมั้ยครับ", "ขอเป็นชื่อก่อน"),
])
def test_a_question_typed_for_a_name_is_not_kept_as_the_name(chat, app, question, typed, hint):
    said = typed_at(chat, app, question, typed)
    assert state_of(app, USER) == question and hint in said[-1]
    assert names_sent(chat, app) == (ANSWERS["business_name"], ANSWERS["contact_name"])


@pytest.mark.parametrize("question, typed", [
    ("business_name", "ใช่"), ("business_name", "ค่ะ"), ("business_name", "โอเค"), ("business_name", "ได้เลยค่ะ"),
    ("contact_name", "ใช่ค่ะ"), ("contact_name", "โอเคจ้า"), ("contact_name", "รับทราบค่ะ"),
    ("product", "ใช่ค่ะ"), ("product", "ค่ะ"),
])
def test_a_bare_yes_or_okay_is_no_name_or_answer_and_the_question_is_asked_again(chat, app, question, typed):
    [again] = typed_at(chat, app, question, typed)
    assert state_of(app, USER) == question and again.endswith(ANSWER_QUESTIONS[question])
    assert again.startswith("รับทราบค่ะ 😊")  # heard, and not "ไม่เป็นไรค่ะ" as if to an apology
    assert names_sent(chat, app) == (ANSWERS["business_name"], ANSWERS["contact_name"])
    assert requests_in(app)[0].answers["product"] == ANSWERS["product"]


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
def test_an_out_of_scope_wish_typed_for_a_name_is_declined_and_the_request_kept(chat, app, question):
    said = typed_at(chat, app, question, "อยากกู้เงินซื้อรถส่วนตัวค่ะ")
    assert "นอกเหนือบริการ" in said[0] and said[-1].endswith(ANSWER_QUESTIONS[question])  # and asked again
    assert state_of(app, USER) == question
    assert names_sent(chat, app) == (ANSWERS["business_name"], ANSWERS["contact_name"])


ANSWER_QUESTIONS = {"business_name": "ขอชื่อกิจการ/ร้าน/วิสาหกิจชุมชนของท่านค่ะ", "contact_name": "ขอชื่อผู้ติดต่อค่ะ",
                    "product": "สินค้าของท่านคืออะไรคะ (ส่งรูปมาประกอบได้เลยค่ะ)"}


def typed_at(chat, app, question: str, typed: str) -> list[str]:
    """What the bot says to `typed` at `question` of a prototype request."""
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, question)
    return chat.say(USER, typed)


def names_sent(chat, app) -> tuple[str, str]:
    """Answer the remaining questions, confirm, and give the business and contact names the request keeps."""
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    return request.business_name, request.contact_name


def asked_for_staff(chat, app) -> None:
    """Ask for a member of staff to call back, and confirm it."""
    chat.consent(USER)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    answer_until_summary(chat, app, USER, ANSWERS | {"details": "อยากสอบถามเรื่องทุนค่ะ"})
    chat.tap(USER, "confirm=yes")


@pytest.mark.parametrize("question, typed, answered", [
    ("contact_name", "กิจกรรมของฉัน", "ยังไม่ได้ลงทะเบียนกิจกรรม"),  # the events menu's quick reply
    ("contact_name", "วิธีใช้งาน", "วิธีใช้งาน ITC Front Desk"),  # a rich menu tile
    ("business_name", "ขอรับบริการค่ะ", "บริการของศูนย์ ITC"),  # the main menu's quick reply
    ("contact_name", "ทำต่อค่ะ", "ขอชื่อผู้ติดต่อ"),  # "carry on" after an answer given on the side
    ("contact_name", "แก้ไข", "ขอชื่อผู้ติดต่อ"),  # the summary card's button, from an earlier request
])
def test_a_menu_label_typed_for_a_name_does_what_its_button_does_and_is_not_kept_as_the_name(
        chat, app, question, typed, answered):
    said = typed_at(chat, app, question, typed)
    assert answered in " ".join(said) and state_of(app, USER) == question
    assert names_sent(chat, app) == (ANSWERS["business_name"], ANSWERS["contact_name"])


@pytest.mark.parametrize("typed, answered", [
    ("กิจกรรมของฉัน", "ยังไม่ได้ลงทะเบียนกิจกรรม"),  # the events menu's quick reply
    ("วิธีใช้งาน", "วิธีใช้งาน ITC Front Desk"),  # a rich menu tile
    ("ขอรับบริการค่ะ", "บริการของศูนย์ ITC"),  # the main menu's quick reply
])
def test_a_menu_label_typed_outside_a_request_does_what_its_button_does(chat, typed, answered):
    from bot.dialogue.texts import NOT_SURE
    chat.consent(USER)
    said = chat.say(USER, typed)
    assert answered in " ".join(said) and NOT_SURE not in said


@pytest.mark.parametrize("typed, answered", [
    ("วิธีใช้งาน", "วิธีใช้งาน ITC Front Desk"),  # a rich menu tile
    ("คำขอของฉัน", "ยังไม่มีคำขอที่ส่งทาง LINE นี้"),  # another
    ("กิจกรรมของฉัน", "ยังไม่ได้ลงทะเบียนกิจกรรม"),  # the events menu's quick reply
    ("ขอรับบริการค่ะ", "บริการของศูนย์ ITC"),  # the main menu's quick reply
])
def test_a_menu_label_typed_at_the_centre_lookup_s_province_question_does_what_its_button_does(
        chat, app, typed, answered):
    from bot.dialogue.texts import NOT_SURE
    chat.consent(USER)
    [asked] = chat.tap(USER, "intent=center_info")
    assert "ท่านอยู่จังหวัดไหนคะ" in asked
    said = chat.say(USER, typed)
    assert answered in " ".join(said) and NOT_SURE not in said


def test_while_staff_are_to_call_a_menu_label_typed_does_what_its_button_does(chat, app):
    asked_for_staff(chat, app)
    [mine] = chat.say(USER, "กิจกรรมของฉัน")
    assert "ยังไม่ได้ลงทะเบียนกิจกรรม" in mine
    [again] = chat.say(USER, "คุยกับเจ้าหน้าที่")  # asking again: no second call
    assert "บันทึกเรื่องที่ขอคุยไว้" in again and state_of(app, USER) is None  # nobody on LINE: no call promised


@pytest.mark.parametrize("question", ["business_name", "contact_name"])
def test_a_typed_yes_to_carry_on_after_an_aside_resumes_and_is_not_kept_as_the_name(chat, app, question):
    offer = typed_at(chat, app, question, "ศูนย์อยู่ไหนคะ")
    assert "กลับมาทำเรื่องสร้างผลิตภัณฑ์ต้นแบบต่อไหมคะ" in offer[-1]
    said = chat.say(USER, "ใช่ค่ะ")
    assert "ต่อจากเดิม" in said[0] and state_of(app, USER) == question
    assert names_sent(chat, app) == (ANSWERS["business_name"], ANSWERS["contact_name"])


def test_a_typed_no_to_carry_on_after_an_aside_drops_the_request(chat, app):
    typed_at(chat, app, "contact_name", "ศูนย์อยู่ไหนคะ")
    [answer] = chat.say(USER, "ไม่ค่ะ")
    assert "ยกเลิกเรื่องนี้แล้ว" in answer and state_of(app, USER) is None and requests_in(app) == []


def test_a_name_typed_after_the_offer_to_carry_on_is_the_name(chat, app):
    typed_at(chat, app, "contact_name", "ศูนย์อยู่ไหนคะ")
    chat.say(USER, "สมชายครับ")
    assert state_of(app, USER) == "phone"
    assert names_sent(chat, app) == (ANSWERS["business_name"], "สมชาย")


@pytest.mark.parametrize("typed, name", [
    ("ขอโทษค่ะ ชื่อแก้วค่ะ", "แก้ว"),
    ("อ๋อ สมชายครับ", "สมชาย"),
    ("เอ่อ ดิฉันชื่อมาลี ใจดีค่ะ", "มาลี ใจดี"),
    ("ค่ะ ชื่ออ้อยค่ะ", "อ้อย"),
    ("ขอโทษที่ตอบช้านะคะ ชื่อแก้วค่ะ", "แก้ว"),
])
def test_an_apology_or_a_hesitation_before_the_name_is_not_kept_as_the_name(chat, app, typed, name):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, "contact_name")
    chat.say(USER, typed)
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.contact_name == name


@pytest.mark.parametrize("typed, name", [("ชื่อเล่นต้อมครับ", "ต้อม"), ("ผมชื่อเล่นเอกครับ", "เอก"),
                                         ("หนูชื่อเล่นแป้งค่ะ", "แป้ง"), ("ชื่อว่าแป้งค่ะ", "แป้ง"),
                                         ("ชื่อเล่นว่าต้อมครับ", "ต้อม"), ("ชื่อคือสมชายครับ", "สมชาย")])
def test_a_nickname_gives_the_name_without_the_words_before_it(chat, app, typed, name):
    typed_at(chat, app, "contact_name", typed)
    assert names_sent(chat, app) == (ANSWERS["business_name"], name)


@pytest.mark.parametrize("typed, name", [("ใช้ชื่อเราก็ได้ค่ะ นิดา", "นิดา"), ("ใช้ชื่อผมเลยครับ เอก", "เอก"),
                                         ("ใช้ชื่อดิฉันได้เลยค่ะ: สมศรี ใจดี", "สมศรี ใจดี"),
                                         ("ใช้ชื่อหนูนาค่ะ", "หนูนา"), ("ใช้ชื่อพี่หมีครับ", "พี่หมี")])
def test_leave_to_use_ones_own_name_is_not_part_of_the_name_after_it(chat, app, typed, name):
    typed_at(chat, app, "contact_name", typed)
    assert names_sent(chat, app) == (ANSWERS["business_name"], name)


def test_leave_to_use_ones_own_name_with_no_name_after_it_asks_for_the_name(chat, app):
    typed_at(chat, app, "contact_name", "ใช้ชื่อเราก็ได้ค่ะ")
    assert state_of(app, USER) == "contact_name"


@pytest.mark.parametrize("introduced", ["ผมชื่อเล่นเอก", "ผมชื่อว่าเอก"])
def test_a_nickname_said_in_passing_gives_the_name(chat, app, introduced):
    typed_at(chat, app, "product", f"ชามจานเซรามิคครับ ร้านชื่อบ้านดินเผาแม่ทะ {introduced}")
    assert state_of(app, USER) == "phone"
    assert names_sent(chat, app) == ("บ้านดินเผาแม่ทะ", "เอก")


def test_an_apology_alone_is_not_a_name(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, "contact_name")
    [again] = chat.say(USER, "ขอโทษค่ะ")
    assert state_of(app, USER) == "contact_name" and "ขอทราบชื่อ" in again


@pytest.mark.parametrize("name", ["ร้านผ้าไหมแม่บัว", "กลุ่มทอผ้ากี่กระตุก", "ผ้าไหมค่ะ"])
def test_a_name_ending_like_silk_or_a_loom_is_a_name(chat, app, name):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["prototype"])
    answer_until(chat, app, USER, "business_name")
    chat.say(USER, name)
    assert state_of(app, USER) == "contact_name"


@pytest.mark.parametrize("answer, cancelled", [("ใช่ครับ", True), ("ใช่", True), ("ไม่ใช่ค่ะ", False)])
def test_a_typed_yes_or_no_answers_cancel_this(chat, app, answer, cancelled):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    chat.say(USER, ANSWERS["product"])
    assert state_of(app, USER) == "business_name"
    assert "ยกเลิก" in chat.say(USER, "ไม่อยากทำต่อแล้วค่ะ ยกเลิกดีกว่า")[-1]
    said = chat.say(USER, answer)
    if cancelled:
        assert state_of(app, USER) is None and "ยกเลิก" in said[0]
    else:
        assert state_of(app, USER) == "business_name" and "ชื่อกิจการ" in said[-1]
        [again] = chat.say(USER, "ใช่")  # a later yes cancels nothing (nor is it a name)
        assert state_of(app, USER) == "business_name" and "ขอทราบชื่อ" in again


@pytest.mark.parametrize("text", ["ช่วยลบข้อมูลของฉันด้วยค่ะ", "ขอลบข้อมูลส่วนตัวทั้งหมดค่ะ ไม่ใช้แล้ว",
                                  "delete my data"])
def test_delete_my_data_however_it_is_put_asks_to_confirm(chat, app, text):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    asked = state_of(app, USER)
    said = chat.say(USER, text)
    assert "ลบข้อมูล" in said[-1] and state_of(app, USER) == asked  # nothing is taken as an answer
    assert quick_replies(chat.line_api.delivered_messages(to=USER)[-1].message)[0]["data"] == "erase=yes"


def test_an_idle_flow_expires_politely_after_a_day(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    with app.extensions["frontdesk"].sessions() as session, session.begin():
        conversation = session.scalar(select(Conversation))
        conversation.updated_at = utcnow() - timedelta(hours=25)
    said = chat.say(USER, "สวัสดีค่ะ")
    assert "เกิน 24 ชั่วโมง" in said[0] and state_of(app, USER) is None


def test_edit_a_field_from_the_summary(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=edit")
    chat.tap(USER, "edit=phone")
    [summary] = chat.say(USER, "02-123-4567")
    assert "021234567" in summary
    chat.tap(USER, "confirm=yes")
    assert requests_in(app)[0].phone == "021234567"


@pytest.mark.parametrize("typed", ["แก้เบอร์เป็น 089-123-4567 ค่ะ", "เปลี่ยนเบอร์โทร ๐๘๙ ๑๒๓ ๔๕๖๗",
                                   "แก้ไขเบอร์มือถือ: 0891234567"])
def test_an_answer_changed_by_typing_on_the_summary(chat, app, typed):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    changed, summary = chat.say(USER, typed)
    assert "แก้เบอร์โทรให้แล้ว" in changed and "0891234567" in summary and state_of(app, USER) == "confirm"
    chat.say(USER, "ยืนยันค่ะ")
    assert requests_in(app)[0].phone == "0891234567"


def test_a_typed_change_that_sounds_like_another_service_changes_the_answer(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    typed = "แก้สินค้าเป็น ซอสพริกเผาสูตรเจ ยืดอายุการเก็บได้ 6 เดือน"
    assert intents.classify(typed).intent == "food_processing"  # what made the bot offer to switch services
    changed, summary = chat.say(USER, typed)
    assert "แก้สินค้าให้แล้ว" in changed and "ซอสพริกเผาสูตรเจ" in summary
    chat.say(USER, "ยืนยันค่ะ")
    [request] = requests_in(app)
    assert request.service == "packaging" and request.answers["product"].startswith("ซอสพริกเผาสูตรเจ")


def test_moving_the_date_on_the_summary_changes_the_preferred_date(chat, app):
    from bot.dialogue.texts import thai_date
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["machinery"])
    answer_until_summary(chat, app, USER)
    later = a_working_day(20)
    changed, summary = chat.say(USER, f"ขอเลื่อนเป็นวันที่ {typed_date(later)} ค่ะ")
    assert "แก้วันที่สะดวกให้แล้ว" in changed and thai_date(later) in summary
    chat.say(USER, "ยืนยันค่ะ")
    assert requests_in(app)[0].answers["preferred_date"] == later.isoformat()


def test_a_name_typed_with_a_phone_number_is_an_answer_not_a_request_for_staff(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "contact_name")
    [question] = chat.say(USER, "พี่ชื่อนิดค่ะ เบอร์ ๐๘๑-๒๓๔-๕๖๗๘")
    assert "จังหวัด" in question and "เจ้าหน้าที่" not in question
    chat.say(USER, "เชียงราย")
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.contact_name, request.phone) == ("packaging", "นิด", "0812345678")


@pytest.mark.parametrize("typed", ["๐๘๙-๑๒๓-๔๕๖๗", "เบอร์ 089 123 4567 ค่ะ"])
def test_a_phone_number_typed_for_the_name_is_kept_and_the_name_asked_again(chat, app, typed):
    [again] = typed_at(chat, app, "contact_name", typed)
    assert state_of(app, USER) == "contact_name" and again.startswith("ได้เบอร์โทรแล้วค่ะ")
    [question] = chat.say(USER, "แป้งค่ะ")
    assert "จังหวัด" in question  # the phone is not asked for again
    chat.say(USER, "ราชบุรี")
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name, request.phone) == ("แป้ง", "0891234567")


def test_shared_location_answers_the_province_question(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "province")
    chat.send(ev.location(USER, 18.7883, 98.9853))
    chat.tap(USER, "confirm=yes")
    assert requests_in(app)[0].province == "เชียงใหม่"


def test_a_photo_sent_during_a_request_is_kept_with_it(chat, app, line_api):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["product_design"])
    line_api.put_content("photo-1", b"\x89PNG fake image bytes", "image/png")
    said = shown(chat.send(ev.image(USER, content_id="photo-1")))
    assert "ได้รับรูปภาพแล้ว" in said[0]
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    with app.extensions["frontdesk"].sessions() as session:
        [attachment] = session.scalars(select(Attachment))
        assert attachment.request_id == request.id
        assert attachment.status == "stored" and attachment.data == b"\x89PNG fake image bytes"


def test_request_status_lists_the_users_requests_newest_first(chat, app):
    chat.consent(USER)
    for service in ("packaging", "training"):
        chat.say(USER, FIRST_MESSAGES[service])
        answer_until_summary(chat, app, USER, REUSING)
        chat.tap(USER, "confirm=yes")
    [card] = chat.say(USER, "คำขอที่ส่งไปถึงไหนแล้วคะ")
    first, second = requests_in(app)
    assert card.index(second.reference) < card.index(first.reference)
    assert "รอเจ้าหน้าที่รับเรื่อง" in card
    [one] = chat.say(USER, f"ขอดูสถานะ {first.reference.lower()} หน่อยค่ะ")
    assert first.reference in one and second.reference not in one


def test_contact_staff_files_a_call_and_alerts_the_centre(chat, app, line_api):
    add_staff(app, "นครราชสีมา")
    chat.consent(USER)
    chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    answer_until_summary(chat, app, USER, ANSWERS | {"province": "โคราช"})
    [done] = chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "contact_staff" and "แจ้งเจ้าหน้าที่" in done
    assert line_api.delivered_messages(to=STAFF)


def test_a_call_asked_for_with_its_topic_is_not_asked_the_topic_again(chat, app, line_api):
    add_staff(app, "นครราชสีมา")
    chat.consent(USER)
    said = chat.say(USER, "อยากให้เจ้าหน้าที่โทรกลับเรื่องขอ อย. ค่ะ")
    assert "ขอชื่อผู้ติดต่อ" in said[-1] and "เรื่องอะไร" not in " ".join(said)
    said = answer_until_summary(chat, app, USER, ANSWERS | {"province": "โคราช"})
    assert "ขอ อย." in said[-1]
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.service == "contact_staff" and "ขอ อย." in request.details
    [alert] = line_api.delivered_messages(to=STAFF)
    assert "ขอ อย." in str(alert.message)  # the officer sees what to call about


def test_asking_for_staff_asks_where_the_person_is_never_about_a_business(chat, app):
    chat.consent(USER)
    said = chat.say(USER, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    said += answer_until(chat, app, USER, "province", ANSWERS | {"details": "อยากสอบถามเรื่องทุนค่ะ"})
    assert said[-1].startswith("ท่านอยู่จังหวัดไหนคะ")
    said += answer_until_summary(chat, app, USER)
    assert not any("กิจการ" in text for text in said)


def test_centre_info_for_a_province_alias(chat):
    said = chat.say(USER, "ศูนย์ที่ดูแลโคราชอยู่ที่ไหน เบอร์โทรอะไรคะ")
    assert any("นครราชสีมา" in s and "📞" in s for s in said)


def test_asking_whether_the_centres_open_on_a_day_off_is_told_when_they_open_again(chat):
    said = chat.say(USER, "เสาร์นี้ศูนย์ที่โคราชเปิดไหมคะ จะขับรถไปเลย")
    assert "วันเสาร์" in said[0] and "ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวัน" in said[0]
    assert "ตรงกับวันเสาร์" not in said[0] and "08:30–16:30 น." in said[0]
    assert any("นครราชสีมา" in s and "📞" in s for s in said[1:])


def test_another_day_asked_right_after_is_told_whether_the_centres_open_then(chat):
    chat.say(USER, "ศูนย์ภาค 11 สงขลา วันที่ 7 ธันวาเปิดไหมคะ")
    [new_year] = chat.say(USER, "แล้ว 31 ธค ล่ะคะ")  # h81: before, read as a question about a request's status
    assert new_year.startswith("วันพฤหัส 31 ธ.ค. 2569 ตรงกับวันสิ้นปี ศูนย์ปิดทำการค่ะ เปิดอีกครั้งวันจันทร์ 4 ม.ค. 2570")
    [working_day] = chat.say(USER, "๒ ธ.ค. ล่ะ")
    assert "ศูนย์เปิดทำการตามปกติ" in working_day
    said = chat.say(USER, "ขอบคุณค่ะ")
    assert not any("เปิดทำการ" in s or "ปิดทำการ" in s for s in said)


def test_centre_info_for_a_district_is_its_province_s_centre(chat):
    said = chat.say(USER, "ศูนย์ที่ใกล้หางดงที่สุดอยู่ไหนคะ")
    assert any("เชียงใหม่" in s and "📞" in s for s in said)


def test_a_district_answers_the_province_question_and_routes_the_request(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER, ANSWERS | {"province": "อ.บ้านโป่งค่ะ"})
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert request.province == "ราชบุรี"


def test_the_seat_s_district_alone_asks_which_province_and_routes_nowhere_yet(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "province")
    [again] = chat.say(USER, "อ.เมืองค่ะ")
    assert again.startswith("อำเภอเมืองของจังหวัดไหนคะ") and state_of(app, USER) == "province"
    chat.say(USER, "ลำปางค่ะ")
    chat.tap(USER, "confirm=yes")
    assert requests_in(app)[0].province == "ลำปาง"


def test_call_this_number_mid_request_is_how_to_be_called_back_and_the_request_goes_on(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากเข้าร่วมคลัสเตอร์ปาล์มน้ำมันครับ ทำโรงสกัดเล็กๆที่สุราษ")
    answer_until(chat, app, USER, "business_name")
    chat.say(USER, "0817778899")  # typed for the business name: taken as the phone
    said = chat.say(USER, "โทรมาเบอร์นี้ได้เลยครับ")
    assert "0817778899" in said[0] and state_of(app, USER) == "business_name"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.phone, request.answers["sector"]) == ("cluster", "0817778899", "palm_oil")


def test_a_second_need_in_the_first_message_is_said_to_come_next_and_offered_once_the_request_is_sent(chat, app):
    chat.consent(USER)
    said = chat.say(USER, "แม่ทำผ้าทอมือที่ลำพูน อยากให้ช่วยออกแบบลายผ้าใหม่ๆให้ทันสมัยขึ้น แล้วก็อยากหาคนรับซื้อด้วยครับ")
    assert "ส่วนเรื่องจับคู่ธุรกิจ ขอทำต่อหลังส่งเรื่องนี้" in said[0]
    answer_until_summary(chat, app, USER)
    sent, offer = chat.tap(USER, "confirm=yes")
    assert sent.startswith("ส่งคำขอเรียบร้อยแล้ว") and "จับคู่ธุรกิจ" in offer and "ต่อเลยไหม" in offer
    [request] = requests_in(app)
    assert request.service == "product_design" and "second_need" not in request.answers
    said = chat.say(USER, "ได้ค่ะ")  # typed, as the button would be
    assert state_of(app, USER) in ("details", "reuse_profile") and "จับคู่ธุรกิจ" in said[0]


@pytest.mark.parametrize("later", [lambda chat: chat.say(USER, "ไว้ก่อนค่ะ"), lambda chat: chat.tap(USER, "later=second_need")])
def test_the_second_need_left_for_later_starts_nothing_and_cancels_nothing(chat, app, later):
    chat.follow(USER)  # consent still to give: the second need is told once it is
    chat.say(USER, "แม่ทำผ้าทอมือที่ลำพูน อยากให้ช่วยออกแบบลายผ้าใหม่ๆให้ทันสมัยขึ้น แล้วก็อยากหาคนรับซื้อด้วยครับ")
    said = chat.tap(USER, "consent=yes")
    assert any("ส่วนเรื่องจับคู่ธุรกิจ ขอทำต่อหลังส่งเรื่องนี้" in text for text in said)
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [answer] = later(chat)
    assert answer.startswith("ได้เลยค่ะ") and state_of(app, USER) is None
    [request] = requests_in(app)
    assert request.status == "new"


def test_one_need_said_twice_is_one_request_and_nothing_else_is_offered(chat, app):
    chat.consent(USER)
    said = chat.say(USER, "อยากได้กล่องใหม่ให้คุกกี้ แล้วก็อยากให้ฉลากสวยขึ้นด้วยค่ะ")
    assert "ขอทำต่อหลังส่งเรื่องนี้" not in said[0]
    answer_until_summary(chat, app, USER)
    assert len(chat.tap(USER, "confirm=yes")) == 1


def test_asking_after_a_request_made_by_phone_is_told_it_is_not_in_line_and_given_that_centre(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "เคยโทรไปขอใช้เครื่องฟรีซดรายที่ศูนย์ลำปางเมื่ออาทิตย์ก่อน อยากรู้ว่าเรื่องถึงไหนแล้วครับ")
    assert said[0].startswith("ยังไม่มีคำขอที่ส่งทาง LINE นี้") and "ทางโทรศัพท์" in said[0]
    assert "ลำปาง" in said[1] and "📞" in said[1]


def test_the_partner_and_market_named_in_the_first_message_are_not_asked_again(chat, app):
    chat.consent(USER)
    chat.say(USER, "อยากหาโรงงาน OEM รับผลิตสบู่สมุนไพร แล้วส่งออกไปญี่ปุ่นค่ะ")
    said = answer_until_summary(chat, app, USER)
    asked = " ".join(said)
    assert "อยากเจอคู่ค้าแบบไหน" not in asked and "สนใจตลาดไหน" not in asked
    assert "โรงงาน OEM" in said[-1] and "ญี่ปุ่น" in said[-1]
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.answers["buyer"], request.answers["market"]) == (
        "business_matching", "โรงงาน OEM", "japan")


def test_the_service_chosen_for_an_unclear_message_starts_from_that_message(chat, app):
    chat.consent(USER)
    typed = "อยากให้ช่วยออกแบบลายผ้าใหม่ แล้วก็อยากหาคนรับซื้อด้วยค่ะ"  # two needs: the bot is unsure which
    [unsure] = chat.say(USER, typed)
    assert unsure.startswith("ขอโทษค่ะ ไม่แน่ใจ")
    said = chat.tap(USER, "intent=product_design")
    assert "ส่วนเรื่องจับคู่ธุรกิจ ขอทำต่อหลังส่งเรื่องนี้" in said[0] and state_of(app, USER) != "details"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    assert requests_in(app)[0].details == typed


def test_a_price_question_before_consent_is_told_who_says_the_price_and_asked_for_consent(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "ค่าใช้เครื่องcncชั่วโมงละเท่าไหร่ครับ")
    assert said[0].startswith("ค่าบริการขึ้นกับบริการ") and "ท่านยินยอมไหมคะ" in said[-1]
    said = chat.say(USER, "ถามราคาเฉยๆครับ ยังไม่ได้จะจอง")
    assert said[0].startswith("ค่าบริการขึ้นกับบริการ") and "ศูนย์ใกล้ฉัน" in said[0]


def test_the_freeze_dryer_named_is_no_price_question(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "อยากใช้เครื่องฟรีซดรายค่ะ")
    assert not any("ค่าบริการขึ้นกับบริการ" in s for s in said) and "ท่านยินยอมไหมคะ" in said[-1]


@pytest.mark.parametrize("typed", ["ดีพร้อมคืออะไรคะ ช่วยอะไรชาวบ้านได้บ้าง", "ITC ช่วยอะไรได้บ้างครับ"])
def test_asking_what_the_centres_are_is_told_who_runs_them_and_what_they_do(chat, typed):
    chat.follow(USER)
    [answer] = chat.say(USER, typed)
    assert answer.startswith("ดีพร้อม คือกรมส่งเสริมอุตสาหกรรม") and "บรรจุภัณฑ์" in answer


def test_a_form_typed_as_the_first_message_answers_every_question_it_labels(chat, app):
    chat.consent(USER)
    chat.say(USER, "สวัสดีครับ\nชื่อ วีระ แก้วกาญจนา\nร้าน วีระอัญมณี\nเบอร์ 089-123-4567\nจังหวัด จันทบุรี\n"
                   "ต้องการ: อยากออกแบบคอลเลกชันเครื่องประดับพลอยใหม่ ขายตลาดจีนครับ")
    asked = answer_until_summary(chat, app, USER)
    assert not any(question in " ".join(asked) for question in ("ขอชื่อ", "ขอเบอร์", "จังหวัดไหน"))
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.service, request.contact_name, request.business_name, request.phone, request.province) == (
        "product_design", "วีระ แก้วกาญจนา", "วีระอัญมณี", "0891234567", "จันทบุรี")
    assert request.details == "อยากออกแบบคอลเลกชันเครื่องประดับพลอยใหม่ ขายตลาดจีน"


def test_unsubscribe_is_recorded_and_can_be_undone(chat, app):
    chat.follow(USER)
    chat.say(USER, "ไม่ต้องส่งข่าวสารมาแล้วนะคะ")
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.subscribed)) is False
    chat.tap(USER, "subscribe=yes")
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.subscribed)) is True


def test_stop_with_nothing_in_progress_offers_to_stop_the_news_and_stops_nothing_itself(chat, app):
    chat.follow(USER)
    [answer] = chat.send(ev.text(USER, "stop"))
    assert answer["text"].startswith("ตอนนี้ไม่มีเรื่องที่กำลังดำเนินการค้างอยู่ค่ะ") and "หยุดรับข่าวสาร" in answer["text"]
    [stop_news] = [c for c in quick_replies(answer) if c["label"] == "หยุดรับข่าวสาร"]
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.subscribed)) is True
    [done] = chat.tap(USER, stop_news["data"])
    assert done.startswith("ยกเลิกการรับข่าวสารเรียบร้อยค่ะ")
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.subscribed)) is False
    [again] = chat.send(ev.text(USER, "ยกเลิกค่ะ"))  # no news to stop now: nothing more is offered
    assert "หยุดรับข่าวสาร" not in again["text"]
    assert "หยุดรับข่าวสาร" not in [c["label"] for c in quick_replies(again)]


def test_an_unclear_message_offers_choices_instead_of_guessing(chat, app):
    chat.follow(USER)
    messages = chat.send(ev.text(USER, "อืม"))
    assert "ไม่แน่ใจ" in messages[-1]["text"]
    assert len(quick_replies(messages[-1])) >= 2
    assert state_of(app, USER) in (None, "asked")  # no request begun; the message kept for the choice tapped


@pytest.mark.parametrize("text", ["โอเคค่ะ", "👍", "ok ครับ", "รับทราบค่ะ 🙏", "5555"])
def test_an_okay_or_a_thumbs_up_is_acknowledged_not_greeted_again(chat, text):
    chat.consent(USER)
    [answer] = chat.say(USER, text)
    assert answer.startswith("รับทราบค่ะ") and "สวัสดี" not in answer


@pytest.mark.parametrize(("text", "opening"), [("สวัสดีค่ะ", "สวัสดีค่ะ"), ("ขอบคุณมากค่ะ 👍", "ยินดีค่ะ")])
def test_a_hello_is_greeted_and_thanks_are_welcomed(chat, text, opening):
    [answer] = chat.say(USER, text)
    assert answer.startswith(opening)


def test_out_of_scope_gets_a_polite_pointer_back(chat):
    [answer] = chat.say(USER, "หวยงวดนี้ออกเลขอะไรครับ")
    assert "นอกเหนือบริการ" in answer


def test_delete_my_data_erases_personal_data_but_keeps_statistics(chat, app):
    file_packaging_request(chat, app)
    [question] = chat.say(USER, "ลบข้อมูลของฉัน")
    assert "ลบ" in question
    chat.tap(USER, "erase=yes")
    [request] = requests_in(app)
    assert request.service == "packaging" and request.province == "เชียงราย"
    assert request.phone is None and request.contact_name is None and request.user_id is None
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser)) is None


def test_erasing_withdraws_open_requests_says_so_first_and_tells_the_centre(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [question] = chat.say(USER, "ช่วยลบข้อมูลของฉันด้วยค่ะ")
    assert request.reference in question and "ยกเลิก" in question
    assert requests_in(app)[0].status == "new"  # nothing happens before the confirmation
    [answer] = chat.tap(USER, "erase=yes")
    assert "ลบข้อมูลของท่านเรียบร้อย" in answer and f"ยกเลิกคำขอ {request.reference}" in answer
    [withdrawn] = requests_in(app)
    assert withdrawn.status == "cancelled" and withdrawn.closed_at is not None and withdrawn.phone is None
    assert withdrawn.close_reason == "ผู้ขอลบข้อมูลส่วนบุคคลทาง LINE"
    [notice] = [m.text for m in line_api.delivered_messages(to=STAFF) if "ถูกยกเลิก" in (m.text or "")]
    assert request.reference in notice and "0812345678" not in notice


def test_erasing_with_no_open_request_withdraws_nothing(chat, app):
    chat.consent(USER)
    [question] = chat.say(USER, "ลบข้อมูลของฉัน")
    assert "ยกเลิก" not in question
    [answer] = chat.tap(USER, "erase=yes")
    assert "ยกเลิกคำขอ" not in answer and requests_in(app) == []


@pytest.mark.parametrize("typed", ["ลบเลยค่ะ", "ใช่ค่ะ", "ได้ค่ะ ลบได้เลย"])
def test_a_typed_yes_to_delete_my_data_erases_as_the_button_does(chat, app, typed):
    file_packaging_request(chat, app)
    chat.say(USER, "ลบข้อมูลของฉัน")
    [answer] = chat.say(USER, typed)
    assert "ลบข้อมูลของท่านเรียบร้อย" in answer and requests_in(app)[0].phone is None


@pytest.mark.parametrize("typed", ["ไม่ยินยอมแล้วค่ะ ลบเลย", "ขอถอนความยินยอมครับ"])
def test_consent_taken_back_in_words_asks_to_erase_and_a_yes_erases(chat, app, typed):
    file_packaging_request(chat, app)
    [question] = chat.say(USER, typed)
    assert question.startswith("ต้องการลบข้อมูลส่วนบุคคล")  # h81: before, "ไม่มีเรื่องที่กำลังดำเนินการค้างอยู่"
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert "ลบข้อมูลของท่านเรียบร้อย" in answer and requests_in(app)[0].phone is None


def test_a_refusal_before_consent_is_no_request_to_erase(chat):
    chat.follow(USER)
    said = chat.say(USER, "ไม่ยินยอมค่ะ")
    assert not any(s.startswith("ต้องการลบข้อมูล") for s in said)


def test_a_typed_no_or_another_message_keeps_the_data_and_a_later_yes_erases_nothing(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, "ลบข้อมูลของฉัน")
    [kept] = chat.say(USER, "ไม่ลบค่ะ")
    assert "ไม่ลบข้อมูล" in kept
    chat.say(USER, "ลบข้อมูลของฉัน")
    chat.say(USER, "ศูนย์ที่ดูแลน่านอยู่ที่ไหนคะ")
    chat.say(USER, "ใช่ค่ะ")
    assert requests_in(app)[0].phone == "0812345678"


def test_a_typed_yes_withdraws_a_request_just_made(chat, app):
    request = file_packaging_request(chat, app)
    [question] = chat.say(USER, "ยกเลิก")
    assert request.reference in question
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert request.reference in answer and requests_in(app)[0].status == "cancelled"


@pytest.mark.parametrize(("typed", "consented"), [("ยินยอมค่ะ", True), ("ตกลงครับ", True), ("ไม่ยินยอมครับ", False),
                                                  ("ยินยอมเจ้า", True), ("ยินยอมเด้อ", True), ("ตกลงเจ้า", True),
                                                  ("ยินยอมให้เก็บข้อมูลค่ะ", True), ("เออๆ ยินยอมก็ได้ รีบๆนะ", True),
                                                  ("yes I agree", True), ("ได้อยู่", True)])
def test_consent_after_following_can_be_typed(chat, app, typed, consented):
    chat.follow(USER)
    [answer] = chat.say(USER, typed)
    assert ("ขอบคุณที่ยินยอม" in answer) is consented
    with app.extensions["frontdesk"].sessions() as session:
        assert (session.scalar(select(LineUser.consented_at)) is not None) is consented


@pytest.mark.parametrize(("typed", "consented"), [("ยินยอมค่ะ", True), ("ยินยอมครับ 🙏", True),
                                                  ("ไม่ยินยอมค่ะ", False)])
def test_consent_typed_after_another_question_is_still_taken(chat, app, typed, consented):
    chat.follow(USER)
    chat.say(USER, "ศูนย์ที่ดูแลเชียงรายอยู่ที่ไหนคะ")  # the consent note is no longer the last question
    [answer] = chat.say(USER, typed)
    assert ("ขอบคุณที่ยินยอม" if consented else "จะไม่เก็บข้อมูลส่วนบุคคล") in answer
    with app.extensions["frontdesk"].sessions() as session:
        assert (session.scalar(select(LineUser.consented_at)) is not None) is consented
    said = chat.say(USER, FIRST_MESSAGES["packaging"])
    assert ("ท่านยินยอมไหมคะ" in said[-1]) is not consented


@pytest.mark.parametrize("typed", ["ได้เจ้า", "เจ้า", "ยินยอมเด้อ", "แม่นแล้ว", "ได้หนิ"])
def test_a_yes_in_northern_isan_or_southern_thai_gives_consent_and_the_request_goes_on(chat, app, typed):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    assert state_of(app, USER) == "consent"
    chat.say(USER, typed)
    assert state_of(app, USER) not in (None, "consent")
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.consented_at)) is not None


@pytest.mark.parametrize("typed", ["ยินยอมคืออะไรคะ ป้าไม่เข้าใจ", "ยินยอมแปลว่าอะไร", "ทำไมต้องยินยอมคะ",
                                   "เก็บข้อมูลไปทำอะไรคะ"])
def test_asking_what_the_consent_means_is_told_and_gives_no_consent(chat, app, typed):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    [told] = chat.say(USER, typed)
    assert told.startswith("ข้อมูลที่เก็บ:") and state_of(app, USER) == "consent"
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.consented_at)) is None
    chat.say(USER, "ยินยอมค่ะ")
    assert state_of(app, USER) not in (None, "consent")


def test_consent_that_goes_on_with_a_that_is_is_consent(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    chat.say(USER, "ยินยอมค่ะ คือร้านเราอยากทำกล่องใหม่")
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.consented_at)) is not None


def test_a_need_about_keeping_food_is_a_need_not_a_question_about_the_data(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "อยากเก็บน้ำพริกให้ได้นานขึ้น ทำยังไงคะ")
    assert not said[0].startswith("ข้อมูลที่เก็บ:") and "ท่านยินยอมไหมคะ" in said[-1]
    assert state_of(app, USER) == "consent"


def test_service_needs_consent_first_and_resumes_after_it(chat, app):
    chat.follow(USER)
    said = chat.say(USER, FIRST_MESSAGES["packaging"])
    assert "ยินยอม" in said[-1] and state_of(app, USER) == "consent"
    said = chat.tap(USER, "consent=yes")
    assert state_of(app, USER) not in (None, "consent")


def test_after_declining_consent_every_choice_offered_leads_on_not_back_to_the_consent_note(chat, app):
    from bot.dialogue import texts
    chat.follow(USER)
    [declined] = chat.send(ev.postback(USER, "consent=no"))
    assert "โทรหาศูนย์" in declined["text"]
    offered = [choice["data"] for choice in quick_replies(declined) if choice["data"] != "consent=yes"]
    assert offered and "intent=contact_staff" not in offered
    for data in offered:
        said = chat.tap(USER, data)
        assert said and not any(texts.CONSENT_NOTE in text for text in said), data


def test_consent_refused_with_a_question_after_it_is_refused_and_the_question_answered(chat, app):
    chat.follow(USER)
    said = chat.say(USER, "ไม่ให้ข้อมูลได้ไหม แค่อยากรู้ว่าศูนย์ที่อุดรเปิดกี่โมง")
    assert said[0].startswith("รับทราบค่ะ ระบบจะไม่เก็บข้อมูล") and any("อุดรธานี" in s and "📞" in s for s in said)
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(LineUser.consented_at)) is None


def test_consent_can_be_declined_by_typing_and_other_questions_do_not_loop_on_it(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    declined, asked = chat.say(USER, "ไม่ยินยอมค่ะ ขอเบอร์ศูนย์มาโทรเองได้ไหม")
    assert "จะไม่เก็บข้อมูลส่วนบุคคล" in declined and "จังหวัดไหน" in asked  # the centre's number: which province?
    [card] = chat.say(USER, "สงขลาค่ะ")
    assert "สงขลา" in card and "📞" in card and state_of(app, USER) is None
    chat.say(USER, FIRST_MESSAGES["packaging"])
    said = chat.say(USER, "ศูนย์ที่ดูแลสงขลาอยู่ที่ไหนคะ")
    assert "สงขลา" in " ".join(said) and "ท่านยินยอมไหมคะ" not in " ".join(said) and state_of(app, USER) is None


def test_staff_alert_survives_a_500_and_a_timeout_without_duplicates(chat, app, line_api):
    from bot import jobs
    add_staff(app)
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    line_api.fail_next("/v2/bot/message/push", status=500)
    line_api.hang_next("/v2/bot/message/push", seconds=3, then="accept")
    chat.tap(USER, "confirm=yes")
    jobs.run_scheduled()
    assert len(line_api.delivered_messages(to=STAFF)) == 1
    keys = {r.header("X-Line-Retry-Key") for r in line_api.requests("/v2/bot/message/push")}
    assert len(keys) == 1
    with app.extensions["frontdesk"].sessions() as session:
        [delivery] = session.scalars(select(Delivery).where(Delivery.purpose == "staff_alert"))
        assert delivery.status == "sent" and delivery.attempts >= 2


def test_staff_accept_from_the_alert_first_tap_wins_and_the_entrepreneur_hears(chat, app, line_api):
    other = "U" + "6" * 32
    add_staff(app)
    add_staff(app, line_id=other)
    request = file_packaging_request(chat, app)
    assert len(line_api.delivered_messages(to=STAFF)) == 1 and len(line_api.delivered_messages(to=other)) == 1
    [won] = chat.tap(STAFF, f"accept={request.id}")
    [lost] = chat.tap(other, f"accept={request.id}")
    assert "รับเรื่อง" in won and request.reference in won
    assert "มีผู้รับเรื่องแล้ว" in lost and "เจ้าหน้าที่ทดสอบ" in lost
    [accepted] = requests_in(app)
    assert accepted.status == "accepted"
    update = line_api.delivered_messages(to=USER)[-1]
    assert update.via == "push" and "รับเรื่องแล้ว" in update.text and request.reference in update.text


def test_a_stranger_cannot_accept_a_request(chat, app):
    request = file_packaging_request(chat, app)
    [answer] = chat.tap(USER, f"accept={request.id}")
    assert "สำหรับเจ้าหน้าที่" in answer and requests_in(app)[0].status == "new"


def test_no_push_goes_to_a_user_who_blocked_the_account(chat, app, line_api):
    add_staff(app)
    file_packaging_request(chat, app)
    chat.post([ev.unfollow(USER)])
    before = len(line_api.delivered_messages(to=USER))
    chat.tap(STAFF, f"accept={requests_in(app)[0].id}")
    assert len(line_api.delivered_messages(to=USER)) == before


def test_centre_info_asks_the_province_and_answers_with_the_centre(chat, app):
    chat.follow(USER)
    chat.tap(USER, "intent=center_info")
    said = chat.say(USER, "น่านค่ะ")
    assert any("Mini ITC น่าน" in s and "📞" in s for s in said)
    assert state_of(app, USER) is None


def test_the_province_told_at_the_centre_lookup_is_kept_for_the_next_question_and_its_news(chat, app):
    chat.consent(USER)
    chat.say(USER, "ศูนย์อยู่ที่ไหนคะ")
    chat.say(USER, "อยู่โคราชค่ะ")
    again = chat.say(USER, "ขอเบอร์โทรศูนย์หน่อยค่ะ")  # asked once only (h81)
    assert any("นครราชสีมา" in s and "📞" in s for s in again) and not any("จังหวัดไหน" in s for s in again)
    news = app.test_cli_runner().invoke(args=["announce", "send", "--text", "x", "--dry-run", "--province", "โคราช"])
    assert '"recipients": 1' in news.output


@pytest.mark.parametrize("typed", ["ชลค่ะ", "ชลบุลี", "อยู่ชลบุรีค่ะ"])
def test_the_centre_lookup_reads_a_short_name_or_a_slip(chat, app, typed):
    chat.follow(USER)
    chat.tap(USER, "intent=center_info")
    said = chat.say(USER, typed)
    assert any("ชลบุรี" in s and "📞" in s for s in said) and state_of(app, USER) is None


def test_the_centre_lookup_asks_once_more_when_no_province_is_named_then_moves_on(chat, app):
    chat.follow(USER)
    chat.tap(USER, "intent=center_info")
    [again] = chat.say(USER, "บ้านนาค่ะ")
    assert "ไม่พบชื่อจังหวัดนี้" in again and state_of(app, USER) == "province_again"
    said = chat.say(USER, "ภูเก็ตค่ะ")
    assert any("ภูเก็ต" in s and "📞" in s for s in said) and state_of(app, USER) is None
    chat.tap(USER, "intent=center_info")
    chat.say(USER, "บ้านนาค่ะ")
    said = chat.say(USER, "บ้านนาค่ะ")
    assert "ไม่พบชื่อจังหวัดนี้" not in " ".join(said) and state_of(app, USER) is None


def test_thanks_at_the_centre_lookup_closes_it_without_asking_again(chat, app):
    chat.follow(USER)
    chat.tap(USER, "intent=center_info")
    said = chat.say(USER, "ขอบคุณค่ะ")
    assert "ไม่พบชื่อจังหวัดนี้" not in " ".join(said) and state_of(app, USER) is None


@pytest.mark.parametrize("typed, centre", [("ชลบุรี", "ชลบุรี"), ("ภูเก็ตค่ะ", "ภูเก็ต"), ("เชียงใหม่", "เชียงใหม่")])
def test_a_province_typed_alone_gets_its_centre(chat, app, typed, centre):
    chat.follow(USER)
    said = chat.say(USER, typed)
    assert any(centre in s and "📞" in s for s in said)


def test_cancel_in_everyday_words_asks_before_dropping_the_flow(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "business_name")
    [question] = chat.say(USER, "ไม่เอาแล้วค่ะ")
    assert "ยกเลิก" in question and state_of(app, USER) == "business_name"
    chat.tap(USER, "cancel=flow")
    assert state_of(app, USER) is None and requests_in(app) == []


def test_a_button_from_an_old_card_does_not_become_an_answer(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    assert state_of(app, USER) == "product"
    said = chat.tap(USER, "confirm=yes")
    assert "สินค้าของท่าน" in said[-1] and state_of(app, USER) == "product"
    chat.tap(USER, "answer=automotive")
    assert state_of(app, USER) == "product"


def test_polite_particles_do_not_get_in_the_way(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    chat.say(USER, "ยินยอมค่ะ")
    assert state_of(app, USER) == "product"
    answer_until_summary(chat, app, USER)
    chat.say(USER, "ยืนยันค่ะ")
    assert len(requests_in(app)) == 1


def test_an_unclear_answer_to_reuse_profile_asks_again(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["consulting"])
    said = chat.say(USER, "แม่พิมพ์ถ้วยเซรามิก")
    assert state_of(app, USER) == "reuse_profile" and "ใช้ข้อมูลเดิม" in said[-1]
    chat.say(USER, "ใช้ค่ะ")
    assert state_of(app, USER) == "confirm"


@pytest.mark.parametrize("typed", ["ไม่ใช่", "ไม่ใช่ค่ะ", "ไม่ใช้ครับ", "ไม่เอา", "ไม่เอาค่ะ", "ไม่เอาอ่ะ",
                                   "ไม่เอาข้อมูลเดิม", "ไม่ใช้ข้อมูลเดิมค่ะ", "ไม่ใช่ค่ะ ให้ติดต่อประธานกลุ่มแทน"])
def test_a_typed_no_to_reuse_profile_asks_the_details_again_and_keeps_the_request(chat, app, typed):
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["consulting"])
    said = chat.say(USER, typed)  # a no in the "ไม่ใช่" chip's words or others; the classifier hears a cancel
    assert state_of(app, USER) == "business_name" and "ขอชื่อกิจการ" in said[-1]
    said = answer_until_summary(chat, app, USER, ANSWERS | {"business_name": "ร้านใหม่ของสมศรี"})
    assert "ร้านใหม่ของสมศรี" in said[-1]


def test_giving_up_at_reuse_profile_still_asks_whether_to_cancel(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["consulting"])
    [question] = chat.say(USER, "ไม่เอาแล้วค่ะ")
    assert "ต้องการยกเลิก" in question and state_of(app, USER) == "reuse_profile"


def test_repeated_wrong_answers_offer_a_way_out(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["training"])
    answer_until(chat, app, USER, "people")
    chat.send(ev.text(USER, "เยอะ"))
    messages = chat.send(ev.text(USER, "ไม่รู้สิ"))
    labels = [a["label"] for a in quick_replies(messages[-1])]
    assert "ยกเลิกเรื่องนี้" in labels and "คุยกับเจ้าหน้าที่" in labels


def test_a_photo_sent_before_the_request_started_is_not_attached(chat, app, line_api):
    chat.consent(USER)
    line_api.put_content("old-photo", b"old", "image/png")
    chat.send(ev.image(USER, content_id="old-photo"))
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    with app.extensions["frontdesk"].sessions() as session:
        [attachment] = session.scalars(select(Attachment))
        assert attachment.request_id is None


def test_after_asking_for_staff_a_hello_is_told_someone_will_call(chat, app):
    asked_for_staff(chat, app)
    [answer] = chat.say(USER, "ฮัลโหล มีใครอยู่ไหมคะ")
    assert "ติดต่อกลับ" in answer


@pytest.mark.parametrize("typed", ["โอเคค่ะ ขอบคุณค่ะ", "ขอบคุณมากครับ", "รับทราบค่ะ 🙏"])
def test_after_asking_for_staff_thanks_get_a_short_closing_not_the_staff_line_again(chat, app, typed):
    asked_for_staff(chat, app)
    [answer] = chat.say(USER, typed)
    assert answer.startswith(("ยินดีค่ะ", "รับทราบค่ะ")) and "ได้รับเรื่อง" not in answer


def test_withdrawing_a_request_tells_the_centre(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(USER, f"cancel_request={request.id}")
    assert requests_in(app)[0].status == "cancelled"
    assert any("ถูกยกเลิกโดยผู้ขอ" in (m.text or "") for m in line_api.delivered_messages(to=STAFF))


def test_erasure_also_clears_what_was_sent_about_the_user(chat, app):
    add_staff(app)
    file_packaging_request(chat, app)
    chat.tap(USER, "erase=yes")
    with app.extensions["frontdesk"].sessions() as session:
        deliveries = list(session.scalars(select(Delivery)))
        assert deliveries and all(d.messages == [] and d.recipients == [] for d in deliveries
                                  if d.purpose == "staff_alert")


def test_a_province_typed_alone_for_the_contact_name_is_taken_as_the_province_and_the_name_asked_again(chat, app):
    typed_at(chat, app, "contact_name", "เชียงใหม่")
    said = " ".join(chat.say(USER, "เชียงราย"))  # another province corrects the first
    assert "รับทราบจังหวัดเชียงราย" in said and "ขอชื่อผู้ติดต่อ" in said and state_of(app, USER) == "contact_name"
    said = answer_until_summary(chat, app, USER)
    assert not any("จังหวัดไหน" in text for text in said)  # not asked again
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name, request.province) == (ANSWERS["contact_name"], "เชียงราย")
    assert "province_for_a_name" not in request.answers


@pytest.mark.parametrize("again", ["สุรินทร์ครับ", "ผมชื่อสุรินทร์ครับ", "สุรินทร์ ใจดี 0812345678"])
def test_a_name_that_holds_the_province_typed_for_it_is_the_name_and_the_province_is_asked(chat, app, again):
    typed_at(chat, app, "contact_name", "สุรินทร์")
    said = chat.say(USER, again) + answer_until_summary(chat, app, USER, ANSWERS | {"province": "ลำปาง"})
    assert any("จังหวัดไหน" in text for text in said)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name.split()[0], request.province) == ("สุรินทร์", "ลำปาง")


def test_a_name_that_is_also_an_everyday_word_for_a_province_is_the_name(chat, app):
    typed_at(chat, app, "contact_name", "วัฒนาครับ")  # a Bangkok district, and a man's name
    assert state_of(app, USER) == "phone"
    assert names_sent(chat, app)[1] == "วัฒนา"


def test_an_old_button_tapped_before_consent_asks_for_consent_again(chat, app):
    chat.follow(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    assert state_of(app, USER) == "consent"
    said = chat.tap(USER, "resume=yes")
    assert "ขออนุญาต" in said[-1] and "ขออภัย" not in " ".join(said)
    assert state_of(app, USER) == "consent"


def test_where_the_business_is_typed_for_the_contact_name_is_taken_as_the_province(chat, app):
    chat.consent(USER)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until(chat, app, USER, "contact_name")
    said = " ".join(chat.say(USER, "อยู่แปดริ้วค่ะ"))
    assert "รับทราบที่ตั้งกิจการ" in said and "ขอชื่อผู้ติดต่อ" in said and state_of(app, USER) == "contact_name"
    answer_until_summary(chat, app, USER)
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.contact_name, request.province) == (ANSWERS["contact_name"], "ฉะเชิงเทรา")


@pytest.mark.parametrize(("first", "business", "contact"), [
    ("สวัสดีค่ะ ผมชื่อสมชายครับ จากหจก.ไม้งามเฟอร์นิเจอร์ อยากได้กล่องใส่เฟอร์นิเจอร์ไม้", "หจก.ไม้งามเฟอร์นิเจอร์",
     "สมชาย"),
    ("ป้าแดงเองจ้า วิสาหกิจชุมชนบ้านหนองบัวจ้า อยากได้ถุงใส่ข้าวเกรียบใหม่", "วิสาหกิจชุมชนบ้านหนองบัว", "ป้าแดง"),
    ("บริษัท สยามฟู้ดส์ จำกัด ค่ะ ชื่อแอนนะคะ อยากพัฒนาขวดใส่ซอสใหม่ค่ะ", "บริษัท สยามฟู้ดส์ จำกัด", "แอน"),
    ("ดิฉันเป็นเจ้าของบริษัท แสงทองฟู้ด จำกัด ชื่อแอนนะคะ อยากพัฒนาขวดใส่ซอสใหม่ค่ะ", "บริษัท แสงทองฟู้ด จำกัด", "แอน"),
])
def test_the_business_and_the_person_a_first_message_introduces_are_not_asked_again(chat, app, first, business,
                                                                                     contact):
    chat.consent(USER)
    said = chat.say(USER, first) + answer_until_summary(chat, app, USER)
    assert not any(question in line for line in said for question in ("ขอชื่อกิจการ", "ขอชื่อผู้ติดต่อ")), said
    chat.tap(USER, "confirm=yes")
    [request] = requests_in(app)
    assert (request.business_name, request.contact_name) == (business, contact)


@pytest.mark.parametrize("first", ["ผมอยากได้กล่องใส่ขนมครับ", "ร้านกาแฟค่ะ อยากได้ถุงใหม่", "หนูอยากได้ถุงซิปล็อคใส่ขนมค่ะ",
                                   "ผมเกษียณจากราชการครับ อยากทำกล่องขนมขาย", "พี่แอดอยู่ไหมคะ อยากได้กล่องขนม",
                                   "อยากทำกล่องน้ำพริกใหม่ จะส่งขายให้บริษัท ซีพี ออลล์ จำกัด (มหาชน) ค่ะ",
                                   "อยากทำกล่องน้ำพริกใหม่ค่ะ ลูกค้าคือบริษัท ซีพี ออลล์ จำกัด"])
def test_a_first_message_that_introduces_no_one_asks_both_names(chat, app, first):
    chat.consent(USER)
    said = chat.say(USER, first) + answer_until_summary(chat, app, USER)
    assert any("ขอชื่อกิจการ" in line for line in said) and any("ขอชื่อผู้ติดต่อ" in line for line in said)
