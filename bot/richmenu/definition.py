"""The entrepreneurs' rich menu as data: six tiles, each a Thai label, an icon and the postback it sends.

The image (image.py) is drawn from these tiles, and the menu's LINE JSON comes from them too, so the
picture and the tap areas cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from bot.line.outbound import Action, Choose, action_json

WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
CHAT_BAR_TEXT = "เมนูหลัก"
NAME_PREFIX = "ITC Front Desk"
# Bump when the drawing code changes, so a deploy replaces the menu even if the tiles did not change.
DRAWING_VERSION = 1


@dataclass(frozen=True)
class Tile:
    """One tap area of the menu and what is drawn on it."""

    label: str
    hint: str
    icon: str
    colour: str
    action: Action


TILES: tuple[Tile, ...] = (
    Tile("ขอรับบริการ", "ออกแบบ บรรจุภัณฑ์ เครื่องจักร อบรม", "services", "#06C755",
         Choose("ขอรับบริการ", "menu=services", "ขอรับบริการ")),
    Tile("คำขอของฉัน", "ติดตามสถานะคำขอ", "requests", "#1E6FD9",
         Choose("คำขอของฉัน", "intent=request_status", "คำขอของฉัน")),
    Tile("กิจกรรม", "CLUSTER DAY อบรม สัมมนา", "events", "#F08C00",
         Choose("กิจกรรม", "intent=event", "กิจกรรม")),
    Tile("คุยกับเจ้าหน้าที่", "ให้เจ้าหน้าที่ติดต่อกลับ", "staff", "#D6336C",
         Choose("คุยกับเจ้าหน้าที่", "intent=contact_staff", "คุยกับเจ้าหน้าที่")),
    Tile("ข้อมูลศูนย์", "ที่อยู่ เบอร์โทร เวลาทำการ", "centre", "#0CA678",
         Choose("ข้อมูลศูนย์", "intent=center_info", "ข้อมูลศูนย์")),
    Tile("วิธีใช้งาน", "ถามอะไรได้บ้าง", "help", "#7048E8",
         Choose("วิธีใช้งาน", "help=show", "วิธีใช้งาน")),
)


def tile_bounds(index: int) -> dict[str, int]:
    """The pixel rectangle of tile `index` (row by row); the last column and row take the remainder."""
    column, row = index % COLUMNS, index // COLUMNS
    width, height = WIDTH // COLUMNS, HEIGHT // ROWS
    x, y = column * width, row * height
    return {"x": x, "y": y, "width": WIDTH - x if column == COLUMNS - 1 else width,
            "height": HEIGHT - y if row == ROWS - 1 else height}


def fingerprint() -> str:
    """A short hash of everything the menu is made from: same tiles and drawing, same fingerprint."""
    drawn = [[t.label, t.hint, t.icon, t.colour, action_json(t.action)] for t in TILES]
    source = json.dumps([drawn, WIDTH, HEIGHT, CHAT_BAR_TEXT, DRAWING_VERSION], ensure_ascii=False)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def menu_name() -> str:
    """The menu's name at LINE; the fingerprint in it is how a deploy recognises a menu it already made."""
    return f"{NAME_PREFIX} {fingerprint()}"


def as_line_json() -> dict[str, Any]:
    """The RichMenuRequest body LINE expects."""
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,
        "name": menu_name(),
        "chatBarText": CHAT_BAR_TEXT,
        "areas": [{"bounds": tile_bounds(i), "action": action_json(tile.action)} for i, tile in enumerate(TILES)],
    }
