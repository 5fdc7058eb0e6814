"""The queue's CSV as an officer opens it in Excel: the service's answers, phones as text, Thai dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.dialogue.texts import thai_date, thai_datetime
from tests.console.helpers import StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32


def exported(app, chat, service="machinery"):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    request = file_request(chat, app, USER, service)
    response = browser.get("/staff/requests.csv?status=all")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    return request, response, rows


def test_the_csv_has_the_service_answers_as_the_page_shows_them(app, chat):
    request, _, [row] = exported(app, chat)
    when = date.fromisoformat(request.answers["preferred_date"])
    assert f"วันที่สะดวก: {thai_date(when)}" in row["คำตอบ"]
    assert request.answers["preferred_date"] not in row["คำตอบ"]


def test_phones_stay_text_and_dates_are_buddhist_era(app, chat):
    request, _, [row] = exported(app, chat)
    assert row["โทรศัพท์"] == '="0812345678"'  # Excel keeps the leading 0
    assert row["ยื่นเมื่อ"] == thai_datetime(request.created_at)  # as the console shows it
    assert str(request.created_at.year + 543) in row["ยื่นเมื่อ"] and str(request.created_at.year) not in row["ยื่นเมื่อ"]


def test_the_csv_says_its_charset_once(app, chat):
    _, response, _ = exported(app, chat)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
