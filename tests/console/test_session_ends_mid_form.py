"""A form sent after the officer's session ended leads, through the login, back to its page (never to an English
405), and says it was not saved."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from storage.models import RequestNote, Staff
from tests.console.helpers import StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32
NEW_PASSWORD = "รหัสใหม่ที่ยาวพอ456"


def test_a_note_sent_after_being_signed_out_returns_to_the_request_page_unsaved(app, chat):
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    add_staff(app, "ปิยะ เชียงราย", "เชียงราย", "piya")
    piya, admin = StaffBrowser(app), StaffBrowser(app)
    piya.sign_in("piya")
    admin.sign_in("admin")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    piya.page(path)
    with app.extensions["frontdesk"].sessions() as session:
        piya_id = session.scalar(select(Staff.id).where(Staff.login == "piya"))
    admin.post(f"/staff/staff/{piya_id}", {"password": NEW_PASSWORD})  # piya's session ends

    sent = piya.post(f"{path}/notes", {"text": "โทรคุยแล้ว ลูกค้าสะดวกบ่ายวันศุกร์"}, follow=False)
    target = urlsplit(sent.headers["Location"])
    assert target.path == "/staff/login" and parse_qs(target.query)["next"] == [path]
    login = piya.get(sent.headers["Location"]).get_data(as_text=True)
    assert "ยังไม่ได้บันทึก" in login

    back = piya.post(sent.headers["Location"], {"login": "piya", "password": NEW_PASSWORD})
    page = back.get_data(as_text=True)
    assert back.status_code == 200 and request.reference in page and "ยังไม่ได้บันทึก" in page
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(RequestNote.id)) is None


def test_a_form_sent_after_the_session_expired_goes_to_the_login_not_an_error(app, chat):
    add_staff(app, "ปิยะ เชียงราย", "เชียงราย", "piya")
    piya = StaffBrowser(app)
    piya.sign_in("piya")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    piya.page(path)
    piya.client.delete_cookie("session")  # the 12 hours are over: the browser drops the cookie

    sent = piya.post(f"{path}/status", {"status": "in_progress"}, follow=False)

    assert sent.status_code == 302
    target = urlsplit(sent.headers["Location"])
    assert target.path == "/staff/login" and parse_qs(target.query)["next"] == [path]
