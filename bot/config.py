"""Settings: the one place where the environment is read."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
DEV_SECRET = "dev-only-secret"


@dataclass(frozen=True)
class Settings:
    """Configuration of one app; tests pass overrides instead of touching the environment."""

    line_channel_secret: str = DEV_SECRET
    line_channel_access_token: str = "dev-only-token"
    line_api_base_url: str | None = None
    database_url: str = f"sqlite:///{INSTANCE_DIR / 'frontdesk.sqlite3'}"
    redis_url: str | None = None
    tasks_immediate: bool = False
    secret_key: str = DEV_SECRET
    public_base_url: str = "http://localhost:8000"
    production: bool = False
    simulator_enabled: bool = True
    jobs_path: str = str(INSTANCE_DIR / "jobs.sqlite3")
    line_timeout_seconds: float = 5.0
    conversation_ttl_hours: int = 24
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the documented environment variables (PRODUCT.md) and nothing else."""
        env = os.environ if env is None else env
        production = env.get("FLASK_ENV", env.get("APP_ENV", "")).lower() == "production"
        values: dict[str, Any] = {"production": production, "simulator_enabled": not production}
        for name, attr in _ENV_NAMES.items():
            if env.get(name):
                values[attr] = env[name]
        values["tasks_immediate"] = env.get("TASKS_IMMEDIATE", "") == "1"
        database = make_url(values.get("database_url", cls.database_url))
        if database.get_backend_name() == "sqlite" and database.database and database.database != ":memory:":
            # The embedded job queue lives beside the database, so two bots on two databases never share it.
            values["jobs_path"] = str(Path(database.database).parent / "jobs.sqlite3")
        if env.get("SIMULATOR_ENABLED"):
            values["simulator_enabled"] = env["SIMULATOR_ENABLED"] == "1"
        settings = cls(**values)
        settings.check()
        return settings

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """Return a copy with the given fields replaced (unknown keys go to `extra`)."""
        known = {f.name for f in fields(self)}
        extra = dict(self.extra) | {k: v for k, v in overrides.items() if k not in known}
        return replace(self, **{k: v for k, v in overrides.items() if k in known}, extra=extra)

    def check(self) -> None:
        """Refuse to run in production with development secrets."""
        if not self.production:
            return
        missing = [name for name, attr in _ENV_NAMES.items()
                   if name in _REQUIRED_IN_PRODUCTION and getattr(self, attr) in (DEV_SECRET, "dev-only-token")]
        if missing:
            raise RuntimeError(f"production needs these environment variables: {', '.join(missing)}")


_ENV_NAMES = {
    "LINE_CHANNEL_SECRET": "line_channel_secret",
    "LINE_CHANNEL_ACCESS_TOKEN": "line_channel_access_token",
    "LINE_API_BASE_URL": "line_api_base_url",
    "DATABASE_URL": "database_url",
    "REDIS_URL": "redis_url",
    "SECRET_KEY": "secret_key",
    "PUBLIC_BASE_URL": "public_base_url",
}
_REQUIRED_IN_PRODUCTION = {"LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "SECRET_KEY"}
