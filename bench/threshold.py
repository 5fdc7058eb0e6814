"""Choose CONFIDENCE_THRESHOLD: what each threshold does on out-of-fold and held-out predictions.

Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.threshold [more held-out CSV files]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from intents.classifier import Prediction
from intents.evaluate import out_of_fold_predictions, read_rows, threshold_outcomes
from intents.model_store import DATA_DIR, read_training_rows, training_files
from intents.training import train

THRESHOLDS = [round(value, 2) for value in np.arange(0.0, 0.96, 0.05)]


def heldout_predictions(path: Path) -> tuple[list[str], list[Prediction]]:
    """The model trained on all training lines, predicting a held-out file (rules left out)."""
    model = train(read_training_rows(training_files()))
    rows = read_rows(path)
    predictions = []
    for probabilities in model.predict_proba(text for text, _ in rows):
        best = int(probabilities.argmax())
        predictions.append(Prediction(model.labels[best], float(probabilities[best])))
    return [label for _, label in rows], predictions


def table(gold: list[str], predictions: list[Prediction]) -> list[dict[str, Any]]:
    """One row per candidate threshold."""
    return [threshold_outcomes(gold, predictions, threshold) for threshold in THRESHOLDS]


def main() -> None:
    """Print the threshold tables as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("heldout", nargs="*", type=Path, default=[DATA_DIR / "heldout.csv"])
    arguments = parser.parse_args()
    rows = read_training_rows(training_files())
    out_of_fold, _ = out_of_fold_predictions(rows, 5)
    tables = {"training_out_of_fold": table([label for _, label in rows], out_of_fold)}
    for path in arguments.heldout:
        tables[str(path)] = table(*heldout_predictions(path))
    print(json.dumps(tables, indent=1))


if __name__ == "__main__":
    main()
