"""Fixtures for the simulator and the LINE-native experience: an app whose simulator reads the same fake
LINE API the bot sends to, and helpers that act as the simulator page does."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from tests.conftest import make_app


@pytest.fixture
def sim_app(database_url, line_api):
    """An app with the simulator on, over the fake LINE API the tests serve."""
    app = make_app(database_url, line_api, simulator_line_api=line_api)
    yield app
    app.extensions["frontdesk"].engine.dispose()


@pytest.fixture
def page_client(sim_app):
    return PageClient(sim_app.test_client())


class PageClient:
    """Does what the simulator page does: ask for a signed event, POST it to /callback, read the chat."""

    def __init__(self, client) -> None:
        self.client = client

    def users(self) -> list[dict[str, Any]]:
        return self.client.get("/simulator/api/users").get_json()["users"]

    def user(self, index: int = 0) -> str:
        return self.users()[index]["id"]

    def act(self, user: str, **payload: Any) -> dict[str, Any]:
        """One action of the user; returns the signed event the page was given (after delivering it)."""
        response = self.client.post("/simulator/api/events", json={"user": user, **payload})
        assert response.status_code == 200, response.get_json()
        ready = response.get_json()
        self.deliver(ready)
        return ready

    def deliver(self, ready: dict[str, Any]) -> None:
        answer = self.client.post(ready["callback"], data=ready["body"].encode("utf-8"), headers={
            "Content-Type": "application/json", "X-Line-Signature": ready["signature"]})
        assert answer.status_code == 200, answer.data

    def chat(self, user: str, after: int = 0) -> dict[str, Any]:
        return self.client.get(f"/simulator/api/chat?user={user}&after={after}").get_json()

    def bot_said(self, user: str) -> list[dict[str, Any]]:
        return [e["message"] for e in self.chat(user)["entries"] if e["side"] == "bot"]


@functools.cache
def webhook_schema():
    """A validator for webhook bodies, from LINE's own webhook.yml."""
    import yaml
    from jsonschema import Draft202012Validator

    from bot.line.fake_validation import _expand_discriminator, _rewrite_refs, default_openapi_dir

    spec = yaml.safe_load((default_openapi_dir() / "webhook.yml").read_text(encoding="utf-8"))
    definitions = _rewrite_refs(spec["components"]["schemas"])
    for name in [n for n, schema in definitions.items() if "discriminator" in schema]:
        _expand_discriminator(definitions, name)
    return Draft202012Validator({"$defs": definitions, "$ref": "#/$defs/CallbackRequest"})


def webhook_errors(body: Any) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in webhook_schema().iter_errors(body)]
