"""Query functions over the knowledge base: the one thin layer every interface calls.

The CLI (`letopis pair ...`, `--format json`), the REST API and the web UI all call these functions
and get the SAME plain JSON-able data (dicts, lists, str, int, float, bool, None). Every function takes
an SQLAlchemy `Session` first (bound to an engine from `letopis.store.db.open_db(url)`).

Arguments
---------
- Countries (`a`, `b`, `pair`) accept ISO codes in any case ("KZ", "kz"), Russian or English names
  and Russian word forms ("Казахстан", "Казахстана", "Kazakhstan"); `pair` is "KZ-TJ", "KZ TJ",
  "Казахстан-Таджикистан" or a 2-sequence. Unknown names raise `LookupError` (see `letopis.lookup`).
- Persons (`speaker`, `ref`) accept any name form: "Токаев", "Токаева", "Касым-Жомарт Токаев",
  "К.-Ж. Токаев", or an entity id (int or digits).
- Documents (`doc_id`) are the store's integer id (or its digits as a string) or the caller's
  external id (the JSON Lines "id").
- `since` / `until` are ISO dates "YYYY", "YYYY-MM" or "YYYY-MM-DD" (inclusive; "2023" as `until`
  means to the end of 2023), filtering on the document's publication date.
- List functions take `limit` / `offset` and return {"total": int, "items": [...]}.

Shared shapes (used in many results)
------------------------------------
Evidence   {"document_id": int, "external_id": str|None, "date": "YYYY-MM-DD"|None, "title": str|None,
            "source": str|None, "url": str|None, "text": str, "start": int, "end": int}
           `text` is the exact sentence/clause: the document's text[start:end] == text.
PersonRef  {"id": int, "name": str, "role": str|None, "country": str|None}
CountryRef {"code": "KZ", "name": "Казахстан", "name_en": "Kazakhstan"}

Big stores: the dossier lists are capped (the latest `DOSSIER_LIMITS` items each) while `counts`
always cover everything; narrow with since/until to see older detail. On SQLite the dossier reads
its counts, sectors, agreements, figure series and targets from the pair summary tables that
migration 0003 keeps up to date with triggers (pair_facts, pair_labels, pair_figures): one index
range per section instead of a probe per document (PostgreSQL computes the same from the facts).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, func, or_, select, text
from sqlalchemy.orm import Session, defer

from letopis import lookup
from letopis.store import schema as s
from letopis.store.db import has_summary

JSON = dict[str, Any]
_ENTITY_ID = re.compile(r"^E\d+$")
PairArg = str | Sequence[str] | None
DocIds = list[int] | Select  # document ids, or a statement selecting them (used as a subquery)

# Status values of tracked targets/commitments (resolve.py computes them for targets).
COMMITMENT_STATUSES = ("open", "met", "overdue")
EXPORT_KINDS = ("documents", "quotes", "figures", "agreements", "events", "commitments", "entities")
# The dossier's lists cover the pair's latest `recent_documents` documents (narrow with since/until for
# older detail); `counts`, agreements, figure series and targets cover everything.
DOSSIER_LIMITS = {"recent_documents": 300, "timeline": 60, "agreements": 40, "history": 6, "series": 12,
                  "series_points": 40, "targets": 20, "commitments": 60, "speakers": 8, "quotes_per_speaker": 3,
                  "documents": 20, "sectors": 15}


# ================================================================ helpers


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@lru_cache(maxsize=256)
def _dates(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """Parsed (since, until); memoised because one dossier asks a dozen times (and dates are immutable)."""
    from letopis.resolve import parse_date

    lo = parse_date(since) if since else None
    hi = parse_date(until, end=True) if until else None
    if since and lo is None:
        raise ValueError(f"bad date for since: {since!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if until and hi is None:
        raise ValueError(f"bad date for until: {until!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return lo, hi


def _date_filter(stmt: Select, since: str | None, until: str | None) -> Select:
    lo, hi = _dates(since, until)
    if lo:
        stmt = stmt.where(s.Document.published >= lo)
    if hi:
        stmt = stmt.where(s.Document.published <= hi)
    return stmt


def _pair(pair: PairArg) -> tuple[str, str] | None:
    return lookup.parse_pair(pair) if pair else None


def _pair_docs(a: str, b: str):
    """Ids of the documents about pair (a, b) (sorted codes), as a scalar subquery for IN."""
    return select(s.Pair.document_id).where(s.Pair.a == a, s.Pair.b == b)


def _pair_filter(stmt: Select, pr: tuple[str, str] | None, doc_col) -> Select:
    return stmt.where(doc_col.in_(_pair_docs(*pr))) if pr else stmt


_DOC_COLS = (s.Document.id, s.Document.external_id, s.Document.published, s.Document.title,
             s.Document.url, s.Source.name)


# Columns a document list never shows: not read (extraction_json alone is most of a stored row).
_LIGHT_DOC = (defer(s.Document.extraction_json), defer(s.Document.lemmas_text), defer(s.Document.minhash))


def _with_doc(stmt: Select, doc_col) -> Select:
    return stmt.join(s.Document, s.Document.id == doc_col).outerjoin(s.Source, s.Source.id == s.Document.source_id)


def _evidence(row: Any, fact: Any) -> JSON:
    """Evidence from a row holding _DOC_COLS (labelled d_*) and a fact with text/start/end."""
    return {"document_id": row.d_id, "external_id": row.d_external_id, "date": _iso(row.d_published),
            "title": row.d_title, "source": row.d_source, "url": row.d_url,
            "text": fact.text, "start": fact.start, "end": fact.end}


def _doc_cols() -> list:
    return [s.Document.id.label("d_id"), s.Document.external_id.label("d_external_id"),
            s.Document.published.label("d_published"), s.Document.title.label("d_title"),
            s.Document.url.label("d_url"), s.Source.name.label("d_source")]


def _run(session: Session, stmt: Any, params: dict | None = None) -> Any:
    """Execute a Core select (plain columns, no ORM entity) on the session's connection: the same rows
    without the ORM result layer, which costs ~0.3 ms per query (a dossier runs ~35)."""
    return session.connection().execute(stmt, params)


def _page(session: Session, stmt: Select, limit: int, offset: int, count: bool = True,
          core: bool = False, key: Any = None) -> tuple[int, list[Any]]:
    """(total, the rows of one page); `count=False` skips the total (-1) for callers that drop it;
    `core` for statements without ORM entities (see `_run`).

    `key` (the rows' primary key column): page the keys first, then read the page's full rows. Why:
    sorting full rows makes the database read every candidate's text columns (800 events of the
    latest 300 documents for a page of 60); sorting keys reads only index entries."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0 if count else -1
    if key is not None:
        keys = stmt.with_only_columns(key).limit(max(0, limit)).offset(max(0, offset))
        page = stmt.where(key.in_(keys))
    else:
        page = stmt.limit(max(0, limit)).offset(max(0, offset))
    rows = (_run(session, page) if core else session.execute(page)).all()
    return int(total), rows


def _sources(session: Session, model: Any, ids: Iterable[int]) -> dict[int, int]:
    """How many documents report each fact: 1 + its reprints (rows with duplicate_of_id = id)."""
    ids = list(ids)
    out = dict.fromkeys(ids, 1)
    if not ids:
        return out
    q = (select(model.duplicate_of_id, func.count()).where(model.duplicate_of_id.in_(ids))
         .group_by(model.duplicate_of_id))
    for fid, n in _run(session, q):
        out[fid] = 1 + int(n)
    return out


def _persons(session: Session, ids: Iterable[int]) -> dict[int, JSON]:
    """PersonRef of each entity id, with the latest role seen."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    e, er = s.Entity, s.EntityRole
    # Plain rows, not ORM objects: only these columns are shown.
    out = {r.id: {"id": r.id, "name": r.name, "role": None, "country": r.country, "type": r.type}
           for r in _run(session, select(e.id, e.name, e.country, e.type).where(e.id.in_(ids)))}
    roles = _run(session, select(er.entity_id, er.title).where(er.entity_id.in_(ids))
                            .order_by(er.last_seen.is_(None), er.last_seen))
    for r in roles:  # ordered oldest first: the last one written wins
        if r.entity_id in out:
            out[r.entity_id]["role"] = r.title
    return out


def _ids(csv: str | None) -> list[int]:
    return [int(x) for x in (csv or "").split(",") if x.strip().isdigit()]


def _codes(csv: str | None) -> list[str]:
    return [x.strip() for x in (csv or "").split(",") if x.strip()]


def _today() -> date:
    return date.today()


def _commitment_status(c: s.Commitment, today: date) -> str:
    """Tracked targets: the stored status (open past its deadline reads overdue); untracked promises:
    open, or overdue once their deadline has passed."""
    from letopis.resolve import effective_status

    if c.status:
        return effective_status(c, today) or "open"
    return "overdue" if c.deadline is not None and c.deadline < today else "open"


def _doc_pairs(session: Session, doc_ids: Iterable[int]) -> dict[int, list[str]]:
    doc_ids = list(set(doc_ids))
    out: dict[int, list[str]] = defaultdict(list)
    if doc_ids:
        for p in _run(session, select(s.Pair.document_id, s.Pair.a, s.Pair.b).where(s.Pair.document_id.in_(doc_ids))):
            out[p.document_id].append(f"{p.a}-{p.b}")
    return out


# ================================================================ pair summary (SQLite)


def _summary(session: Session) -> bool:
    """Whether the store has the pair summary tables (migration 0003; see `store.db.has_summary`)."""
    return has_summary(session, "pair_facts")


@cache
def _pair_facts():
    from sqlalchemy import Column, Date, Integer, MetaData, String, Table

    return Table("pair_facts", MetaData(), Column("a", String(2)), Column("b", String(2)),
                 Column("document_id", Integer), Column("published", Date), Column("story_id", Integer),
                 *(Column(c, Integer) for c in ("events", "figures", "commitments", "quotes")))


@cache
def _pair_labels():
    from sqlalchemy import Column, Integer, MetaData, String, Table

    # `day` is text: the ISO date, or '' for documents without one.
    return Table("pair_labels", MetaData(), Column("a", String(2)), Column("b", String(2)),
                 Column("kind", String(10)), Column("label", String(100)), Column("day", String(10)),
                 Column("n", Integer))


@cache
def _pair_figures():
    from sqlalchemy import Column, Date, Integer, MetaData, String, Table

    return Table("pair_figures", MetaData(), Column("figure_id", Integer), Column("a", String(2)),
                 Column("b", String(2)), Column("metric", String(40)), Column("unit", String(40)),
                 Column("sector", String(100)), Column("kind", String(20)), Column("document_id", Integer),
                 Column("published", Date), Column("at", Date))


def _summary_dates(stmt: Select, col, since: str | None, until: str | None) -> Select:
    lo, hi = _dates(since, until)
    if lo:
        stmt = stmt.where(col >= lo)
    if hi:
        stmt = stmt.where(col <= hi)
    return stmt


def _label_days(stmt: Select, since: str | None, until: str | None) -> Select:
    """`_summary_dates` on pair_labels.day (ISO text; '' = no date, which no range includes)."""
    lo, hi = _dates(since, until)
    day = _pair_labels().c.day
    if lo:
        stmt = stmt.where(day >= lo.isoformat())
    if hi:
        stmt = stmt.where(day <= hi.isoformat(), day != "")
    return stmt


# ================================================================ cache


def _store_version(session: Session) -> str:
    """Changes whenever a document is stored (ids only grow), and daily (overdue depends on today).
    max(id) is one index probe; count(*) would scan 100,000 rows. Nothing in letopis deletes documents;
    code that does must call `clear_cache`."""
    top = session.scalar(select(func.max(s.Document.id)))
    return f"{top}:{_today().isoformat()}"


def clear_cache(session: Session) -> None:
    """Forget every cached dossier (after deleting or editing stored documents)."""
    with session.get_bind().connect() as conn, conn.begin():
        conn.execute(_cache_table().delete())


def _cached(session: Session, key: str, compute: Any, use_cache: bool = True) -> Any:
    """`compute()` memoised in the store's query_cache table under `key` for the current store version.

    Why: a dossier aggregates every fact of a pair (tens of thousands of rows at 100k documents);
    on an unchanged store the answer is the same, so it is computed once and read back by key. The
    cache is best effort: a read-only or locked database just computes every time."""
    if not use_cache:
        return compute()
    version = _store_version(session)
    table = _cache_table()
    try:
        raw = session.execute(select(table.c.value).where(table.c.key == key, table.c.version == version)).scalar()
    except Exception:  # no cache table (an older store): compute
        session.rollback()
        return compute()
    if raw is not None:
        return json.loads(raw)
    value = compute()
    try:
        from datetime import UTC, datetime

        with session.get_bind().connect() as conn, conn.begin():
            conn.execute(table.delete().where(table.c.key == key))
            conn.execute(table.insert().values(key=key, version=version, created_at=datetime.now(UTC),
                                               value=json.dumps(value, ensure_ascii=False)))
    except Exception:  # read-only or busy database: serve the computed value anyway
        pass
    return value


@cache
def _cache_table():
    from sqlalchemy import Column, DateTime, MetaData, String, Table, Text

    return Table("query_cache", MetaData(), Column("key", String(300), primary_key=True),
                 Column("version", String(100)), Column("value", Text), Column("created_at", DateTime(timezone=True)))


# ================================================================ pairs


def list_pairs(session: Session, use_cache: bool = True) -> list[JSON]:
    """Every country pair in the store, richest first.

    Returns [{"pair": "KZ-TJ", "a": CountryRef, "b": CountryRef, "documents": int, "stories": int, "events": int,
    "agreements": int, "figures": int, "commitments": int, "quotes": int,
    "first": date|None, "last": date|None}] — `last` is the last activity (latest document date).
    """
    return _cached(session, "pairs", lambda: _list_pairs(session), use_cache)


def _list_pairs(session: Session) -> list[JSON]:
    rows = session.execute(
        select(s.Pair.a, s.Pair.b, func.count(), func.count(func.distinct(s.Document.story_id)),
               func.min(s.Document.published), func.max(s.Document.published))
        .join(s.Document, s.Document.id == s.Pair.document_id)
        .group_by(s.Pair.a, s.Pair.b)
    ).all()
    out = []
    for a, b, n, stories, first, last in rows:
        counts = _counts(session, a, b, None, None, with_docs=False)
        out.append({"pair": f"{a}-{b}", "a": lookup.country_ref(a), "b": lookup.country_ref(b),
                    "documents": int(n), "stories": int(stories), **counts, "first": _iso(first), "last": _iso(last)})
    # Richest first: distinct stories (a reprint adds nothing new), then facts.
    facts = ("events", "agreements", "figures", "commitments", "quotes")
    out.sort(key=lambda p: (-p["stories"], -sum(p[k] for k in facts), p["pair"]))
    return out


def _counts(session: Session, a: str, b: str, since: str | None, until: str | None,
            with_docs: bool = True, agreement_ids: list[int] | None = None) -> JSON:
    """Fact counts of a pair (each fact once per story); `agreement_ids` when the caller has them."""
    if agreement_ids is None:
        agreement_ids = _agreement_ids(session, a, b, since, until)
    if _summary(session):
        return _summary_counts(session, a, b, since, until, with_docs, agreement_ids)

    def count(model: Any) -> int:
        q = select(func.count()).select_from(model).where(model.document_id.in_(_pair_docs(a, b)))
        if hasattr(model, "duplicate_of_id"):
            q = q.where(model.duplicate_of_id.is_(None))
        if since or until:
            q = _date_filter(q.join(s.Document, s.Document.id == model.document_id), since, until)
        return int(session.scalar(q) or 0)

    out: JSON = {}
    if with_docs:
        q = _date_filter(select(func.count(), func.count(func.distinct(s.Document.story_id)))
                         .select_from(s.Pair).join(s.Document, s.Document.id == s.Pair.document_id)
                         .where(s.Pair.a == a, s.Pair.b == b), since, until)
        docs, stories = session.execute(q).one()
        out.update(documents=int(docs), stories=int(stories))
    out["events"] = count(s.Event)
    out["agreements"] = len(agreement_ids)
    out["figures"] = count(s.Figure)
    out["commitments"] = count(s.Commitment)
    out["quotes"] = count(s.Quote)
    return out


def _summary_counts(session: Session, a: str, b: str, since: str | None, until: str | None,
                    with_docs: bool, agreement_ids: list[int]) -> JSON:
    """`_counts` from the pair summary: one range scan of its covering index, or without dates one row
    of pair_totals (migration 0004) when the store has it."""
    if not (since or until) and has_summary(session, "pair_totals"):
        row = _run(session, text("SELECT documents, stories, events, figures, commitments, quotes "
                                 "FROM pair_totals WHERE a = :a AND b = :b"), {"a": a, "b": b}).first()
        docs, stories, events, figures, commitments, quotes = row or (0,) * 6
        totals: JSON = {"documents": int(docs), "stories": int(stories)} if with_docs else {}
        totals.update(events=int(events), agreements=len(agreement_ids),
                      figures=int(figures), commitments=int(commitments), quotes=int(quotes))
        return totals
    t = _pair_facts()
    q = select(func.count(), *(func.coalesce(func.sum(t.c[k]), 0) for k in ("events", "figures", "commitments", "quotes")))
    q = _summary_dates(q.where(t.c.a == a, t.c.b == b), t.c.published, since, until)
    docs, events, figures, commitments, quotes = _run(session, q).one()
    out: JSON = {}
    if with_docs:  # a separate query: counting distinct stories wants the (a, b, story_id) index
        stories = _summary_dates(select(func.count(func.distinct(t.c.story_id))).where(t.c.a == a, t.c.b == b),
                                 t.c.published, since, until)
        out.update(documents=int(docs), stories=int(_run(session, stories).scalar() or 0))
    out.update(events=int(events), agreements=len(agreement_ids),
               figures=int(figures), commitments=int(commitments), quotes=int(quotes))
    return out


def pair_dossier(session: Session, a: str, b: str, since: str | None = None, until: str | None = None,
                 use_cache: bool = True) -> JSON:
    """The chronicle of one country pair.

    Returns {
      "pair": "KZ-TJ", "a": CountryRef, "b": CountryRef, "since": str|None, "until": str|None,
      "counts": {"documents", "stories", "events", "agreements", "figures", "commitments", "quotes": int},
      "timeline": [ {"id", "date", "type", "name", "status", "location": str|None,
                     "participants": [PersonRef], "sources": int, "evidence": Evidence} ]  oldest first,
      "agreements": [ {"id", "title", "type", "status" (strongest seen), "signed": date|None,
                       "first", "last", "parties": [str],
                       "history": [ {"date", "status", "title", "evidence": Evidence} ]} ],
      "figures": [ {"key", "metric", "sector": str|None, "unit",
                    "series": [ {"id", "date", "period": str|None, "value": float, "qualifier", "kind",
                                 "sources": int, "evidence": Evidence} ]} ]  (actuals and targets),
      "targets": [ {"id", "metric", "sector", "value", "unit", "qualifier", "deadline": str|None,
                    "status": "open"|"met"|"overdue", "set": Evidence,
                    "actual": {"value", "unit", "period", "evidence": Evidence}|None} ],
      "commitments": [ {"id", "modality", "status": "open"|"met"|"overdue", "tracked": bool, "deadline",
                        "actors": [str], "figure": {"metric", "value", "unit", "qualifier"}|None,
                        "evidence": Evidence, "met_by": Evidence|None} ]  newest first,
      "quotes": [ {"speaker": PersonRef, "count": int,
                   "quotes": [ {"id", "text", "direct": bool, "cue", "date", "evidence": Evidence} ]} ],
      "sectors": [ {"sector": str, "documents": int} ],
      "documents": [ {"id", "external_id", "title", "date", "source", "url"} ]  newest first,
    }
    Raises LookupError for unknown countries. Results are cached per store version (see `_cached`).
    """
    a, b = lookup.parse_pair([a, b])
    _dates(since, until)  # validate early
    key = f"pair:{a}-{b}:{since or ''}:{until or ''}"
    return _cached(session, key, lambda: _dossier(session, a, b, since, until), use_cache)


def _dossier(session: Session, a: str, b: str, since: str | None, until: str | None) -> JSON:
    recent = _recent_docs_q(session, a, b, since, until, DOSSIER_LIMITS["recent_documents"])
    agreement_ids = _agreement_ids(session, a, b, since, until)  # for counts and the list: computed once
    return {
        "pair": f"{a}-{b}", "a": lookup.country_ref(a), "b": lookup.country_ref(b),
        "since": since, "until": until,
        "counts": _counts(session, a, b, since, until, agreement_ids=agreement_ids),
        "timeline": _timeline(session, None, since, until, None, DOSSIER_LIMITS["timeline"], 0, doc_ids=recent,
                              count=False)[1],
        "agreements": _agreements(session, (a, b), None, None, since, until,
                                  DOSSIER_LIMITS["agreements"], 0, count=False, ids=agreement_ids)[1],
        "figures": _series(session, a, b, since, until),
        "targets": _targets(session, a, b, since, until),
        "commitments": _commitments(session, None, None, None, since, until,
                                    DOSSIER_LIMITS["commitments"], 0, doc_ids=recent, count=False)[1],
        "quotes": _top_quotes(session, recent),
        "sectors": _sectors(session, a, b, since, until),
        "documents": _docs_by_ids(session, _recent_docs(session, a, b, since, until, DOSSIER_LIMITS["documents"])),
    }


def _recent_docs_q(session: Session, a: str, b: str, since: str | None, until: str | None, n: int) -> Select:
    """Ids of the pair's latest `n` documents (newest first): the window the dossier's lists show.
    A statement, not a list: the lists filter on it as a subquery, so 300 ids never travel from the
    database to Python and back as 300 bound parameters per query."""
    if _summary(session):
        t = _pair_facts()
        q = _summary_dates(select(t.c.document_id).where(t.c.a == a, t.c.b == b), t.c.published, since, until)
        return q.order_by(t.c.published.desc(), t.c.document_id.desc()).limit(n)
    q = (select(s.Pair.document_id).join(s.Document, s.Document.id == s.Pair.document_id)
         .where(s.Pair.a == a, s.Pair.b == b))
    return _date_filter(q, since, until).order_by(s.Document.published.desc(), s.Document.id.desc()).limit(n)


def _recent_docs(session: Session, a: str, b: str, since: str | None, until: str | None, n: int) -> list[int]:
    return _run(session, _recent_docs_q(session, a, b, since, until, n)).scalars().all()


def _docs_by_ids(session: Session, ids: list[int]) -> list[JSON]:
    if not ids:
        return []
    d = s.Document
    rows = _run(session, select(d.id, d.external_id, d.title, d.published, d.url, d.story_id, d.chars, s.Source.name)
                           .outerjoin(s.Source, s.Source.id == d.source_id).where(d.id.in_(ids))).all()
    by_id = {r.id: _doc_item(r, r.name) for r in rows}
    return _with_labels(session, [by_id[i] for i in ids if i in by_id])


# ================================================================ events / timeline


def _timeline(session: Session, pr: tuple[str, str] | None, since: str | None, until: str | None,
              type_: str | None, limit: int, offset: int, doc_ids: DocIds | None = None,
              count: bool = True) -> tuple[int, list[JSON]]:
    when = func.coalesce(s.Event.date, s.Document.published)
    # Plain rows (the event's columns with the document's): no ORM object per event.
    q = _with_doc(select(s.Event.__table__, when.label("when"), *_doc_cols()), s.Event.document_id)
    q = _pair_filter(q.where(s.Event.duplicate_of_id.is_(None)), pr, s.Event.document_id)
    if doc_ids is not None:
        q = q.where(s.Event.document_id.in_(doc_ids))
    if type_:
        q = q.where(s.Event.type == type_)
    q = _date_filter(q, since, until).order_by(when.desc(), s.Event.id.desc())
    total, rows = _page(session, q, limit, offset, count, core=True, key=s.Event.id)
    srcs = _sources(session, s.Event, [r.id for r in rows])
    people = _persons(session, [i for r in rows for i in _ids(r.participants)])
    places = _Places(session)
    items = []
    for r in reversed(rows):  # oldest first
        e = r
        parts = [people[i] for i in _ids(e.participants) if i in people]
        items.append({"id": e.id, "date": _iso(r.when), "type": e.type, "name": e.name, "status": e.status,
                      "location": places.name(e.document_id, e.location), "participants": parts,
                      "sources": srcs.get(e.id, 1),
                      "evidence": _evidence(r, e)})
    return total, items


class _Places:
    """Event locations stored as the extractor's in-document entity id ("E8") read as that entity's name
    (from the document's stored extraction); plain names pass through."""

    def __init__(self, session: Session):
        self.session = session
        self._docs: dict[int, dict[str, str]] = {}

    def name(self, doc_id: int, loc: str | None) -> str | None:
        if not loc or not _ENTITY_ID.match(loc):
            return loc
        if doc_id not in self._docs:
            raw = self.session.scalar(select(s.Document.extraction_json).where(s.Document.id == doc_id)) or "{}"
            ents = json.loads(raw).get("entities") or []
            self._docs[doc_id] = {e.get("id"): e.get("name") for e in ents}
        return self._docs[doc_id].get(loc)


def list_events(session: Session, pair: PairArg = None, type: str | None = None, since: str | None = None,
                until: str | None = None, limit: int = 50, offset: int = 0) -> JSON:
    """Events (newest page first, each page oldest first). Returns {"total", "items": [ timeline items
    of `pair_dossier` ]}."""
    total, items = _timeline(session, _pair(pair), since, until, type, limit, offset)
    return {"total": total, "items": items}


# ================================================================ agreements


def _agreement_ids(session: Session, a: str, b: str, since: str | None, until: str | None) -> list[int]:
    """Agreements of a pair: those whose parties are the pair, or mentioned in the pair's documents."""
    if _summary(session):
        return _summary_agreement_ids(session, a, b, since, until)
    q = select(s.AgreementMention.agreement_id).join(s.Document, s.Document.id == s.AgreementMention.document_id)
    # Two indexed queries rather than one OR, which SQLite would answer with a full scan.
    by_doc = _date_filter(q.where(s.AgreementMention.document_id.in_(_pair_docs(a, b))), since, until)
    own = select(s.Agreement.id).where(s.Agreement.pair_a == a, s.Agreement.pair_b == b)
    by_party = _date_filter(q.where(s.AgreementMention.agreement_id.in_(own)), since, until)
    return sorted(set(session.scalars(by_doc.distinct())) | set(session.scalars(by_party.distinct())))


def _summary_agreement_ids(session: Session, a: str, b: str, since: str | None, until: str | None) -> list[int]:
    """`_agreement_ids` from the pair summary (agreements mentioned in the pair's documents) plus the
    pair's own agreements with a mention in the date range (EXISTS stops at the first one)."""
    t = _pair_labels()
    q = _label_days(select(t.c.label).where(t.c.a == a, t.c.b == b, t.c.kind == "agreement", t.c.n > 0), since, until)
    by_doc = {int(x) for x in _run(session, q.distinct()).scalars()}
    m = s.AgreementMention
    mention = _date_filter(select(m.id).join(s.Document, s.Document.id == m.document_id)
                           .where(m.agreement_id == s.Agreement.id), since, until)
    own = select(s.Agreement.id).where(s.Agreement.pair_a == a, s.Agreement.pair_b == b, exists(mention))
    return sorted(by_doc | set(_run(session, own).scalars()))


def _agreements(session: Session, pr: tuple[str, str] | None, status: str | None, type_: str | None,
                since: str | None, until: str | None, limit: int, offset: int,
                count: bool = True, ids: list[int] | None = None) -> tuple[int, list[JSON]]:
    """`ids`: the pair's agreement ids when the caller has them (`_agreement_ids`)."""
    q = select(s.Agreement.__table__)  # plain rows: no ORM object per agreement
    if pr or since or until:
        if pr:
            ids = _agreement_ids(session, pr[0], pr[1], since, until) if ids is None else ids
        else:
            ids = list(session.scalars(_date_filter(
                select(s.AgreementMention.agreement_id).join(s.Document, s.Document.id == s.AgreementMention.document_id),
                since, until).distinct()))
        q = q.where(s.Agreement.id.in_(ids))
    if status:
        q = q.where(s.Agreement.status == status)
    if type_:
        q = q.where(s.Agreement.type == type_)
    q = q.order_by(s.Agreement.last_seen.desc(), s.Agreement.id.desc())
    total, rows = _page(session, q, limit, offset, count, core=True)
    hist, mentions = _agreement_history(session, [r.id for r in rows])
    items = []
    for g in rows:
        items.append({"id": g.id, "title": g.title, "type": g.type, "status": g.status,
                      "signed": _iso(g.signed_date), "first": _iso(g.first_seen), "last": _iso(g.last_seen),
                      "valid_until": _iso(g.valid_until), "parties": _codes(g.parties),
                      "mentions": mentions.get(g.id, 0), "history": hist.get(g.id, [])})
    return total, items


def _agreement_history(session: Session, ids: list[int]) -> tuple[dict[int, list[JSON]], dict[int, int]]:
    """Per agreement: the first and the last mention of each status (oldest first), and the number
    of mentions. Why not every mention: an agreement in force is referred to in thousands of articles."""
    out: dict[int, list[JSON]] = defaultdict(list)
    counts: dict[int, int] = {}
    if not ids:
        return out, counts
    m = s.AgreementMention
    picks: set[int] = set()
    if has_summary(session, "agreement_status"):  # kept by triggers (migration 0005): a few rows
        grouped = text("SELECT agreement_id, status, first_id, last_id, n FROM agreement_status "
                       "WHERE agreement_id IN :ids").bindparams(bindparam("ids", list(ids), expanding=True))
    else:
        grouped = (select(m.agreement_id, m.status, func.min(m.id), func.max(m.id), func.count())
                   .where(m.agreement_id.in_(ids)).group_by(m.agreement_id, m.status))
    for agr, _status, first, last, n in _run(session, grouped):
        picks.update((first, last))
        counts[agr] = counts.get(agr, 0) + int(n)
    when = func.coalesce(m.date, s.Document.published)
    q = _with_doc(select(m.__table__, when.label("when"), *_doc_cols()), m.document_id)
    for r in _run(session, q.where(m.id.in_(picks)).order_by(when, m.id)):
        x = r
        out[x.agreement_id].append({"date": _iso(r.when), "status": x.status, "title": x.title,
                                    "evidence": _evidence(r, x)})
    return out, counts


def list_agreements(session: Session, pair: PairArg = None, status: str | None = None, type: str | None = None,
                    since: str | None = None, until: str | None = None, limit: int = 50, offset: int = 0) -> JSON:
    """Canonical agreements (one per document across articles), newest activity first.

    `status` filters on the strongest status seen ("signed", "referenced", "planned").
    Returns {"total", "items": [ {"id", "title", "type", "status", "parties": [str], "signed": date|None,
    "first": date, "last": date, "valid_until", "mentions": int,
    "history": [ {"date", "status", "title", "evidence": Evidence} ]} ]} — the history holds the first and
    the last mention of each status, oldest first (`mentions` counts them all).
    """
    total, items = _agreements(session, _pair(pair), status, type, since, until, limit, offset)
    return {"total": total, "items": items}


# ================================================================ figures and targets


def _figure_item(r: Any, f: s.Figure, sources: int = 1) -> JSON:
    return {"id": f.id, "metric": f.metric, "sector": f.sector, "value": f.value, "unit": f.unit,
            "qualifier": f.qualifier, "kind": f.kind, "period": f.period_text,
            "period_end": _iso(f.period_end), "countries": _codes(f.countries),
            "pair": f"{f.pair_a}-{f.pair_b}" if f.pair_a and f.pair_b else None,
            "date": _iso(r.d_published), "sources": sources, "evidence": _evidence(r, f)}


def _figures_q(pr: tuple[str, str] | None, since: str | None, until: str | None) -> Select:
    q = _with_doc(select(s.Figure, *_doc_cols()), s.Figure.document_id).where(s.Figure.duplicate_of_id.is_(None))
    if pr:
        q = q.where(_figure_pair_clause(pr))
    return _date_filter(q, since, until)


def _series(session: Session, a: str, b: str, since: str | None, until: str | None) -> list[JSON]:
    """Time series of the pair's figures (one per metric/sector/unit), each its latest points oldest first."""
    fast = _summary(session) and not (since or until)  # pair_figures has no date filter of its own
    if fast:
        t = _pair_figures()
        groups_q = (select(t.c.metric, t.c.sector, t.c.unit, func.count().label("n")).where(t.c.a == a, t.c.b == b)
                    .group_by(t.c.metric, t.c.sector, t.c.unit))
    else:
        groups_q = (select(s.Figure.metric, s.Figure.sector, s.Figure.unit, func.count().label("n"))
                    .where(s.Figure.duplicate_of_id.is_(None), _figure_pair_clause((a, b))))
        if since or until:  # the join costs a probe per figure: only when dates filter
            groups_q = _date_filter(groups_q.join(s.Document, s.Document.id == s.Figure.document_id), since, until)
        groups_q = groups_q.group_by(s.Figure.metric, s.Figure.sector, s.Figure.unit)
    # Few series (the usual case): their keys by a skip scan of the index, without counting every figure
    # (the counts only choose WHICH series when there are more than the limit; the output sorts itself).
    groups = _summary_groups(session, a, b, DOSSIER_LIMITS["series"]) if fast else None
    if groups is None:
        groups = _run(session, groups_q.order_by(func.count().desc()).limit(DOSSIER_LIMITS["series"])).all()
    when = func.coalesce(s.Figure.period_end, s.Document.published)
    # Plain rows (the figure's columns with the document's): no ORM object per point.
    full = _with_doc(select(s.Figure.__table__, *_doc_cols(), when.label("when")), s.Figure.document_id)
    order = (when.desc(), s.Figure.id.desc())
    series: dict[tuple, list[Any]] = {}
    if fast:  # each series' points are exactly its latest ids in pair_figures: load them all at once
        ids = _summary_points_all(session, a, b, [(m, sec, u) for m, sec, u, _n in groups])
        for r in _run(session, full.where(s.Figure.id.in_(ids)).order_by(*order)) if ids else []:
            series.setdefault((r.metric, r.sector, r.unit), []).append(r)
    for metric, sector, unit, _n in groups if not fast else []:
        same = (s.Figure.metric == metric, s.Figure.unit == unit,
                s.Figure.sector.is_(None) if sector is None else s.Figure.sector == sector)
        if since or until:
            q = _with_doc(select(s.Figure.__table__, *_doc_cols(), when.label("when")), s.Figure.document_id).where(
                s.Figure.duplicate_of_id.is_(None), _figure_pair_clause((a, b)), *same)
            q = _date_filter(q, since, until)
        else:  # by id alone, so that SQLite looks the candidates up by rowid
            q = full.where(s.Figure.id.in_(_latest_points(session, a, b, same)))
        series[(metric, sector, unit)] = session.execute(
            q.order_by(*order).limit(DOSSIER_LIMITS["series_points"])).all()
    srcs = _sources(session, s.Figure, [r.id for rows in series.values() for r in rows])
    out = []
    for metric, sector, unit, _n in groups:
        rows = series.get((metric, sector, unit), [])
        points = [{**_figure_item(r, r, srcs.get(r.id, 1)), "date": _iso(r.when)} for r in reversed(rows)]
        out.append({"key": f"{metric}|{sector or '-'}|{unit}", "metric": metric, "sector": sector, "unit": unit,
                    "series": points})
    out.sort(key=lambda g: (g["metric"] != "trade_turnover", -len(g["series"]), g["key"]))
    return out


def _summary_groups(session: Session, a: str, b: str, limit: int) -> list[tuple] | None:
    """The pair's distinct (metric, sector, unit, None) in pair_figures when there are at most `limit`,
    else None. Why: GROUP BY reads every figure of the pair (45,000 index entries for a big pair);
    stepping from one key to the next is a few index seeks per series (NULL-safe: IS, and NULL sorts
    first as in the index)."""
    cur = session.connection().exec_driver_sql
    head = ("SELECT metric, unit, sector FROM pair_figures WHERE a = ? AND b = ?{} "
            "ORDER BY metric, unit, sector LIMIT 1")

    def after(col: str, v: Any) -> tuple[str, tuple]:
        return (f" AND {col} > ?", (v,)) if v is not None else (f" AND {col} IS NOT NULL", ())

    out: list[tuple] = []
    row = cur(head.format(""), (a, b)).first()
    while row is not None:
        if len(out) == limit:
            return None
        m, u, sec = row
        out.append((m, sec, u, None))
        row = None
        for eq, (cond, args) in (((m, u), after("sector", sec)), ((m,), after("unit", u)), ((), after("metric", m))):
            pre = "".join(f" AND {c} IS ?" for c in ("metric", "unit")[: len(eq)])
            row = cur(head.format(pre + cond), (a, b, *eq, *args)).first()
            if row is not None:
                break
    return out


def _summary_points_all(session: Session, a: str, b: str, keys: list[tuple]) -> list[int]:
    """Ids of each series' latest points from pair_figures (ordered by `at` there), for many series in
    one statement (a UNION ALL of their index ranges): one round trip instead of one query per series."""
    if not keys:
        return []
    part = ("SELECT * FROM (SELECT figure_id FROM pair_figures WHERE a = ? AND b = ? AND metric = ? AND unit = ? "
            "AND sector IS ? ORDER BY at DESC, figure_id DESC LIMIT ?)")
    n = DOSSIER_LIMITS["series_points"]
    params = tuple(x for m, sec, u in keys for x in (a, b, m, u, sec, n))
    return [r[0] for r in session.connection().exec_driver_sql(" UNION ALL ".join([part] * len(keys)), params)]


def _latest_points(session: Session, a: str, b: str, same: tuple) -> list[int]:
    """Ids of candidates for a series' latest points (by period_end, else the document's date): the
    latest by period_end straight from an index, plus the latest undated ones (the only rows that need
    their document's date). Why: ordering every point of a long series by a date from another table
    reads thousands of rows; the final ORDER BY over these candidates gives the same points."""
    n = DOSSIER_LIMITS["series_points"]
    f = s.Figure
    base = (f.pair_a == a, f.pair_b == b, f.duplicate_of_id.is_(None), *same)
    dated = select(f.id).where(*base, f.period_end.is_not(None)).order_by(f.period_end.desc(), f.id.desc()).limit(n)
    undated = (select(f.id).join(s.Document, s.Document.id == f.document_id).where(*base, f.period_end.is_(None))
               .order_by(s.Document.published.desc(), f.id.desc()).limit(n))
    return list(session.scalars(dated)) + list(session.scalars(undated))


def _figure_pair_clause(pr: tuple[str, str]):
    """Figures carry their own sorted pair (from their countries, else their document's only pair),
    so a pair's figures are one index range (figures without a pair belong to no series of a pair)."""
    return and_(s.Figure.pair_a == pr[0], s.Figure.pair_b == pr[1])


def _targets(session: Session, a: str, b: str, since: str | None, until: str | None) -> list[JSON]:
    """Target figures of the pair with their status: from the commitment that sets them when there is
    one (tracked by resolve.track_targets), else evaluated here the same way."""
    from letopis.resolve import TargetRef, first_actuals, parse_date

    today = _today()
    order = (s.Document.published.desc(), s.Figure.id.desc())
    # The latest targets' ids from a covering index first: ordering full figure rows reads them all.
    if _summary(session):
        t = _pair_figures()
        ids = _summary_dates(select(t.c.figure_id).where(t.c.a == a, t.c.b == b, t.c.kind == "target"),
                             t.c.published, since, until).order_by(t.c.published.desc(), t.c.figure_id.desc())
    else:
        ids = _date_filter(select(s.Figure.id).join(s.Document, s.Document.id == s.Figure.document_id).where(
            _figure_pair_clause((a, b)), s.Figure.kind == "target", s.Figure.duplicate_of_id.is_(None)), since, until)
        ids = ids.order_by(*order)
    ids = _run(session, ids.limit(DOSSIER_LIMITS["targets"])).scalars().all()
    # Plain rows (the figure's columns with the document's), not ORM objects.
    q = _with_doc(select(s.Figure.__table__, *_doc_cols()), s.Figure.document_id).where(s.Figure.id.in_(ids))
    rows = _run(session, q.order_by(*order)).all() if ids else []
    c = s.Commitment
    coms = {r.figure_id: r for r in _run(session,
        select(c.id, c.figure_id, c.deadline, c.status, c.evidence_figure_id)
        .where(c.figure_id.in_([r.id for r in rows])))} if rows else {}
    deadlines, actual_ids = {}, {}
    todo = []  # targets without a tracked commitment: evaluated here
    for f in rows:
        r = f
        com = coms.get(f.id)
        deadlines[f.id] = com.deadline if com is not None and com.deadline else (
            f.period_end or parse_date(f.period_text, end=True))
        if com is not None and com.status:
            actual_ids[f.id] = com.evidence_figure_id
        else:
            todo.append(r)
    if todo:  # the rule of resolve.track_targets, for all of them at once
        actual_ids.update(first_actuals(session, [
            TargetRef(r.id, r.series_key, r.unit, r.document_id, r.value, r.qualifier, r.d_published) for r in todo],
            today))
    actuals = _actuals(session, [i for i in actual_ids.values() if i])
    out = []
    for f in reversed(rows):
        r = f
        com = coms.get(f.id)
        deadline, actual = deadlines[f.id], actuals.get(actual_ids.get(f.id))
        if com is not None and com.status:
            status = _commitment_status(com, today)
        else:
            status = "met" if actual is not None else (
                "overdue" if deadline is not None and deadline < today else "open")
        out.append({"id": f.id, "metric": f.metric, "sector": f.sector, "value": f.value, "unit": f.unit,
                    "qualifier": f.qualifier, "deadline": _iso(deadline), "status": status,
                    "commitment_id": com.id if com is not None else None,
                    "set": _evidence(r, f), "actual": actual})
    return out


def _actuals(session: Session, ids: list[int]) -> dict[int, JSON]:
    """`_actual` of many figures in one query."""
    if not ids:
        return {}
    f = s.Figure
    q = _with_doc(select(f.id, f.value, f.unit, f.period_text, f.text, f.start, f.end, *_doc_cols()),
                  f.document_id).where(f.id.in_(set(ids)))
    return {r.id: {"id": r.id, "value": r.value, "unit": r.unit, "period": r.period_text, "evidence": _evidence(r, r)}
            for r in _run(session, q)}


def _actual(session: Session, fig: s.Figure | None) -> JSON | None:
    if fig is None:
        return None
    q = select(*_doc_cols()).select_from(s.Document).outerjoin(s.Source, s.Source.id == s.Document.source_id)
    r = session.execute(q.where(s.Document.id == fig.document_id)).one()
    return {"id": fig.id, "value": fig.value, "unit": fig.unit, "period": fig.period_text, "evidence": _evidence(r, fig)}


def list_figures(session: Session, metric: str | None = None, pair: PairArg = None, sector: str | None = None,
                 kind: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 50, offset: int = 0) -> JSON:
    """Figures (one per story: a figure reprinted by 3 outlets is one item with sources=3), oldest first.

    Returns {"total", "items": [ {"id", "metric", "sector", "value", "unit", "qualifier", "kind",
    "period": str|None, "period_end", "countries": [str], "pair": str|None, "date", "sources": int,
    "evidence": Evidence} ]}.
    """
    q = _figures_q(_pair(pair), since, until)
    if metric:
        q = q.where(s.Figure.metric == metric)
    if sector:
        q = q.where(s.Figure.sector == sector)
    if kind:
        q = q.where(s.Figure.kind == kind)
    q = q.order_by(s.Document.published, s.Figure.id)
    total, rows = _page(session, q, limit, offset)
    srcs = _sources(session, s.Figure, [r.Figure.id for r in rows])
    return {"total": total, "items": [_figure_item(r, r.Figure, srcs.get(r.Figure.id, 1)) for r in rows]}


# ================================================================ commitments


def _commitments(session: Session, pr: tuple[str, str] | None, status: str | None, modality: str | None,
                 since: str | None, until: str | None, limit: int, offset: int,
                 doc_ids: DocIds | None = None, count: bool = True) -> tuple[int, list[JSON]]:
    today = _today()
    # Plain rows (the commitment's columns with the document's), not ORM objects.
    q = _with_doc(select(s.Commitment.__table__, *_doc_cols()), s.Commitment.document_id)
    q = _pair_filter(q.where(s.Commitment.duplicate_of_id.is_(None)), pr, s.Commitment.document_id)
    if doc_ids is not None:
        q = q.where(s.Commitment.document_id.in_(doc_ids))
    if modality:
        q = q.where(s.Commitment.modality == modality)
    if status:
        q = q.where(_status_clause(status, today))
    q = _date_filter(q, since, until).order_by(s.Document.published.desc(), s.Commitment.id)
    total, rows = _page(session, q, limit, offset, count, core=True, key=s.Commitment.id)
    f = s.Figure
    figs = {r.id: r for r in _run(session, select(f.id, f.metric, f.value, f.unit, f.qualifier).where(f.id.in_(
        [i for r in rows for i in (r.figure_id, r.evidence_figure_id) if i])))} if rows else {}
    # The evidence of every met_by figure in one query (not one per commitment).
    mets = _actuals(session, [r.evidence_figure_id for r in rows if r.evidence_figure_id in figs])
    pairs = _doc_pairs(session, [r.d_id for r in rows])
    items = []
    for c in rows:
        r = c
        fig = figs.get(c.figure_id)
        met = mets.get(c.evidence_figure_id)
        items.append({
            "id": c.id, "modality": c.modality, "status": _commitment_status(c, today), "tracked": c.status is not None,
            "deadline": _iso(c.deadline), "actors": [n for n in (c.actor_names or "").split("; ") if n],
            "date": _iso(r.d_published), "pairs": pairs.get(r.d_id, []),
            "figure": {"metric": fig.metric, "value": fig.value, "unit": fig.unit, "qualifier": fig.qualifier}
            if fig else None,
            "evidence": _evidence(r, c), "met_by": met["evidence"] if met else None,
        })
    return total, items


def _status_clause(status: str, today: date):
    """SQL for the effective status (see `_commitment_status`)."""
    passed = and_(s.Commitment.deadline.is_not(None), s.Commitment.deadline < today)
    if status == "met":
        return s.Commitment.status == "met"
    if status == "overdue":
        return or_(s.Commitment.status == "overdue",
                   and_(or_(s.Commitment.status.is_(None), s.Commitment.status == "open"), passed))
    if status == "open":
        return and_(or_(s.Commitment.status.is_(None), s.Commitment.status == "open"), ~passed)
    raise ValueError(f"unknown status {status!r}: use one of {', '.join(COMMITMENT_STATUSES)}")


def list_commitments(session: Session, pair: PairArg = None, status: str | None = None, modality: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int = 50, offset: int = 0) -> JSON:
    """Commitments with their status ("open", "met", "overdue"), newest first.

    Returns {"total", "items": [ {"id", "modality", "status", "tracked": bool, "deadline", "actors": [str],
    "date", "pairs": [str], "figure": {"metric", "value", "unit", "qualifier"}|None,
    "evidence": Evidence, "met_by": Evidence|None} ]}.
    """
    total, items = _commitments(session, _pair(pair), status, modality, since, until, limit, offset)
    return {"total": total, "items": items}


# ================================================================ quotes


def _quote_item(r: Any, q: s.Quote, people: dict[int, JSON], pairs: dict[int, list[str]] | None = None) -> JSON:
    speaker = people.get(q.speaker_id) if q.speaker_id else None
    if speaker is None and q.speaker_name:
        speaker = {"id": None, "name": q.speaker_name, "role": None, "country": None}
    item = {"id": q.id, "speaker": speaker, "direct": q.direct, "cue": q.cue, "text": q.text,
            "date": _iso(r.d_published), "evidence": _evidence(r, q)}
    if pairs is not None:
        item["pairs"] = pairs.get(r.d_id, [])
    return item


def _top_quotes(session: Session, doc_ids: DocIds) -> list[JSON]:
    """The most quoted speakers of these documents, each with their latest quotes."""
    if isinstance(doc_ids, list) and not doc_ids:
        return []
    qt = s.Quote
    base = (select(qt.speaker_id, func.count().label("n"))
            .where(qt.document_id.in_(doc_ids), qt.duplicate_of_id.is_(None), qt.speaker_id.is_not(None)))
    top = _run(session, base.group_by(qt.speaker_id).order_by(func.count().desc(), qt.speaker_id)
                          .limit(DOSSIER_LIMITS["speakers"])).all()
    if not top:
        return []
    people = _persons(session, [t.speaker_id for t in top])
    order = (s.Document.published.desc(), qt.document_id, qt.start)
    # Each speaker's latest quotes ranked in SQL (a window), so only those rows leave the database.
    rank = func.row_number().over(partition_by=qt.speaker_id, order_by=order).label("rank")
    ranked = (select(qt.id, rank).join(s.Document, s.Document.id == qt.document_id)
              .where(qt.speaker_id.in_([t.speaker_id for t in top]), qt.duplicate_of_id.is_(None),
                     qt.document_id.in_(doc_ids))).subquery()
    picked = select(ranked.c.id).where(ranked.c.rank <= DOSSIER_LIMITS["quotes_per_speaker"])
    q = _with_doc(select(qt.__table__, *_doc_cols()), qt.document_id).where(qt.id.in_(picked))
    latest: dict[int, list[Any]] = defaultdict(list)
    for r in _run(session, q.order_by(*order)).all():  # plain rows, not ORM objects
        latest[r.speaker_id].append(r)
    return [{"speaker": people.get(t.speaker_id), "count": int(t.n),
             "quotes": [_quote_item(r, r, people) for r in latest[t.speaker_id]]} for t in top]


def _speaker_ids(session: Session, ref: str) -> list[int]:
    ent = _find_entity(session, ref, types=("PERSON", "ORGANIZATION"))
    if ent is None:
        raise LookupError(f"unknown speaker: {ref!r}")
    return [ent.id]


def list_quotes(session: Session, speaker: str | None = None, pair: PairArg = None, since: str | None = None,
                until: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> JSON:
    """Quotes, newest first. `q` keeps quotes whose text contains it (case-insensitive substring).
    Returns {"total", "items": [ {"id", "speaker": PersonRef|None, "direct": bool, "cue", "text", "date",
    "pairs": [str], "evidence": Evidence} ]}."""
    stmt = _with_doc(select(s.Quote, *_doc_cols()), s.Quote.document_id).where(s.Quote.duplicate_of_id.is_(None))
    if speaker:
        stmt = stmt.where(s.Quote.speaker_id.in_(_speaker_ids(session, speaker)))
    if q:
        stmt = stmt.where(func.lower(s.Quote.text).contains(q.lower()))
    stmt = _date_filter(_pair_filter(stmt, _pair(pair), s.Quote.document_id), since, until)
    stmt = stmt.order_by(s.Document.published.desc(), s.Quote.document_id, s.Quote.start)
    total, rows = _page(session, stmt, limit, offset)
    people = _persons(session, [r.Quote.speaker_id for r in rows])
    pairs = _doc_pairs(session, [r.d_id for r in rows])
    return {"total": total, "items": [_quote_item(r, r.Quote, people, pairs) for r in rows]}


# ================================================================ sectors, documents, stories


def _sectors(session: Session, a: str, b: str, since: str | None, until: str | None) -> list[JSON]:
    if _summary(session):
        t = _pair_labels()
        n = func.sum(t.c.n)
        q = _label_days(select(t.c.label, n).where(t.c.a == a, t.c.b == b, t.c.kind == "topic"), since, until)
        q = q.group_by(t.c.label).having(n > 0).order_by(n.desc(), t.c.label).limit(DOSSIER_LIMITS["sectors"])
        return [{"sector": lbl, "documents": int(k)} for lbl, k in _run(session, q)]
    q = select(s.Topic.topic, func.count()).where(s.Topic.document_id.in_(_pair_docs(a, b)))
    if since or until:
        q = _date_filter(q.join(s.Document, s.Document.id == s.Topic.document_id), since, until)
    q = q.group_by(s.Topic.topic).order_by(func.count().desc(), s.Topic.topic)
    return [{"sector": t, "documents": int(n)} for t, n in session.execute(q.limit(DOSSIER_LIMITS["sectors"]))]


def _doc_item(d: s.Document, source: str | None) -> JSON:
    return {"id": d.id, "external_id": d.external_id, "title": d.title, "date": _iso(d.published),
            "source": source, "url": d.url, "story_id": d.story_id, "chars": d.chars}


def list_documents(session: Session, pair: PairArg = None, since: str | None = None, until: str | None = None,
                   q: str | None = None, limit: int = 50, offset: int = 0) -> JSON:
    """Documents, newest first, optionally filtered by pair, dates and a full-text query.

    Returns {"total": int, "items": [ {"id", "external_id", "title", "date", "source", "url", "story_id",
    "chars", "pairs": ["KZ-TJ"], "topics": [str]} ]}.
    """
    stmt = select(s.Document, s.Source.name).outerjoin(s.Source, s.Source.id == s.Document.source_id)
    stmt = _date_filter(_pair_filter(stmt, _pair(pair), s.Document.id), since, until)
    if q:
        from letopis.store.fts import matching_ids

        sub = matching_ids(session.get_bind().dialect.name, q)
        stmt = stmt.where(s.Document.id.in_(select(sub.c.document_id)))
    stmt = stmt.order_by(s.Document.published.desc(), s.Document.id.desc())
    total, rows = _page(session, stmt, limit, offset)
    return {"total": total, "items": _with_labels(session, [_doc_item(d, src) for d, src in rows])}


def _with_labels(session: Session, items: list[JSON]) -> list[JSON]:
    ids = [i["id"] for i in items]
    pairs = _doc_pairs(session, ids)
    topics: dict[int, list[str]] = defaultdict(list)
    if ids:
        for t in _run(session, select(s.Topic.document_id, s.Topic.topic).where(s.Topic.document_id.in_(ids))):
            topics[t.document_id].append(t.topic)
    for i in items:
        i["pairs"] = pairs.get(i["id"], [])
        i["topics"] = sorted(topics.get(i["id"], []))
    return items


def _find_document(session: Session, doc_id: int | str) -> s.Document | None:
    if isinstance(doc_id, int) or (isinstance(doc_id, str) and doc_id.isdigit()):
        d = session.get(s.Document, int(doc_id))
        if d is not None:
            return d
    return session.scalars(select(s.Document).where(s.Document.external_id == str(doc_id))
                           .order_by(s.Document.id).limit(1)).first()


def get_document(session: Session, doc_id: int | str) -> JSON | None:
    """One document with its text and every fact stored for it (offsets into `text`).

    Returns None if absent, else {"id", "external_id", "title", "date", "source", "url", "story_id", "text",
    "duplicates": [ {"id", "external_id", "source", "url", "date", "title"} ] (other documents of the story),
    "pairs": [str], "topics": [str],
    "entities": [ {"id", "type", "name", "country", "mentions": [ {"start", "end", "text"} ]} ],
    "quotes": [ {"id", "speaker": PersonRef|None, "direct", "cue", "text", "start", "end"} ],
    "figures": [ {"id", "metric", "sector", "value", "unit", "qualifier", "kind", "period",
                  "countries", "text", "start", "end"} ],
    "agreements": [ {"id", "agreement_id", "title", "type", "status", "parties", "text", "start", "end"} ],
    "events": [ {"id", "type", "name", "status", "date", "location", "participants", "text", "start", "end"} ],
    "commitments": [ {"id", "modality", "status", "deadline", "actors", "text", "start", "end"} ]}.
    """
    d = _find_document(session, doc_id)
    if d is None:
        return None
    src = d.source.name if d.source else None
    out = _with_labels(session, [_doc_item(d, src)])[0]
    out["text"] = d.text
    dups = session.execute(select(s.Document, s.Source.name).outerjoin(s.Source, s.Source.id == s.Document.source_id)
                           .where(s.Document.story_id == d.story_id, s.Document.id != d.id)
                           .order_by(s.Document.published, s.Document.id)).all()
    out["duplicates"] = [{"id": x.id, "external_id": x.external_id, "source": n, "url": x.url,
                          "date": _iso(x.published), "title": x.title} for x, n in dups]
    out.update(_document_facts(session, d.id))
    return out


def _span(f: Any) -> JSON:
    return {"text": f.text, "start": f.start, "end": f.end}


def _document_facts(session: Session, doc_id: int) -> JSON:
    today = _today()
    mentions = session.execute(select(s.EntityMention, s.Entity).join(s.Entity, s.Entity.id == s.EntityMention.entity_id)
                               .where(s.EntityMention.document_id == doc_id).order_by(s.EntityMention.start)).all()
    ents: dict[int, JSON] = {}
    for m, e in mentions:
        ents.setdefault(e.id, {"id": e.id, "type": e.type, "name": e.name, "country": e.country, "mentions": []})
        ents[e.id]["mentions"].append({"start": m.start, "end": m.end, "text": m.text})
    quotes = list(session.scalars(select(s.Quote).where(s.Quote.document_id == doc_id).order_by(s.Quote.start)))
    people = _persons(session, [q.speaker_id for q in quotes])
    figs = session.scalars(select(s.Figure).where(s.Figure.document_id == doc_id).order_by(s.Figure.start))
    agr_rows = session.execute(select(s.AgreementMention, s.Agreement).join(s.Agreement)
                               .where(s.AgreementMention.document_id == doc_id).order_by(s.AgreementMention.start)).all()
    evs = session.scalars(select(s.Event).where(s.Event.document_id == doc_id).order_by(s.Event.start))
    coms = session.scalars(select(s.Commitment).where(s.Commitment.document_id == doc_id).order_by(s.Commitment.start))
    places = _Places(session)
    return {
        "entities": list(ents.values()),
        "quotes": [{"id": q.id, "speaker": people.get(q.speaker_id) if q.speaker_id else
                    ({"id": None, "name": q.speaker_name, "role": None, "country": None} if q.speaker_name else None),
                    "direct": q.direct, "cue": q.cue, **_span(q)} for q in quotes],
        "figures": [{"id": f.id, "metric": f.metric, "sector": f.sector, "value": f.value, "unit": f.unit,
                     "qualifier": f.qualifier, "kind": f.kind, "period": f.period_text,
                     "countries": _codes(f.countries), **_span(f)} for f in figs],
        "agreements": [{"id": m.id, "agreement_id": g.id, "title": m.title, "canonical_title": g.title,
                        "type": g.type, "status": m.status, "parties": _codes(g.parties), **_span(m)}
                       for m, g in agr_rows],
        "events": [{"id": e.id, "type": e.type, "name": e.name, "status": e.status, "date": _iso(e.date),
                    "location": places.name(doc_id, e.location), "participants": [n for n in (e.participant_names or "").split("; ") if n],
                    **_span(e)} for e in evs],
        "commitments": [{"id": c.id, "modality": c.modality, "status": _commitment_status(c, today),
                         "deadline": _iso(c.deadline),
                         "actors": [n for n in (c.actor_names or "").split("; ") if n], **_span(c)} for c in coms],
    }


def list_stories(session: Session, pair: PairArg = None, min_size: int = 1, limit: int = 50, offset: int = 0) -> JSON:
    """Stories (groups of near-duplicate documents), largest first, then newest.

    Returns {"total", "items": [ {"id", "title", "date", "size": int,
    "documents": [ {"id", "external_id", "title", "source", "url", "date"} ]} ]}.
    """
    size = func.count(s.Document.id)
    q = (select(s.Story.id, s.Story.title, s.Story.first_published, size.label("size"))
         .join(s.Document, s.Document.story_id == s.Story.id))
    q = _pair_filter(q, _pair(pair), s.Document.id)
    q = (q.group_by(s.Story.id, s.Story.title, s.Story.first_published).having(size >= max(1, min_size))
         .order_by(size.desc(), s.Story.first_published.desc(), s.Story.id))
    total, rows = _page(session, q, limit, offset)
    docs: dict[int, list[JSON]] = defaultdict(list)
    ids = [r.id for r in rows]
    if ids:
        for d, n in session.execute(select(s.Document, s.Source.name).outerjoin(s.Source, s.Source.id == s.Document.source_id)
                                    .where(s.Document.story_id.in_(ids)).order_by(s.Document.published, s.Document.id)):
            docs[d.story_id].append({"id": d.id, "external_id": d.external_id, "title": d.title, "source": n,
                                     "url": d.url, "date": _iso(d.published)})
    return {"total": total, "items": [{"id": r.id, "title": r.title, "date": _iso(r.first_published),
                                       "size": int(r.size), "documents": docs.get(r.id, [])} for r in rows]}


# ================================================================ entities


def _find_entity(session: Session, ref: str | int, types: Sequence[str] | None = None) -> s.Entity | None:
    """An entity by id, country name/code, alias or surname (any word form); the most mentioned wins."""
    from letopis.store.fts import lemmatize

    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        e = session.get(s.Entity, int(ref))
        if e is not None:
            return e
    ref = str(ref).strip()
    if not ref:
        return None

    def best(q: Select) -> s.Entity | None:
        if types:
            q = q.where(s.Entity.type.in_(types))
        return session.scalars(q.order_by(s.Entity.mentions_count.desc(), s.Entity.id).limit(1)).first()

    if types is None or "COUNTRY" in types:
        try:
            code = lookup.country_code(ref)
        except LookupError:
            code = None
        if code:
            e = session.scalars(select(s.Entity).where(s.Entity.type == "COUNTRY", s.Entity.country == code)).first()
            if e is not None:
                return e
    norms = list(dict.fromkeys([ref.lower().replace("ё", "е"), lemmatize(ref)]))
    e = best(select(s.Entity).where(s.Entity.id.in_(select(s.EntityAlias.entity_id).where(s.EntityAlias.norm.in_(norms)))))
    if e is not None:
        return e
    keys = lookup.person_keys(ref)
    if keys:
        e = best(select(s.Entity).where(s.Entity.surname.in_(keys)))
        if e is not None:
            return e
    return best(select(s.Entity).where(func.lower(s.Entity.name) == ref.lower()))


def get_entity(session: Session, ref: str | int) -> JSON | None:
    """A canonical entity (person, country, organization) by any name form, code or id.

    Returns None if unknown, else {"id", "type", "name", "country", "aliases": [str],
    "roles": [ {"title", "country", "organization", "first": date, "last": date} ] (oldest first),
    "mentions": int, "documents": int, "pairs": [ {"pair", "documents"} ],
    "quotes": [ quote items of `list_quotes` ] newest first (up to 20),
    "events": [ timeline items of `pair_dossier` ] newest first (up to 20)}.
    """
    e = _find_entity(session, ref)
    if e is None:
        return None
    aliases = sorted({a.alias for a in e.aliases})
    roles = sorted(e.roles, key=lambda r: (r.first_seen or date.min, r.title))
    doc_ids = select(s.EntityMention.document_id).where(s.EntityMention.entity_id == e.id).distinct()
    n_docs = session.scalar(select(func.count()).select_from(doc_ids.subquery())) or 0
    n_mentions = session.scalar(select(func.count()).select_from(s.EntityMention).where(s.EntityMention.entity_id == e.id)) or 0
    pairs = session.execute(select(s.Pair.a, s.Pair.b, func.count()).where(s.Pair.document_id.in_(doc_ids))
                            .group_by(s.Pair.a, s.Pair.b).order_by(func.count().desc()).limit(20)).all()
    quotes = _with_doc(select(s.Quote, *_doc_cols()), s.Quote.document_id).where(
        s.Quote.speaker_id == e.id, s.Quote.duplicate_of_id.is_(None)).order_by(s.Document.published.desc(), s.Quote.start)
    qrows = session.execute(quotes.limit(20)).all()
    people = _persons(session, [e.id])
    like = f"%,{e.id},%"
    when = func.coalesce(s.Event.date, s.Document.published)
    evq = _with_doc(select(s.Event, when.label("when"), *_doc_cols()), s.Event.document_id).where(
        s.Event.duplicate_of_id.is_(None), ("," + s.Event.participants + ",").like(like)).order_by(when.desc())
    evrows = session.execute(evq.limit(20)).all()
    part = _persons(session, [i for r in evrows for i in _ids(r.Event.participants)])
    places = _Places(session)
    return {
        "id": e.id, "type": e.type, "name": e.name, "country": e.country, "aliases": aliases,
        "role": people.get(e.id, {}).get("role"),
        "roles": [{"title": r.title, "country": r.country, "organization": r.organization,
                   "first": _iso(r.first_seen), "last": _iso(r.last_seen)} for r in roles],
        "mentions": int(n_mentions), "documents": int(n_docs),
        "pairs": [{"pair": f"{a}-{b}", "documents": int(n)} for a, b, n in pairs],
        "quotes": [_quote_item(r, r.Quote, people) for r in qrows],
        "events": [{"id": r.Event.id, "date": _iso(r.when), "type": r.Event.type, "name": r.Event.name,
                    "status": r.Event.status, "location": places.name(r.Event.document_id, r.Event.location),
                    "participants": [part[i] for i in _ids(r.Event.participants) if i in part],
                    "evidence": _evidence(r, r.Event)} for r in evrows],
    }


# ================================================================ search and export


def search(session: Session, q: str, limit: int = 20, offset: int = 0) -> JSON:
    """Full-text search with Russian morphology («соглашение» finds «соглашения»).

    Returns {"q": str, "total": int, "items": [ {"id", "external_id", "title", "date", "source", "url",
    "score": float, "snippet": str (a sentence containing a hit), "pairs": [str], "topics": [str]} ]},
    best match first. `total` counts every match; on SQLite a query matching more than
    SEARCH_RANK_WINDOW documents ranks the most recently stored SEARCH_RANK_WINDOW of them.
    """
    from letopis.store.fts import matching_ids, query_terms, search_documents

    q = (q or "").strip()
    if not query_terms(q):
        return {"q": q, "total": 0, "items": []}
    if session.get_bind().dialect.name == "sqlite":
        total, hits = _sqlite_search(session, q, max(0, offset) + max(0, limit))
        hits = hits[max(0, offset):]
    else:
        hits = search_documents(session, q, limit=max(0, offset) + max(0, limit))[max(0, offset):]
        sub = matching_ids(session.get_bind().dialect.name, q)
        total = session.scalar(select(func.count()).select_from(sub)) or 0
    rows = {d.id: (d, src) for d, src in session.execute(
        select(s.Document, s.Source.name).outerjoin(s.Source, s.Source.id == s.Document.source_id)
        .options(*_LIGHT_DOC).where(s.Document.id.in_([i for i, _ in hits])))}
    terms = query_terms(q)
    items = []
    for doc_id, score in hits:
        if doc_id not in rows:
            continue
        d, src = rows[doc_id]
        item = _doc_item(d, src)
        item["score"] = round(float(score or 0.0), 4)
        item["snippet"] = _snippet(d.text, terms)
        items.append(item)
    return {"q": q, "total": int(total), "items": _with_labels(session, items)}


# Ranking scores every match (bm25 reads each matching document's size: ~3 ms per 1,000 matches), so
# a query matching more documents than this ranks only the most recently stored this many of them.
SEARCH_RANK_WINDOW = 3000


def _sqlite_search(session: Session, q: str, n: int) -> tuple[int, list[tuple[int, float]]]:
    """(total matches, the best `n` (document_id, score)) with FTS5: the same MATCH expression and
    score as `letopis.store.fts.matching_ids`, but counting without scoring (the count reads only
    the index) and ranking at most SEARCH_RANK_WINDOW matches (the newest: FTS5 walks rowids backwards
    from the cut, so the cut costs no scoring either)."""
    from letopis.store.fts import query_groups

    match = " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in query_groups(q))
    where = "FROM documents_fts WHERE documents_fts MATCH :q"
    total = int(session.scalar(text(f"SELECT count(*) {where}"), {"q": match}) or 0)
    if not total or not n:
        return total, []
    cut = ""
    if total > SEARCH_RANK_WINDOW:
        first = session.scalar(text(f"SELECT rowid {where} ORDER BY rowid DESC LIMIT 1 OFFSET :k"),
                               {"q": match, "k": SEARCH_RANK_WINDOW - 1})
        cut = f" AND rowid >= {int(first)}"
    rows = session.execute(text(f"SELECT rowid, -bm25(documents_fts) AS score {where}{cut} "
                                "ORDER BY score DESC LIMIT :n"), {"q": match, "n": n})
    return total, [(int(i), float(sc)) for i, sc in rows]


def _snippet(text: str, terms: list[str], width: int = 240) -> str:
    """The first sentence containing a word whose lemma is a query term (else the text's start)."""
    from letopis.store.fts import WORD, lemma, name_stem

    wanted = set(terms)
    for m in WORD.finditer(text):
        w = m.group()
        if {lemma(w), name_stem(w), *lemma(w).split("-")} & wanted:
            start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1, 0)
            end_candidates = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i != -1]
            end = min(end_candidates) + 1 if end_candidates else len(text)
            snippet = text[start:end].strip()
            return snippet if len(snippet) <= width * 2 else snippet[: width * 2].rsplit(" ", 1)[0] + "…"
    return text[:width].rsplit(" ", 1)[0] + ("…" if len(text) > width else "")


def export_rows(session: Session, kind: str = "figures", pair: PairArg = None, since: str | None = None,
                until: str | None = None, limit: int | None = None) -> list[JSON]:
    """Flat rows (scalar values only, CSV-ready) of one kind from EXPORT_KINDS, oldest first.

    Each fact row carries "document_id", "external_id", "date", "source", the fact's own scalar fields
    (lists joined with ","), and "evidence" (the text) with "start"/"end".
    """
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(EXPORT_KINDS)}")
    big = limit or 10**9
    if kind == "documents":
        items = list_documents(session, pair, since, until, limit=big)["items"][::-1]
        return [{**{k: v for k, v in i.items() if k not in ("pairs", "topics")},
                 "pairs": ",".join(i["pairs"]), "topics": ",".join(i["topics"])} for i in items]
    if kind == "entities":
        rows = session.execute(select(s.Entity).order_by(s.Entity.type, s.Entity.name).limit(big)).scalars()
        return [{"id": e.id, "type": e.type, "name": e.name, "country": e.country, "key": e.key,
                 "mentions": e.mentions_count} for e in rows]
    fetch = {
        "quotes": lambda: list_quotes(session, pair=pair, since=since, until=until, limit=big)["items"][::-1],
        "figures": lambda: list_figures(session, pair=pair, since=since, until=until, limit=big)["items"],
        "agreements": lambda: _agreement_rows(session, pair, since, until, big),
        "events": lambda: list_events(session, pair, since=since, until=until, limit=big)["items"],
        "commitments": lambda: list_commitments(session, pair, since=since, until=until, limit=big)["items"][::-1],
    }[kind]
    return [_flatten(i) for i in fetch()]


def _agreement_rows(session: Session, pair: PairArg, since: str | None, until: str | None, limit: int) -> list[JSON]:
    """One row per agreement mention (the status history, flattened)."""
    rows = []
    for g in list_agreements(session, pair, since=since, until=until, limit=limit)["items"]:
        for h in g["history"]:
            rows.append({"agreement_id": g["id"], "title": g["title"], "type": g["type"], "agreement_status": g["status"],
                         "parties": g["parties"], "status": h["status"], "mention_title": h["title"],
                         "evidence": h["evidence"]})
    rows.sort(key=lambda r: (r["evidence"]["date"] or "", r["agreement_id"]))
    return rows


def _flatten(item: JSON) -> JSON:
    out: JSON = {}
    ev = item.get("evidence") or {}
    out.update({"document_id": ev.get("document_id"), "external_id": ev.get("external_id"),
                "date": item.get("date") or ev.get("date"), "source": ev.get("source")})
    for k, v in item.items():
        if k in ("evidence", "date"):
            continue
        if isinstance(v, dict):
            if k == "speaker":
                out["speaker"] = v.get("name")
            elif k == "figure":
                out.update({f"figure_{kk}": vv for kk, vv in v.items()})
            elif k == "met_by":
                out["met_by_document_id"] = v.get("document_id")
            continue
        if isinstance(v, list):
            v = ",".join(p.get("name", "") if isinstance(p, dict) else str(p) for p in v)
        out[k] = v
    out.update({"evidence": ev.get("text"), "start": ev.get("start"), "end": ev.get("end")})
    return out
