"""The console's tests share one clock, at the real time until a test moves it."""

from __future__ import annotations

import pytest

from tests.console.test_sla import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()
