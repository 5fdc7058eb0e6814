"""The fake LINE API as a process of its own for local development: `python -m bot.line.fake_server`.

Besides LINE's paths it answers `GET /_fake/delivered?to=U...&after=N` with what LINE would have shown
that user, and `POST /_fake/reply-token` ({"token", "user"}) tells it whose reply token is whose, as LINE
knows; so `scripts/say` (and later the simulator) can read the bot's answers.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
from collections.abc import Callable
from typing import Any

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

from bot.line.fake_api import FakeLineApi


def inspectable(api: FakeLineApi) -> Callable[..., Any]:
    """Wrap the fake so that /_fake/delivered reads its deliveries; everything else is LINE's."""
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        if request.path == "/_fake/reply-token" and request.method == "POST":
            body = request.get_json(force=True)
            api.register_reply_token(body["token"], body["user"])
            return Response("{}", content_type="application/json")(environ, start_response)
        if request.path != "/_fake/delivered":
            return api(environ, start_response)
        after = int(request.args.get("after", "0") or 0)
        delivered = api.delivered_messages(to=request.args.get("to") or None)[after:]
        rows = [{"via": m.via, "to": m.to, "message": m.message} for m in delivered]
        body = json.dumps({"count": after + len(rows), "messages": rows}, ensure_ascii=False, default=str)
        return Response(body, content_type="application/json; charset=utf-8")(environ, start_response)
    return app


def create_app() -> Callable[..., Any]:
    """The same fake for a production WSGI server, which keeps connections alive as LINE's servers do.

    Its state lives in memory, so serve it from one process: `gunicorn --workers 1 --threads 8
    --worker-class gthread "bot.line.fake_server:create_app()"` (bench/webhook_load.py does).
    """
    return _out_of_the_collectors_way(inspectable(FakeLineApi(require_https_media=False)))


def _out_of_the_collectors_way(app: Callable[..., Any], every: int = 1000) -> Callable[..., Any]:
    """Freeze what the fake keeps every `every` requests, so the collector never walks it again.

    The fake keeps every message it accepts. Through a load run its heap grows to hundreds of thousands of
    objects, and each full collection walked them all: the fake stood still for 0.2 s, and so did every
    bot waiting for its answer (bench/README.md "Webhook load").
    """
    served = itertools.count(1)

    def app_with_frozen_heap(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if next(served) % every == 0:
            gc.collect()  # only what came since the last freeze: the frozen part is not walked
            gc.freeze()
        return app(environ, start_response)
    return app_with_frozen_heap


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the fake LINE Messaging API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    api = FakeLineApi(require_https_media=False)
    run_simple(args.host, args.port, inspectable(api), threaded=True)


if __name__ == "__main__":
    main()
