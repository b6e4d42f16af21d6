"""Topics: placeholder until the extractor lands (interface: extract(doc) -> list[str])."""

from __future__ import annotations

from letopis.nlp import Doc


def extract(doc: Doc) -> list[str]:
    return []
