"""Commitments: placeholder until the extractor lands (interface: extract(doc, ents, figures))."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Commitment, Figure
from letopis.nlp import Doc


def extract(doc: Doc, ents: EntityIndex, figures: list[Figure]) -> list[Commitment]:
    return []
