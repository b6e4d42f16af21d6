"""Entities: persons, organizations, countries, cities, with mentions merged within the article.

INTERFACE (shared with every other extractor; keep these signatures stable):
    extract(doc) -> EntityIndex
    EntityIndex.entities                      list[Entity], ids "E1", "E2", ...
    EntityIndex.get(entity_id)                Entity | None
    EntityIndex.at(start, end)                the entity one of whose mentions overlaps [start, end)
    EntityIndex.in_span(start, end, types)    entities with a mention inside [start, end), in text order
    EntityIndex.countries_in(start, end)      ISO codes of countries named inside [start, end) by name,
                                              abbreviation or adjective, in order of first mention
    EntityIndex.resolve_person(start, end)    a phrase at [start, end) (a name, "глава государства",
                                              "президент Казахстана", "он") -> the PERSON it denotes
    EntityIndex.persons_before(offset)        PERSON entities mentioned before offset, most recent first

This first version is minimal (slovnet spans only); the gazetteer, roles and coreference replace it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from letopis.model import Entity, Mention
from letopis.nlp import Doc

_NER_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


class EntityIndex:
    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions(self) -> list[tuple[int, int, Entity]]:
        """Every (start, end, entity) in text order."""
        return self._spans

    def at(self, start: int, end: int) -> Entity | None:
        i = bisect_right(self._starts, end - 1) - 1
        while i >= 0:
            s, e, ent = self._spans[i]
            if e > start and s < end:
                return ent
            if e <= start and s < start - 500:
                break
            i -= 1
        return None

    def in_span(self, start: int, end: int, types: Iterable[str] | None = None) -> list[Entity]:
        wanted = set(types) if types else None
        seen: dict[str, Entity] = {}
        i = bisect_right(self._starts, start - 1)
        while i < len(self._spans) and self._spans[i][0] < end:
            _s, e, ent = self._spans[i]
            if e <= end and (wanted is None or ent.type in wanted):
                seen.setdefault(ent.id, ent)
            i += 1
        return list(seen.values())

    def countries_in(self, start: int, end: int) -> list[str]:
        out: list[str] = []
        for ent in self.in_span(start, end, ["COUNTRY"]):
            if ent.country and ent.country not in out:
                out.append(ent.country)
        return out

    def resolve_person(self, start: int, end: int) -> Entity | None:
        ent = self.at(start, end)
        if ent is not None and ent.type == "PERSON":
            return ent
        before = self.persons_before(start)
        return before[0] if before else None

    def persons_before(self, offset: int) -> list[Entity]:
        out: list[Entity] = []
        for s, _, ent in reversed(self._spans[: bisect_right(self._starts, offset - 1)]):
            if ent.type == "PERSON" and s < offset and ent not in out:
                out.append(ent)
        return out


def extract(doc: Doc) -> EntityIndex:
    groups: dict[tuple[str, str], list[Mention]] = {}
    for sp in doc.ner:
        key = (_NER_TYPES.get(sp.type, "LOCATION"), sp.text)
        groups.setdefault(key, []).append(Mention(start=sp.start, end=sp.end, text=sp.text))
    entities = [
        Entity(id=f"E{i}", type=t, name=name, mentions=ms)  # type: ignore[arg-type]
        for i, ((t, name), ms) in enumerate(groups.items(), 1)
    ]
    return EntityIndex(doc, entities)
