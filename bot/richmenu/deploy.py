"""Put the rich menu on a LINE channel: create it, upload its image, make it the default; safe to repeat.

A deploy recognises its own menu by name (prefix + fingerprint of the tiles): when that menu exists it
only finishes what is missing (image, default), and it removes older versions of our menu afterwards, so
users never see a channel without a menu.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

from bot.richmenu import definition
from bot.richmenu.image import menu_image


class RichMenuPort(Protocol):
    """The rich-menu calls of bot.line.client.LineClient."""

    def rich_menus(self) -> list[dict]: ...
    def create_rich_menu(self, menu: dict) -> str: ...
    def rich_menu_has_image(self, menu_id: str) -> bool: ...
    def upload_rich_menu_image(self, menu_id: str, image: bytes, content_type: str) -> None: ...
    def default_rich_menu(self) -> str | None: ...
    def set_default_rich_menu(self, menu_id: str) -> None: ...
    def delete_rich_menu(self, menu_id: str) -> None: ...


@dataclass
class DeployResult:
    """What a deploy did; a second deploy of the same menu reports nothing created, uploaded or deleted."""

    rich_menu_id: str
    name: str
    created: bool = False
    image_uploaded: bool = False
    made_default: bool = False
    deleted: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def deploy(line: RichMenuPort) -> DeployResult:
    """Make the current menu the channel's default, creating and uploading only what is missing."""
    name = definition.menu_name()
    ours = [m for m in line.rich_menus() if str(m.get("name", "")).startswith(definition.NAME_PREFIX)]
    existing = next((m["richMenuId"] for m in ours if m.get("name") == name), None)
    result = DeployResult(existing or line.create_rich_menu(definition.as_line_json()), name,
                          created=existing is None)
    if result.created or not line.rich_menu_has_image(result.rich_menu_id):
        line.upload_rich_menu_image(result.rich_menu_id, menu_image(), "image/png")
        result.image_uploaded = True
    if line.default_rich_menu() != result.rich_menu_id:
        line.set_default_rich_menu(result.rich_menu_id)
        result.made_default = True
    for old in ours:
        if old["richMenuId"] != result.rich_menu_id:
            line.delete_rich_menu(old["richMenuId"])
            result.deleted.append(old["richMenuId"])
    return result
