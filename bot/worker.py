"""The job consumer's entry point: `huey_consumer bot.worker.queue` (see the Procfile)."""

from bot import create_app
from bot.jobs import queue

app = create_app()

__all__ = ["app", "queue"]
