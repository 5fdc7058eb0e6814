"""The console speaks to staff: statuses and log entries in their words, not the entrepreneur's or the code's."""

from __future__ import annotations

from tests.console.helpers import StaffBrowser, add_staff, file_request, form_fields

USER = "U" + "a" * 32


def test_waiting_reads_as_waiting_for_the_entrepreneur_and_the_log_says_where_an_accept_came_from(app, chat, line_api):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    somchai = StaffBrowser(app)
    somchai.sign_in("somchai")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    somchai.post(f"{path}/accept", form_fields(somchai.page(path), f"{path}/accept"))
    somchai.post(f"{path}/status", form_fields(somchai.page(path), f"{path}/status", status="waiting"))

    page = somchai.page(path)
    assert "รอข้อมูลจากท่าน" not in page and "รอข้อมูลจากผู้ประกอบการ" in page
    assert "ทางระบบเจ้าหน้าที่" in page and ">console<" not in page
    queue = somchai.page("/staff/requests")
    assert "รอข้อมูลจากผู้ประกอบการ" in queue and "รอข้อมูลจากท่าน" not in queue
    told = [m.text for m in line_api.delivered_messages(to=USER) if m.via == "push"][-1]
    assert "รอข้อมูลเพิ่มเติมจากท่าน" in told  # the entrepreneur is still addressed as ท่าน
