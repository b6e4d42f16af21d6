"""The summary tables (migration 0003: pair_facts, pair_labels, pair_figures; 0004: pair_totals; 0005:
agreement_status; 0007: series_actuals) are kept by SQLite
triggers; after ingesting and after any update or delete of the base rows they must equal a
recomputation from the base tables (the dossier reads its counts, sectors, agreements and figure
series from them, so drift would silently change answers). SQLite only: PostgreSQL has no summary."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import _kb_sample as _s
from ._kb_sample import SLICE, store

sample_extractions = _s.sample_extractions

FACTS = ("events", "figures", "commitments", "quotes")
_PAIR_DOCS = ("SELECT p.a, p.b, p.document_id, d.published, d.story_id FROM pairs p "
              "JOIN documents d ON d.id = p.document_id")


NAMES = ("pair_facts", "pair_labels", "pair_figures", "pair_totals", "agreement_status", "series_actuals")
_STATUS = "SELECT agreement_id, status, count(*), min(id), max(id) FROM agreement_mentions GROUP BY 1, 2"


def _expected(c: sqlite3.Connection) -> tuple[dict, ...]:
    """The summaries recomputed from the base tables, keyed like `_actual`."""
    facts, labels = {}, {}
    for a, b, doc, pub, story in c.execute(_PAIR_DOCS).fetchall():
        counts = tuple(c.execute(f"SELECT count(*) FROM {t} WHERE document_id = ? AND duplicate_of_id IS NULL",
                                 (doc,)).fetchone()[0] for t in FACTS)
        facts[(a, b, doc)] = (pub, story, *counts)
        for kind, label in c.execute("SELECT 'topic', topic FROM topics WHERE document_id = ? UNION "
                                     "SELECT 'agreement', CAST(agreement_id AS TEXT) FROM agreement_mentions "
                                     "WHERE document_id = ?", (doc, doc)).fetchall():
            key = (a, b, kind, label, pub or "")
            labels[key] = labels.get(key, 0) + 1
    figures = {r[0]: r[1:] for r in c.execute(
        "SELECT f.id, f.pair_a, f.pair_b, f.metric, f.unit, f.sector, f.kind, f.document_id, d.published, "
        "coalesce(f.period_end, d.published) FROM figures f JOIN documents d ON d.id = f.document_id "
        "WHERE f.duplicate_of_id IS NULL AND f.pair_a IS NOT NULL AND f.pair_b IS NOT NULL")}
    status = {(agr, st): (n, first, last) for agr, st, n, first, last in c.execute(_STATUS)}
    actuals = {r[0]: r[1:] for r in c.execute(
        "SELECT f.id, f.series_key, f.unit, d.published, f.value, f.document_id FROM figures f "
        "JOIN documents d ON d.id = f.document_id WHERE f.kind = 'actual' AND f.series_key IS NOT NULL")}
    return facts, labels, figures, _totals_of(facts), status, actuals


def _totals_of(facts: dict) -> dict:
    """Per pair: (documents, distinct non-NULL stories, events, figures, commitments, quotes)."""
    rows: dict = {}
    for (a, b, _doc), (_pub, story, *counts) in facts.items():
        rows.setdefault((a, b), []).append((story, counts))
    return {k: (len(v), len({st for st, _ in v if st is not None}), *(sum(n[i] for _, n in v) for i in range(4)))
            for k, v in rows.items()}


def _actual(c: sqlite3.Connection) -> tuple[dict, ...]:
    facts = {(a, b, doc): (pub, story, *n) for a, b, doc, pub, story, *n in c.execute(
        f"SELECT a, b, document_id, published, story_id, {', '.join(FACTS)} FROM pair_facts")}
    # A label whose count fell to 0 may keep its row: it is the same as no row.
    labels = {(a, b, k, label, day): n for a, b, k, label, day, n in c.execute(
        "SELECT a, b, kind, label, day, n FROM pair_labels WHERE n != 0")}
    figures = {r[0]: r[1:] for r in c.execute(
        "SELECT figure_id, a, b, metric, unit, sector, kind, document_id, published, at FROM pair_figures")}
    # A pair whose totals fell to zero may keep its row: it is the same as no row.
    totals = {(a, b): tuple(n) for a, b, *n in c.execute(
        f"SELECT a, b, documents, stories, {', '.join(FACTS)} FROM pair_totals") if any(n)}
    status = {(agr, st): (n, first, last) for agr, st, n, first, last in c.execute(
        "SELECT agreement_id, status, n, first_id, last_id FROM agreement_status")}
    actuals = {r[0]: r[1:] for r in c.execute(
        "SELECT figure_id, series_key, unit, published, value, document_id FROM series_actuals")}
    return facts, labels, figures, totals, status, actuals


def _assert_consistent(c: sqlite3.Connection) -> None:
    expected, actual = _expected(c), _actual(c)
    for name, want, got in zip(NAMES, expected, actual, strict=True):
        diff = sorted((k for k in set(want) | set(got) if want.get(k) != got.get(k)), key=repr)
        assert not diff, f"{name}: {[(k, want.get(k), got.get(k)) for k in diff[:5]]}"


@pytest.fixture
def conn(tmp_path: Path, sample_extractions) -> Iterator[sqlite3.Connection]:
    """A fresh SQLite store holding the sample slice, opened with sqlite3 (the triggers are SQL)."""
    path = tmp_path / "summary.sqlite"
    store(f"sqlite:///{path}", [sample_extractions[i] for i in SLICE])
    c = sqlite3.connect(path)
    yield c
    c.close()


def _docs(c: sqlite3.Connection, n: int) -> list[int]:
    return [r[0] for r in c.execute("SELECT DISTINCT document_id FROM pairs ORDER BY document_id LIMIT ?", (n,))]


def test_after_ingest(conn):
    facts, labels, figures, totals, status, actuals = _actual(conn)
    # the slice has pairs, topics/agreements, pair figures, agreements mentioned more than once, actuals
    assert facts and labels and figures and totals and actuals and any(n > 1 for n, _, _ in status.values())
    _assert_consistent(conn)


def test_checker_detects_drift(conn):
    conn.execute("UPDATE pair_facts SET quotes = quotes + 1 WHERE rowid = (SELECT min(rowid) FROM pair_facts)")
    with pytest.raises(AssertionError, match="pair_facts"):
        _assert_consistent(conn)


def test_checker_detects_totals_drift(conn):
    conn.execute("UPDATE pair_totals SET stories = stories + 1 WHERE rowid = (SELECT min(rowid) FROM pair_totals)")
    with pytest.raises(AssertionError, match="pair_totals"):
        _assert_consistent(conn)


def test_checker_detects_status_drift(conn):
    conn.execute("UPDATE agreement_status SET last_id = last_id + 1 WHERE rowid = (SELECT min(rowid) FROM agreement_status)")
    with pytest.raises(AssertionError, match="agreement_status"):
        _assert_consistent(conn)


def test_agreement_status_moves(conn):
    """Mentions changing status or agreement, and the first / last / only mention of a status
    deleted: counts and first/last ids follow, and emptied statuses disappear."""
    c = conn
    agr, status, _n, first, last = c.execute(
        "SELECT agreement_id, status, n, first_id, last_id FROM agreement_status WHERE n > 1 ORDER BY n DESC").fetchone()
    c.execute("UPDATE agreement_mentions SET status = 'planned' WHERE id = ?", (first,))
    c.execute("DELETE FROM agreement_mentions WHERE id = ?", (last,))
    _assert_consistent(c)
    other = c.execute("SELECT max(id) FROM agreements WHERE id != ?", (agr,)).fetchone()[0]
    c.execute("UPDATE agreement_mentions SET agreement_id = ? WHERE agreement_id = ? AND status = ?", (other, agr, status))
    c.execute("UPDATE agreement_mentions SET status = status WHERE id = (SELECT min(id) FROM agreement_mentions)")
    c.commit()
    _assert_consistent(c)
    assert c.execute("SELECT count(*) FROM agreement_status WHERE agreement_id = ? AND status = ?",
                     (agr, status)).fetchone()[0] == 0


def test_series_actuals_follow_figures(conn):
    """Figures changing kind, value or series, moving document, deleted; documents changing date."""
    c = conn
    ids = [r[0] for r in c.execute("SELECT figure_id FROM series_actuals ORDER BY figure_id LIMIT 3")]
    c.execute("UPDATE figures SET kind = 'target' WHERE id = ?", (ids[0],))
    c.execute("UPDATE figures SET kind = 'actual' WHERE id = (SELECT min(id) FROM figures WHERE kind = 'target')")
    c.execute("UPDATE figures SET value = value * 2, series_key = series_key || 'x' WHERE id = ?", (ids[1],))
    c.execute("UPDATE figures SET document_id = (SELECT max(id) FROM documents) WHERE id = ?", (ids[2],))
    c.execute("UPDATE documents SET published = '2001-02-03' WHERE id = (SELECT max(id) FROM documents)")
    c.execute("DELETE FROM figures WHERE id = (SELECT max(figure_id) FROM series_actuals)")
    c.commit()
    _assert_consistent(c)


def test_checker_detects_actuals_drift(conn):
    conn.execute("UPDATE series_actuals SET published = '1999-01-01' WHERE rowid = (SELECT min(rowid) FROM series_actuals)")
    with pytest.raises(AssertionError, match="series_actuals"):
        _assert_consistent(conn)


def test_totals_match_pair_facts(conn):
    """Non-trivial totals: several documents per pair, some sharing a story."""
    totals = _actual(conn)[3]
    assert totals and any(docs > stories > 0 for docs, stories, *_ in totals.values())


def test_after_story_and_pair_moves(conn):
    """Documents changing story (joining another's, then back) and pair rows changing pair: the
    distinct story count of pair_totals must follow."""
    c = conn
    ids = _docs(c, 4)
    own = c.execute("SELECT story_id FROM documents WHERE id = ?", (ids[2],)).fetchone()[0]
    move = "UPDATE documents SET story_id = (SELECT story_id FROM documents WHERE id = ?) WHERE id = ?"
    c.execute(move, (ids[0], ids[1]))
    c.execute(move, (ids[0], ids[2]))
    _assert_consistent(c)
    c.execute("UPDATE documents SET story_id = ? WHERE id = ?", (own, ids[2]))
    c.execute(move, (ids[3], ids[0]))
    c.execute("UPDATE pairs SET a = 'ZZ' WHERE document_id = ? AND rowid = "
              "(SELECT min(rowid) FROM pairs WHERE document_id = ?)", (ids[3], ids[3]))
    c.execute("UPDATE pairs SET b = 'ZY' WHERE document_id = ?", (ids[0],))
    c.commit()
    _assert_consistent(c)


def test_after_updates(conn):
    c = conn
    ids = _docs(c, 3)
    c.execute("UPDATE documents SET published = date(published, '-400 days') WHERE id = ?", (ids[0],))
    c.execute("UPDATE documents SET published = NULL WHERE id = ?", (ids[1],))
    c.execute("UPDATE documents SET published = '2001-01-01' WHERE id IN "
              "(SELECT document_id FROM figures WHERE period_end IS NULL LIMIT 2)")
    q = c.execute("SELECT id FROM quotes WHERE duplicate_of_id IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    q2 = c.execute("SELECT id FROM quotes WHERE id != ? ORDER BY id LIMIT 1", (q,)).fetchone()[0]
    c.execute("UPDATE quotes SET duplicate_of_id = ? WHERE id = ?", (q2, q))
    c.execute("UPDATE figures SET duplicate_of_id = NULL WHERE duplicate_of_id IS NOT NULL")
    c.execute("UPDATE figures SET period_end = '2031-01-01' WHERE id = (SELECT min(id) FROM figures)")
    c.execute("UPDATE agreement_mentions SET agreement_id = (SELECT max(id) FROM agreements) "
              "WHERE id = (SELECT min(id) FROM agreement_mentions)")
    c.commit()
    _assert_consistent(c)


def test_after_deletes(conn):
    c = conn
    ids = _docs(c, 3)
    c.execute("DELETE FROM topics WHERE rowid = (SELECT min(rowid) FROM topics WHERE document_id = ?)", (ids[2],))
    c.execute("DELETE FROM agreement_mentions WHERE id IN (SELECT id FROM agreement_mentions ORDER BY id LIMIT 3)")
    c.execute("DELETE FROM events WHERE document_id = ?", (ids[2],))
    c.execute("DELETE FROM pairs WHERE document_id = ?", (ids[1],))
    # A whole document, then its children in any order (as a cascade without foreign keys would).
    c.execute("DELETE FROM documents WHERE id = ?", (ids[0],))
    for t in ("topics", "quotes", "pairs", "events", "agreement_mentions", "figures", "commitments"):
        c.execute(f"DELETE FROM {t} WHERE document_id = ?", (ids[0],))
    c.commit()
    _assert_consistent(c)
    assert not any(doc == ids[0] for _, _, doc in _actual(c)[0])


@pytest.mark.parametrize("dates", [(None, None), ("2023", None), ("2022-06", "2024-05")])
def test_dossier_same_without_summaries(tmp_path: Path, sample_extractions, monkeypatch, dates):
    """The dossier read from the summary tables equals the one computed from the fact tables alone
    (the path PostgreSQL takes), for every pair and with date filters."""
    from sqlalchemy.orm import Session

    from letopis import query
    from letopis.store.db import open_db

    path = tmp_path / "paths.sqlite"
    store(f"sqlite:///{path}", [sample_extractions[i] for i in SLICE])
    engine = open_db(f"sqlite:///{path}")
    since, until = dates

    def dossiers() -> dict:
        with Session(engine) as s:
            return {p["pair"]: query.pair_dossier(s, p["a"]["code"], p["b"]["code"], since, until, use_cache=False)
                    for p in query.list_pairs(s, use_cache=False)}

    from letopis import resolve

    fast = dossiers()
    monkeypatch.setattr(query, "has_summary", lambda session, name: False)
    monkeypatch.setattr(resolve, "has_summary", lambda session, name: False)
    slow = dossiers()
    engine.dispose()
    assert len(fast) >= 4 and any(d["agreements"] for d in fast.values())
    assert fast == slow


def test_target_evaluation_same_without_series_actuals(conn, monkeypatch):
    """Every target of the store evaluated by the tracking rule (`resolve.first_actuals`, which the
    dossier and ingest use): from series_actuals (0007) and from figures joined to documents, the same
    first actual or none, dated and undated targets alike — also with reprints of the actuals."""
    from datetime import date

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from letopis import resolve
    from letopis.store import schema as s
    from letopis.store.db import open_db

    conn.execute("INSERT INTO figures (document_id, fact_id, metric, sector, value, unit, qualifier, kind, countries, "
                 "series_key, fact_key, text, start, \"end\", duplicate_of_id) SELECT document_id, fact_id || 'r', "
                 "metric, sector, value * 10, unit, qualifier, 'actual', countries, series_key, fact_key, text, start, "
                 "\"end\", id FROM figures WHERE kind = 'actual'")
    conn.execute("UPDATE documents SET published = NULL WHERE id = (SELECT document_id FROM figures "
                 "WHERE kind = 'target' ORDER BY id LIMIT 1)")
    conn.commit()
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    engine = open_db(f"sqlite:///{path}")
    f = s.Figure
    q = select(f.id, f.series_key, f.unit, f.document_id, f.value, f.qualifier, s.Document.published).join(
        s.Document, s.Document.id == f.document_id).where(f.kind == "target")

    def met() -> dict:
        with Session(engine) as session:
            refs = [resolve.TargetRef(*r) for r in session.execute(q)]
            return resolve.first_actuals(session, refs, date(2026, 1, 1))

    fast = met()
    monkeypatch.setattr(resolve, "has_summary", lambda session, name: False)
    slow = met()
    engine.dispose()
    assert len(fast) >= 2 and any(v is not None for v in fast.values()) and any(v is None for v in fast.values())
    assert fast == slow
