"""The rich menu: drawn from its definition with a Thai font, deployed to LINE idempotently, every tap answered."""

from __future__ import annotations

import io
import json

from PIL import Image

from bot.dialogue import texts
from bot.line import fake_events
from bot.richmenu import definition, image
from tests.chat import quick_replies, shown

USER = "U" + "7" * 32


def deploy(app) -> dict:
    result = app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def created_menus(line_api) -> int:
    return sum(1 for r in line_api.requests("/v2/bot/richmenu") if r.method == "POST"
               and r.path == "/v2/bot/richmenu" and r.status == 200)


def test_deploy_creates_uploads_and_makes_the_menu_the_default(app, line_api):
    result = deploy(app)
    assert result["created"] and result["image_uploaded"] and result["made_default"]
    menu, png, content_type = line_api.rich_menu_of(USER)
    assert menu["richMenuId"] == result["rich_menu_id"] and menu["chatBarText"] == "เมนูหลัก"
    assert [a["action"]["label"] for a in menu["areas"]] == [t.label for t in definition.TILES]
    assert content_type == "image/png" and Image.open(io.BytesIO(png)).size == (2500, 1686)


def test_a_second_deploy_changes_nothing(app, line_api):
    first = deploy(app)
    second = deploy(app)
    assert second == first | {"created": False, "image_uploaded": False, "made_default": False}
    assert created_menus(line_api) == 1
    assert not [r for r in line_api.requests("/v2/bot/richmenu") if r.method == "DELETE"]


def test_deploy_replaces_an_older_version_of_our_menu_and_leaves_other_menus_alone(app, line_api):
    line = app.extensions["frontdesk"].line
    old = line.create_rich_menu(definition.as_line_json() | {"name": "ITC Front Desk 000000000000"})
    line.upload_rich_menu_image(old, image.menu_image(), "image/png")
    line.set_default_rich_menu(old)
    campaign = line.create_rich_menu(definition.as_line_json() | {"name": "แคมเปญ CLUSTER DAY"})
    result = deploy(app)
    assert result["created"] and result["deleted"] == [old]
    remaining = {m["richMenuId"] for m in line.rich_menus()}
    assert remaining == {result["rich_menu_id"], campaign}
    assert line.default_rich_menu() == result["rich_menu_id"]


def test_deploy_finishes_a_menu_a_crashed_deploy_left_without_its_image(app, line_api):
    line = app.extensions["frontdesk"].line
    half_done = line.create_rich_menu(definition.as_line_json())
    result = deploy(app)
    assert result["rich_menu_id"] == half_done and not result["created"]
    assert result["image_uploaded"] and result["made_default"] and created_menus(line_api) == 1
    assert line_api.rich_menu_of(USER) is not None


def test_a_refused_deploy_is_a_clear_error(app, line_api):
    line_api.fail_next("/v2/bot/richmenu", status=401)
    result = app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code != 0 and "LINE refused the rich menu" in result.output


def test_the_image_is_drawn_from_the_definition_with_a_thai_font():
    png = image.draw_menu()
    drawn = Image.open(io.BytesIO(png))
    assert drawn.size == (definition.WIDTH, definition.HEIGHT) and len(png) < 1024 * 1024
    assert image.fingerprint_of(png) == definition.fingerprint()
    assert image.thai_font(True, 100).getname()[0] in image.PREFERRED_FONTS
    for index, tile in enumerate(definition.TILES):
        box = definition.tile_bounds(index)
        label_band = drawn.crop((box["x"], box["y"] + int(box["height"] * 0.58),
                                 box["x"] + box["width"], box["y"] + int(box["height"] * 0.75)))
        ink = sum(label_band.convert("L").histogram()[:70])  # dark pixels: the label's letters
        assert ink > 2000, f"the label {tile.label!r} was not drawn"


def test_the_checked_in_image_matches_the_definition_so_deploys_need_no_fonts():
    assert image.fingerprint_of(image.CHECKED_IN.read_bytes()) == definition.fingerprint(), (
        "the tiles changed: run `flask --app bot richmenu image` and commit bot/richmenu/menu.png")
    assert image.menu_image() == image.CHECKED_IN.read_bytes()


def test_the_areas_cover_the_whole_menu_without_overlapping():
    areas = [a["bounds"] for a in definition.as_line_json()["areas"]]
    assert sum(a["width"] * a["height"] for a in areas) == definition.WIDTH * definition.HEIGHT
    for i, a in enumerate(areas):
        assert a["x"] + a["width"] <= definition.WIDTH and a["y"] + a["height"] <= definition.HEIGHT
        for b in areas[i + 1:]:
            apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                     or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
            assert apart, (a, b)


def test_every_tile_of_the_menu_gets_its_own_answer(chat, app):
    chat.consent(USER)
    answers = {}
    for area in definition.as_line_json()["areas"]:
        action = area["action"]
        assert action["displayText"], "a tap shows what was tapped in the chat"
        messages = chat.send(fake_events.postback(USER, action["data"]))
        answers[action["label"]] = (shown(messages), messages)
        chat.tap(USER, "cancel=flow")  # leave any flow the tap started
    said = {label: " ".join(text) for label, (text, _) in answers.items()}
    assert "บริการของศูนย์ ITC" in said["ขอรับบริการ"] and "ขอรับบริการ" in said["ขอรับบริการ"]
    assert texts.NO_REQUESTS in said["คำขอของฉัน"]
    assert "CLUSTER DAY" in said["กิจกรรม"]
    assert "เจ้าหน้าที่" in said["คุยกับเจ้าหน้าที่"]
    assert texts.ASK_PROVINCE_FOR_CENTRE in said["ข้อมูลศูนย์"]
    assert any(a["type"] == "location" for a in quick_replies(answers["ข้อมูลศูนย์"][1][-1]))
    assert texts.HELP in said["วิธีใช้งาน"]
    assert all(texts.MENU_PROMPT != text for text in said.values())


def test_a_photo_sent_while_the_centre_tile_waits_for_a_province_is_acknowledged(chat, line_api):
    chat.consent(USER)
    chat.tap(USER, "intent=center_info")
    line_api.put_content("photo-7", b"\x89PNG", "image/png")
    [said] = shown(chat.send(fake_events.image(USER, content_id="photo-7")))
    assert "ได้รับรูปภาพแล้วค่ะ" in said
