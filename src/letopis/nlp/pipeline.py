"""The analysis pass: razdel segmentation, slovnet NER (natasha's news models) and pymorphy2.

Why no neural morphology or syntax: the slovnet morph tagger and syntax parser each cost about as
much as NER itself, and the extractors need only lemmas and grammemes, which a cached dictionary
lookup (pymorphy2) gives at a fraction of the cost. See `letopis bench speed`.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from razdel import sentenize, tokenize

from letopis.nlp.doc import Doc, NerSpan, Sentence, Token

# Texts are analysed in chunks of whole paragraphs of about this many characters, so a 5 MB input
# never becomes one giant NER batch.
CHUNK_CHARS = 100_000


@dataclass
class Models:
    ner: Any
    morph: Any  # pymorphy2.MorphAnalyzer
    load_seconds: float
    _segmenter: Any = None

    @property
    def segmenter(self) -> Any:
        """natasha's Segmenter, built on first use: only baselines need it, analysis uses razdel directly."""
        if self._segmenter is None:
            from natasha import Segmenter

            self._segmenter = Segmenter()
        return self._segmenter


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
    from navec import Navec
    from pymorphy2 import MorphAnalyzer
    from slovnet import NER

    _pymorphy2_py311_fix()
    _one_blas_thread()
    data = _natasha_data()
    ner = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"))
    ner.navec(Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar")))
    m = Models(ner=ner, morph=MorphAnalyzer(), load_seconds=0.0)
    m.load_seconds = time.perf_counter() - t0
    return m


def _one_blas_thread() -> None:
    """Run BLAS (numpy's OpenBLAS, under slovnet) on one thread in this process. Why: slovnet's
    matrices are small, and OpenBLAS's threads spin waiting for work: measured on the sample corpus,
    25 ms of wall and 25 ms of CPU per article on one thread against 35 ms of wall and 67 ms of CPU
    with its default of one thread per core. It also lets `letopis ingest --workers N` use N cores
    instead of N workers fighting over them. Process-wide: a program that imports letopis and needs
    threaded BLAS for its own large matrices can raise it again with threadpoolctl."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _pymorphy2_py311_fix() -> None:
    """pymorphy2 0.9.1 calls inspect.getargspec, removed in Python 3.11; natasha's own stack (yargy)
    applies this same patch on import (pymorphy2 issue #160), so we apply it where we load pymorphy2."""
    from inspect import getfullargspec

    from pymorphy2.units.base import BaseAnalyzerUnit

    def param_names(klass: type) -> list[str]:
        if klass.__init__ is object.__init__:
            return []
        return sorted(getfullargspec(klass.__init__).args[1:])

    BaseAnalyzerUnit._get_param_names = classmethod(param_names)  # type: ignore[method-assign]


def _natasha_data() -> Path:
    """natasha's bundled models (navec news embeddings, slovnet NER), found without importing natasha.

    Why: `import natasha` pulls in its morphology, syntax, yargy grammars and markup tools, which the
    analysis never uses; loading the two model files directly halves start-up.
    """
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the natasha package (which ships the NER models) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


_NO_GRAMMEMES: frozenset[str] = frozenset()


@lru_cache(maxsize=200_000)
def _analysis(word: str) -> tuple[str, str | None, str, frozenset[str]]:
    """(lemma, POS, tag, grammemes) of a word's most probable pymorphy2 parse.

    POS is turned into a plain str: pymorphy's own string subclass compares through slow Python code.
    """
    p = models().morph.parse(word)[0]
    pos = str(p.tag.POS) if p.tag.POS else None
    return p.normal_form.replace("ё", "е"), pos, str(p.tag), frozenset(p.tag.grammemes)


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
    base = len(doc.tokens)
    for s_start, s_end in _sentence_bounds(chunk):
        first = len(doc.tokens)
        for t in tokenize(chunk[s_start:s_end]):
            start = offset + s_start + t.start
            if _wordlike(t.text):
                lemma, pos, tag, gram = _analysis(t.text)
            else:
                lemma, pos, tag, gram = t.text.lower(), None, "", _NO_GRAMMEMES
            doc.tokens.append(Token(t.text, start, start + len(t.text), lemma, pos, tag, len(doc.tokens), gram))
        if len(doc.tokens) > first:
            doc.sentences.append(
                Sentence(offset + s_start, offset + s_end, chunk[s_start:s_end], first, len(doc.tokens),
                         len(doc.sentences))
            )
    if len(doc.tokens) > base:
        doc.ner.extend(_ner_spans(doc, [t.text for t in doc.tokens[base:]], base))


def _sentence_bounds(chunk: str) -> list[tuple[int, int]]:
    """Sentences within paragraphs: a line break always ends a sentence.

    Why: razdel's sentenizer reads across newlines ("... Ван И.\nСтороны ..." stays one sentence), but in
    news text a line break is a paragraph break, and a quote's attribution never spans one.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in chunk.split("\n"):
        if line.strip():
            out.extend((pos + s.start, pos + s.stop) for s in sentenize(line))
        pos += len(line) + 1
    return out


def _ner_spans(doc: Doc, words: list[str], base: int) -> list[NerSpan]:
    """slovnet NER over tokens we already have.

    Why not natasha's `Doc.tag_ner`: it hands the raw text to slovnet, which tokenizes it a second
    time and then re-aligns spans to tokens; feeding our tokens to the same model skips both.
    The model sees the chunk as one sequence, exactly as `tag_ner` does.
    """
    infer = models().ner.infer
    (tags,) = list(infer.decoder(infer.process(infer.encoder([words]))))
    spans: list[NerSpan] = []
    open_type, open_at = None, 0
    for i, tag in enumerate([*tags, "O"]):
        part, _, type_ = tag.partition("-")
        if open_type and (part != "I" or type_ != open_type):
            spans.append(_span(doc, open_type, base + open_at, base + i))
            open_type = None
        if part == "B" or (part == "I" and open_type is None):
            open_type, open_at = type_, i
    return spans


def _span(doc: Doc, type_: str, first: int, last: int) -> NerSpan:
    start, end = doc.tokens[first].start, doc.tokens[last - 1].end
    return NerSpan(type_, start, end, doc.text[start:end], first, last)


def _wordlike(s: str) -> bool:
    return any(c.isalpha() for c in s)
