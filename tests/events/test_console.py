"""Event pages of the console: admins create and edit events, staff check people in at the door."""

from __future__ import annotations

import csv
import io

import pytest

from bot.line import fake_events as ev
from tests.console.helpers import signed_in_staff
from tests.events.helpers import add_event, registrant, registrations, seats_of, set_user, user_id

ALICE, BEN, CHAI = (user_id(n) for n in (0xA1, 0xB2, 0xC3))


@pytest.fixture
def admin(app):
    return signed_in_staff(app, "ผู้ดูแล กิจกรรม", "ITC-R1", "admin", admin=True)


@pytest.fixture
def officer(app):
    return signed_in_staff(app, "เจ้าหน้าที่ หน้างาน", "เชียงใหม่", "door")


def register(chat, user: str, event_id: int, people: int = 1, wait: bool = False) -> None:
    registrant(chat, user)
    chat.tap(user, f"ev_people={event_id}:{people}")
    if wait:
        chat.tap(user, f"ev_wait={event_id}:{people}")


def test_an_admin_creates_an_event_that_followers_then_see_in_line(admin, chat, app):
    response = admin.post("/staff/events/new", {
        "title": "SME สัญจร ลำปาง", "description": "พบผู้เชี่ยวชาญเซรามิก", "starts": "2030-03-14T09:30",
        "ends": "2030-03-14T16:00", "deadline": "2030-03-10T17:00", "venue": "ศูนย์ ITC ลำปาง",
        "province": "ลำปาง", "capacity": "80", "status": "published", "sectors": ["textiles"],
        "provinces": ["ลำปาง", "ลำพูน"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "บันทึกกิจกรรม" in page and "SME สัญจร ลำปาง" in page
    assert "14 มี.ค. 2573 09:30 น." in page and "0 / 80" in page
    chat.follow(ALICE)
    [carousel] = [m for m in chat.send(ev.postback(ALICE, "intent=event")) if m["type"] == "flex"]
    assert "SME สัญจร ลำปาง (14 มี.ค. 2573)" in carousel["altText"]


def test_the_event_form_explains_what_is_wrong_in_thai(admin):
    response = admin.post("/staff/events/new", {"title": "", "starts": "ไม่ใช่วันที่", "province": "แอตแลนติส",
                                                "capacity": "0", "image_url": "http://example.com/a.png"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for problem in ("กรุณากรอกชื่อกิจกรรม", "วันเวลาเริ่มไม่ถูกต้อง", "เลือกจังหวัด", "จำนวนที่นั่ง", "https://"):
        assert problem in page


def test_more_seats_go_to_the_waiting_list_at_once(admin, chat, app, line_api):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    page = admin.page(f"/staff/events/{event['id']}/edit")
    assert 'value="1"' in page
    form = {"title": event["title"], "starts": _local(event["starts_at"]), "province": "เชียงใหม่",
            "capacity": "5", "status": "published", "venue": "ศูนย์ ITC"}
    response = admin.post(f"/staff/events/{event['id']}/edit", form)
    assert "แจ้งรายชื่อสำรอง 1 ท่าน" in response.get_data(as_text=True)
    assert "มีที่นั่งว่าง" in line_api.delivered_messages(to=BEN)[-1].message["altText"]


def test_the_event_page_lists_seats_waiting_list_and_exports_csv(admin, chat, app):
    event = add_event(app, capacity=2)
    registrant(chat, ALICE)
    set_user(app, ALICE, contact_name='=HYPERLINK("http://evil")')
    chat.tap(ALICE, f"ev_people={event['id']}:2")
    register(chat, BEN, event["id"], wait=True)
    page = admin.page(f"/staff/events/{event['id']}")
    code = registrations(app, event["id"])[0].code
    assert f"{code[:4]}-{code[4:]}" in page and "2 / 2" in page and "รายชื่อสำรอง" in page
    export = admin.get(f"/staff/events/{event['id']}/registrations.csv")
    text = export.get_data(as_text=True)
    assert export.mimetype == "text/csv" and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "รหัสเช็กอิน" and {r[1] for r in rows[1:]} == {"ลงทะเบียนแล้ว", "รายชื่อสำรอง"}
    assert rows[1][3] == "'=HYPERLINK(\"http://evil\")" and rows[1][5] == "0812345678"


def test_a_registrant_who_would_rather_be_reached_on_line_is_shown_so_on_the_page_and_in_the_csv(admin, chat, app):
    event = add_event(app)
    registrant(chat, ALICE)
    set_user(app, ALICE, phone=None)
    [asked] = chat.tap(ALICE, f"ev_register={event['id']}")
    assert "ขอเบอร์โทร" in asked
    [noted] = chat.say(ALICE, "ไม่สะดวกให้เบอร์ค่ะ ติดต่อทางไลน์ได้เลย")  # a wish for staff, to the classifier
    assert "ทาง LINE นี้แทน" in noted and "กี่ท่าน" in noted
    chat.tap(ALICE, f"ev_people={event['id']}:1")
    assert seats_of(app, event["id"]) == {"registered": 1}
    page = admin.page(f"/staff/events/{event['id']}")
    assert "ทาง LINE (ไม่สะดวกให้เบอร์)" in page
    text = admin.get(f"/staff/events/{event['id']}/registrations.csv").get_data(as_text=True)
    [row] = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]
    assert row[5] == "ทาง LINE (ไม่สะดวกให้เบอร์)"


def test_staff_cancel_a_seat_from_the_event_page_and_the_next_in_line_is_offered(admin, chat, app, line_api):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    alice = registrations(app, event["id"])[0]
    response = admin.post(f"/staff/events/{event['id']}/registrations/{alice.id}/cancel")
    assert "ยกเลิกการลงทะเบียน" in response.get_data(as_text=True)
    assert seats_of(app, event["id"]) == {"cancelled": 1, "offered": 1}
    assert line_api.delivered_messages(to=BEN)[-1].via == "push"


def test_check_in_by_typed_code_once_and_only_for_this_event(officer, chat, app):
    event = add_event(app, capacity=5)
    other = add_event(app, title="งานอื่น", capacity=5)
    register(chat, ALICE, event["id"], people=3)
    register(chat, BEN, other["id"])
    code = registrations(app, event["id"])[0].code
    door = f"/staff/events/{event['id']}/checkin"
    first = officer.post(door, {"code": f" {code[:4].lower()}-{code[4:].lower()} "}).get_data(as_text=True)
    assert "เช็กอินแล้ว" in first and "3 ท่าน" in first and "เช็กอินแล้ว 3 คน" in first
    again = officer.post(door, {"code": code}).get_data(as_text=True)
    assert "เช็กอินไปแล้วเมื่อ" in again
    assert "ไม่พบรหัส" in officer.post(door, {"code": "ZZZZ-ZZZZ"}).get_data(as_text=True)
    ben_code = registrations(app, other["id"])[0].code
    assert "งานอื่น" in officer.post(door, {"code": ben_code}).get_data(as_text=True)
    assert registrations(app, event["id"])[0].checked_in_at is not None
    assert registrations(app, other["id"])[0].checked_in_at is None


def test_the_link_inside_the_qr_opens_a_confirm_page_for_staff(officer, chat, app):
    event = add_event(app)
    register(chat, ALICE, event["id"])
    code = registrations(app, event["id"])[0].code
    page = officer.page(f"/staff/checkin/{code}")
    assert event["title"] in page and "ยืนยันเช็กอิน" in page
    assert "เช็กอินแล้ว" in officer.post(f"/staff/checkin/{code}").get_data(as_text=True)


def test_a_waiting_list_code_is_not_checked_in(officer, chat, app):
    event = add_event(app, capacity=1)
    register(chat, ALICE, event["id"])
    register(chat, BEN, event["id"], wait=True)
    code = registrations(app, event["id"])[1].code
    page = officer.post(f"/staff/events/{event['id']}/checkin", {"code": code}).get_data(as_text=True)
    assert "ยังไม่ได้รับที่นั่ง" in page and "รายชื่อสำรอง" in page


def test_officers_check_in_but_only_admins_edit_events(officer, app):
    event = add_event(app)
    assert officer.get("/staff/events/new").status_code == 403
    assert officer.get(f"/staff/events/{event['id']}/edit").status_code == 403
    assert officer.get(f"/staff/events/{event['id']}/checkin").status_code == 200
    assert officer.get("/staff/announcements").status_code == 403


def test_the_pages_need_a_login(app):
    event = add_event(app)
    anonymous = app.test_client()
    for path in ("/staff/events", f"/staff/events/{event['id']}", f"/staff/events/{event['id']}/checkin",
                 "/staff/checkin/ABCDEFGH", "/staff/announcements/new"):
        response = anonymous.get(path)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"], path


def _local(iso: str) -> str:
    from datetime import datetime

    from bot.dialogue.texts import BANGKOK
    return datetime.fromisoformat(iso).astimezone(BANGKOK).strftime("%Y-%m-%dT%H:%M")
