"""ITC Front Desk: the Flask app (webhook, dialogue, jobs, CLI). Start with `create_app()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask app; see `bot.app.create_app`."""
    # Imported here, not at the top: gunicorn reads its config, `bot.serving`, in the master process, and the
    # gevent worker patches the standard library only after forking. Nothing of the app may be imported first.
    from bot.app import create_app as build

    return build(config)


__all__ = ["create_app"]
