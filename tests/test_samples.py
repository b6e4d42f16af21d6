"""The bundled sample corpus: its shape, and the stories it must let the knowledge base show."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

import pytest

from letopis.samples import corpus_path, load_corpus

WORD = re.compile(r"\w+")
PAIR_OF_ID = re.compile(r"^([a-z]{2})-([a-z]{2})-")


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load_corpus()


def test_corpus_is_packaged_json_lines(corpus):
    path = corpus_path()
    assert path.name == "corpus.jsonl" and path.is_file()
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(lines) == len(corpus) >= 18
    for line in lines:
        rec = json.loads(line)
        assert set(rec) == {"id", "text", "published", "title", "source", "url"}
        assert all(isinstance(v, str) and v.strip() for v in rec.values())
        date.fromisoformat(rec["published"])
        assert rec["url"].startswith("https://")
    assert len({r["id"] for r in corpus}) == len(corpus)
    assert len({r["url"] for r in corpus}) == len(corpus)


def test_article_lengths(corpus):
    for r in corpus:
        n = len(WORD.findall(r["text"]))
        assert 120 <= n <= 300, (r["id"], n)


def test_pairs_and_years_covered(corpus):
    pairs = Counter(PAIR_OF_ID.match(r["id"]).groups() for r in corpus)
    assert len(pairs) >= 4
    assert all(n >= 3 for n in pairs.values()), pairs
    years = {r["published"][:4] for r in corpus}
    assert {"2022", "2023", "2024", "2025"} <= years


def test_repeated_story_is_lightly_edited(corpus):
    """One release reprinted by three outlets: different texts, mostly the same sentences."""
    copies = [r for r in corpus if r["id"].startswith("ru-kz-2023-11-visit-")]
    assert len(copies) == 3
    assert len({r["source"] for r in copies}) == 3 and len({r["text"] for r in copies}) == 3
    sentences = [set(r["text"].splitlines()) for r in copies]
    shared = sentences[0] & sentences[1] & sentences[2]
    assert len(shared) >= len(sentences[0]) // 2


def test_target_then_actual_and_overdue(corpus):
    by_id = {r["id"]: r for r in corpus}
    assert "довести товарооборот до 2 миллиардов долларов к 2025 году" in by_id["kz-tj-2023-08-forum"]["text"]
    assert "товарооборот между нашими странами составил 2,1 миллиарда долларов" in by_id["kz-tj-2025-03-mfa"]["text"]
    assert "до 2 миллиардов долларов до конца 2023 года" in by_id["uz-kg-2022-06-pm"]["text"]
    assert "По итогам 2023 года товарооборот между двумя странами составил 1,3 миллиарда" in by_id["uz-kg-2024-03-igc"]["text"]


def test_agreement_signed_then_referenced(corpus):
    by_id = {r["id"]: r for r in corpus}
    title = "Соглашени"  # word forms differ: signed «Соглашение», referred to «Соглашения»
    assert "подписали Соглашение о создании Международного центра" in by_id["kz-uz-2022-12-visit"]["text"]
    later = [r for r in corpus if r["published"] > "2022-12-22" and f"в рамках реализации {title}я о создании Международного центра" in r["text"]]
    assert len(later) >= 2


def test_commitments_and_quotes_present(corpus):
    text = "\n".join(r["text"] for r in corpus)
    for cue in ("договорились", "поручено", "готов", "Приглашаем"):
        assert cue in text, cue
    assert len(re.findall(r"», – (?:заявил|сказал|подчеркнул|отметил)", text)) >= 20


def test_no_seed_text_copied(corpus, seed_text):
    """The sample articles are written for the project: no sentence of the seed article appears."""
    seed_sentences = {s.strip() for s in re.split(r"(?<=[.!?»])\s+", seed_text) if len(s.strip()) > 60}
    text = "\n".join(r["text"] for r in corpus)
    assert not [s for s in seed_sentences if s in text]
