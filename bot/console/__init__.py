"""The staff console (/staff): to be built (issue 5)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the console (nothing yet)."""
