"""Money and percentage quantities in a sentence's tokens: "1,4 миллиарда долларов", "$2 млрд",
"140 млн долл. США", "двадцати миллиардов долларов", "полтора миллиона евро", "40 %", "десять процентов".

INTERFACE (used by figures; other helpers may use it too):
    quantities(doc, tokens) -> list[Quantity]   money/percent quantities in text order (tokens of one
                                                sentence); a bare scaled number joined to a unit-bearing
                                                one ("с 90 до 60,5 млрд долларов") takes its unit
    may_hold_quantity(text) -> bool             a regex pre-filter for a short text (a sentence)
    unit_offsets(doc) -> list[int]              where units may stand in a whole document (fast)

Only amounts with a currency or a percent sign/word come out: counts, years, ages, phone numbers and
"60 товарным позициям" have no unit and are dropped. Lexicons live in data/figure_numbers.tsv and
data/currencies.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from letopis.extractors.lexicon import table
from letopis.nlp import Doc
from letopis.nlp.doc import Token

_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)[-–](\d+(?:[.,]\d+)?)")
_GROUP = re.compile(r"\d{3}")
_GROUP_GAP = {" ", "\u00a0", "\u202f", "\u2009"}
# Joining a unit-less number to the next quantity: "с 90 до 60,5 млрд", "10-15 %", "2 или 3 млрд".
_RANGE_JOINERS = {"до", "-", "–", "—", "по"}
_LIST_JOINERS = {"и", "или", ","}


@dataclass(slots=True)
class Quantity:
    start_tok: int  # index into the sentence tokens of the first token (a prefix symbol included)
    num_tok: int  # index of the first number token (the scale word when there is no number)
    end_tok: int  # one past the last token (the unit, or "США" after it)
    value: float
    unit: str | None  # ISO 4217 code, "%", or None (not a figure unless a neighbour lends one)
    sign: int = 0  # +1 / -1 for "+40 %" / "−5 %", else 0
    scale: float = 1.0  # the scale word's factor (1 when there is none)
    bound: str | None = None  # "lo" / "hi" for the ends of a written range ("2-3 %")


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, float]
    scales: dict[str, float]
    nouns: list[tuple[re.Pattern[str], str]]
    adjectives: dict[str, str]
    symbols: dict[str, str]
    codes: frozenset[str]
    prefilter: re.Pattern[str]
    unit_tokens: frozenset[str]  # "%", symbols, ISO codes
    noun_prefixes: frozenset[str]  # first three letters of currency nouns


@cache
def _lex() -> _Lexicon:
    numbers, scales = {}, {}
    for lemma, value, kind in table("figure_numbers.tsv"):
        (scales if kind == "scale" else numbers)[lemma] = float(value)
    nouns, adjectives, symbols = [], {}, {}
    for kind, pattern, code in table("currencies.tsv"):
        if kind == "noun":
            nouns.append((re.compile(pattern), code))
        elif kind == "adj":
            adjectives[pattern] = code
        else:
            symbols[pattern] = code
    codes = frozenset(code for _, code in nouns) | frozenset(symbols.values())
    # The pre-filter looks for a unit only (a currency stem, symbol or code, or a percent): every
    # figure has one, and it is rarer than digits. Short stems over-match ("сумма"); that only costs a
    # closer look at the sentence.
    stems = sorted({alt.replace(r"\w*", "") for p, _ in nouns for alt in p.pattern.split("|")}, key=len)
    symbol_class = "".join(map(re.escape, symbols))
    prefilter = re.compile(
        rf"[{symbol_class}%]|процент|{'|'.join(stems)}|{'|'.join(sorted(codes))}", re.IGNORECASE
    )
    unit_tokens = frozenset({"%", *symbols, *codes})
    prefixes = frozenset(stem[:3] for stem in stems)
    return _Lexicon(numbers, scales, nouns, adjectives, symbols, codes, prefilter, unit_tokens, prefixes)


def may_hold_quantity(text: str) -> bool:
    return _lex().prefilter.search(text) is not None


def unit_offsets(doc: Doc) -> list[int]:
    """Start offsets of the tokens that may be a unit (currency, %, процент), in text order.

    The document-wide pre-filter: a plain loop over tokens with set look-ups (a regex over the text
    with every currency stem costs several times more).
    """
    lx = _lex()
    units, prefixes = lx.unit_tokens, lx.noun_prefixes
    return [
        t.start
        for t in doc.tokens
        if t.text in units or t.lemma == "процент" or (t.lemma[:3] in prefixes and _currency(t) is not None)
    ]


def _currency(tok: Token) -> str | None:
    low = tok.text.lower()
    for pattern, code in _lex().nouns:
        if pattern.fullmatch(low):
            return code
    return None


def _num(s: str) -> float:
    return float(s.replace(",", "."))


def quantities(doc: Doc, toks: list[Token]) -> list[Quantity]:
    """Money and percent quantities among `toks` (one sentence), in text order."""
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        q = _quantity_at(doc, toks, i)
        if q is None:
            i += 1
            continue
        found.extend(q)
        i = q[-1].end_tok
    return _lend_units(toks, found)


def _quantity_at(doc: Doc, toks: list[Token], i: int) -> list[Quantity] | None:
    lx = _lex()
    tok = toks[i]
    rng = _RANGE.fullmatch(tok.text)
    if rng:
        lo, hi = _num(rng[1]), _num(rng[2])
        tail = _tail(toks, i + 1, 1.0)
        if tail is None:
            return None
        scale, unit, end = tail
        return [
            Quantity(i, i, i + 1, lo * scale, unit, 0, scale, "lo"),
            Quantity(i, i, end, hi * scale, unit, 0, scale, "hi"),
        ]
    parsed = _number(doc, toks, i)
    if parsed is None:
        return None
    value, j = parsed
    tail = _tail(toks, j, value)
    if tail is None:
        return None
    scale, unit, end = tail
    if j == i and scale == 1.0:  # neither a number nor a scale word
        return None
    start, sign = i, 0
    if i > 0:
        prev = toks[i - 1]
        code = lx.symbols.get(prev.text) or (prev.text if prev.text in lx.codes else None)
        if code and unit is None:
            unit, start = code, i - 1
        elif prev.text in "+−-" and prev.end == tok.start and (i < 2 or toks[i - 2].end < prev.start):
            sign, start = (1 if prev.text == "+" else -1), i - 1
    return [Quantity(start, i, end, value * scale if j > i else scale, unit, sign, scale)]


def _number(doc: Doc, toks: list[Token], i: int) -> tuple[float, int] | None:
    """(value, index after the number) for digits or number words at i; (1, i) before a bare scale."""
    lx = _lex()
    tok = toks[i]
    if _DIGITS.fullmatch(tok.text):
        text, j = tok.text, i + 1
        # "12 000", "1 400 000": groups of three digits after a single space.
        while (
            "," not in text
            and "." not in text
            and j < len(toks)
            and _GROUP.fullmatch(toks[j].text)
            and doc.text[toks[j - 1].end : toks[j].start] in _GROUP_GAP
        ):
            text, j = text + toks[j].text, j + 1
        return _num(text), j
    if tok.lemma in lx.numbers and tok.pos in ("NUMR", "ADJF", "NOUN"):
        value, j, last = 0.0, i, float("inf")
        while j < len(toks) and toks[j].lemma in lx.numbers and lx.numbers[toks[j].lemma] < last:
            last = lx.numbers[toks[j].lemma]
            value, j = value + last, j + 1
        if j + 1 < len(toks) and toks[j].lemma == "с" and toks[j + 1].lemma == "половина":
            value, j = value + 0.5, j + 2
        return value, j
    if tok.lemma in lx.scales and tok.has("sing") and (i == 0 or not _DIGITS.fullmatch(toks[i - 1].text)):
        return 1.0, i  # "более миллиарда долларов": the scale alone is the amount
    return None


def _tail(toks: list[Token], j: int, value: float) -> tuple[float, str | None, int] | None:
    """(scale, unit, end) after a number at j: "млн", "млрд руб.", "миллиарда долларов США", "%"."""
    lx = _lex()
    scale = 1.0
    if j < len(toks) and toks[j].lemma in lx.scales:
        scale = lx.scales[toks[j].lemma]
        j += 1
        if j < len(toks) and toks[j].text == "." and toks[j - 1].text.lower() in lx.scales:
            j += 1
    if j >= len(toks):
        return scale, None, j
    tok = toks[j]
    if tok.text == "%" or tok.lemma == "процент":
        return scale, "%", j + 1
    if tok.text in lx.symbols:
        return scale, lx.symbols[tok.text], j + 1
    if tok.text in lx.codes:
        return scale, tok.text, j + 1
    k, override = j, None
    while k < len(toks) and k - j < 2 and toks[k].pos == "ADJF" and _currency(toks[k]) is None:
        override = override or lx.adjectives.get(toks[k].lemma)
        k += 1
    code = _currency(toks[k]) if k < len(toks) else None
    if code is None:
        return scale, None, j
    if override:  # "канадских долларов", "кипрских фунтов", "белорусских рублей"
        code = override
    k += 1
    if k < len(toks) and toks[k].text == "." and toks[k - 1].text.lower() in ("долл", "руб", "грн"):
        k += 1
    if k < len(toks) and toks[k].lemma == "сша":
        k += 1
    return scale, code, k


def _lend_units(toks: list[Token], qs: list[Quantity]) -> list[Quantity]:
    """A unit-less number joined to a unit-bearing one takes its unit; the rest are dropped."""
    out: list[Quantity] = []
    for n, q in enumerate(qs):
        if q.unit is None and n + 1 < len(qs):
            nxt = qs[n + 1]
            between = {t.lemma for t in toks[q.end_tok : nxt.start_tok]}
            scaled = q.scale != 1.0
            ok = 0 < nxt.start_tok - q.end_tok <= 2 and (
                between <= _RANGE_JOINERS or (scaled and between <= _LIST_JOINERS)
            )
            if ok and nxt.unit:
                q.unit = nxt.unit
                if q.scale == 1.0 and nxt.scale != 1.0:  # "с 90 до 60,5 млрд": the scale is shared
                    q.value, q.scale = q.value * nxt.scale, nxt.scale
        if q.unit is not None:
            out.append(q)
    return out
