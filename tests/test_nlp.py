"""The one NLP pass: offsets are exact, chunking of long texts keeps them exact."""

from __future__ import annotations

from letopis.nlp import pipeline

PARA = (
    "Министр иностранных дел России Сергей Лавров встретился в Москве с главой МИД Китая Ван И.\n"
    "Стороны обсудили подготовку визита в Пекин.\n"
)


def _check_offsets(doc):
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        toks = doc.tokens[s.token_start : s.token_end]
        assert toks and toks[0].start >= s.start and toks[-1].end <= s.end
    for sp in doc.ner:
        assert doc.text[sp.start : sp.end] == sp.text
        assert doc.tokens[sp.token_start].start == sp.start
        assert doc.tokens[sp.token_end - 1].end == sp.end


def test_tokens_lemmas_ner(analyse):
    doc = analyse(PARA, published="2024-01-01")
    _check_offsets(doc)
    assert doc.published == "2024-01-01"
    assert [t.lemma for t in doc.tokens[:2]] == ["министр", "иностранный"]
    assert {(s.type, s.text) for s in doc.ner} >= {("PER", "Сергей Лавров"), ("LOC", "Москве")}
    visit = next(t for t in doc.tokens if t.text == "визита")
    assert visit.pos == "NOUN" and visit.has("gent")
    assert doc.sentence_at(visit.start).index == 1
    assert doc.token_at(visit.start + 2) is visit
    assert [t.text for t in doc.tokens_in(0, 19)] == ["Министр", "иностранных"]


def test_long_text_is_chunked_with_exact_offsets(analyse, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1000)
    text = PARA * 30
    doc = analyse(text)
    _check_offsets(doc)
    assert len(pipeline._chunks(text)) > 3
    assert sum(1 for s in doc.ner if s.text == "Сергей Лавров") == 30
    assert [t.index for t in doc.tokens] == list(range(len(doc.tokens)))
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


def test_empty_chunk_has_no_entities(analyse):
    doc = analyse("   ")
    assert doc.tokens == [] and doc.ner == []
