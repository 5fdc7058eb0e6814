"""The local LINE simulator (/simulator): a chat page that talks to the bot the way LINE does.

The page sends real signed webhook requests to /callback; the bot answers through LINE_API_BASE_URL, which
in development points at the fake LINE Messaging API mounted here (/simulator/line-api), in this process.
The page then shows what that fake accepted for the user: replies, pushes, Flex cards, the rich menu.

On in development, off in production unless SIMULATOR_ENABLED=1. The rich menu's commands are registered
here too (always), since bot/app.py wires this package.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bot import richmenu
from bot.line.fake_api import FakeLineApi
from bot.line.fake_server import inspectable
from bot.simulator.state import Simulator
from bot.simulator.views import MOUNT, blueprint


def init_app(app: Flask) -> None:
    """Register the rich-menu commands, and the simulator with its fake LINE API when it is enabled."""
    richmenu.init_app(app)
    settings = app.extensions["frontdesk"].settings
    if not settings.simulator_enabled:
        return
    # Tests hand in the fake they already serve; otherwise the simulator brings its own.
    given = settings.extra.get("simulator_line_api")
    fake = given if isinstance(given, FakeLineApi) else FakeLineApi(require_https_media=False)
    connected = given is not None or (settings.line_api_base_url or "").rstrip("/").endswith(MOUNT)
    app.extensions["simulator"] = Simulator(fake, connected)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {MOUNT: inspectable(fake)})  # type: ignore[method-assign]
    app.register_blueprint(blueprint)
