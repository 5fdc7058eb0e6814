"""Run an action a moment from now unless it is called off first: one thread per process, not one per event.

The webhook arms one for every event it answers (the loading animation, when a step turns out slow) and
calls nearly all of them off. A `threading.Timer` each would start and join a thread per event.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Alarm:
    """One armed action; `call_off` stops it, or waits for it to finish if it has begun."""

    def __init__(self, clock: AlarmClock, action: Callable[[], None]) -> None:
        self._clock = clock
        self.action = action
        self.state = "armed"  # then "ringing" and "done", or "called off"

    def call_off(self) -> None:
        with self._clock.changed:
            if self.state == "armed":
                self.state = "called off"
            while self.state == "ringing":
                self._clock.changed.wait()


class AlarmClock:
    def __init__(self) -> None:
        self.changed = threading.Condition()
        self._due: list[tuple[float, int, Alarm]] = []
        self._order = itertools.count()
        self._pid: int | None = None

    def after(self, seconds: float, action: Callable[[], None]) -> Alarm:
        alarm = Alarm(self, action)
        with self.changed:
            if self._pid != os.getpid():  # first use in this process, or in a forked worker
                self._pid, self._due = os.getpid(), []
                threading.Thread(target=self._run, name="alarm-clock", daemon=True).start()
            heapq.heappush(self._due, (time.monotonic() + seconds, next(self._order), alarm))
            if self._due[0][2] is alarm:  # the clock sleeps until the earliest: wake it for an earlier one
                self.changed.notify_all()
        return alarm

    def _run(self) -> None:
        while True:
            with self.changed:
                alarm = self._next_due()
                alarm.state = "ringing"
            try:
                alarm.action()
            except Exception:
                log.exception("an alarm's action failed")
            finally:
                with self.changed:
                    alarm.state = "done"
                    self.changed.notify_all()

    def _next_due(self) -> Alarm:
        """Wait (holding the condition) until the earliest armed alarm is due, and take it off the heap."""
        while True:
            while self._due and self._due[0][2].state != "armed":
                heapq.heappop(self._due)
            if not self._due:
                self.changed.wait()
                continue
            wait = self._due[0][0] - time.monotonic()
            if wait <= 0:
                return heapq.heappop(self._due)[2]
            self.changed.wait(wait)


alarm_clock = AlarmClock()
