"""Writing one article and all its facts, in ONE transaction (all or nothing).

    from letopis.store.writer import DocumentRecord, store_extraction
    rec = DocumentRecord.build(text, lemmas_text=None, title=..., source=..., url=..., published=...)
    with Session(engine) as session, session.begin():
        result = store_extraction(session, rec, extraction)   # StoreResult

`store_extraction` is idempotent by content hash: an article already stored returns
`StoreResult(duplicate=True)` and writes nothing. A near-duplicate (the same story reprinted, lightly
edited) is stored as its own document in the existing story, and its facts that repeat the story's
facts get `duplicate_of_id` (one fact, several sources). Canonical entities and agreements are matched
or created through `letopis.resolve`, and target statuses of affected series are recomputed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from letopis import model, resolve
from letopis.store import schema as s
from letopis.store.fts import lemmatize

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: candidates from Jaccard ~0.42 up
ROWS = NUM_PERM // BANDS
STORY_CANDIDATES = 50  # signatures compared per new article, most shared bands first
SAME_STORY = 0.6  # estimated Jaccard of lemma 3-shingles from which two articles are one story (reprints: > 0.7)
SHINGLE = 3
_WORDS = re.compile(r"[^\W_]+")  # words and numbers: template reports differing only in figures are different stories


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed: the identity of an article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def minhash_signature(lemmas_text: str) -> np.ndarray:
    """MinHash (datasketch, 128 permutations) of the article's lemma 3-shingles, as uint64."""
    from datasketch import MinHash

    words = _WORDS.findall(lemmas_text)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([sh.encode("utf-8") for sh in shingles])
    return mh.hashvalues.astype(np.uint64)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 63-bit hash per LSH band of a signature."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big") >> 1)
    return out


@dataclass
class DocumentRecord:
    """An article ready to store: its text, lemmas and metadata. Build it with `DocumentRecord.build`."""

    text: str
    lemmas_text: str
    content_hash: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    external_id: str | None = None
    signature: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        text: str,
        lemmas_text: str | None = None,
        *,
        title: str | None = None,
        source: str | None = None,
        url: str | None = None,
        published: str | date | None = None,
        external_id: str | None = None,
    ) -> DocumentRecord:
        """Lemmas default to `fts.lemmatize(text)`; the title's lemmas are prepended, so search finds
        words of the title too; `published` accepts "YYYY-MM-DD" (or a partial date)."""
        lemmas = lemmas_text if lemmas_text is not None else lemmatize(text)
        if title:
            lemmas = lemmatize(title) + "\n" + lemmas
        return cls(
            text=text,
            lemmas_text=lemmas,
            content_hash=content_hash(text),
            title=title,
            source=source,
            url=url,
            published=resolve.parse_date(published) if published is not None else None,
            external_id=external_id,
            signature=minhash_signature(lemmas),
        )


@dataclass
class StoreResult:
    """What `store_extraction` did: the document id, its story, whether it was already stored
    (`duplicate`) and whether it joined an existing story (`near_duplicate`)."""

    document_id: int
    story_id: int
    duplicate: bool = False
    near_duplicate: bool = False


def store_extraction(session: Session, rec: DocumentRecord, x: model.Extraction) -> StoreResult:
    """Store one document and every fact of its extraction. Call inside a transaction
    (`with session.begin():`); this function only flushes, the caller commits or rolls back."""
    existing = session.scalar(select(s.Document).where(s.Document.content_hash == rec.content_hash))
    if existing is not None:
        return StoreResult(existing.id, existing.story_id, duplicate=True)
    sig = rec.signature if rec.signature is not None else minhash_signature(rec.lemmas_text)
    bands = band_hashes(sig)
    story, near = _story_for(session, sig, bands, rec)
    doc = s.Document(
        content_hash=rec.content_hash,
        external_id=rec.external_id,
        title=rec.title,
        source_id=_source_id(session, rec.source),
        url=rec.url,
        published=rec.published,
        text=rec.text,
        lemmas_text=rec.lemmas_text,
        chars=len(rec.text),
        story_id=story.id,
        extraction_json=x.to_json(),
        minhash=sig.tobytes(),
        ingested_at=datetime.now(UTC),
    )
    session.add(doc)
    session.flush()
    session.add_all(s.DocumentBand(document_id=doc.id, band=i, hash=h) for i, h in enumerate(bands))
    _FactWriter(session, doc, x, near).write()
    return StoreResult(doc.id, story.id, near_duplicate=near)


def _source_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    name = name.strip()[:300]
    row = session.scalar(select(s.Source).where(s.Source.name == name))
    if row is None:
        row = s.Source(name=name)
        session.add(row)
        session.flush()
    return row.id


def _story_for(session: Session, sig: np.ndarray, bands: list[int], rec: DocumentRecord) -> tuple[s.Story, bool]:
    """The story of the most similar stored article (estimated Jaccard >= SAME_STORY), else a new one."""
    # OR of (band, hash) equalities, not a row-value IN: SQLite answers the IN with a scan of every
    # band of every document (3 million rows at 100,000 documents), the OR with one index probe each.
    b = s.DocumentBand
    pairs = or_(*(and_(b.band == i, b.hash == h) for i, h in enumerate(bands)))
    # The candidates sharing the most bands (the most similar, in expectation), at most STORY_CANDIDATES
    # of them: a story reprinted thousands of times must not load thousands of signatures per article.
    shared = func.count().label("shared")
    cand_ids = set(session.scalars(
        select(b.document_id).where(pairs).group_by(b.document_id)
        .order_by(shared.desc(), b.document_id.desc()).limit(STORY_CANDIDATES)).all())
    best: tuple[float, int] | None = None
    if cand_ids:
        rows = session.execute(
            select(s.Document.id, s.Document.story_id, s.Document.minhash).where(s.Document.id.in_(cand_ids))
        )
        for _id, story_id, blob in rows:
            if blob is None:
                continue
            other = np.frombuffer(blob, dtype=np.uint64)
            sim = float(np.mean(other == sig)) if len(other) == len(sig) else 0.0
            if sim >= SAME_STORY and (best is None or sim > best[0]):
                best = (sim, story_id)
    if best is not None:
        story = session.get(s.Story, best[1])
        story.documents_count = (story.documents_count or 0) + 1
        if rec.published and (story.first_published is None or rec.published < story.first_published):
            story.first_published = rec.published
        return story, True
    story = s.Story(title=rec.title, first_published=rec.published, documents_count=1)
    session.add(story)
    session.flush()
    return story, False


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(text.lower()))


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


class _FactWriter:
    """Writes the facts of one extraction for one stored document."""

    def __init__(self, session: Session, doc: s.Document, x: model.Extraction, near_duplicate: bool):
        self.session, self.doc, self.x = session, doc, x
        self.published = doc.published
        self.entity_ids: dict[str, s.Entity] = {}
        self.figure_ids: dict[str, s.Figure] = {}
        self.story_docs: list[int] = []
        self._story_rows: dict[type, list] = {}  # _dup's candidates per table
        if near_duplicate:
            self.story_docs = list(
                session.scalars(
                    select(s.Document.id).where(s.Document.story_id == doc.story_id, s.Document.id != doc.id)
                )
            )
        self.doc_pairs = sorted({tuple(sorted(p[:2])) for p in x.pairs if len(p) >= 2})

    def write(self) -> None:
        self._entities()
        self._quotes()
        self._figures()
        self._agreements()
        self._events()
        self._commitments()
        self.session.add_all(s.Topic(document_id=self.doc.id, topic=t[:50]) for t in dict.fromkeys(self.x.topics))
        self.session.add_all(s.Pair(document_id=self.doc.id, a=a, b=b) for a, b in self.doc_pairs)
        self.session.flush()

    def _name(self, entity_id: str | None) -> tuple[int | None, str | None]:
        row = self.entity_ids.get(entity_id or "")
        if row is not None:
            return row.id, row.name
        ent = self.x.entity(entity_id)
        return None, (ent.name if ent else entity_id)

    def _place(self, location: str | None) -> str | None:
        """A location given as an in-document entity id ("E8") becomes that entity's canonical name."""
        if location and self.x.entity(location) is not None:
            return self._name(location)[1]
        return location

    def _entities(self) -> None:
        er = resolve.EntityResolver(self.session)
        mentions: list[s.EntityMention] = []  # added at the end: one INSERT batch, not a flush per lookup
        for ent in self.x.entities:
            row = er.resolve(ent, self.published)
            if row is None:
                continue
            self.entity_ids[ent.id] = row
            mentions.extend(
                s.EntityMention(document_id=self.doc.id, entity_id=row.id, start=m.start, end=m.end, text=m.text)
                for m in ent.mentions
            )
        self.session.add_all(mentions)
        self.session.flush()

    def _dup(self, table, pred) -> int | None:
        """The first row of `table` from another document of the same story that `pred` accepts.
        The story's rows are read once per table (not once per fact: a reprint has dozens of facts,
        and each query would also flush the rows added so far)."""
        if not self.story_docs:
            return None
        rows = self._story_rows.get(table)
        if rows is None:
            with self.session.no_autoflush:  # other documents' rows: nothing pending can match
                rows = self._story_rows[table] = list(self.session.scalars(
                    select(table)
                    .where(table.document_id.in_(self.story_docs), table.duplicate_of_id.is_(None))
                    .order_by(table.id)
                ))
        return next((r.id for r in rows if pred(r)), None)

    def _quotes(self) -> None:
        for q in self.x.quotes:
            sid, sname = self._name(q.speaker)
            row = s.Quote(
                document_id=self.doc.id, fact_id=q.id, speaker_id=sid, speaker_name=sname, direct=q.direct,
                cue=q.cue, text=q.text, start=q.start, end=q.end,
            )
            row.duplicate_of_id = self._dup(s.Quote, lambda r, q=q, sid=sid: r.speaker_id == sid and _similar(r.text, q.text))
            self.session.add(row)

    def _figures(self) -> None:
        only_pair = self.doc_pairs[0] if len(self.doc_pairs) == 1 else None
        for f in self.x.figures:
            pair = resolve.pair_of(f.countries) or only_pair
            key = resolve.series_key(f.metric, f.sector, pair)
            p_start = resolve.parse_date(f.period.start) if f.period else None
            p_end = resolve.parse_date(f.period.end, end=True) if f.period else None
            fact_key = f"{key}|{f.kind}|{f.qualifier}|{f.value:.6g}|{f.unit}|{p_end or ''}"
            row = s.Figure(
                document_id=self.doc.id, fact_id=f.id, metric=f.metric, sector=f.sector, value=f.value,
                unit=f.unit, qualifier=f.qualifier, kind=f.kind, period_start=p_start, period_end=p_end,
                period_text=f.period.text if f.period else None, countries=",".join(f.countries),
                pair_a=pair[0] if pair else None, pair_b=pair[1] if pair else None, series_key=key,
                fact_key=fact_key[:400], text=f.text, start=f.start, end=f.end,
            )
            row.duplicate_of_id = self._dup(s.Figure, lambda r, k=row.fact_key: r.fact_key == k)
            self.session.add(row)
            self.figure_ids[f.id] = row
        self.session.flush()

    def _agreements(self) -> None:
        ar = resolve.AgreementResolver(self.session)
        for a in self.x.agreements:
            parties = a.parties or (list(self.doc_pairs[0]) if len(self.doc_pairs) == 1 else [])
            when = resolve.parse_date(a.date) or self.published
            canon = ar.resolve(a, parties, when)
            self.session.add(
                s.AgreementMention(
                    agreement_id=canon.id, document_id=self.doc.id, fact_id=a.id, status=a.status, date=when,
                    date_text=a.date, title=a.title,
                    period_start=resolve.parse_date(a.period.start) if a.period else None,
                    period_end=resolve.parse_date(a.period.end, end=True) if a.period else None,
                    text=a.text, start=a.start, end=a.end,
                )
            )
            self.session.flush()

    def _events(self) -> None:
        for e in self.x.events:
            names = [self._name(p) for p in e.participants]
            row = s.Event(
                document_id=self.doc.id, fact_id=e.id, type=e.type, name=e.name, status=e.status,
                date=resolve.parse_date(e.date), date_text=e.date, location=self._place(e.location),
                participants=",".join(str(i) for i, _ in names if i is not None),
                participant_names="; ".join(n for _, n in names if n), text=e.text, start=e.start, end=e.end,
            )
            row.duplicate_of_id = self._dup(
                s.Event, lambda r, row=row: r.type == row.type and r.date == row.date and _similar(r.text, row.text)
            )
            self.session.add(row)

    def _commitments(self) -> None:
        for c in self.x.commitments:
            names = [self._name(a) for a in c.actors]
            target = self.figure_ids.get(c.figure or "")
            row = s.Commitment(
                document_id=self.doc.id, fact_id=c.id, modality=c.modality,
                actors=",".join(str(i) for i, _ in names if i is not None),
                actor_names="; ".join(n for _, n in names if n), figure_id=target.id if target else None,
                deadline=resolve.parse_date(c.deadline, end=True), deadline_text=c.deadline,
                text=c.text, start=c.start, end=c.end,
            )
            row.duplicate_of_id = self._dup(
                s.Commitment, lambda r, row=row: r.modality == row.modality and _similar(r.text, row.text)
            )
            self.session.add(row)
        self.session.flush()
        if any(f.kind == "actual" for f in self.figure_ids.values()) or any(
                c.figure in self.figure_ids for c in self.x.commitments):
            resolve.track_document(self.session, self.doc.id, date.today())
