"""The schema and repositories on real SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from storage import repositories as repo
from storage.database import make_engine, make_session_factory, unit_of_work
from storage.migrate import upgrade
from storage.models import Event, ProcessedEvent


@pytest.fixture
def sessions(database_url):
    upgrade(database_url)
    upgrade(database_url)  # a second upgrade is a no-op
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


def test_an_event_id_is_claimed_once_even_by_racing_workers(sessions):
    outcomes: list[bool] = []

    def claim() -> None:
        with unit_of_work(sessions) as session:
            outcomes.append(repo.claim_event(session, "01HXYZRACE", "message"))

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 5 + [True]
    with sessions() as session:
        assert len(list(session.scalars(select(ProcessedEvent)))) == 1


def test_times_come_back_as_aware_utc(sessions):
    moment = datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
    with unit_of_work(sessions) as session:
        session.add(Event(title="CLUSTER DAY", starts_at=moment, province="กรุงเทพมหานคร", capacity=10))
    with sessions() as session:
        stored = session.scalar(select(Event.starts_at))
    assert stored == moment and stored.tzinfo is not None


def test_the_buddhist_era_year_follows_bangkok_time():
    new_year_in_bangkok = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
    assert repo.be_year(new_year_in_bangkok) == 2570
    assert repo.be_year(datetime(2026, 11, 20, tzinfo=UTC)) == 2569
