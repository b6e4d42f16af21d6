"""The analysis pass: razdel segmentation, slovnet NER (natasha's news models) and pymorphy2.

Why no neural morphology or syntax: the slovnet morph tagger and syntax parser each cost about as
much as NER itself, and the extractors need only lemmas and grammemes, which a cached dictionary
lookup (pymorphy2) gives at a fraction of the cost. See `letopis bench speed`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from letopis.nlp.doc import Doc, NerSpan, Sentence, Token

# Texts are analysed in chunks of whole paragraphs of about this many characters, so a 5 MB input
# never becomes one giant NER batch.
CHUNK_CHARS = 100_000


@dataclass
class Models:
    segmenter: Any
    ner: Any
    morph: Any  # pymorphy2.MorphAnalyzer
    load_seconds: float


_models: Models | None = None
_lock = threading.Lock()


def models() -> Models:
    """Load the models once per process (about 1-2 s); later calls are free."""
    global _models
    if _models is None:
        with _lock:
            if _models is None:
                _models = _load()
    return _models


def _load() -> Models:
    t0 = time.perf_counter()
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter
    from pymorphy2 import MorphAnalyzer

    emb = NewsEmbedding()
    m = Models(
        segmenter=Segmenter(),
        ner=NewsNERTagger(emb),
        morph=MorphAnalyzer(),
        load_seconds=0.0,
    )
    m.load_seconds = time.perf_counter() - t0
    return m


@lru_cache(maxsize=200_000)
def _analysis(word: str) -> tuple[str, str | None, str]:
    """(lemma, POS, tag) of a word's most probable pymorphy2 parse."""
    p = models().morph.parse(word)[0]
    return p.normal_form.replace("ё", "е"), p.tag.POS, str(p.tag)


@lru_cache(maxsize=100_000)
def parse(word: str) -> list[Any]:
    """All pymorphy2 parses of a word (for inflection, e.g. to the nominative); cached, do not mutate."""
    return models().morph.parse(word)


def analyse(text: str, **meta: Any) -> Doc:
    """Run the one NLP pass over `text`; `meta` (published, title, ...) is kept on the Doc."""
    doc = Doc(text=text, meta=dict(meta))
    for offset, chunk in _chunks(text):
        _analyse_chunk(doc, chunk, offset)
    doc.reindex()
    return doc


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


def _analyse_chunk(doc: Doc, chunk: str, offset: int) -> None:
    from natasha import Doc as NatashaDoc

    m = models()
    nd = NatashaDoc(chunk)
    nd.segment(m.segmenter)
    if chunk.strip():
        nd.tag_ner(m.ner)
    base = len(doc.tokens)
    tok_index: dict[int, int] = {}
    for i, t in enumerate(nd.tokens):
        lemma, pos, tag = _analysis(t.text) if _wordlike(t.text) else (t.text.lower(), None, "")
        doc.tokens.append(Token(t.text, t.start + offset, t.stop + offset, lemma, pos, tag, base + i))
        tok_index[t.start] = base + i
    for s in nd.sents:
        first = tok_index.get(s.tokens[0].start, base) if s.tokens else base
        n = len(s.tokens)
        doc.sentences.append(
            Sentence(s.start + offset, s.stop + offset, s.text, first, first + n, len(doc.sentences))
        )
    for sp in nd.spans:
        first = tok_index.get(sp.tokens[0].start, base) if sp.tokens else base
        doc.ner.append(
            NerSpan(sp.type, sp.start + offset, sp.stop + offset, sp.text, first, first + len(sp.tokens))
        )


def _wordlike(s: str) -> bool:
    return any(c.isalpha() for c in s)
