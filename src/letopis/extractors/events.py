"""Events: visits, talks, meetings, summits, forums, cultural events and other gatherings.

INTERFACE: extract(doc, ents) -> list[Event], ids "V1", "V2", ... in text order of first mention.

How it reads a sentence:
1. An event is named by a noun ("визит", "переговоры", "саммит", "Дни культуры", "Год России") or
   reported by a verb ("посетил Белград", "прибыл в Пакистан", "встречаются", "собрались у
   посольства", "вызвали посла"); the words live in `data/event_types.tsv`. Press conferences
   ("встреча с журналистами"), formats ("в формате консультативных встреч"), welcome ceremonies
   ("церемония официальной встречи") and venues of a visit ("посетит Национальный музей",
   `data/event_venues.txt`) are not events.
   A reception is a meeting ("министра принял председатель": "принять" with an animate object, not
   "принял решение"); a council only as its session ("на Высшем госсовете"), a council of heads of
   state as the summit; a meeting with the public ("с избирателями", "со студентами") is not an event.
   "телефонные переговоры" are a call; "обсуждались ..." after a contact is that contact's content.
2. Status: the nearest cue in `data/event_status.tsv` ("предстоящий", "состоявшиеся", "отказались",
   "накануне визита", "в рамках визита", "надежда на скорую встречу", "перенесено на неопределенный
   срок") is decisive, except in the event's topic ("переговоры об отказе от ..."); else a verb that
   holds the event ("провел переговоры" held, "предложил провести раунд" planned); a date with a year
   in the event's own phrase, read against the publication date, outweighs cues ("в ходе визита ... в
   сентябре прошлого года"); failing that, the tense of the nearest verb (past -> held, future ->
   planned) is a weak hint; a verb trigger's own form decides for it ("не полетит" -> cancelled,
   "должен прибыть" -> planned). An event of a visit's programme ("В программе визита - переговоры и
   встреча с ...", "в ходе визита") takes the visit's status, visitor, date and place.
3. Location: a place entity after "в/на" near the trigger, or the object of "посетить".
   Participants: PERSON entities in the trigger's phrase ("визит Нетаньяху", "встреча между X и Y"),
   else the persons of its sentence (the subject).
4. Repeated mentions merge into one event when type and head agree and nothing conflicts (decisive
   status, place, attached participants): the seed's many "переговоры" are one talks event, but a
   held visit and a planned visit elsewhere stay apart. A planned event later called off is one
   cancelled event. Another of a series stays apart (`data/event_order.tsv`: "первое / второе
   заседание", "следующая встреча", "вновь посетить", "ответный визит", "двусторонние / трехсторонняя
   встреча"), and so do contacts between different people ("Путин провел переговоры с Си", "Токаев и
   Си провели переговоры").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
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
_CONTACTS = frozenset({"talks", "meeting", "call"})
_ANAPHORS = frozenset({"встреча", "беседа", "разговор"})
# A planned event later called off is one event ("должен был провести заседание ... заседание отменено").
_PLAN_DROPPED = frozenset({"planned", "cancelled"})
# Verbs that hold an event named by their object: an infinitive or a future form puts it ahead.
_HOLD_VERBS = frozenset({"провести", "проводить", "организовать", "устроить"})
# "вести переговоры": ahead of time it is a way of acting; "ведутся переговоры" are under way
_CONDUCT = frozenset({"вести"})
_TOPIC_PREPS = frozenset({"о", "об", "обо", "по", "относительно"})
_IN_PROGRESS = frozenset({"проходить", "идти", "продолжаться", "длиться"})
_YEAR_RX = re.compile(r"\d{4}")


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


@cache
def _venues() -> frozenset[str]:
    return frozenset(row[0].strip() for row in load_tsv("event_venues.txt"))


@cache
def _orders() -> dict[str, str]:
    """Words that place an event in a series: "1".."10", next, again, return (`data/event_order.tsv`)."""
    return {row[0]: row[1].strip() for row in load_tsv("event_order.tsv")}


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
    order: str | None = None  # its place in a series: "2" ("второе заседание"), next, again, return
    host: _Mention | None = None  # the event it is part of ("в программе визита - переговоры")
    content: bool = False  # "обсуждались вопросы": what a contact named elsewhere dealt with
    firm: list[str] = field(default_factory=list)  # persons in its phrase or its subject, no guesses


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
        _find_hosts(toks, here)
        found.extend(_fold(here))
    return _merge(doc, ents, found)


def _find_hosts(toks: list[Token], here: list[tuple[int, _Mention]]) -> None:
    """"В программе визита - переговоры и встреча с ...", "в ходе визита состоялась встреча": the
    events of a visit's (summit's, forum's) programme take place when it does, so a mention that has
    no status of its own takes the status of the event named after "в программе / в ходе / в рамках"."""
    types = _types()
    host = next((m for i, m in here if m.noun and m.type in ("visit", "summit", "forum")
                 and may_be_case(toks[i], "gent") and phrase_left(toks, i) > 0
                 and types.get(toks[phrase_left(toks, i) - 1].lemma, _NO_SPEC).kind == "within"), None)
    if host is None:
        return
    for _, m in here:
        if m is not host and m.level < 2 and m.type != host.type:
            m.host = host


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
    if "envoy" in spec.flags and not _summons_envoy(toks, i):
        return None  # "вызов посла"; not "бросить вызов"
    left = phrase_left(toks, i)
    if _framed(toks, i, left) or _with_press(toks, i):
        return None
    type_ = spec.type
    right = phrase_right(toks, i, limit=10, open_with_v=True)
    if type_ in ("meeting", "talks") and any(toks[k].lemma in ("телефонный", "телефон") for k in range(left, right)):
        type_ = "call"  # "телефонный разговор", "беседа по телефону", "телефонные переговоры"
    if type_ == "meeting" and _council_of_heads(toks, i, right):
        type_ = "summit"  # "заседание Совета глав государств" is the summit itself
    status, level = _status(toks, i, right)
    dated = _dated(doc, toks, left, right, level < 2) if not (level == 2 and status == "cancelled") else None
    if dated is not None:
        # a date in its own phrase outweighs nearby cues: "выполнение договоренностей, достигнутых в
        # ходе визита ... в сентябре прошлого года" was held
        status, level = dated, 2
    gov = toks[left - 1] if left > 0 else None
    if gov is not None and gov.lemma in _CONDUCT and (pos_of(gov) == "INFN" or "futr" in gov.tag):
        return None  # "будет настойчиво вести переговоры о ...": a stance (a commitment), not a meeting
    if level < 2 and gov is not None and gov.lemma in _HOLD_VERBS and not (left > 1 and toks[left - 2].lemma == "не"):
        # "провел переговоры" took place; "предложил провести первый раунд" lies ahead
        if pos_of(gov) == "INFN" or "futr" in gov.tag:
            status, level = "planned", 2
        elif "past" in gov.tag:
            status, level = "held", 2
    return _mention(doc, ents, toks, i, type_, t.lemma, left, right, status, level, noun=True)


def _envoy_index(toks: list[Token], i: int) -> int:
    """The summoned diplomat's token ("вызвали временного поверенного"), for the event's name."""
    types = _types()
    if "pssv" in toks[i].tag:
        return i
    return next((k for k in range(i + 1, min(len(toks), i + 6))
                 if types.get(toks[k].lemma, _NO_SPEC).kind == "envoy"), i)


def _summons_envoy(toks: list[Token], i: int) -> bool:
    """"вызвало посла России", "вызвали в МИД временного поверенного": a diplomat is the object;
    in "вызвало протест посла" the object is the protest. A passive form names the diplomat as its
    subject or head: "посол был вызван в МИД", "вызванному в МИД послу"."""
    types = _types()
    if "pssv" in toks[i].tag:
        return any(types.get(t.lemma, _NO_SPEC).kind == "envoy" for t in toks[max(0, i - 6) : i + 5])
    for k in range(i + 1, min(len(toks), i + 6)):
        t = toks[k]
        if types.get(t.lemma, _NO_SPEC).kind == "envoy":
            return may_be_case(t, "accs")
        after_prep = k > i + 1 and pos_of(toks[k - 1]) == "PREP"
        if pos_of(t) == "NOUN" and not after_prep:
            return False  # another object comes first
        if not is_word(t):
            return False
    return False


def _council_of_heads(toks: list[Token], i: int, right: int) -> bool:
    """"на заседании Совета глав государств - членов ШОС": a council of heads of state or government
    meets as the summit, not as a separate meeting."""
    lemmas = [t.lemma for t in toks[i + 1 : right + 1]]
    return "совет" in lemmas and "глава" in lemmas and ("государство" in lemmas or "правительство" in lemmas)


def _dated(doc: Doc, toks: list[Token], left: int, right: int, undecided: bool) -> str | None:
    """held / planned from a date in the event's own phrase against the publication date: a date with
    a year ("визит в Самарканд в сентябре прошлого года", "заседание в первом квартале 2026 года")
    always, a day with no year ("встреча 20 апреля") only when no cue decided; None when there is
    none, no publication date, or the same period."""
    ref = doc.published
    if not ref:
        return None
    a, b = toks[left].start, toks[right - 1].end
    for s, e, found, rank in periods.dates_in(doc.text[a:b], ref):
        said = doc.text[a + s : a + e]
        with_year = bool(_YEAR_RX.search(said) or "год" in said.lower())
        if rank == 3 or not (with_year or (rank == 4 and undecided)):
            continue  # a weekday or a month with no year may point either way
        ref_cut = ref[: len(found)]
        if found < ref_cut:
            return "held"
        if found > ref_cut:
            return "planned"
    return None


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
    """"Дни культуры (кино, литературы) X в Y" (cultural), "Год России в Болгарии" (cultural),
    "День Иерусалима" (other)."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not nxt.has("gent"):
        return None
    if t.lemma == "день" and _types().get(nxt.lemma, _NO_SPEC).kind == "arts":
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
    # "Дни кино" and "Дни литературы" of one article are two events
    head = f"{t.lemma} {nxt.lemma}" if type_ == "cultural" else t.lemma
    return _mention(doc, ents, toks, i, type_, head, i, right, status, level, noun=True)


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
    if "finite" in spec.flags and pos_of(t) == "INFN" and not _agreed_to(toks, i):
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
    if spec.type == "visit" and pos_of(toks[_direct_object(toks, i)]) == "NOUN" and (
            toks[_direct_object(toks, i)].lemma in _venues()):
        return None  # "посетит Национальный музей" is an item of a visit's programme
    if "guest" in spec.flags and not _receives_guest(toks, i):
        return None
    if "phone" in spec.flags and not _by_phone(toks, i):
        return None  # "обсудили" alone is the content of a meeting named elsewhere
    if "envoy" in spec.flags and not _summons_envoy(toks, i):
        return None  # "вызвало протест" is no summons
    status, level = _verb_status(toks, i)
    left = i - 1 if i > 0 and toks[i - 1].lemma in ("не", "быть") else i
    obj = _envoy_index(toks, i) if "envoy" in spec.flags else _direct_object(toks, i)
    right = max(loc_k + 1 if loc_k is not None and loc_k > i else i + 1, phrase_right(toks, obj, limit=6))
    # "обсудили по телефону", "встретились ... по телефону" is a call
    type_ = "call" if spec.type in ("meeting", "talks") and _by_phone(toks, i) else spec.type
    head = "вызов" if "envoy" in spec.flags else {"meeting": "встреча", "talks": "переговоры"}.get(type_, t.lemma)
    m = _mention(doc, ents, toks, i, type_, head, left, right, status, level, noun=False)
    m.content = "content" in spec.flags
    return m


def _agreed_to(toks: list[Token], i: int) -> bool:
    """"договорились встретиться", "условились созвониться": a perfective infinitive after a word that
    plans it (kind "ahead" in `data/event_status.tsv`) reports a planned event, unlike "хотел бы
    встретиться" or a habit ("условились встречаться регулярно")."""
    cues = _cues()
    return "perf" in toks[i].tag and any(cues.get(t.lemma, ("", ""))[1] == "ahead" for t in toks[max(0, i - 2) : i])


def _by_phone(toks: list[Token], i: int) -> bool:
    """"по телефону", "телефонный" next to the trigger."""
    return any(x.lemma in ("телефон", "телефонный") for x in toks[max(0, i - 4) : i + 5])


def _opens_facility(toks: list[Token], i: int) -> bool:
    """"открыли нефтепровод", "открытие выставки": an opening ceremony needs a facility as object."""
    types = _types()
    return any(types.get(t.lemma, _NO_SPEC).kind == "opened" for t in toks[i + 1 : i + 4])


def _framed(toks: list[Token], i: int, left: int) -> bool:
    """"в рамках формата консультативных встреч": the noun, a genitive after "формат", names a
    format, not an event ("в расширенном формате переговоры продолжились" is one)."""
    types = _types()
    if not may_be_case(toks[i], "gent"):
        return False
    # the frame word governs the phrase: right before it, or before a non-noun ("формата «2+2»
    # встреч"); in "церемонии открытия саммита" the summit depends on "открытия"
    for k in (left - 1, left - 2):
        if k >= 0 and types.get(toks[k].lemma, _NO_SPEC).kind == "frame":
            return True
        if k >= 0 and pos_of(toks[k]) == "NOUN":
            return False
    return False


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
    firm = list(participants)
    if not participants:
        participants = [e.id for e in ents.in_span(toks[0].start, toks[-1].end, ["PERSON"])]
    if not participants and not noun:
        participants = _subject_by_role(ents, toks, i)
    name = span_text(doc, toks, left, right)
    around = span_text(doc, toks, max(0, left - 8), min(len(toks), right + 8))
    return _Mention(type_, head, name, noun, status, level, loc.id if loc else None, attached,
                    participants, 0, 0, names=[(right - left, name)] if noun else [], around=around,
                    bare=noun and right - left == 1, order=_order(toks, i, left), firm=firm)


def _order(toks: list[Token], i: int, left: int) -> str | None:
    """The event's place in a series: an ordinal or "следующий" among its adjectives ("втором
    заседании", "следующий саммит", "ответный визит"), or "вновь/снова" just before it."""
    orders = _orders()
    for k in range(max(0, min(left, i) - 3), i):
        order = orders.get(toks[k].lemma)
        if order is not None and (k >= left or order == "again"):
            return order
    return None


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
    topic = _topic(toks, i, right)
    for k in range(max(0, i - _WINDOW), min(len(toks), max(i + _WINDOW + 1, right + 3))):
        if k == i or k in topic:
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
    if strong is not None and strong[1] == "planned" and _cancelled_in_clause(toks, i, topic):
        return "cancelled", 2  # "запланированная встреча была отменена"
    if strong is not None:
        return strong[1], 2
    window = toks[max(0, i - _WINDOW) : i + _WINDOW + 1]
    if soon and (weak is None or weak[1] == "held") and any(_soon_present(t) for t in window):
        return "planned", 1
    return (weak[1], 1) if weak else ("held", 0)


def _topic(toks: list[Token], i: int, right: int) -> range:
    """The part of the event's phrase that says what it is about ("переговоры об отказе от ...",
    "встреча по подготовке визита"): its words are the topic, not the event's status."""
    start = next((k for k in range(i + 1, right) if toks[k].lemma in _TOPIC_PREPS), right)
    return range(start, right)


def _cancelled_in_clause(toks: list[Token], i: int, topic: range = range(0)) -> bool:
    """A cancelling word in the trigger's clause (no punctuation between them)."""
    cues = _cues()
    for step in (1, -1):
        k = i + step
        while 0 <= k < len(toks) and abs(k - i) <= _WINDOW and is_word(toks[k]) and toks[k].lemma != "но":
            cue = cues.get(toks[k].lemma) if k not in topic else None
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
    if where == "ahead" and not (k < i and all(is_word(toks[m]) for m in range(k + 1, i))):
        return None  # "договорились о встрече", not "в ходе встречи договорились"
    if status == "cancelled" and any(toks[m].lemma == "участие" for m in range(min(k, i), max(k, i))):
        return "planned"  # "отказался от участия в саммите": the summit itself goes ahead
    if k > 0 and toks[k - 1].lemma == "не":
        return "cancelled" if status == "held" else None  # "не состоится"; "не планировался" says nothing
    if status == "held" and "futr" in toks[k].tag:
        return None if where == "past" else "planned"  # "состоится", "начнется" lie ahead
    if status == "held" and where == "before" and _future_after(toks, i):
        return "planned"  # "в рамках визита будут подписаны": the visit lies ahead
    if status == "planned" and k + 1 < len(toks) and toks[k + 1].lemma == "быть" and "past" in toks[k + 1].tag:
        return None  # "должен был подниматься": a past obligation, not a plan
    return status


def _future_after(toks: list[Token], i: int) -> bool:
    """The predicate after an event named in a frame ("в рамках визита ...") is in the future or a
    plan ("будут подписаны", "планируется подписать")."""
    cues = _cues()
    for t in toks[i + 1 : i + 12]:
        if pos_of(t) in ("VERB", "PRTS"):
            return "futr" in t.tag or cues.get(t.lemma) == ("planned", "any")
    return False


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
        if m.content:
            # "В ходе беседы обсуждались ...": the content of the last contact, not a talks event;
            # it says nothing about that contact's status
            g = next((g for g in reversed(groups) if g[0].type in _CONTACTS), g)
            if g is not None and g[0].type != m.type:
                m.level, m.location = 0, None
        if g is None:
            groups.append([m])
        else:
            g.append(m)
    groups = [g for g in groups if not _anonymous(ents, g)]
    _take_host_status(groups)
    events = [_event(doc, ents, n, g, _group_status(g)[0]) for n, g in enumerate(groups, 1)]
    return _take_host_details(groups, events)


def _take_host_details(groups: list[list[_Mention]], events: list[Event]) -> list[Event]:
    """An event of a visit's programme with no date or place of its own happens when and where the
    visit does."""
    where = {id(m): n for n, g in enumerate(groups) for m in g}
    out = []
    for g, ev in zip(groups, events, strict=True):
        host = next((m.host for m in g if m.host is not None and id(m.host) in where), None)
        if host is not None and ev.status == events[where[id(host)]].status:
            h = events[where[id(host)]]
            ev = ev.model_copy(update={"date": ev.date or h.date, "location": ev.location or h.location})
        out.append(ev)
    return out


def _group_status(group: list[_Mention]) -> tuple[str, int]:
    """The status of the most decided mention (the first of them); a decided cancellation overrides
    a decided plan ("должен был провести заседание ... заседание отменено")."""
    top = max(m.level for m in group)
    decided = [m.status for m in group if m.level == top]
    return ("cancelled" if top == 2 and "cancelled" in decided else decided[0]), top


def _take_host_status(groups: list[list[_Mention]]) -> None:
    """A mention with no decided status of its own that is part of another event ("в программе визита
    - переговоры") takes the status of that event's group, as decided as the host's."""
    own = {id(m): _group_status(g) for g in groups for m in g}
    visitors = {id(m): [p for o in g if not o.bare for p in o.attached] for g in groups for m in g}
    for g in groups:
        for m in g:
            if m.host is None or id(m.host) not in own:
                continue
            if m.level < 2:
                m.status, m.level = own[id(m.host)]
            # "В программе визита - переговоры с X": the visitor takes part too
            m.participants = [*dict.fromkeys([*visitors[id(m.host)], *m.participants])]


def _anonymous(ents: EntityIndex, group: list[_Mention]) -> bool:
    """Only a bare noun ("завершил беседу", "встреча, перегрузка") in sentences that name no person,
    place or organisation, and no cue that presupposes it ("в рамках визита"): nothing ties it to
    parties of relations between states."""
    if not all(m.noun and m.bare and m.level < 2 for m in group):
        return False
    return not any(ents.in_span(m.start, m.end, _PARTY_TYPES) for m in group)


def _compatible(ents: EntityIndex, group: list[_Mention], m: _Mention) -> bool:
    first = group[0]
    if _another_of_series(group, m):
        return False
    if m.bare and ({first.type, m.type} <= _GATHERINGS or _refers_back(first.type, m)):
        # "саммит ... участникам форума", "телефонный разговор ... в разговоре", "раунд переговоров ...
        # по итогам встречи", "саммит ... итогом встречи": a bare noun refers back to the event named
        return True
    if first.type != m.type:
        return False
    if m.type not in _MERGE_BY_TYPE and first.head != m.head:
        return False
    for o in group:
        if o.status != m.status and o.level == 2 and m.level == 2 and {o.status, m.status} != _PLAN_DROPPED:
            return False  # decisive cues disagree: a held visit is not the planned one
        if o.location and m.location and not _same_place(ents, o.location, m.location):
            return False
    if m.type in _CONTACTS and _other_parties(group, m):
        return False  # "Путин провел переговоры с Си ... Токаев и Си провели переговоры"
    # different people: "визит Медведева" is not "визит главы МИДа Японии"
    attached = {p for o in group for p in o.attached}
    return not (attached and m.attached and not attached & set(m.attached))


def _another_of_series(group: list[_Mention], m: _Mention) -> bool:
    """"первое заседание ... на втором заседании" are two sessions; "следующая встреча", "вновь
    посетить", "ответный визит" after one that took place are new ones (after a planned one, "снова
    встретятся" repeats the announcement)."""
    if m.order is None or any(o.order == m.order for o in group):
        return False
    if m.order.isdigit() or m.order.startswith("sides"):
        # a different number in the series, or of sides ("двусторонние" / "трехсторонняя встреча")
        return any(o.order is not None and _order_kind(o.order) == _order_kind(m.order) for o in group)
    return any(o.status == "held" and o.level > 0 for o in group)


def _order_kind(order: str) -> str:
    return "number" if order.isdigit() else order[:5]


def _refers_back(first: str, m: _Mention) -> bool:
    """A bare "встреча/беседа/разговор" after talks or a call, or a bare "встреча" after a summit or
    forum, is that event; a bare "заседание" is a session of its own."""
    if m.type != "meeting" or m.head not in _ANAPHORS:
        return False
    return first in ("call", "talks") or (first in _GATHERINGS and m.head == "встреча")


def _other_parties(group: list[_Mention], m: _Mention) -> bool:
    """Two contacts between different sets of people: each names two or more in its own phrase and
    subject ("Путин провел переговоры с Си", "Токаев и Си провели переговоры") and neither set holds
    the other; persons merely named in the sentence ("к ним присоединились X и Y") do not count."""
    theirs = {p for o in group for p in o.firm}
    mine = set(m.firm)
    return len(theirs) > 1 and len(mine) > 1 and not (mine <= theirs or theirs <= mine)


def _same_place(ents: EntityIndex, a: str, b: str) -> bool:
    if a == b:
        return True
    ea, eb = ents.get(a), ents.get(b)
    if ea is None or eb is None:
        return False
    return ea.country is not None and ea.country == eb.country  # a city inside that country


def _event(doc: Doc, ents: EntityIndex, n: int, group: list[_Mention], status: str) -> Event:
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
        date=_event_date(rep.around, doc.published, status), location=location, participants=participants,
        text=text, start=rep.start, end=rep.end,
    )


def _event_date(around: str, published: str | None, status: str) -> str | None:
    """The most precise date near the event, with a date that names no year put on the side of the
    publication its status says: "саммит состоится 28 ноября" in a May article is next November,
    "в сентябре прошел визит" in a January article last September, "в среду отметят" next Wednesday."""
    found = periods.dates_in(around, published)
    if not found:
        return None
    s, e, value, rank = max(found, key=lambda f: (f[3], -f[0]))
    said = around[s:e]
    if not published or _YEAR_RX.search(said) or "год" in said.lower():
        return value
    # a month or more away from the publication on the wrong side (an event under way on
    # "18-20 июня" in an article of 18 June stays as it is)
    gap = (date.fromisoformat(f"{value}-15"[:10] if len(value) == 7 else value) - date.fromisoformat(published[:10])).days
    if status == "planned" and (gap < -31 or (rank == 3 and gap < 0)):
        return _shift(value, rank, said, +1)
    if status == "held" and gap > 31:
        return _shift(value, rank, said, -1)
    return value


def _shift(value: str, rank: int, said: str, step: int) -> str:
    """`value` a year (a month, a day) later or earlier; a weekday ("в среду") a week."""
    if rank == 3:
        if not said.lower().startswith("в"):
            return value  # "вчера", "завтра" say which day they are
        return (date.fromisoformat(value) + timedelta(days=7 * step)).isoformat()
    y = int(value[:4]) + step
    shifted = f"{y:04d}{value[4:]}"
    if value[4:] == "-02-29":
        shifted = f"{y:04d}-02-28"
    return shifted
