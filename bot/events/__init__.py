"""Events and announcements: to be built (issue 6)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register events and announcements (nothing yet)."""
