"""Command line: `python -m intents evaluate FILE.csv` and `python -m intents benchmark ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from intents.classifier import classify
from intents.evaluate import benchmark, cross_validate, evaluation_report, read_rows, save_confusion_matrix


def _parser() -> argparse.ArgumentParser:
    """The two commands and their options."""
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


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the command, print its JSON."""
    arguments = _parser().parse_args(argv)
    run = _run_evaluate if arguments.command == "evaluate" else _run_benchmark
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
