"""The queue marks what needs an officer: the entrepreneur wrote since staff last acted, asked to cancel, or asked
for a person; it can show only those, or put them first."""

from __future__ import annotations

import re

from tests.console.helpers import StaffBrowser, add_staff, file_request, form_fields

ANNA, BEN, CHAI = ("U" + c * 32 for c in "abc")


def officer(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    return browser


def row_of(page: str, reference: str) -> str:
    """The queue row (table row) of one request."""
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{reference}(?:(?!</tr>).)*</tr>", page, re.DOTALL)
    assert match, reference
    return match.group(0)


def accept(browser, request):
    path = f"/staff/requests/{request.id}"
    browser.post(f"{path}/accept", form_fields(browser.page(path), f"{path}/accept"))


def test_a_message_written_after_the_last_staff_action_is_marked_until_staff_act(app, chat):
    somchai = officer(app)
    waiting, quiet = file_request(chat, app, ANNA), file_request(chat, app, BEN, "machinery")
    accept(somchai, waiting)
    accept(somchai, quiet)
    path = f"/staff/requests/{waiting.id}"
    somchai.post(f"{path}/status", form_fields(somchai.page(path), f"{path}/status", status="waiting",
                                               message="รบกวนแจ้งปริมาณต่อรอบด้วยค่ะ"))
    chat.say(ANNA, "ประมาณ 20 โลต่อรอบค่ะ 🥭")

    page = somchai.page("/staff/requests")
    assert "มีข้อความใหม่" in row_of(page, waiting.reference)
    assert "มีข้อความใหม่" not in row_of(page, quiet.reference)
    assert "1 รายการต้องดูแล" in page
    only = somchai.page("/staff/requests?attention=1")
    assert waiting.reference in only and quiet.reference not in only

    somchai.post(f"{path}/reply", {"text": "ขอบคุณค่ะ รับทราบค่ะ"})
    assert "มีข้อความใหม่" not in row_of(somchai.page("/staff/requests"), waiting.reference)


def test_an_officer_who_has_read_the_message_clears_its_mark_without_replying(app, chat):
    somchai = officer(app)
    request = file_request(chat, app, ANNA)
    accept(somchai, request)
    chat.say(ANNA, "ขอเพิ่มอีกเรื่องค่ะ อยากได้สีน้ำตาลทอง")
    path = f"/staff/requests/{request.id}"
    assert "มีข้อความใหม่" in row_of(somchai.page("/staff/requests"), request.reference)
    somchai.post(f"{path}/seen", form_fields(somchai.page(path), f"{path}/seen"))  # before: no way but a reply
    assert "มีข้อความใหม่" not in row_of(somchai.page("/staff/requests"), request.reference)
    assert "รับทราบแล้ว" not in somchai.page(path)  # nothing left to mark read
    chat.say(ANNA, "แล้วต้องใช้ก่อนปีใหม่นะคะ")
    assert "มีข้อความใหม่" in row_of(somchai.page("/staff/requests"), request.reference)


def test_asking_to_cancel_and_asking_for_a_person_are_marked(app, chat):
    somchai = officer(app)
    cancelling = file_request(chat, app, ANNA)
    calling = file_request(chat, app, BEN, "contact_staff")
    accept(somchai, cancelling)
    chat.tap(ANNA, f"cancel_request=cancel_asked:{cancelling.id}")

    page = somchai.page("/staff/requests")
    assert "ผู้ขอแจ้งขอยกเลิก" in row_of(page, cancelling.reference)
    assert "ขอคุยกับเจ้าหน้าที่" in row_of(page, calling.reference)


def test_needing_attention_first_puts_those_requests_at_the_top(app, chat):
    somchai = officer(app)
    first, second, third = (file_request(chat, app, user) for user in (ANNA, BEN, CHAI))
    for request in (first, second, third):
        accept(somchai, request)
    chat.say(BEN, "ส่งรูปกล่องให้ทางนี้ได้ไหมคะ")

    newest = somchai.page("/staff/requests")
    assert newest.index(third.reference) < newest.index(second.reference)
    page = somchai.page("/staff/requests?sort=attention")
    assert page.index(second.reference) < page.index(first.reference) < page.index(third.reference)


def test_filing_a_second_request_does_not_mark_the_first(app, chat):
    somchai = officer(app)
    first = file_request(chat, app, ANNA)
    accept(somchai, first)
    second = file_request(chat, app, ANNA, "machinery")  # typed answers to the bot, after the first was accepted

    page = somchai.page("/staff/requests")
    assert "มีข้อความใหม่" not in row_of(page, first.reference)
    assert second.reference in page
