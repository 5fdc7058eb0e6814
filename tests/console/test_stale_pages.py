"""Two officers on one request: a form from a page shown before a colleague's change is refused, and nothing
contradictory reaches the entrepreneur."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import ServiceRequest, Staff
from tests.console.helpers import StaffBrowser, add_staff, centre_of, file_request, form_fields, load

USER = "U" + "a" * 32


def pushes(line_api):
    return [m for m in line_api.delivered_messages(to=USER) if m.via == "push"]


def two_officers(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    add_staff(app, "มานี มีงาน", "เชียงราย", "manee")
    browsers = StaffBrowser(app), StaffBrowser(app)
    browsers[0].sign_in("somchai")
    browsers[1].sign_in("manee")
    return browsers


def test_a_status_change_from_a_stale_page_is_refused_and_not_sent(app, chat, line_api):
    somchai, manee = two_officers(app)
    request = file_request(chat, app, USER)
    somchai.post(f"/staff/requests/{request.id}/accept")
    path = f"/staff/requests/{request.id}"
    page_a, page_b = somchai.page(path), manee.page(path)
    manee.post(f"{path}/status", form_fields(page_b, f"{path}/status", status="waiting",
                                             message="รบกวนส่งรูปถุงกาแฟปัจจุบันมาด้วยค่ะ"))
    before = len(pushes(line_api))

    answer = somchai.post(f"{path}/status", form_fields(page_a, f"{path}/status", status="in_progress",
                                                        message="เริ่มออกแบบแล้วค่ะ")).get_data(as_text=True)

    assert "ยังไม่ได้บันทึก" in answer and "มานี มีงาน" in answer and "รอข้อมูล" in answer
    assert len(pushes(line_api)) == before  # the entrepreneur hears nothing contradictory
    assert load(app, ServiceRequest, request.id).status == "waiting"


def test_accepting_from_a_stale_page_after_a_colleague_assigned_it_is_refused(app, chat, line_api):
    somchai, manee = two_officers(app)
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    page_a = somchai.page(path)
    with app.extensions["frontdesk"].sessions() as session:
        manee_id = session.scalar(select(Staff.id).where(Staff.login == "manee"))
    manee.post(f"{path}/assign", form_fields(manee.page(path), f"{path}/assign", assignee_id=str(manee_id)))

    answer = somchai.post(f"{path}/accept", form_fields(page_a, f"{path}/accept")).get_data(as_text=True)

    assert "ยังไม่ได้บันทึก" in answer and "มานี มีงาน" in answer
    assert load(app, ServiceRequest, request.id).assignee_id == manee_id
    assert len(pushes(line_api)) == 1  # the one "รับเรื่องแล้ว" of the assignment


def test_a_form_from_a_fresh_page_still_works(app, chat, line_api):
    somchai, _ = two_officers(app)
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    somchai.post(f"{path}/accept", form_fields(somchai.page(path), f"{path}/accept"))
    somchai.post(f"{path}/status", form_fields(somchai.page(path), f"{path}/status", status="in_progress"))
    assert load(app, ServiceRequest, request.id).status == "in_progress"
    assert "กำลังดำเนินการ" in pushes(line_api)[-1].text


def test_accepting_a_request_the_entrepreneur_withdrew_says_they_cancelled(app, chat, line_api):
    somchai, _ = two_officers(app)
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    page = somchai.page(path)
    chat.tap(USER, f"cancel_request={request.id}")  # the button under the summary: withdrawn in LINE
    assert load(app, ServiceRequest, request.id).status == "cancelled"

    answer = somchai.post(f"{path}/accept", form_fields(page, f"{path}/accept")).get_data(as_text=True)

    assert "ผู้ประกอบการยกเลิกคำขอ" in answer and "มีผู้รับเรื่องแล้ว" not in answer


def test_assigning_or_moving_a_request_from_a_stale_page_is_refused(app, chat, line_api):
    somchai, manee = two_officers(app)
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    admin = StaffBrowser(app)
    admin.sign_in("admin")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    old_page, admins_page = manee.page(path), admin.page(path)
    somchai.post(f"{path}/accept", form_fields(somchai.page(path), f"{path}/accept"))
    with app.extensions["frontdesk"].sessions() as session:
        manee_id = session.scalar(select(Staff.id).where(Staff.login == "manee"))
    centre_id, _ = centre_of(app, "เชียงใหม่")

    assigned = manee.post(f"{path}/assign", form_fields(old_page, f"{path}/assign", assignee_id=str(manee_id)))
    moved = admin.post(f"{path}/transfer", form_fields(admins_page, f"{path}/transfer", centre_id=str(centre_id),
                                                       reason="ลูกค้าอยู่เชียงใหม่"))

    for answer in (assigned, moved):
        assert "ยังไม่ได้บันทึก" in answer.get_data(as_text=True)
    with app.extensions["frontdesk"].sessions() as session:
        found = session.get(ServiceRequest, request.id)
        assert found.assignee.login == "somchai" and found.centre.name == "Mini ITC เชียงราย"
