"""Shared fixtures: a real database (SQLite, and PostgreSQL when .ci/run started one), the fake LINE API
as a real HTTP server, and an app wired to both."""

from __future__ import annotations

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import pytest
from sqlalchemy import create_engine, text

from bot import create_app
from bot.line.fake_api import FakeLineApi
from tests.chat import LineChat

SECRET = "test-channel-secret"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def fake_line():
    with FakeLineApi().serve() as server:
        yield server


@pytest.fixture
def line_api(fake_line):
    fake_line.reset()
    yield fake_line
    fake_line.reset()


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    if not POSTGRES_URL:
        pytest.fail("TEST_POSTGRES_URL is not set: run the suite with scripts/test, which starts PostgreSQL")
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL


def make_app(database_url: str, line_api: FakeLineApi, **overrides):
    """An app on this database and the fake LINE API, migrated and seeded."""
    config = {"database_url": database_url, "line_api_base_url": line_api.base_url,
              "line_channel_secret": SECRET, "line_channel_access_token": "test-token",
              "tasks_immediate": True, "line_timeout_seconds": 2.0, "testing": True} | overrides
    app = create_app(config)
    runner = app.test_cli_runner()
    for command in (["db", "upgrade"], ["seed"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def app(database_url, line_api):
    app = make_app(database_url, line_api)
    yield app
    app.extensions["frontdesk"].engine.dispose()


@pytest.fixture
def chat(app, line_api):
    return LineChat(app, line_api, SECRET)


@pytest.fixture
def timed_app(database_url, line_api, clock):
    """An app that reads the time from `clock`, which the tests that move time define."""
    app = make_app(database_url, line_api, clock=clock)
    yield app
    app.extensions["frontdesk"].engine.dispose()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for the whole run (a second one cannot start beside it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    """Real headless Chromium (Debian's package) driven by Playwright."""
    from tests.live import CHROMIUM_ARGS, chromium_path

    chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1280,
                                                                                         "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
