"""The composition root: the app's ports (database, LINE, clock) built once from Settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.line.client import LineClient
from storage.database import make_engine, make_session_factory
from storage.models import utcnow


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    line: LineClient
    clock: Callable[[], datetime] = field(default=utcnow)


def build_services(settings: Settings) -> Services:
    """Wire the real database and LINE client for these settings."""
    engine = make_engine(settings.database_url)
    line = LineClient(settings.line_channel_access_token, settings.line_api_base_url,
                      timeout=settings.line_timeout_seconds)
    clock = settings.extra.get("clock", utcnow)
    return Services(settings, engine, make_session_factory(engine), line, clock)
