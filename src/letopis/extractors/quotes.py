"""Quotes: placeholder until the quotes extractor lands (interface: extract(doc, ents) -> list[Quote])."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Quote
from letopis.nlp import Doc


def extract(doc: Doc, ents: EntityIndex) -> list[Quote]:
    return []
