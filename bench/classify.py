"""How fast and how big classification is: latency per message, throughput on one core, cold start, memory.

Targets (issue 3): p99 < 2 ms, >= 3,000 messages/s, cold start < 3 s, < 250 MB resident.
Run: PYTHAINLP_OFFLINE=1 .venv/bin/python -m bench.classify [--passes 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

# One core means one thread everywhere, numpy's BLAS included; set before numpy is imported.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

TARGETS = {"p99_ms": 2.0, "messages_per_second": 3000, "cold_start_s": 3.0, "rss_mb": 250}

# Run in a fresh interpreter: import, load the cached model, classify, report time and memory.
COLD_START = """
import time
started = time.perf_counter()
import intents
intents.warm_up()
intents.classify("สวัสดีครับ อยากทำบรรจุภัณฑ์ใหม่")
loaded = time.perf_counter() - started
import csv
rows = list(csv.DictReader(open("intents/data/heldout.csv", encoding="utf-8")))
for row in rows * 2:
    intents.classify(row["text"])
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(loaded, int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024)
"""


def workload() -> list[str]:
    """Realistic messages: the held-out and training lines, in a fixed shuffled order."""
    from intents.evaluate import read_rows
    from intents.model_store import DATA_DIR, read_training_rows, training_files

    rows = read_rows(DATA_DIR / "heldout.csv") + read_training_rows(training_files())
    messages = [text for text, _ in rows]
    random.Random(0).shuffle(messages)
    return messages


def _percentiles(durations: list[float]) -> dict[str, float]:
    """p50, p99 and max of durations in milliseconds."""
    ordered = sorted(durations)
    return {
        "p50_ms": round(ordered[len(ordered) // 2], 3),
        "p99_ms": round(ordered[int(len(ordered) * 0.99)], 3),
        "max_ms": round(ordered[-1], 3),
    }


def latency(messages: list[str], passes: int) -> dict[str, Any]:
    """Per-message latency and single-thread throughput, in wall time and in CPU time.

    On a busy machine wall time includes the time other processes held the core; CPU time is what
    classifying itself costs. On a quiet machine the two agree.
    """
    from intents import classify, warm_up

    warm_up()
    wall: list[float] = []
    cpu: list[float] = []
    started_wall, started_cpu = time.perf_counter(), time.thread_time()
    for _ in range(passes):
        for message in messages:
            begin_wall, begin_cpu = time.perf_counter_ns(), time.thread_time_ns()
            classify(message)
            cpu.append((time.thread_time_ns() - begin_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - begin_wall) / 1e6)
    elapsed_wall, elapsed_cpu = time.perf_counter() - started_wall, time.thread_time() - started_cpu
    return {
        "messages": len(wall),
        "wall": _percentiles(wall),
        "cpu": _percentiles(cpu),
        "messages_per_second": round(len(wall) / elapsed_wall),
        "messages_per_cpu_second": round(len(cpu) / elapsed_cpu),
        "longest_message_5000_chars_ms": round(_time_one(classify, "ผมอยากทำบรรจุภัณฑ์ใหม่ครับ " * 200), 3),
        "load_average_1min": os.getloadavg()[0],
    }


def _time_one(classify: Any, message: str) -> float:
    """Median milliseconds of classifying one message."""
    runs = []
    for _ in range(20):
        begin = time.perf_counter_ns()
        classify(message)
        runs.append((time.perf_counter_ns() - begin) / 1e6)
    return statistics.median(runs)


def cold_start(runs: int = 3, cache_dir: str | None = None) -> dict[str, float]:
    """Fresh interpreters: import + model load time, whole-process wall time, resident memory."""
    environment = dict(os.environ, **({"INTENTS_CACHE_DIR": cache_dir} if cache_dir else {}))
    measured = []
    for _ in range(runs):
        begin = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True, env=environment
        ).stdout.split()
        measured.append((float(output[0]), time.perf_counter() - begin, float(output[1]), float(output[2])))
    import_and_load, process, rss, peak = (statistics.median(column) for column in zip(*measured))
    return {
        "import_and_load_s": round(import_and_load, 2),
        "process_wall_s": round(process, 2),
        "rss_mb": round(rss, 1),
        "peak_rss_mb": round(peak, 1),
    }


def main() -> None:
    """Measure and print JSON, with each figure's target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=5)
    arguments = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    result: dict[str, Any] = {"latency": latency(workload(), arguments.passes)}
    result["cold_start_cached_model"] = cold_start()
    with tempfile.TemporaryDirectory() as empty_cache:
        result["first_start_training_the_model"] = cold_start(runs=1, cache_dir=empty_cache)
    result["targets"] = TARGETS
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
