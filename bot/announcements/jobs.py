"""The announcement jobs the worker runs on its own: scheduled starts, and recovery after a crash or restart."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from huey import crontab

from bot import jobs
from bot.announcements import sending

log = logging.getLogger(__name__)
_resumed_in_this_process = threading.Event()


@jobs.queue.periodic_task(crontab(minute="*"))
def start_due_announcements() -> int:
    """Every minute: start scheduled announcements whose time has come."""
    return sending.start_due(jobs.services().clock())


@jobs.queue.periodic_task(crontab(minute="*"))
def resume_announcements() -> None:
    """Every minute: pick up batches whose worker died mid-send (their lease has lapsed)."""
    sending.resume_stalled()


@jobs.queue.task()
def resume_announcements_at_lease_end() -> None:
    """Look again when the lease of a batch a killed worker held runs out."""
    _resume_and_look_again()


@jobs.queue.on_startup()
def resume_when_the_worker_starts() -> None:
    """A restarted worker carries on at once with what the previous one left (once per process)."""
    if _resumed_in_this_process.is_set():
        return
    _resumed_in_this_process.set()
    try:
        _resume_and_look_again()
    except Exception:  # a database hiccup at start must not stop the worker; the minute job retries
        log.exception("could not resume announcements at worker start")


def _resume_and_look_again() -> None:
    next_look = sending.resume_stalled()
    if next_look is not None:
        resume_announcements_at_lease_end.schedule(eta=next_look + timedelta(seconds=1))
