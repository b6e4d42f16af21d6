"""Covering indexes for the dossier's latest events and quotes (both dialects).

Why: the dossier pages the keys of the latest facts before reading their rows (`letopis.query._page`
with `key=`). Sorting events by their date, and ranking quotes per speaker, read `date`,
`speaker_id` and `start`; with them in the (document_id, duplicate_of_id) index the candidates (~800 events, ~1,000
quotes of the pair's latest 300 documents) come from index entries only, without reading each row and
its text. The wider indexes replace the 0002 ones they extend (same leading columns).

Revision ID: 0006_fact_cover
Revises: 0005_agreement_status
"""

from __future__ import annotations

from alembic import op

revision = "0006_fact_cover"
down_revision = "0005_agreement_status"
branch_labels = None
depends_on = None

# (new index, table, columns, the 0002 index it replaces)
INDEXES = [
    ("ix_events_doc_dup_date", "events", ["document_id", "duplicate_of_id", "date"], "ix_events_doc_dup"),
    ("ix_quotes_doc_dup_speaker", "quotes", ["document_id", "duplicate_of_id", "speaker_id", "start"], "ix_quotes_doc_dup"),
]


def upgrade() -> None:
    for name, table, cols, old in INDEXES:
        op.create_index(name, table, cols, unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for name, table, cols, old in reversed(INDEXES):
        op.create_index(old, table, cols[:2], unique=False)
        op.drop_index(name, table_name=table)
