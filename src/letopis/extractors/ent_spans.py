"""Entity spans: slovnet's NER spans repaired with the gazetteer and a few boundary rules.

What the statistical NER gets wrong, and the general rule that fixes it:
- countries, capitals and international organizations it misses or mistypes -> the gazetteer
  (a gazetteer name inside a NER span of another class keeps both: "МИД [России]");
- a name with its translation in parentheses read as one span -> split at the brackets;
- a place or organization without its head noun ("реки [Славянки]", "партии «[Яблоко]»") -> the
  descriptor joins the span, and an organization swallows a following genitive country or
  organization ("Министерство финансов Украины", "Палаты представителей Конгресса США");
- state bodies the NER does not see ("правительства Китая", "украинское правительство");
- one name split in two adjacent spans -> merged.
Spans are token ranges [ts, te) over Doc.tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from letopis.extractors import ent_morph, gazetteer
from letopis.extractors.gazetteer import Place
from letopis.extractors.lexicon import words
from letopis.nlp import Doc

_NER = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
_LOC_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
_OPEN, _CLOSE = '«„"“', '»“"”'
_SPLIT = {"(", ")", "•", "[", "]", ";"}
_SPLIT_PER = _SPLIT | {",", "—", "–", ":"}  # a list of names is never one name


@dataclass(slots=True)
class Cand:
    type: str
    ts: int
    te: int
    place: Place | None = None
    source: str = "ner"


@cache
def _words(name: str) -> frozenset[str]:
    return words(name, lower=True)


def geo_descriptors() -> frozenset[str]:
    return _words("geo_descriptors.txt")


def org_descriptors() -> frozenset[str]:
    return _words("org_descriptors.txt")


def state_bodies() -> frozenset[str]:
    return _words("state_bodies.txt")


def not_entities() -> frozenset[str]:
    return _words("not_entities.txt")


def candidates(doc: Doc) -> list[Cand]:
    """Every entity span of the document (nested spans of different classes allowed), text order."""
    toks = doc.tokens
    lem = [t.lemma for t in toks]
    sur = [t.text.lower().replace("ё", "е") for t in toks]
    txt = [t.text for t in toks]
    gaz = _gazetteer_hits(doc, lem, sur, txt)
    gaz_at = {(g.ts, g.te): g for g in gaz}
    # a name never starts with a known organization or country ("лидера Аль-Каиды Усамы ...")
    gaz_first = {
        g.ts: g.te for g in gaz if g.place is not None and g.place.type in ("ORGANIZATION", "COUNTRY")
    }
    out: list[Cand] = []
    for sp in doc.ner:
        start = sp.token_start
        if sp.type == "PER" and gaz_first.get(start, sp.token_end) < sp.token_end:
            start = gaz_first[start]
        for ts, te in _split(txt, start, sp.token_end, _SPLIT_PER if sp.type == "PER" else _SPLIT):
            out.extend(_reconcile(Cand(_NER.get(sp.type, "LOCATION"), ts, te), gaz_at))
    covered = {(c.ts, c.te) for c in out}
    at_token: dict[int, list[Cand]] = {}  # NER spans by the tokens they cover (spans are short)
    for c in out:
        for i in range(c.ts, c.te):
            at_token.setdefault(i, []).append(c)
    for g in gaz:
        if (g.ts, g.te) in covered:
            continue
        near = {id(c): c for i in range(g.ts, g.te) for c in at_token.get(i, ())}
        if not any(not _contains(c, g) for c in near.values()):
            out.append(g)
    out = [c for c in out if _keep(c, txt, lem)]
    for c in out:
        # a seat of power named as an organization is a place after "в", "из", "у" ("в Белом доме")
        seat = c.place is not None and c.place.type == "ORGANIZATION" and c.place.country == "@place"
        if seat and c.ts > 0 and lem[c.ts - 1] in ("в", "во", "из", "у", "возле", "около"):
            c.type = "LOCATION"
    out.extend(_state_bodies(doc, lem, txt, out))
    out = _merge_adjacent(out, doc)
    by_start: dict[int, list[Cand]] = {}
    for c in out:
        by_start.setdefault(c.ts, []).append(c)
    for c in out:
        _fix_bounds(c, by_start, lem, txt, doc)
    return _dedupe(out)


def _gazetteer_hits(doc: Doc, lem: list[str], sur: list[str], txt: list[str]) -> list[Cand]:
    out = []
    for s in doc.sentences:
        i = s.token_start
        while i < s.token_end:
            if not txt[i][:1].isupper():
                i += 1
                continue
            hit = gazetteer.match(lem, sur, txt, i, initial=i == s.token_start, end=s.token_end)
            if hit and not (i > 0 and txt[i - 1] == "." and doc.tokens[i - 1].end == doc.tokens[i].start):
                n, place = hit
                out.append(Cand(place.type, i, i + n, place, "gazetteer"))
                i += n
            else:
                i += 1
    return out


def _split(txt: list[str], ts: int, te: int, marks: set[str]) -> list[tuple[int, int]]:
    """Cut a NER span at brackets and bullets ("Джоэл Саймон (Joel Simon)" is two names)."""
    out, start = [], ts
    for i in range(ts, te + 1):
        if i == te or txt[i] in marks:
            a, b = start, i
            while a < b and not any(ch.isalnum() for ch in txt[a]) and txt[a] not in _OPEN:
                a += 1
            while b > a and not any(ch.isalnum() for ch in txt[b - 1]) and txt[b - 1] not in _CLOSE:
                b -= 1
            if a < b:
                out.append((a, b))
            start = i + 1
    return out


def _contains(outer: Cand, inner: Cand) -> bool:
    return outer.ts <= inner.ts and inner.te <= outer.te


def _reconcile(c: Cand, gaz_at: dict[tuple[int, int], Cand]) -> list[Cand]:
    """Type a NER span by the gazetteer when they cover the same tokens."""
    g = gaz_at.get((c.ts, c.te))
    if g is not None and g.place is not None:
        if c.type == "PERSON" and g.place.type in ("CITY", "REGION", "LOCATION"):
            return [c]  # "София", "Вашингтон": the NER knows a person from a city by context
        return [Cand(g.place.type, c.ts, c.te, g.place, "ner")]
    return [c]


def _keep(c: Cand, txt: list[str], lem: list[str]) -> bool:
    words = [t for t in txt[c.ts : c.te] if any(ch.isalpha() for ch in t)]
    if not words:
        return False
    if c.te - c.ts == 1 and lem[c.ts] in not_entities():
        return False
    return not (c.type == "PERSON" and not any(w[:1].isupper() for w in words))


def _state_bodies(doc: Doc, lem: list[str], txt: list[str], found: list[Cand]) -> list[Cand]:
    """ "правительства Китая", "МИД России", "украинское правительство": state bodies by rule."""
    bodies = state_bodies()
    taken = {i for c in found if c.type == "ORGANIZATION" for i in range(c.ts, c.te)}
    locs = {c.ts: c for c in found if c.type in _LOC_TYPES}
    out = []
    for i, lm in enumerate(lem):
        if lm not in bodies or i in taken:
            continue
        sent = doc.sentence_at(doc.tokens[i].start)
        if sent is None:
            continue
        j = i + 1
        while j < sent.token_end and j - i <= 4 and _genitive_complement(doc, j, lem):
            j += 1
        loc = locs.get(j) if j < sent.token_end else None
        if loc is not None and (ent_morph.may_be(txt[j], "gent") or _indeclinable(txt[j])):
            out.append(Cand("ORGANIZATION", i, loc.te, None, "rule"))
        elif j == i + 1 and i > 0 and gazetteer.adjective_country(lem[i - 1]) and "-" not in lem[i - 1]:
            out.append(Cand("ORGANIZATION", i - 1, i + 1, None, "rule"))
    return out


def _indeclinable(word: str) -> bool:
    return word.isupper()


def _genitive_complement(doc: Doc, j: int, lem: list[str]) -> bool:
    """A lower-case genitive word (or "и") continuing an organization's name: "сельского хозяйства"."""
    t = doc.tokens[j]
    if t.text[:1].isupper():
        return False
    return t.lemma == "и" or (t.pos in ("NOUN", "ADJF") and t.has("gent"))


def _merge_adjacent(cands: list[Cand], doc: Doc) -> list[Cand]:
    """Two PER spans separated only by a space are one name ("Хвана" + "Чжан Епа")."""
    cands.sort(key=lambda c: (c.ts, -c.te))
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == c.type == "PERSON"
            and prev.te == c.ts
            and doc.tokens[c.ts].start - doc.tokens[prev.te - 1].end <= 1
            and doc.text[doc.tokens[prev.te - 1].end : doc.tokens[c.ts].start].strip() == ""
        ):
            prev.te = c.te
            continue
        out.append(c)
    return out


def _fix_bounds(c: Cand, by_start: dict[int, list[Cand]], lem: list[str], txt: list[str], doc: Doc) -> None:
    sent = doc.sentence_at(doc.tokens[c.ts].start)
    lo = sent.token_start if sent else 0
    hi = sent.token_end if sent else len(txt)
    if c.type in ("LOCATION", "CITY", "REGION") and c.ts > lo:
        p = c.ts - 1
        if lem[p] in geo_descriptors() and txt[p][:1].islower():
            c.ts = _adjectives_before(doc, p, lo)
    if c.type != "ORGANIZATION":
        return
    # no descriptor: the name starts after its opening quote («[Майкрософт]»)
    while c.te - c.ts > 1 and txt[c.ts] in _OPEN:
        c.ts += 1
    # descriptor and opening quote before the name: партии «Яблоко», компании Piedmont Airlines
    p = c.ts
    if p - 1 >= lo and txt[p - 1] in _OPEN:
        p -= 1
    if (
        p - 1 >= lo
        and lem[p - 1] in org_descriptors()
        and (txt[p - 1][:1].islower() or txt[p - 1].isupper() or p - 1 == lo)
    ):  # "компании X", "ОАО «X»", a sentence's first word "Корпорация X"
        c.ts = _adjectives_before(doc, p - 1, lo)
    elif doc.tokens[c.ts].pos == "NOUN" and not txt[c.ts].isupper():
        # "синодального Отдела ...", "антимонопольной комиссии ...": the adjectives belong to the name
        c.ts = _adjectives_before(doc, c.ts, lo)
    # a following genitive country or organization belongs to the name
    for _ in range(3):
        nxt = next((o for o in by_start.get(c.te, ()) if o is not c and o.te <= hi), None)
        if nxt is None or nxt.type not in ("COUNTRY", "CITY", "ORGANIZATION", "REGION"):
            break
        t = doc.tokens[nxt.ts]
        if not (ent_morph.may_be(t.text, "gent") or t.text.isupper()):
            break
        c.te = nxt.te
    # the gold-standard convention: an organization's span ends before its closing quote
    while c.te - c.ts > 1 and txt[c.te - 1] in _CLOSE:
        c.te -= 1


def _adjectives_before(doc: Doc, i: int, lo: int) -> int:
    """The first of the lower-case adjectives right before token i (not pronouns: "этой", "своей")."""
    j = i
    while j - 1 >= lo:
        t = doc.tokens[j - 1]
        if t.pos not in ("ADJF", "PRTF") or not t.text[:1].islower() or "Apro" in t.tag:
            break
        j -= 1
    return j


def _dedupe(cands: list[Cand]) -> list[Cand]:
    seen: dict[tuple[int, int, str], Cand] = {}
    for c in sorted(cands, key=lambda c: (c.ts, -c.te)):
        key = (c.ts, c.te, "LOC" if c.type in _LOC_TYPES else c.type)
        seen.setdefault(key, c)
    return list(seen.values())
