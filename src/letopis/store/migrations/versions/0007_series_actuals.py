"""Every actual figure of a series in publication order (SQLite), kept by triggers: target tracking
in the dossier reads the first actual that reaches a target straight from one index range.

Why: a target is met by the first actual (by its document's publication date, then id) of the same
series and unit, published from the day the target was set to today, that reaches the target
(`letopis.resolve.first_actuals`). The date lives on documents, so SQLite walked every document
published since the target was set (all pairs: ~20,000 index entries at 100,000 documents) and probed
each for a qualifying figure: 6–12 ms of the dossier for its 20 latest targets. Here the walk is the
series' own actuals, already in (published, id) order: it stops at the first hit.

    series_actuals (figure_id, series_key, unit, published, value, document_id)

One row per figure with kind 'actual' and a series key (reprints included, as the rule reads them),
`published` = its document's date. Triggers on figures (INSERT, UPDATE, DELETE) and on documents
(UPDATE OF published) keep it exact; the upgrade backfills. PostgreSQL gets nothing: `letopis.query`
joins figures to documents when the table is absent.

Revision ID: 0007_series_actuals
Revises: 0006_fact_cover
"""

from __future__ import annotations

from letopis.store.migrations import summary

revision = "0007_series_actuals"
down_revision = "0006_fact_cover"
branch_labels = None
depends_on = None

TABLES = [
    """CREATE TABLE series_actuals (
        figure_id INTEGER NOT NULL PRIMARY KEY, series_key TEXT NOT NULL, unit VARCHAR(40),
        published DATE, value FLOAT, document_id INTEGER NOT NULL)""",
    # The walk: one series and unit from a date on, in the rule's order, value and document in the entry.
    "CREATE INDEX ix_series_actuals_walk ON series_actuals (series_key, unit, published, figure_id, value, document_id)",
    "CREATE INDEX ix_series_actuals_doc ON series_actuals (document_id)",
]


def _add(p: str) -> str:
    return f"""
        INSERT OR REPLACE INTO series_actuals (figure_id, series_key, unit, published, value, document_id)
            SELECT {p}.id, {p}.series_key, {p}.unit, d.published, {p}.value, {p}.document_id
            FROM documents d WHERE d.id = {p}.document_id AND {p}.kind = 'actual' AND {p}.series_key IS NOT NULL;"""


_DROP = "\n        DELETE FROM series_actuals WHERE figure_id = OLD.id;"


def _triggers() -> list[tuple[str, str, str]]:
    return [
        ("series_actuals_ai", "AFTER INSERT ON figures", _add("NEW")),
        ("series_actuals_ad", "AFTER DELETE ON figures", _DROP),
        ("series_actuals_au", "AFTER UPDATE ON figures", _DROP + _add("NEW")),
        ("series_actuals_documents_au", "AFTER UPDATE OF published ON documents",
         "\n        UPDATE series_actuals SET published = NEW.published WHERE document_id = NEW.id;"),
    ]


BACKFILL = """INSERT INTO series_actuals (figure_id, series_key, unit, published, value, document_id)
    SELECT f.id, f.series_key, f.unit, d.published, f.value, f.document_id
    FROM figures f JOIN documents d ON d.id = f.document_id
    WHERE f.kind = 'actual' AND f.series_key IS NOT NULL"""


def upgrade() -> None:
    summary.create(TABLES, _triggers(), [BACKFILL])


def downgrade() -> None:
    summary.drop(_triggers(), ["series_actuals"])
