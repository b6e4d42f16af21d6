"""Country pairs: the states whose mutual relations the article reports.

INTERFACE: extract(doc, ents, figures, agreements, events) -> list[list[str]], each pair sorted
(["KZ", "TJ"]), pairs sorted.

A pair is reported when two countries meet in a sentence that speaks of relations: a relation word
(`data/pair_cues.tsv`: сотрудничество, переговоры, визит, санкции, ...), or a figure, agreement or
event found in that sentence. Within the sentence:
- countries coordinated in one enumeration are one side: "Турция, Египет и ещё ряд государств ...
  разоружения Израиля" pairs each of them with Israel, not with each other; a lone "X и Y" (as in
  "отношения между Украиной и Казахстаном") is the pair itself;
- an enumeration of three or more countries is a background list and pairs with nobody;
- a country after a comparison word ("наравне с Россией") is no party;
- countries in different comma-clauses count half, so an aside ("переключив внимание с Ирана") needs
  support elsewhere.
Capitals and cities stand for their state ("между Киевом и Анкарой") when the state is named too.
The EU and other organisations are never parties (they are not countries).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from letopis.extractors.entities import EntityIndex
from letopis.extractors.lexicon import DATA
from letopis.model import Agreement, Entity, Event, Figure
from letopis.nlp import Doc, Sentence, Token

MIN_SCORE = 1.0
FACT_WEIGHT = 0.5
# two sentences of their own make a pair even of minor countries: the side meetings of a summit
STRONG_SCORE = 2.0
_SEPARATORS = frozenset({",", "и", "или", "а", "также", "как", "так"})
_QUOTE_OPENERS = frozenset({"«", '"', "„", "“"})
_LIST_PREPS = frozenset({"в", "во", "на", "из", "с", "со", "для", "к", "ко"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})
# country adjectives end so ("турецкий", "казахстанский", "немецкий"); compounds read "российско-..."
_ADJ_ENDINGS = ("ский", "цкий")
_ISO = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class _Mention:
    code: str
    first: int  # token index of the mention's first token
    last: int  # token index of its last token
    clause: int  # comma-clause number inside the sentence


@cache
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for line in (DATA / "pair_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cls, phrase = line.split("\t")[:2]
            out[cls].append(tuple(phrase.split()))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _relation_lemmas() -> frozenset[str]:
    return frozenset(p[0] for p in _cues().get("relation", ()))


@cache
def _tail_lemmas() -> frozenset[str]:
    return frozenset(p[0] for p in _cues().get("list_tail", ()))


# -------------------------------------------------------------------------------- mentions


class _Spans:
    """The entity mentions of a document, searchable by offset (one sort per document)."""

    def __init__(self, ents: EntityIndex):
        self.spans = ents.mentions()
        self.starts = [sp[0] for sp in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                out.append(self.spans[i])
            i += 1
        return out


def _country_positions(
    doc: Doc, ents: EntityIndex, spans: _Spans, sent: Sentence
) -> list[tuple[int, int, str]]:
    """(start, end, code) of every country the sentence names. A state body's name counts ("глава
    администрации США" speaks for the US); a titled organisation's does not ("Русская служба «Голоса
    Америки»"), nor does an interview's speaker label ("Голос Америки: ...")."""
    codes = ents.countries_in(sent.start, sent.end)
    if not codes:
        return []
    inside = spans.within(sent.start, sent.end)
    titled = [(s, e) for s, e, ent in inside if ent.type == "ORGANIZATION" and _titled(ent.name)]
    label_end = _label_end(doc, sent)
    # names are entity mentions; adjectives ("турецкий", "казахско-таджикский") are looked up token by
    # token, only on adjective-like tokens (a per-token lookup on every word would cost too much)
    found = [(s, e, ent.country) for s, e, ent in inside if ent.type == "COUNTRY" and ent.country in codes]
    for tok in doc.sentence_tokens(sent):
        if tok.lemma.endswith(_ADJ_ENDINGS) or "о-" in tok.lemma:
            for code in ents.countries_in(tok.start, tok.end):
                if not any(fs <= tok.start < fe for fs, fe, _ in found):
                    found.append((tok.start, tok.end, code))
    seen = {c for _, _, c in found}
    found.extend((sent.start, sent.start, c) for c in codes if c not in seen)
    return sorted(
        p for p in found if p[0] >= label_end and not any(ts <= p[0] and p[1] <= te for ts, te in titled)
    )


def _titled(name: str) -> bool:
    return any(q in name for q in '«»"“”„')


def _label_end(doc: Doc, sent: Sentence) -> int:
    """The end of a speaker label ("Голос Америки:") opening the sentence's paragraph, else its start."""
    if sent.start > 0 and doc.text[sent.start - 1] != "\n":
        return sent.start
    colon = doc.text.find(":", sent.start, min(sent.end, sent.start + 40))
    if colon < 0 or "\n" in doc.text[sent.start : colon]:
        return sent.start
    return colon + 1


def _city_positions(spans: _Spans, sent: Sentence, named: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, code) of cities whose state the document names: capitals stand for governments."""
    return [
        (s, e, ent.country)
        for s, e, ent in spans.within(sent.start, sent.end)
        if ent.type == "CITY" and ent.country in named
    ]


def _person_positions(spans: _Spans, sent: Sentence, named: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, code) of officials whose role ties them to a state the document names (an
    analyst "из Германии" speaks for nobody)."""
    return [
        (s, e, ent.country)
        for s, e, ent in spans.within(sent.start, sent.end)
        if ent.type == "PERSON" and ent.country in named and _official(ent)
    ]


def _official(ent: Entity) -> bool:
    return any(r.country == ent.country and r.title.split(" ", 1)[0].lower() in _officials() for r in ent.roles)


@cache
def _officials() -> frozenset[str]:
    lines = (DATA / "pair_officials.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _mentions(
    doc: Doc, sent: Sentence, positions: list[tuple[int, int, str]], clauses: bool = True
) -> list[_Mention]:
    """The mentions as token spans; `clauses=False` leaves every clause number 0 (cheaper, for
    callers that look only at the words around a mention)."""
    toks = doc.sentence_tokens(sent)
    if not toks:
        return []
    starts = [t.start for t in toks]
    clause_of = _clause_numbers(toks) if clauses else None
    out: list[_Mention] = []
    for s, e, code in sorted(positions):
        first = _token_index(starts, s)
        last = max(first, _token_index(starts, max(s, e - 1)))
        out.append(_Mention(code, first, last, clause_of[first] if clause_of else 0))
    return out


def _token_index(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _clause_numbers(toks: Sequence[Token]) -> list[int]:
    """Clause numbers that separate asides: a participle, gerund or relative clause ("..., переключив
    внимание с Ирана"), a parenthesis, a semicolon or a colon. A complement ("сказал, что ...") is no aside."""
    n, out = 0, []
    for k, t in enumerate(toks):
        if t.text in (";", "(", ")"):
            n += 1
        elif t.text == ":" and k + 1 < len(toks) and toks[k + 1].text not in _QUOTE_OPENERS:
            n += 1  # "X сделал то-то: Y и Z …": an elaboration after a colon is a clause of its own
        elif t.text in _CLAUSE_BREAKS and k + 1 < len(toks):
            nxt = toks[k + 1]
            if nxt.pos in ("GRND", "PRTF") or nxt.lemma == "который":
                n += 1
        out.append(n)
    return out


# ------------------------------------------------------------------------------ sentence logic


def _compared(toks: Sequence[Token], m: _Mention) -> bool:
    """The mention follows a comparison phrase ("наравне с Россией", "как и Китай")."""
    if m.first == 0:
        return False
    for phrase in _comparisons().get(toks[m.first - 1].lemma, ()):
        lo = m.first - len(phrase)
        if lo >= 0 and all(toks[lo + k].lemma == w for k, w in enumerate(phrase)):
            return True
    return False


@cache
def _comparisons() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Comparison phrases by their last lemma."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in _cues().get("comparison", ()):
        out[phrase[-1]].append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _joined(toks: Sequence[Token], a: _Mention, b: _Mention) -> bool:
    """Two mentions in one enumeration: only separators or other names lie between them."""
    gap = toks[a.last + 1 : b.first]
    if len(gap) > 4:
        return False
    # "в Армении, на Кипре, в Греции": a preposition repeated after a separator is still the list
    return all(
        t.lemma in _SEPARATORS or t.text in _SEPARATORS or t.text[:1].isupper()
        or (t.lemma in _LIST_PREPS and k > 0 and gap[k - 1].lemma in _SEPARATORS)
        for k, t in enumerate(gap)
    )


def _open_tail(toks: Sequence[Token], m: _Mention) -> bool:
    """An enumeration that goes on beyond the names ("..., Египет и ещё ряд государств")."""
    window = toks[m.last + 1 : m.last + 4]
    return any(t.lemma in _tail_lemmas() for t in window)


def _setting(toks: Sequence[Token], m: _Mention) -> bool:
    """The country is where something happens ("в Афганистане", "в афганской столице"), not a party."""
    if m.first == 0 or toks[m.first - 1].lemma not in ("в", "на", "во"):
        return False
    window = toks[m.first : min(len(toks), m.last + 2)]
    # "в" never takes a genitive: a genitive reading ("в России") is pymorphy's guess for a locative
    return any(t.has("loct") or t.has("loc2") or t.has("gent") for t in window)


def _topic(toks: Sequence[Token], m: _Mention) -> bool:
    """The country is the subject matter, not a party: "ситуация вокруг Украины", or a one-country
    adjective on a matter noun ("урегулирование украинского кризиса"); or the origin of a private
    person ("эксперт из Германии")."""
    cues = _cues()
    if m.first > 0 and (toks[m.first - 1].lemma,) in cues.get("topic_prep", ()):
        return True
    if m.first > 1 and toks[m.first - 1].lemma == "из" and (toks[m.first - 2].lemma,) in cues.get("origin", ()):
        return True  # "политолог из Германии": where a private person comes from, not a party
    t = toks[m.first]
    if m.first != m.last or t.pos != "ADJF" or "-" in t.lemma:
        return False
    return m.last + 1 < len(toks) and (toks[m.last + 1].lemma,) in cues.get("topic_noun", ())


def _sides(
    toks: Sequence[Token], mentions: list[_Mention], venues: frozenset[str] = frozenset()
) -> list[list[_Mention]]:
    """Group the mentions into enumerations (sides), dropping compared ones and subject matters, and
    the mere settings when the sentence names three or more countries or nothing but settings, or
    when the country is only ever a venue in the document (`venues`: "заседание в Люксембурге")."""
    settings = {id(m) for m in mentions if _setting(toks, m)}
    drop_settings = len({m.code for m in mentions}) >= 3 or len(settings) == len(mentions)
    runs: list[list[_Mention]] = []
    for m in mentions:
        if _compared(toks, m) or _topic(toks, m):
            continue
        if runs and _joined(toks, runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    # settings go after the grouping, so that a list of places ("в Армении, на Кипре, в Греции
    # и Казахстане") stays one background list
    out: list[list[_Mention]] = []
    for run in runs:
        if len({m.code for m in run}) < 3:
            run = [m for m in run if not (id(m) in settings and (drop_settings or m.code in venues))]
        if run:
            out.append(run)
    return out


def _sentence_pairs(
    toks: Sequence[Token], mentions: list[_Mention], venues: frozenset[str] = frozenset()
) -> dict[tuple[str, str], float]:
    runs = _sides(toks, mentions, venues)
    out: dict[tuple[str, str], float] = {}

    # an enumeration's commas are no clause breaks: a side sits in the clause of its last member
    clause = {id(m): run[-1].clause for run in runs for m in run}

    def add(a: _Mention, b: _Mention) -> None:
        if a.code == b.code:
            return
        key = (min(a.code, b.code), max(a.code, b.code))
        weight = 1.0 if clause[id(a)] == clause[id(b)] else 0.5
        out[key] = max(out.get(key, 0.0), weight)

    # an enumeration of three or more countries is a background list: it pairs with nobody
    sides = [r for r in runs if len({m.code for m in r}) < 3]
    if len({m.code for r in sides for m in r}) < 2:
        return out
    for run in sides:
        # "X и Y" is the pair itself when its clause speaks of relations and names no one else
        # ("отношения между X и Y", "X и Y заключили договор, переключив внимание с Z"), not when they
        # only act together ("X и Y отвергают этот шаг, заявляя, что ... переговоров")
        codes = {m.code for m in run}
        if len(codes) < 2 or _open_tail(toks, run[-1]):
            continue
        here = clause[id(run[-1])]
        rivals = [
            r for r in runs if r is not run and clause[id(r[-1])] == here and {m.code for m in r} - codes
        ]
        if not rivals and _clause_signal(toks, run[0].first):
            for a, b in combinations(run, 2):
                add(a, b)
    if len({frozenset(m.code for m in r) for r in sides}) < 2:
        return out
    for i, ra in enumerate(sides):
        for rb in sides[i + 1 :]:
            if {m.code for m in ra} == {m.code for m in rb}:
                continue
            for a in ra:
                for b in rb:
                    add(a, b)
    return out


def _clause_signal(toks: Sequence[Token], i: int) -> bool:
    """A relation word in the comma-clause of token i."""
    a = i
    while a > 0 and toks[a - 1].text not in _CLAUSE_BREAKS:
        a -= 1
    b = i
    while b < len(toks) and toks[b].text not in _CLAUSE_BREAKS:
        b += 1
    return _has_relation_word(toks[a:b])


def _has_relation_word(toks: Sequence[Token]) -> bool:
    rel = _relation_lemmas()
    lemmas = [t.lemma for t in toks]
    if not rel.isdisjoint(lemmas):
        return True
    # "торгово-экономический", "военно-политический": the parts after the first may be relation words
    return any(not rel.isdisjoint(lem.split("-")[1:]) for lem in lemmas if "-" in lem)


def _signal_spans(
    figures: list[Figure], agreements: list[Agreement], events: list[Event]
) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in (*figures, *agreements, *events)]


def _has_signal(toks: Sequence[Token], sent: Sentence, spans: list[tuple[int, int]]) -> bool:
    if _has_relation_word(toks):
        return True
    return any(s < sent.end and e > sent.start for s, e in spans)


# ----------------------------------------------------------------------------- fact-level pairs


def _codes_of(ids: Sequence[str], ents: EntityIndex) -> list[str]:
    out: list[str] = []
    for ref in ids:
        if _ISO.match(ref):
            code: str | None = ref
        else:
            ent = ents.get(ref)
            code = ent.country if ent is not None and ent.type in ("COUNTRY", "PERSON") else None
        if code and code not in out:
            out.append(code)
    return out


def _fact_pairs(
    ents: EntityIndex, figures: list[Figure], agreements: list[Agreement], events: list[Event]
) -> list[list[str]]:
    groups = [list(f.countries) for f in figures]
    groups += [_codes_of(a.parties, ents) for a in agreements]
    groups += [_codes_of(v.participants, ents) for v in events]
    return [g for g in groups if 2 <= len(set(g)) <= 3]


def extract(
    doc: Doc, ents: EntityIndex, figures: list[Figure], agreements: list[Agreement], events: list[Event]
) -> list[list[str]]:
    if len(ents.countries_in(0, len(doc.text))) < 2:
        return []
    spans = _Spans(ents)
    positions = [_country_positions(doc, ents, spans, s) for s in doc.sentences]
    freq: dict[str, int] = defaultdict(int)
    for found in positions:
        for code in {c for _, _, c in found}:
            freq[code] += 1
    named = set(freq)
    if len(named) < 2:
        return []
    signal_spans = _signal_spans(figures, agreements, events)
    venues = _venues(doc, positions)
    score: dict[tuple[str, str], float] = defaultdict(float)
    for sent, countries in zip(doc.sentences, positions, strict=True):
        # "между Ханоем и Токио"; "Путин провел переговоры с Си Цзиньпином": officials speak for their states
        found = countries + _city_positions(spans, sent, named) + _person_positions(spans, sent, named)
        if len({c for _, _, c in found}) < 2:
            continue
        toks = doc.sentence_tokens(sent)
        if not _has_signal(toks, sent, signal_spans):
            continue
        mentions = _mentions(doc, sent, found)
        for key, weight in _sentence_pairs(toks, mentions, venues).items():
            score[key] += weight
    # the parties other extractors assign confirm a pair (half a sentence's weight, once), but
    # alone they do not make one: their sentences already counted above
    confirmed = {
        (a, b)
        for group in _fact_pairs(ents, figures, agreements, events)
        for a, b in combinations(sorted(set(group) & named), 2)
    }
    for key in confirmed:
        score[key] += FACT_WEIGHT
    # a document's parties named in its own sentence are its signatories, even three of them in one
    # list ("министры X, Y и Z подписали соглашение"): every pair of them is a relation
    for key in _signatory_pairs(ents, agreements, venues):
        score[key] = max(score.get(key, 0.0), MIN_SCORE)
    main = _main_countries(freq)
    iso = _iso_codes()
    score = {k: v for k, v in score.items() if k[0] in iso and k[1] in iso}
    return [
        list(k)
        for k in sorted(
            k for k, v in score.items() if v >= STRONG_SCORE or (v >= MIN_SCORE and (k[0] in main or k[1] in main))
        )
    ]


def _signatory_pairs(
    ents: EntityIndex, agreements: list[Agreement], venues: frozenset[str]
) -> set[tuple[str, str]]:
    """Pairs among the parties of a signed or planned document that are all named in its sentence
    (a country named only as a place, "в Люксембурге", is none)."""
    out: set[tuple[str, str]] = set()
    for a in agreements:
        if a.status == "referenced":
            continue
        parties = [c for c in _codes_of(a.parties, ents) if c not in venues]
        if 2 <= len(parties) <= 3 and set(parties) <= set(ents.countries_in(a.start, a.end)):
            out.update((x, y) for x, y in combinations(sorted(parties), 2))
    return out


def _venues(doc: Doc, positions: list[list[tuple[int, int, str]]]) -> frozenset[str]:
    """Countries the document names only as a place where things happen ("в Люксембурге"): a venue
    of other states' business, not a party to it. A country named once in any other way is none."""
    setting: set[str] = set()
    party: set[str] = set()
    for sent, found in zip(doc.sentences, positions, strict=True):
        if not found:
            continue
        toks = doc.sentence_tokens(sent)
        for m in _mentions(doc, sent, found, clauses=False):
            (setting if _setting(toks, m) else party).add(m.code)
    return frozenset(setting - party)


@cache
def _iso_codes() -> frozenset[str]:
    """ISO 3166-1 codes: an entity without one (Kosovo's user-assigned "XK") is no party of a pair."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def _main_countries(freq: dict[str, int]) -> set[str]:
    """The document's two most mentioned countries (ties included): every reported pair involves one
    of them, so a passing co-mention elsewhere ("Русская служба «Голоса Америки»") is no relation."""
    if not freq:
        return set()
    ranked = sorted(freq.values(), reverse=True)
    floor = ranked[min(1, len(ranked) - 1)]
    return {c for c, n in freq.items() if n >= floor}
