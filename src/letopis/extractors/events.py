"""Events: placeholder until the events extractor lands (interface: extract(doc, ents) -> list[Event])."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Event
from letopis.nlp import Doc


def extract(doc: Doc, ents: EntityIndex) -> list[Event]:
    return []
