"""Measure the classifier: on a labelled file, against another pipeline's benchmark, by cross-validation."""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from intents.classifier import CONFIDENCE_THRESHOLD, Prediction, classify
from intents.labels import OUT_OF_SCOPE, SERVICE_LABELS
from intents.model import ModelOptions
from intents.training import SEED, train

Row = tuple[str, str]


def read_rows(path: Path, text_column: str = "text", label_column: str = "intent") -> list[Row]:
    """(text, label) rows of a CSV file, skipping rows without text or label."""
    with path.open(encoding="utf-8-sig", newline="") as csv_file:
        reader = csv.DictReader(csv_file)
        missing = {text_column, label_column} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path} has no column {', '.join(sorted(missing))}")
        pairs = ((row[text_column] or "", (row[label_column] or "").strip()) for row in reader)
        return [(text, label) for text, label in pairs if text.strip() and label]


def per_label_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of every label seen in gold or predictions."""
    labels = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    return {
        label: {
            "precision": round(float(p), 4),
            "recall": round(float(r), 4),
            "f1": round(float(f), 4),
            "support": int(s),
        }
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }


def top_confusions(gold: Sequence[str], predicted: Sequence[str], limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent (gold, predicted) mistakes, most frequent first."""
    mistakes = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    ranked = sorted(mistakes.items(), key=lambda item: (-item[1], item[0]))
    return [{"gold": g, "predicted": p, "count": n} for (g, p), n in ranked[:limit]]


def headline_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and micro-F1 (equal to accuracy for one label per message)."""
    return {
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro", zero_division=0)), 4),
        "micro_f1": round(float(f1_score(gold, predicted, average="micro", zero_division=0)), 4),
    }


def threshold_outcomes(
    gold: Sequence[str], predictions: Sequence[Prediction], threshold: float
) -> dict[str, float]:
    """What the threshold does: how often the bot asks, how right it is when it acts."""
    acted = [(g, p) for g, p in zip(gold, predictions, strict=True) if p.confidence >= threshold]
    out_of_scope = [p for g, p in zip(gold, predictions, strict=True) if g == OUT_OF_SCOPE]
    started_service = [p for p in out_of_scope if p.intent in SERVICE_LABELS and p.confidence >= threshold]
    return {
        "threshold": threshold,
        "asked_share": round(1 - len(acted) / len(gold), 4) if gold else 0.0,
        "accuracy_when_acted": round(sum(g == p.intent for g, p in acted) / len(acted), 4) if acted else 0.0,
        "out_of_scope_acted_as_service": round(len(started_service) / len(out_of_scope), 4)
        if out_of_scope
        else 0.0,
    }


def evaluation_report(gold: Sequence[str], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """The JSON report of `python -m intents evaluate` for given truths and predictions."""
    predicted = [prediction.intent for prediction in predictions]
    return {
        "n": len(gold),
        **{key: value for key, value in headline_scores(gold, predicted).items() if key != "micro_f1"},
        **threshold_outcomes(gold, predictions, CONFIDENCE_THRESHOLD),
        "per_label": per_label_scores(gold, predicted),
        "top_confusions": top_confusions(gold, predicted),
    }


def evaluate(rows: Sequence[Row], classifier: Callable[[str], Prediction] = classify) -> dict[str, Any]:
    """Classify every row as the bot would and report how well it went."""
    return evaluation_report([label for _, label in rows], [classifier(text) for text, _ in rows])


def save_confusion_matrix(gold: Sequence[str], predicted: Sequence[str], path: Path) -> None:
    """Draw the confusion matrix (rows: truth, shaded by row share, annotated with counts) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and in CI
    import matplotlib.pyplot as plt

    labels = sorted(set(gold) | set(predicted))
    counts = confusion_matrix(gold, predicted, labels=labels)
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    size = max(6.0, 0.55 * len(labels))
    figure, axes = plt.subplots(figsize=(size + 1.5, size))
    image = axes.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    for (row, column), count in np.ndenumerate(counts):
        if count:
            colour = "white" if shares[row, column] > 0.5 else "black"
            axes.text(column, row, str(count), ha="center", va="center", fontsize=8, color=colour)
    figure.colorbar(image, ax=axes, fraction=0.046, label="share of the true label")
    axes.set_title(f"Confusion matrix, n={len(gold)}")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def benchmark(
    train_rows: Sequence[Row], test_rows: Sequence[Row], options: ModelOptions | None = None
) -> dict[str, Any]:
    """Train the bot's pipeline on one set, score it on another."""
    started = time.perf_counter()
    model = train(train_rows, options)
    predicted = model.predict(text for text, _ in test_rows)
    return {
        "n_train": len(train_rows),
        "n_test": len(test_rows),
        **headline_scores([label for _, label in test_rows], predicted),
        "seconds": round(time.perf_counter() - started, 1),
    }


def out_of_fold_predictions(
    rows: Sequence[Row], folds: int, options: ModelOptions | None = None
) -> tuple[list[Prediction], list[float]]:
    """Stratified k-fold: each row predicted by a model trained without it; also each fold's accuracy."""
    labels = [label for _, label in rows]
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    predictions: list[Prediction] = [Prediction("", 0.0)] * len(rows)
    fold_accuracy = []
    for train_index, test_index in splitter.split(np.zeros(len(rows)), labels):
        model = train([rows[i] for i in train_index], options)
        for i, probabilities in zip(
            test_index, model.predict_proba(rows[i][0] for i in test_index), strict=True
        ):
            best = int(probabilities.argmax())
            predictions[i] = Prediction(model.labels[best], float(probabilities[best]))
        fold_accuracy.append(float(np.mean([predictions[i].intent == labels[i] for i in test_index])))
    return predictions, fold_accuracy


def cross_validate(rows: Sequence[Row], folds: int, options: ModelOptions | None = None) -> dict[str, Any]:
    """Stratified k-fold on rows; scores pooled over all folds."""
    started = time.perf_counter()
    labels = [label for _, label in rows]
    predictions, fold_accuracy = out_of_fold_predictions(rows, folds, options)
    predicted = [prediction.intent for prediction in predictions]
    return {
        "n": len(rows),
        "folds": folds,
        **headline_scores(labels, predicted),
        "fold_accuracy": [round(a, 4) for a in fold_accuracy],
        "per_label": per_label_scores(labels, predicted),
        "seconds": round(time.perf_counter() - started, 1),
    }
