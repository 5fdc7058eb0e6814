"""In real headless Chromium: the door page reads a ticket's QR code from the camera (Chromium's fake camera
plays a video of the QR image LINE showed the entrepreneur) and checks them in; an admin composes an
announcement and sees its reach before sending."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from bot.events.tickets import checkin_url, qr_png
from tests.console.helpers import PASSWORD, add_staff
from tests.events.helpers import add_event, make_followers, registrant, registrations, user_id
from tests.live import CHROMIUM_ARGS, chromium_path, serve

ALICE = user_id(0xA1)


def camera_video(png: bytes, path: Path, width: int = 640, height: int = 480, frames: int = 10) -> Path:
    """A Y4M video (what Chromium's fake camera plays) of the QR image held up in front of the camera."""
    qr = Image.open(io.BytesIO(png)).convert("L")
    side = min(width, height) - 80
    frame = Image.new("L", (width, height), 235)
    frame.paste(qr.resize((side, side), Image.NEAREST), ((width - side) // 2, (height - side) // 2))
    chroma = bytes([128]) * (width // 2 * height // 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path


@pytest.fixture
def camera_page(tmp_path, app, chat, playwright):
    """A Chromium whose camera shows the QR code of Alice's ticket."""
    event = add_event(app, capacity=10)
    registrant(chat, ALICE)
    chat.tap(ALICE, f"ev_people={event['id']}:2")
    code = registrations(app, event["id"])[0].code
    base_url = app.extensions["frontdesk"].settings.public_base_url
    video = camera_video(qr_png(checkin_url(base_url, code)), tmp_path / "ticket.y4m")
    args = CHROMIUM_ARGS + ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                            f"--use-file-for-fake-video-capture={video}"]
    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=args)
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok", permissions=["camera"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page, event, code
    chromium.close()


def sign_in(page, base: str, login: str, then: str) -> None:
    page.goto(f"{base}{then}")
    page.get_by_label("ชื่อผู้ใช้").fill(login)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_the_door_page_checks_in_the_qr_code_the_camera_sees(app, camera_page):
    page, event, code = camera_page
    add_staff(app, "เจ้าหน้าที่ หน้างาน", "เชียงใหม่", "door")
    with serve(app) as base:
        sign_in(page, base, "door", f"/staff/events/{event['id']}/checkin")
        expect(page.get_by_role("heading", name=re.compile("เช็กอิน"))).to_be_visible()
        page.get_by_role("button", name="เปิดกล้อง").click()
        expect(page.locator(".flash-info")).to_contain_text("เช็กอินแล้ว", timeout=20_000)
        expect(page.locator(".flash-info")).to_contain_text("2 ท่าน")
        expect(page.get_by_text("เช็กอินแล้ว 2 คน")).to_be_visible()
        expect(page.locator("li code")).to_have_text(f"{code[:4]}-{code[4:]}")
    assert registrations(app, event["id"])[0].checked_in_at is not None


def test_an_admin_sees_the_reach_then_sends_from_the_browser(app, page, line_api):
    make_followers(app, 40, province="เชียงใหม่")
    make_followers(app, 25, start=100, province="ลำปาง")
    add_staff(app, "ผู้ดูแล ประกาศ", "ITC-R1", "admin", admin=True)
    with serve(app) as base:
        sign_in(page, base, "admin", "/staff/announcements/new")
        page.get_by_label("ข้อความ").fill("ขอเชิญผู้ประกอบการลำปางร่วมงาน SME สัญจร ค่ะ")
        page.get_by_label(re.compile("^จังหวัด")).select_option("ลำปาง")
        page.get_by_role("button", name="นับผู้รับและเช็กโควตา").click()
        expect(page.locator("[data-figure=reach]")).to_have_text("ส่งถึง 25 คน")
        page.get_by_role("button", name="ส่งประกาศ").click()
        expect(page.get_by_role("status").first).to_contain_text("เริ่มส่งประกาศถึง 25 คน")
        expect(page.locator("[data-figure=sent]")).to_have_text("25")
    assert len(line_api.requests("/v2/bot/message/multicast")) == 1
