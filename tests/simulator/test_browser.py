"""The simulator in real headless Chromium: a person taps and types their way through LINE-like screens.

`SAVE_SCREENSHOTS=1` also writes the README's screenshots (docs/simulator*.png) from these runs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.bot.test_service_requests import add_staff, requests_in, state_of
from tests.chat import a_working_day
from tests.live import serve

DOCS = Path(__file__).resolve().parents[2] / "docs"
expect.set_options(timeout=10_000)


@pytest.fixture
def simulator_url(sim_app):
    result = sim_app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code == 0, result.output
    with serve(sim_app) as url:
        yield url + "/simulator/"


def last_bot(page):
    return page.locator("#messages .row.bot:not(.typing)").last


def type_and_send(page, text: str) -> None:
    page.fill("#text", text)
    page.press("#text", "Enter")


def screenshot(page, tmp_path: Path, name: str) -> None:
    page.mouse.move(0, 0)
    path = tmp_path / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copy(path, DOCS / name)


def test_a_full_service_request_from_greeting_to_reference_then_the_officer_accepts(
        sim_app, page, simulator_url, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(simulator_url)
    requester, officer = page.locator(".sim-user").nth(0), page.locator(".sim-user").nth(1)
    add_staff(sim_app, "เชียงราย", sim_app.extensions["simulator"].users()[1].user_id)
    expect(page.locator("#who")).to_have_text("สมศรี ใจดี")

    page.click("#add-friend")
    expect(page.locator("#messages")).to_contain_text("ยินดีต้อนรับสู่ ITC Front Desk")
    page.locator("#quick-replies").get_by_role("button", name="ยินยอม", exact=True).click()
    expect(last_bot(page)).to_contain_text("ขอบคุณที่ยินยอมค่ะ")

    page.locator("#rich-menu-areas").get_by_role("button", name="ขอรับบริการ").click()
    packaging = page.locator(".fx-bubble", has_text="พัฒนาบรรจุภัณฑ์")
    expect(packaging).to_be_visible()
    screenshot(page, tmp_path, "simulator-services.png")
    packaging.get_by_role("button", name="ขอรับบริการ").click()
    expect(last_bot(page)).to_contain_text("อยากพัฒนาบรรจุภัณฑ์แบบไหนคะ")

    page.click("#to-keyboard")
    for answer, next_question in (("อยากได้กล่องใหม่ให้กาแฟดูพรีเมียมค่ะ", "สินค้าของท่านคืออะไรคะ"),
                                  ("กาแฟคั่วบดดอยช้าง", "ขอชื่อกิจการ"), ("ร้านกาแฟดอยหลวง", "ขอชื่อผู้ติดต่อ"),
                                  ("สมศรี ใจดี", "ขอเบอร์โทร"), ("081-234-5678", "อยู่จังหวัดไหนคะ")):
        type_and_send(page, answer)
        expect(last_bot(page)).to_contain_text(next_question)

    page.locator("#quick-replies").get_by_role("button", name="แชร์ตำแหน่ง").click()
    page.select_option("#province-select", "เชียงราย")
    page.click("#send-location")
    summary = page.locator(".fx-bubble", has_text="สรุปคำขอ")
    expect(summary).to_contain_text("0812345678")
    expect(summary).to_contain_text("เชียงราย")
    summary.get_by_role("button", name="ยืนยันส่งคำขอ").click()

    expect(last_bot(page)).to_contain_text("ส่งคำขอเรียบร้อยแล้วค่ะ")
    [request] = requests_in(sim_app)
    expect(last_bot(page)).to_contain_text(request.reference)
    assert request.service == "packaging" and request.province == "เชียงราย" and request.phone == "0812345678"
    expect(page.locator("#messages .row.user", has_text="081-234-5678").locator(".read")).to_have_text("อ่านแล้ว")
    summary.evaluate("card => card.scrollIntoView({block: 'start'})")
    screenshot(page, tmp_path, "simulator.png")

    officer.click()
    expect(page.locator("#who")).to_have_text("ประเสริฐ ทองดี")
    alert = page.locator(".fx-bubble", has_text=request.reference)
    alert.get_by_role("button", name="รับเรื่อง").click()
    expect(last_bot(page)).to_contain_text(f"รับเรื่อง {request.reference} แล้วค่ะ")
    requester.click()
    expect(last_bot(page)).to_contain_text("รับเรื่องแล้วค่ะ")
    expect(last_bot(page)).to_contain_text("push")


def test_stickers_a_map_point_a_date_picker_a_photo_and_blocking(sim_app, page, simulator_url):
    page.goto(simulator_url)
    page.locator(".sim-user").nth(2).click()
    expect(page.locator("#who")).to_have_text("วิภาวรรณ แก้วมณี")
    user = sim_app.extensions["simulator"].users()[2].user_id
    page.click("#add-friend")
    page.locator("#quick-replies").get_by_role("button", name="ยินยอม", exact=True).click()
    expect(last_bot(page)).to_contain_text("ขอบคุณที่ยินยอมค่ะ")
    page.click("#to-keyboard")

    page.click("#attach")
    page.locator("#attach-sheet").get_by_role("button", name="สติกเกอร์").click()
    page.locator("#sticker-sheet button").first.click()
    expect(last_bot(page)).to_contain_text("ขอบคุณสำหรับสติกเกอร์")

    page.click("#attach")
    page.locator("#attach-sheet").get_by_role("button", name="ตำแหน่ง").click()
    page.locator("#thai-map circle.seat").filter(has_text="น่าน").click()
    expect(page.locator("#picked")).to_have_text("ใกล้ จ.น่าน")
    page.click("#send-location")
    expect(last_bot(page)).to_contain_text("Mini ITC น่าน")
    expect(last_bot(page)).to_contain_text("เปิดแผนที่")

    type_and_send(page, "ขอจองใช้เครื่อง CNC ของศูนย์ครับ")
    expect(last_bot(page)).to_contain_text("จะใช้เครื่องทำงานอะไรคะ")
    type_and_send(page, "กัดแม่พิมพ์อะลูมิเนียม")
    expect(last_bot(page)).to_contain_text("สะดวกใช้เครื่องวันไหนคะ")
    page.locator("#quick-replies").get_by_role("button", name="เลือกวันที่").click()
    wanted = a_working_day(20)  # the centres are closed at weekends and on public holidays
    page.fill("#date-input", wanted.isoformat())
    page.click("#date-ok")
    expect(last_bot(page)).to_contain_text("ขอชื่อกิจการ")
    assert state_of(sim_app, user) == "business_name"

    page.set_input_files("#photo-input", files=[{"name": "mould.png", "mimeType": "image/png",
                                                 "buffer": _png_bytes()}])
    expect(page.locator("#messages .row.user img.photo")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("ได้รับรูปภาพแล้วค่ะ")

    page.click("#toggle-friend")
    expect(page.locator("#blocked-bar")).to_be_visible()
    expect(page.locator("#text")).to_be_disabled()
    page.click("#unblock")
    expect(last_bot(page)).to_contain_text("ยินดีต้อนรับกลับมาค่ะ")
    expect(page.locator("#text")).to_be_enabled()


def _png_bytes() -> bytes:
    import io

    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "#2f9e44").save(out, "PNG")
    return out.getvalue()
