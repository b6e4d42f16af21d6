"""Agreements: placeholder until the agreements extractor lands (interface: extract(doc, ents) -> list[Agreement])."""

from __future__ import annotations

from letopis.extractors.entities import EntityIndex
from letopis.model import Agreement
from letopis.nlp import Doc


def extract(doc: Doc, ents: EntityIndex) -> list[Agreement]:
    return []
