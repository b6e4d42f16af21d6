"""The knowledge-base schema: SQLAlchemy 2 declarative models (one per table).

Read this module to query the store. Conventions shared by every fact table:

* `document_id` is the article the fact was read from; `start`, `end`, `text` are its evidence (Python
  str offsets into `Document.text`, so `document.text[start:end] == text`).
* `fact_id` is the id the extractor gave the fact inside its document ("F1", "Q3", ...); it is unique
  only per document.
* `duplicate_of_id` (figures, quotes, events, commitments): NULL for the first occurrence of a fact in
  a story; for the same fact reported again by another article of the same story (a reprint), the id of
  that first row. Count each fact once with `WHERE duplicate_of_id IS NULL`; its sources are the rows
  `WHERE id = X OR duplicate_of_id = X` (join their documents -> sources).
* Country codes are ISO 3166-1 alpha-2 ("KZ"); a country pair is stored sorted (`pair_a < pair_b`).
* Dates are `datetime.date`; partial dates from the text ("2025", "2024-05") are kept verbatim in the
  `*_text` column and resolved to a `date` (the first day for event dates, the last day for deadlines
  and period ends).

Full-text search is not an ORM column: the migration adds it per backend over `Document.lemmas_text`
(SQLite: FTS5 table `documents_fts` kept in sync by triggers; PostgreSQL: generated column
`documents.lemmas_tsv` = to_tsvector('russian', lemmas_text) with a GIN index). Use
`letopis.store.fts.search_documents` rather than writing that SQL yourself.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

FK_DOC = "documents.id"


class Base(DeclarativeBase):
    """Declarative base of every letopis table (`Base.metadata` is what Alembic migrates)."""


class Source(Base):
    """An outlet or feed the articles come from ("Kazpravda.kz", "akorda.kz"), unique by name."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    url: Mapped[str | None] = mapped_column(Text)  # home page or feed URL when known

    documents: Mapped[list[Document]] = relationship(back_populates="source")


class Story(Base):
    """A group of near-duplicate articles: the same story reprinted, lightly edited, by several outlets.

    Every document belongs to exactly one story (a story of one document is the common case).
    `first_published` / `title` come from the story's first stored document.
    """

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[date | None] = mapped_column(Date)
    documents_count: Mapped[int] = mapped_column(Integer, default=0)

    documents: Mapped[list[Document]] = relationship(back_populates="story")


class Document(Base):
    """One ingested article, stored once per content hash (sha256 of its whitespace-normalised text).

    `text` is the analysed text (all fact offsets point into it); `lemmas_text` is the space-joined
    lemmas of its words (what full-text search indexes); `extraction_json` is the complete extraction
    (`letopis.model.Extraction` JSON) as read at ingest time. `external_id` is the caller's id (JSON
    Lines "id", file name, feed entry id).
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(500), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    lemmas_text: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer, default=0)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    extraction_json: Mapped[str] = mapped_column(Text)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash signature (uint64 array)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    source: Mapped[Source | None] = relationship(back_populates="documents")
    story: Mapped[Story] = relationship(back_populates="documents")


class DocumentBand(Base):
    """Locality-sensitive-hashing bands of a document's MinHash: documents sharing a (band, hash) are
    near-duplicate candidates. Internal to ingest (story grouping); queries never need it."""

    __tablename__ = "document_bands"

    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_document_bands_cover", "band", "hash", "document_id"),)  # migration 0008


class Entity(Base):
    """A canonical entity across all documents: one row per real person, country, organization, place.

    `type`: PERSON, ORGANIZATION, COUNTRY, CITY, REGION or LOCATION. `name`: the fullest name seen
    ("Касым-Жомарт Токаев"). `key`: the resolution key, unique ("country:KZ", "person:токаев:к",
    "org:шанхайский организация сотрудничество", "city:астана"). `country`: ISO code (for a COUNTRY its
    own code; for a person or city the country it belongs to, when known). Persons also carry
    `surname` (lemma) and `first_initial` for matching initials ("К.-Ж. Токаев"). Every name form seen
    is in `entity_aliases`; every position held, with first/last seen dates, in `entity_roles`.
    """

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    surname: Mapped[str | None] = mapped_column(String(200), index=True)
    first_initial: Mapped[str | None] = mapped_column(String(4))
    mentions_count: Mapped[int] = mapped_column(Integer, default=0)

    aliases: Mapped[list[EntityAlias]] = relationship(back_populates="entity")
    roles: Mapped[list[EntityRole]] = relationship(back_populates="entity")


class EntityAlias(Base):
    """A name form of a canonical entity. `alias` is the form as written ("К.-Ж. Токаев", "ШОС");
    `norm` its lower-cased, lemmatised form used for lookup ("к.-ж. токаев", "шос")."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(String(500), index=True)

    entity: Mapped[Entity] = relationship(back_populates="aliases")
    __table_args__ = (UniqueConstraint("entity_id", "norm", name="uq_entity_alias"),)


class EntityRole(Base):
    """A position a person held, as the articles report it, over time: "министр иностранных дел" of KZ
    first seen 2019-03-01, last seen 2019-06-12; later "премьер-министр". Dates are publication dates
    of the first and last documents that state the role; `document_id` is the first such document."""

    __tablename__ = "entity_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    organization: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey(FK_DOC, ondelete="SET NULL"))
    mentions_count: Mapped[int] = mapped_column(Integer, default=0)

    entity: Mapped[Entity] = relationship(back_populates="roles")
    __table_args__ = (
        UniqueConstraint("entity_id", "title", "country", "organization", name="uq_entity_role"),
    )


class EntityMention(Base):
    """One mention of a canonical entity in a document: [start, end) and the text as written."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Quote(Base):
    """A direct or indirect quote. `speaker_id`: the canonical PERSON (or organization) entity, or NULL;
    `speaker_name`: that entity's name as the article gives it; `cue`: the speech verb or phrase."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    speaker_name: Mapped[str | None] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("quotes.id"), index=True)


class Figure(Base):
    """A number with its meaning: metric, sector, value, unit, qualifier, kind, period, countries.

    `series_key` groups figures into a time series: "trade_turnover|agriculture|KZ-TJ" (metric, sector or
    "-", sorted country pair or "-"). `pair_a`/`pair_b`: the sorted pair (from the figure's own countries,
    else the document's only pair). `period_end` (a date) is what a time series is ordered by; fall back
    to the document's `published`. `fact_key` identifies the same figure across reprints of a story.
    """

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))
    metric: Mapped[str] = mapped_column(String(40), index=True)
    sector: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    period_text: Mapped[str | None] = mapped_column(Text)
    countries: Mapped[str] = mapped_column(String(200), default="")  # comma-separated ISO codes
    pair_a: Mapped[str | None] = mapped_column(String(2))
    pair_b: Mapped[str | None] = mapped_column(String(2))
    series_key: Mapped[str] = mapped_column(String(300), index=True)
    fact_key: Mapped[str] = mapped_column(String(400))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id"), index=True)

    __table_args__ = (Index("ix_figures_pair", "pair_a", "pair_b"),)


class Agreement(Base):
    """A canonical agreement (declaration, roadmap, treaty, memorandum...) across all its mentions.

    One row however many articles mention it; each mention (signed in one article, referred to in later
    ones) is an `AgreementMention`, which is the status history. `status` is the strongest status seen
    (signed > planned > referenced); `title` is the title as first written, replaced by the title of the
    mention that raised the status (a signing article names the document best); `signed_date` the date
    of the signing mention (or its document's publication date). `key` is the matching key (type + sorted parties + title content lemmas).
    """

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    title_lemmas: Mapped[str] = mapped_column(Text)  # space-separated sorted content lemmas of the title
    parties: Mapped[str] = mapped_column(String(200), default="")  # comma-separated ISO codes
    pair_a: Mapped[str | None] = mapped_column(String(2))
    pair_b: Mapped[str | None] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(20), index=True)
    signed_date: Mapped[date | None] = mapped_column(Date)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)

    mentions: Mapped[list[AgreementMention]] = relationship(back_populates="agreement")
    __table_args__ = (Index("ix_agreements_pair", "pair_a", "pair_b"),)


class AgreementMention(Base):
    """One article's mention of a canonical agreement: its status there (signed / referenced /
    planned), the date (`date`: the signing date stated, else the document's publication date), the
    title as written and the evidence. Ordered by `date`, these rows are the agreement's history."""

    __tablename__ = "agreement_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[date | None] = mapped_column(Date)
    date_text: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    agreement: Mapped[Agreement] = relationship(back_populates="mentions")


class Event(Base):
    """A visit, talks, forum, summit, meeting, call or cultural event. `date`: the event date if the
    text gives one, else NULL (use the document's `published`). `participants`: comma-separated ids of
    canonical entities; `participant_names`: their names, same order ("; "-separated). `location`: the
    place as a name (the canonical entity's name when the extractor pointed at an entity)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))
    type: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_text: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[str] = mapped_column(Text, default="")
    participant_names: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)


class Commitment(Base):
    """A promise, instruction or agreement to act. `figure_id`: its target figure, when it has one.

    Target tracking (see `letopis.resolve.track_targets`): for a commitment with a target figure,
    `status` is "met" when a later actual in the same series reaches the target (`evidence_figure_id` is
    that actual), "overdue" when the deadline has passed without such an actual, else "open";
    `status_as_of` is the date the status was computed for. Commitments without a target figure have
    status NULL. `deadline` is the last day of the deadline period ("до 2025 года" -> 2025-12-31).
    """

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), index=True)
    fact_id: Mapped[str] = mapped_column(String(20))
    modality: Mapped[str] = mapped_column(String(20), index=True)
    actors: Mapped[str] = mapped_column(Text, default="")  # comma-separated canonical entity ids
    actor_names: Mapped[str] = mapped_column(Text, default="")  # "; "-separated names, same order
    figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id"), index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_text: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str | None] = mapped_column(String(10), index=True)
    evidence_figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id"))
    status_as_of: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)


class Topic(Base):
    """A topic label of a document ("trade", "energy", "water", ...)."""

    __tablename__ = "topics"

    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)


class Pair(Base):
    """A country pair a document is about, sorted (`a < b`, ISO codes). The dossier of a pair is the
    facts of documents with that pair (plus figures/agreements carrying the pair themselves)."""

    __tablename__ = "pairs"

    document_id: Mapped[int] = mapped_column(ForeignKey(FK_DOC, ondelete="CASCADE"), primary_key=True)
    a: Mapped[str] = mapped_column(String(2), primary_key=True)
    b: Mapped[str] = mapped_column(String(2), primary_key=True)

    __table_args__ = (Index("ix_pairs_ab", "a", "b"),)


ALL_TABLES = [t.name for t in Base.metadata.sorted_tables]
