"""In real headless Chromium: a long unbroken text wraps instead of widening the request page, and the reply box
counts what LINE will count."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.console.helpers import StaffBrowser, add_staff, file_request
from tests.console.test_browser import sign_in
from tests.live import serve

USER = "U" + "a" * 32
URL = "https://example.com/" + "a1b2c3d4" * 300


def test_a_long_unbroken_reply_wraps_and_the_page_stays_its_width(app, chat, page):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    request = file_request(chat, app, USER)
    somchai = StaffBrowser(app)
    somchai.sign_in("somchai")
    somchai.post(f"/staff/requests/{request.id}/reply", {"text": URL})
    somchai.post(f"/staff/requests/{request.id}/notes", {"text": URL})
    with serve(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/staff/requests/{request.id}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, width


def test_the_reply_box_counts_and_warns_past_the_limit(app, chat, page):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    request = file_request(chat, app, USER)
    with serve(app) as base:
        sign_in(page, base)
        page.goto(f"{base}/staff/requests/{request.id}")
        box = page.locator("#reply-text")
        box.fill("สวัสดีค่ะ 🙏")
        counter = page.locator("#reply-text + .counter")
        expect(counter).to_contain_text("12 /")  # the emoji counts two, as LINE counts it
        box.fill("ก" * 5000)
        expect(counter).to_contain_text("ยาวเกิน")
