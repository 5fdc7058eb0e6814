"""The console's doors: login, sessions, CSRF, rate limiting, centre scoping, escaping."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import LoginAttempt, ServiceRequest
from tests.console.helpers import StaffBrowser, add_staff, file_request, load

USER = "U" + "a" * 32
OTHER_USER = "U" + "b" * 32


@pytest.fixture
def officers(app):
    add_staff(app, "สมชาย เชียงราย", "เชียงราย", "somchai")
    add_staff(app, "สุดา โคราช", "นครราชสีมา", "suda")
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)


@pytest.mark.parametrize("path", ["/staff/", "/staff/requests", "/staff/requests/1", "/staff/dashboard",
                                  "/staff/requests.csv", "/staff/account", "/staff/staff"])
def test_unauthenticated_pages_redirect_to_login(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


def test_login_with_the_right_password_opens_the_queue_and_logout_closes_it(app, officers):
    browser = StaffBrowser(app)
    page = browser.sign_in("somchai").get_data(as_text=True)
    assert "คิวคำขอ" in page and "สมชาย เชียงราย" in page
    browser.post("/staff/logout")
    assert browser.get("/staff/requests", follow=False).status_code == 302


def test_a_wrong_password_is_refused_politely(app, officers):
    response = StaffBrowser(app).sign_in("somchai", "wrong-password")
    assert response.status_code == 401 and "ไม่ถูกต้อง" in response.get_data(as_text=True)


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(app, officers):
    browser = StaffBrowser(app)
    for _ in range(5):
        assert browser.sign_in("somchai", "guess").status_code == 401
    locked = browser.sign_in("somchai")
    assert locked.status_code == 429 and "15 นาที" in locked.get_data(as_text=True)
    assert StaffBrowser(app).sign_in("suda").status_code == 200  # another login is not affected
    with app.extensions["frontdesk"].sessions() as session:
        assert len(session.scalars(select(LoginAttempt).where(LoginAttempt.login == "somchai")).all()) == 6


def test_posts_without_a_csrf_token_are_rejected(app, officers, chat):
    request = file_request(chat, app, USER)
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    response = browser.post(f"/staff/requests/{request.id}/accept", token=False)
    assert response.status_code == 400
    assert load(app, ServiceRequest, request.id).status == "new"
    assert StaffBrowser(app).post("/staff/login", {"login": "somchai", "password": "x"}, token=False).status_code == 400


def test_the_webhook_and_healthz_need_no_csrf_token(app, chat):
    assert app.test_client().get("/healthz").status_code == 200
    assert chat.say(USER, "สวัสดีค่ะ")


def test_another_centres_request_is_invisible_and_untouchable(app, officers, chat):
    request = file_request(chat, app, USER)  # เชียงราย
    suda = StaffBrowser(app)
    suda.sign_in("suda")
    assert suda.get(f"/staff/requests/{request.id}").status_code == 404
    for action in ("accept", "status", "notes", "reply", "hand-back", "assign"):
        response = suda.post(f"/staff/requests/{request.id}/{action}",
                             {"status": "rejected", "reason": "x", "text": "x", "assignee_id": "2"})
        assert response.status_code == 404, action
    assert request.reference not in suda.page("/staff/requests?status=all")
    assert request.reference not in suda.get("/staff/requests.csv?status=all").get_data(as_text=True)
    assert load(app, ServiceRequest, request.id).status == "new"
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    assert request.reference in admin.page("/staff/requests")


def test_staff_pages_are_for_admins_only(app, officers):
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    assert browser.get("/staff/staff").status_code == 403
    assert browser.post("/staff/staff", {"name": "x", "login": "x", "centre_id": "1",
                                         "password": "12345678"}).status_code == 403


def test_user_text_with_script_is_shown_as_text(app, officers, chat):
    evil = "<script>alert('x')</script>"
    request = file_request(chat, app, USER, answers={"business_name": f"ร้าน{evil}"})
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    for page in (browser.page("/staff/requests"), browser.page(f"/staff/requests/{request.id}")):
        assert "<script>alert" not in page and "&lt;script&gt;alert(" in page


def test_login_never_redirects_to_another_site(app, officers):
    browser = StaffBrowser(app)
    browser.get("/staff/login")
    response = browser.client.post("/staff/login?next=https://evil.example/", data={
        "login": "somchai", "password": "รหัสผ่านยาว123", "csrf_token": browser.token})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/requests"
