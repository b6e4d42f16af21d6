"""Events: visits, talks, meetings, summits, forums, cultural events and other gatherings.

INTERFACE: extract(doc, ents) -> list[Event], ids "V1", "V2", ... in text order of first mention.

How it reads a sentence:
1. An event is named by a noun ("визит", "переговоры", "саммит", "Дни культуры", "Год России") or
   reported by a verb ("посетил Белград", "прибыл в Пакистан", "встречаются", "собрались у
   посольства"); the words live in `data/event_types.tsv`. Press conferences ("встреча с
   журналистами") and formats ("в формате консультативных встреч") are not events.
   A reception is a meeting ("министра принял председатель": "принять" with an animate object, not
   "принял решение"); a council only as its session ("на Высшем госсовете"); a meeting with the public
   ("с избирателями", "со студентами") is not an event.
2. Status: the nearest cue in `data/event_status.tsv` ("предстоящий", "состоявшиеся", "отказались",
   "накануне визита", "в рамках визита") is decisive; else a verb that holds the event ("провел
   переговоры" held, "предложил провести раунд" planned); failing that, the tense of the nearest verb (past -> held,
   future -> planned) is a weak hint; a verb trigger's own form decides for it ("не полетит" ->
   cancelled, "должен прибыть" -> planned).
3. Location: a place entity after "в/на" near the trigger, or the object of "посетить".
   Participants: PERSON entities in the trigger's phrase ("визит Нетаньяху", "встреча между X и Y"),
   else the persons of its sentence (the subject).
4. Repeated mentions merge into one event when type and head agree and nothing conflicts (decisive
   status, place, attached participants): the seed's many "переговоры" are one talks event, but a
   held visit and a planned visit elsewhere stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from letopis.extractors import periods
from letopis.extractors.agreements import (
    hits,
    is_word,
    load_tsv,
    may_be_case,
    phrase_left,
    phrase_right,
    pos_of,
    span_text,
)
from letopis.extractors.entities import EntityIndex
from letopis.model import Event
from letopis.nlp import Doc, Token

_LOC_TYPES = ("LOCATION", "CITY", "COUNTRY", "REGION")
_PARTY_TYPES = ("PERSON", "ORGANIZATION", *_LOC_TYPES)
_LOC_PREPS = frozenset({"в", "во", "на"})
_WINDOW = 7  # tokens either side of a trigger in which a status cue may stand
_VERBAL = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
# Heads that stay apart even within one type: a "беседа" is not the "встреча" of the same article.
_MERGE_BY_TYPE = frozenset({"visit", "talks", "summit", "forum", "call"})
_GATHERINGS = frozenset({"summit", "forum"})
# Verbs that hold an event named by their object: an infinitive or a future form puts it ahead.
_HOLD_VERBS = frozenset({"провести", "проводить", "организовать", "устроить"})
_IN_PROGRESS = frozenset({"проходить", "идти", "продолжаться", "длиться"})


@dataclass(frozen=True)
class _Spec:
    type: str
    kind: str  # noun | verb (triggers); press | frame (vetoes); opened (facilities)
    flags: frozenset[str]


_NO_SPEC = _Spec("", "", frozenset())


def types_of(lemma: str) -> str:
    """The event type a word names ("" when none)."""
    spec = _types().get(lemma, _NO_SPEC)
    return spec.type if spec.kind in ("noun", "verb") else ""


@cache
def _types() -> dict[str, _Spec]:
    out = {}
    for row in load_tsv("event_types.tsv"):
        flags = frozenset(f for f in (row[3] if len(row) > 3 else "").strip().split(",") if f)
        out[row[0]] = _Spec(row[1], row[2], flags)
    return out


@cache
def _triggers() -> frozenset[str]:
    return frozenset(k for k, v in _types().items() if v.kind in ("noun", "verb")) | {"день", "год"}


@cache
def _cues() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2].strip()) for row in load_tsv("event_status.tsv")}


@dataclass
class _Mention:
    type: str
    head: str
    name: str
    noun: bool
    status: str
    level: int  # where the status comes from: 2 a decisive cue, 1 a verb's tense, 0 nothing (default)
    location: str | None
    attached: list[str]  # persons in the trigger's own phrase
    participants: list[str]
    start: int
    end: int
    names: list[tuple[int, str]] = field(default_factory=list)
    around: str = ""  # the words around the trigger, where its date is read
    bare: bool = False  # the noun alone, with no words of its own ("участникам форума")


def extract(doc: Doc, ents: EntityIndex) -> list[Event]:
    types = _types()
    found: list[_Mention] = []
    for sent, toks, where in hits(doc, _triggers()):
        here: list[tuple[int, _Mention]] = []
        for i in where:
            t = toks[i]
            spec = types.get(t.lemma)
            m = None
            if spec is not None and spec.kind == "noun" and pos_of(t) == "NOUN":
                m = _noun_event(doc, ents, toks, i, spec)
            elif spec is not None and spec.kind == "verb" and pos_of(t) in _VERBAL:
                m = _verb_event(doc, ents, toks, i, spec)
            elif t.lemma in ("день", "год") and pos_of(t) == "NOUN":
                m = _named_day(doc, ents, toks, i)
            if m is not None:
                m.start, m.end = sent.start, sent.end
                here.append((i, m))
        found.extend(_fold(here))
    return _merge(doc, ents, found)


def _fold(here: list[tuple[int, _Mention]]) -> list[_Mention]:
    """"посетил Астану с государственным визитом": a noun close to a verb of the same event type is
    the same event, and the verb's form decides its status."""
    out: list[_Mention] = []
    verbs = [(i, m) for i, m in here if not m.noun]
    for i, m in here:
        host = next((v for k, v in verbs if m.noun and v.type == m.type and abs(k - i) <= 5), None)
        if host is None:
            out.append(m)
            continue
        host.names.extend(m.names)
        host.attached = host.attached or m.attached
        host.location = host.location or m.location
    return out


# --- triggers -------------------------------------------------------------------------------


def _noun_event(doc: Doc, ents: EntityIndex, toks: list[Token], i: int, spec: _Spec) -> _Mention | None:
    t = toks[i]
    if ("plural" in spec.flags and not t.has("plur")) or ("sing" in spec.flags and not t.has("sing")):
        return None
    if "opens" in spec.flags and not _opens_facility(toks, i):
        return None
    if "round" in spec.flags and not _round_of_talks(toks, i):
        return None  # "раунд переговоров", a bare "следующий раунд"; not "раунд финансирования"
    if "at" in spec.flags and not (phrase_left(toks, i) > 0 and toks[phrase_left(toks, i) - 1].lemma == "на"):
        return None  # "на Высшем госсовете" is its session; "Госсовет решил" is the body
    left = phrase_left(toks, i)
    if _framed(toks, left) or _with_press(toks, i):
        return None
    type_ = spec.type
    right = phrase_right(toks, i, limit=10, open_with_v=True)
    if type_ == "meeting" and any(toks[k].lemma in ("телефонный", "телефон") for k in range(left, right)):
        type_ = "call"  # "телефонный разговор", "беседа по телефону"
    status, level = _status(toks, i, right)
    gov = toks[left - 1] if left > 0 else None
    if level < 2 and gov is not None and gov.lemma in _HOLD_VERBS and not (left > 1 and toks[left - 2].lemma == "не"):
        # "провел переговоры" took place; "предложил провести первый раунд" lies ahead
        if pos_of(gov) == "INFN" or "futr" in gov.tag:
            status, level = "planned", 2
        elif "past" in gov.tag:
            status, level = "held", 2
    return _mention(doc, ents, toks, i, type_, t.lemma, left, right, status, level, noun=True)


def _round_of_talks(toks: list[Token], i: int) -> bool:
    """"раунд" alone or of talks ("раунд переговоров", "раунд такого диалога"), past adjectives and
    pronouns; not "раунд финансирования"."""
    j = i + 1
    while j < len(toks) and pos_of(toks[j]) in ("ADJF", "PRTF"):
        j += 1
    if j >= len(toks) or pos_of(toks[j]) != "NOUN":
        return True  # a bare "следующий раунд"
    t = toks[j]
    return types_of(t.lemma) in ("talks", "meeting") or _types().get(t.lemma, _NO_SPEC).kind == "roundof"


def _receives_guest(toks: list[Token], i: int) -> bool:
    """"министра принял председатель", "принял министра": "принять" receives a person when the first
    noun after it is animate and an animate noun stands in the accusative next to it; "принял
    решение", "принял участие", "принял приглашение" take a thing."""
    after = next((t for t in toks[i + 1 : i + 5] if pos_of(t) == "NOUN"), None)
    if after is None or "anim" not in after.tag:
        return False
    near = [*toks[max(0, i - 4) : i], *toks[i + 1 : i + 5]]
    guest_near = any(pos_of(t) == "NOUN" and "anim" in t.tag and may_be_case(t, "accs") and t is not after
                     for t in near)
    return guest_near or (may_be_case(after, "accs") and not after.has("nomn"))


def _named_day(doc: Doc, ents: EntityIndex, toks: list[Token], i: int) -> _Mention | None:
    """"Дни культуры X в Y" (cultural), "Год России в Болгарии" (cultural), "День Иерусалима" (other)."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not nxt.has("gent"):
        return None
    if t.lemma == "день" and nxt.lemma == "культура":
        type_ = "cultural"
    elif t.lemma == "день" and i > 0 and t.text[:1].isupper():
        type_ = "other"  # a named holiday, capitalised mid-sentence
    elif t.lemma == "год" and nxt.text[:1].isupper() and _is_place(ents, nxt):
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and (pos_of(prev) in ("ADJF", "NUMR") or prev.text[:1].isdigit()):
            return None  # "в прошлом году России ..." is a date, not a cross year
        type_ = "cultural"  # "Год России в Болгарии"
    else:
        return None
    right = phrase_right(toks, i, limit=10, open_with_v=True)
    status, level = _status(toks, i, right)
    return _mention(doc, ents, toks, i, type_, t.lemma, i, right, status, level, noun=True)


def _direct_object(toks: list[Token], i: int) -> int:
    """Index of the noun a verb takes right after it ("открыли нефтепровод"), else the verb itself."""
    j = i + 1
    while j < len(toks) and pos_of(toks[j]) in ("ADJF", "PRTF"):
        j += 1
    if j < i + 4 and j < len(toks) and pos_of(toks[j]) == "NOUN" and may_be_case(toks[j], "accs"):
        return j
    return i


def _is_place(ents: EntityIndex, t: Token) -> bool:
    ent = ents.at(t.start, t.end)
    return ent is not None and ent.type in _LOC_TYPES


def _verb_event(doc: Doc, ents: EntityIndex, toks: list[Token], i: int, spec: _Spec) -> _Mention | None:
    t = toks[i]
    if "finite" in spec.flags and pos_of(t) == "INFN":
        return None
    if ("past" in spec.flags and "past" not in t.tag) or ("nopres" in spec.flags and "pres" in t.tag):
        return None
    if "opens" in spec.flags and not ("past" in t.tag and _opens_facility(toks, i)):
        return None
    loc_k = _location_index(ents, toks, i, i - 3, i + 10, direct=spec.type == "visit")
    if "loc" in spec.flags and loc_k is None:
        return None
    if "person" in spec.flags and not ents.in_span(toks[0].start, toks[-1].end, ["PERSON"]):
        return None  # "депутаты обсудили законопроект" is no contact between named officials
    if "guest" in spec.flags and not _receives_guest(toks, i):
        return None
    if "phone" in spec.flags and not _by_phone(toks, i):
        return None  # "обсудили" alone is the content of a meeting named elsewhere
    status, level = _verb_status(toks, i)
    left = i - 1 if i > 0 and toks[i - 1].lemma in ("не", "быть") else i
    obj = _direct_object(toks, i)
    right = max(loc_k + 1 if loc_k is not None and loc_k > i else i + 1, phrase_right(toks, obj, limit=6))
    # "обсудили по телефону", "встретились ... по телефону" is a call
    type_ = "call" if spec.type in ("meeting", "talks") and _by_phone(toks, i) else spec.type
    head = {"meeting": "встреча", "talks": "переговоры"}.get(type_, t.lemma)
    return _mention(doc, ents, toks, i, type_, head, left, right, status, level, noun=False)


def _by_phone(toks: list[Token], i: int) -> bool:
    """"по телефону", "телефонный" next to the trigger."""
    return any(x.lemma in ("телефон", "телефонный") for x in toks[max(0, i - 4) : i + 5])


def _opens_facility(toks: list[Token], i: int) -> bool:
    """"открыли нефтепровод", "открытие выставки": an opening ceremony needs a facility as object."""
    types = _types()
    return any(types.get(t.lemma, _NO_SPEC).kind == "opened" for t in toks[i + 1 : i + 4])


def _framed(toks: list[Token], left: int) -> bool:
    """"в рамках формата консультативных встреч": the noun names a format, not an event."""
    types = _types()
    return any(types.get(toks[k].lemma, _NO_SPEC).kind == "frame"
               for k in range(max(0, left - 2), left))


def _with_press(toks: list[Token], i: int) -> bool:
    """"встреча с журналистами / представителями СМИ" is a press event, not a meeting."""
    types = _types()
    window = toks[i + 1 : i + 5]
    if not window or window[0].lemma not in ("с", "со"):
        return False
    return any(types.get(t.lemma, _NO_SPEC).kind == "press" for t in window)


def _mention(doc: Doc, ents: EntityIndex, toks: list[Token], i: int, type_: str, head: str, left: int,
             right: int, status: str, level: int, noun: bool) -> _Mention:
    # the place stands in the event's phrase or its predicate ("Переговоры пройдут в Женеве"), never
    # past another trigger ("поездка состоялась за неделю до визита в Москву")
    lo, hi = (left - 3, right + 4) if noun else (i - 3, max(right, i + 6))
    lo, hi = _clip_at_triggers(toks, i, left, right, lo, hi)
    loc_k = _location_index(ents, toks, i, lo, hi, direct=not noun)
    loc = ents.at(toks[loc_k].start, toks[loc_k].end) if loc_k is not None else None
    attached = _phrase_persons(ents, toks, i, noun)
    if not attached and noun and _names_one_person(toks, i + 1, right):
        # a role in the phrase: "визит главы японского МИДа в Москву" -> the minister named elsewhere
        by_role = ents.resolve_person(toks[i + 1].start, toks[right - 1].end)
        attached = [by_role.id] if by_role is not None else []
    # the subject: persons named shortly before the trigger ("Макрон и Шольц провели встречу")
    before = ents.in_span(toks[max(0, i - 12)].start, toks[i].start, ["PERSON"])
    participants = [*attached, *(e.id for e in before if e.id not in attached)]
    if not participants:
        participants = [e.id for e in ents.in_span(toks[0].start, toks[-1].end, ["PERSON"])]
    if not participants and not noun:
        participants = _subject_by_role(ents, toks, i)
    name = span_text(doc, toks, left, right)
    around = span_text(doc, toks, max(0, left - 8), min(len(toks), right + 8))
    return _Mention(type_, head, name, noun, status, level, loc.id if loc else None, attached,
                    participants, 0, 0, names=[(right - left, name)] if noun else [], around=around,
                    bare=noun and right - left == 1)


def _clip_at_triggers(toks: list[Token], i: int, left: int, right: int, lo: int, hi: int) -> tuple[int, int]:
    trig = _triggers()
    for k in range(max(right, i + 1), min(hi, len(toks))):
        if toks[k].lemma in trig:
            hi = k
            break
    for k in range(min(left, i) - 1, max(lo, 0) - 1, -1):
        if toks[k].lemma in trig:
            lo = k + 1
            break
    return lo, hi


def _location_index(ents: EntityIndex, toks: list[Token], i: int, lo: int, hi: int, direct: bool) -> int | None:
    """Index of a place token near toks[i]: after "в/на" ("визит в Украину", "в Душанбе саммите"),
    or right after a visiting verb ("посетил Астану")."""
    best: tuple[int, int] | None = None
    for k in range(max(0, lo), min(len(toks), hi)):
        if k == i or not toks[k].text[:1].isupper():
            continue
        prev = toks[k - 1].text.lower() if k > 0 else ""
        if not (prev in _LOC_PREPS or (direct and k == i + 1)):
            continue
        ent = ents.at(toks[k].start, toks[k].end)
        if ent is None or ent.type not in _LOC_TYPES:
            continue
        dist = abs(k - i) * 2 + (k < i)
        if best is None or dist < best[0]:
            best = (dist, k)
    return best[1] if best else None


def _phrase_persons(ents: EntityIndex, toks: list[Token], i: int, noun: bool) -> list[str]:
    """Persons named in the trigger's own phrase, up to the next punctuation mark or verb."""
    j = i + 1
    while j < len(toks) and j < i + 12 and is_word(toks[j]) and pos_of(toks[j]) not in _VERBAL:
        j += 1
    if j == i + 1:
        return []
    out = [e.id for e in ents.in_span(toks[i + 1].start, toks[j - 1].end, ["PERSON"])]
    if not noun:
        # a verb's subject stands before it: "Керри прибыл", "Гордон ... посетил Белград"
        before = ents.in_span(toks[0].start, toks[i].start, ["PERSON"])
        out = ([before[-1].id] if before else []) + [p for p in out if not before or p != before[-1].id]
    return out


def _names_one_person(toks: list[Token], a: int, b: int) -> bool:
    """A singular animate noun in the phrase ("визит главы МИДа"), not "саммит лидеров стран"."""
    return any(pos_of(t) == "NOUN" and "anim" in t.tag and "sing" in t.tag for t in toks[a:b])


def _subject_by_role(ents: EntityIndex, toks: list[Token], i: int) -> list[str]:
    """The person a verb's subject denotes when no name is given: "президент Франции прибыл",
    "он посетил Астану" (the clause before the verb, resolved by the entity index)."""
    k = i
    while k > 0 and is_word(toks[k - 1]) and i - k < 8:
        k -= 1
    if k == i:
        return []
    ent = ents.resolve_person(toks[k].start, toks[i - 1].end)
    return [ent.id] if ent is not None else []


# --- status ---------------------------------------------------------------------------------


def _status(toks: list[Token], i: int, right: int = 0) -> tuple[str, int]:
    """(status, level) for the event named at toks[i] whose phrase ends before toks[right]; level 2
    when a cue decides, 1 when only a verb's tense hints, 0 for the default."""
    cues = _cues()
    strong: tuple[int, str] | None = None
    weak: tuple[int, str] | None = None
    soon = False
    for k in range(max(0, i - _WINDOW), min(len(toks), max(i + _WINDOW + 1, right))):
        if k == i:
            continue
        t = toks[k]
        dist = abs(k - i) * 2 + (k > i)
        cue = cues.get(t.lemma)
        if cue is not None and cue[0] == "soon":
            soon = True
        elif cue is not None and cue[1] == "weak":
            if weak is None or dist < weak[0]:
                weak = (dist, cue[0])
            continue
        elif cue is not None:
            st = _cue_status(toks, k, i, cue)
            if st is not None and (strong is None or dist < strong[0]):
                strong = (dist, st)
            continue
        st = _tense(t)
        if st == "held" and pos_of(t) == "PRTS" and any(
            x.lemma == "быть" and "futr" in x.tag for x in toks[max(0, k - 2) : k]
        ):
            st = "planned"  # "будет подписан на саммите"
        if st is not None and (weak is None or dist < weak[0]):
            weak = (dist, st)
    if strong is not None and strong[1] == "planned" and _cancelled_in_clause(toks, i):
        return "cancelled", 2  # "запланированная встреча была отменена"
    if strong is not None:
        return strong[1], 2
    window = toks[max(0, i - _WINDOW) : i + _WINDOW + 1]
    if soon and (weak is None or weak[1] == "held") and any(_soon_present(t) for t in window):
        return "planned", 1
    return (weak[1], 1) if weak else ("held", 0)


def _cancelled_in_clause(toks: list[Token], i: int) -> bool:
    """A cancelling word in the trigger's clause (no punctuation between them)."""
    cues = _cues()
    for step in (1, -1):
        k = i + step
        while 0 <= k < len(toks) and abs(k - i) <= _WINDOW and is_word(toks[k]) and toks[k].lemma != "но":
            cue = cues.get(toks[k].lemma)
            if cue is not None and cue[0] == "cancelled" and _cue_status(toks, k, i, cue) == "cancelled":
                return True
            k += step
    return False


def _soon_present(t: Token) -> bool:
    """A present-tense verb other than "проходит/идет" (in progress): with "сегодня" or a weekday
    it announces the event ("в среду отмечают", "сегодня встречаются")."""
    return pos_of(t) == "VERB" and "pres" in t.tag and t.lemma not in _IN_PROGRESS


def _cue_status(toks: list[Token], k: int, i: int, cue: tuple[str, str]) -> str | None:
    status, where = cue
    if where == "before" and not (k < i and all(pos_of(toks[m]) == "ADJF" or pos_of(toks[m]) == "PREP"
                                                  for m in range(k + 1, i))):
        return None
    if status == "cancelled" and any(toks[m].lemma == "участие" for m in range(min(k, i), max(k, i))):
        return "planned"  # "отказался от участия в саммите": the summit itself goes ahead
    if k > 0 and toks[k - 1].lemma == "не":
        return "cancelled" if status == "held" else None  # "не состоится"; "не планировался" says nothing
    if status == "held" and "futr" in toks[k].tag:
        return None if where == "past" else "planned"  # "состоится", "начнется" lie ahead
    if status == "planned" and k + 1 < len(toks) and toks[k + 1].lemma == "быть" and "past" in toks[k + 1].tag:
        return None  # "должен был подниматься": a past obligation, not a plan
    return status


def _tense(t: Token) -> str | None:
    """A weak hint from a verb form: future or infinitive ("готовы провести") -> planned, else held."""
    pos = pos_of(t)
    if pos not in _VERBAL:
        return None
    return "planned" if pos == "INFN" or "futr" in t.tag else "held"


def _verb_status(toks: list[Token], i: int) -> tuple[str, int]:
    t = toks[i]
    if i > 0 and toks[i - 1].lemma == "не":
        return "cancelled", 2  # "не полетит в Вашингтон"
    if "futr" in t.tag:
        return "planned", 2
    if "past" in t.tag or pos_of(t) == "GRND":
        return "held", 2
    status, level = _status(toks, i)
    if pos_of(t) == "INFN":
        return (status, 2) if level == 2 else ("planned", 1)
    if status == "planned" and level < 2 and _soon_present(t):
        return "planned", 2  # "сегодня встречаются" in a preview
    return status, max(level, 1)


# --- merging --------------------------------------------------------------------------------


def _merge(doc: Doc, ents: EntityIndex, found: list[_Mention]) -> list[Event]:
    groups: list[list[_Mention]] = []
    for m in found:
        g = next((g for g in reversed(groups) if _compatible(ents, g, m)), None)
        if g is None:
            groups.append([m])
        else:
            g.append(m)
    groups = [g for g in groups if not _anonymous(ents, g)]
    return [_event(doc, ents, n, g) for n, g in enumerate(groups, 1)]


def _anonymous(ents: EntityIndex, group: list[_Mention]) -> bool:
    """Only a bare noun ("завершил беседу", "встреча, перегрузка") in sentences that name no person,
    place or organisation, and no cue that presupposes it ("в рамках визита"): nothing ties it to
    parties of relations between states."""
    if not all(m.noun and m.bare and m.level < 2 for m in group):
        return False
    return not any(ents.in_span(m.start, m.end, _PARTY_TYPES) for m in group)


def _compatible(ents: EntityIndex, group: list[_Mention], m: _Mention) -> bool:
    first = group[0]
    if m.bare and ({first.type, m.type} <= _GATHERINGS or (first.type in ("call", "talks") and m.type == "meeting")):
        # "саммит ... участникам форума", "телефонный разговор ... в разговоре", "раунд переговоров ...
        # по итогам встречи": a bare noun refers back to the event already named
        return True
    if first.type != m.type:
        return False
    if m.type not in _MERGE_BY_TYPE and first.head != m.head:
        return False
    for o in group:
        if o.status != m.status and o.level == 2 and m.level == 2:
            return False  # decisive cues disagree: a held visit is not the planned one
        if o.location and m.location and not _same_place(ents, o.location, m.location):
            return False
    # different people: "визит Медведева" is not "визит главы МИДа Японии"
    attached = {p for o in group for p in o.attached}
    return not (attached and m.attached and not attached & set(m.attached))


def _same_place(ents: EntityIndex, a: str, b: str) -> bool:
    if a == b:
        return True
    ea, eb = ents.get(a), ents.get(b)
    if ea is None or eb is None:
        return False
    return ea.country is not None and ea.country == eb.country  # a city inside that country


def _event(doc: Doc, ents: EntityIndex, n: int, group: list[_Mention]) -> Event:
    status = max(group, key=lambda m: m.level).status  # the first of the most decided mentions
    # the evidence: a mention of that status that names the event with words of its own, with the
    # most participants, the most decided, else the first
    rep = max(group, key=lambda m: (m.status == status, not m.bare, len(m.participants), m.level,
                                    m.location is not None, -m.start))
    # the name: the first mention that names it with words of its own ("азербайджано-турецкий
    # бизнес-форум" before "форума"), else the longest
    names = [nm for m in group for nm in m.names]
    named = [nm for nm in names if nm[0] > 1]
    name = named[0][1] if named else (max(names, key=lambda x: x[0])[1] if names else rep.name)
    participants: list[str] = []
    for m in [rep, *group]:
        for p in m.participants:
            if p not in participants:
                participants.append(p)
    location = rep.location or next((m.location for m in group if m.location), None)
    text = doc.text[rep.start : rep.end]
    return Event(
        id=f"V{n}", type=group[0].type, name=name, status=status,  # type: ignore[arg-type]
        date=periods.date_in(rep.around, doc.published), location=location, participants=participants,
        text=text, start=rep.start, end=rep.end,
    )
