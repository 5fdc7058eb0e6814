"""Engines and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets the settings that let web and worker processes share it."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers run beside one writer; busy_timeout makes writers wait instead of failing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_immediate(connection) -> None:
    # Taking the write lock up front avoids SQLite's upgrade deadlock between concurrent writers.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values usable after commit (replies are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session, committed once at the end or rolled back on error."""
    with _one_writer(factory):
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


_writer_locks: dict[int, threading.Lock] = {}


@contextmanager
def _one_writer(factory: sessionmaker[Session]) -> Iterator[None]:
    # SQLite admits one writer; threads of one process queue on a lock that wakes them at once, instead of
    # polling SQLite's busy handler (which sleeps up to 100 ms between tries). Other servers need nothing.
    engine = factory.kw.get("bind")
    if engine is None or engine.dialect.name != "sqlite":
        yield
        return
    lock = _writer_locks.setdefault(id(engine), threading.Lock())
    with lock:
        yield
