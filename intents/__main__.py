"""Command line: `python -m intents evaluate FILE.csv`, `python -m intents benchmark ...` and
`python -m intents train`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from intents.classifier import classify
from intents.evaluate import benchmark, cross_validate, evaluation_report, read_rows, save_confusion_matrix
from intents.model_store import cached_model_path, load_or_train


def _parser() -> argparse.ArgumentParser:
    """The three commands and their options."""
    parser = argparse.ArgumentParser(prog="python -m intents", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    evaluate_command = commands.add_parser(
        "evaluate", help="classify a labelled CSV (text,intent) as the bot would"
    )
    evaluate_command.add_argument("file", type=Path, help="CSV with columns text,intent")
    evaluate_command.add_argument(
        "--report", type=Path, metavar="PNG", help="also draw the confusion matrix here"
    )

    benchmark_command = commands.add_parser(
        "benchmark", help="train the bot's pipeline on one CSV and score it on another (or by k-fold)"
    )
    benchmark_command.add_argument("--train", type=Path, required=True, metavar="A.csv")
    benchmark_command.add_argument("--test", type=Path, metavar="B.csv")
    benchmark_command.add_argument("--text-column", default="text")
    benchmark_command.add_argument("--label-column", default="intent")
    benchmark_command.add_argument("--cv", type=int, metavar="K", help="stratified K-fold on --train only")

    commands.add_parser(
        "train", help="train the bot's model into the cache, unless it is there already, before serving"
    )
    return parser


def _run_evaluate(arguments: argparse.Namespace) -> dict[str, Any]:
    """Evaluate the bot's classifier on a file, optionally drawing the confusion matrix."""
    rows = read_rows(arguments.file)
    gold = [label for _, label in rows]
    predictions = [classify(text) for text, _ in rows]
    result = evaluation_report(gold, predictions)
    if arguments.report:
        save_confusion_matrix(gold, [prediction.intent for prediction in predictions], arguments.report)
        result["report"] = str(arguments.report)
    return result


def _run_benchmark(arguments: argparse.Namespace) -> dict[str, Any]:
    """Train on --train; score on --test, or by --cv folds of --train."""
    train_rows = read_rows(arguments.train, arguments.text_column, arguments.label_column)
    if arguments.cv:
        result = cross_validate(train_rows, arguments.cv)
        if arguments.test:
            test_rows = read_rows(arguments.test, arguments.text_column, arguments.label_column)
            result["test"] = benchmark(train_rows, test_rows)
        return result
    if not arguments.test:
        raise SystemExit("benchmark needs --test B.csv or --cv K")
    test_rows = read_rows(arguments.test, arguments.text_column, arguments.label_column)
    return benchmark(train_rows, test_rows)


def _run_train(_: argparse.Namespace) -> dict[str, Any]:
    """Make sure the model for the current data and code is cached; say where and whether it was trained."""
    path = cached_model_path()
    was_cached, started = path.exists(), time.perf_counter()
    model = load_or_train()
    return {
        "model": str(path),
        "trained": not was_cached,
        "seconds": round(time.perf_counter() - started, 1),
        "labels": len(model.labels),
        "features": int(model.coef.shape[0]),
    }


COMMANDS = {"evaluate": _run_evaluate, "benchmark": _run_benchmark, "train": _run_train}


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the command, print its JSON."""
    arguments = _parser().parse_args(argv)
    run = COMMANDS[arguments.command]
    try:
        result = run(arguments)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
