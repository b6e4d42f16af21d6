"""Per-pair totals for the dossier's undated counts (SQLite), kept exact by triggers on pair_facts.

Why: without a date filter the dossier's counts summed every pair_facts row of the pair and counted its
distinct stories: at 100,000 documents ~25,000 rows and ~10 ms of the 100 ms budget. `pair_totals` holds
the result, one row per pair, so the undated counts are one primary-key lookup. Dated counts still scan
pair_facts (a range of it).

    pair_totals (a, b, documents, stories, events, figures, commitments, quotes)

`documents` = pair_facts rows of the pair, the four fact columns their sums, `stories` = the number of
distinct non-NULL story_id among them. Triggers on pair_facts (INSERT, UPDATE, DELETE) apply each row's
delta; a row adds a story only when no OTHER row of the pair has that story (the ix_pair_facts_story index
makes the check a probe), and removes it when none is left. pair_facts is itself written only by the 0003
triggers, so every write path of the store reaches these. PostgreSQL gets nothing: `letopis.query` falls
back to counting when the table is absent.

Revision ID: 0004_pair_totals
Revises: 0003_pair_summary
"""

from __future__ import annotations

from letopis.store.migrations import summary

revision = "0004_pair_totals"
down_revision = "0003_pair_summary"
branch_labels = None
depends_on = None

FACTS = ("events", "figures", "commitments", "quotes")

TABLE = f"""CREATE TABLE pair_totals (
    a VARCHAR(2) NOT NULL, b VARCHAR(2) NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0, stories INTEGER NOT NULL DEFAULT 0,
    {', '.join(f'{t} INTEGER NOT NULL DEFAULT 0' for t in FACTS)},
    PRIMARY KEY (a, b))"""


def _new_story(p: str, skip: str) -> str:
    """1 when row `p`'s story counts for its pair and no other row of the pair (rowid != `skip`) has it."""
    return (f"({p}.story_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pair_facts x WHERE x.a = {p}.a "
            f"AND x.b = {p}.b AND x.story_id = {p}.story_id AND x.rowid != {skip}))")


def _apply(p: str, sign: str, skip: str) -> str:
    """Add (sign '+') or remove ('-') row `p` from its pair's totals; the row for the pair is created
    on first use (and kept at zero when emptied: zero totals equal no row). Not `INSERT OR IGNORE`: in a
    trigger the firing statement's conflict policy overrides it, and pair_facts is written with
    `INSERT OR REPLACE`, which would reset the pair's row to zeros."""
    sets = ", ".join(f"{t} = {t} {sign} {p}.{t}" for t in FACTS)
    return f"""
        INSERT INTO pair_totals (a, b) SELECT {p}.a, {p}.b
            WHERE NOT EXISTS (SELECT 1 FROM pair_totals WHERE a = {p}.a AND b = {p}.b);
        UPDATE pair_totals SET documents = documents {sign} 1, stories = stories {sign} {_new_story(p, skip)},
            {sets} WHERE a = {p}.a AND b = {p}.b;"""


def _triggers() -> list[tuple[str, str, str]]:
    # After an update the changed row holds NEW: "other rows" exclude it for both the OLD and the NEW
    # story, so an unchanged story nets to zero and a moved one leaves/joins its sets correctly.
    return [
        ("pair_totals_ai", "AFTER INSERT ON pair_facts", _apply("NEW", "+", "NEW.rowid")),
        ("pair_totals_ad", "AFTER DELETE ON pair_facts", _apply("OLD", "-", "-1")),
        ("pair_totals_au", "AFTER UPDATE ON pair_facts",
         _apply("OLD", "-", "NEW.rowid") + _apply("NEW", "+", "NEW.rowid")),
    ]


BACKFILL = f"""INSERT INTO pair_totals (a, b, documents, stories, {', '.join(FACTS)})
    SELECT a, b, count(*), count(DISTINCT story_id), {', '.join(f'sum({t})' for t in FACTS)}
    FROM pair_facts GROUP BY a, b"""


def upgrade() -> None:
    summary.create([TABLE], _triggers(), [BACKFILL])


def downgrade() -> None:
    summary.drop(_triggers(), ["pair_totals"])
