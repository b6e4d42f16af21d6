"""Pair summary tables for the dossier (SQLite), kept correct by triggers on every write.

Why: a pair's dossier counts the facts of all its documents. At 100,000 documents one pair can have
30,000 of them, and counting facts by probing each fact table once per document costs ~50 ms per table
on SQLite — over the 100 ms budget of `letopis pair` before anything is listed. These tables hold one
row per (pair, document) with the document's date, story and per-table fact counts (facts counted once
per story: `duplicate_of_id IS NULL`), and per (pair, topic or agreement, day) the number of documents, so a
dossier's counts, story count, sectors and agreements are each ONE range scan of a covering index.

Correctness does not depend on the writer: SQLite triggers on pairs, documents, topics,
agreement_mentions and the four fact tables maintain both tables on every INSERT, UPDATE and DELETE
(including ON DELETE CASCADE deletes), whatever order rows are written in; the upgrade backfills
existing rows. PostgreSQL gets no summary tables: `letopis.query` detects their absence and computes
the same results from the fact tables.

    pair_facts (a, b, document_id, published, story_id, events, figures, commitments, quotes)
    pair_figures(figure_id, a, b, metric, unit, sector, kind, document_id, published, at)
    pair_labels(a, b, kind ('topic' | 'agreement'), label (topic, or agreement id as text), day, n):
                day buckets, `n` = the pair's documents of that day with that label

Revision ID: 0003_pair_summary
Revises: 0002_query
"""

from __future__ import annotations

from alembic import op

from letopis.store.migrations import summary

revision = "0003_pair_summary"
down_revision = "0002_query"
branch_labels = None
depends_on = None

FACTS = ("events", "figures", "commitments", "quotes")

TABLES = [
    """CREATE TABLE pair_facts (
        a VARCHAR(2) NOT NULL, b VARCHAR(2) NOT NULL, document_id INTEGER NOT NULL,
        published DATE, story_id INTEGER,
        events INTEGER NOT NULL DEFAULT 0, figures INTEGER NOT NULL DEFAULT 0,
        commitments INTEGER NOT NULL DEFAULT 0, quotes INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, a, b))""",
    # Covering: counts, distinct stories and the latest documents of a pair in a date range.
    """CREATE INDEX ix_pair_facts_range ON pair_facts
        (a, b, published, document_id, story_id, events, figures, commitments, quotes)""",
    # Distinct stories of a pair in a date range, streamed in story order (no temporary B-tree).
    "CREATE INDEX ix_pair_facts_story ON pair_facts (a, b, story_id, published)",
    # Day buckets: `n` documents of the pair published on `day` carry the label. `day` is the
    # document's date, or '' when it has none ('' never falls in a date range; see letopis.query).
    """CREATE TABLE pair_labels (
        a VARCHAR(2) NOT NULL, b VARCHAR(2) NOT NULL, kind VARCHAR(10) NOT NULL, label VARCHAR(100) NOT NULL,
        day VARCHAR(10) NOT NULL, n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (a, b, kind, label, day))""",
    # The pair's figures (counted once per story: duplicate_of_id IS NULL; with a pair) with their
    # document's date and `at` = coalesce(period_end, published), the date a series is ordered by.
    """CREATE TABLE pair_figures (
        figure_id INTEGER NOT NULL PRIMARY KEY, a VARCHAR(2) NOT NULL, b VARCHAR(2) NOT NULL,
        metric VARCHAR(40), unit VARCHAR(40), sector VARCHAR(100), kind VARCHAR(20),
        document_id INTEGER NOT NULL, published DATE, at DATE)""",
    # Series groups and their latest points; a pair's latest targets; a document's figures.
    "CREATE INDEX ix_pair_figures_series ON pair_figures (a, b, metric, unit, sector, at, figure_id)",
    "CREATE INDEX ix_pair_figures_kind ON pair_figures (a, b, kind, published, figure_id)",
    "CREATE INDEX ix_pair_figures_doc ON pair_figures (document_id)",
]


def _count(table: str, doc: str) -> str:
    return f"(SELECT count(*) FROM {table} WHERE document_id = {doc} AND duplicate_of_id IS NULL)"


def _labels_of(doc: str) -> str:
    """(kind, label) rows of a document: its topics and the agreements it mentions."""
    return (f"SELECT 'topic' AS kind, topic AS label FROM topics WHERE document_id = {doc} UNION "
            f"SELECT 'agreement', CAST(agreement_id AS TEXT) FROM agreement_mentions WHERE document_id = {doc}")


def _bump(cols: str, rows: str, sign: str) -> str:
    """Add (sign '+') or remove ('-') one document from the buckets: `cols` (a, b, kind, label, day)
    selected by `rows` (FROM ... WHERE ...)."""
    if sign == "+":
        return f"""
        INSERT INTO pair_labels (a, b, kind, label, day, n) SELECT {cols}, 1 {rows}
            ON CONFLICT (a, b, kind, label, day) DO UPDATE SET n = n + 1;"""
    return f"""
        UPDATE pair_labels SET n = n - 1 WHERE (a, b, kind, label, day) IN (SELECT {cols} {rows});"""


def _pair_rows(p: str, sign: str) -> str:
    """Buckets of pair row `p` and its document's labels (the date from pair_facts, which outlives a
    deleted document: cascades delete the document first)."""
    return _bump("pf.a, pf.b, l.kind, l.label, coalesce(pf.published, '')",
                 f"FROM pair_facts pf JOIN ({_labels_of(f'{p}.document_id')}) l "
                 f"WHERE pf.document_id = {p}.document_id AND pf.a = {p}.a AND pf.b = {p}.b", sign)


def _label_rows(doc: str, kind: str, label: str, sign: str, cond: str = "") -> str:
    """Buckets of one label of document `doc`, for each pair of the document."""
    return _bump(f"pf.a, pf.b, '{kind}', {label}, coalesce(pf.published, '')",
                 f"FROM pair_facts pf WHERE pf.document_id = {doc}{cond}", sign)


def _pair_add(p: str) -> str:
    """Statements adding the summary rows of pair row `p` (NEW), from whatever is stored."""
    counts = ", ".join(_count(t, f"{p}.document_id") for t in FACTS)
    return f"""
        INSERT OR REPLACE INTO pair_facts (a, b, document_id, published, story_id, {', '.join(FACTS)})
            SELECT {p}.a, {p}.b, {p}.document_id, d.published, d.story_id, {counts}
            FROM documents d WHERE d.id = {p}.document_id;""" + _pair_rows(p, "+")


def _pair_drop(p: str) -> str:
    return _pair_rows(p, "-") + f"""
        DELETE FROM pair_facts WHERE document_id = {p}.document_id AND a = {p}.a AND b = {p}.b;"""


def _other_mention(p: str) -> str:
    """Another mention of the same agreement in the same document (its label stays counted)."""
    return (f"EXISTS (SELECT 1 FROM agreement_mentions m WHERE m.document_id = {p}.document_id "
            f"AND m.agreement_id = {p}.agreement_id AND m.id != {p}.id)")


def _document_moved() -> str:
    """A document's date changed: move its labels to the new day's buckets, then its pair rows."""
    rows = f"FROM pair_facts pf JOIN ({_labels_of('NEW.id')}) l WHERE pf.document_id = NEW.id"
    cols = "pf.a, pf.b, l.kind, l.label, coalesce({}, '')"
    return (_bump(cols.format("OLD.published"), rows, "-") + _bump(cols.format("NEW.published"), rows, "+") + """
        UPDATE pair_facts SET published = NEW.published, story_id = NEW.story_id WHERE document_id = NEW.id;
        UPDATE pair_figures SET published = NEW.published,
            at = coalesce((SELECT f.period_end FROM figures f WHERE f.id = figure_id), NEW.published)
            WHERE document_id = NEW.id;""")


def _fact_delta(table: str, p: str, sign: str) -> str:
    return f"""
        UPDATE pair_facts SET {table} = {table} {sign} ({p}.duplicate_of_id IS NULL)
            WHERE document_id = {p}.document_id;"""


def _figure_add(p: str) -> str:
    return f"""
        INSERT OR REPLACE INTO pair_figures (figure_id, a, b, metric, unit, sector, kind, document_id, published, at)
            SELECT {p}.id, {p}.pair_a, {p}.pair_b, {p}.metric, {p}.unit, {p}.sector, {p}.kind, {p}.document_id,
                   d.published, coalesce({p}.period_end, d.published)
            FROM documents d WHERE d.id = {p}.document_id AND {p}.duplicate_of_id IS NULL
                AND {p}.pair_a IS NOT NULL AND {p}.pair_b IS NOT NULL;"""


def _triggers() -> list[tuple[str, str, str]]:
    """(name, event clause, body) of every trigger."""
    agreement = "CAST({p}.agreement_id AS TEXT)"
    out = [
        ("pair_summary_pairs_ai", "AFTER INSERT ON pairs", _pair_add("NEW")),
        ("pair_summary_pairs_ad", "AFTER DELETE ON pairs", _pair_drop("OLD")),
        ("pair_summary_pairs_au", "AFTER UPDATE ON pairs", _pair_drop("OLD") + _pair_add("NEW")),
        ("pair_summary_documents_au", "AFTER UPDATE OF published, story_id ON documents", _document_moved()),
        ("pair_summary_topics_ai", "AFTER INSERT ON topics", _label_rows("NEW.document_id", "topic", "NEW.topic", "+")),
        ("pair_summary_topics_ad", "AFTER DELETE ON topics", _label_rows("OLD.document_id", "topic", "OLD.topic", "-")),
        ("pair_summary_topics_au", "AFTER UPDATE ON topics",
         _label_rows("OLD.document_id", "topic", "OLD.topic", "-")
         + _label_rows("NEW.document_id", "topic", "NEW.topic", "+")),
        # A document counts once per agreement however many times it mentions it.
        ("pair_summary_agreements_ai", f"AFTER INSERT ON agreement_mentions WHEN NOT {_other_mention('NEW')}",
         _label_rows("NEW.document_id", "agreement", agreement.format(p="NEW"), "+")),
        ("pair_summary_agreements_ad", f"AFTER DELETE ON agreement_mentions WHEN NOT {_other_mention('OLD')}",
         _label_rows("OLD.document_id", "agreement", agreement.format(p="OLD"), "-")),
        ("pair_summary_agreements_au", "AFTER UPDATE OF agreement_id, document_id ON agreement_mentions",
         _label_rows("OLD.document_id", "agreement", agreement.format(p="OLD"), "-", f" AND NOT {_other_mention('OLD')}")
         + _label_rows("NEW.document_id", "agreement", agreement.format(p="NEW"), "+", f" AND NOT {_other_mention('NEW')}")),
    ]
    out += [
        ("pair_summary_figrows_ai", "AFTER INSERT ON figures", _figure_add("NEW")),
        ("pair_summary_figrows_ad", "AFTER DELETE ON figures", "\n        DELETE FROM pair_figures WHERE figure_id = OLD.id;"),
        ("pair_summary_figrows_au", "AFTER UPDATE ON figures",
         "\n        DELETE FROM pair_figures WHERE figure_id = OLD.id;" + _figure_add("NEW")),
    ]
    for t in FACTS:
        out += [
            (f"pair_summary_{t}_ai", f"AFTER INSERT ON {t}", _fact_delta(t, "NEW", "+")),
            (f"pair_summary_{t}_ad", f"AFTER DELETE ON {t}", _fact_delta(t, "OLD", "-")),
            (f"pair_summary_{t}_au", f"AFTER UPDATE OF document_id, duplicate_of_id ON {t}",
             _fact_delta(t, "OLD", "-") + _fact_delta(t, "NEW", "+")),
        ]
    return out


BACKFILL = [
    """INSERT INTO pair_figures (figure_id, a, b, metric, unit, sector, kind, document_id, published, at)
        SELECT f.id, f.pair_a, f.pair_b, f.metric, f.unit, f.sector, f.kind, f.document_id, d.published,
               coalesce(f.period_end, d.published)
        FROM figures f JOIN documents d ON d.id = f.document_id
        WHERE f.duplicate_of_id IS NULL AND f.pair_a IS NOT NULL AND f.pair_b IS NOT NULL""",
    f"""INSERT INTO pair_facts (a, b, document_id, published, story_id, {', '.join(FACTS)})
        SELECT p.a, p.b, p.document_id, d.published, d.story_id, {', '.join(_count(t, 'p.document_id') for t in FACTS)}
        FROM pairs p JOIN documents d ON d.id = p.document_id""",
    """INSERT INTO pair_labels (a, b, kind, label, day, n)
        SELECT pf.a, pf.b, l.kind, l.label, coalesce(pf.published, ''), count(*) FROM pair_facts pf
        JOIN (SELECT DISTINCT document_id, 'topic' AS kind, topic AS label FROM topics UNION
              SELECT DISTINCT document_id, 'agreement', CAST(agreement_id AS TEXT) FROM agreement_mentions) l
          ON l.document_id = pf.document_id
        GROUP BY pf.a, pf.b, l.kind, l.label, coalesce(pf.published, '')""",
]

# Also for the dossier's history of its agreements (first/last mention per status, counts).
INDEXES = [
    ("ix_agreement_mentions_agr_status", "agreement_mentions", ["agreement_id", "status", "id"]),
    # A pair's figure series: their groups and latest points by period_end straight from the index.
    ("ix_figures_pair_series", "figures",
     ["pair_a", "pair_b", "duplicate_of_id", "metric", "unit", "sector", "period_end", "document_id"]),
    # A pair's latest targets (ordered by their document's date): no figure row read.
    ("ix_figures_pair_kind_doc", "figures", ["pair_a", "pair_b", "kind", "duplicate_of_id", "document_id"]),
    # A series' actuals in document order (target evaluation) without reading the figure rows.
    ("ix_figures_series_actuals", "figures", ["series_key", "kind", "unit", "document_id", "value"]),
]


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)
    summary.create(TABLES, _triggers(), BACKFILL)


def downgrade() -> None:
    summary.drop(_triggers(), ["pair_labels", "pair_figures", "pair_facts"])
    for name, table, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
