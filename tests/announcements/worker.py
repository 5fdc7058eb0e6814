"""A real Huey consumer in a process of its own, as the Procfile's `worker`, on settings given as JSON.

    python -m tests.announcements.worker '{"database_url": ..., "redis_url": ...}'

Tests start it with subprocess, kill it with SIGKILL mid-send, and start it again.
"""

from __future__ import annotations

import json
import logging
import sys

from huey.consumer import Consumer

from bot import create_app
from bot.jobs import queue


def main() -> None:
    settings = json.loads(sys.argv[1])
    create_app(settings)
    logging.getLogger("huey").setLevel(logging.INFO)
    Consumer(queue, workers=int(settings.get("workers", 1)), worker_type="thread", initial_delay=0.05,
             backoff=1.1, max_delay=0.2, scheduler_interval=1).run()


if __name__ == "__main__":
    main()
