"""Full-text search over document lemmas, the same on SQLite (FTS5) and PostgreSQL ('russian').

Documents are indexed by `Document.lemmas_text`: the lemma of every word (pymorphy2, as the NLP pass
gives it) plus, for capitalised words, the name stem (`name_stem`: the case ending removed), because
pymorphy2 guesses inconsistent lemmas for unknown surnames. A query word matches when its lemma OR its
name stem is indexed, and every query word must match: «соглашение» finds «соглашения», «Токаев»
finds «Токаева». PostgreSQL's 'russian' configuration also stems the terms, which only widens matches.

    search_documents(session, "водные ресурсы", limit=20) -> [(document_id, score), ...]  best first
    matching_ids(dialect_name, "водные ресурсы") -> a subquery with columns (document_id, score)
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import Float, Integer, select, text
from sqlalchemy.orm import Session

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@cache
def _morph():
    import yargy.morph  # noqa: F401  (its import patches pymorphy2 for Python 3.11, as natasha relies on)
    from pymorphy2 import MorphAnalyzer

    return MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The lemma of one word: pymorphy2's most probable normal form, lower case, ё -> е (the same rule
    as the NLP pass, so query lemmas equal indexed lemmas)."""
    if not any(c.isalpha() for c in word):
        return word.lower()
    return _morph().parse(word)[0].normal_form.replace("ё", "е")


LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.json"


@cache
def lexicon() -> dict[str, list[str]]:
    """The word lists of `data/lexicon.json` (shared with `letopis.resolve`)."""
    return json.loads(LEXICON.read_text(encoding="utf-8"))


@cache
def _name_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon()["name_endings"], key=len, reverse=True))


@lru_cache(maxsize=200_000)
def name_stem(word: str) -> str:
    """A proper name without its case ending: «Токаев», «Токаева», «Токаевым» -> "токаев".

    Why: pymorphy2 does not know most Central Asian and foreign surnames, and guesses different lemmas
    for their forms ("Токаев" -> "токай", "Токаева" -> "токаева"); stripping the ending is stable."""
    w = word.lower().replace("ё", "е")
    for end in _name_endings():
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def index_terms(word: str, lemma_: str) -> str:
    """What one word contributes to `Document.lemmas_text`: its lemma, plus its name stem when the
    word is capitalised (a proper name, or a sentence start: harmless) and the stem differs."""
    if word[:1].isupper() and any(c.isalpha() for c in word):
        stem = name_stem(word)
        if stem != lemma_:
            return f"{lemma_} {stem}"
    return lemma_


def lemmatize(text_: str) -> str:
    """Index terms of a text (see `index_terms`), space-joined: what titles and texts are indexed by
    when no NLP pass is at hand."""
    return " ".join(index_terms(w, lemma(w)) for w in WORD.findall(text_))


def _split(term: str) -> list[str]:
    return [t for t in re.split(r"[-\W_]+", term) if t]


def query_groups(query: str) -> list[list[str]]:
    """One group of alternatives per query word: its lemma and its name stem (any may match); each
    split on hyphens as the FTS tokenizers do. «Токаева» -> [["токаева", "токаев"]]."""
    groups: list[list[str]] = []
    for w in WORD.findall(query):
        lem, stem = _split(lemma(w)), _split(name_stem(w))
        if len(lem) == len(stem):
            groups.extend(list(dict.fromkeys(pair)) for pair in zip(lem, stem, strict=True))
        else:
            groups.extend([t] for t in lem)
    return [g for g in groups if g]


def query_terms(query: str) -> list[str]:
    """Every term the query searches for (lemmas and name stems, flattened; empty = nothing to
    search for)."""
    return [t for g in query_groups(query) for t in g]


def matching_ids(dialect: str, query: str, limit: int | None = None):
    """A subquery (document_id, score) of documents containing every query lemma; higher score = better.
    Join it to `documents` to filter or order. Empty queries match nothing."""
    groups = query_groups(query) or [["\u2400"]]
    lim = f" LIMIT {int(limit)}" if limit else ""
    if dialect == "sqlite":
        match = " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups)
        sql = (
            "SELECT rowid AS document_id, -bm25(documents_fts) AS score FROM documents_fts "
            f"WHERE documents_fts MATCH :q ORDER BY score DESC{lim}"
        )
        stmt = text(sql).bindparams(q=match)
    else:
        sql = (
            "SELECT id AS document_id, ts_rank(lemmas_tsv, to_tsquery('russian', :q)) AS score "
            "FROM documents WHERE lemmas_tsv @@ to_tsquery('russian', :q) "
            f"ORDER BY score DESC{lim}"
        )
        q = " & ".join("(" + " | ".join(g) + ")" for g in groups)
        stmt = text(sql).bindparams(q=q)
    return stmt.columns(document_id=Integer, score=Float).subquery("fts")


def search_documents(session: Session, query: str, limit: int = 50) -> list[tuple[int, float]]:
    """Ids of the documents matching every lemma of `query`, best first, with their scores."""
    sub = matching_ids(session.get_bind().dialect.name, query, limit)
    rows = session.execute(select(sub.c.document_id, sub.c.score).order_by(sub.c.score.desc()))
    return [(int(r[0]), float(r[1])) for r in rows]
