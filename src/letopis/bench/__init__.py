"""Benchmarks behind `letopis bench`: figures are reported as ratios against a baseline run beside them."""

from __future__ import annotations

import json
from pathlib import Path

DEFAULT_GOLD = Path("../shared/gold/factrueval2016/dev.jsonl")


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
