"""Faults the fake LINE API injects when a test asks: the next answers under a path fail or hang, or a
share of them fail at random (seeded, so runs repeat).

Split from fake_api.py: the server asks `Faults` about each request before doing anything else.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any, Literal, TypeVar


@dataclass
class Failure:
    """An answer to give instead of LINE's (nothing is delivered)."""

    prefix: str
    status: int
    remaining: int
    headers: dict[str, str]
    body: Any


@dataclass
class Hang:
    """A wait before answering; then the request is processed ("accept") or dropped with a 500."""

    prefix: str
    seconds: float
    remaining: int
    then: Literal["accept", "drop"]


@dataclass
class _Flakiness:
    prefix: str
    ratio: float
    status: int
    rng: random.Random


class Faults:
    """Rules by path prefix. A counted rule is used up one request at a time; each method takes `lock`."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self.clear()

    def fail_next(self, prefix: str, status: int, times: int, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self._failures.append(Failure(prefix, status, times, headers, body))

    def hang_next(self, prefix: str, seconds: float, times: int, then: Literal["accept", "drop"]) -> None:
        if then not in ("accept", "drop"):
            raise ValueError("then must be 'accept' or 'drop'")
        with self._lock:
            self._hangs.append(Hang(prefix, seconds, times, then))

    def fail_ratio(self, prefix: str, ratio: float, status: int, seed: int) -> None:
        with self._lock:
            self._flakiness.append(_Flakiness(prefix, ratio, status, random.Random(seed)))

    def clear(self) -> None:
        with self._lock:
            self._failures: list[Failure] = []
            self._hangs: list[Hang] = []
            self._flakiness: list[_Flakiness] = []

    def hang_for(self, path: str) -> Hang | None:
        """The hang this request gets, if any (used up)."""
        with self._lock:
            return _take_rule(self._hangs, path)

    def failure_for(self, path: str) -> Failure | None:
        """The failure this request gets instead of an answer, if any."""
        with self._lock:
            failure = _take_rule(self._failures, path)
            if failure is not None:
                return failure
            for flaky in self._flakiness:
                if path.startswith(flaky.prefix) and flaky.rng.random() < flaky.ratio:
                    return Failure(flaky.prefix, flaky.status, 0, {}, None)
            return None


_RuleT = TypeVar("_RuleT", Failure, Hang)


def _take_rule(rules: list[_RuleT], path: str) -> _RuleT | None:
    """Use up one firing of the first rule for `path`; the caller holds the lock."""
    for rule in rules:
        if path.startswith(rule.prefix) and rule.remaining > 0:
            rule.remaining -= 1
            if rule.remaining == 0:
                rules.remove(rule)
            return rule
    return None
