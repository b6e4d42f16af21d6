"""Blind fact extraction: original articles with readings written by independent evaluators who did
not read the extractors, scored against the extraction with the team's scorer (../shared/tools/
score_facts.py, loaded in place; the tests skip where ../shared is absent), micro-averaged per set.

- tests/fixtures/blind/ (8 articles, session 1): measured blind at 0.850 F1, then DEMOTED to a tuning
  set in session 2 (its misses were used to find general gaps), so it now guards regressions only.
- tests/fixtures/blind2/ (8 articles, session 2): written while the rules of session 2 were being
  developed, never read by anyone tuning them: the honest estimate for unseen text. Do not tune on
  it; once it is used for tuning a new blind set is needed.

Floors sit 0.08 under what was measured (2026-11-25), never above it: they guard against regressions,
they are not targets. Raise them when the extraction improves; never lower them to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fact_scoring import CATEGORIES, check_floors, load_scorer, reading_files, score_folder

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# set -> (dataset name in the readings, recall floors, precision floors)
# blind, after session 2 (tuned on): recall persons 1.00 quotes 1.00 figures 1.00 agreements 1.00 events 1.00
#   commitments 0.98 pairs 0.94; precision 1.00 except commitments 0.98 (F1 0.993). At creation: F1 0.816.
# blind2 at creation (session-1 rules, 15:37): recall persons 22/26 quotes 34/41 figures 23/34 agreements 14/23
#   events 25/29 commitments 37/44 pairs 8/9 (F1 0.825); after session 2 (never tuned on): recall persons
#   23/26=0.88 quotes 35/41=0.85 figures 26/34=0.76 agreements 16/23=0.70 events 26/29=0.90 commitments
#   38/44=0.86 pairs 9/9=1.00; precision persons 0.96 quotes 0.90 figures 1.00 agreements 0.87 events 0.85
#   commitments 1.00 pairs 0.53 (F1 0.862).
SETS = {
    "blind": ("letopis-blind",
              {"persons": 0.92, "quotes": 0.92, "figures": 0.92, "agreements": 0.92, "events": 0.92,
               "commitments": 0.90, "pairs": 0.86},
              {"persons": 0.92, "quotes": 0.92, "figures": 0.92, "agreements": 0.92, "events": 0.92,
               "commitments": 0.90, "pairs": 0.92}),
    "blind2": ("letopis-blind2",
               {"persons": 0.80, "quotes": 0.77, "figures": 0.68, "agreements": 0.61, "events": 0.81,
                "commitments": 0.78, "pairs": 0.92},
               {"persons": 0.88, "quotes": 0.82, "figures": 0.92, "agreements": 0.79, "events": 0.77,
                "commitments": 0.92, "pairs": 0.45}),
}


@pytest.mark.parametrize("name", SETS)
def test_fixtures_are_complete(name):
    """Every article has a reading and every reading an article."""
    folder = FIXTURES / name
    stems_txt = {p.stem for p in folder.glob("*.txt")}
    stems_json = {p.stem for p in folder.glob("*.json")}
    assert stems_txt == stems_json
    assert len(stems_txt) == 8
    for _, _, ref in reading_files(folder):
        reading = json.loads(ref.read_text(encoding="utf-8"))
        assert reading["source"]["dataset"] == SETS[name][0]
        assert reading["published"], ref.name


@pytest.fixture(scope="module", params=list(SETS))
def blind_scores(request):
    """Every article of a set extracted once: (set name, micro-averaged and per-article counts)."""
    return request.param, score_folder(load_scorer(), FIXTURES / request.param)


def test_every_article_is_extracted(blind_scores):
    _, (_, per_doc) = blind_scores
    assert len(per_doc) == 8
    for stem, res in per_doc.items():
        # each article yields at least its persons and at least one quote or figure
        assert res["persons"]["extracted"] > 0, stem
        assert res["quotes"]["extracted"] + res["figures"]["extracted"] > 0, stem


@pytest.mark.parametrize("category", CATEGORIES)
def test_floors(blind_scores, category):
    name, (total, _) = blind_scores
    _, recall_floor, precision_floor = SETS[name]
    assert total[category]["gold"] > 0
    check_floors(name, total, category, recall_floor, precision_floor)
