"""The rich menu's picture, drawn with Pillow from the tiles in definition.py and a Thai font from
Debian's fonts-thai-tlwg.

A copy made this way is checked in (menu.png) so a deploy needs no fonts; its PNG text chunk carries the
definition's fingerprint, and a fresh one is drawn whenever the tiles change.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.richmenu.definition import HEIGHT, TILES, WIDTH, Tile, fingerprint, tile_bounds

CHECKED_IN = Path(__file__).with_name("menu.png")
FINGERPRINT_KEY = "itc-richmenu"
PREFERRED_FONTS = ("Loma", "Garuda", "Sawasdee", "Waree", "Umpush", "Kinnari")
TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
INK, MUTED, LINE, PAPER = "#1F2933", "#66727F", "#E3E7ED", "#FFFFFF"


class FontMissing(RuntimeError):
    """No Thai font to draw with: install Debian's fonts-thai-tlwg."""


def menu_image() -> bytes:
    """The PNG to upload: the checked-in one when it matches the tiles, else a freshly drawn one."""
    if CHECKED_IN.is_file() and fingerprint_of(CHECKED_IN.read_bytes()) == fingerprint():
        return CHECKED_IN.read_bytes()
    return draw_menu()


def fingerprint_of(png: bytes) -> str | None:
    """The definition fingerprint stored in a menu PNG, if any."""
    with Image.open(io.BytesIO(png)) as image:
        return image.info.get(FINGERPRINT_KEY)


def draw_menu() -> bytes:
    """Draw the whole menu: one tile per area, with its icon, Thai label and hint."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    for index, tile in enumerate(TILES):
        _draw_tile(draw, tile, tile_bounds(index))
    info = PngInfo()
    info.add_text(FINGERPRINT_KEY, fingerprint())
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def _draw_tile(draw: ImageDraw.ImageDraw, tile: Tile, box: dict[str, int]) -> None:
    x, y, width, height = box["x"], box["y"], box["width"], box["height"]
    draw.rectangle([x, y, x + width - 1, y + height - 1], outline=LINE, width=3)
    centre_x, icon_y, radius = x + width // 2, y + int(height * 0.34), int(height * 0.2)
    draw.ellipse([centre_x - radius, icon_y - radius, centre_x + radius, icon_y + radius], fill=tile.colour)
    ICONS[tile.icon](draw, centre_x, icon_y, int(radius * 0.55))
    label_font = _fitted(tile.label, bold=True, size=112, width=int(width * 0.88))
    draw.text((centre_x, y + int(height * 0.665)), tile.label, font=label_font, fill=INK, anchor="mm")
    hint_font = _fitted(tile.hint, bold=False, size=64, width=int(width * 0.88))
    draw.text((centre_x, y + int(height * 0.845)), tile.hint, font=hint_font, fill=MUTED, anchor="mm")


def _fitted(text: str, *, bold: bool, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The font at `size`, made smaller until `text` fits in `width` pixels."""
    font = thai_font(bold, size)
    while size > 36 and font.getlength(text) > width:
        size -= 4
        font = thai_font(bold, size)
    return font


@cache
def thai_font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """A TLWG Thai font at this size, laid out with Raqm when Pillow has it (Thai marks need shaping)."""
    engine = ImageFont.Layout.RAQM if _has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(_font_file(bold)), size, layout_engine=engine)


def _has_raqm() -> bool:
    from PIL import features
    return bool(features.check("raqm"))


@cache
def _font_file(bold: bool) -> Path:
    files = _fontconfig_thai_files() or sorted(TLWG_DIR.glob("*.ttf"))
    by_name = {path.stem: path for path in files}
    for family in PREFERRED_FONTS:
        wanted = f"{family}-Bold" if bold else family
        if wanted in by_name:
            return by_name[wanted]
    if files:
        return files[0]
    raise FontMissing("no Thai font found: install Debian's fonts-thai-tlwg (apt-get install fonts-thai-tlwg)")


def _fontconfig_thai_files() -> list[Path]:
    """Thai font files fontconfig knows (fc-list), or [] when fontconfig is absent."""
    try:
        listing = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True, timeout=10,
                                 check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted(Path(line.strip().rstrip(":")) for line in listing.stdout.splitlines() if line.strip())


# Icons: white line drawings centred on (x, y), `s` pixels from centre to edge.

def _services(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    gap, side = s // 6, s - s // 12
    for dx in (-1, 1):
        for dy in (-1, 1):
            left, top = x + (gap if dx > 0 else -side), y + (gap if dy > 0 else -side)
            draw.rounded_rectangle([left, top, left + side - gap, top + side - gap], radius=s // 6, fill="white")


def _requests(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    draw.rounded_rectangle([x - s * 0.75, y - s, x + s * 0.75, y + s], radius=s // 6, outline="white",
                           width=max(6, s // 7))
    draw.rounded_rectangle([x - s * 0.35, y - s * 1.12, x + s * 0.35, y - s * 0.8], radius=s // 10, fill="white")
    for row in (-0.35, 0.05, 0.45):
        draw.line([x - s * 0.4, y + s * row, x + s * 0.4, y + s * row], fill="white", width=max(6, s // 8))


def _events(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    draw.rounded_rectangle([x - s, y - s * 0.8, x + s, y + s], radius=s // 6, outline="white", width=max(6, s // 7))
    draw.rectangle([x - s, y - s * 0.8, x + s, y - s * 0.35], fill="white")
    for dx in (-0.5, 0.5):
        draw.line([x + s * dx, y - s * 1.1, x + s * dx, y - s * 0.6], fill="white", width=max(8, s // 6))
    for row in (0.05, 0.5):
        for column in (-0.5, 0, 0.5):
            cx, cy, r = x + s * column, y + s * row, s * 0.1
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill="white")


def _staff(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    draw.ellipse([x - s * 0.42, y - s * 0.95, x + s * 0.42, y - s * 0.11], fill="white")
    draw.pieslice([x - s * 0.85, y + s * 0.05, x + s * 0.85, y + s * 1.75], 180, 360, fill="white")
    draw.arc([x - s * 0.62, y - s * 1.12, x + s * 0.62, y + s * 0.1], 180, 360, fill="white", width=max(6, s // 9))
    draw.rounded_rectangle([x - s * 0.72, y - s * 0.6, x - s * 0.5, y - s * 0.2], radius=s // 12, fill="white")
    draw.rounded_rectangle([x + s * 0.5, y - s * 0.6, x + s * 0.72, y - s * 0.2], radius=s // 12, fill="white")


def _centre(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    r, top = s * 0.72, y - s * 0.35
    draw.ellipse([x - r, top - r, x + r, top + r], fill="white")
    draw.polygon([(x - r * 0.8, top + r * 0.55), (x + r * 0.8, top + r * 0.55), (x, y + s * 1.05)], fill="white")
    hole = r * 0.38
    draw.ellipse([x - hole, top - hole, x + hole, top + hole], fill=_tile_colour("centre"))


def _help(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    draw.rounded_rectangle([x - s, y - s * 0.85, x + s, y + s * 0.6], radius=s // 3, fill="white")
    draw.polygon([(x - s * 0.45, y + s * 0.5), (x - s * 0.05, y + s * 0.5), (x - s * 0.55, y + s * 1.05)],
                 fill="white")
    font = thai_font(True, int(s * 1.3))
    draw.text((x, y - s * 0.12), "?", font=font, fill=_tile_colour("help"), anchor="mm")


def _tile_colour(icon: str) -> str:
    return next(tile.colour for tile in TILES if tile.icon == icon)


ICONS: dict[str, Callable[[ImageDraw.ImageDraw, int, int, int], None]] = {
    "services": _services, "requests": _requests, "events": _events, "staff": _staff, "centre": _centre,
    "help": _help,
}
