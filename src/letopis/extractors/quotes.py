"""Quotes: direct and reported speech by persons, with the speaker and the speech cue.

What counts (see shared/gold/facts-dev/README.md, judgment calls 1-5):
- direct speech in «…», "…", „…“, or after a paragraph dash, attributed before (`X заявил: «…»`), after
  (`«…», — отметил он`) or around a break (`«…, — сказал X. — …»`, kept as two quotes);
- quoted fragments governed by a verb (`назвал его «…»`, `призвал ООН «…»`);
- interview answers `Name: answer` (cue ":");
- reported clauses: `X сообщил, что …`, `по словам X, …`, `как отметил X, …`, `…, продолжал он, …`,
  `о том, что …, сказал X`, `X уверен, что …`, and a statement followed by `Об этом заявил X`;
- an unattributed «statement» right after X's quote (or a paragraph of a multi-paragraph quotation)
  is X's.
Speakers must be persons: a state, institution, medium or collective as subject drops the quote; an
unnamed individual ("аналитики", "источник") keeps it with speaker None. Nominal and infinitive reports
("подтвердил готовность…") have no reported clause and are not quotes.

The speaker is the subject of the cue (nominative, agreeing in number and gender, outside PPs and
relative clauses); its phrase goes to `EntityIndex.resolve_person`, and a few discourse rules fix what a
phrase alone cannot (a pronoun continues the last speaker; "он" inside X's own quote is not X).
Everything works over the precomputed tokens (lemma, pymorphy tag) and a few regexes over doc.text;
the lexicons are data files (data/speech_verbs.txt, data/speech_cues.tsv).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from letopis.extractors import ent_morph
from letopis.extractors.entities import EntityIndex
from letopis.extractors.lexicon import DATA as _DATA
from letopis.model import Entity, Quote
from letopis.nlp import Doc
from letopis.nlp.doc import Sentence, Token

_DASHES = "—–-"
_CLOSERS = {"«": "»", "„": "“", "“": "”"}
_QUOTE_CHARS = set("«»„“”\"")
_PUNCT_END = ".!?…"
# A break inside a quotation: «…, — сказал X. — …» (the attribution is checked for a speech verb).
_BREAK_RE = re.compile(r"([,!?…])\s*[—–-]\s+([^«»\"—–\n]{2,200}?)([.,:])\s*[—–-]\s+")
# Between a quotation and its resumption: «…», — заявил министр. — «…»
_BREAK_GAP_RE = re.compile(r"[,!?…]?[ \t]*[—–-][ \t]+[^«»\"\n]{2,200}?[.,][ \t]*[—–-][ \t]*")
# Direct speech after a paragraph dash, up to its attribution: "— Мы готовы…, — сказал X."
_DASH_ATTR_RE = re.compile(r"([,!?…])\s*[—–-]\s+(?=\w)")
_INTERVIEW_RE = re.compile(r"^[ \t]*([А-ЯЁA-Z][\w\-]+(?:[ \t]+[А-ЯЁA-Z][\w\-]+){0,3}):[ \t]+(\S.*)$", re.M)
_SENT_END_RE = re.compile(r"[.!?…](?![»\"”“])|\n")
_FIRST_PERSON = {"я", "мы", "вы", "ты"}
_THAT = {"что", "чтобы"}


@cache
def _grams(tag: str) -> frozenset[str]:
    return frozenset(tag.replace(" ", ",").split(","))


def _has(t: Token, grammeme: str) -> bool:
    """Token.has for one grammeme, cached per tag string (tags repeat across tokens)."""
    return grammeme in _grams(t.tag)


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})
# the nominative singular of a Slavic-type masculine surname ("Ятимов", "Лукашин"); pymorphy often
# reads an unknown one as a genitive plural of a first name ("Джаббаров" -> plur,gent); and the
# endings of surnames that do not decline or end in a consonant only in the nominative ("Пашинян" ->
# plur,gent of "пашинянин"; "-дзе", "-швили", "-ко", "-ич", "-ук")
_SURNAME_NOMN = ("ов", "ев", "ёв", "ин", "ын", "ян", "дзе", "швили", "ко", "ич", "ук", "юк", "их", "ых")


def _nominative_name(toks: list[Token]) -> bool:
    """Whether a NER person span can be a subject: some word is nominative or indeclinable, no word
    carries a case at all (foreign names pymorphy cannot parse: "Ван И"), or it ends in the
    nominative form of a surname."""
    if any(_has(x, "nomn") or "Fixd" in x.tag for x in toks):
        return True
    if not any(_CASES & _grams(x.tag) for x in toks):
        return True
    last = toks[-1].text
    return last[:1].isupper() and last.lower().endswith(_SURNAME_NOMN)


@dataclass(frozen=True)
class _Lexicon:
    verbs: frozenset[str]
    source: frozenset[str]
    opinion: frozenset[str]
    fragment: frozenset[str]
    unnamed: frozenset[str]
    relational: frozenset[str]
    speech_noun: frozenset[str]
    stative: frozenset[str]
    cite: frozenset[str]
    about_noun: frozenset[str]
    light: frozenset[str]


@cache
def _lex() -> _Lexicon:
    verbs = {
        w.strip() for w in (_DATA / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }
    kinds: dict[str, set[str]] = {}
    for line in (_DATA / "speech_cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, lemma = line.split("\t")[:2]
        kinds.setdefault(kind, set()).add(lemma.strip())
    return _Lexicon(
        verbs=frozenset(w.replace("ё", "е") for w in verbs),
        **{k: frozenset(kinds.get(k, ())) for k in (
            "source", "opinion", "fragment", "unnamed", "relational", "speech_noun", "stative", "cite",
            "about_noun", "light",
        )},
    )


@dataclass
class _Speaker:
    kind: str  # "person" | "unnamed" | "reject"
    start: int = 0
    end: int = 0
    entity: str | None = None
    src: str = "name"  # "name" | "pron" | "desc" | "unnamed": how the speaker is referred to


@dataclass
class _Cand:
    start: int
    end: int
    direct: bool
    speaker: str | None
    cue: str
    weak: bool = False  # a «fragment» that yields to an enclosing quote
    src: str = "name"  # how the speaker was referred to ("name", "pron", "desc")
    at: int = 0  # where the speaker phrase starts
    at_end: int = 0  # where it ends


def _cand(start: int, end: int, direct: bool, sp: _Speaker, cue: str, weak: bool = False) -> _Cand:
    return _Cand(start, end, direct, sp.entity, cue, weak, sp.src, sp.start, sp.end)


class _Ctx:
    """Per-document helpers: token lookups, NER spans by token, speaker resolution."""

    def __init__(self, doc: Doc, ents: EntityIndex):
        self.doc = doc
        self.ents = ents
        self.lex = _lex()
        self.starts = [t.start for t in doc.tokens]
        self.triggers = self.lex.verbs | self.lex.source | self.lex.stative | self.lex.about_noun | {"так"}
        self.ner_of: dict[int, tuple[str, int, int]] = {}
        for sp in doc.ner:
            for i in range(sp.token_start, sp.token_end):
                self.ner_of[i] = (sp.type, sp.token_start, sp.token_end)

    # -- tokens -------------------------------------------------------------------------------
    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying within [start, end) (bisect on both ends: no scan of the document)."""
        toks = self.doc.tokens
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [t for t in toks[i:j] if t.end <= end]

    def is_cue_verb(self, t: Token) -> bool:
        return t.lemma in self.lex.verbs and t.pos in ("VERB", "GRND", "INFN")

    def sentence_span(self, ti: int) -> tuple[int, int]:
        """Token range of the sentence holding token ti."""
        sent = self.doc.sentence_at(self.doc.tokens[ti].start)
        if sent is None:
            return ti, ti + 1
        return sent.token_start, sent.token_end

    # -- speakers -----------------------------------------------------------------------------
    def classify(self, ti: int, verb: Token | None) -> _Speaker | None:
        """Whether token ti can be the subject of `verb`, and what kind of speaker it is."""
        t = self.doc.tokens[ti]
        ner = self.ner_of.get(ti)
        if ner and ner[0] == "PER":
            toks = self.doc.tokens[ner[1]:ner[2]]
            if not _nominative_name(toks):
                return None
            if verb is not None and _has(verb, "plur") and not self._joint(ner[1], ner[2]):
                return None
            head = self._relational_head(ner[1])
            if head is not None:
                sp = self.person(head, head + 1, "desc")
                named = self.ents.resolve_person(self.doc.tokens[ner[1]].start, self.doc.tokens[ner[2] - 1].end)
                if named is not None and sp.entity == named.id:
                    sp.entity = None  # "помощник Хиллари Клинтон" is not Clinton: left to the discourse rules
                return sp
            prev = self.doc.tokens[ner[1] - 1] if ner[1] > 0 else None
            if prev is not None and prev.pos == "NOUN" and _has(prev, "anim") and not _has(prev, "nomn"):
                return None  # an indeclinable name apposed to an oblique head: "премьер-министра Сильвио Б."
            return self.person(ner[1], ner[2])
        if t.pos == "NPRO":
            if not _has(t, "nomn"):
                return None
            if t.lemma in _FIRST_PERSON:
                return _Speaker("reject")
            if t.lemma in ("он", "она") and _has(t, "sing") and self._agrees(verb, t):
                return self.person(ti, ti + 1, "pron")
            if t.lemma in ("он", "они") and _has(t, "plur"):
                return _Speaker("reject")
            return None
        if t.pos != "NOUN" or not _has(t, "nomn") or not self._agrees(verb, t):
            return None
        if t.lemma in self.lex.unnamed:
            return _Speaker("unnamed", t.start, t.end, src="unnamed")
        if ner is not None or not _has(t, "anim") or _has(t, "plur"):
            return _Speaker("reject", t.start, t.end)
        return self.person(ti, self.np_end(ti), "desc")

    def classify_any_case(self, ti: int) -> _Speaker | None:
        """A speaker noun in an oblique case (the dative of "позволила аналитикам заявлять")."""
        t = self.doc.tokens[ti]
        ner = self.ner_of.get(ti)
        if ner and ner[0] == "PER":
            return self.person(ner[1], ner[2])
        if t.pos == "NOUN" and _has(t, "anim"):
            if t.lemma in self.lex.unnamed:
                return _Speaker("unnamed", t.start, t.end)
            return _Speaker("reject") if _has(t, "plur") else self.person(ti, self.np_end(ti))
        return None

    def _joint(self, ts: int, te: int) -> bool:
        """'Лавров и его коллега Чавушоглу заявили': a name in a joint subject (an "и" right by it)."""
        toks = self.doc.tokens
        if te < len(toks) and toks[te].lemma == "и":
            return True
        i = ts - 1
        while i >= max(0, ts - 4) and toks[i].lemma != "и":
            t = toks[i]
            if not (_has(t, "nomn") or t.lemma in ("его", "ее", "их") or t.pos == "NPRO"):
                return False
            i -= 1
        return i >= 0 and toks[i].lemma == "и"

    def _agrees(self, verb: Token | None, t: Token) -> bool:
        if verb is None or verb.pos != "VERB":
            return True
        if _has(verb, "plur") != _has(t, "plur"):
            return False
        if _has(verb, "past") and _has(verb, "sing") and t.pos == "NPRO":
            return not (_has(verb, "masc") and _has(t, "femn")) and not (_has(verb, "femn") and _has(t, "masc"))
        if _has(verb, "past") and _has(verb, "sing") and t.pos == "NOUN" and "ms-f" not in t.tag:
            if _has(t, "neut"):
                return False
            if _has(verb, "masc") and _has(t, "femn") and "Name" not in t.tag and "Surn" not in t.tag:
                return False
        return True

    def _relational_head(self, ti: int) -> int | None:
        """'помощник Хиллари Клинтон': the name is a genitive of the relational head before it."""
        if ti > 0:
            prev = self.doc.tokens[ti - 1]
            if prev.pos == "NOUN" and prev.lemma in self.lex.relational:
                return ti - 1
        return None

    def np_end(self, ti: int) -> int:
        """End token of a descriptor: head + genitive/adjective modifiers (+ an apposed name)."""
        toks = self.doc.tokens
        j = ti + 1
        while j < len(toks) and j < ti + 8:
            x = toks[j]
            ner = self.ner_of.get(j)
            if ner and ner[0] == "PER":
                # "помощник Хиллари Клинтон": a name right after a relational head is its genitive
                return j if j == ti + 1 and toks[ti].lemma in self.lex.relational else ner[2]
            if x.pos in ("NOUN", "ADJF", "PRTF", "NUMR") and (_has(x, "gent") or "Fixd" in x.tag or "Abbr" in x.tag):
                j += 1
                continue
            break
        return j

    def person(self, ts: int, te: int, src: str = "name") -> _Speaker:
        toks = self.doc.tokens
        ner = self.ner_of.get(te - 1)
        if ner and ner[0] == "PER":  # resolve the name itself when the phrase ends with one
            ts, src = ner[1], "name"
        s, e = toks[ts].start, toks[te - 1].end
        ent = self.ents.resolve_person(s, e)
        if ent is not None and ent.type != "PERSON":
            ent = None
        if src == "pron":
            ent = self.subject_antecedent(s, "femn" if _has(toks[ts], "femn") else "masc") or ent
            want = "femn" if _has(toks[ts], "femn") else "masc"
            if ent is not None and self.gender(ent) not in (None, want):
                # "она заявила" cannot be a man: the nearest earlier person of the right gender, if any
                near = [p for p in self.ents.persons_before(s)[:3] if self.gender(p) == want]
                if not near:
                    return _Speaker("reject", s, e)
                ent = near[0]
        return _Speaker("person", s, e, ent.id if ent is not None else None, src)

    def subject_antecedent(self, at: int, gender: str) -> Entity | None:
        """The person a subject pronoun at `at` continues: the latest person of its gender named as a
        subject in this or the previous sentence ("Ван И встретился с Лавровым. «…», — сказал он" is
        Wang Yi, not Lavrov), or None when no such subject is found."""
        sent = self.doc.sentence_at(at)
        if sent is None:
            return None
        lo = self.doc.sentences[sent.index - 1].start if sent.index > 0 else sent.start
        best: Entity | None = None
        for s, _e, ent in self.ents.mentions():
            if s >= at:
                break
            if s >= lo and ent.type == "PERSON" and self.gender(ent) in (None, gender) and _subject_at(self, s):
                best = ent
        return best

    def gender(self, ent: Entity) -> str | None:
        """A person's grammatical gender from the first name or surname of its mentions (None if unsure)."""
        for m in ent.mentions:
            for t in self.tokens_in(m.start, m.end):
                if ("Name" in t.tag or "Surn" in t.tag) and "ms-f" not in t.tag:
                    if _has(t, "femn"):
                        return "femn"
                    if _has(t, "masc"):
                        return "masc"
        return None

    def apposed_name(self, sp: _Speaker, hi: int) -> _Speaker:
        """'лидер Меджлиса …, народный депутат Мустафа Джемилев': prefer a name apposed to a descriptor."""
        if not ((sp.kind == "person" and sp.src == "desc") or sp.kind == "unnamed"):
            return sp
        toks = self.doc.tokens
        i = self.doc.token_at(sp.end - 1).index + 1
        limit = min(hi, i + 15)
        depth = 0
        while i < limit:
            t = toks[i]
            if t.text in ("«", "„"):  # a title inside the description: координатор движения «…» X
                depth += 1
            elif t.text in ("»", "“"):
                depth -= 1
            if depth or t.text in ("«", "»", "„", "“"):
                i += 1
                continue
            if t.text in _PUNCT_END or t.text in (":", ";") or t.pos in ("VERB", "GRND", "PRTS"):
                break
            if t.lemma in ("который", "что"):
                break
            ner = self.ner_of.get(i)
            if ner and ner[0] == "PER":
                if _nominative_name(toks[ner[1]:ner[2]]):
                    return self.person(ner[1], ner[2])
                break
            i += 1
        return sp

    def _name_before(self, comma: int, lo: int) -> _Speaker | None:
        """'Алексей Клименко, член президиума …, заявил': a name before the descriptor it heads."""
        for i in range(comma - 1, max(lo, comma - 15) - 1, -1):
            t = self.doc.tokens[i]
            if t.pos in ("VERB", "GRND", "PREP") or t.lemma == "который" or t.text in _PUNCT_END:
                return None
            ner = self.ner_of.get(i)
            if ner and ner[0] == "PER":
                before = self.doc.tokens[ner[1] - 1] if ner[1] > lo else None
                if before is not None and before.pos == "PREP":
                    return None
                sp = self.classify(i, None)
                return sp if sp is not None and sp.kind == "person" else None
        return None

    def subject_before(self, vi: int, lo: int, verb: Token | None, gerund: bool = False) -> _Speaker | None:
        """The nearest agreeing nominative before token vi (not in a PP or a relative clause).

        A gerund ("…, заявив, что") shares the subject of the finite verb before it.
        """
        toks = self.doc.tokens
        if gerund:
            main = next((i for i in range(vi - 1, lo - 1, -1) if toks[i].pos == "VERB"), None)
            if main is None:
                return None
            # "«…», — отметил X, добавив, что …": the subject may follow the finite verb
            return self.subject_before(main, lo, toks[main]) or self.subject_after(main, vi, toks[main])
        in_pp = self._pp_mask(lo, vi)
        found: _Speaker | None = None
        depth = 0
        for i in range(vi - 1, lo - 1, -1):
            t = toks[i]
            if t.text in ("»", "”", "“") or (t.text == '"' and depth == 0):
                depth += 1
                continue
            if t.text in ("«", "„") or (t.text == '"' and depth > 0):
                depth = max(0, depth - 1)
                continue
            if depth:
                continue
            if t.text in (":", ";", "—", "–") or t.text in _PUNCT_END:
                break
            if t.lemma == "который":
                found = None  # what we saw was a relative clause ("X, который посетил Белград, заявил")
                continue
            if t.text == "," and found is not None:
                if (found.kind == "unnamed" or found.src == "desc") and i > lo:
                    return self._name_before(i, lo) or found
                break
            if found is None and not in_pp[i - lo]:
                found = self.classify(i, verb)
        return found

    def subject_after(self, vi: int, hi: int, verb: Token | None) -> _Speaker | None:
        """The first agreeing nominative after token vi (inverted order: «…», — сказал X)."""
        toks = self.doc.tokens
        in_pp = self._pp_mask(vi + 1, hi)
        depth = 0
        for i in range(vi + 1, hi):
            t = toks[i]
            if t.text in ("«", "„"):
                depth += 1
                continue
            if t.text in ("»", "“", "”"):
                depth = max(0, depth - 1)
                continue
            if depth or t.text == '"':
                continue
            if t.text in _PUNCT_END or t.text in (":", ";") or t.lemma in ("который", "что"):
                return None
            if t.pos in ("VERB",) and i > vi + 1:
                return None
            if not in_pp[i - vi - 1]:
                sp = self.classify(i, verb)
                if sp is not None:
                    return self.apposed_name(sp, hi)
        return None

    def _pp_mask(self, lo: int, hi: int) -> list[bool]:
        """True for tokens inside a prepositional phrase (PREP up to its first noun)."""
        mask = [False] * max(0, hi - lo)
        inside = False
        for i in range(lo, hi):
            t = self.doc.tokens[i]
            if t.pos == "PREP":
                inside = True
                mask[i - lo] = True
                continue
            if inside:
                mask[i - lo] = True
                ner = self.ner_of.get(i)
                if t.pos in ("NOUN", "NPRO") or (ner and ner[2] - 1 == i) or not t.pos:
                    inside = bool(ner and ner[2] - 1 > i)
        return mask


# ------------------------------------------------------------------------------------------------
# Quoted spans
# ------------------------------------------------------------------------------------------------


_MARK_RE = re.compile(r'[«»„“”"\n]')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quoted spans (inner start, inner end): «…» with nesting, „…“, “…”, and "…"."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: list[int] = []
    for m in _MARK_RE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == '"':
            if not stack:
                straight.append(i)
        elif ch in _CLOSERS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
        elif stack and ch == _CLOSERS[stack[-1][0]]:
            _, j = stack.pop()
            if not stack:
                out.append((j + 1, i))
        elif ch == "\n":
            # unbalanced marks never pair across paragraphs; but a quotation of several paragraphs
            # leaves each one open and opens the next one with «
            if stack and stack[0][0] == "«" and text[i:].lstrip()[:1] == "«":
                out.append((stack[0][1] + 1, i))
            stack.clear()
            straight.append(i)  # nor do straight quotes
    k = 0
    while k + 1 < len(straight):
        a, b = straight[k], straight[k + 1]
        if text[a] == "\n":
            k += 1
            continue
        if text[b] == '"' and (a == 0 or not text[a - 1].isalnum()):
            out.append((a + 1, b))
            k += 2
        else:
            k += 1
    return sorted(out)


def _sentence_end(text: str, pos: int) -> int:
    m = _SENT_END_RE.search(text, pos)
    return m.start() if m else len(text)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Strip spaces, dashes and a closing period so the span is the statement itself."""
    while s < e and (text[s].isspace() or text[s] in _DASHES + ",:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:" + _DASHES):
        e -= 1
    return s, e


# ------------------------------------------------------------------------------------------------
# Rules
# ------------------------------------------------------------------------------------------------


_AFTER_RE = re.compile(r"\s*\n\s*(?=[а-яё])|[,!?…]?[ \t]*(?:[—–-]+[ \t]*)?")


def _attribution_after(ctx: _Ctx, pos: int, words: int) -> tuple[_Speaker, str] | None:
    """`…», — заявил X.` / `…», сказал X.` starting at pos (right after the quote): (speaker, cue).

    Right after a quotation of `words` words any finite verb is an attribution ("— прогнозирует X");
    further on (`— в интервью РИА Новости заявил X`, `— такими словами X прокомментировал …`) only a
    speech verb is, before any other finite verb. A citing verb (`— цитирует ТАСС Лаврова`, `— приводит
    агентство слова министра`) takes its speaker from its object, not its subject (a medium).
    """
    text = ctx.doc.text
    m = _AFTER_RE.match(text, pos)
    if not m or m.end() == pos:
        return None
    dashed = any(c in _DASHES for c in text[pos:m.end()])
    end = _sentence_end(text, m.end())
    toks = ctx.tokens_in(m.end(), end)
    if not toks or not toks[0].text[:1].islower():
        return None
    for n, t in enumerate(toks[: 8 if dashed else 1]):
        if n == 0 and t.pos in ("PRTS", "ADJS") and t.lemma in ctx.lex.stative:
            sp = ctx.subject_after(t.index, toks[-1].index + 1, t)  # «…», — уверен X
            return (sp, t.text) if sp is not None else None
        if t.pos != "VERB":
            continue
        if t.lemma in ctx.lex.cite:
            sp = _cited(ctx, t.index + 1, toks[-1].index + 1)
            return (sp, t.text) if sp is not None else None
        if not (ctx.is_cue_verb(t) or (n == 0 and words >= 3)):
            if n >= 3:
                break
            continue
        sp = ctx.subject_after(t.index, toks[-1].index + 1, t)
        if sp is None:
            lo = ctx.sentence_span(t.index)[0]
            sp = ctx.subject_before(t.index, max(lo, toks[0].index), t)
        return (sp, t.text) if sp is not None else None
    return None


def _cited(ctx: _Ctx, i: int, hi: int) -> _Speaker | None:
    """The person a citing verb quotes: the first name after it in any case ("цитирует ТАСС
    Лаврова"), or the descriptor after "слова" ("приводит слова министра")."""
    toks = ctx.doc.tokens
    for j in range(i, hi):
        ner = ctx.ner_of.get(j)
        if ner and ner[0] == "PER":
            return ctx.person(ner[1], ner[2])
    for j in range(i, hi - 1):
        if toks[j].lemma == "слово" and toks[j + 1].pos == "NOUN" and _has(toks[j + 1], "anim"):
            return ctx.classify_any_case(j + 1)
    return None


def _sentence_like(ctx: _Ctx, a: int, b: int) -> bool:
    """A quoted statement rather than a name: capitalised, several words, a verb or a full stop."""
    text = ctx.doc.text
    if not (text[a:a + 1].isupper() or text[a:a + 1] in "…."):
        return False
    toks = [t for t in ctx.tokens_in(a, b) if t.pos]
    if len(toks) < 4:
        return False
    if any(t.pos == "VERB" for t in toks) or re.search(r"[.!?…]", text[a:b]):
        return True
    # the quotation is a whole sentence by itself: «…». after a sentence end
    before = text[:a - 1].rstrip(" \t")
    return (not before or before[-1] in ".!?…»\n") and text[b + 1:b + 2] in (".", "!", "?", "\n", "")


def _attribution_before(
    ctx: _Ctx, qstart: int, prev_speaker: tuple[int, str | None] | None, qend: int | None = None
) -> tuple[_Speaker, str, bool] | None:
    """`X заявил: «…»` / `Name: «…»` / `…: «…»` continuing the last speaker. -> (speaker, cue, weak)."""
    text = ctx.doc.text
    j = qstart - 1  # the opening mark
    k = j - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or ("\n" in text[k:j] and text[k] != ":"):
        return None  # only a colon carries an attribution across a line break
    last = bisect_left(ctx.starts, k) - 1  # the token before the colon (or the word ending at k)
    if last < 0:
        return None
    lo = ctx.sentence_span(last)[0]
    if text[k] == ":":
        for i in range(last, lo - 1, -1):
            t = ctx.doc.tokens[i]
            if t.text in _PUNCT_END:
                break
            if t.pos not in ("VERB", "GRND") or not ctx.is_cue_verb(t):
                continue
            if t.pos == "VERB":
                sp = ctx.subject_before(i, lo, t) or ctx.subject_after(i, last + 1, t)
            else:
                sp = ctx.subject_before(i, lo, t, gerund=True)
            return (sp, t.text, False) if sp is not None else None
        said = _speech_noun_clause(ctx, lo, last)
        if said is not None:
            return said[0], said[1], False
        ner = ctx.ner_of.get(last)
        if ner and ner[0] == "PER":
            return ctx.person(ner[1], ner[2]), ":", False
        if qend is not None and _sentence_like(ctx, qstart, qend):
            # "Лавров был категоричен: «…»": a named person as the subject of the clause before the
            # colon introduces a quoted statement even without a speech verb
            sp = ctx.subject_before(last + 1, lo, None)
            if sp is not None and sp.kind == "person" and sp.src == "name" and sp.entity is not None:
                return sp, ":", False
        if prev_speaker is not None and qstart - prev_speaker[0] < 600:
            return _Speaker("person" if prev_speaker[1] else "unnamed", entity=prev_speaker[1]), ":", False
        return None
    # a fragment governed by a verb in the same clause: назвал его «…», призвал ООН «…»
    if not text[qstart:qstart + 1].islower():
        return None
    for i in range(last, max(lo, last - 15) - 1, -1):
        t = ctx.doc.tokens[i]
        if t.text in _PUNCT_END or t.text in (",", ";", ":", "«", "»"):
            break
        if t.pos == "VERB" and t.lemma not in ctx.lex.fragment:
            break
        if ctx.is_cue_verb(t) and t.lemma in ctx.lex.fragment:
            if t.pos == "VERB":
                sp = ctx.subject_before(i, lo, t)
            else:
                sp = ctx.subject_before(i, lo, t, gerund=True)
            return (sp, t.text, True) if sp is not None else None
    return None


def _speech_noun_clause(ctx: _Ctx, lo: int, last: int) -> tuple[_Speaker, str] | None:
    """`X выступил с заявлением: «…»`: a speech noun with a finite verb whose subject is a person."""
    toks = ctx.doc.tokens
    for i in range(last, lo - 1, -1):
        if toks[i].text in _PUNCT_END:
            return None
        if toks[i].pos == "NOUN" and toks[i].lemma in ctx.lex.speech_noun and not _has(toks[i], "gent"):
            verb = next((j for j in range(i - 1, max(lo, i - 6) - 1, -1) if toks[j].pos == "VERB"), None)
            if verb is None:
                return None
            sp = ctx.subject_before(verb, lo, toks[verb])
            if sp is None or sp.kind == "reject":
                return None
            return sp, ctx.doc.text[toks[verb].start:toks[i].end]
    return None


def _direct_quotes(ctx: _Ctx, loose: list[tuple[int, int]]) -> list[_Cand]:
    """Quotations in marks with an attribution; sentence-like ones without one go to `loose`."""
    text = ctx.doc.text
    out: list[_Cand] = []
    prev: tuple[int, str | None] | None = None
    attributed: tuple[int, _Speaker, str] | None = None  # the last quote with an attribution after it
    for a, b in _quoted_spans(text):
        parts = _split_break(ctx, a, b)
        inner = parts[0][2] if parts and parts[0][2] is not None else None
        after = _attribution_after(ctx, b + 1, len(text[a:b].split()))
        if (
            after is None and inner is None and attributed is not None
            and _BREAK_GAP_RE.fullmatch(text, attributed[0] + 1, a - 1)
        ):
            # «…», — заявил X. — «…»: the quotation resumes after its attribution
            out.append(_cand(*_trim(text, a, b), True, attributed[1], attributed[2]))
            prev, attributed = (b, attributed[1].entity), None
            continue
        if after is None and inner is None:
            before = _attribution_before(ctx, a, prev, b)
            if before is None:
                if _sentence_like(ctx, a, b):
                    loose.append((a, b))
                continue
            sp, cue, weak = before
            if sp.kind == "reject":
                continue
            out.append(_cand(*_trim(text, a, b), True, sp, cue, weak))
            prev = (b, sp.entity)
            continue
        if after is not None and after[0].kind == "reject" and inner is None:
            continue
        sp_out, cue_out = after if after is not None and after[0].kind != "reject" else (None, None)
        if sp_out is not None and cue_out is not None and sp_out.kind == "person":
            attributed = (b, sp_out, cue_out)
        for s, e, inner_sp, inner_cue in parts:
            sp = inner_sp or sp_out or (parts[0][2])
            cue = inner_cue or cue_out or parts[0][3]
            if sp is None or sp.kind == "reject":
                continue
            out.append(_cand(*_trim(text, s, e), True, sp, cue or ""))
            prev = (b, sp.entity)
    return out


def _split_break(ctx: _Ctx, a: int, b: int) -> list[tuple[int, int, _Speaker | None, str | None]]:
    """Parts of a quotation broken by `, — сказал X. —`; each part gets the break's speaker."""
    text = ctx.doc.text
    parts: list[tuple[int, int, _Speaker | None, str | None]] = []
    pos = a
    for m in _BREAK_RE.finditer(text, a, b):
        toks = ctx.tokens_in(m.start(2), m.end(2))
        verb = next((t for t in toks[:3] if ctx.is_cue_verb(t) and t.pos == "VERB"), None)
        if verb is None:
            continue
        sp = ctx.subject_after(verb.index, toks[-1].index + 1, verb)
        if sp is None or sp.kind == "reject":
            continue
        parts.append((pos, m.start(1), sp, verb.text))
        pos = m.end()
    if not parts:
        return [(a, b, None, None)]
    parts.append((pos, b, parts[-1][2], parts[-1][3]))
    return parts


def _dash_speech(ctx: _Ctx) -> list[_Cand]:
    """Paragraphs of direct speech opened by a dash: `— Мы готовы…, — сказал X. — Ещё…`."""
    text = ctx.doc.text
    out: list[_Cand] = []
    for pm in re.finditer(r"^[ \t]*[—–-][ \t]+(?=\S)(.*)$", text, re.M):
        ps, pe = pm.start(1), pm.end(1)
        for am in _DASH_ATTR_RE.finditer(text, ps, pe):
            end = _sentence_end(text, am.end())
            toks = ctx.tokens_in(am.end(), min(end, pe))
            verb = next((t for t in toks[:3] if ctx.is_cue_verb(t) and t.pos == "VERB"), None)
            if verb is None:
                continue
            sp = ctx.subject_after(verb.index, toks[-1].index + 1, verb)
            if sp is None or sp.kind == "reject":
                break
            out.append(_cand(*_trim(text, ps, am.start(1)), True, sp, verb.text))
            rest = re.compile(r"[.,:]\s*[—–-]\s+(?=\S)").match(text, end)
            if rest and rest.end() < pe:
                out.append(_cand(*_trim(text, rest.end(), pe), True, sp, verb.text))
            break
    return out


def _interviews(ctx: _Ctx) -> list[_Cand]:
    """`Мустафа Джемилев: answer` lines: the answer is a direct quote with cue ":"."""
    out: list[_Cand] = []
    for m in _INTERVIEW_RE.finditer(ctx.doc.text):
        toks = ctx.tokens_in(m.start(1), m.end(1))
        if not toks or any(ctx.ner_of.get(t.index, ("",))[0] != "PER" for t in toks):
            continue
        if m.group(2)[:1] in _QUOTE_CHARS:
            continue  # `Токаев: «…»`: the quotation in marks is read by the colon rule
        sp = ctx.person(toks[0].index, toks[-1].index + 1)
        out.append(_cand(*_trim(ctx.doc.text, m.start(2), m.end(2)), True, sp, ":"))
    return out


def _reported(ctx: _Ctx) -> list[_Cand]:
    """Reported speech sentence by sentence: что-clauses, по словам, как отметил, parentheticals."""
    out: list[_Cand] = []
    doc = ctx.doc
    prev_sent = None
    # only sentences with a speech verb or "по словам"-type noun can hold reported speech
    trig = ctx.triggers
    hits = [t.start for t in doc.tokens if t.lemma in trig]
    for sent in doc.sentences:
        i = bisect_left(hits, sent.start)
        if i == len(hits) or hits[i] >= sent.end:
            prev_sent = sent
            continue
        toks = doc.tokens[sent.token_start:sent.token_end]
        found = (
            _that_clause(ctx, sent, toks)
            + _source_phrase(ctx, sent, toks)
            + _as_said(ctx, sent, toks)
            + _parenthetical(ctx, sent, toks)
        )
        if prev_sent is not None:
            found += _about_this(ctx, prev_sent, sent, toks)
        out += found
        prev_sent = sent
    return out


_THIS = frozenset({"такой", "этот", "подобный"})
_COORD = frozenset({"и", "а", "но", "также", "при", "этом", "же", "затем"})


def _clause_end(ctx: _Ctx, sent: Sentence, start: int) -> int:
    """A reported clause runs to the end of its sentence, but stops before `: «` or a new «quote», and
    before a coordinated speech verb that opens the next report (`…, и подчеркнул, что …`,
    `…, добавив, что …`)."""
    text = ctx.doc.text
    end = sent.end
    m = re.compile(r":\s*[«„\"]").search(text, start, end)
    end = m.start() if m else end
    close = text.find("»", start, end)
    if close >= 0 and "«" not in text[start:close]:
        end = close  # a report inside someone's quotation ends with it
    toks = ctx.tokens_in(start, end)
    for n, t in enumerate(toks):
        if t.text != ",":
            continue
        for k in range(n + 1, min(n + 4, len(toks))):
            x = toks[k]
            if ctx.is_cue_verb(x) and x.pos in ("VERB", "GRND"):
                # a coordinated or gerund report, one opening a что-clause, or a trailing
                # attribution (", сообщает агентство.") ends the clause; a parenthetical one inside
                # the statement (", подчеркнул он, будет полезным") does not
                rest = [y.text for y in toks[k + 1:]]
                if k > n + 1 or x.pos == "GRND" or "," not in rest or _opens_that(toks, k):
                    return t.start
                break
            if x.lemma not in _COORD:
                break
    return end


def _opens_that(toks: list[Token], k: int) -> bool:
    """Whether the verb at k opens a что-clause or a colon within its next few words."""
    for n in range(k + 1, min(k + 8, len(toks))):
        if toks[n].text == ":" or (toks[n].lemma in _THAT and toks[n - 1].text == ","):
            return True
    return False


def _that_clause(ctx: _Ctx, sent: Sentence, toks: list[Token]) -> list[_Cand]:
    out: list[_Cand] = []
    lex = ctx.lex
    for n, t in enumerate(toks):
        if t.lemma not in _THAT or n < 2 or toks[n - 1].text != ",":
            continue
        i = n - 2
        if toks[i].lemma in ("то", "тот") and i >= 1:
            i -= 1
            if toks[i].pos == "PREP":
                i -= 1
        verb_i, opinion = None, None
        for k in range(i, max(-1, i - 10), -1):
            x = toks[k]
            if x.text in (",", ":", ";", "—", "«", "»") or x.text in _PUNCT_END:
                break
            if x.pos == "NOUN" and x.lemma in lex.opinion:
                opinion = x
            if ctx.is_cue_verb(x) or (x.pos in ("PRTS", "ADJS") and x.lemma in lex.stative):
                verb_i = k
                break
            if x.pos in ("VERB", "INFN", "GRND", "PRTS", "ADJS"):
                break
        if verb_i is None:
            # inverted: "о том, что …, сказал X"
            out += _inverted_that(ctx, sent, toks, n)
            continue
        verb = toks[verb_i]
        if verb.lemma in ("выразить", "выражать", "высказать", "высказывать", "обратить") and opinion is None:
            continue
        sp = _verb_subject(ctx, sent, verb)
        if (sp is None or sp.kind == "reject") and verb_i > 0 and toks[verb_i - 1].lemma in _COORD:
            sp = _coordinated_subject(ctx, sent, toks, verb_i)
        if sp is None or sp.kind == "reject":
            continue
        cue = verb.text if opinion is None else f"{verb.text} {opinion.text}"
        if verb_i > 0 and toks[verb_i - 1].lemma == "не":
            cue = f"не {cue}"  # "не исключил, что"
        s = t.end
        e = _clause_end(ctx, sent, s)
        s, e = _trim(ctx.doc.text, s, e)
        out.append(_cand(s, e, False, sp, cue))
    return out


def _coordinated_subject(ctx: _Ctx, sent: Sentence, toks: list[Token], verb_i: int) -> _Speaker | None:
    """`X отметил, что …, и подчеркнул, что …`: the second verb shares the subject of the speech verb
    before it in the sentence."""
    for k in range(verb_i - 2, -1, -1):
        if ctx.is_cue_verb(toks[k]) and toks[k].pos == "VERB":
            return _verb_subject(ctx, sent, toks[k])
    return None


def _unquote(text: str, c: _Cand) -> _Cand:
    """A reported clause that opens with quoted words is direct speech (README call 3): drop the mark,
    and the closing one too when the quotation ends the clause."""
    if c.direct or text[c.start:c.start + 1] not in _QUOTE_CHARS:
        return c
    c.direct = True
    c.start += 1
    close = _closing_in(text, c.start - 1, c.end)
    if close is not None and not text[close + 1:c.end].strip(" .,;"):
        c.end = close
    return c


def _closing_in(text: str, open_i: int, end: int) -> int | None:
    ch = text[open_i]
    close = _CLOSERS.get(ch, '"')
    i = text.find(close, open_i + 1, end + 1)
    return i if i >= 0 else None


def _verb_subject(ctx: _Ctx, sent: Sentence, verb: Token) -> _Speaker | None:
    lo, hi = sent.token_start, sent.token_end
    if verb.pos in ("VERB", "PRTS", "ADJS"):
        return ctx.subject_before(verb.index, lo, verb) or ctx.subject_after(verb.index, hi, verb)
    if verb.pos == "GRND":
        return ctx.subject_before(verb.index, lo, verb, gerund=True)
    # an infinitive counts only with a dative speaker: "позволила аналитикам заявлять"
    for i in range(verb.index - 1, max(lo, verb.index - 4) - 1, -1):
        t = ctx.doc.tokens[i]
        if _has(t, "datv"):
            return ctx.classify_any_case(i)
    return None


def _inverted_that(ctx: _Ctx, sent: Sentence, toks: list[Token], n: int) -> list[_Cand]:
    """`(Однако) о том, что CLAUSE, сказал X`: the clause opens the sentence, the cue follows it."""
    if not (n >= 3 and toks[n - 2].lemma in ("то", "тот") and toks[n - 3].pos == "PREP" and n - 3 <= 2):
        return []
    for k in range(n + 1, len(toks) - 1):
        if toks[k].text == "," and ctx.is_cue_verb(toks[k + 1]) and toks[k + 1].pos == "VERB":
            verb = toks[k + 1]
            sp = ctx.subject_after(verb.index, sent.token_end, verb)
            if sp is None or sp.kind == "reject":
                return []
            s, e = _trim(ctx.doc.text, toks[n].end, toks[k].start)
            return [_cand(s, e, False, sp, verb.text)]
    return []


def _attr_end(toks: list[Token], k: int) -> int:
    """Index of the comma that closes an attribution starting at token k (skipping `, который …,`)."""
    while k < len(toks):
        if toks[k].text == ",":
            if k + 1 < len(toks) and toks[k + 1].lemma == "который":
                k += 2
                continue
            return k
        k += 1
    return -1


def _around(ctx: _Ctx, sent: Sentence, toks: list[Token], a: int, c: int) -> tuple[int, int]:
    """The statement around an attribution toks[a] … toks[c] (c: its closing comma, or -1 at the end).

    `По словам X, S` and `Сейчас, продолжал он, S` give S; `S, считает X.` gives S; an attribution
    inside a longer sentence (`Их жертвой, по словам X, станет …`) gives the whole sentence.
    """
    text = ctx.doc.text
    words_before = sum(1 for t in toks[:a] if t.pos or t.text[:1].isalnum())
    if c < 0:
        return _trim(text, sent.start, toks[a - 1].start) if a > 0 else (0, 0)
    # "Сейчас, продолжал он, S": a short lead-in is no part of the statement; but a subject is
    # ("Новый порт, подчеркнул он, будет открыт": the whole sentence)
    subject = any(t.pos in ("NOUN", "NPRO") and ent_morph.may_be(t.text, "nomn") for t in toks[:a])
    if words_before <= 2 and not subject:
        return _trim(text, toks[c].end, _clause_end(ctx, sent, toks[c].end))
    return _trim(text, sent.start, _clause_end(ctx, sent, sent.start))


def _source_phrase(ctx: _Ctx, sent: Sentence, toks: list[Token]) -> list[_Cand]:
    """`По словам X, CLAUSE` / `CLAUSE, по мнению X.`"""
    out: list[_Cand] = []
    text = ctx.doc.text
    for n, t in enumerate(toks[:-1]):
        if t.lemma != "по":
            continue
        k = n + 1
        pron = None
        if toks[k].pos == "NPRO" or toks[k].lemma in ("его", "ее", "их"):
            pron = toks[k]
            k += 1
        if k >= len(toks) or toks[k].lemma not in ctx.lex.source or not _has(toks[k], "datv"):
            continue
        noun = toks[k]
        if pron is not None:
            if pron.lemma in _FIRST_PERSON or "plur" in pron.tag:
                continue
            sp = ctx.person(pron.index, pron.index + 1, "pron") if pron.text.lower() != "их" else _Speaker("reject")
        else:
            sp = _genitive_speaker(ctx, noun.index + 1, sent.token_end)
        if sp is None or sp.kind == "reject":
            continue
        cue = text[t.start:noun.end]
        if n > 0 and toks[n - 1].text != ",":
            continue
        s, e = _around(ctx, sent, toks, n, _attr_end(toks, k + 1))
        if e - s > 10:
            out.append(_cand(s, e, False, sp, cue))
    return out


def _genitive_speaker(ctx: _Ctx, i: int, hi: int) -> _Speaker | None:
    """The person after `по словам`: a name, or a descriptor with a name (премьер-министра X)."""
    toks = ctx.doc.tokens
    j = i
    while j < hi and j < i + 8 and toks[j].text not in (",", ".", "!", "?", ":"):
        ner = ctx.ner_of.get(j)
        if ner and ner[0] == "PER":
            return ctx.person(ner[1], ner[2])
        j += 1
    for j in range(i, min(hi, i + 4)):
        t = toks[j]
        if t.pos == "NOUN":
            if t.lemma in ctx.lex.unnamed:
                return _Speaker("unnamed", t.start, t.end, src="unnamed")
            if _has(t, "anim") and not _has(t, "plur") and ctx.ner_of.get(j) is None:
                return ctx.person(j, ctx.np_end(j), "desc")
            return _Speaker("reject")
    return None


def _as_said(ctx: _Ctx, sent: Sentence, toks: list[Token]) -> list[_Cand]:
    """`Как отметил X, CLAUSE` / `CLAUSE, как сообщил X.`"""
    out: list[_Cand] = []
    for n, t in enumerate(toks[:-1]):
        v = toks[n + 1]
        if t.lemma != "как" or not (ctx.is_cue_verb(v) and v.pos == "VERB"):
            continue
        if n > 0 and toks[n - 1].text != ",":
            continue
        c = _attr_end(toks, n + 2)
        sp = ctx.subject_after(v.index, toks[c].index if c >= 0 else sent.token_end, v)
        if sp is None or sp.kind == "reject":
            continue
        s, e = _around(ctx, sent, toks, n, c)
        if e - s > 10:
            out.append(_cand(s, e, False, sp, v.text))
    return out


def _parenthetical(ctx: _Ctx, sent: Sentence, toks: list[Token]) -> list[_Cand]:
    """`Сейчас, продолжал он, CLAUSE` / `CLAUSE, считает X.` (no quote marks, no что)."""
    out: list[_Cand] = []
    for n in range(1, len(toks) - 2):
        v = toks[n]
        if toks[n - 1].text != "," or not (ctx.is_cue_verb(v) and v.pos == "VERB"):
            continue
        if any(x.text in _QUOTE_CHARS for x in toks[max(0, n - 3):n]):
            continue  # «…», — сказал X belongs to the direct-quote rule
        k = n + 1
        while k < len(toks) and k <= n + 5 and toks[k].text not in (",", ".", "!", "?"):
            k += 1
        if k >= len(toks) or k == n + 1:
            continue
        sp = ctx.subject_after(v.index, toks[k].index, v)
        if sp is None or sp.kind == "reject":
            continue
        if any(x.lemma in _THAT for x in toks[:n]):
            continue  # "о том, что …, сказал X" belongs to the что-clause rules
        s, e = _around(ctx, sent, toks, n, k if toks[k].text == "," else -1)
        if e - s > 10:
            out.append(_cand(s, e, False, sp, v.text))
    return out


def _about_this(ctx: _Ctx, prev: Sentence, sent: Sentence, toks: list[Token]) -> list[_Cand]:
    """`STATEMENT. Об этом заявил X.`: the previous sentence (its что-clause when it has one); also
    `Такое заявление сделал X.`, `С таким заявлением выступил X.`, `Так (такими словами) X
    прокомментировал …` after a statement."""
    if len(toks) < 3:
        return []
    lex = ctx.lex
    light = False
    if toks[0].lemma in _THIS and toks[1].lemma in lex.about_noun:
        first, light = 2, True
    elif toks[0].lemma == "с" and toks[1].lemma in _THIS and toks[2].lemma in lex.about_noun:
        first, light = 3, True
    elif toks[0].lemma in ("о", "об") and toks[1].lemma == "это":
        first = 2
    elif toks[0].text.lower() == "это":
        first = 1
    elif toks[0].lemma == "так" and toks[1].text != ",":
        first = 1  # "Так X прокомментировал …"; not "Так, …" (for example)
    elif toks[0].lemma in _THIS and toks[1].lemma == "слово" and _has(toks[1], "ablt"):
        first = 2  # "Такими словами X прокомментировал …"
    else:
        return []
    v = next((t for t in toks[first:first + 8] if t.pos == "VERB"), None)
    if v is None or not (ctx.is_cue_verb(v) or (light and v.lemma in lex.light)):
        return []
    sp = ctx.subject_after(v.index, sent.token_end, v) or ctx.subject_before(v.index, toks[first].index, v)
    if sp is None or sp.kind == "reject":
        return []
    text = ctx.doc.text
    s = prev.start
    for t in ctx.doc.tokens[prev.token_start:prev.token_end]:
        toks_ = ctx.doc.tokens
        if t.lemma == "что" and toks_[t.index - 1].text == "," and ctx.is_cue_verb(toks_[t.index - 2]):
            s = t.end
            break
    s, e = _trim(text, s, prev.end)
    return [_cand(s, e, False, sp, f"{text[toks[0].start:toks[first - 1].end]} {v.text}")]


# ------------------------------------------------------------------------------------------------


def _merge(cands: list[_Cand]) -> list[_Cand]:
    """One quote per statement: the longest of the candidates starting at the same character, and no
    «fragment» inside another quote (a reported clause that quotes a few words keeps them)."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cand] = []
    for c in cands:
        if c.end - c.start < 2 or any(o.start == c.start for o in out):
            continue
        if c.weak and any(o.start <= c.start < o.end for o in out):
            continue
        out.append(c)
    return out


def _continuations(ctx: _Ctx, cands: list[_Cand], loose: list[tuple[int, int]]) -> list[_Cand]:
    """`«…», сказал X. «Next statement…»`: an unattributed quotation right after X's quote is X's.

    "Right after" means within one short stretch of text that names no other person.
    """
    out: list[_Cand] = []
    text = ctx.doc.text
    for a, b in loose:
        if any(c.start <= a < c.end for c in cands):
            continue
        nxt = min((c for c in cands if c.start >= b), key=lambda c: c.start, default=None)
        if nxt is not None and nxt.speaker and nxt.direct and not text[b:nxt.start].strip(" \n«»„“\""):
            # «First paragraph…\n«Second paragraph…», — сказал X: the paragraphs share the speaker
            out.append(_Cand(*_trim(text, a, b), True, nxt.speaker, nxt.cue))
            continue
        prev = max((c for c in cands + out if c.end <= a), key=lambda c: c.end, default=None)
        if prev is None or prev.speaker is None or a - prev.end > 250:
            continue
        gap = text[prev.end:a]
        others = [p for p in ctx.ents.in_span(prev.end + 1, a - 1, ["PERSON"]) if p.id != prev.speaker]
        if len(re.findall(r"[.!?…]\s", gap)) > 1 or others:
            continue
        s, e = _trim(text, a, b)
        out.append(_Cand(s, e, True, prev.speaker, prev.cue))
    return out


def _by_role(ctx: _Ctx, c: _Cand, prefer: str | None = None) -> str | None:
    """A descriptor ("премьер-министр Израиля", "спецпредставитель") -> the latest person before it
    holding that role; `prefer` (the last speaker) when that person holds it too."""
    tok = ctx.doc.token_at(c.at)
    if tok is None:
        return None
    found = [p.id for p in ctx.ents.persons_before(c.at) if any(_title_has(r.title, tok.lemma) for r in p.roles)]
    if prefer in found:
        return prefer
    return found[0] if found else None


def _title_has(title: str, lemma: str) -> bool:
    """Whether a role title contains the head word, also as a compound ("спецпредставитель" in
    "специальный представитель", "замминистра" in "заместитель министра")."""
    words = title.lower().split()
    if lemma in words:
        return True
    for i in range(1, len(words)):
        w = words[i]
        head = lemma[: len(lemma) - len(w)]
        if len(head) >= 3 and lemma.endswith(w) and words[i - 1].startswith(head):
            return True
    return False


def _gender_fits(ctx: _Ctx, at: int, entity_id: str) -> bool:
    """Whether the pronoun at `at` (он/она/его/её) can denote this person."""
    tok, ent = ctx.doc.token_at(at), ctx.ents.get(entity_id)
    if tok is None or ent is None:
        return True
    g = ctx.gender(ent)
    return g is None or not (_has(tok, "masc") or _has(tok, "femn")) or _has(tok, g)


def _discourse(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Speaker fixes that need the neighbouring quotes.

    - A 3rd-person pronoun inside someone's direct quote never denotes that speaker ("Джемилев: … Он
      сказал, что …"): take the next person mentioned before it instead.
    - A descriptor the entity index could not resolve ("чиновник заметил") continues the speaker of
      the quote just before it.
    """
    for n, c in enumerate(cands):
        prev = cands[n - 1] if n > 0 else None
        if c.src == "pron":
            outer = next((o for o in cands if o is not c and o.direct and o.start <= c.start < o.end), None)
            if outer is not None and outer.speaker is not None and outer.speaker == c.speaker:
                others = [p for p in ctx.ents.persons_before(c.at) if p.id != outer.speaker]
                c.speaker = others[0].id if others else None
            elif (
                outer is None and prev is not None and prev.speaker and 0 <= c.at - prev.end < 300
                and not ctx.ents.in_span(prev.end + 1, c.at, ["PERSON"])
                and _gender_fits(ctx, c.at, prev.speaker)
            ):
                # "«…», — подчеркнул X. По его словам, …": the pronoun continues the last speaker
                # unless another person is named in between
                c.speaker = prev.speaker
        elif c.src == "desc" and c.speaker is None:
            if any(o is not c and o.direct and o.start <= c.start < o.end for o in cands):
                continue  # «Вчера адвокат сообщила мне, что …» — a description inside X's quote is not X
            last = prev.speaker if prev is not None and c.start - prev.end < 400 else None
            head = ctx.doc.token_at(c.at)
            if last is not None and head is not None and head.lemma in ctx.lex.relational:
                c.speaker = last  # "советник X" is not X, whatever roles X was given
            else:
                # a person named before with that role; else the speaker just quoted
                c.speaker = _by_role(ctx, c, last) or last
        elif c.src == "desc":
            c.speaker = _among_holders(ctx, c, prev)
        elif c.src == "unnamed" and c.speaker is None and prev is not None and prev.speaker is not None:
            c.speaker = _anaphoric(ctx, c, prev)
    return cands


@cache
def _anaphora() -> dict[str, tuple[str, ...]]:
    """data/quote_anaphora.tsv: a bare common noun -> role words of the persons it may denote."""
    out: dict[str, tuple[str, ...]] = {}
    for line in (_DATA / "quote_anaphora.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, roles = line.split("\t")[:2]
            out[noun.strip()] = tuple(r.strip() for r in roles.split(",") if r.strip())
    return out


def _anaphoric(ctx: _Ctx, c: _Cand, prev: _Cand) -> str | None:
    """`Захарова заявила, что … «…», — подчеркнула дипломат.`: a bare "дипломат"/"эксперт" right
    after a named person's quote is that person when the person's role fits the noun; a modified one
    ("один дипломат", "западный дипломат") or a role that does not fit is someone else (speaker None)."""
    tok = ctx.doc.token_at(c.at)
    if tok is None or tok.lemma not in _anaphora() or not 0 <= c.at - prev.end < 400:
        return None
    if [p for p in ctx.ents.in_span(prev.end, c.at, ["PERSON"]) if p.id != prev.speaker]:
        return None
    ent = ctx.ents.get(prev.speaker)
    if ent is None:
        return None
    before = ctx.doc.tokens[tok.index - 1] if tok.index > 0 else None
    if before is not None and before.pos in ("ADJF", "PRTF", "NUMR", "NPRO"):
        # "американский дипломат" may still be the one just quoted, if that is his country
        named = ctx.ents.countries_in(before.start, before.end) if before.pos == "ADJF" else []
        if not named or not any(r.country in named for r in ent.roles):
            return None
    titles = " ".join(r.title.lower() for r in ent.roles)
    nxt = ctx.doc.tokens[tok.index + 1] if tok.index + 1 < len(ctx.doc.tokens) else None
    complement = nxt is not None and nxt.pos == "NOUN" and (_has(nxt, "gent") or "Fixd" in nxt.tag or "Abbr" in nxt.tag)
    if complement and nxt is not None and nxt.text.lower()[:4] not in titles:
        return None  # "представитель Минобороны" after a foreign-ministry spokeswoman is someone else
    return prev.speaker if any(w in titles for w in _anaphora()[tok.lemma]) else None


def _among_holders(ctx: _Ctx, c: _Cand, prev: _Cand | None) -> str | None:
    """A descriptor with no country ("министр", "глава государства") when several persons named
    before it hold that office: the one just quoted, else the one who is the subject of this or the
    previous sentence, else the one the article names first (its protagonist: "Министр A провел
    переговоры с министром B. По словам министра, …" is A)."""
    ent = ctx.ents.get(c.speaker)
    tok = ctx.doc.token_at(c.at)
    if ent is None or not ent.roles or tok is None:
        return c.speaker
    i = tok.index
    while i > 0 and ctx.doc.tokens[i - 1].pos == "ADJF":  # "белорусский лидер" names a country
        i -= 1
    if ctx.ents.countries_in(ctx.doc.tokens[i].start, c.at_end):
        return c.speaker
    titles = [r.title.lower() for r in ent.roles]
    holders = [p for p in ctx.ents.persons_before(c.at) if any(_same_office(r.title.lower(), t) for r in p.roles for t in titles)]
    if ent not in holders:
        holders.append(ent)
    if len(holders) < 2:
        return c.speaker
    ids = {p.id for p in holders}
    if prev is not None and prev.speaker in ids and 0 <= c.at - prev.end < 600:
        return prev.speaker
    sent = ctx.doc.sentence_at(c.at)
    lo = ctx.doc.sentences[sent.index - 1].start if sent is not None and sent.index > 0 else 0
    subjects = {e.id for s, _e, e in ctx.ents.mentions() if lo <= s < c.at and e.id in ids and _subject_at(ctx, s)}
    if len(subjects) == 1:
        return subjects.pop()
    first = {p.id: min(m.start for m in p.mentions) for p in holders if p.mentions}
    return min(first, key=first.__getitem__) if first else c.speaker


def _same_office(a: str, b: str) -> bool:
    """"министр иностранных дел" and "министр иностранных дел Кореи" name one office."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _subject_at(ctx: _Ctx, start: int) -> bool:
    """Whether the person mention at `start` stands in the nominative, outside a PP: its name and the
    title before it ("с министром … Ван И" is not a subject)."""
    tok = ctx.doc.token_at(start)
    if tok is None:
        return False
    ner = ctx.ner_of.get(tok.index)
    if ner and not _nominative_name(ctx.doc.tokens[ner[1]:ner[2]]):
        return False
    i = tok.index - 1
    head: Token | None = None
    while i >= 0:
        t = ctx.doc.tokens[i]
        if t.pos == "PREP":
            return False
        if t.pos not in ("NOUN", "ADJF") and not (t.text[:1].isupper() and t.pos is None):
            break
        if t.pos == "NOUN":
            head = t
        i -= 1
    return head is None or _has(head, "nomn")


def extract(doc: Doc, ents: EntityIndex) -> list[Quote]:
    """Every quote of the document, in text order, ids Q1, Q2, …"""
    if not doc.tokens:
        return []
    ctx = _Ctx(doc, ents)
    loose: list[tuple[int, int]] = []
    cands = _direct_quotes(ctx, loose) + _dash_speech(ctx) + _interviews(ctx) + _reported(ctx)
    cands = _discourse(ctx, _merge([_unquote(doc.text, c) for c in cands]))
    cands = _merge(cands + _continuations(ctx, cands, loose))
    quotes: list[Quote] = []
    for n, c in enumerate(cands, 1):
        quotes.append(
            Quote(id=f"Q{n}", text=doc.text[c.start:c.end], start=c.start, end=c.end, direct=c.direct,
                  speaker=c.speaker, cue=c.cue)
        )
    return quotes
