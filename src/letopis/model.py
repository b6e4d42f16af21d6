"""The fact schema `letopis.extraction/1`: the contract shared by every layer.

Extractors produce these objects, the store persists them, the API and the web UI serve them.
Keys follow the published schema exactly; extra keys are allowed to be added here, never renamed.
Every fact carries its evidence: `text`, `start`, `end` are Python str offsets into the document.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "letopis.extraction/1"

EntityType = Literal[
    "PERSON", "ORGANIZATION", "COUNTRY", "CITY", "REGION", "LOCATION", "MONEY", "PERCENT", "DATE"
]
Metric = Literal[
    "trade_turnover", "export", "import", "investment", "contracts", "loan", "gdp", "production",
    "price", "budget", "other",
]
Qualifier = Literal["eq", "gt", "gte", "lt", "lte", "approx"]
FigureKind = Literal["actual", "target", "potential", "forecast", "change", "deal"]
AgreementType = Literal[
    "declaration", "roadmap", "agreement", "memorandum", "treaty", "contract", "protocol", "programme",
    "statement", "other",
]
AgreementStatus = Literal["signed", "referenced", "planned"]
EventType = Literal["visit", "talks", "forum", "summit", "meeting", "call", "cultural", "other"]
EventStatus = Literal["held", "planned", "cancelled"]
Modality = Literal["agreed", "instructed", "pledged", "ready", "planned", "proposed", "invited", "demanded"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Evidence(_Model):
    """Where a fact comes from: the exact characters of its sentence or clause."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Role(_Model):
    title: str
    country: str | None = None
    organization: str | None = None


class Entity(_Model):
    id: str
    type: EntityType
    name: str
    country: str | None = None
    roles: list[Role] = Field(default_factory=list)
    value: str | float | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Evidence):
    id: str
    direct: bool
    speaker: str | None = None
    cue: str | None = None


class Period(_Model):
    start: str
    end: str
    text: str | None = None


class Figure(Evidence):
    id: str
    metric: Metric = "other"
    sector: str | None = None
    value: float
    unit: str
    qualifier: Qualifier = "eq"
    kind: FigureKind = "actual"
    period: Period | None = None
    countries: list[str] = Field(default_factory=list)


class Agreement(Evidence):
    id: str
    type: AgreementType = "other"
    title: str
    status: AgreementStatus = "referenced"
    parties: list[str] = Field(default_factory=list)
    date: str | None = None
    period: Period | None = None


class Event(Evidence):
    id: str
    type: EventType = "other"
    name: str
    status: EventStatus = "held"
    date: str | None = None
    location: str | None = None
    participants: list[str] = Field(default_factory=list)


class Commitment(Evidence):
    id: str
    modality: Modality
    actors: list[str] = Field(default_factory=list)
    figure: str | None = None
    deadline: str | None = None


class DocumentMeta(_Model):
    id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "ru"
    chars: int = 0


class Extraction(_Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    document: DocumentMeta
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    pairs: list[list[str]] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None (quotes, events and commitments refer to entities by id)."""
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)
