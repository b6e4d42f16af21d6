"""Scoring extractions against fact readings with the team's scorer (../shared/tools/score_facts.py).

Shared by the acceptance (seed, facts-dev), held-out and blind tests. The scorer is loaded in place from
../shared; `shared_path` skips the calling test with a reason where ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from tests.conftest import shared_path

CATEGORIES = ("persons", "quotes", "figures", "agreements", "events", "commitments", "pairs")


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_facts", shared_path("tools", "score_facts.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reading_files(folder: Path) -> list[tuple[str, Path, Path]]:
    """(stem, article .txt, reading .json) for every reading in a fixtures folder."""
    return [(ref.stem, ref.with_suffix(".txt"), ref) for ref in sorted(folder.glob("*.json"))
            if ref.with_suffix(".txt").exists()]


def score(scorer: ModuleType, items: Iterable[tuple[str, str, dict]]) -> tuple[dict, dict]:
    """Extract each (id, text, reading) once and score it: (micro-averaged totals, per-document results)."""
    import letopis

    total = {c: defaultdict(int) for c in CATEGORIES}
    per_doc = {}
    for doc_id, text, reading in items:
        x = letopis.extract(text, published=reading.get("published"), id=doc_id)
        res = scorer.score_one(reading, json.loads(x.to_json()))
        per_doc[doc_id] = res
        for c in CATEGORIES:
            for k, v in res[c].items():
                total[c][k] += v
    return total, per_doc


def score_folder(scorer: ModuleType, folder: Path) -> tuple[dict, dict]:
    return score(scorer, ((stem, txt.read_text(encoding="utf-8"), json.loads(ref.read_text(encoding="utf-8")))
                          for stem, txt, ref in reading_files(folder)))


def recall(t: dict) -> float:
    return t["correct"] / t["gold"] if t["gold"] else 1.0


def precision(t: dict) -> float:
    return t["matched"] / t["extracted"] if t["extracted"] else (1.0 if not t["gold"] else 0.0)


def table(total: dict) -> str:
    return "\n".join(
        f"{c:<12} gold {t['gold']:>3} found {t['found']:>3} correct {t['correct']:>3} "
        f"extracted {t['extracted']:>3} matched {t['matched']:>3}"
        for c, t in total.items()
    )


def check_floors(name: str, total: dict, category: str, recall_floor: dict, precision_floor: dict) -> None:
    t = total[category]
    r, p = recall(t), precision(t)
    assert r >= recall_floor[category], f"{name} {category} recall {r:.3f} < {recall_floor[category]}\n{table(total)}"
    assert p >= precision_floor[category], (
        f"{name} {category} precision {p:.3f} < {precision_floor[category]}\n{table(total)}")
