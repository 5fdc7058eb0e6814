"""The console in real headless Chromium: an officer works a request from the queue to done, and the
entrepreneur hears every step in LINE."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot.console.texts import HANDOVER_ACK
from tests.console.helpers import PASSWORD, add_staff, file_request
from tests.live import serve

USER = "U" + "a" * 32


@pytest.fixture
def officer(app):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai", line_id="U" + "5" * 32)


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/staff/requests")
    expect(page).to_have_url(re.compile(r"/staff/login\?next="))
    page.get_by_label("ชื่อผู้ใช้").fill("somchai")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("heading", name="คิวคำขอ")).to_be_visible()


def pushed_texts(line_api) -> list[str]:
    return [m.text for m in line_api.delivered_messages(to=USER) if m.via == "push"]


def test_an_officer_accepts_and_finishes_a_request_and_the_entrepreneur_hears_each_step(
        app, chat, line_api, officer, page):
    request = file_request(chat, app, USER)
    with serve(app) as base:
        sign_in(page, base)
        page.get_by_label("ค้นหา").fill("ดอยหลวง")
        page.get_by_role("button", name="กรอง").click()
        page.get_by_role("link", name=request.reference).click()
        expect(page.get_by_role("heading", name=re.compile(request.reference))).to_be_visible()
        expect(page.get_by_text("ร้านกาแฟดอยหลวง").first).to_be_visible()

        page.get_by_role("button", name="รับเรื่องนี้").click()
        expect(page.get_by_role("status")).to_contain_text(f"รับเรื่อง {request.reference} แล้วค่ะ")
        page.get_by_label("เปลี่ยนสถานะเป็น").select_option(label="กำลังดำเนินการ")
        page.get_by_role("button", name="บันทึกและแจ้งผู้ประกอบการ").click()
        expect(page.get_by_role("status")).to_contain_text("กำลังดำเนินการ")
        page.get_by_label("เปลี่ยนสถานะเป็น").select_option(label="เสร็จสิ้น")
        page.get_by_label("ข้อความถึงผู้ประกอบการ (ไม่บังคับ)").fill("ส่งแบบกล่องทางอีเมลแล้วนะคะ")
        page.get_by_role("button", name="บันทึกและแจ้งผู้ประกอบการ").click()
        expect(page.get_by_role("status")).to_contain_text("เสร็จสิ้น")
        expect(page.get_by_text("คำขอนี้ปิดแล้ว")).to_be_visible()

    accepted, working, done, rating = pushed_texts(line_api)
    assert request.reference in accepted and "รับเรื่องแล้ว" in accepted
    assert "กำลังดำเนินการ" in working
    assert "เสร็จสิ้น" in done and "ส่งแบบกล่องทางอีเมลแล้วนะคะ" in done
    assert "ให้คะแนน" in rating


def test_a_canned_reply_goes_to_the_entrepreneur_and_the_bot_waits(app, chat, line_api, officer, page):
    request = file_request(chat, app, USER)
    with serve(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/staff/requests/{request.id}")
        page.get_by_role("button", name="ขอรูปสินค้า").click()
        expect(page.locator("#reply-text")).to_have_value(re.compile("รบกวนส่งรูปสินค้า"))
        page.get_by_role("button", name="ส่งทาง LINE").click()
        expect(page.get_by_text("ระบบอัตโนมัติเงียบไว้ถึง")).to_be_visible()
        assert chat.say(USER, "ส่งรูปให้แล้วค่ะ") == [HANDOVER_ACK]  # one word that the officer has it
        page.reload()
        expect(page.locator(".transcript")).to_contain_text("ส่งรูปให้แล้วค่ะ")
        page.get_by_role("button", name="จบการสนทนา ส่งกลับให้ระบบอัตโนมัติ").click()
        expect(page.get_by_role("status")).to_contain_text("ส่งการสนทนากลับ")
    texts = pushed_texts(line_api)
    assert "รบกวนส่งรูปสินค้า" in texts[0] and "จบการสนทนาแล้ว" in texts[-1]


def test_the_console_works_on_a_phone(app, chat, officer, browser):
    request = file_request(chat, app, USER)
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    with serve(app) as base:
        sign_in(page, base)
        expect(page.get_by_role("link", name="แดชบอร์ด")).to_be_hidden()  # behind the menu button
        page.locator("label.nav-button").click()
        expect(page.get_by_role("link", name="แดชบอร์ด")).to_be_visible()
        page.get_by_role("link", name=request.reference).click()
        expect(page.get_by_role("button", name="รับเรื่องนี้")).to_be_visible()
    context.close()


def test_the_queue_and_dashboard_tell_the_demo_datas_story(app, page):
    """Also refreshes docs/console-*.png with SAVE_SCREENSHOTS=1."""
    add_staff(app, "ผู้ดูแล กรม", "กรุงเทพมหานคร", "admin", admin=True)
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    page.set_viewport_size({"width": 1366, "height": 900})
    with serve(app) as base:
        page.goto(f"{base}/staff/login")
        page.get_by_label("ชื่อผู้ใช้").fill("admin")
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        expect(page.get_by_role("link", name=re.compile(r"ทั้งหมด\s*1500"))).to_be_visible()
        save(page, "docs/console-queue.png")
        page.get_by_role("link", name="แดชบอร์ด").click()
        expect(page.locator("svg.chart")).to_have_count(5)
        expect(page.get_by_role("img", name="คำขอตามบริการ")).to_contain_text("ฝึกอบรม / ศึกษาดูงาน")
        expect(page.get_by_role("img", name="คำขอรายเดือน")).to_contain_text("พ.ย.")
        save(page, "docs/console-dashboard.png", full_page=True)


def save(page, path: str, full_page: bool = False) -> None:
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        page.screenshot(path=str(Path(__file__).resolve().parents[2] / path), full_page=full_page)


def test_a_new_requests_status_form_starts_with_no_status_chosen(app, chat, line_api, officer, page):
    request = file_request(chat, app, USER)
    with serve(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/staff/requests/{request.id}")
        status = page.get_by_label("เปลี่ยนสถานะเป็น")
        expect(status).to_have_value("")  # before, "ไม่สามารถให้บริการได้" was chosen already
        page.get_by_role("button", name="บันทึกและแจ้งผู้ประกอบการ").click()  # the browser asks to choose first
        expect(page.get_by_role("status")).to_have_count(0)
    assert pushed_texts(line_api) == []
