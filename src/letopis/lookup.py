"""Name resolution for query arguments: countries and persons by any name, code or word form.

    country_code("Казахстана") == country_code("Kazakhstan") == country_code("kz") == "KZ"
    parse_pair("KZ-TJ") == parse_pair("Казахстан Таджикистан") == ("KZ", "TJ")   (sorted, as stored)
    person_keys("Токаева") -> {"токаев", "токаева"}   (lemma candidates matched against the store)

Country names come from pycountry (English names and its Russian translations) plus the short and
colloquial forms in `lookup_countries.tsv`; Russian word forms are reduced by pymorphy2 lemmas.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pycountry

_DATA = Path(__file__).resolve().parent / "lookup_countries.tsv"
_SPLIT = re.compile(r"[\s,;/]+|(?<=\w)-(?=\w)")
_WORD = re.compile(r"[\w.]+")


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


@cache
def _russian() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:  # translations missing from this pycountry build: English names still work
        return gettext.NullTranslations()


@cache
def _names() -> dict[str, str]:
    """Normalised name -> ISO alpha-2, for every country."""
    ru = _russian()
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                out.setdefault(_norm(name), c.alpha_2)
                out.setdefault(_norm(ru.gettext(name)), c.alpha_2)
        out.setdefault(c.alpha_3.lower(), c.alpha_2)
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, *_ = line.split("\t")
            out[_norm(name)] = code.strip()
    return out


def _lemmas(word: str) -> list[str]:
    from letopis.nlp.pipeline import parse

    return [p.normal_form.replace("ё", "е") for p in parse(word)]


def country_name(code: str, lang: str = "ru") -> str:
    """The usual name of a country ("KZ" -> "Казахстан"; lang="en" -> "Kazakhstan")."""
    c = pycountry.countries.get(alpha_2=code.upper())
    if c is None:
        return code
    if lang == "en":
        return getattr(c, "common_name", None) or c.name
    short = _short_ru().get(c.alpha_2)
    return short or _russian().gettext(c.name)


@cache
def _short_ru() -> dict[str, str]:
    """Display names marked "*" in the data file: the everyday short name (Россия, not РФ)."""
    out: dict[str, str] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, *flag = line.split("\t")
            if flag and flag[0].strip() == "*":
                out[code] = name.strip().upper() if len(name.strip()) <= 4 else name.strip().title()
    return out


def country_ref(code: str) -> dict:
    return {"code": code, "name": country_name(code), "name_en": country_name(code, "en")}


@cache
def country_code(name: str) -> str:
    """ISO alpha-2 code of a country given by code, English or Russian name in any case or word form.

    Raises LookupError for an unknown name.
    """
    raw = _norm(name.strip())
    if len(raw) == 2 and raw.isalpha() and raw.isascii():
        if pycountry.countries.get(alpha_2=raw.upper()):
            return raw.upper()
        raise LookupError(f"unknown country code: {name!r}")
    names = _names()
    if raw in names:
        return names[raw]
    # Word forms: lemmatise every word ("Республики Казахстан" -> "республика казахстан").
    words = _WORD.findall(raw)
    if words:
        for variant in _lemma_variants(words):
            if variant in names:
                return names[variant]
    raise LookupError(f"unknown country: {name!r}")


def _lemma_variants(words: list[str]) -> list[str]:
    options = [list(dict.fromkeys([*_lemmas(w), w])) for w in words]
    variants = [""]
    for opts in options:
        variants = [f"{v} {o}".strip() for v in variants for o in opts[:3]][:50]
    return variants


def parse_pair(pair: str | Sequence[str]) -> tuple[str, str]:
    """A country pair as a sorted (a, b) of ISO codes, from "KZ-TJ", "KZ TJ", "Казахстан-Таджикистан",
    "Kazakhstan,Tajikistan" or a 2-sequence. Raises LookupError / ValueError."""
    if isinstance(pair, str):
        parts = [p for p in _SPLIT.split(pair.strip()) if p]
        if len(parts) != 2:
            parts = _split_names(pair)
    else:
        parts = list(pair)
    if len(parts) != 2:
        raise ValueError(f"a pair needs two countries: {pair!r}")
    a, b = sorted(country_code(p) for p in parts)
    return a, b


def _split_names(text: str) -> list[str]:
    """Multi-word names ("Южная Корея - Китай"): split on a spaced dash or " и "."""
    parts = re.split(r"\s+[-–—]\s+|\s+и\s+|\s*[,;/]\s*", text.strip())
    return [p for p in parts if p]


def pair_key(a: str, b: str) -> str:
    return "-".join(sorted((a, b)))


def person_keys(name: str) -> list[str]:
    """Lower-case lemma candidates of a person's surname (the last word of `name`): "Токаева" ->
    ["токаева", "токаев"]. The store matches them against `entities.surname` and alias norms."""
    words = _WORD.findall(_norm(name))
    if not words:
        return []
    from letopis.store.fts import name_stem

    last = words[-1].strip(".")
    return list(dict.fromkeys([last, name_stem(last), *_lemmas(last)]))
