"""gunicorn hooks for the web process: `gunicorn --config python:bot.serving ... "bot:create_app()"`.

The Procfile and scripts/dev pass it; worker count, threads and bind stay on their command lines.
"""

from __future__ import annotations

import gc


def post_worker_init(worker) -> None:
    """Ready a worker before its first request: the intent model loaded, and the heap frozen for the GC.

    The model, PyThaiNLP's word lists and the SDK are a million long-lived objects. Left in the garbage
    collector's view, every full collection walked them all and stalled the worker's threads for about
    0.2 s, about 1 % of webhook answers at 100 events/s (bench/README.md "Webhook load").
    """
    import intents

    intents.warm_up()
    gc.collect()
    gc.freeze()
