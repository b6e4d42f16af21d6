"""Per agreement and status: the number of mentions and the first and last mention (SQLite), kept by
triggers on agreement_mentions.

Why: the dossier shows, for each of the pair's agreements, how often it was mentioned and the first
and last mention of each status (signed / referenced / planned). An agreement in force is referred to
in thousands of articles: at 100,000 documents counting them read ~80,000 index entries, 10–17 ms of
the 100 ms budget of `letopis pair`. `agreement_status` holds the answer, one row per (agreement,
status), so the dossier reads a handful of rows.

    agreement_status (agreement_id, status, n, first_id, last_id)

`n` = mentions of the agreement with that status, `first_id` / `last_id` = their smallest and largest
agreement_mentions.id. A row exists exactly while n > 0. Inserts adjust the row; deletes and moves
(UPDATE of agreement_id or status) decrement it and look the new first/last up in the
(agreement_id, status, id) index of migration 0003: two index probes. PostgreSQL gets nothing:
`letopis.query` counts the mentions when the table is absent.

Revision ID: 0005_agreement_status
Revises: 0004_pair_totals
"""

from __future__ import annotations

from letopis.store.migrations import summary

revision = "0005_agreement_status"
down_revision = "0004_pair_totals"
branch_labels = None
depends_on = None

TABLE = """CREATE TABLE agreement_status (
    agreement_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL,
    n INTEGER NOT NULL DEFAULT 0, first_id INTEGER, last_id INTEGER,
    PRIMARY KEY (agreement_id, status))"""

_KEY = "agreement_id = {p}.agreement_id AND status = {p}.status"


def _add(p: str) -> str:
    """Count mention `p`. Not `INSERT OR IGNORE` / `ON CONFLICT`: in a trigger the firing statement's
    conflict policy would override the trigger's own."""
    key = _KEY.format(p=p)
    return f"""
        INSERT INTO agreement_status (agreement_id, status) SELECT {p}.agreement_id, {p}.status
            WHERE NOT EXISTS (SELECT 1 FROM agreement_status WHERE {key});
        UPDATE agreement_status SET n = n + 1,
            first_id = min(coalesce(first_id, {p}.id), {p}.id), last_id = max(coalesce(last_id, {p}.id), {p}.id)
            WHERE {key};"""


def _remove(p: str) -> str:
    """Uncount mention `p` (already gone from, or moved within, agreement_mentions)."""
    key = _KEY.format(p=p)
    rest = f"FROM agreement_mentions WHERE {key}"
    return f"""
        UPDATE agreement_status SET n = n - 1, first_id = (SELECT min(id) {rest}), last_id = (SELECT max(id) {rest})
            WHERE {key};
        DELETE FROM agreement_status WHERE {key} AND n <= 0;"""


def _triggers() -> list[tuple[str, str, str]]:
    return [
        ("agreement_status_ai", "AFTER INSERT ON agreement_mentions", _add("NEW")),
        ("agreement_status_ad", "AFTER DELETE ON agreement_mentions", _remove("OLD")),
        # OLD's row is recomputed without the moved mention, then NEW's counts it (also when unchanged).
        ("agreement_status_au", "AFTER UPDATE OF id, agreement_id, status ON agreement_mentions",
         _remove("OLD") + _add("NEW")),
    ]


BACKFILL = """INSERT INTO agreement_status (agreement_id, status, n, first_id, last_id)
    SELECT agreement_id, status, count(*), min(id), max(id) FROM agreement_mentions GROUP BY agreement_id, status"""


def upgrade() -> None:
    summary.create([TABLE], _triggers(), [BACKFILL])


def downgrade() -> None:
    summary.drop(_triggers(), ["agreement_status"])
