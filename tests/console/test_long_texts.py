"""Long texts typed in the console: never cut silently; over the limit refused, with the length, the limit and
the typing kept in the form."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import RequestNote, ServiceRequest
from tests.console.helpers import StaffBrowser, add_staff, file_request, form_fields, load

USER = "U" + "a" * 32


def officer(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    return browser


def pushes(line_api):
    return [m for m in line_api.delivered_messages(to=USER) if m.via == "push"]


def test_a_long_note_is_stored_whole(app, chat):
    somchai = officer(app)
    request = file_request(chat, app, USER)
    note = "สรุปการโทร " + "ก" * 4990
    somchai.post(f"/staff/requests/{request.id}/notes", {"text": note})
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(RequestNote.text)) == note


def test_a_note_past_the_limit_is_refused_with_its_length_and_kept_in_the_form(app, chat):
    somchai = officer(app)
    request = file_request(chat, app, USER)
    note = "ข" * 20_001
    response = somchai.post(f"/staff/requests/{request.id}/notes", {"text": note})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "20,001" in page and "20,000" in page
    assert f">{note}</textarea>" in page
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(RequestNote.id)) is None


def test_a_reply_of_almost_five_thousand_characters_reaches_the_entrepreneur_whole(app, chat, line_api):
    somchai = officer(app)
    request = file_request(chat, app, USER)
    text = "ค" * 4900
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": text})
    [reply] = pushes(line_api)
    assert reply.text.endswith("\n" + text)


def test_a_reply_longer_than_line_allows_is_refused_and_nothing_is_sent(app, chat, line_api):
    somchai = officer(app)
    request = file_request(chat, app, USER)
    text = "ง" * 5000
    response = somchai.post(f"/staff/requests/{request.id}/reply", {"text": text})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "5,000 ตัวอักษร แต่ LINE ส่งได้ไม่เกิน 4,9" in page
    assert f">{text}</textarea>" in page and pushes(line_api) == []


def test_a_long_status_message_is_sent_whole_or_refused_never_cut(app, chat, line_api):
    somchai = officer(app)
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    somchai.post(f"{path}/accept")
    message = "รายละเอียด " + "จ" * 4000
    somchai.post(f"{path}/status", form_fields(somchai.page(path), f"{path}/status", status="waiting",
                                               message=message))
    assert pushes(line_api)[-1].text.endswith(message)

    too_long = "ฉ" * 4990
    page = somchai.post(f"{path}/status", form_fields(somchai.page(path), f"{path}/status", status="in_progress",
                                                      message=too_long)).get_data(as_text=True)
    assert "4,990" in page and f">{too_long}</textarea>" in page
    assert '<option value="in_progress" selected>' in page
    assert load(app, ServiceRequest, request.id).status == "waiting" and len(pushes(line_api)) == 2
