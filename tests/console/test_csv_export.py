"""The queue's CSV as an officer opens it in Excel: the service's answers, phones as text, Thai dates to read and
ISO ones to sort."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from bot.dialogue.texts import thai_date, thai_datetime
from bot.workdays import BANGKOK
from storage.models import ServiceRequest
from tests.console.helpers import StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32


def exported(app, chat, service="machinery"):
    request = file_request(chat, app, USER, service)
    response, rows = download(app)
    return request, response, rows


def download(app):
    """The officer of เชียงราย exports every request of the queue."""
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    browser = StaffBrowser(app)
    browser.sign_in("somchai")
    response = browser.get("/staff/requests.csv?status=all")
    return response, list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


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


def test_each_date_has_a_column_a_spreadsheet_sorts_in_the_order_the_requests_came(app, chat):
    filed = [datetime(2026, 10, 28, 10, 5, tzinfo=BANGKOK), datetime(2026, 11, 9, 9, 30, tzinfo=BANGKOK),
             datetime(2026, 11, 20, 14, 0, tzinfo=BANGKOK)]
    requests = [file_request(chat, app, f"U{n:032d}") for n in range(len(filed))]
    with app.extensions["frontdesk"].sessions() as session:  # filed on three days, as a month's queue is
        for request, moment in zip(requests, filed, strict=True):
            session.get(ServiceRequest, request.id).created_at = moment
        session.commit()
    _, rows = download(app)  # in the order they were filed

    sortable = [row["ยื่นเมื่อ (ISO)"] for row in rows]
    assert sortable == ["2026-10-28 10:05", "2026-11-09 09:30", "2026-11-20 14:00"]
    assert sorted(sortable) == sortable
    thai = [row["ยื่นเมื่อ"] for row in rows]
    assert thai[1].startswith("9 พ.ย. 2569") and sorted(thai) != thai  # why the Thai column alone would not do
    assert [row["รับเรื่องเมื่อ (ISO)"] for row in rows] == ["", "", ""]
