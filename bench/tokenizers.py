"""Compare the newmm and nlpo3 tokenisers: speed, agreement, and the classifier's accuracy with each.

Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.tokenizers [--truevoice PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from intents.evaluate import benchmark, cross_validate, read_rows
from intents.features import FeatureOptions
from intents.model import ModelOptions
from intents.model_store import DATA_DIR, read_training_rows, training_files
from intents.normalize import normalize
from intents.tokenize import Engine, tokenize

ENGINES: tuple[Engine, ...] = ("newmm", "nlpo3")


def microseconds_per_message(texts: list[str], engine: Engine, repeats: int = 5) -> float:
    """Mean tokenising time of one (normalised) message, best of several passes."""
    tokenize(texts[0], engine=engine)  # dictionaries load outside the timing
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            tokenize(text, engine=engine)
        best = min(best, time.perf_counter() - started)
    return round(best / len(texts) * 1e6, 1)


def options_for(engine: Engine) -> ModelOptions:
    """The bot's pipeline with one tokeniser swapped in."""
    return ModelOptions(features=replace(FeatureOptions(), engine=engine))


def main() -> None:
    """Print the comparison as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--truevoice", type=Path, help="also 5-fold CV on this TrueVoice train.csv")
    arguments = parser.parse_args()
    rows = read_training_rows(training_files())
    heldout = read_rows(DATA_DIR / "heldout.csv")
    texts = [normalize(text) for text, _ in rows + heldout]
    same = sum(tokenize(text, engine="newmm") == tokenize(text, engine="nlpo3") for text in texts)
    result: dict[str, Any] = {
        "messages": len(texts),
        "identical_tokenisation_share": round(same / len(texts), 4),
    }
    for engine in ENGINES:
        entry: dict[str, Any] = {"us_per_message": microseconds_per_message(texts, engine)}
        cv = cross_validate(rows, 5, options_for(engine))
        entry["train_cv"] = {key: cv[key] for key in ("accuracy", "macro_f1")}
        held = benchmark(rows, heldout, options_for(engine))
        entry["heldout"] = {key: held[key] for key in ("accuracy", "macro_f1")}
        if arguments.truevoice:
            truevoice = read_rows(arguments.truevoice, "texts", "destination")
            cv = cross_validate(truevoice, 5, options_for(engine))
            entry["truevoice_cv"] = {key: cv[key] for key in ("accuracy", "macro_f1")}
        result[engine] = entry
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
