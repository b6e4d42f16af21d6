"""Commitments: what a state, government or official agreed, instructed, pledged, is ready to do, plans,
proposes, invites or demands.

INTERFACE: extract(doc, ents, figures) -> list[Commitment], ids "C1", "C2", ...

How it works, per sentence, over the precomputed token lemmas:
1. Cue hits: lemma sequences from `data/modality_cues.tsv` ("договориться" → agreed, "дать указание" →
   instructed, "готовый" (short form) → ready, ...) with their morphological conditions (flags), plus
   constructions coded below: a future "будет/будут + infinitive/participle" (pledged, planned, or
   agreed when it states the terms of a deal), a perfective future with a price or a quantity in a
   sentence about a concluded deal ("по соглашению банк заплатит 100 млн долларов", "согласно
   протоколу Кыргызстан пропустит 5 млрд кубометров" → agreed), a perfective future of an act of
   policy by a named state ("Россия откроет консульство" → planned), an announced start of a project
   ("заявил, что строительство начнется" → planned), and "X невозможен, пока Y не ..." (demanded).
   Cues in a "что"-clause of a denial or of "ожидается" are the writer's report and are dropped.
2. Clauses: cues in one clause collapse to one commitment (the longest cue wins: "вынесла решение
   просить" is one agreed item); a complement clause (", что ...") stays with the cue that governs it
   ("пообещал, что ... будет настаивать" is one pledge).
3. Evidence is the clause: from the sentence start (or the boundary after the previous cue) to the next
   cue's boundary (or the sentence end), so the subject and the whole content are in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from letopis.extractors.entities import EntityIndex
from letopis.extractors.lexicon import DATA, rows, words
from letopis.extractors.periods import deadline_in
from letopis.model import Commitment, Entity, Figure
from letopis.nlp import Doc, Sentence, Token

# Tokens that end a clause segment; "и", "а", "но" only split when followed by another cue.
_PUNCT_BOUNDARY = frozenset({",", ";", ":", "—", "–", "(", ")", "-"})
_CONJ_BOUNDARY = frozenset({"и", "а", "но", "однако"})
_COMPLEMENT = frozenset({"что", "чтобы"})
_QUOTE_CHARS = '«»"“”„'
_ACTOR_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION")
_SUBJECT_TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "CITY", "LOCATION", "REGION")
_STATE_TYPES = ("COUNTRY", "CITY", "LOCATION", "REGION")
_MAX_GAP = 3  # other tokens allowed between the lemmas of a multi-lemma cue
_INFN_WINDOW = 16  # tokens after a cue in which its infinitive may appear
_FIGURE_KINDS = ("target", "potential", "forecast", "deal")
_NUMBER_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"(1[89]|20)\d\d")
_AMOUNT_RE = re.compile(r"\d+(?:[.,]\d+)?")
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
# an indeclinable name ("НАСА", "Того") carries no case and may well be the subject
_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})


@dataclass(frozen=True, slots=True)
class Cue:
    lemmas: tuple[str, ...]
    modality: str
    flags: frozenset[str]
    negative: bool  # the cue starts with "не" ("не отступится")


@dataclass(slots=True)
class Hit:
    first: int  # token index (in Doc.tokens) of the cue's first lemma
    last: int  # token index of its last lemma
    modality: str
    weight: int  # longer cues win inside one clause


@cache
def _cues() -> dict[str, tuple[Cue, ...]]:
    """Cues by their first lemma (after a leading "не")."""
    out: dict[str, list[Cue]] = {}
    for cols in rows("modality_cues.tsv"):
        lemmas = tuple(cols[0].split())
        flags = frozenset(f for f in (cols[2].split(",") if len(cols) > 2 else []) if f)
        negative = lemmas[0] == "не"
        cue = Cue(lemmas[1:] if negative else lemmas, cols[1], flags, negative)
        out.setdefault(cue.lemmas[0], []).append(cue)
    # Longer cues first, so "хотеть видеть" is tried before "хотеть".
    return {k: tuple(sorted(v, key=lambda c: -len(c.lemmas))) for k, v in out.items()}


@cache
def _context() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for cls, lemma, *_ in rows("commitment_context.tsv"):
        classes.setdefault(cls, set()).add(lemma.strip())
    return {k: frozenset(v) for k, v in classes.items()}


def _cls(name: str) -> frozenset[str]:
    return _context().get(name, frozenset())


# --------------------------------------------------------------------------------------------- cues


def _pos(t: Token) -> str:
    """The part of speech as the tag's first four letters: a plain str slice, where `Token.pos` (a
    pymorphy grammeme object) compares slowly in the hot loops."""
    return t.tag[:4]


def _is_verbal(t: Token) -> bool:
    """A finite verb, short participle or gerund: an infinitive alone commits no one ("легче будет
    договориться")."""
    return _pos(t) in ("VERB", "PRTS", "GRND")


def _negated(toks: Sequence[Token], i: int, lo: int) -> bool:
    """A "не" right before token i (particles and adverbs may intervene: "не очень хотим")."""
    j = i - 1
    while j >= lo and _pos(toks[j]) in ("ADVB", "PRCL") and toks[j].lemma != "не":
        j -= 1
    return j >= lo and toks[j].lemma == "не"


def _infinitive_follows(toks: Sequence[Token], i: int, hi: int, direct: bool = False) -> bool:
    """An infinitive governed by the cue at i: the first verb form after it is an infinitive, or a
    modal ("удастся", "сможет") that governs one. `direct`: the infinitive is the cue's own complement,
    not inside a "что"-clause ("рассчитывает нарастить", not "рассчитывают, что им удастся создать")."""
    modal = _cls("modal")
    for j in range(i + 1, min(hi, i + _INFN_WINDOW)):
        t = toks[j]
        if t.text in (".", ";", "!", "?"):
            return False
        if direct and (t.text == "," or t.lemma in _COMPLEMENT):
            return False
        if _pos(t) == "INFN":
            return True
        if _pos(t) in ("VERB", "PRTS") and t.lemma not in modal:
            return False
    return False


def _segment(toks: Sequence[Token], i: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause segment around token i: between the nearest punctuation boundaries."""
    a = i
    while a > lo and toks[a - 1].text not in _PUNCT_BOUNDARY:
        a -= 1
    b = i + 1
    while b < hi and toks[b].text not in _PUNCT_BOUNDARY:
        b += 1
    return a, b


def _entities_in(
    ents: EntityIndex, toks: Sequence[Token], a: int, b: int, types: Sequence[str]
) -> list[Entity]:
    if a >= b:
        return []
    return ents.in_span(toks[a].start, toks[b - 1].end, types)


def _flags_hold(cue: Cue, toks: Sequence[Token], i: int, lo: int, hi: int, ents: EntityIndex) -> bool:
    t = toks[i]
    f = cue.flags
    if "verb" in f and not _is_verbal(t):
        return False
    if "active" in f and _pos(t) == "PRTS":
        return False
    if "prts" in f and _pos(t) != "PRTS":
        return False
    if "short" in f and _pos(t) not in ("ADJS", "PRTS"):
        return False
    if "futr" in f and "futr" not in t.tag:
        return False
    if "nonpast" in f and "past" in t.tag:
        return False
    if "plur" in f and "plur" not in t.tag:
        return False
    if "1per" in f and "1per" not in t.tag:
        return False
    if "subject" in f and not _subject_before(toks, lo, i, ents):
        return False
    if "infn" in f and not _infinitive_follows(toks, i, hi):
        return False
    if "dinfn" in f and not _infinitive_follows(toks, i, hi, direct=True):
        return False
    if "fut" in f and not _future_follows(toks, i, hi):
        return False
    if "guest" in f and not _guest_follows(toks, i, hi, ents):
        return False
    if "event" in f and not _event_follows(toks, i, hi):
        return False
    if "doc" in f and not _document_subject(toks, lo, i, agent=True):
        return False
    if "actor" in f or "state" in f:
        a, b = _segment(toks, i, lo, hi)
        if "state" in f:
            if _infinitive_is(toks, i, hi, "быть"):
                return False
            return _named_subject(toks, a, i, ents, _STATE_TYPES) or _agent_subject(toks, lo, i)
        firsts = _cls("first")
        has_first = any(toks[k].lemma in firsts for k in range(a, b))
        if has_first or _entities_in(ents, toks, a, b, _SUBJECT_TYPES):
            return True
        # a country named by its adjective ("азербайджанская сторона потребовала")
        return a < b and bool(ents.countries_in(toks[a].start, toks[b - 1].end))
    return True


def _subject_before(toks: Sequence[Token], lo: int, i: int, ents: EntityIndex) -> bool:
    """An acting subject precedes the cue in its clause: a named actor in the nominative, a country
    adjective with its noun ("туркменская сторона предлагает"), an acting body or a leader
    ("власти", "президент"), or "мы"/"я"; not "мне предлагали" (an offer made to the speaker)."""
    a, _ = _segment(toks, i, lo, i + 1)
    if any(toks[k].lemma == "который" for k in range(a, i)):
        return False  # a relative clause describes ("общество, в котором власть нацелена на ...")
    if _named_subject(toks, a, i, ents, _SUBJECT_TYPES) or _agent_subject(toks, a, i):
        return True
    lead = _cls("agent") | _cls("collective") | _cls("first")
    return any(toks[k].lemma in lead and "nomn" in toks[k].tag for k in range(a, i))


def _future_follows(toks: Sequence[Token], i: int, hi: int) -> bool:
    """A future verb follows the cue in its sentence: "заверил, что Германия будет поддерживать"
    gives a pledge, "заверил, что ситуация под контролем" does not."""
    return any("futr" in toks[j].tag and _pos(toks[j]) == "VERB" for j in range(i + 1, hi))


def _guest_follows(toks: Sequence[Token], i: int, hi: int, ents: EntityIndex) -> bool:
    """A person awaited as a guest right after the cue: "я жду Шавката Миромоновича в Баку", "ждем вас"
    (an awaited thing, "ждем ответа", invites no one)."""
    guests = _cls("guest")
    for j in range(i + 1, min(hi, i + 4)):
        t = toks[j]
        ent = ents.at(t.start, t.end)
        if ent is not None and ent.type == "PERSON":
            return True
        if _pos(t) in ("NOUN", "NPRO"):
            # the first noun is the object: a guest ("вас", "президента"), or a thing ("ответа")
            return t.lemma in ("вы", "ты") or (t.lemma in guests and ("accs" in t.tag or "gent" in t.tag))
    return False


def _event_follows(toks: Sequence[Token], i: int, hi: int) -> bool:
    """A gathering is the object of the cue: "надежду на скорую встречу" (a hope about one's own
    meeting), not "надежду на урегулирование"."""
    events = _cls("event")
    for j in range(i + 1, min(hi, i + 8)):
        if toks[j].text in _PUNCT_BOUNDARY:
            return False
        if toks[j].lemma in events:
            return True
    return False


def _document_subject(toks: Sequence[Token], lo: int, i: int, agent: bool = False) -> bool:
    """A document is the subject before the cue: "Соглашение предусматривает создание фонда", or with
    `agent` its instrumental agent: "Договором предусмотрено создание фонда"."""
    a = i
    while a > lo and toks[a - 1].text not in _PUNCT_BOUNDARY:
        a -= 1
    docs = _cls("contract") | _cls("document")
    cases = ("nomn", "ablt") if agent else ("nomn",)
    return any(
        toks[k].lemma in docs and any(c in toks[k].tag for c in cases) and not _after_preposition(toks, a, k)
        for k in range(a, i)
    )


def _after_preposition(toks: Sequence[Token], a: int, k: int) -> bool:
    """The noun at k is governed by a preposition ("по достигнутой договоренности", "согласно
    соглашению"), whatever case pymorphy guessed for it."""
    j = k - 1
    while j >= a and _pos(toks[j]) in ("ADJF", "PRTF", "NUMR"):
        j -= 1
    return j >= a and _pos(toks[j]) == "PREP"


def _named_subject(toks: Sequence[Token], a: int, i: int, ents: EntityIndex, types: Sequence[str]) -> bool:
    """An entity of these types in the nominative is the subject ("Белград должен решить"), not a
    genitive attribute ("министр Японии должен прибыть", "вопрос ориентации Грузии будет решаться")."""
    for k in range(a, i):
        tag = toks[k].tag
        if "nomn" in tag or not any(c in tag for c in _CASES):
            ent = ents.at(toks[k].start, toks[k].end)
            if ent is not None and ent.type in types:
                return True
    return False


def _agent_subject(toks: Sequence[Token], lo: int, i: int) -> bool:
    """The subject before the cue at i is an acting body by its noun ("Компании из третьих стран,
    которые …, должны", "Власти должны"), not a thing ("Цены должны снизиться").

    pymorphy often reads a sentence-initial plural ("Компании", "Власти") as a genitive singular; a
    genitive does not open a clause, so there it counts as the subject too."""
    start = lo
    for k in range(i - 1, lo - 1, -1):
        if toks[k].text in (":", ";", "«", "»", '"', "—", "–"):
            start = k + 1
            break
    agents = _cls("agent")
    after_prep = False
    for k in range(start, i):
        t = toks[k]
        if t.lemma == "который":
            return False
        if _pos(t) == "PREP":
            after_prep = True
            continue
        if _pos(t) == "NOUN":
            if not after_prep and t.lemma in agents and ("nomn" in t.tag or (k == start and "gent" in t.tag)):
                return True
            after_prep = False
    return False


def _infinitive_is(toks: Sequence[Token], i: int, hi: int, lemma: str) -> bool:
    return any(_pos(toks[j]) == "INFN" and toks[j].lemma == lemma for j in range(i + 1, min(hi, i + 4)))


def _match(cue: Cue, toks: Sequence[Token], i: int, hi: int) -> int | None:
    """The index of the cue's last lemma when its lemmas follow token i in order, else None."""
    j = i
    for lemma in cue.lemmas[1:]:
        k = j + 1
        while k < hi and k <= j + 1 + _MAX_GAP and toks[k].lemma != lemma:
            if toks[k].text in (".", ";", "!", "?"):
                return None
            k += 1
        if k >= hi or k > j + 1 + _MAX_GAP:
            return None
        j = k
    return j


def _lexicon_hits(toks: Sequence[Token], lo: int, hi: int, ents: EntityIndex) -> list[Hit]:
    cues = _cues()
    hits: list[Hit] = []
    for i in range(lo, hi):
        cands = cues.get(toks[i].lemma)
        if not cands:
            continue
        for cue in cands:
            last = _match(cue, toks, i, hi)
            if last is None or _negated(toks, i, lo) != cue.negative or _conditional(toks, lo, i):
                continue
            if "adjacent" in cue.flags and last - i != len(cue.lemmas) - 1:
                continue  # "выступил за увеличение", not "выступил на форуме за ..."
            if "last_prts" in cue.flags and _pos(toks[last]) != "PRTS":
                continue  # "задача поставлена", not "задачи, поставленные президентом"
            if _flags_hold(cue, toks, i, lo, hi, ents):
                hits.append(Hit(i, last, cue.modality, len(cue.lemmas)))
                break
    return hits


# ----------------------------------------------------------------------------- constructions


def _conditional(toks: Sequence[Token], lo: int, i: int) -> bool:
    """The token at i is in the "если"/"пока" part of a condition (not in its "то" part), asked
    about ("согласятся ли"), or denied ("опроверг слухи, что ...")."""
    if i + 1 < len(toks) and toks[i + 1].lemma == "ли":
        return True
    condition = _cls("condition")
    if _denied(toks, lo, i):
        return True
    for j in range(i - 1, lo - 1, -1):
        if toks[j].text.lower() == "то" or toks[j].text in (";", ":"):
            return False
        if toks[j].lemma in condition:
            return True
    return False


def _denied(toks: Sequence[Token], lo: int, i: int) -> bool:
    """The token at i is in a "что"-clause of a denial or of an impersonal expectation ("опроверг
    предположения, что реформу решено отложить", "Ожидается, что президенты обсудят"), or after a
    parenthetical "как ожидается": the writer's report, not the actor's word. A cue coordinated with
    the denial ("опровергает слухи и требует") stands."""
    unasserted = _cls("unasserted")
    for j in range(i - 1, lo - 1, -1):
        if toks[j].lemma in unasserted:
            if j > lo and toks[j - 1].lemma == "как":
                return True
            return any(toks[k].lemma in _COMPLEMENT for k in range(j + 1, i))
    return False


def _contract_context(doc: Doc, sent: Sentence) -> bool:
    """The sentence (or the one before it) names a concluded document: its future actions are terms."""
    contract = _cls("contract")
    if any(t.lemma in contract for t in doc.sentence_tokens(sent)):
        return True
    if sent.index > 0:
        prev = doc.sentences[sent.index - 1]
        return any(t.lemma in contract for t in doc.sentence_tokens(prev))
    return False


def _has_money(toks: Sequence[Token], lo: int, hi: int) -> bool:
    currency = _cls("currency")
    return any(toks[k].lemma in currency for k in range(lo, hi)) and any(
        _NUMBER_RE.search(toks[k].text) or _pos(toks[k]) == "NUMR" for k in range(lo, hi)
    )


def _has_amount(toks: Sequence[Token], lo: int, hi: int) -> bool:
    """A quantity that a deal can fix ("по 33,3 %", "около 5 млрд кубометров"), not a date, a
    duration ("1 января", "в 2025 году") or a number inside a name ("ГЭС-1")."""
    calendar = _cls("calendar")
    for k in range(lo, hi):
        t = toks[k]
        if not _AMOUNT_RE.fullmatch(t.text):
            continue  # digits only: a numeral in words is mostly a count of parties ("двух стран")
        if _YEAR_RE.fullmatch(t.text) or (k + 1 < hi and toks[k + 1].lemma in calendar):
            continue
        return True
    return False


def _terms(toks: Sequence[Token], lo: int, hi: int, i: int, head: int) -> bool:
    """The future at i (its verb at head) states a term of a concluded deal (the caller has checked
    that the sentence or the one before names a document): it carries a price, or a quantity in a
    sentence that names the document itself. Not a term: the document's own life ("соглашение
    вступит в силу 1 июля") and the signing of documents ("будет подписано 100 соглашений")."""
    if _document_subject(toks, lo, i) or toks[head].lemma in _cls("docverb") or _relative(toks, lo, i):
        return False
    if _has_money(toks, lo, hi):
        return True
    contract = _cls("contract")
    return any(toks[k].lemma in contract for k in range(lo, hi)) and _has_amount(toks, lo, hi)


def _state_acts(toks: Sequence[Token], lo: int, i: int, ents: EntityIndex) -> bool:
    """"Россия откроет консульство", "Казахстан выделит кредит": a perfective future of an act of
    policy (class "state_action") whose subject is a named state, person or body, in the nominative
    and in the verb's clause. Other perfective futures ("Керри задаст вопросы", "КНДР падёт") and
    "провести" ("проведут в колонии 3 года") are too often forecasts or narrative."""
    if toks[i].lemma not in _cls("state_action"):
        return False
    a, _ = _segment(toks, i, lo, i + 1)
    if any(toks[k].lemma == "который" for k in range(a, i)):
        return False
    return _named_subject(toks, a, i, ents, (*_ACTOR_TYPES, "CITY"))


def _relative(toks: Sequence[Token], lo: int, i: int) -> bool:
    """The token at i is in a relative clause whose subject is "который" ("проект, который решит
    вопрос"): it describes a thing. "соглашение, по которому Казахстан поставит" states its terms."""
    a = i
    while a > lo and toks[a - 1].text not in _PUNCT_BOUNDARY:
        a -= 1
    return any(toks[k].lemma == "который" and "nomn" in toks[k].tag for k in range(a, i))


def _reported_start(toks: Sequence[Token], lo: int, i: int) -> bool:
    """"Кабинет заявил, что строительство станции начнется в этом году": a start of a project
    announced in a "что"-clause of a speech verb (its author's plan, not a forecast about prices)."""
    if toks[i].lemma not in _cls("launch"):
        return False
    a = i
    while a > lo and toks[a - 1].lemma not in _COMPLEMENT and toks[a - 1].text not in _PUNCT_BOUNDARY:
        a -= 1
    if a == lo or toks[a - 1].lemma not in _COMPLEMENT:
        return False
    projects = _cls("project")
    if not any(toks[k].lemma in projects for k in range(a, i)):
        return False
    speech = _cls("speech")
    return any(toks[k].lemma in speech for k in range(max(lo, a - 6), a - 1))


def _future_head(toks: Sequence[Token], i: int, hi: int) -> int | None:
    """For "будет/будут" at i: the infinitive or participle it forms a future with, or None."""
    for j in range(i + 1, min(hi, i + 8)):
        t = toks[j]
        if _pos(t) == "PRTS" or (_pos(t) == "INFN" and "impf" in t.tag):
            return j  # a perfective infinitive makes no future ("легче будет договориться")
        if _pos(t) in ("ADVB", "PRCL", "CONJ", "COMP") or (not t.tag and t.text in _QUOTE_CHARS + ","):
            continue
        return None
    return None


def _speaker_subject(toks: Sequence[Token], lo: int, i: int, ents: EntityIndex) -> str | None:
    """How the future at i is reported: "entity" when a named subject precedes it in its clause,
    "speaker" when it follows "сказал, что" with no nominal subject (the speaker's own action)."""
    a = i
    while a > lo and toks[a - 1].text not in _PUNCT_BOUNDARY and toks[a - 1].lemma not in _COMPLEMENT:
        a -= 1
    if _named_subject(toks, a, i, ents, _SUBJECT_TYPES):
        return "entity"
    collective = _cls("collective")
    if any(_pos(toks[k]) == "NOUN" and toks[k].lemma not in collective for k in range(a, i)):
        return None
    if a > lo and toks[a - 1].lemma in _COMPLEMENT:
        speech = _cls("speech")
        for k in range(a - 2, max(lo, a - 8) - 1, -1):
            if toks[k].lemma in speech:
                return "speaker"
    return None


def _construction_hits(
    doc: Doc, sent: Sentence, toks: Sequence[Token], lo: int, hi: int, ents: EntityIndex
) -> list[Hit]:
    hits: list[Hit] = []
    contract: bool | None = None
    impossible = _cls("impossible")
    for i in range(lo, hi):
        t = toks[i]
        if t.lemma == "быть" and "futr" in t.tag:
            head = _future_head(toks, i, hi)
            if head is None or _conditional(toks, lo, i):
                continue
            if _negated(toks, i, lo):
                # "ни одно решение не будет принято без них" in a quotation: the speaker rules an act
                # of policy out, a pledge; other negated futures are forecasts
                if _passive(toks[head]) and toks[head].lemma in _cls("policy") and _inside_quote(doc, sent):
                    hits.append(Hit(i, head, "pledged", 1))
                continue
            if "1per" in t.tag and _pos(toks[head]) == "INFN":
                hits.append(Hit(i, head, "pledged", 1))  # "мы будем выполнять": the speaker's pledge
                continue
            if contract is None:
                contract = _contract_context(doc, sent)
            if contract and _terms(toks, lo, hi, i, head):
                hits.append(Hit(i, head, "agreed", 1))
                continue
            how = _speaker_subject(toks, lo, i, ents) if _pos(toks[head]) == "INFN" else None
            if how:
                hits.append(Hit(i, head, "pledged" if how == "speaker" else "planned", 1))
            elif _passive(toks[head]) and toks[head].lemma in _cls("policy"):
                # a passive future is a government's plan only for acts of policy
                hits.append(Hit(i, head, "planned", 1))
        elif _pos(t) == "VERB" and "perf" in t.tag and "futr" in t.tag and "1per" in t.tag and "plur" in t.tag:
            # "мы проведем форум", "к нему мы приурочим Дни культуры": what "we" will do is a plan
            if _we_act(toks, lo, i) and not _negated(toks, i, lo) and not _conditional(toks, lo, i):
                hits.append(Hit(i, i, "planned", 1))
        elif _pos(t) == "VERB" and "perf" in t.tag and "futr" in t.tag and "3per" in t.tag:
            if _negated(toks, i, lo) or _conditional(toks, lo, i):
                continue
            if contract is None:
                contract = _contract_context(doc, sent)
            if contract and _terms(toks, lo, hi, i, i):
                hits.append(Hit(i, i, "agreed", 1))
            elif _reported_start(toks, lo, i) or _state_acts(toks, lo, i, ents):
                hits.append(Hit(i, i, "planned", 1))
        elif t.lemma in impossible:
            hit = _until_not(toks, i, hi)
            if hit is not None:
                hits.append(Hit(i, hit, "demanded", 1))
    return hits


def _we_act(toks: Sequence[Token], lo: int, i: int) -> bool:
    """A transitive action of an explicit "мы" in the verb's clause, not a perception or a thought
    ("мы увидим", "мы поймем")."""
    t = toks[i]
    if "tran" not in t.tag or t.lemma in _cls("nonplan"):
        return False
    a, _ = _segment(toks, i, lo, i + 1)
    return any(toks[k].lemma == "мы" for k in range(a, i))


def _inside_quote(doc: Doc, sent: Sentence) -> bool:
    """The sentence lies inside a «quotation» (it opens one, or its paragraph has one open)."""
    before = doc.text[doc.text.rfind("\n", 0, sent.start) + 1 : sent.start]
    opened = before.count("«") > before.count("»") or before.count('"') % 2 == 1
    return opened or sent.text.startswith(("«", '"'))


def _passive(t: Token) -> bool:
    return _pos(t) == "PRTS" or t.text.endswith(("ся", "сь"))


def _until_not(toks: Sequence[Token], i: int, hi: int) -> int | None:
    """For "невозможен, пока X не вернет ...": the index of the negated verb of the condition."""
    for j in range(i + 1, min(hi, i + 12)):
        if toks[j].lemma == "пока":
            for k in range(j + 1, min(hi, j + 10)):
                if toks[k].lemma == "не" and k + 1 < hi and _pos(toks[k + 1]) == "VERB":
                    return k + 1
            return None
    return None


# ------------------------------------------------------------------------------------- clauses


def _boundary_between(toks: Sequence[Token], a: int, b: int) -> int | None:
    """The last clause boundary token strictly between two cues, or None when they share a clause."""
    for k in range(b - 1, a, -1):
        if toks[k].text in _PUNCT_BOUNDARY or toks[k].lemma in _CONJ_BOUNDARY:
            return k
    return None


def _governed(toks: Sequence[Token], a: int, b: int) -> bool:
    """The second cue sits in a complement clause (", что ...") of the first."""
    return any(toks[k].lemma in _COMPLEMENT for k in range(a + 1, b))


def _group(toks: Sequence[Token], hits: list[Hit]) -> list[tuple[Hit, int | None]]:
    """One hit per clause, each with the boundary token that opens its clause (None for the first)."""
    hits = sorted(hits, key=lambda h: h.first)
    out: list[tuple[Hit, int | None]] = []
    for h in hits:
        if out and h.first <= out[-1][0].last:
            continue  # overlapping cues ("подтвердить участие" inside a longer match)
        if out:
            prev, _ = out[-1]
            boundary = _boundary_between(toks, prev.last, h.first)
            if boundary is None or _governed(toks, prev.last, h.first):
                if h.weight > prev.weight:
                    out[-1] = (h, out[-1][1])
                continue
            out.append((h, boundary))
        else:
            out.append((h, None))
    return out


def _protest(toks: Sequence[Token], lo: int, hi: int) -> bool:
    protest = _cls("protest")
    return any(toks[k].lemma in protest for k in range(lo, hi))


# -------------------------------------------------------------------------------------- actors


_ATTRIBUTION = re.compile(r"»\s*[,–—-]")


def _quote_speaker(doc: Doc, sent: Sentence, ents: EntityIndex) -> Entity | None:
    """The person credited after the quotation this sentence belongs to ("», – заявил X"), or None
    when the sentence is not inside a quotation."""
    text = doc.text
    para_start = text.rfind("\n", 0, sent.start) + 1
    before = text[para_start : sent.start]
    if before.count("«") <= before.count("»") and not sent.text.startswith(("«", '"')):
        return None
    para_end = text.find("\n", sent.start)
    para_end = len(text) if para_end < 0 else para_end
    m = _ATTRIBUTION.search(text, sent.start, para_end)
    if m is None:
        return None
    stop = doc.sentence_at(m.end())
    end = stop.end if stop else para_end
    people = ents.in_span(m.end(), end, ["PERSON"])
    if people:
        return people[0]
    for t in doc.tokens_in(m.end(), end)[:4]:
        if t.lemma in ("он", "она") and "nomn" in t.tag:
            # "», — сказал он журналистам": the pronoun alone, so that a noun after it ("журналистам")
            # is not taken for the speaker's description
            before = ents.persons_before(m.start())
            return before[0] if before else None
    return ents.resolve_person(m.end(), end)


def _speaker(doc: Doc, sent: Sentence, toks: Sequence[Token], hit: Hit, ents: EntityIndex) -> Entity | None:
    cue = toks[hit.first]
    return _quote_speaker(doc, sent, ents) or ents.resolve_person(cue.start, cue.end)


def _country_ids(ents: EntityIndex, codes: Sequence[str]) -> list[str]:
    by_code = {e.country: e.id for e in ents.entities if e.type == "COUNTRY" and e.country}
    return [by_code[c] for c in codes if c in by_code]


def _main_parties(ents: EntityIndex) -> list[str]:
    """The document's two most mentioned countries: "стороны", and the parties of an impersonal
    agreement ("достигнута договоренность")."""
    countries = [e for e in ents.entities if e.type == "COUNTRY"]
    countries.sort(key=lambda e: -len(e.mentions))
    return [e.id for e in countries[:2]]


def _actors(
    doc: Doc, sent: Sentence, toks: Sequence[Token], start_tok: int, hit: Hit, ents: EntityIndex
) -> list[str]:
    a, cue = start_tok, toks[hit.first]
    out = [e.id for e in _entities_in(ents, toks, a, hit.first, ("PERSON", "ORGANIZATION"))]
    if a < hit.first:
        # countries named by name or adjective ("Казахстанские производители готовы")
        out += _country_ids(ents, ents.countries_in(toks[a].start, toks[hit.first - 1].end))
        if not out:
            # a capital for its government, as the subject ("Москва готова", "Вашингтон требует")
            out += _nominative_cities(toks, a, hit.first, ents)
    firsts = _cls("first")
    if "1per" in cue.tag or any(toks[k].lemma in firsts for k in range(a, hit.first)):
        speaker = _speaker(doc, sent, toks, hit, ents)  # "мы с Эмомали Шариповичем договорились"
        if speaker is not None:
            out.insert(0, speaker.id)
    if not out:
        # an inverted subject in the nominative ("предложил президент Казахстана Токаев")
        _, b = _segment(toks, hit.last, a, sent.token_end)
        out = [
            ents.at(toks[k].start, toks[k].end).id  # type: ignore[union-attr]
            for k in range(hit.last + 1, b)
            if "nomn" in toks[k].tag and _entity_type(ents, toks[k]) in _ACTOR_TYPES
        ]
    if not out:
        quoted = _quote_speaker(doc, sent, ents)
        if quoted is not None:
            out = [quoted.id]
        elif hit.modality in ("agreed", "planned"):
            # "стороны договорились", "достигнута договоренность", "имеются планы": both parties
            out = _main_parties(ents)
        else:
            person = ents.resolve_person(cue.start, cue.end)
            out = [person.id] if person is not None else []
    return list(dict.fromkeys(out))


def _nominative_cities(toks: Sequence[Token], a: int, b: int, ents: EntityIndex) -> list[str]:
    out: list[str] = []
    for k in range(a, b):
        ent = ents.at(toks[k].start, toks[k].end)
        if ent is not None and ent.type == "CITY" and "nomn" in toks[k].tag:
            out.append(ent.id)
    return out


@cache
def _public_bodies() -> tuple[frozenset[str], tuple[str, ...]]:
    """(names of known public organisations, stems of state-body nouns), from the entity gazetteer's
    data files (read only): organizations.tsv up to its first comment after the data (the media and
    the Internet follow), and state_bodies.txt."""
    names: set[str] = set()
    for line in (DATA / "organizations.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if names:
                break
            continue
        cols = line.split("\t")
        if len(cols) > 1:
            names.update(a.strip().lower() for a in [cols[0], *cols[1].split("|")] if a.strip())
    stems = tuple(w[:-1] if len(w) > 5 else w for w in sorted(words("state_bodies.txt")))
    return frozenset(names), stems


def _public_actor(ent: Entity, ents: EntityIndex) -> bool:
    """Whether an actor can act for a state (README call 10: commitments are those of states,
    officials and public bodies, not of companies or commentators).

    A person is presumed public: many officials carry no role in the text ("Путин подпишет"), but one
    whose only roles are a commentator's ("аналитик", "журналист") is not. An organisation is private
    when it is named as a company ("Компания Microsoft", "концерн …") or only in Latin letters
    ("Facebook"), unless it is a known public body or carries a state-body noun."""
    private_roles = _cls("private_role")
    if ent.type == "PERSON":
        return not ent.roles or any(r.title.lower().split()[0] not in private_roles for r in ent.roles)
    if ent.type != "ORGANIZATION":
        return True
    names, stems = _public_bodies()
    name = ent.name.lower()
    words = [w.strip("«»\"") for w in name.split()]
    if name in names or any(n in words or (" " in n and n in name) for n in names):
        return True  # "ОАО «Газпром»" is the known "газпром"
    if any(stem in w for w in words for stem in stems):
        return True
    company = _cls("company")
    if any(w in company for w in words):
        return False
    return bool(_CYRILLIC.search(ent.name))


def _private(actors: list[str], ents: EntityIndex) -> bool:
    """Every actor is a private person or a company (no actor at all is no evidence either way)."""
    found = [e for e in (ents.get(a) for a in actors) if e is not None]
    return bool(found) and not any(_public_actor(e, ents) for e in found)


def _entity_type(ents: EntityIndex, tok: Token) -> str | None:
    ent = ents.at(tok.start, tok.end)
    return ent.type if ent is not None else None


def _figure_for(figures: list[Figure], start: int, end: int) -> str | None:
    inside = [f for f in figures if f.start < end and f.end > start]
    if not inside:
        return None
    preferred = [f for f in inside if f.kind in _FIGURE_KINDS]
    return (preferred or inside)[0].id


def _deadline(text: str, published: str | None) -> str | None:
    """The commitment's deadline ("до конца 2025 года", "к 2030 году"), resolved by the periods module."""
    return deadline_in(text, published)


# ------------------------------------------------------------------------------------------ main


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while start < end and text[start] in " \t\n,;:—–-":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


@cache
def _prefilter() -> frozenset[str]:
    """Lemmas that can start a hit; sentences without one (or a future verb) are skipped at once."""
    return frozenset(_cues()) | _cls("impossible") | {"быть"}


def extract(doc: Doc, ents: EntityIndex, figures: list[Figure]) -> list[Commitment]:
    out: list[Commitment] = []
    toks = doc.tokens
    wanted = _prefilter()
    for sent in doc.sentences:
        lo, hi = sent.token_start, sent.token_end
        if not any(t.lemma in wanted or "futr" in t.tag for t in toks[lo:hi]):
            continue
        hits = _lexicon_hits(toks, lo, hi, ents) + _construction_hits(doc, sent, toks, lo, hi, ents)
        if not hits:
            continue
        grouped = _group(toks, hits)
        for n, (hit, opener) in enumerate(grouped):
            if hit.modality == "demanded" and _protest(toks, lo, hi):
                continue
            start_tok = lo if opener is None else opener + 1
            start = sent.start if opener is None else toks[opener].end
            nxt = grouped[n + 1][1] if n + 1 < len(grouped) else None
            end = sent.end if nxt is None else toks[nxt].start
            start, end = _trim(doc, start, end)
            if start >= end:
                continue
            text = doc.text[start:end]
            actors = _actors(doc, sent, toks, start_tok, hit, ents)
            if _private(actors, ents):
                continue
            out.append(
                Commitment(
                    id=f"C{len(out) + 1}",
                    modality=hit.modality,  # type: ignore[arg-type]
                    actors=actors,
                    text=text,
                    start=start,
                    end=end,
                    figure=_figure_for(figures, start, end),
                    deadline=_deadline(text, doc.published),
                )
            )
    return out
