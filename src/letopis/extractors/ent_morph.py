"""Putting entity phrases in the nominative with pymorphy2, adjectives agreeing with their noun.

"Министерства сельского хозяйства Германии" -> "Министерство сельского хозяйства Германии",
"Исламского комитета России" -> "Исламский комитет России", "официальными представителями" ->
"официальный представитель": the head noun (the first noun) and the adjectives before it change;
the genitive complements after it stay as written.
"""

from __future__ import annotations

from functools import cache

from letopis.nlp import Token
from letopis.nlp.pipeline import parse

_ADJ = ("ADJF", "PRTF")


def nominative_words(tokens: list[Token], singular: bool = False) -> list[str]:
    """The tokens' texts with the head noun and its adjectives in the nominative."""
    head = next((i for i, t in enumerate(tokens) if t.pos == "NOUN" and not t.text.isupper()), None)
    if head is None or any(t.pos not in _ADJ for t in tokens[:head]):
        return [t.text for t in tokens]
    noun = _noun_nominative(tokens[head].text, singular)
    if noun is None:
        return [t.text for t in tokens]
    word, gender, number = noun
    out = [_adjective(t.text, gender, number) for t in tokens[:head]]
    out.append(word)
    out.extend(t.text for t in tokens[head + 1 :])
    return out


@cache
def _noun_nominative(text: str, singular: bool) -> tuple[str, str | None, str] | None:
    parses = [p for p in parse(text) if p.tag.POS == "NOUN"]
    if not parses:
        return None
    p = parses[0]
    number = "sing" if singular or "Sgtm" in p.tag else (p.tag.number or "sing")
    form = p if p.tag.case == "nomn" and p.tag.number == number else p.inflect({"nomn", number})
    if form is None:
        return None
    return _case_like(text, form.word), p.tag.gender, number


@cache
def _adjective(text: str, gender: str | None, number: str) -> str:
    parses = [p for p in parse(text) if p.tag.POS in _ADJ]
    if not parses:
        return text
    want = {"nomn", "plur"} if number == "plur" else {"nomn", "sing", gender or "masc"}
    form = parses[0].inflect(want)
    return _case_like(text, form.word) if form is not None else text


def _case_like(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


@cache
def may_be(word: str, grammeme: str) -> bool:
    """True when any pymorphy2 reading of the word carries the grammeme ("Индии" may be genitive,
    though its first reading is dative)."""
    return any(grammeme in p.tag for p in parse(word))
