"""An officer locked out by wrong passwords is let back in by an admin: an unlock, or a new password."""

from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import Staff
from tests.console.helpers import PASSWORD, StaffBrowser, add_staff

NEW_PASSWORD = "รหัสใหม่ที่ยาวพอ456"


def locked_out(app):
    """Aree, locked out by six wrong passwords, and a signed-in admin."""
    add_staff(app, "อารีย์ สงขลา", "สงขลา", "aree")
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    for _ in range(6):
        StaffBrowser(app).sign_in("aree", "guess")
    assert StaffBrowser(app).sign_in("aree").status_code == 429
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    with app.extensions["frontdesk"].sessions() as session:
        return admin, session.scalar(select(Staff.id).where(Staff.login == "aree"))


def test_the_admin_sees_the_lock_and_unlocks_the_officer(app):
    admin, aree_id = locked_out(app)
    page = admin.page("/staff/staff")
    assert "ถูกล็อก" in page and f"/staff/staff/{aree_id}/unlock" in page

    answer = admin.post(f"/staff/staff/{aree_id}/unlock").get_data(as_text=True)

    assert "ปลดล็อกบัญชี อารีย์ สงขลา แล้วค่ะ" in answer and "ถูกล็อก" not in answer
    signed_in = StaffBrowser(app).sign_in("aree")
    assert signed_in.status_code == 200 and "คิวคำขอ" in signed_in.get_data(as_text=True)


def test_a_new_password_set_by_the_admin_opens_the_lock(app):
    admin, aree_id = locked_out(app)
    admin.post(f"/staff/staff/{aree_id}", {"password": NEW_PASSWORD})
    assert StaffBrowser(app).sign_in("aree", NEW_PASSWORD).status_code == 200
    assert StaffBrowser(app).sign_in("aree", PASSWORD).status_code == 401  # the old one is gone


def test_an_officer_cannot_unlock(app):
    admin, aree_id = locked_out(app)
    add_staff(app, "สมชาย สงขลา", "สงขลา", "somchai")
    officer = StaffBrowser(app)
    officer.sign_in("somchai")
    assert officer.post(f"/staff/staff/{aree_id}/unlock").status_code == 403
    assert StaffBrowser(app).sign_in("aree").status_code == 429
    assert re.search("ถูกล็อก", admin.page("/staff/staff"))
