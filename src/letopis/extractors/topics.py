"""Topics: sector tags ("trade", "energy", "education", ...) of a document, from a lemma lexicon.

INTERFACE: extract(doc) -> list[str], the tags in order of first mention.

Each lemma of `data/sectors.tsv` carries a topic and a weight: 2 for a sector's own name
("энергетика", "образование"), 1 for an associate ("нефть", "школа"). A topic is emitted when its
weights in the document reach the threshold, so one stray associate word does not tag a document.
"""

from __future__ import annotations

from functools import cache

from letopis.extractors.lexicon import DATA
from letopis.nlp import Doc

THRESHOLD = 2
# Long documents mention many things in passing; there a topic needs more evidence.
LONG_DOC_TOKENS = 2000


@cache
def _lexicon() -> dict[str, tuple[tuple[str, int], ...]]:
    """lemma -> ((topic, weight), ...)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for line in (DATA / "sectors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, topic, weight = [*line.split("\t"), "1"][:3]
        out.setdefault(lemma.strip(), []).append((topic.strip(), int(weight or 1)))
    return {k: tuple(v) for k, v in out.items()}


def _entries(lemma: str, lex: dict[str, tuple[tuple[str, int], ...]]) -> tuple[tuple[str, int], ...]:
    hit = lex.get(lemma)
    if hit is not None or "-" not in lemma:
        return hit or ()
    # "торгово-экономический", "IT-сектор": each part may name a sector
    parts: list[tuple[str, int]] = []
    for part in lemma.split("-"):
        parts.extend(lex.get(part, ()))
    return tuple(parts)


def extract(doc: Doc) -> list[str]:
    lex = _lexicon()
    score: dict[str, int] = {}
    first: dict[str, int] = {}
    for tok in doc.tokens:
        if tok.pos is None and "-" not in tok.lemma and not tok.lemma.isalpha():
            continue
        for topic, weight in _entries(tok.lemma, lex):
            score[topic] = score.get(topic, 0) + weight
            first.setdefault(topic, tok.start)
    need = THRESHOLD + (1 if len(doc.tokens) > LONG_DOC_TOKENS else 0)
    return sorted((t for t, s in score.items() if s >= need), key=lambda t: first[t])
