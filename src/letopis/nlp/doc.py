"""The analysed document that extractors read: plain data, no model objects."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Token:
    """A token with its first (most probable) pymorphy analysis."""

    text: str
    start: int
    end: int
    lemma: str  # lower-case normal form; for non-words the lower-cased text
    pos: str | None  # OpenCorpora POS (NOUN, VERB, INFN, PRTF, ADJF, NUMR, PREP, CONJ, NPRO, ...)
    tag: str  # the full OpenCorpora tag, e.g. "NOUN,inan,femn sing,gent"
    index: int = 0  # position in Doc.tokens
    grammemes: frozenset[str] = frozenset()  # the tag's grammemes, for cheap membership tests

    def has(self, *grammemes: str) -> bool:
        """True when the tag carries every one of these grammemes (e.g. "gent", "plur")."""
        return all(g in self.grammemes for g in grammemes)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    token_start: int  # index of the first token in Doc.tokens
    token_end: int  # one past the last token
    index: int = 0


@dataclass(slots=True)
class NerSpan:
    """A statistical NER span (slovnet): PER, LOC or ORG."""

    type: str
    start: int
    end: int
    text: str
    token_start: int
    token_end: int


@dataclass
class Doc:
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    ner: list[NerSpan] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _tok_starts: list[int] = field(default_factory=list, repr=False)
    _lemma_index: dict[str, list[int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._sent_starts = [s.start for s in self.sentences]
        self._tok_starts = [t.start for t in self.tokens]
        self._lemma_index = None

    def lemma_positions(self) -> dict[str, list[int]]:
        """lemma -> indices of its tokens, built once per document and shared by the extractors."""
        if self._lemma_index is None:
            index: dict[str, list[int]] = {}
            for k, t in enumerate(self.tokens):
                index.setdefault(t.lemma, []).append(k)
            self._lemma_index = index
        return self._lemma_index

    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing this character offset."""
        i = bisect_right(self._sent_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def token_at(self, offset: int) -> Token | None:
        i = bisect_right(self._tok_starts, offset) - 1
        if i >= 0 and offset < self.tokens[i].end:
            return self.tokens[i]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying within [start, end)."""
        i = bisect_right(self._tok_starts, start - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end <= end:
                out.append(self.tokens[i])
            i += 1
        return out

    def sentence_tokens(self, sent: Sentence) -> list[Token]:
        return self.tokens[sent.token_start : sent.token_end]

    def ner_in(self, start: int, end: int, type_: str | None = None) -> list[NerSpan]:
        return [
            s for s in self.ner if s.start >= start and s.end <= end and (type_ is None or s.type == type_)
        ]
