"""Where the trained model comes from: the training files, a disk cache, and one copy per process."""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import joblib

from intents.labels import LABELS
from intents.model import IntentModel

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"

# The code that decides what a trained model is; any change to it retrains.
PIPELINE_SOURCES = (
    "normalize.py",
    "tokenize.py",
    "features.py",
    "model.py",
    "training.py",
    "data/domain_words.txt",
)
PIPELINE_LIBRARIES = ("scikit-learn", "pythainlp", "numpy", "scipy")


def training_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The hand-written lines (train/) and the labelled real traffic (learned/), in a fixed order."""
    return sorted((data_dir / "train").glob("*.csv")) + sorted((data_dir / "learned").glob("*.csv"))


def read_labelled_csv(path: Path) -> list[tuple[str, str]]:
    """Rows (text, intent) of one file; lines with an unknown label are skipped with a warning."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as csv_file:
        for line_number, row in enumerate(csv.DictReader(csv_file), start=2):
            text, intent = (row.get("text") or "").strip(), (row.get("intent") or "").strip()
            if intent not in LABELS:
                log.warning("%s:%d: skipped, unknown intent %r", path, line_number, intent)
            elif text:
                rows.append((text, intent))
    return rows


def read_training_rows(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """All rows of the given files, in file order."""
    return [row for path in paths for row in read_labelled_csv(path)]


def cache_key(paths: Iterable[Path]) -> str:
    """A hash of the training data, the pipeline's code and the libraries it runs on."""
    digest = hashlib.sha256()
    for source in PIPELINE_SOURCES:
        digest.update((PACKAGE_DIR / source).read_bytes())
    for library in PIPELINE_LIBRARIES:
        digest.update(f"{library}=={version(library)}".encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path:
    """INTENTS_CACHE_DIR, or the user's cache folder."""
    configured = os.environ.get("INTENTS_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "itc-front-desk"


def _save(model: IntentModel, path: Path) -> None:
    """Write atomically, so a concurrent reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        joblib.dump(model, temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def cached_model_path(data_dir: Path = DATA_DIR, cache: Path | None = None) -> Path:
    """Where the model for the current data and code is (or will be) cached."""
    return (cache or cache_dir()) / f"intents-{cache_key(training_files(data_dir))[:24]}.joblib"


def load_or_train(data_dir: Path = DATA_DIR, cache: Path | None = None) -> IntentModel:
    """The cached model for the current data and code, training (and caching) it if absent."""
    path = cached_model_path(data_dir, cache)
    try:
        return joblib.load(path)
    except FileNotFoundError:
        pass
    except Exception:  # a corrupt or incompatible cache file is just a cache miss
        log.warning("could not load %s; retraining", path, exc_info=True)
    from intents.training import train  # scikit-learn loads only when a model must be trained

    model = train(read_training_rows(training_files(data_dir)))
    try:
        _save(model, path)
    except OSError:  # a read-only home must not stop the bot
        log.warning("could not cache the intent model at %s", path, exc_info=True)
    return model


_load_lock = threading.Lock()


@functools.cache
def _model_once() -> IntentModel:
    return load_or_train()


def current_model() -> IntentModel:
    """The process's one model, loaded (or trained) on first use; safe across threads."""
    with _load_lock:
        return _model_once()
