"""A call for staff from someone who gave no business name is announced with their name, not "จาก -"."""

from __future__ import annotations

from tests.console.helpers import add_staff, file_request

USER = "U" + "a" * 32
OFFICER_LINE = "U" + "5" * 32


def test_the_alert_for_a_call_for_staff_names_the_caller(app, chat, line_api):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id=OFFICER_LINE)
    request = file_request(chat, app, USER, "contact_staff")
    assert request.business_name is None and request.contact_name

    [alert] = [m.message for m in line_api.delivered_messages(to=OFFICER_LINE) if m.message.get("type") == "flex"]

    assert f"จาก {request.contact_name} จ." in alert["altText"] and "จาก -" not in alert["altText"]
