"""Announcement pages of the console: reach before sending, quota warning, a test to yourself, send or
schedule, and the announcement page with what it reached and the registrations it brought."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.dialogue.texts import BANGKOK
from storage.models import Announcement
from tests.console.helpers import StaffBrowser, add_staff
from tests.events.helpers import add_event, make_followers, registrant, user_id

ADMIN_LINE = user_id(0xAD0000)


@pytest.fixture
def admin(app):
    add_staff(app, "ผู้ดูแล ประกาศ", "ITC-R1", "admin", line_id=ADMIN_LINE, admin=True)
    browser = StaffBrowser(app)
    browser.sign_in("admin")
    return browser


def copies(line_api, text: str) -> Counter:
    return Counter(m.to for m in line_api.delivered_messages() if m.message.get("text") == text)


def test_the_reach_and_quota_show_before_sending(admin, app, line_api):
    make_followers(app, 30, province="เชียงใหม่", sectors=["processed_food"])
    make_followers(app, 12, start=100, province="ลำปาง")
    line_api.set_quota(500, used=120)
    page = admin.post("/staff/announcements/new", {"text": "ข่าว", "provinces": ["เชียงใหม่"],
                                                   "action": "preview"}).get_data(as_text=True)
    assert "ส่งถึง 30 คน" in page and "1 ชุด" in page and "เหลือ 380 ข้อความ" in page
    page = admin.post("/staff/announcements/new", {"text": "ข่าว", "action": "preview"}).get_data(as_text=True)
    assert "ส่งถึง 42 คน" in page
    assert line_api.requests("/v2/bot/message/multicast") == []


def test_a_send_beyond_the_quota_is_held_until_the_admin_confirms(admin, app, line_api):
    followers = make_followers(app, 60)
    line_api.set_quota(100, used=70)
    held = admin.post("/staff/announcements/new", {"text": "เชิญร่วมงาน", "action": "send"})
    assert held.status_code == 409 and "โควตาข้อความเดือนนี้ไม่พอ" in held.get_data(as_text=True)
    assert copies(line_api, "เชิญร่วมงาน") == Counter()
    sent = admin.post("/staff/announcements/new", {"text": "เชิญร่วมงาน", "action": "send", "force": "1"})
    page = sent.get_data(as_text=True)
    assert "เริ่มส่งประกาศถึง 60 คน" in page and 'data-figure="failed">60' in page
    assert copies(line_api, "เชิญร่วมงาน") == Counter() and len(followers) == 60


def test_send_now_then_the_page_shows_reach_and_registrations_from_it(admin, chat, app, line_api):
    event = add_event(app, title="CLUSTER DAY 2569", capacity=100)
    followers = make_followers(app, 1100, sectors=["cosmetics"])
    fan = user_id(0xFA0000)
    registrant(chat, fan)
    response = admin.post("/staff/announcements/new", {"text": "ชวนคลัสเตอร์เครื่องสำอาง", "card": str(event["id"]),
                                                       "action": "send"})
    page = response.get_data(as_text=True)
    assert "เริ่มส่งประกาศถึง 1,101 คน" in page and 'data-figure="sent">1,101' in page
    assert copies(line_api, "ชวนคลัสเตอร์เครื่องสำอาง") == Counter({f: 1 for f in followers + [fan]})
    assert len(line_api.requests("/v2/bot/message/multicast")) == 3
    card = line_api.delivered_messages(to=fan)[-1].message
    register = card["contents"]["footer"]["contents"][0]["action"]["data"]
    chat.tap(fan, register)
    chat.tap(fan, f"ev_people={event['id']}:3:{register.split(':')[1]}")
    with app.extensions["frontdesk"].sessions() as session:
        announcement_id = session.scalar(select(Announcement.id))
    page = admin.page(f"/staff/announcements/{announcement_id}")
    assert "1 รายการ (3 ที่นั่ง)" in page and "CLUSTER DAY 2569" in page
    assert "ส่งแล้ว" in admin.page("/staff/announcements")


def test_a_test_send_reaches_only_the_admin(admin, app, line_api):
    make_followers(app, 5)
    page = admin.post("/staff/announcements/new", {"text": "ทดสอบก่อนส่งจริง", "action": "test"}).get_data(as_text=True)
    assert "ส่งประกาศทดสอบไปที่ LINE ของท่านแล้ว" in page
    assert copies(line_api, "ทดสอบก่อนส่งจริง") == Counter({ADMIN_LINE: 1})
    with app.extensions["frontdesk"].sessions() as session:
        assert session.scalar(select(Announcement.id)) is None


def test_a_scheduled_announcement_can_be_cancelled_before_it_goes(admin, app, line_api):
    make_followers(app, 5)
    later = (datetime.now(BANGKOK) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = admin.post("/staff/announcements/new", {"text": "ข่าวล่วงหน้า", "schedule": later,
                                                   "action": "send"}).get_data(as_text=True)
    assert "ตั้งเวลาส่งประกาศถึง 5 คน" in page and "ตั้งเวลาไว้" in page
    with app.extensions["frontdesk"].sessions() as session:
        announcement_id = session.scalar(select(Announcement.id))
    page = admin.post(f"/staff/announcements/{announcement_id}/cancel").get_data(as_text=True)
    assert "ยกเลิกประกาศนี้แล้ว" in page
    from bot.announcements.sending import start_announcement
    start_announcement(announcement_id)
    assert copies(line_api, "ข่าวล่วงหน้า") == Counter()


def test_compose_rejects_an_empty_text_and_a_past_schedule(admin):
    response = admin.post("/staff/announcements/new", {"text": " ", "schedule": "2020-01-01T09:00",
                                                        "action": "send"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "กรุณาพิมพ์ข้อความประกาศ" in page and "ในอนาคต" in page
