"""The dashboard's figures, the demo data behind it, and staff accounts managed in the console."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from storage.models import LineUser, ServiceRequest
from tests.console.helpers import PASSWORD, StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32


@pytest.fixture
def people(app):
    add_staff(app, "สมชาย เชียงราย", "เชียงราย", "somchai", line_id="U" + "5" * 32)
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)


def figure(page: str, label: str) -> str:
    """The big number on the stat card whose caption starts with `label`."""
    return re.search(r"<b>([^<]+)(?:<small[^>]*>[^<]*</small>)?</b><span>" + re.escape(label), page).group(1)


def test_the_dashboard_counts_what_happened(app, chat, people):
    request = file_request(chat, app, USER)
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    browser.post(f"/staff/requests/{request.id}/accept")
    browser.post(f"/staff/requests/{request.id}/status", {"status": "done"})
    chat.tap(USER, f"rate={request.id}:4")
    page = browser.page("/staff/dashboard")
    assert figure(page, "คำขอทั้งหมด") == "1" and figure(page, "ยังไม่ปิด") == "0"
    assert figure(page, "คะแนนเฉลี่ย") == "4.0"
    assert "พัฒนาบรรจุภัณฑ์" in page and "เชียงราย" in page  # by service; by province for a centre
    assert page.count("<svg class=\"chart\"") == 5


def test_demo_data_follows_the_service_mix_and_replaces_itself(app, chat, people):
    real = file_request(chat, app, USER)
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["demo-data", "--requests", "400"])
        assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"removed_requests": 400, "requests": 400}
    with app.extensions["frontdesk"].sessions() as session:
        mix = dict(session.execute(select(ServiceRequest.service, func.count())
                                   .group_by(ServiceRequest.service)).all())
        assert sum(mix.values()) == 401
        assert max(mix, key=mix.get) == "training" and mix["training"] > 300
        assert session.scalar(select(func.count()).select_from(ServiceRequest)
                              .where(ServiceRequest.rating.is_not(None))) > 100
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    page = admin.page("/staff/dashboard")
    assert int(figure(page, "คำขอทั้งหมด").replace(",", "")) >= 390
    assert "ฝึกอบรม / ศึกษาดูงาน" in page and "ภาคที่" in page
    assert runner.invoke(args=["demo-data", "--clear"]).exit_code == 0
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(ServiceRequest)) == 1
        assert session.scalar(select(ServiceRequest.reference)) == real.reference
        assert session.scalar(select(func.count()).select_from(LineUser)) == 1


def test_an_admin_adds_an_officer_who_can_then_sign_in(app, people):
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    page = admin.page("/staff/staff")
    centre_id = re.search(r'<option value="(\d+)">Mini ITC เชียงราย</option>', page).group(1)
    done = admin.post("/staff/staff", {"name": "วิไล ใหม่", "login": "wilai", "centre_id": centre_id,
                                       "password": "วิไล-12345"}).get_data(as_text=True)
    assert "เพิ่มบัญชี วิไล ใหม่" in done
    officer = StaffBrowser(app)
    assert "วิไล ใหม่" in officer.sign_in("wilai", "วิไล-12345").get_data(as_text=True)


def test_a_deactivated_officer_is_signed_out_and_cannot_sign_in(app, people):
    officer = StaffBrowser(app)
    officer.sign_in("somchai")
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    page = admin.page("/staff/staff")
    staff_id = re.search(r'/staff/staff/(\d+)"[^>]*>\s*<input type="hidden" name="csrf_token"[^>]*>'
                         r'<input type="hidden" name="active" value="0"', page).group(1)
    admin.post(f"/staff/staff/{staff_id}", {"active": "0"})
    assert officer.get("/staff/requests", follow=False).status_code == 302
    assert StaffBrowser(app).sign_in("somchai").status_code == 401


def test_changing_the_password_signs_out_other_sessions(app, people):
    laptop, phone = StaffBrowser(app), StaffBrowser(app)
    laptop.sign_in("somchai")
    phone.sign_in("somchai")
    laptop.post("/staff/account/password", {"password": PASSWORD, "new_password": "รหัสใหม่ยาวพอ99"})
    assert laptop.get("/staff/requests", follow=False).status_code == 200
    assert phone.get("/staff/requests", follow=False).status_code == 302
    assert StaffBrowser(app).sign_in("somchai", "รหัสใหม่ยาวพอ99").status_code == 200
