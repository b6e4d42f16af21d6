"""Fact extractors: one module per fact kind, each a pure function over the analysed `Doc`.

Order matters only through data: entities first (everything refers to them), then quotes, figures,
agreements and events, then commitments (which may point at a figure), then topics and pairs.
"""

from __future__ import annotations

from letopis.extractors import agreements, commitments, entities, events, figures, pairs, quotes, topics
from letopis.model import DocumentMeta, Extraction
from letopis.nlp import Doc


def run(doc: Doc) -> Extraction:
    """Every fact of one analysed document."""
    ents = entities.extract(doc)
    qs = quotes.extract(doc, ents)
    figs = figures.extract(doc, ents)
    agrs = agreements.extract(doc, ents)
    evs = events.extract(doc, ents)
    coms = commitments.extract(doc, ents, figs)
    tops = topics.extract(doc)
    prs = pairs.extract(doc, ents, figs, agrs, evs)
    meta = {k: doc.meta.get(k) for k in ("id", "title", "source", "url", "published")}
    return Extraction(
        document=DocumentMeta(**meta, chars=len(doc.text)),
        entities=ents.entities,
        quotes=qs,
        figures=figs,
        agreements=agrs,
        events=evs,
        commitments=coms,
        topics=tops,
        pairs=prs,
    )
