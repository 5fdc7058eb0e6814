"""Assigning a request tells the colleague who now has it, on LINE, with the link to its page."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Staff
from tests.console.helpers import StaffBrowser, add_staff, file_request, form_fields

USER = "U" + "a" * 32
AREE_LINE = "U" + "7" * 32


def staff_id(app, login):
    with app.extensions["frontdesk"].sessions() as session:
        return session.scalar(select(Staff.id).where(Staff.login == login))


def notices_to(line_api, line_id):
    return [m for m in line_api.delivered_messages(to=line_id) if m.via == "push" and "มอบหมาย" in (m.text or "")]


def test_the_assignee_is_pushed_the_reference_service_and_link(app, chat, line_api):
    add_staff(app, "ปิยะ สงขลา", "เชียงราย", "piya")
    add_staff(app, "อารีย์ สงขลา", "เชียงราย", "aree", line_id=AREE_LINE)
    piya = StaffBrowser(app)
    piya.sign_in("piya")
    request = file_request(chat, app, USER, "machinery")
    path = f"/staff/requests/{request.id}"

    piya.post(f"{path}/assign", form_fields(piya.page(path), f"{path}/assign", assignee_id=str(staff_id(app, "aree"))))

    [notice] = notices_to(line_api, AREE_LINE)
    assert request.reference in notice.text and "ปิยะ สงขลา" in notice.text and "เครื่องจักร" in notice.text
    assert f"/staff/requests/{request.id}" in notice.text and notice.retry_key


def test_assigning_to_oneself_or_to_the_same_officer_again_pushes_nothing(app, chat, line_api):
    add_staff(app, "อารีย์ สงขลา", "เชียงราย", "aree", line_id=AREE_LINE)
    add_staff(app, "ปิยะ สงขลา", "เชียงราย", "piya")
    aree, piya = StaffBrowser(app), StaffBrowser(app)
    aree.sign_in("aree")
    piya.sign_in("piya")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    aree.post(f"{path}/assign", form_fields(aree.page(path), f"{path}/assign", assignee_id=str(staff_id(app, "aree"))))
    assert notices_to(line_api, AREE_LINE) == []
    piya.post(f"{path}/assign", form_fields(piya.page(path), f"{path}/assign", assignee_id=str(staff_id(app, "aree"))))
    assert notices_to(line_api, AREE_LINE) == []
