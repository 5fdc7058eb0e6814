"""Intent tests run offline and share one on-disk model cache across runs (keyed by data and code)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("INTENTS_CACHE_DIR", str(Path(tempfile.gettempdir()) / "itc-front-desk-test-cache"))
