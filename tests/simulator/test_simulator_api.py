"""The simulator's server side: on only where it should be, honest webhooks, and a chat that shows what LINE
delivered (replies, pushes, read marks, the loading animation, the rich menu)."""

from __future__ import annotations

import io
import json
import socket
import threading

from PIL import Image
from sqlalchemy import select
from werkzeug.serving import make_server

from bot import create_app
from bot.config import Settings
from bot.line.inbound import verify
from storage.models import Attachment
from tests.bot.test_service_requests import ANSWERS, add_staff, requests_in, state_of
from tests.conftest import SECRET, make_app
from tests.simulator.conftest import PageClient, webhook_errors

PRODUCTION = {"APP_ENV": "production", "LINE_CHANNEL_SECRET": "s", "LINE_CHANNEL_ACCESS_TOKEN": "t",
              "SECRET_KEY": "k"}


def test_the_simulator_is_on_in_development_and_off_in_production_unless_enabled():
    assert Settings.from_env({}).simulator_enabled
    assert not Settings.from_env(PRODUCTION).simulator_enabled
    assert Settings.from_env(PRODUCTION | {"SIMULATOR_ENABLED": "1"}).simulator_enabled


def test_a_production_app_serves_no_simulator_but_keeps_the_rich_menu_command(tmp_path):
    app = create_app({"database_url": f"sqlite:///{tmp_path / 'p.sqlite3'}", "production": True,
                      "simulator_enabled": False})
    client = app.test_client()
    assert client.get("/simulator/").status_code == 404
    assert client.get("/simulator/line-api/v2/bot/info", headers={"Authorization": "Bearer x"}).status_code == 404
    assert "deploy" in app.test_cli_runner().invoke(args=["richmenu", "--help"]).output


def test_the_page_is_a_thai_line_chat(page_client):
    page = page_client.client.get("/simulator/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="th"' in html and "ITC Front Desk" in html
    assert "พิมพ์ข้อความ" in html and "แชร์ตำแหน่ง" in html and "เพิ่มเพื่อน" in html


def test_every_action_becomes_a_signed_webhook_shaped_like_lines(page_client, line_api):
    user = page_client.user()
    actions = [{"kind": "follow"}, {"kind": "text", "text": "สวัสดีค่ะ"},
               {"kind": "postback", "data": "answer=date", "params": {"date": "2026-12-15"}},
               {"kind": "sticker", "stickerId": "1988"},
               {"kind": "location", "latitude": 19.9074, "longitude": 99.8308, "title": "จ.เชียงราย"},
               {"kind": "unfollow"}, {"kind": "follow", "unblocked": True}]
    for action in actions:
        ready = page_client.act(user, **action)
        body = json.loads(ready["body"])
        assert webhook_errors(body) == [], action
        assert verify(ready["body"].encode("utf-8"), ready["signature"], SECRET)
        [event] = body["events"]
        assert body["destination"] == line_api.bot_user_id and event["source"] == {"type": "user", "userId": user}
        assert event["webhookEventId"] and event["deliveryContext"] == {"isRedelivery": False}
        assert ("replyToken" in event) == (action["kind"] != "unfollow")
    upload = page_client.client.post("/simulator/api/upload", data={"user": user, "file": (
        io.BytesIO(b"%PDF-1.4 quotation"), "ใบเสนอราคา.pdf", "application/pdf")})
    assert webhook_errors(json.loads(upload.get_json()["body"])) == []


def test_the_chat_shows_both_sides_then_a_push_when_staff_accept(sim_app, page_client):
    requester, officer = page_client.user(0), page_client.user(1)
    add_staff(sim_app, "เชียงราย", officer)
    page_client.act(requester, kind="follow")
    page_client.act(requester, kind="postback", data="consent=yes", displayText="ยินยอม")
    page_client.act(requester, kind="text", text="อยากได้กล่องบรรจุภัณฑ์ใหม่ให้กาแฟดูพรีเมียมค่ะ")
    while (state := state_of(sim_app, requester)) != "confirm":
        page_client.act(requester, kind="text", text=ANSWERS[state])
    page_client.act(requester, kind="postback", data="confirm=yes", displayText="ยืนยันส่งคำขอ")
    [request] = requests_in(sim_app)
    entries = page_client.chat(requester)["entries"]
    sides = [(e["side"], e["message"].get("text", e["message"].get("altText", ""))) for e in entries]
    assert sides[0] == ("note", "เพิ่ม ITC Front Desk เป็นเพื่อนแล้ว") and ("user", "ยินยอม") in sides
    assert request.reference in sides[-1][1] and sides[-1][0] == "bot"
    [alert] = page_client.bot_said(officer)
    accept = alert["contents"]["footer"]["contents"][0]["action"]
    page_client.act(officer, kind="postback", data=accept["data"], displayText=accept["displayText"])
    pushed = page_client.chat(requester, after=len(entries))["entries"]
    assert [e["via"] for e in pushed] == ["push"] and request.reference in pushed[0]["message"]["text"]


def test_read_marks_and_the_loading_animation_show_in_the_chat(sim_app, page_client):
    user = page_client.user()
    page_client.act(user, kind="text", text="สวัสดีค่ะ")
    chat = page_client.chat(user)
    [mine] = [e for e in chat["entries"] if e["side"] == "user"]
    assert chat["readUpTo"] == mine["seq"] and not chat["loading"]
    sim_app.extensions["frontdesk"].line.show_loading(user, 30)
    assert page_client.chat(user)["loading"]
    page_client.act(user, kind="sticker", stickerId="1995")
    assert not page_client.chat(user)["loading"]


def test_a_photo_from_the_page_is_fetched_by_the_bot_and_kept_with_the_request(sim_app, page_client):
    user = page_client.user()
    page_client.act(user, kind="follow")
    page_client.act(user, kind="postback", data="consent=yes")
    page_client.act(user, kind="text", text="อยากให้ศูนย์ช่วยออกแบบลวดลายเซรามิกคอลเลกชันใหม่ค่ะ")
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), "#c0392b").save(photo, "JPEG")
    response = page_client.client.post("/simulator/api/upload", data={"user": user, "file": (
        io.BytesIO(photo.getvalue()), "jar.jpg", "image/jpeg")})
    page_client.deliver(response.get_json())
    assert any("ได้รับรูปภาพแล้ว" in m.get("text", "") for m in page_client.bot_said(user)[-3:])
    shown = [e for e in page_client.chat(user)["entries"] if e["message"].get("type") == "image"]
    assert page_client.client.get(f"/simulator/api/content/{shown[0]['message']['messageId']}").data == photo.getvalue()
    while (state := state_of(sim_app, user)) != "confirm":
        page_client.act(user, kind="text", text=ANSWERS[state])
    page_client.act(user, kind="postback", data="confirm=yes")
    [request] = requests_in(sim_app)
    with sim_app.extensions["frontdesk"].sessions() as session:
        [attachment] = session.scalars(select(Attachment))
        assert attachment.status == "stored" and attachment.data == photo.getvalue()
        assert attachment.request_id == request.id


def test_the_page_speaks_only_for_users_the_simulator_made(page_client):
    stranger = "U" + "5" * 32
    assert page_client.client.post("/simulator/api/events", json={"user": stranger, "kind": "text",
                                                                   "text": "รับเรื่อง"}).status_code == 404
    assert page_client.client.get(f"/simulator/api/chat?user={stranger}").status_code == 404


def test_actions_line_would_never_send_are_refused(page_client):
    user = page_client.user()
    for action in ({"kind": "bogus"}, {"kind": "text", "text": "  "}, {"kind": "sticker", "stickerId": "1"},
                   {"kind": "location", "latitude": "north"}, {"kind": "postback", "data": "x" * 301}):
        response = page_client.client.post("/simulator/api/events", json={"user": user, **action})
        assert response.status_code == 400, action


def test_a_new_user_keeps_the_same_id_and_line_knows_their_name(sim_app, page_client):
    first = page_client.client.post("/simulator/api/users", json={"name": "มานี มีนา"}).get_json()
    again = page_client.client.post("/simulator/api/users", json={"name": "มานี  มีนา"}).get_json()
    assert first["id"] == again["id"] and first["id"] in [u["id"] for u in page_client.users()]
    assert sim_app.extensions["frontdesk"].line.display_name(first["id"]) == "มานี มีนา"


def test_the_rich_menu_can_be_deployed_from_the_page_and_is_shown_with_its_areas(page_client):
    user = page_client.user()
    assert page_client.client.get(f"/simulator/api/richmenu?user={user}").get_json()["menu"] is None
    assert page_client.client.post("/simulator/api/richmenu/deploy").get_json()["created"]
    found = page_client.client.get(f"/simulator/api/richmenu?user={user}").get_json()
    assert found["menu"]["chatBarText"] == "เมนูหลัก" and len(found["menu"]["areas"]) == 6
    picture = page_client.client.get(found["image"])
    assert picture.content_type == "image/png" and Image.open(io.BytesIO(picture.data)).size == (2500, 1686)


def test_in_development_the_bot_answers_through_the_fake_line_api_mounted_in_the_simulator(database_url, line_api):
    """The dev topology: LINE_API_BASE_URL is this very server's /simulator/line-api, one process, threads."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = make_app(database_url, line_api, line_api_base_url=f"http://127.0.0.1:{port}/simulator/line-api")
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page_client = PageClient(app.test_client())
        user = page_client.user()
        page_client.act(user, kind="text", text="สวัสดีค่ะ")
        [answer] = page_client.bot_said(user)
        assert answer["text"].startswith("สวัสดีค่ะ") and line_api.requests() == []
        delivered = page_client.client.get(f"/simulator/line-api/_fake/delivered?to={user}").get_json()
        assert delivered["messages"][0]["message"] == answer  # what scripts/say reads
    finally:
        server.shutdown()
        app.extensions["frontdesk"].engine.dispose()
