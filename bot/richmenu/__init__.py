"""The entrepreneurs' rich menu: its tiles (definition.py), its picture (image.py) and its deploy to LINE
(deploy.py), with the commands `flask --app bot richmenu deploy | image | show`."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from bot.errors import LineApiError
from bot.richmenu import definition, image
from bot.richmenu.deploy import DeployResult, deploy

__all__ = ["DeployResult", "deploy", "init_app"]

richmenu_group = AppGroup("richmenu", help="The rich menu entrepreneurs see under the chat.")


def init_app(app: Flask) -> None:
    app.cli.add_command(richmenu_group)


@richmenu_group.command("deploy")
def deploy_command() -> None:
    """Create the rich menu at LINE, upload its image and make it the default (safe to run again)."""
    try:
        result = deploy(current_app.extensions["frontdesk"].line)
    except LineApiError as error:
        raise click.ClickException(f"LINE refused the rich menu: {error}")
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False))


@richmenu_group.command("image")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=image.CHECKED_IN,
              show_default=True, help="Where to write the PNG.")
def image_command(output: Path) -> None:
    """Draw the menu's image from its definition with a Thai font (Debian's fonts-thai-tlwg)."""
    try:
        png = image.draw_menu()
    except image.FontMissing as error:
        raise click.ClickException(str(error))
    output.write_bytes(png)
    click.echo(f"{output} ({len(png) // 1024} KB, fingerprint {definition.fingerprint()})")


@richmenu_group.command("show")
def show_command() -> None:
    """Print the menu's LINE JSON."""
    click.echo(json.dumps(definition.as_line_json(), ensure_ascii=False, indent=2))
