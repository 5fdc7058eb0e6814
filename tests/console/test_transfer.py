"""An admin moves a request to another centre: with a reason, that centre is alerted as for a new request, the
move is in the audit log, and the entrepreneur is told which centre has it now."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import AuditEntry, ServiceRequest
from tests.console.helpers import StaffBrowser, add_staff, centre_of, file_request, load, transfer

USER = "U" + "a" * 32
CHIANG_MAI_LINE = "U" + "8" * 32


def setting_up(app, chat):
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    add_staff(app, "สมชาย เชียงราย", "เชียงราย", "somchai")
    add_staff(app, "ใจดี เชียงใหม่", "เชียงใหม่", "jaidee", line_id=CHIANG_MAI_LINE)
    admin, somchai = StaffBrowser(app), StaffBrowser(app)
    admin.sign_in("admin")
    somchai.sign_in("somchai")
    return admin, somchai, file_request(chat, app, USER)


def test_an_admin_transfers_a_request_and_everyone_concerned_hears(app, chat, line_api):
    admin, somchai, request = setting_up(app, chat)
    path = f"/staff/requests/{request.id}"
    somchai.post(f"{path}/accept")
    centre_id, centre_name = centre_of(app, "เชียงใหม่")
    alerts_before = len(line_api.delivered_messages(to=CHIANG_MAI_LINE))

    answer = transfer(admin, request, centre_id, "ลูกค้าสะดวกเข้าศูนย์เชียงใหม่มากกว่า")

    assert f"โอน {request.reference} ไปให้ {centre_name} แล้วค่ะ" in answer.get_data(as_text=True)
    moved = load(app, ServiceRequest, request.id)
    assert moved.centre_id == centre_id and moved.status == "new" and moved.assignee_id is None
    [alert] = line_api.delivered_messages(to=CHIANG_MAI_LINE)[alerts_before:]
    assert request.reference in str(alert.message)  # the new-request card, with รับเรื่อง
    assert "ลูกค้าสะดวกเข้าศูนย์เชียงใหม่มากกว่า" in str(alert.message)  # why it came, with where from (h91)
    told = [m for m in line_api.delivered_messages(to=USER) if m.via == "push"][-1]
    assert centre_name in told.text and request.reference in told.text
    with app.extensions["frontdesk"].sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "transfer"))
        assert "ลูกค้าสะดวก" in entry.detail and entry.staff.login == "admin"
    assert somchai.get(path).status_code == 404  # no longer the old centre's


def test_a_transfer_needs_a_reason_and_an_admin(app, chat, line_api):
    admin, somchai, request = setting_up(app, chat)
    path = f"/staff/requests/{request.id}"
    centre_id, _ = centre_of(app, "เชียงใหม่")
    page = transfer(admin, request, centre_id, " ").get_data(as_text=True)
    assert "ระบุเหตุผล" in page
    assert "โอนไปศูนย์อื่น" not in somchai.page(path)
    assert somchai.post(f"{path}/transfer", {"centre_id": str(centre_id), "reason": "ลอง"}).status_code == 403
    assert load(app, ServiceRequest, request.id).centre_id != centre_id
