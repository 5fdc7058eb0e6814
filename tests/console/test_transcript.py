"""The LINE transcript on the request page reads as the chat did: a tapped button by its label."""

from __future__ import annotations

import re

from tests.console.helpers import StaffBrowser, add_staff, file_request

USER = "U" + "a" * 32


def visible_taps(page: str) -> list[str]:
    return re.findall(r'<span class="tap"[^>]*>([^<]*)</span>', page)


def test_a_tapped_button_shows_its_label_not_its_data(app, chat):
    add_staff(app, "สมชาย ใจดี", "เชียงราย", "somchai")
    somchai = StaffBrowser(app)
    somchai.sign_in("somchai")
    request = file_request(chat, app, USER)
    path = f"/staff/requests/{request.id}"
    somchai.post(f"{path}/accept")
    chat.tap(USER, f"cancel_request=cancel_asked:{request.id}")
    chat.tap(USER, "intent=contact_staff")

    taps = visible_taps(somchai.page(path))

    assert "👆 ยืนยันส่งคำขอ" in taps and "👆 แจ้งขอยกเลิก" in taps and "👆 คุยกับเจ้าหน้าที่" in taps
    assert not any("=" in tap for tap in taps)
    assert ">confirm=yes<" not in somchai.page(path)
