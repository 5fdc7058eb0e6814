"""The local LINE simulator (/simulator): to be built (issue 4)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the simulator (nothing yet)."""
