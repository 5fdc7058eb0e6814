"""ITC Front Desk: the Flask app (webhook, dialogue, jobs, CLI). Start with `create_app()`."""

from bot.app import create_app

__all__ = ["create_app"]
