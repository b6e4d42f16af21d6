"""Agreements: documents signed, referred to or planned (declarations, treaties, roadmaps, ...).

INTERFACE: extract(doc, ents) -> list[Agreement], ids "A1", "A2", ... in text order of first mention.

How it reads a sentence:
1. A document is found by its type noun (lemma, `data/document_types.tsv`); "договорились" is a
   verb (lemma "договориться") and never matches "договор".
2. Its title is the noun with the adjectives before it and the dependent phrase after it
   ("Дорожная карта по развитию торговли на 2025-2026 годы"). Generic nouns (документ,
   программа, контракт) count only with such a dependent phrase, so "телепрограмма"-like uses,
   "новыми документами" and "контракты на сумму ..." (a deal figure) are not documents.
3. The status comes from the nearest concluding word (`data/agreement_status.tsv`): a past form
   or participle of "подписать/заключить/принять" -> signed; a future form, an infinitive
   ("намерены заключить", "не дает заключить") or "будет подписан" -> planned; otherwise the
   nearest "в рамках / реализация / без / предстоящий" cue, else referenced.
   A generic noun also counts with an interstate adjective (data/document_parties.txt: "союзные
   программы") and, for a noun named by its subject ("пакет санкций"), as the next of a series
   the text has named ("15-й пакет", "очередной пакет"): a separate document.
4. Repeated mentions of one document (a bare "Декларация" after "Декларация о ...", "Документ
   подписали ..." at the head of a sentence) merge into one item whose status is the strongest seen
   (signed > planned > referenced).
5. A signing dated well before the news ("Напомним, ...", "ранее", "подписанный в 2013 году", a
   month more than a month before publication) makes the document referenced.
6. Documents listed after a package ("пакет документов, в том числе X и Y", "документы: X и Y")
   take its verb; the uncounted package itself is no document ("30 документов" is one).
7. Also found: compounds ("своп-контракт"), homonyms read as another part of speech ("устав"),
   and a title in quotes right after a document verb ("утвердили «Повестку-2030»", type other).
   A concluding verb before a preposition that governs the document concludes something else
   ("приняли участие в программе", "решение о выходе из договора").

The small phrase helpers here (`phrase_left`, `phrase_right`, `load_tsv`) are shared with events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from letopis.extractors import periods
from letopis.extractors.entities import EntityIndex
from letopis.extractors.lexicon import rows
from letopis.model import Agreement
from letopis.nlp import Doc, Sentence, Token
from letopis.nlp.pipeline import parse

# Prepositions that open a document's (or event's) dependent phrase: "о союзническом взаимодействии",
# "по увеличению товарооборота", "между нашими городами", "на 2023-2024 годы", "до 2025 года".
_DEP_PREPS = frozenset({"о", "об", "по", "между", "на", "до", "в", "во", "для", "от"})
# Nouns after "на" that make the phrase a price, not a name ("контракты на сумму ...").
_NOT_NAME_AFTER_NA = frozenset({"сумма", "общий", "уровень", "срок"})
_QUOTES = frozenset('«»"„“”')
_PLACE_TYPES = ("COUNTRY", "CITY", "REGION", "LOCATION")
_STATUS_RANK = {"signed": 3, "planned": 2, "referenced": 1}
_DEMONSTRATIVES = frozenset({"этот", "данный", "указанный", "такой", "тот", "который"})
_COORD = frozenset({",", "и", "а", "также", "или", "в", "том", "числе", "включая"})
_VERB_FORMS = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
_WINDOW = 8  # tokens either side of a type noun in which a concluding word may stand


@cache
def load_tsv(name: str) -> list[list[str]]:
    """Rows of a data file, comments and blank lines skipped (loaded once per process)."""
    return rows(name)


@cache
def _doc_types() -> dict[str, tuple[str, str | None, str]]:
    """head lemma -> (type, required modifier lemma or None, naming rule "0" | "1" | "о")."""
    out: dict[str, tuple[str, str | None, str]] = {}
    for row in load_tsv("document_types.tsv"):
        words = row[0].split()
        out[words[-1]] = (row[1], words[0] if len(words) > 1 else None, row[2].strip())
    return out


@cache
def _triggers() -> frozenset[str]:
    signing = {w for w, role in _status_words().items() if role == "sign"}
    return frozenset(_doc_types()) | {"подписание"} | signing


@cache
def _title_verbs() -> frozenset[str]:
    return frozenset(row[0].strip() for row in load_tsv("agreement_title_verbs.txt"))


@cache
def _homonyms() -> dict[str, str]:
    """lemma the tagger picks -> the document noun the same word may be ("устать" -> "устав")."""
    return {row[0]: row[1].strip() for row in load_tsv("agreement_homonyms.tsv")}


@cache
def _party_adjectives() -> frozenset[str]:
    return frozenset(row[0].strip() for row in load_tsv("document_parties.txt"))


@cache
def _status_words() -> dict[str, str]:
    return {row[0]: row[1].strip() for row in load_tsv("agreement_status.tsv")}


@cache
def _event_nouns() -> frozenset[str]:
    return frozenset(row[0] for row in load_tsv("event_types.tsv") if row[2] == "noun")


def pos_of(t: Token) -> str | None:
    """The token's OpenCorpora POS (a plain str on Token, cheap to compare)."""
    return t.pos


def hits(doc: Doc, words: frozenset[str] | dict) -> list[tuple[Sentence, list[Token], list[int]]]:
    """Sentences holding a token whose lemma is in `words`: (sentence, its tokens, indices of the
    hits within them). One cheap pass over the lemmas instead of a per-sentence rule run."""
    index = doc.lemma_positions()
    found = sorted(k for w in words if w in index for k in index[w])
    out: list[tuple[Sentence, list[Token], list[int]]] = []
    for k in found:
        sent = doc.sentence_at(doc.tokens[k].start)
        if sent is None:
            continue
        if out and out[-1][0] is sent:
            out[-1][2].append(k - sent.token_start)
        else:
            out.append((sent, doc.sentence_tokens(sent), [k - sent.token_start]))
    return out


def is_word(t: Token) -> bool:
    return pos_of(t) is not None or t.text[:1].isalpha()


def _is_adj(t: Token) -> bool:
    return pos_of(t) in ("ADJF", "ADJS") and "Apro" not in t.tag


def phrase_left(toks: list[Token], i: int) -> int:
    """Index of the first adjective of the run right before toks[i] ("Казахско-таджикский бизнес-форум")."""
    j = i
    while j > 0 and _is_adj(toks[j - 1]):
        j -= 1
    return j


def phrase_right(toks: list[Token], i: int, limit: int = 12, open_with_v: bool = False) -> int:
    """One past the last token of the dependent phrase after the head noun toks[i].

    Accepts genitive nouns ("заседание Делового совета"), prepositional phrases opened by
    `_DEP_PREPS`, adjectives, numbers, quoted or Latin names; stops at verbs, punctuation, a second
    nominative and anything else, so the subject after "переговоров в ... составах" is not taken.
    An event's phrase (`open_with_v`) may open with "в" ("визит в Украину") and take "с" ("встреча
    с президентом"); a document's name may not ("Документ в полной мере отвечает").
    """
    j, end, in_pp = i + 1, i + 1, False
    last_pp = False  # the last noun taken was the object of a preposition: a conjunct is one too
    stop = min(len(toks), i + 1 + limit)
    while j < stop:
        t = toks[j]
        low = t.text.lower()
        if t.text in _QUOTES:
            pass
        elif pos_of(t) == "PREP":
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            known = low in _DEP_PREPS or (open_with_v and low in ("с", "со"))
            if not known or nxt is None or (low == "на" and nxt.lemma in _NOT_NAME_AFTER_NA):
                break
            if end == i + 1 and low in ("в", "во") and not open_with_v:
                break
            in_pp = True
        elif pos_of(t) == "CONJ":
            if low not in ("и", "или") or j + 1 >= stop or pos_of(toks[j + 1]) not in ("ADJF", "PRTF", "NOUN"):
                break
            if _case(toks[j - 1]) != _case(toks[j + 1]):
                break  # "в Казахстане и другие мероприятия": the conjunct is not part of the name
            if end == j:
                in_pp = last_pp  # "между Египтом и Кенией": a noun conjunct shares the preposition
        elif pos_of(t) in ("ADJF", "PRTF", "NUMR"):  # "в узком и расширенном составах"
            if t.lemma == "который":
                break
        elif pos_of(t) == "NOUN":
            # an indeclinable name right after the phrase so far counts as genitive: "визит Нетаньяху"
            fixed_name = end == j and t.text[:1].isupper() and "Fixd" in t.tag
            if not (in_pp or fixed_name or may_be_case(t, "gent", "gen2")):
                break
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if not in_pp and nxt is not None and pos_of(nxt) == "VERB" and _may_be_subject(t, nxt):
                break  # "по итогам встречи стороны подписали": the subject of the verb, not a genitive
            last_pp, in_pp = in_pp, False
            end = j + 1
        elif pos_of(t) is None and (t.text[:1].isdigit() or t.text[:1].isupper()):
            end = j + 1  # a year ("2023-2024") or a Latin/unknown proper name ("Bank of East Asia")
        elif pos_of(t) is None and t.text[:1] in "-–" and len(t.text) > 1:
            end = j + 1  # "-Алексондрополис": a dash glued to a name
        else:
            break
        j += 1
    # close a quote opened inside the phrase: «Южного потока»
    opened = sum(1 for k in range(i + 1, end) if toks[k].text in _QUOTES)
    if opened % 2 and end < len(toks) and toks[end].text in _QUOTES:
        end += 1
    return end


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")


def _case(t: Token) -> str | None:
    return next((c for c in _CASES if c in t.tag), None)


def may_be_case(t: Token, *cases: str) -> bool:
    """In one of these cases in any of its parses: "дальности" is first read as dative, not genitive.
    Names keep their first reading: "Касым-Жомарт" after "переговоров в ... составах" is a subject."""
    if any(t.has(c) for c in cases):
        return True
    if any(g in t.tag for g in ("Name", "Surn", "Patr")):
        return False
    return any(p.tag.case in cases for p in parse(t.text))


def _may_be_subject(t: Token, verb: Token) -> bool:
    """A nominative reading of `t` agrees in number with the verb after it ("стороны подписали"), so
    it may be its subject; "комиссии прошло" does not agree."""
    number = "plur" if "plur" in verb.tag else "sing"
    return any(p.tag.case == "nomn" and p.tag.number == number for p in parse(t.text))


def span_text(doc: Doc, toks: list[Token], a: int, b: int) -> str:
    return doc.text[toks[a].start : toks[b - 1].end]


@dataclass
class _Mention:
    type: str
    title: str
    key: tuple[str, ...]  # lemmas of the title: the identity used to merge mentions
    named: bool  # the title has more than the bare noun
    status: str
    sent_start: int
    sent_end: int
    parties: list[str] = field(default_factory=list)
    cued: bool = True  # the status comes from a word in the sentence, not the default
    span: tuple[int, int] = (0, 0)  # token indices of the title within its sentence
    verb: int | None = None  # token index of the concluding word that decided the status
    repeat: bool = False  # a bare singular "документ" that stands for the document just named
    container: bool = False  # "пакет документов, в том числе ...": only the listed documents count


def extract(doc: Doc, ents: EntityIndex) -> list[Agreement]:
    types = _doc_types()
    mentions: list[_Mention] = []
    named_heads: set[str] = set()  # heads named before: "пакет санкций" ... "15-й пакет"
    ref_date: list[str | None] = []  # the publication date, looked up once when first needed
    # compounds ("своп-контракт", "бизнес-план") carry their type in the last part
    index = doc.lemma_positions()
    extra = {lem for lem in index if "-" in lem and lem.rsplit("-", 1)[1] in types}
    extra.update(lem for lem in _homonyms() if lem in index)
    for sent, toks, where in hits(doc, _triggers() | extra if extra else _triggers()):
        here: list[_Mention] = []
        for i in where:
            t = toks[i]
            head = _type_head(t)
            if head is not None and (pos_of(t) == "NOUN" or head != t.lemma):
                # "подписали соглашение о ... и меморандум о ...": one verb for both
                prev = here[-1] if here and here[-1].cued and _coordinated(toks, here[-1].span[1], phrase_left(toks, i)) else None
                m = _document_at(doc, ents, toks, i, types[head], head in named_heads, prev)
                if m is not None and m.named:
                    named_heads.add(head)
                if m is not None and m.container:
                    here.append(m)  # passes its verb on to the documents listed after it, then goes
                    continue
                if m is not None and m.repeat:
                    before = [x for x in (*mentions, *here) if not x.container]
                    if not before:
                        continue  # a bare "Документ" with nothing named before it is no document
                    m.type = before[-1].type  # "Документ подписали ...": the one just named
            elif t.lemma == "подписание" and pos_of(t) == "NOUN":
                m = _signing_of_named(doc, toks, i)
            elif pos_of(t) in _VERB_FORMS:
                m = _quoted_object(doc, ents, toks, i)
            else:
                continue
            if m is None:
                continue
            if m.status == "signed" and m.verb is not None:
                if not ref_date:
                    ref_date.append(periods.reference_date(doc.text, doc.published))
                if _signed_before(doc, toks, m, ref_date[0]):
                    m.status = "referenced"  # "Напомним, договор подписан в 2013 году": an existing document
            m.sent_start, m.sent_end = sent.start, sent.end
            here.append(m)
        mentions.extend(m for m in here if not m.container)
    return _merge(doc, ents, mentions)


def _type_head(t: Token) -> str | None:
    """The document type lemma of a token: its lemma, the last part of a compound ("своп-контракт"),
    or the noun reading of a word first read as something else ("устав" is also a gerund)."""
    types = _doc_types()
    if t.lemma in types:
        return t.lemma
    noun = _homonyms().get(t.lemma)
    if noun is not None:
        return noun if any(p.tag.POS == "NOUN" and p.normal_form == noun for p in parse(t.text)) else None
    if "-" in t.lemma:
        tail = t.lemma.rsplit("-", 1)[1]
        if tail in types and types[tail][1] is None:
            return tail
    return None


def _document_at(doc: Doc, ents: EntityIndex, toks: list[Token], i: int,
                 spec: tuple[str, str | None, str], seen_named: bool = False,
                 prev: _Mention | None = None) -> _Mention | None:
    """The document whose type noun is toks[i]; `prev` is a document coordinated right before it,
    whose concluding verb governs this one too ("подписать X и Программу ...")."""
    type_, modifier, naming = spec
    left = phrase_left(toks, i)
    if modifier is not None and not any(toks[k].lemma == modifier for k in range(left, i)):
        return None
    right = phrase_right(toks, i)
    named_after = right > i + 1
    status, cued, verb = _status(toks, left, right)
    if not cued and prev is not None:
        status, cued, verb = prev.status, True, prev.verb
    repeat = container = False
    ordinal = naming.startswith("=") and seen_named and _ordinal_before(toks, i)
    if ordinal:
        # "14-й пакет санкций" ... "15-й пакет": the next one of a kind the text has named
        named_after = True
    elif naming in ("1", "s") and not named_after and any(
        toks[k].lemma in _party_adjectives() for k in range(left, i)
    ):
        named_after = True  # "союзные программы": an interstate adjective names the document
    elif naming != "0":
        if not (named_after and _names_document(toks, i, naming)):
            if named_after or type_ == "contract" or not _concluded(toks, left, right):
                return None  # bare "контракты" signed "на сумму ..." are deals, read as figures
            if i > 0 and toks[i - 1].lemma in _DEMONSTRATIVES:
                return None  # "этот документ будет подписан" repeats a document named before
            # "пакет документов, в том числе меморандум ...": the listed ones are the documents
            container = _listed_after(toks, right) and not _counted(toks, left)
            # "Документ подписали министры": a bare singular generic noun repeats the one just named
            # (only as the theme at the head of the sentence: "Также подписан документ" is a new one)
            repeat = type_ == "agreement" and "sing" in toks[i].tag and left == 0
            # "подписали протокол": a bare generic noun governed by a concluding verb
            type_ = "other" if type_ == "agreement" else type_
        elif naming == "s" and not _concluded(toks, left, right):
            return None  # "имеются планы по открытию" is no document
        elif not cued and not ents.in_span(toks[0].start, toks[-1].end, _PLACE_TYPES):
            # a generic noun with neither a concluding word nor a state in sight: "программа передач"
            return None
    title = span_text(doc, toks, left, right)
    key = tuple(toks[k].lemma for k in range(left, right) if is_word(toks[k]))
    if ordinal:
        key = (toks[i - 1].text.lower(), *key)  # its number tells it from the named one
    # Only a dependent phrase identifies a document: "нового соглашения" repeats an earlier one,
    # while the title keeps its adjectives ("мирное соглашение").
    return _Mention(type_, title, key, named_after, status, 0, 0, cued=cued, span=(left, right), verb=verb,
                    repeat=repeat and not container, container=container)


def _listed_after(toks: list[Token], right: int) -> bool:
    """", в том числе ...", ", включая ...", ": ..." right after the noun: a list of the documents follows."""
    j = right + (right < len(toks) and toks[right].text == ",")
    if j >= len(toks):
        return False
    if toks[j].text == ":" or toks[j].lemma == "включая":
        return True
    return j + 2 < len(toks) and toks[j].lemma == "в" and toks[j + 2].lemma == "число"


def _counted(toks: list[Token], left: int) -> bool:
    """A number or a quantity word before the noun: "30 документов", "ряд соглашений" are a fact of their own."""
    for k in range(max(0, left - 2), left):
        t = toks[k]
        if t.text[:1].isdigit() or pos_of(t) == "NUMR" or t.lemma in _quantity_words():
            return True
    return False


@cache
def _quantity_words() -> frozenset[str]:
    return frozenset(row[0] for row in load_tsv("agreement_quantities.txt"))


def _signed_before(doc: Doc, toks: list[Token], m: _Mention, ref_date: str | None) -> bool:
    """The signing the sentence reports happened well before the news: "Напомним, ...", "ранее",
    "подписанный в 2013 году", "в июне 2024 года" in a December article. Such a document is referenced."""
    words = _status_words()
    if any(words.get(t.lemma) == "past" for t in toks[:3]):
        return True  # "Напомним, ..." opens a reminder of the background
    assert m.verb is not None
    if any(words.get(toks[k].lemma) == "past" for k in range(max(0, m.verb - 3), min(len(toks), m.verb + 4))):
        return True  # "ранее подписанное соглашение"
    if not ref_date:
        return False
    # the date of the signing stands by the verb or the title, not beyond another document
    # ("подписано в развитие договора 2001 года" dates the older one)
    lo = max(0, min(m.verb, m.span[0]) - _WINDOW)
    hi = min(len(toks), max(m.verb + 1, m.span[1]) + 6)
    types = _doc_types()
    for k in range(lo, hi):
        if not (m.span[0] <= k < m.span[1]) and toks[k].lemma in types and pos_of(toks[k]) == "NOUN":
            if k < m.span[0]:
                lo = k + 1
            else:
                hi = k
                break
    if lo >= hi:
        return False
    a, b = toks[lo].start, toks[hi - 1].end
    old = [_before(found, ref_date) for _, _, found, _ in periods.dates_in(doc.text[a:b], ref_date)]
    # "договорились в марте, а подписали сегодня": a recent date is the signing's own
    return any(old) and all(old)


def _before(found: str, ref_date: str) -> bool:
    """A stated date lies more than a month before the reference date (a past year, month or day)."""
    if len(found) == 4 or len(ref_date) == 4:
        return found[:4] < ref_date[:4]
    if len(found) == 7:
        found += "-28"  # a month: compare from its last days
    return (date.fromisoformat(ref_date[:10]) - date.fromisoformat(found[:10])).days > 31


def _ordinal_before(toks: list[Token], i: int) -> bool:
    """"15-й пакет", "очередной пакет": the next of a series ("новый пакет" is the one just named)."""
    prev = toks[i - 1] if i > 0 else None
    return prev is not None and (prev.text[:1].isdigit() or "Anum" in prev.tag or prev.lemma in ("очередной", "следующий"))


def _names_document(toks: list[Token], i: int, naming: str) -> bool:
    """Does the phrase after a generic noun name a document? "о/об/по/между ..." or a genitive
    ("программа строительства"), but not "для ..." (software) nor an event ("программа визита")."""
    j = i + 1
    while j < len(toks) and (toks[j].text in _QUOTES or pos_of(toks[j]) in ("ADJF", "PRTF")):
        j += 1  # "программа экономического сотрудничества": look past the adjectives
    if j >= len(toks):
        return False
    t = toks[j]
    if naming == "о":
        return t.lemma in ("о", "об")
    if naming.startswith("="):
        return t.lemma in naming[1:].split("|")  # "пакет санкций"
    if naming == "s":
        return pos_of(t) == "NOUN" or t.lemma in ("о", "об", "по", "между")
    if t.lemma == "на" and j + 1 < len(toks) and toks[j + 1].text[:1].isdigit():
        # "контракт на 420 млн долларов на поставку турбин": the price comes first, the subject after
        k = j + 2
        while k < min(len(toks), j + 6) and pos_of(toks[k]) != "PREP":
            k += 1
        if k < len(toks) and k < j + 6 and toks[k].lemma == "на":
            j, t = k, toks[k]
    if pos_of(t) == "PREP":
        # "контракт на поставку газа" names it; "контракты на сумму ..." and "на 5 лет" do not
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        on_subject = t.lemma == "на" and nxt is not None and pos_of(nxt) == "NOUN" and nxt.lemma not in _NOT_NAME_AFTER_NA
        return t.lemma in ("о", "об", "по", "между") or on_subject
    return pos_of(t) == "NOUN" and t.lemma not in _event_nouns()


def _signing_of_named(doc: Doc, toks: list[Token], i: int) -> _Mention | None:
    """"подписание «Южного потока»": signing of a named project with no document noun -> type other."""
    j = i + 1
    if j < len(toks) and toks[j].text in _QUOTES:
        j += 1
    if j >= len(toks) or not toks[j].text[:1].isupper() or toks[j].lemma in _doc_types():
        return None
    right = phrase_right(toks, i, limit=6)
    if any(toks[k].lemma in _doc_types() for k in range(i + 1, right)):
        return None  # "подписание Декларации ...": the document itself is found by its noun
    title = span_text(doc, toks, i, right)
    key = tuple(toks[k].lemma for k in range(i, right) if is_word(toks[k]))
    status = "planned" if _looks_ahead(toks) else "signed"
    return _Mention("other", title, key, True, status, 0, 0, span=(i, right))


def _quoted_object(doc: Doc, ents: EntityIndex, toks: list[Token], i: int) -> _Mention | None:
    """"подписали «Пакт о будущем»", "утвердили «Повестку-2030»": a concluding verb whose object is a
    title in quotes with no document noun in it is a document of type other."""
    j = i + 1
    if j + 1 >= len(toks) or toks[j].text not in _QUOTES or not toks[j + 1].text[:1].isupper():
        return None
    if toks[i].lemma not in _title_verbs():
        return None  # "принял «Орден Дружбы»": only verbs of documents take a bare title
    close = next((k for k in range(j + 1, min(len(toks), j + 12)) if toks[k].text in _QUOTES), None)
    if close is None or close == j + 1:
        return None
    if any(_type_head(toks[k]) is not None for k in range(j + 1, close)):
        return None  # "подписали «Дорожную карту ...»": found by its noun
    start, end = toks[j].start, toks[close].end
    if ents.in_span(start, end, ("ORGANIZATION", "PERSON", *_PLACE_TYPES)):
        return None  # "подписали «Газпром» и ...": a company, not a document
    status = _status_of(toks, i, "sign")
    if status is None:
        return None
    key = tuple(toks[k].lemma for k in range(j, close + 1) if is_word(toks[k]))
    return _Mention("other", doc.text[start:end], key, True, status, 0, 0, span=(j, close + 1), verb=i)


def _coordinated(toks: list[Token], a: int, b: int) -> bool:
    """Only "и", "а также", "в том числе", "включая", commas between two documents: one verb
    governs both."""
    # "..., а также ряд документов о ...", "документы: соглашение о ..." are still one list
    return a <= b and all(
        t.text.lower() in _COORD or t.text == ":" or t.text[:1].isdigit() or t.lemma in _quantity_words()
        for t in toks[a:b]
    )


def _concluded(toks: list[Token], left: int, right: int) -> bool:
    """A concluding verb ("подписали", "намерены подписать") stands right before or after the phrase."""
    words = _status_words()
    # "одобрить в следующем месяце новый план": an adverbial may stand between verb and document
    prep = _governing_prep(toks, left)
    near = [*range(max(0, left - 5, prep - 1), left), *range(right, min(len(toks), right + 3))]
    return any(words.get(toks[k].lemma) == "sign" and pos_of(toks[k]) in _VERB_FORMS for k in near)


def _governing_prep(toks: list[Token], left: int) -> int:
    """Index of a preposition that governs the title ("участие в программе", "выход из договора",
    "к подписанному соглашению"), else -1. A concluding verb before it has another object:
    "приняли участие в программе обмена" concludes nothing."""
    j = left - 1
    while j >= 0 and (toks[j].text in _QUOTES or pos_of(toks[j]) == "PRTF"):
        j -= 1
    return j if j >= 0 and pos_of(toks[j]) == "PREP" else -1


def _looks_ahead(toks: list[Token]) -> bool:
    """The sentence speaks of the future: a future verb, "будет ...", or a planning word."""
    words = _status_words()
    return any("futr" in t.tag or words.get(t.lemma) in ("planned", "ahead") for t in toks)


def _status(toks: list[Token], left: int, right: int) -> tuple[str, bool, int | None]:
    """(status, cued, index of the deciding word) of the document named by toks[left:right], from the
    nearest deciding word outside its title ("реализации" inside "программа по реализации ..." says
    nothing)."""
    words = _status_words()
    types = _doc_types()
    best: tuple[int, str, int] | None = None
    lo, hi = max(0, left - _WINDOW), min(len(toks), _past_relative(toks, right) + _WINDOW)
    # a word beyond another document's noun belongs to that one: "подготовить протокол о ... к
    # Соглашению о ..." leaves the agreement's own status open; a noun right before the title governs
    # it and shares its verb ("подписать пакет документов")
    for k in range(left - 2, lo - 1, -1):
        if toks[k].lemma in types and pos_of(toks[k]) == "NOUN":
            lo = k + 1
            break
    for k in range(right, hi):
        if toks[k].lemma in types and pos_of(toks[k]) == "NOUN":
            hi = k
            break
    prep = _governing_prep(toks, left)
    for k in range(lo, hi):
        if left <= k < right:
            continue
        role = words.get(toks[k].lemma)
        if role is None or (role == "sign" and k < prep - 1):
            # "приняла решение о выходе из договора": the verb concludes something else; right before
            # the preposition it governs the document through it ("проголосовал за резолюцию")
            continue
        if role == "ahead" and k == prep - 1 and toks[prep].lemma in ("о", "об", "по"):
            st: str | None = "planned"  # "переговоры о мирном соглашении": a document under negotiation
        else:
            st = _status_of(toks, k, role)
        if st is None:
            continue
        dist = (left - k) * 2 if k < left else (k - right + 1) * 2 + 1  # ties go to the word before
        if best is None or dist < best[0]:
            best = (dist, st, k)
    return (best[1], True, best[2]) if best else ("referenced", False, None)


def _past_relative(toks: list[Token], right: int) -> int:
    """Where the words after a title resume past a relative clause on it: "Соглашение, о котором
    договорились в марте, подписано ..." looks for its verb after the clause too."""
    if right + 2 >= len(toks) or toks[right].text != ",":
        return right
    if not any(t.lemma == "который" for t in toks[right + 1 : right + 3]):
        return right
    for k in range(right + 2, min(len(toks), right + 16)):
        if toks[k].text == ",":
            return k + 1
    return right


def _status_of(toks: list[Token], k: int, role: str) -> str | None:
    t = toks[k]
    negated = k > 0 and toks[k - 1].lemma == "не"
    if role == "sign":
        if pos_of(t) == "INFN":
            return "signed" if k > 0 and toks[k - 1].lemma in ("удаться", "успеть") else "planned"
        if "futr" in t.tag or negated:
            return "planned"
        if pos_of(t) == "PRTS" and any(toks[m].lemma == "быть" and ("futr" in toks[m].tag or pos_of(toks[m]) == "INFN")
                                   for m in range(max(0, k - 3), k)):
            return "planned"  # "будет подписан", "могут быть заключены"
        if pos_of(t) in ("VERB", "PRTF", "PRTS", "GRND"):
            return "signed"
        return None
    if role == "sign_noun":
        return "planned" if _looks_ahead(toks) or (k > 0 and toks[k - 1].lemma in ("о", "об")) else None
    if role in ("planned", "referenced"):
        return role
    return None


def _merge(doc: Doc, ents: EntityIndex, mentions: list[_Mention]) -> list[Agreement]:
    items: list[_Mention] = []
    for m in mentions:
        target = _same_document(items, m)
        if target is None:
            items.append(m)
            continue
        if _STATUS_RANK[m.status] > _STATUS_RANK[target.status]:
            target.status = m.status
            if m.named or not target.named:
                target.sent_start, target.sent_end = m.sent_start, m.sent_end
        if m.named and not target.named:
            target.title, target.key, target.named = m.title, m.key, True
    doc_countries: list[str] | None = None
    out = []
    for n, m in enumerate(items, 1):
        text = doc.text[m.sent_start : m.sent_end]
        parties = ents.countries_in(m.sent_start, m.sent_end)
        if len(parties) < 2 and doc_countries is None:
            doc_countries = _main_countries(ents, len(doc.text))
        for c in doc_countries or []:
            if len(parties) >= 2:
                break
            if c not in parties:
                parties.append(c)
        out.append(
            Agreement(
                id=f"A{n}", type=m.type, title=m.title, status=m.status, parties=parties,  # type: ignore[arg-type]
                date=periods.date_in(text, doc.published) if m.status == "signed" else None,
                period=periods.period_in(m.title, doc.published),
                text=text, start=m.sent_start, end=m.sent_end,
            )
        )
    return out


def _main_countries(ents: EntityIndex, length: int) -> list[str]:
    """The document's countries, most mentioned first: the parties when a sentence names fewer than two."""
    found = [e for e in ents.in_span(0, length, ["COUNTRY"]) if e.country]
    found.sort(key=lambda e: -len(e.mentions))  # stable: ties keep the order of first mention
    out: list[str] = []
    for e in found:
        if e.country not in out:
            out.append(e.country)  # type: ignore[arg-type]
    return out


def _same_document(items: list[_Mention], m: _Mention) -> _Mention | None:
    """The earlier item this mention repeats: same type and the same title, or a bare noun after it."""
    for it in reversed(items):
        if it.type != m.type:
            continue
        # a bare repeat ("Декларация включает ...") joins the latest one; a named document joins only
        # the same name or an earlier bare noun, not "мирное соглашение" of another subject
        if not m.named or it.key == m.key or (not it.named and len(it.key) == 1):
            return it
        if not it.named:
            continue
        short, long_ = sorted((it.key, m.key), key=len)
        if long_[: len(short)] == short or long_[-len(short):] == short:
            return it
    return None
