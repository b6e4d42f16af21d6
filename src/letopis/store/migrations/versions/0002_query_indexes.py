"""Indexes for the read side (letopis.query) and a small cache table for pair dossiers.

Why these indexes: the dossier counts and lists facts of the documents of one country pair, so every
fact table is probed by (document_id, duplicate_of_id) — a covering index answers "facts of this
document counted once per story" without touching the rows (and stops SQLite's planner from using
the low-selectivity duplicate_of_id index for `duplicate_of_id IS NULL`). pairs(a, b, document_id) is
covering for "documents of a pair"; figures(pair_a, pair_b, kind) finds a pair's targets;
figures(series_key, kind, unit) finds the actuals that may meet a target; quotes(speaker_id,
document_id) serves `letopis quotes --speaker`. documents(id, published, story_id, source_id) is
covering for joins from facts to their document's date and story: without it SQLite reads each
document row, whose long text pushes story_id into overflow pages (30x slower at 10,000 documents).

`query_cache`: computed dossiers keyed by their arguments and the store's version (highest document
id and document count), so a repeated `letopis pair` on an unchanged store is one indexed read.

Revision ID: 0002_query
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_query"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_quotes_doc_dup", "quotes", ["document_id", "duplicate_of_id"]),
    ("ix_events_doc_dup", "events", ["document_id", "duplicate_of_id"]),
    ("ix_commitments_doc_dup", "commitments", ["document_id", "duplicate_of_id"]),
    ("ix_figures_doc_dup", "figures", ["document_id", "duplicate_of_id"]),
    ("ix_pairs_ab_doc", "pairs", ["a", "b", "document_id"]),
    ("ix_figures_pair_kind", "figures", ["pair_a", "pair_b", "kind"]),
    ("ix_figures_series_kind_unit", "figures", ["series_key", "kind", "unit"]),
    ("ix_quotes_speaker_doc", "quotes", ["speaker_id", "document_id"]),
    ("ix_documents_story_published", "documents", ["story_id", "published"]),
    ("ix_documents_id_cover", "documents", ["id", "published", "story_id", "source_id"]),
]


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)
    op.create_table(
        "query_cache",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("query_cache")
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
