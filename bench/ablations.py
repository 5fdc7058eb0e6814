"""Which pipeline choices earn their place: emoji handling, n-gram ranges, feature blocks, model family.

Each variant changes one thing in the bot's pipeline. Selection is by 5-fold cross-validation on the
training lines; the held-out file is reported alongside, not used to choose.
Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.ablations [--truevoice PATH] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from intents.evaluate import benchmark, cross_validate, read_rows
from intents.features import FeatureOptions
from intents.model import ModelOptions
from intents.model_store import DATA_DIR, read_training_rows, training_files

BOT = ModelOptions()


def _features(**changes: Any) -> ModelOptions:
    return replace(BOT, features=replace(FeatureOptions(), **changes))


VARIANTS: dict[str, ModelOptions] = {
    "bot pipeline": BOT,
    "emoji stripped": _features(emoji="strip"),
    "emoji as one token": _features(emoji="token"),
    "no negation marking": _features(mark_negation=False),
    "words 1-1": _features(word_ngrams=(1, 1)),
    "words 1-3": _features(word_ngrams=(1, 3)),
    "chars 1-3": _features(char_ngrams=(1, 3)),
    "chars 2-5": _features(char_ngrams=(2, 5)),
    "words only": _features(char_ngrams=(0, 0)),
    "chars only": _features(word_ngrams=(0, 0)),
    "svm C=0.25": replace(BOT, regularisation=(0.25,)),
    "svm C=0.5": replace(BOT, regularisation=(0.5,)),
    "svm C=1": replace(BOT, regularisation=(1.0,)),
    "svm C=2": replace(BOT, regularisation=(2.0,)),
    "logreg C=10": replace(BOT, kind="logreg", regularisation=(10.0,)),
    "logreg C=30": replace(BOT, kind="logreg", regularisation=(30.0,)),
}


def measure(options: ModelOptions, truevoice: Path | None) -> dict[str, Any]:
    """CV on the training lines, score on the held-out lines, and optionally CV on TrueVoice."""
    rows = read_training_rows(training_files())
    cv = cross_validate(rows, 5, options)
    held = benchmark(rows, read_rows(DATA_DIR / "heldout.csv"), options)
    result = {
        "train_cv": {key: cv[key] for key in ("accuracy", "macro_f1")},
        "heldout": {key: held[key] for key in ("accuracy", "macro_f1")},
    }
    if truevoice:
        cv = cross_validate(read_rows(truevoice, "texts", "destination"), 5, options)
        result["truevoice_cv"] = {key: cv[key] for key in ("accuracy", "macro_f1")}
    return result


def main() -> None:
    """Measure each variant and print one JSON line per variant as it finishes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--truevoice", type=Path)
    parser.add_argument("--only", nargs="*", help="names of the variants to run")
    arguments = parser.parse_args()
    for name, options in VARIANTS.items():
        if arguments.only and name not in arguments.only:
            continue
        print(
            json.dumps({"variant": name, **measure(options, arguments.truevoice)}, ensure_ascii=False),
            flush=True,
        )


if __name__ == "__main__":
    main()
