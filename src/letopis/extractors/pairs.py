"""Country pairs: placeholder until the extractor lands."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Agreement, Event, Figure
from letopis.nlp import Doc


def extract(
    doc: Doc, ents: EntityIndex, figures: list[Figure], agreements: list[Agreement], events: list[Event]
) -> list[list[str]]:
    return []
