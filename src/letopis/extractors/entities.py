"""Entities: persons, organizations, countries, cities, with mentions merged within the article.

INTERFACE (shared with every other extractor; keep these signatures stable):
    extract(doc) -> EntityIndex
    EntityIndex.entities                      list[Entity], ids "E1", "E2", ...
    EntityIndex.get(entity_id)                Entity | None
    EntityIndex.mentions()                    every (start, end, entity) in text order
    EntityIndex.at(start, end)                the entity one of whose mentions overlaps [start, end)
    EntityIndex.in_span(start, end, types)    entities with a mention inside [start, end), in text order
    EntityIndex.countries_in(start, end)      ISO codes of countries named inside [start, end) by name,
                                              abbreviation or adjective, in order of first mention
    EntityIndex.resolve_person(start, end)    a phrase at [start, end) (a name, "глава государства",
                                              "президент Казахстана", "он") -> the PERSON it denotes
    EntityIndex.persons_before(offset)        PERSON entities mentioned before offset, most recent first

How: spans come from slovnet's NER repaired by the gazetteer and boundary rules (ent_spans);
persons are merged and given roles by ent_persons (titles before the name, appositions after it,
plural titles shared out: "президенты Узбекистана и Казахстана A и B"); every role description is
kept, so that "президент Казахстана", "лидер Таджикистана" or "глава государства" (with no
country: the leader of the article's most-named country) resolve to their holder. Countries named
only by an adjective ("казахстанский") are entities without mentions (the adjective is not a
name), but countries_in sees them. Organizations get the country they contain ("МИД России" -> RU).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from letopis.extractors import ent_morph, ent_persons, ent_spans, gazetteer
from letopis.extractors.ent_persons import Person, RoleHit
from letopis.extractors.ent_spans import Cand
from letopis.model import Entity, Mention, Role
from letopis.nlp import Doc

_LOC_TYPES = {"COUNTRY", "CITY", "REGION", "LOCATION"}
_CHECKPOINT = 64  # person mentions between two kept persons_before orders
_PRONOUNS = {"он", "его", "ему", "им", "него", "нему", "ним", "нем", "она", "ее", "ей", "нее", "ней", "ею"}
# a bare "дипломат" denotes whoever holds a diplomatic post
_DIPLOMAT_KEYS = {"дипломат", "посол", "посланник", "консул", "генконсул", "foreign_minister", "замминистра"}
_OFFICES = ("администрац", "мид", "министерств", "ведомств", "минфин", "минобороны")


@dataclass(slots=True)
class _Desc:
    """A role description in the text, with the person it was attached to (if any)."""

    start: int
    end: int
    hit: RoleHit
    owner: Person | None = None  # while extracting
    person: Entity | None = None  # once entities exist


class EntityIndex:
    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        adjectives: list[tuple[int, int, str]] | None = None,
        descriptions: list[_Desc] | None = None,
    ):
        self.doc = doc
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        spans = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: (x[0], x[1])
        )
        self._spans = spans
        self._starts = [s for s, _, _ in spans]
        self._persons = [e for e in entities if e.type == "PERSON"]
        self._pspans = [(s, e) for s, _, e in spans if e.type == "PERSON"]
        self._pstarts = [s for s, _ in self._pspans]
        self._orders: dict[int, list[Entity]] = {0: []}  # persons_before checkpoints
        self._adjectives = sorted(adjectives or [], key=lambda x: x[0])
        self._adj_starts = [a[0] for a in self._adjectives]
        self._descriptions = sorted(descriptions or [], key=lambda d: d.start)
        self._desc_starts = [d.start for d in self._descriptions]

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions(self) -> list[tuple[int, int, Entity]]:
        """Every (start, end, entity) in text order."""
        return self._spans

    def at(self, start: int, end: int) -> Entity | None:
        i = bisect_right(self._starts, end - 1) - 1
        best = None
        while i >= 0:
            s, e, ent = self._spans[i]
            # overlapping; a person is preferred to the organization or place around it
            if e > start and s < end and (best is None or (ent.type == "PERSON" and best.type != "PERSON")):
                best = ent
            if s < start - 500:
                break
            i -= 1
        return best

    def in_span(self, start: int, end: int, types: Iterable[str] | None = None) -> list[Entity]:
        wanted = set(types) if types else None
        seen: dict[str, Entity] = {}
        i = bisect_right(self._starts, start - 1)
        while i < len(self._spans) and self._spans[i][0] < end:
            _s, e, ent = self._spans[i]
            if e <= end and (wanted is None or ent.type in wanted):
                seen.setdefault(ent.id, ent)
            i += 1
        return list(seen.values())

    def countries_in(self, start: int, end: int) -> list[str]:
        found: list[tuple[int, str]] = []
        i = bisect_right(self._starts, start - 1)  # indices, not a slice: no copy of the rest of the text
        while i < len(self._spans) and self._spans[i][0] < end:
            s, e, ent = self._spans[i]
            if e <= end and ent.type == "COUNTRY" and ent.country:
                found.append((s, ent.country))
            i += 1
        i = bisect_right(self._adj_starts, start - 1)
        while i < len(self._adjectives) and self._adjectives[i][0] < end:
            s, e, c = self._adjectives[i]
            if e <= end:
                found.append((s, c))
            i += 1
        out: list[str] = []
        for _, code in sorted(found, key=lambda x: x[0]):
            if code not in out:
                out.append(code)
        return out

    def resolve_person(self, start: int, end: int) -> Entity | None:
        """The person a speaker phrase denotes: a name, a role description, or a pronoun."""
        ent = self.at(start, end)
        if ent is not None and ent.type == "PERSON":
            return ent
        i = max(0, bisect_right(self._desc_starts, start) - 1)
        while i < len(self._descriptions) and self._descriptions[i].start < end:
            d = self._descriptions[i]
            if start < d.end:
                return d.person or self._by_role(d.hit, start)
            i += 1
        toks = self.doc.tokens_in(start, end)
        if any(t.lemma in _PRONOUNS or t.text.lower() in _PRONOUNS for t in toks):
            before = self.persons_before(start)
            return before[0] if before else None
        keys = {ent_persons.surname_key(t.text) for t in toks if t.text[:1].isupper()}
        if not keys:
            return None
        before = self.persons_before(end)
        ids = {e.id for e in before}
        for e in before + [p for p in self._persons if p.id not in ids]:
            names = {ent_persons.surname_key(w) for w in e.name.split()}
            if keys & names:
                return e
        return None

    def _by_role(self, hit: RoleHit, offset: int) -> Entity | None:
        """A person holding the role a description names, the most recent before `offset` first;
        a description naming a country ("президент Узбекистана", "узбекский лидер") never resolves to
        the holder of that office in another country."""
        key = _role_key(hit.title)
        before = self.persons_before(offset)
        ids = {e.id for e in before}
        pool = before + [e for e in self._persons if e.id not in ids]
        if hit.country is None and key == "head_of_state":
            # "глава государства" with no country: the head of state who is the subject of the
            # sentences just before (the speaker being quoted); else the article's own country's
            # leader (the country named most often), as a press service writes of its president
            found = self._recent_subject(offset, key)
            if found is not None:
                return found
            home = self._home_country()
            for e in pool:
                if any(_role_key(r.title) == key and r.country == home for r in e.roles):
                    return e
        keys = _DIPLOMAT_KEYS if key == "дипломат" else {key}
        bare = hit.title.lower() if " " not in hit.title else None  # "министр" denotes any minister

        def holds(r: Role) -> bool:
            return _role_key(r.title) in keys or (bare is not None and r.title.lower().split()[0] == bare)

        mods = _modifiers(hit.title)
        if mods:  # "первый вице-премьер": the first deputy before another deputy (a stable sort)
            pool.sort(key=lambda e: not any(holds(r) and _modifiers(r.title) == mods for r in e.roles))
        if hit.country is not None:
            for e in pool:
                if any(holds(r) and r.country == hit.country for r in e.roles):
                    return e
            pool = [e for e in pool if not any(r.country == hit.country for r in e.roles)]
        for e in pool:
            if any(holds(r) and (hit.country is None or r.country is None) for r in e.roles):
                return e
        return None

    def _recent_subject(self, offset: int, key: str) -> Entity | None:
        """The person holding `key` named as a subject (nominative) in this or the previous sentence
        before `offset`, the most recent first: the current speaker context."""
        sent = self.doc.sentence_at(offset)
        if sent is None:
            return None
        lo = self.doc.sentences[sent.index - 1].start if sent.index > 0 else sent.start
        i = bisect_right(self._pstarts, offset - 1) - 1
        while i >= 0 and self._pstarts[i] >= lo:
            s, ent = self._pspans[i]
            if any(_role_key(r.title) == key for r in ent.roles) and self._nominative_at(s, ent):
                return ent
            i -= 1
        return None

    def _nominative_at(self, start: int, ent: Entity) -> bool:
        """Whether the person mention at `start` may be a subject: the title right before it (or, with
        none, the name's last word) may be nominative."""
        i = bisect_right(self._desc_starts, start) - 1
        if i >= 0 and 0 <= start - self._descriptions[i].end <= 2:
            hit = self._descriptions[i].hit
            nouns = [t for t in self.doc.tokens[hit.ts : hit.te] if t.pos == "NOUN"]
            if nouns:
                return ent_morph.may_be(nouns[0].text, "nomn")
        m = next((m for m in ent.mentions if m.start == start), None)
        words = self.doc.tokens_in(start, m.end) if m else []
        return not words or ent_morph.may_be(words[-1].text, "nomn")

    def _home_country(self) -> str | None:
        counts = [
            (len(e.mentions), -i, e.country) for i, e in enumerate(self.entities) if e.type == "COUNTRY"
        ]
        return max(counts)[2] if counts else None

    def persons_before(self, offset: int) -> list[Entity]:
        """Persons mentioned before `offset`, the most recently mentioned first.

        Built from a checkpoint: the order after every _CHECKPOINT-th person mention is kept (each
        built from the one before), and a query merges the few mentions since the nearest one into
        it, so a query costs O(persons + _CHECKPOINT) rather than a scan back over the whole text."""
        n = bisect_right(self._pstarts, offset - 1)  # person mentions before offset
        base = n - n % _CHECKPOINT
        return self._merged(self._checkpoint(base), base, n)

    def _checkpoint(self, n: int) -> list[Entity]:
        """The order after the first n person mentions (n a multiple of _CHECKPOINT)."""
        done = self._orders
        k = n
        while k not in done:
            k -= _CHECKPOINT
        while k < n:
            done[k + _CHECKPOINT] = self._merged(done[k], k, k + _CHECKPOINT)
            k += _CHECKPOINT
        return done[n]

    def _merged(self, order: list[Entity], lo: int, hi: int) -> list[Entity]:
        """`order` (the order after `lo` mentions) updated with the mentions lo..hi-1."""
        out: list[Entity] = []
        seen: set[str] = set()
        for i in range(hi - 1, lo - 1, -1):
            ent = self._pspans[i][1]
            if ent.id not in seen:
                seen.add(ent.id)
                out.append(ent)
        out.extend(e for e in order if e.id not in seen)
        return out


_role_key = ent_persons.role_key  # the office a title names
_modifiers = ent_persons.title_modifiers


# ---- extraction ----------------------------------------------------------------------------------


def extract(doc: Doc) -> EntityIndex:
    cands = ent_spans.candidates(doc)
    per = [c for c in cands if c.type == "PERSON"]
    others = [c for c in cands if c.type != "PERSON"]
    persons = ent_persons.group_persons(doc, [(c.ts, c.te) for c in per])
    loc_at = {
        c.ts: (c.te, c.place.country if c.place and _iso(c.place.country) else None, c.type)
        for c in others
        if c.type in _LOC_TYPES
    }
    org_at = {}
    country_end = {o.te: o for o in others if o.type == "COUNTRY"}
    country_start = {o.ts: o for o in others if o.type == "COUNTRY"}
    for c in others:
        if c.type == "ORGANIZATION":
            inner = country_end.get(c.te)
            inner = inner if inner is not None and inner.ts > c.ts else None
            split = inner.ts if inner else c.te
            code = inner.place.country if inner and inner.place else _org_country(doc, c)
            org_at[c.ts] = (c.te, _org_name(doc, c), split, code)
    hits = ent_persons.find_roles(doc, loc_at, org_at)
    descs = _attach_roles(doc, persons, hits)
    named = [o.place.country for o in others if o.type == "COUNTRY" and o.place and _iso(o.place.country)]
    home = max(set(named), key=lambda c: (named.count(c), -named.index(c))) if named else None
    ent_persons.infer_countries(doc, persons, loc_at, org_at, home)

    entities: list[tuple[int, Entity]] = []
    by_person: dict[int, Entity] = {}
    for p in persons:
        ent = _person_entity(doc, p)
        by_person[id(p)] = ent
        entities.append((ent.mentions[0].start, ent))
    groups: dict[tuple[str, str], list[Cand]] = {}
    for c in others:
        groups.setdefault((c.type, _name(doc, c)), []).append(c)
    countries: dict[str, Entity] = {}
    for (type_, name), cs in groups.items():
        country = _country_of(cs)
        if country is None and type_ == "ORGANIZATION":
            country = _inner_country(cs[0], country_start)  # "МИД России" -> RU
        if type_ == "COUNTRY" and country in countries:
            countries[country].mentions.extend(_mentions(doc, cs))
            continue
        ent = Entity(id="", type=type_, name=name, country=country, mentions=_mentions(doc, cs))  # type: ignore[arg-type]
        if type_ == "COUNTRY" and country:
            countries[country] = ent
        entities.append((ent.mentions[0].start, ent))
    adjectives = _adjective_countries(doc)
    for s, _e, code in adjectives:
        if code not in countries:
            name = gazetteer.load().country_names.get(code, code)
            countries[code] = Entity(id="", type="COUNTRY", name=name, country=code)
            entities.append((s, countries[code]))
    entities.sort(key=lambda x: x[0])
    out = []
    for i, (_, ent) in enumerate(entities, 1):
        ent.id = f"E{i}"
        ent.mentions.sort(key=lambda m: m.start)
        out.append(ent)
    for d in descs:
        d.person = by_person.get(id(d.owner)) if d.owner is not None else None
    return EntityIndex(doc, out, adjectives, descs)


def _attach_roles(doc: Doc, persons: list[Person], hits: list[RoleHit]) -> list[_Desc]:
    """Give each person the roles set next to their name; keep every description for resolution."""
    toks = doc.tokens
    starts = {ts: p for p in persons for ts, _ in p.mentions}
    ends = {te: p for p in persons for _, te in p.mentions}
    out: list[_Desc] = []
    for h in hits:
        owner = None
        j = h.te
        while j < len(toks) and toks[j].text in '«»"“”':
            j += 1
        if j not in starts and not h.plural:
            j = _prepositional_tail(doc, h, j, starts)  # "глава делегации на переговорах Иван Смирнов"
        if j in starts and h.plural and (len(h.countries) > 1 or not h.country):
            _distribute(doc, h, j, starts)  # "президенты Узбекистана и Казахстана A и B", "президенты A и B"
        elif j in starts and not h.plural:
            owner = starts[j]  # "президент Таджикистана Эмомали Рахмон"
            _chained(doc, out, h, owner)
            _name_case_from_title(doc, h, j, owner)
        elif h.plural:
            pass
        elif h.ts >= 1 and toks[h.ts - 1].text == "," and (h.ts - 1) in ends and _closed(doc, h.te):
            owner = ends[h.ts - 1]  # "Касым-Жомарт Токаев, президент Казахстана"
        elif h.ts >= 2 and toks[h.ts - 1].text == "—" and (h.ts - 1) in ends:
            owner = ends[h.ts - 1]
        if (
            owner is not None
            and h.title
            and not any(r.title == h.title and r.country == h.country for r in owner.roles)
        ):
            owner.roles.append(h)
        start, end = toks[h.ts].start, toks[max(h.ts, h.te - 1)].end
        out.append(_Desc(start, end, h, owner))
    for d in out:
        if d.owner is None and d.hit.country and _free_standing(d.hit):
            d.owner = _holder(persons, d.hit)
    return out


def _name_case_from_title(doc: Doc, h: RoleHit, j: int, p: Person) -> None:
    """A name after a title agrees with it in case: use that to put an ambiguous name in the
    nominative ("аналитика Романа Коноплева": "Коноплева" could be a nominative woman's surname)."""
    head = next((t for t in doc.tokens[h.ts : h.te] if t.pos == "NOUN"), None)
    end = next((te for ts, te in p.mentions if ts == j), None)
    if head is None or end is None:
        return
    lemma = h.title.split()[0].lower() if h.title else head.lemma
    words = [t.text for t in ent_persons._name_tokens(doc, j, end)]
    case = ent_persons.title_case(head.text.lower(), lemma)
    if case and words:
        ent_persons.rename_in_case(p, words, case)


def _closed(doc: Doc, j: int) -> bool:
    """An apposition ends at punctuation or at the end of its sentence ("Токаев, президент
    Казахстана, заявил"), not at a verb ("Ушаков, главы государств обсудили" is a new clause)."""
    if j >= len(doc.tokens):
        return True
    t = doc.tokens[j]
    s = doc.sentence_at(doc.tokens[j - 1].start)
    return not any(ch.isalnum() for ch in t.text) or (s is not None and j >= s.token_end)


_PREPS = ("на", "в", "во")


def _prepositional_tail(doc: Doc, h: RoleHit, j: int, starts: dict[int, Person]) -> int:
    """A title whose description goes on in a prepositional phrase right up to the name ("глава
    делегации на переговорах Иван Смирнов"): the phrase joins the title; returns the name's token
    (or `j` unchanged when no name follows the phrase)."""
    toks = doc.tokens
    if j >= len(toks) or toks[j].lemma not in _PREPS:
        return j
    k = j + 1
    while k < len(toks) and k - j <= 3 and toks[k].pos in ("NOUN", "ADJF") and toks[k].text[:1].islower():
        k += 1
        if k in starts and toks[k - 1].pos == "NOUN":
            h.title = " ".join([h.title, *(t.text for t in toks[j:k])])
            h.te = k
            return k
    return j


def _chained(doc: Doc, done: list[_Desc], h: RoleHit, owner: Person) -> None:
    """Titles chained by commas before one name all belong to it ("лидер партии, депутат парламента
    Украины Иван Петренко"); an earlier title with no country takes the country of the last."""
    toks = doc.tokens
    end = h.ts
    for d in reversed(done):
        prev = d.hit
        if d.owner is not None or prev.plural or prev.te != end - 1 or toks[end - 1].text != ",":
            break
        d.owner = owner
        role = RoleHit(prev.title, prev.country or h.country, prev.organization, prev.ts, prev.te)
        if not any(r.title == role.title for r in owner.roles):
            owner.roles.append(role)
        end = prev.ts


def _distribute(doc: Doc, h: RoleHit, j: int, starts: dict[int, Person]) -> None:
    """Give the k-th country of a plural title to the k-th of the names that follow it; a plural
    title with no country ("президенты A и B") gives each the title alone, as the text names none."""
    toks = doc.tokens
    if not h.countries:
        h.countries = [None] * len(starts)  # type: ignore[list-item]
    persons: list[Person] = []
    while j in starts and len(persons) < len(h.countries):
        p = starts[j]
        persons.append(p)
        end = next(te for ts, te in p.mentions if ts == j)
        if end < len(toks) and toks[end].text in (",", "и") and end + 1 in starts:
            j = end + 1
        else:
            break
    if h.countries[0] is None:
        if len(persons) < 2:
            return
        h.countries = [None] * len(persons)  # type: ignore[list-item]
    if len(persons) != len(h.countries):
        return
    head = h.title
    for p, code in zip(persons, h.countries, strict=True):
        if code is None and any(r.title == head for r in p.roles):
            continue
        if not any(r.country == code for r in p.roles) or code is None:
            p.roles.append(RoleHit(head, code, h.organization, h.ts, h.te))
    if h.countries[0] is None:
        h.countries = []


def _free_standing(h: RoleHit) -> bool:
    """Titles that name one office of a country, so that a bare mention denotes its holder:
    "президент Казахстана", "премьер Японии", "министр обороны России" (not "глава представительства")."""
    key = _role_key(h.title)
    if h.plural:
        return False
    if key in ("head_of_state", "head_of_government", "foreign_minister", "министр", "госсекретарь"):
        return True
    t = h.title.lower()
    return t.startswith(("глава", "руководитель")) and any(w in t for w in _OFFICES)


def _holder(persons: list[Person], h: RoleHit) -> Person | None:
    """The person a free-standing description ("президент Казахстана") denotes: the one holding that
    role; else, unless someone already holds an office of that country, the person most recently
    named without a role before it (or the only such person): news introduce a leader by name and
    refer to them by title later ("Николя Саркози ... Президент Франции заявил")."""
    key = _role_key(h.title)
    for p in persons:
        if any(_role_key(r.title) == key and r.country == h.country for r in p.roles):
            if not any(r.title.lower() == h.title.lower() for r in p.roles):
                p.roles.append(h)  # the office in other words: "глава МИД" of "министр иностранных дел"
            return p
    if any(any(r.country == h.country for r in p.roles) for p in persons):
        return None
    # a well-known statesman of that country (person_countries.tsv), when only one is named
    known = [
        p
        for p in persons
        if not any(r.country for r in p.roles) and ent_persons.known_statesman(p) == h.country
    ]
    if len(known) == 1:
        known[0].roles.append(h)
        return known[0]
    free = [p for p in persons if not any(r.country for r in p.roles) and (p.first or p.best > 1)]
    before = [(ts, p) for p in free for ts, _ in p.mentions if ts < h.ts]
    if before:
        chosen = max(before, key=lambda x: x[0])[1]  # the most recent person introduced without a role
    elif len(free) == 1:
        chosen = free[0]
    else:
        return None
    chosen.roles.append(h)
    return chosen


def _person_entity(doc: Doc, p: Person) -> Entity:
    toks = doc.tokens
    roles: list[Role] = []
    for h in p.roles:  # one role per office: "президент" with no country and with FR become one
        role = Role(title=h.title, country=h.country, organization=h.organization)
        if role not in roles:
            roles.append(role)
    country = next((r.country for r in roles if r.country), None)
    mentions = [
        Mention(start=toks[ts].start, end=toks[te - 1].end, text=doc.text[toks[ts].start : toks[te - 1].end])
        for ts, te in p.mentions
    ]
    return Entity(id="", type="PERSON", name=p.name, country=country, roles=roles, mentions=mentions)


def _mentions(doc: Doc, cs: list[Cand]) -> list[Mention]:
    toks = doc.tokens
    out = []
    for c in cs:
        s, e = toks[c.ts].start, toks[c.te - 1].end
        out.append(Mention(start=s, end=e, text=doc.text[s:e]))
    return out


def _inner_country(c: Cand, countries: dict[int, Cand]) -> str | None:
    """The first country named inside an organization's span, by token index."""
    for i in range(c.ts, c.te):
        o = countries.get(i)
        if o is not None and o is not c and o.te <= c.te and o.place:
            return o.place.country
    return None


def _org_country(doc: Doc, c: Cand) -> str | None:
    """The country of a national body or company known to the gazetteer, named as the whole span or
    inside it ("Газпром", "ОАО «Газпром»" -> RU)."""
    if c.place is not None:
        return c.place.country if _iso(c.place.country) else None
    toks = doc.tokens[c.ts : c.te]
    lem = [t.lemma for t in toks]
    sur = [t.text.lower().replace("ё", "е") for t in toks]
    txt = [t.text for t in toks]
    for i in range(1, len(toks)):
        hit = gazetteer.match(lem, sur, txt, i)
        if hit and hit[1].type == "ORGANIZATION" and _iso(hit[1].country):
            return hit[1].country
    return None


def _country_of(cs: list[Cand]) -> str | None:
    return next((c.place.country for c in cs if c.place and _iso(c.place.country)), None)


def _iso(code: str | None) -> bool:
    return bool(code) and not code.startswith("@")  # type: ignore[union-attr]


def _name(doc: Doc, c: Cand) -> str:
    if c.place is not None:
        return c.place.name
    if c.type == "ORGANIZATION":
        return _org_name(doc, c)
    return _nominative_phrase(doc, c.ts, c.te)


def _org_name(doc: Doc, c: Cand) -> str:
    if c.place is not None:
        return c.place.name
    name = _nominative_phrase(doc, c.ts, c.te)
    if name.count("«") > name.count("»"):
        name += "»"
    return name


def _nominative_phrase(doc: Doc, ts: int, te: int) -> str:
    """The phrase as written, its head noun and the adjectives before it in the nominative
    ("Министерства сельского хозяйства Германии" -> "Министерство сельского хозяйства Германии")."""
    toks = doc.tokens[ts:te]
    words = ent_morph.nominative_words(toks)
    out = []
    for i, (t, w) in enumerate(zip(toks, words, strict=True)):
        out.append(w)
        if i + 1 < len(toks):
            out.append(doc.text[t.end : toks[i + 1].start])
    return "".join(out)


def _adjective_countries(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, code) for every country adjective ("казахстанский", "российско-китайских")."""
    out = []
    g = gazetteer.load()
    for t in doc.tokens:
        if t.lemma in g.adjectives or ("-" in t.lemma and t.pos in ("ADJF", "ADJS", None)):
            for code in gazetteer.adjective_country(t.lemma):
                out.append((t.start, t.end, code))
    return out
