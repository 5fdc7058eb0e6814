"""The Flask application factory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot import cli, console, events, jobs, simulator, webhook
from bot.config import Settings
from bot.services import Services, build_services


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; `config` overrides Settings fields (tests pass a dict, production the environment)."""
    settings = Settings.from_env().with_overrides(config or {})
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=1024 * 1024)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    services = build_services(settings)
    app.extensions["frontdesk"] = services
    jobs.init_app(services)
    webhook.init_app(app)
    console.init_app(app)
    events.init_app(app)
    simulator.init_app(app)
    cli.init_app(app)
    app.add_url_rule("/healthz", "healthz", _healthz)
    return app


def services_of(app: Flask) -> Services:
    """The services wired into an app."""
    return app.extensions["frontdesk"]


def _healthz():
    from flask import current_app
    try:
        with services_of(current_app).engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:  # any database failure means unhealthy
        return jsonify(status="error", database=str(error)[:200]), 503
    return jsonify(status="ok", database="ok")
