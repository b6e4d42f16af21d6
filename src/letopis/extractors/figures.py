"""Figures: placeholder until the figures extractor lands (interface: extract(doc, ents) -> list[Figure])."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Figure
from letopis.nlp import Doc


def extract(doc: Doc, ents: EntityIndex) -> list[Figure]:
    return []
