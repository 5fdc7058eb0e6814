"""Engines and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

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


class _WriterLock:
    """Lets one writer at a time into a SQLite database, waking the next as soon as it is done.

    A thread lock queues the threads of a process; an flock on a file beside the database queues the
    processes (gunicorn's workers, the job worker). Left to SQLite, waiting writers would poll its busy
    handler, which sleeps up to 100 ms between tries: slow answers under load, and idle cores.

    Under gevent (the web workers), the thread lock is gevent's and the flock is waited for a moment at a
    time: a blocking flock would stop every other request of the worker until the other process is done.
    """

    def __init__(self, database: str | None) -> None:
        self.pid = os.getpid()
        self._threads = threading.Lock()
        on_disk = database and database != ":memory:"
        # Open for the life of the process: the flock is taken and released on this one file.
        self._file = open(f"{database}-writer.lock", "ab") if on_disk else None  # noqa: SIM115

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._threads:
            if self._file is None:
                yield
                return
            _lock_file(self._file)
            try:
                yield
            finally:
                fcntl.flock(self._file, fcntl.LOCK_UN)


FLOCK_POLL_SECONDS = 0.0002


def _lock_file(file: IO[bytes]) -> None:
    if not _green():
        fcntl.flock(file, fcntl.LOCK_EX)  # the thread sleeps in the kernel, and wakes when it is free
        return
    while True:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(FLOCK_POLL_SECONDS)  # gevent's sleep: the worker's other requests run meanwhile


def _green() -> bool:
    """True in a process whose standard library gevent has patched (the web workers)."""
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("time")


_writer_locks: weakref.WeakKeyDictionary[Engine, _WriterLock] = weakref.WeakKeyDictionary()
_writer_locks_guard = threading.Lock()


@contextmanager
def _one_writer(factory: sessionmaker[Session]) -> Iterator[None]:
    engine = factory.kw.get("bind")
    if engine is None or engine.dialect.name != "sqlite":
        yield  # other servers let writers wait on row locks, and wake them themselves
        return
    with _writer_locks_guard:
        lock = _writer_locks.get(engine)
        if lock is None or lock.pid != os.getpid():  # a forked child opens its own file: flocks are per file
            lock = _writer_locks[engine] = _WriterLock(engine.url.database)
    with lock.held():
        yield
