"""Withdrawing a request already sent, by chat: by its reference, from a choice of the open ones, or from its
status card; only while no officer has taken it, and its centre is told; through the webhook and the fake LINE
API."""

from __future__ import annotations

import pytest

from bot.dialogue.texts import thai_date
from bot.line import fake_events as ev
from tests.bot.test_service_requests import (
    ANSWERS,
    FIRST_MESSAGES,
    REUSING,
    STAFF,
    USER,
    add_staff,
    answer_until,
    answer_until_summary,
    file_packaging_request,
    requests_in,
    state_of,
)
from tests.chat import quick_replies, shown
from tests.console.helpers import signed_in_staff

OTHER = "U" + "b" * 32
WITHDRAWN = "ยกเลิกคำขอ {} เรียบร้อยแล้วค่ะ หากกดผิด แตะ \"ขอคืนคำขอ\" ได้ภายใน 24 ชั่วโมงนะคะ"


def file_another(chat, app, service: str = "product_design") -> None:
    """USER, who filed one request already, files one more (their details reused)."""
    chat.say(USER, FIRST_MESSAGES[service])
    answer_until_summary(chat, app, USER, REUSING)
    chat.tap(USER, "confirm=yes")


def two_requests(chat, app, second: str = "product_design") -> list:
    """USER files a packaging request, then one for `second`; both still wait for an officer."""
    file_packaging_request(chat, app)
    file_another(chat, app, second)
    return requests_in(app)


def status_of(app, reference: str) -> str:
    [request] = [r for r in requests_in(app) if r.reference == reference]
    return request.status


def staff_told(line_api, reference: str) -> bool:
    return any(reference in (m.text or "") and "ถูกยกเลิกโดยผู้ขอ" in (m.text or "")
               for m in line_api.delivered_messages(to=STAFF))


@pytest.mark.parametrize("yes", [lambda chat, data: chat.tap(USER, data), lambda chat, data: chat.say(USER, "ใช่ค่ะ")],
                         ids=["tapped", "typed"])
def test_a_request_named_by_its_reference_is_withdrawn_after_a_yes_and_its_centre_told(chat, app, line_api, yes):
    add_staff(app)
    request = file_packaging_request(chat, app)
    file_another(chat, app)  # the named request is not the newest
    [question] = chat.send(ev.text(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ"))
    assert question["text"] == f"ต้องการยกเลิกคำขอ {request.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"
    assert [c["label"] for c in quick_replies(question)] == ["ใช่", "ไม่ใช่"]
    [answer] = yes(chat, quick_replies(question)[0]["data"])
    assert answer == WITHDRAWN.format(request.reference)
    assert [r.status for r in requests_in(app)] == ["cancelled", "new"]
    assert staff_told(line_api, request.reference)


def test_a_no_keeps_the_request_named(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    [answer] = chat.say(USER, "ไม่ค่ะ")
    assert "คำขอของท่านยังอยู่" in answer and status_of(app, request.reference) == "new"
    assert not staff_told(line_api, request.reference)


TAKEN = "คำขอ {} เจ้าหน้าที่รับเรื่องแล้วค่ะ จึงยกเลิกทาง LINE เองไม่ได้ ให้แจ้งเจ้าหน้าที่ที่ดูแลว่าท่านขอยกเลิกไหมคะ"


def cancels_passed_on(line_api, reference: str) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=STAFF) if m.text and f"ขอยกเลิกคำขอ {reference}" in m.text]


@pytest.mark.parametrize("yes", [lambda chat, data: chat.tap(USER, data), lambda chat, data: chat.say(USER, "ใช่ค่ะ")],
                         ids=["tapped", "typed"])
def test_a_request_an_officer_took_is_not_withdrawn_by_chat_but_the_officer_is_told_if_the_user_wants(
        chat, app, line_api, yes):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(STAFF, f"accept={request.id}")
    [question] = chat.send(ev.text(USER, "ขอยกเลิกคำขอครับ ผู้บริหารไม่อนุมัติ"))
    assert question["text"] == TAKEN.format(request.reference)
    assert [c["label"] for c in quick_replies(question)] == ["แจ้งขอยกเลิก", "ไม่ต้อง"]
    assert cancels_passed_on(line_api, request.reference) == []  # nothing until the user says so
    [answer] = yes(chat, quick_replies(question)[0]["data"])
    assert answer.startswith(f"แจ้งว่าท่านขอยกเลิกคำขอ {request.reference} แล้วค่ะ (แจ้งเจ้าหน้าที่ที่ดูแลให้แล้ว)")
    [notice] = cancels_passed_on(line_api, request.reference)
    assert f"/staff/requests/{request.id}" in notice
    assert status_of(app, request.reference) == "accepted"  # the officer closes it
    page = signed_in_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai").get(f"/staff/requests/{request.id}")
    assert "ผู้ขอแจ้งขอยกเลิกทาง LINE" in page.get_data(as_text=True)


def test_a_second_tap_on_telling_the_officer_tells_no_one_again(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(STAFF, f"accept={request.id}")
    [question] = chat.send(ev.text(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ"))
    chat.tap(USER, quick_replies(question)[0]["data"])
    [again] = chat.tap(USER, quick_replies(question)[0]["data"])  # h79: a second notice went
    assert again.startswith(f"แจ้งเจ้าหน้าที่เรื่องขอยกเลิกคำขอ {request.reference} ไปแล้วค่ะ")
    assert len(cancels_passed_on(line_api, request.reference)) == 1


@pytest.mark.parametrize("data", ["cancel_request=no:²", "cancel_request=cancel_asked:²", "restore_request=²",
                                  "move_date=²", "accept=²"])
def test_a_postback_with_a_digit_that_is_no_number_gets_a_polite_answer(chat, app, data):
    file_packaging_request(chat, app)
    [answer] = chat.tap(USER, data)  # int("²") raised inside the handler (h79)
    assert "ขัดข้อง" not in answer and answer


def test_a_no_to_telling_the_officer_keeps_the_request_and_tells_no_one(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(STAFF, f"accept={request.id}")
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    [answer] = chat.say(USER, "ไม่ต้องค่ะ")
    assert "คำขอของท่านยังอยู่" in answer and cancels_passed_on(line_api, request.reference) == []
    assert status_of(app, request.reference) == "accepted"


def test_a_yes_given_after_an_officer_took_the_request_withdraws_nothing(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.say(USER, f"ขอยกเลิกคำขอ {request.reference} ค่ะ")
    chat.tap(STAFF, f"accept={request.id}")
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer == TAKEN.format(request.reference) and status_of(app, request.reference) == "accepted"


@pytest.mark.parametrize("whose", ["someone else's", "unknown"])
def test_a_reference_not_the_users_is_not_found_and_reveals_nothing(chat, app, whose):
    request = file_packaging_request(chat, app)
    reference = request.reference if whose == "someone else's" else "ITC-2569-999999"
    chat.consent(OTHER)
    [answer] = chat.say(OTHER, f"ขอยกเลิกคำขอ {reference} ค่ะ")
    assert answer == f"ไม่พบคำขอเลขที่ {reference} ของท่านค่ะ ลองตรวจสอบเลขอีกครั้งนะคะ"
    assert status_of(app, request.reference) == "new" and state_of(app, OTHER) is None


def test_a_status_question_with_a_reference_still_shows_the_status_card(chat, app):
    request = file_packaging_request(chat, app)
    [message] = chat.send(ev.text(USER, f"{request.reference} ถึงไหนแล้วคะ"))
    assert message["type"] == "flex" and request.reference in message["altText"]
    assert status_of(app, request.reference) == "new"


def test_the_status_card_of_a_request_no_officer_took_withdraws_it_once_asked(chat, app, line_api):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [card] = chat.send(ev.postback(USER, "intent=request_status"))
    [withdraw] = [b for b in _buttons(card["contents"]) if b["label"] == "ยกเลิกคำขอนี้"]
    [question] = chat.tap(USER, withdraw["data"])
    assert question.startswith(f"ต้องการยกเลิกคำขอ {request.reference}") and status_of(app, request.reference) == "new"
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer == WITHDRAWN.format(request.reference)
    assert status_of(app, request.reference) == "cancelled" and staff_told(line_api, request.reference)


def test_the_status_card_names_the_officer_who_took_the_request(chat, app):
    add_staff(app)
    request = file_packaging_request(chat, app)
    [before] = shown(chat.send(ev.postback(USER, "intent=request_status")))
    chat.tap(STAFF, f"accept={request.id}")
    [after] = shown(chat.send(ev.postback(USER, "intent=request_status")))
    assert "เจ้าหน้าที่ คุณเจ้าหน้าที่ทดสอบ" in after and "เจ้าหน้าที่ คุณ" not in before


def test_the_status_card_of_a_request_an_officer_took_offers_no_withdrawal(chat, app):
    add_staff(app)
    request = file_packaging_request(chat, app)
    chat.tap(STAFF, f"accept={request.id}")
    [card] = chat.send(ev.postback(USER, "intent=request_status"))
    assert "ยกเลิกคำขอนี้" not in [b["label"] for b in _buttons(card["contents"])]


@pytest.mark.parametrize("typed", ["ยกเลิกคำขอ", "ยกเลิก"])
def test_with_several_open_requests_cancel_lists_them_in_the_order_filed(chat, app, line_api, typed):
    add_staff(app)
    first, second = two_requests(chat, app)
    [question] = chat.send(ev.text(USER, typed))
    news = typed == "ยกเลิก"  # a bare command from a follower may mean the news: how to stop it is shown too
    assert question["text"] == "\n".join((
        "ต้องการยกเลิกคำขอไหนคะ แตะเลือกหรือพิมพ์ลำดับได้เลยค่ะ",
        f"1. พัฒนาบรรจุภัณฑ์ ยื่น {thai_date(first.created_at)} ({first.reference})",
        f"2. ออกแบบผลิตภัณฑ์ ยื่น {thai_date(second.created_at)} ({second.reference})",
        *(['หากต้องการหยุดรับข่าวสารและประกาศกิจกรรม แตะ "หยุดรับข่าวสาร" ได้เลยนะคะ'] if news else [])))
    picks = [c for c in quick_replies(question) if c["label"] != "หยุดรับข่าวสาร"]
    assert [c["label"] for c in picks] == ["1. พัฒนาบรรจุภัณฑ์", "2. ออกแบบผลิตภัณฑ์", "ไม่ยกเลิก"]
    assert all(len(c["label"]) <= 20 for c in picks)
    [answer] = chat.tap(USER, picks[0]["data"])
    assert answer == WITHDRAWN.format(first.reference)
    assert [r.status for r in requests_in(app)] == ["cancelled", "new"] and staff_told(line_api, first.reference)


@pytest.mark.parametrize("second, label", [("prototype", "2. ผลิตภัณฑ์ต้นแบบ"), ("training", "2. ฝึกอบรม/ดูงาน")])
def test_a_long_service_name_is_shown_whole_on_its_numbered_button(chat, app, second, label):
    two_requests(chat, app, second)
    [question] = chat.send(ev.text(USER, "ยกเลิกคำขอ"))
    assert [c["label"] for c in quick_replies(question)][1] == label


def test_the_list_names_the_business_when_the_requests_are_for_different_ones(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["packaging"])
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ไม่ค่ะ", "business_name": "ร้านขนมบ้านสวน"})
    chat.tap(USER, "confirm=yes")
    [question] = chat.say(USER, "ยกเลิกคำขอ")
    [first, second] = question.splitlines()[1:]
    assert first.startswith("1. พัฒนาบรรจุภัณฑ์ ร้านกาแฟดอยหลวง ยื่น ")
    assert second.startswith("2. พัฒนาบรรจุภัณฑ์ ร้านขนมบ้านสวน ยื่น ")


@pytest.mark.parametrize("typed, picked", [
    ("อันแรกค่ะ", 0), ("1", 0), ("#1", 0), ("ข้อ 2", 1), ("อันที่สองค่ะ", 1), ("๒", 1), ("ยกเลิกอันที่ 2 ค่ะ", 1),
    ("อันล่าสุดค่ะ", 1), ("บรรจุภัณฑ์ค่ะ", 0), ("อันออกแบบครับ", 1), ("its reference", 0)])
def test_a_request_picked_from_the_list_in_words_is_asked_about_before_it_is_withdrawn(chat, app, line_api, typed,
                                                                                       picked):
    add_staff(app)
    listed = two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    request = listed[picked]
    [question] = chat.send(ev.text(USER, request.reference if typed == "its reference" else typed))
    service = "พัฒนาบรรจุภัณฑ์" if request.service == "packaging" else "ออกแบบผลิตภัณฑ์"
    assert question["text"] == f"ต้องการยกเลิกคำขอ {request.reference} ({service}) ใช่ไหมคะ"
    assert [c["label"] for c in quick_replies(question)] == ["ใช่", "ไม่ใช่"]
    assert [r.status for r in requests_in(app)] == ["new", "new"]
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer == WITHDRAWN.format(request.reference)
    assert [r.status == "cancelled" for r in requests_in(app)] == [i == picked for i in range(2)]
    assert staff_told(line_api, request.reference)


@pytest.mark.parametrize("typed", ["ไม่ยกเลิกแล้วค่ะ", "ไม่เป็นไรค่ะ"])
def test_keeping_them_all_in_words_withdraws_nothing(chat, app, typed):
    two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    [answer] = chat.say(USER, typed)
    assert answer == "ไม่ยกเลิกค่ะ คำขอของท่านยังอยู่ เจ้าหน้าที่จะติดต่อกลับตามเดิมนะคะ"
    assert [r.status for r in requests_in(app)] == ["new", "new"] and state_of(app, USER) is None


def test_a_service_two_listed_requests_share_is_asked_again_with_the_same_buttons(chat, app):
    _, second = two_requests(chat, app, "packaging")
    [listing] = chat.send(ev.text(USER, "ยกเลิกคำขอ"))
    [again] = chat.send(ev.text(USER, "อันบรรจุภัณฑ์ค่ะ"))
    assert again["text"] == "คำขอพัฒนาบรรจุภัณฑ์มี 2 รายการค่ะ ต้องการยกเลิกรายการที่เท่าไหร่คะ"
    assert quick_replies(again) == quick_replies(listing)
    [question] = chat.say(USER, "2")
    assert question == f"ต้องการยกเลิกคำขอ {second.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"
    assert [r.status for r in requests_in(app)] == ["new", "new"]


def test_a_number_not_on_the_list_shows_the_list_again(chat, app):
    two_requests(chat, app)
    [listing] = chat.send(ev.text(USER, "ยกเลิกคำขอ"))
    [again] = chat.send(ev.text(USER, "3"))
    assert again == listing
    assert [r.status for r in requests_in(app)] == ["new", "new"]


@pytest.mark.parametrize("move_on", [lambda chat: chat.say(USER, "ศูนย์ที่เชียงรายอยู่ที่ไหนคะ"),
                                     lambda chat: chat.tap(USER, "intent=event")], ids=["typed", "tapped"])
def test_once_the_user_moves_on_a_number_no_longer_picks_from_the_list(chat, app, move_on):
    two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    move_on(chat)
    answer = chat.say(USER, "1")
    assert not any("ยกเลิกคำขอ" in said for said in answer)
    assert [r.status for r in requests_in(app)] == ["new", "new"] and state_of(app, USER) is None


def test_the_choice_leaves_out_requests_an_officer_took(chat, app):
    add_staff(app)
    first = file_packaging_request(chat, app)
    file_another(chat, app)
    chat.tap(STAFF, f"accept={requests_in(app)[-1].id}")
    [question] = chat.say(USER, "ยกเลิกคำขอ")
    assert question == f"ต้องการยกเลิกคำขอ {first.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"


def test_keeping_them_all_withdraws_nothing(chat, app):
    two_requests(chat, app)
    [question] = chat.send(ev.text(USER, "ยกเลิกคำขอ"))
    [answer] = chat.tap(USER, quick_replies(question)[-1]["data"])
    assert "คำขอของท่านยังอยู่" in answer and [r.status for r in requests_in(app)] == ["new", "new"]


def test_cancel_in_the_middle_of_a_flow_still_cancels_only_the_flow(chat, app):
    request = file_packaging_request(chat, app)
    chat.say(USER, FIRST_MESSAGES["product_design"])
    [answer] = chat.say(USER, "ยกเลิก")
    assert "ยกเลิกเรื่องนี้แล้ว" in answer and state_of(app, USER) is None
    assert status_of(app, request.reference) == "new"


def _buttons(node) -> list[dict]:
    """The actions of every button in a Flex card."""
    if isinstance(node, dict):
        found = [node["action"]] if node.get("type") == "button" else []
        return found + [b for value in node.values() for b in _buttons(value)]
    return [b for item in node for b in _buttons(item)] if isinstance(node, list) else []


def start_design_request(chat, app, at: str) -> str:
    """USER, with a request filed, starts one for product design and answers until it asks `at`; that state."""
    chat.say(USER, FIRST_MESSAGES["product_design"])
    if at != "first question":
        answer_until(chat, app, USER, at, REUSING)
    return state_of(app, USER)


@pytest.mark.parametrize("at", ["first question", "reuse_profile", "confirm"])
@pytest.mark.parametrize("answer, kept", [("ใช่ค่ะ", False), ("ไม่ใช่ค่ะ", True)])
def test_a_reference_named_mid_request_is_asked_about_and_the_request_in_progress_keeps_its_place(
        chat, app, line_api, at, answer, kept):
    add_staff(app)
    request = file_packaging_request(chat, app)
    asked = start_design_request(chat, app, at)
    [question] = chat.send(ev.text(USER, f"ขอยกเลิกคำขอ {request.reference} ด้วยค่ะ"))
    assert question["text"] == f"ต้องการยกเลิกคำขอ {request.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"
    assert [c["label"] for c in quick_replies(question)] == ["ใช่", "ไม่ใช่"]
    assert state_of(app, USER) == asked and status_of(app, request.reference) == "new"
    *said, offer = chat.send(ev.text(USER, answer))
    assert shown(said) == ["ไม่ยกเลิกค่ะ คำขอของท่านยังอยู่ เจ้าหน้าที่จะติดต่อกลับตามเดิมนะคะ" if kept
                           else WITHDRAWN.format(request.reference)]
    assert offer["text"] == "กลับมาทำเรื่องออกแบบผลิตภัณฑ์ต่อไหมคะ"
    assert [c["label"] for c in quick_replies(offer)] == ["ทำต่อ", "ยกเลิก"]
    assert status_of(app, request.reference) == ("new" if kept else "cancelled")
    assert staff_told(line_api, request.reference) is not kept and state_of(app, USER) == asked
    chat.say(USER, "ทำต่อค่ะ")
    assert state_of(app, USER) == asked


def test_a_reference_not_the_users_named_mid_request_is_not_found_and_the_request_goes_on(chat, app):
    file_packaging_request(chat, app)
    asked = start_design_request(chat, app, "first question")
    said = chat.say(USER, "ขอยกเลิกคำขอ ITC-2569-999999 ด้วยค่ะ")
    assert said == ["ไม่พบคำขอเลขที่ ITC-2569-999999 ของท่านค่ะ ลองตรวจสอบเลขอีกครั้งนะคะ",
                    "กลับมาทำเรื่องออกแบบผลิตภัณฑ์ต่อไหมคะ"]
    assert state_of(app, USER) == asked


@pytest.mark.parametrize("pick, instead, switched", [
    ("อันออกแบบค่ะ", "เอ๊ะ ไม่ใช่ค่ะ อันบรรจุภัณฑ์", 0), ("1", "ไม่ใช่ค่ะ อันออกแบบ", 1),
    ("1", "ไม่ใช่ค่ะ อันที่ 2", 1), ("2", "ไม่ใช่ค่ะ อันแรก", 0)])
def test_a_no_that_names_another_listed_request_asks_about_that_one_instead(chat, app, line_api, pick, instead,
                                                                             switched):
    add_staff(app)
    listed = two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    [first] = chat.say(USER, pick)
    assert first.startswith(f"ต้องการยกเลิกคำขอ {listed[1 - switched].reference} ")
    [question] = chat.send(ev.text(USER, instead))
    request = listed[switched]
    service = "พัฒนาบรรจุภัณฑ์" if request.service == "packaging" else "ออกแบบผลิตภัณฑ์"
    assert question["text"] == f"ต้องการยกเลิกคำขอ {request.reference} ({service}) ใช่ไหมคะ"
    assert [c["label"] for c in quick_replies(question)] == ["ใช่", "ไม่ใช่"]
    assert [r.status for r in requests_in(app)] == ["new", "new"] and state_of(app, USER) != "business_name"
    [answer] = chat.say(USER, "ใช่ค่ะ")
    assert answer == WITHDRAWN.format(request.reference)
    assert [r.status == "cancelled" for r in requests_in(app)] == [i == switched for i in range(2)]
    assert staff_told(line_api, request.reference) and not staff_told(line_api, listed[1 - switched].reference)


def test_a_plain_no_to_a_picked_request_keeps_them_all_and_forgets_the_list(chat, app):
    two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    chat.say(USER, "อันออกแบบค่ะ")
    [answer] = chat.say(USER, "ไม่ใช่ค่ะ")
    assert answer == "ไม่ยกเลิกค่ะ คำขอของท่านยังอยู่ เจ้าหน้าที่จะติดต่อกลับตามเดิมนะคะ"
    assert [r.status for r in requests_in(app)] == ["new", "new"] and state_of(app, USER) is None
    assert not any("ยกเลิกคำขอ" in said for said in chat.say(USER, "1"))


def test_the_buttons_of_a_picked_request_still_withdraw_it(chat, app):
    listed = two_requests(chat, app)
    chat.say(USER, "ยกเลิกคำขอ")
    [question] = chat.send(ev.text(USER, "อันออกแบบค่ะ"))
    [answer] = chat.tap(USER, quick_replies(question)[0]["data"])
    assert answer == WITHDRAWN.format(listed[1].reference)
    assert [r.status for r in requests_in(app)] == ["new", "cancelled"]


def test_a_cancel_naming_a_service_is_about_that_request_even_when_an_officer_took_it(chat, app, line_api):
    add_staff(app)
    packaging = file_packaging_request(chat, app)
    file_another(chat, app)
    design = requests_in(app)[-1]
    chat.tap(STAFF, f"accept={design.id}")
    [answer] = chat.say(USER, "ขอยกเลิกเรื่องออกแบบโคมไฟค่ะ")
    assert answer == TAKEN.format(design.reference)
    assert packaging.reference not in answer
    [question] = chat.say(USER, "งั้นขอยกเลิกเรื่องบรรจุภัณฑ์ค่ะ")
    assert question == f"ต้องการยกเลิกคำขอ {packaging.reference} (พัฒนาบรรจุภัณฑ์) ใช่ไหมคะ"
    assert [r.status for r in requests_in(app)] == ["new", "accepted"]


def test_a_booking_picked_from_the_list_by_its_machine(chat, app):
    file_packaging_request(chat, app)
    chat.say(USER, "ขอจองเครื่องฟรีซดรายค่ะ")
    answer_until_summary(chat, app, USER, ANSWERS | {"reuse_profile": "ใช่ค่ะ"})
    chat.tap(USER, "confirm=yes")
    _, freeze_dryer = requests_in(app)
    chat.say(USER, "ยกเลิกคำขอ")
    [question] = chat.say(USER, "อันฟรีซดรายค่ะ")
    assert question == f"ต้องการยกเลิกคำขอ {freeze_dryer.reference} (บริการเครื่องจักรกลาง) ใช่ไหมคะ"
