"""The gazetteer: countries, cities, regions and international organizations with Russian forms.

Built once per process (functools.cache) from pycountry's Russian country names (gettext catalogue
`iso3166-1`) plus the hand-made data files in `data/`: short forms and abbreviations
(countries.tsv), adjectives and the first parts of compound adjectives ("российско-китайский"),
capitals and major cities (cities.tsv), organizations (organizations.tsv).

Names are keyed by the tuple of their tokens' lemmas, the same lemmas `Doc` tokens carry, so a name
in any case ("Казахстана", "Южной Кореи") is one dict lookup per candidate n-gram. Abbreviations
("РФ", "США") match only in capitals; a one-word name whose lemma is an ordinary word ("Того" is the
pronoun "тот") matches only in its exact form, never at the start of a sentence.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache

from letopis.extractors.lexicon import rows

_ACCENT = re.compile("\u0301")
_WORD = re.compile(r"\w+(?:-\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: type (COUNTRY, CITY, REGION, LOCATION, ORGANIZATION), name, ISO code."""

    type: str
    name: str
    country: str | None


@dataclass(slots=True)
class Gazetteer:
    by_lemmas: dict[tuple[str, ...], Place] = field(default_factory=dict)
    by_surface: dict[tuple[str, ...], Place] = field(default_factory=dict)  # exact lower-case forms
    abbrev: set[tuple[str, ...]] = field(default_factory=set)  # keys that must be written in capitals
    adjectives: dict[str, str] = field(default_factory=dict)  # adjective lemma -> ISO code
    prefixes: dict[str, str] = field(default_factory=dict)  # "российско" -> RU
    country_names: dict[str, str] = field(default_factory=dict)  # ISO code -> nominative short name
    firsts: set[str] = field(default_factory=set)  # first lemma or form of every name (a quick reject)
    max_len: int = 1

    def add(self, name: str, place: Place) -> None:
        if "-" in name and place.type == "COUNTRY" and name.replace("-", " ") != name:
            self.add(name.replace("-", " "), place)  # "Коста Рика" is written for "Коста-Рика" too
        words = tokenize(name)
        if not words:
            return
        lemmas = tuple(lemma(w) for w in words)
        surface = tuple(w.lower().replace("ё", "е") for w in words)
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 6:
            self.abbrev.add(surface)
        if len(words) == 1 and lemmas != surface and not _proper(words[0]):
            # "Того" -> "тот", "Штаты" -> "штат": the lemma is an ordinary word; only the exact form counts
            self.by_surface.setdefault(surface, place)
        else:
            self.by_lemmas.setdefault(lemmas, place)
            self.by_surface.setdefault(surface, place)
        self.firsts.update((lemmas[0], surface[0]))
        self.max_len = max(self.max_len, len(words))


def tokenize(text: str) -> list[str]:
    """Words, hyphenated words and single punctuation marks (the same units as razdel's tokens)."""
    return _WORD.findall(text)


def lemma(word: str) -> str:
    """The lemma a Doc token of this word carries (pymorphy2's first parse, ё -> е)."""
    if not any(c.isalpha() for c in word):
        return word.lower()
    from letopis.nlp.pipeline import parse

    return parse(word)[0].normal_form.replace("ё", "е")


def _proper(word: str) -> bool:
    """True when pymorphy2 reads the word as a place or organization name."""
    from letopis.nlp.pipeline import parse

    tag = parse(word)[0].tag
    return "Geox" in tag or "Orgn" in tag or "Abbr" in tag


def _rows(name: str) -> list[list[str]]:
    return rows(name, strip=True)


def _pycountry_names() -> list[tuple[str, str]]:
    """(ISO code, Russian name) for every country, its common and official names included."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency; the tsv alone still works
        return []
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:  # pragma: no cover
        return []
    out = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            en = getattr(c, attr, None)
            if en:
                ru = _ACCENT.sub("", tr.gettext(en)).replace("ё", "е")
                if ru != en and "," not in ru and "(" not in ru:
                    out.append((c.alpha_2, ru))
    return out


@cache
def load() -> Gazetteer:
    g = Gazetteer()
    # The hand-made short forms come first: they name the entity ("Россия", not "Российская Федерация").
    for row in _rows("countries.tsv"):
        code, names = row[0], row[1].split("|")
        g.country_names.setdefault(code, names[0])
        for n in names:
            g.add(n, Place("COUNTRY", names[0], code))
        for adj in row[2].split("|") if len(row) > 2 and row[2] else []:
            g.adjectives[adj] = code
        for pre in row[3].split("|") if len(row) > 3 and row[3] else []:
            g.prefixes[pre] = code
    for code, ru in _pycountry_names():
        g.country_names.setdefault(code, ru)
        g.add(ru, Place("COUNTRY", g.country_names[code], code))
    for row in _rows("cities.tsv"):
        name, code, type_ = row[0], row[1], row[2]
        g.add(name, Place(type_, name, None if code == "\\N" else code))
    for row in _rows("organizations.tsv"):
        # a third column "place" marks seats of power that are also places (Кремль, Белый дом)
        # or an ISO code: the country a national body or company belongs to (Газпром -> RU)
        mark = row[2] if len(row) > 2 and row[2] else None
        mark = "@place" if mark == "place" else mark
        for alias in row[1].split("|"):
            g.add(alias.strip("«»"), Place("ORGANIZATION", row[0], mark))
    return g


def adjective_country(lem: str) -> list[str]:
    """ISO codes an adjective lemma names: "казахстанский" -> [KZ];
    "таджикско-казахстанский" -> [TJ, KZ]; anything else -> []."""
    g = load()
    if lem in g.adjectives:
        return [g.adjectives[lem]]
    if "-" not in lem:
        return []
    parts = lem.split("-")
    codes = [g.prefixes.get(p) for p in parts[:-1]]
    last = g.adjectives.get(parts[-1])
    if last is None or any(c is None for c in codes):
        return []
    return [c for c in codes if c] + [last]


def match(
    lemmas: list[str],
    surfaces: list[str],
    texts: list[str],
    i: int,
    initial: bool = False,
    end: int | None = None,
) -> tuple[int, Place] | None:
    """The longest gazetteer name starting at token i (before `end`): (number of tokens, place).
    `lemmas`/`surfaces` are lower-case lemma and form sequences; `texts` the tokens as written;
    `initial` says token i starts a sentence (where capitals prove nothing)."""
    g = load()
    first = texts[i]
    if not first[:1].isupper() and not first[:1].isdigit():
        return None
    end = len(lemmas) if end is None else end
    if lemmas[i] not in g.firsts and surfaces[i] not in g.firsts:
        place = _other_lemmas(first)
        return (1, place) if place is not None else None
    for n in range(min(g.max_len, end - i), 0, -1):
        key = tuple(lemmas[i : i + n])
        skey = tuple(surfaces[i : i + n])
        place = g.by_lemmas.get(key)
        if place is None and n == 1:
            place = _other_lemmas(texts[i])
        if place is None:
            place = g.by_surface.get(skey)
            if place is None or (initial and n == 1 and skey not in g.abbrev):
                continue
        if (skey in g.abbrev or key in g.abbrev) and not first.isupper():
            continue
        if n > 1 and not all(t[:1].isupper() or not t[:1].isalpha() or t.islower() for t in texts[i : i + n]):
            continue
        return n, place
    return None


@cache
def _other_lemmas(word: str) -> Place | None:
    """A one-word name under a less probable reading ("Астану": pymorphy's first guess is "астан")."""
    from letopis.nlp.pipeline import parse

    g = load()
    for p in parse(word)[1:4]:
        place = g.by_lemmas.get((p.normal_form.replace("ё", "е"),))
        if place is not None:
            return place
    return None


def country_codes_in_text(text: str) -> list[str]:
    """ISO codes of the countries a short text names, by name, abbreviation or adjective, in order."""
    words = tokenize(text)
    lemmas = [lemma(w) for w in words]
    surfaces = [w.lower().replace("ё", "е") for w in words]
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = match(lemmas, surfaces, words, i, initial=i == 0 or words[i - 1] in ".!?")
        if hit and hit[1].type == "COUNTRY" and hit[1].country:
            codes = [hit[1].country]
            i += hit[0]
        else:
            codes = adjective_country(lemmas[i])
            i += 1
        out.extend(c for c in codes if c not in out)
    return out
