"""Cross-document resolution: one canonical row per real person, country, organization, place and
agreement, whatever article and word form names it; figures as time series; targets tracked.

Used by `letopis.store.writer.store_extraction` inside the article's transaction:

    EntityResolver(session).resolve(entity, published)  -> store.schema.Entity (created or matched)
    find_entities(session, "Токаева")                   -> canonical entities a typed name denotes
    AgreementResolver(session).resolve(agreement, parties, published) -> store.schema.Agreement
    series_key(metric, sector, countries)               -> "trade_turnover|agriculture|KZ-TJ"
    track_targets(session, as_of, series_keys=None)     -> recompute commitment statuses
    track_document(session, document_id, as_of)         -> the statuses a newly stored document may change
    first_actuals(session, [TargetRef], as_of)          -> the first actual meeting each target (the rule)
    effective_status(commitment, today)                 -> "open" past its deadline reads "overdue"

Rules, and why:
* Persons: key = surname lemma + first initial ("person:токаев:к"), so "Касым-Жомарт Токаев",
  "К.-Ж. Токаев" and "Токаева" (genitive) meet; a bare surname joins the existing person with that
  surname (same country preferred). Roles are kept per (title, country, organization) with first and
  last seen dates, so a minister who later becomes prime minister keeps both.
* Countries: ISO 3166 code ("country:KZ"), whatever the name form.
* Organizations: lemmatised lower-case name; an abbreviation ("ШОС") matches a full name whose
  initials spell it ("Шанхайская организация сотрудничества"), in either order of arrival.
* Agreements: same type (or one unknown), compatible parties, no conflicting period, and similar
  title content lemmas (Jaccard >= 0.5, or one title's words contained in the other's).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from letopis import model
from letopis.extractors.ent_persons import indeclinable
from letopis.store import schema as s
from letopis.store.db import has_summary
from letopis.store.fts import WORD, lemma, lexicon, name_stem

CANONICAL_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "REGION", "LOCATION"}
STATUS_RANK = {"referenced": 0, "planned": 1, "signed": 2}
INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.?-?){1,3}$")  # "К.-Ж.", "К.", and "К" "Ж" as some sources write


@cache
def _words(name: str) -> frozenset[str]:
    """A word list from letopis/store/data/lexicon.json: "agreement_title_stop" (function words that
    carry no identity in an agreement title), "agreement_type_words", "organization_stop"; the map
    "agreement_title_synonyms" is read in `title_lemmas`."""
    return frozenset(lexicon()[name])


@cache
def _surname_suffixes() -> tuple[str, ...]:
    return tuple(lexicon()["surname_suffixes"])


# ---------------------------------------------------------------- dates


def parse_date(value: str | date | None, end: bool = False) -> date | None:
    """"2024-05-17" / "2024-05" / "2024" -> a date: the first day of a partial date, or the last day
    when `end` (deadlines, period ends). None for anything else."""
    if value is None or isinstance(value, date):
        return value
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            month = int(mo)
            return date(y, month, calendar.monthrange(y, month)[1] if end else 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        return None


# ---------------------------------------------------------------- names


def norm(text: str) -> str:
    """Lower-case lemmatised form of a name, for lookups ("Шанхайской организации" ->
    "шанхайский организация"); quotes and punctuation dropped."""
    return " ".join(lemma(w) for w in WORD.findall(text.replace("ё", "е")))


def alias_norm(name: str, type_: str | None = None) -> str:
    """The lookup form of a name as stored in `entity_aliases.norm`: for persons the name stems
    ("Касым-Жомарт Токаева" -> "касым-жомарт токаев"), for everything else `norm`."""
    if type_ == "PERSON":
        return " ".join(name_stem(w) for w in WORD.findall(name))
    return norm(name)


def find_entities(session: Session, name: str, type_: str | None = None, limit: int = 20) -> list[s.Entity]:
    """Canonical entities a user-typed name denotes, most mentioned first: an exact alias (any word
    form: «Токаева», «К.-Ж. Токаев», «ШОС»), else persons by surname («Токаев» -> Касым-Жомарт
    Токаев). Country codes and names are best resolved to ISO first (key "country:KZ")."""
    norms = {alias_norm(name, "PERSON"), norm(name)}
    if (abbr := abbreviation(name)) is not None:
        norms.add(abbr)
    q = select(s.Entity).join(s.EntityAlias).where(s.EntityAlias.norm.in_(norms))
    if len(name.strip()) == 2 and name.strip().isalpha():
        q = select(s.Entity).where(or_(s.Entity.key == f"country:{name.strip().upper()}", s.Entity.id.in_(
            select(s.EntityAlias.entity_id).where(s.EntityAlias.norm.in_(norms)))))
    if type_:
        q = q.where(s.Entity.type == type_)
    rows = list(dict.fromkeys(session.scalars(q)))
    if not rows:
        words = WORD.findall(name)
        if words:
            _i, surname, _d = person_parts(name)
            rows = list(session.scalars(select(s.Entity).where(s.Entity.type == "PERSON", s.Entity.surname == surname)))
    rows.sort(key=lambda e: -(e.mentions_count or 0))
    return rows[:limit]


@cache
def _morph():
    from letopis.store.fts import _morph as m

    return m()


@lru_cache(maxsize=50_000)
def _name_parse(word: str, surname: bool = False):
    """The parse of a word as a personal name part (Surn / Name / Patr), if it can be one; with
    `surname`, a Surn parse is preferred ("Токаева" is a surname in the genitive, not a first name)."""
    parses = [p for p in _morph().parse(word) if {"Surn", "Name", "Patr"} & set(p.tag.grammemes)]
    if surname:
        parses.sort(key=lambda p: "Surn" not in p.tag.grammemes)
    return parses[0] if parses else None


@lru_cache(maxsize=50_000)
def nominative(word: str, surname: bool = False) -> str:
    """A name word in the nominative ("Мирзиёевым" -> "Мирзиёев"), capitalisation kept."""
    if "-" in word:
        return "-".join(nominative(w, surname) for w in word.split("-"))
    if indeclinable(word):  # "Расулзода" is not the genitive of "Расулзод"
        return word
    p = _name_parse(word, surname)
    if p is None:
        return word
    if surname and "Surn" in p.tag.grammemes:
        if "nomn" in p.tag.grammemes:
            return word
    elif any({"sing", "nomn"} <= set(q.tag.grammemes) for q in _morph().parse(word)[:4]):
        return word  # may already be the nominative ("Жомарт", "Жапаров"): do not guess otherwise
    inflected = p.inflect({"nomn", "sing"})
    if inflected is None:
        return word
    out = inflected.word
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def person_parts(name: str) -> tuple[str | None, str, str]:
    """(first initial or None, surname lemma, display name in the nominative) of a person's name.

    The surname key is its `fts.name_stem` (case ending removed), stable across word forms:
    "Касым-Жомарт Токаев" -> ("к", "токаев", "Касым-Жомарт Токаев"); "К.-Ж. Токаев" -> ("к", ...);
    "Токаева" -> (None, "токаев", "Токаев"); "Токаев Касым-Жомарт" -> ("к", "токаев", ...).
    """
    words = [w for w in name.split() if w.strip(".,")]
    initials = [w for w in words if INITIALS.match(w)]
    rest = [w for w in words if not INITIALS.match(w)]
    if not rest:
        return None, name.lower().strip(". "), name
    surname_i = _surname_index(rest)
    surname_word = rest[surname_i]
    surname = name_stem(surname_word)
    first = initials[0] if initials else next((w for i, w in enumerate(rest) if i != surname_i), None)
    initial = first[0].lower() if first else None
    display = " ".join(
        w if INITIALS.match(w) else nominative(w, w is surname_word) for w in words
    )
    return initial, surname, display


def _surname_index(words: list[str]) -> int:
    for i, w in enumerate(words):
        p = _name_parse(w)
        if p is not None and "Surn" in p.tag.grammemes:
            return i
    for i, w in enumerate(words):
        if name_stem(w).endswith(_surname_suffixes()):
            return i
    return len(words) - 1  # Russian press order: "Имя Фамилия"


def abbreviation(name: str) -> str | None:
    """The abbreviation a multi-word name would have ("Шанхайская организация сотрудничества" ->
    "шос"), or the name itself when it already is one ("ШОС", "ЕАЭС"); lower case."""
    words = WORD.findall(name)
    if len(words) == 1 and 2 <= len(words[0]) <= 8 and sum(c.isupper() for c in words[0]) >= 2:
        return words[0].lower()
    letters = [w[0] for w in words if w.lower() not in _words("organization_stop")]
    return "".join(letters).lower() if len(letters) >= 3 else None


# ---------------------------------------------------------------- entities


class EntityResolver:
    """Maps a document's entities to canonical `store.schema.Entity` rows (creating them as needed).

    Keeps a per-instance cache, so use one resolver per transaction."""

    def __init__(self, session: Session):
        self.session = session
        self._known: dict[int, set[str]] = {}  # entity id -> alias norms stored (or pending)

    def resolve(self, ent: model.Entity, published: date | None = None) -> s.Entity | None:
        """The canonical entity for `ent`; None for types that are values (MONEY, PERCENT, DATE)."""
        if ent.type not in CANONICAL_TYPES or not ent.name.strip():
            return None
        if ent.type == "PERSON":
            row = self._person(ent)
        elif ent.type == "ORGANIZATION":
            row = self._organization(ent)
        elif ent.type == "COUNTRY" and ent.country:
            row = self._by_key(f"country:{ent.country.upper()}", ent, ent.name)
            row.country = ent.country.upper()
        else:
            row = self._by_key(f"{ent.type.lower()}:{norm(ent.name)}", ent, ent.name)
        if ent.country and not row.country:
            row.country = ent.country.upper()[:2]
        row.mentions_count = (row.mentions_count or 0) + max(1, len(ent.mentions))
        self._aliases(row, [ent.name, *(m.text for m in ent.mentions)])
        if ent.type == "PERSON":
            self._roles(row, ent.roles, published)
        return row

    def _by_key(self, key: str, ent: model.Entity, name: str) -> s.Entity:
        row = self.session.scalar(select(s.Entity).where(s.Entity.key == key))
        if row is None:
            row = s.Entity(type=ent.type, name=name, key=key, mentions_count=0)
            self.session.add(row)
            self.session.flush()
        return row

    def _person(self, ent: model.Entity) -> s.Entity:
        initial, surname, display = person_parts(ent.name)
        country = ent.country or next((r.country for r in ent.roles if r.country), None)
        rows = self.session.scalars(
            select(s.Entity).where(s.Entity.type == "PERSON", s.Entity.surname == surname)
        ).all()
        row = _pick_person(rows, initial, country)
        if row is None:
            row = s.Entity(
                type="PERSON", name=display, key=f"person:{surname}:{initial or ''}", surname=surname,
                first_initial=initial, country=country, mentions_count=0,
            )
            self.session.add(row)
            self.session.flush()
        elif initial and not row.first_initial:
            row.first_initial = initial
            row.key = f"person:{surname}:{initial}"
        if _fuller(display, row.name):
            row.name = display
        return row

    def _organization(self, ent: model.Entity) -> s.Entity:
        key_norm = norm(ent.name)
        abbr = abbreviation(ent.name)
        probes = [key_norm] + ([abbr] if abbr else [])
        alias = self.session.scalar(
            select(s.EntityAlias)
            .join(s.Entity)
            .where(s.Entity.type == "ORGANIZATION", s.EntityAlias.norm.in_(probes))
            .order_by(s.EntityAlias.id)
            .limit(1)
        )
        if alias is not None:
            row = alias.entity
            if len(ent.name) > len(row.name) and " " in ent.name:
                row.name = ent.name
            return row
        row = self._by_key(f"org:{key_norm}", ent, ent.name)
        if abbr:
            self._aliases(row, [], extra_norms=[(ent.name, abbr)])
        return row

    def _aliases(self, row: s.Entity, names: Iterable[str], extra_norms=()) -> None:
        pairs = [(n, norm(n)) for n in dict.fromkeys(names) if n.strip()]
        pairs += list(extra_norms)
        known = self._known.get(row.id)
        if known is None:
            q = select(s.EntityAlias.norm).where(s.EntityAlias.entity_id == row.id)
            known = self._known[row.id] = set(self.session.scalars(q))
        for alias, key in pairs:
            if key and key not in known:
                known.add(key)
                self.session.add(s.EntityAlias(entity_id=row.id, alias=alias, norm=key[:500]))

    def _roles(self, row: s.Entity, roles: list[model.Role], published: date | None) -> None:
        for r in roles:
            title = r.title.strip().lower()
            if not title:
                continue
            q = select(s.EntityRole).where(
                s.EntityRole.entity_id == row.id,
                s.EntityRole.title == title,
                _eq_or_null(s.EntityRole.country, r.country),
                _eq_or_null(s.EntityRole.organization, r.organization),
            )
            role = self.session.scalar(q)
            if role is None:
                role = s.EntityRole(
                    entity_id=row.id, title=title, country=r.country, organization=r.organization,
                    first_seen=published, last_seen=published, mentions_count=0,
                )
                self.session.add(role)
            else:
                role.first_seen = _min_date(role.first_seen, published)
                role.last_seen = _max_date(role.last_seen, published)
            role.mentions_count = (role.mentions_count or 0) + 1


def _pick_person(rows: list[s.Entity], initial: str | None, country: str | None) -> s.Entity | None:
    if initial:
        same = [r for r in rows if r.first_initial == initial]
        if same:
            return same[0]
        rows = [r for r in rows if not r.first_initial]
    if not rows:
        return None
    return max(rows, key=lambda r: (bool(country) and r.country == country, r.mentions_count or 0, -r.id))


def _fuller(new: str, old: str) -> bool:
    """Prefer a name with a full first name over initials or a bare surname."""
    def score(n: str) -> tuple[int, int]:
        words = n.split()
        return (sum(1 for w in words if not INITIALS.match(w)), len(n))

    return score(new) > score(old)


def _eq_or_null(col, value):
    return col.is_(None) if value is None else col == value


def _min_date(a: date | None, b: date | None) -> date | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _max_date(a: date | None, b: date | None) -> date | None:
    return max(x for x in (a, b) if x) if (a or b) else None


# ---------------------------------------------------------------- agreements


def title_lemmas(title: str) -> set[str]:
    """Content lemmas of an agreement title (function words and document-type words dropped)."""
    out = set()
    # Synonyms one document is named by ("взаимной торговли" / "товарооборота"): one lemma for both.
    synonyms = lexicon()["agreement_title_synonyms"]
    for w in WORD.findall(title.lower().replace("ё", "е")):
        lem = lemma(w)
        if lem not in _words("agreement_title_stop") and lem not in _words("agreement_type_words") and not lem.isdigit():
            out.add(synonyms.get(lem, lem))
    return out


def same_titles(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return a == b
    inter = len(a & b)
    return inter / len(a | b) >= 0.5 or (inter >= 2 and inter == min(len(a), len(b)))


class AgreementResolver:
    """Maps an agreement mention to its canonical `store.schema.Agreement` (created when new)."""

    def __init__(self, session: Session):
        self.session = session

    def resolve(self, agr: model.Agreement, parties: list[str], when: date | None) -> s.Agreement:
        parties = sorted({p.upper() for p in parties if p})
        lemmas = title_lemmas(agr.title)
        period_end = parse_date(agr.period.end, end=True) if agr.period else None
        row = self._find(agr.type, parties, lemmas, period_end)
        if row is None:
            pa, pb = (parties[0], parties[1]) if len(parties) >= 2 else (None, None)
            row = s.Agreement(
                type=agr.type, title=agr.title, title_lemmas=" ".join(sorted(lemmas)),
                key=f"{agr.type}|{','.join(parties)}|{' '.join(sorted(lemmas))}"[:2000],
                parties=",".join(parties), pair_a=pa, pair_b=pb, status=agr.status,
                first_seen=when, last_seen=when, valid_until=period_end,
            )
            self.session.add(row)
            self.session.flush()
        else:
            self._merge(row, agr, parties, when, period_end)
        if agr.status == "signed" and row.signed_date is None:
            row.signed_date = when
        return row

    def _find(self, type_: str, parties: list[str], lemmas: set[str], period_end: date | None):
        q = select(s.Agreement)
        if type_ != "other":
            q = q.where(or_(s.Agreement.type == type_, s.Agreement.type == "other"))
        if len(parties) >= 2:
            q = q.where(or_(s.Agreement.pair_a.is_(None), s.Agreement.parties.contains(parties[0])))
        if lemmas:  # a candidate shares at least one title word: filtered in SQL, not in Python
            q = q.where(or_(s.Agreement.title_lemmas == "", *(s.Agreement.title_lemmas.contains(w) for w in lemmas)))
        for row in self.session.scalars(q.order_by(s.Agreement.id)):
            theirs = set(row.parties.split(",")) - {""}
            if parties and theirs and not (set(parties) <= theirs or theirs <= set(parties)):
                continue
            if period_end and row.valid_until and period_end.year != row.valid_until.year:
                continue
            if same_titles(lemmas, set(row.title_lemmas.split())):
                return row
        return None

    def _merge(self, row: s.Agreement, agr: model.Agreement, parties: list[str], when, period_end) -> None:
        if STATUS_RANK.get(agr.status, 0) > STATUS_RANK.get(row.status, 0):
            row.status = agr.status
            row.title = agr.title  # the signing article names the document best
        if row.type == "other" and agr.type != "other":
            row.type = agr.type
        if len(parties) > len(set(row.parties.split(",")) - {""}):
            row.parties = ",".join(parties)
            if len(parties) >= 2:
                row.pair_a, row.pair_b = parties[0], parties[1]
        row.first_seen = _min_date(row.first_seen, when)
        row.last_seen = _max_date(row.last_seen, when)
        row.valid_until = row.valid_until or period_end


# ---------------------------------------------------------------- figures and targets


def pair_of(countries: Iterable[str]) -> tuple[str, str] | None:
    """The sorted pair of the first two distinct country codes, or None."""
    codes = sorted(dict.fromkeys(c.upper() for c in countries if c))[:2] if countries else []
    return (codes[0], codes[1]) if len(codes) == 2 else None


def series_key(metric: str, sector: str | None, pair: tuple[str, str] | None) -> str:
    """The time series a figure belongs to: metric | sector or "-" | "A-B" or "-"."""
    return f"{metric}|{sector or '-'}|{'-'.join(pair) if pair else '-'}"


def effective_status(c: s.Commitment, today: date | None = None) -> str | None:
    """The stored status, with an "open" commitment whose deadline has passed read as "overdue"."""
    today = today or date.today()
    if c.status == "open" and c.deadline is not None and c.deadline < today:
        return "overdue"
    return c.status


@dataclass(frozen=True)
class TargetRef:
    """What the tracking rule needs of a target figure: its series, unit, value and qualifier, its
    document, and `set_on`, that document's publication date (None: undated)."""

    id: int
    series_key: str | None
    unit: str | None
    document_id: int
    value: float
    qualifier: str | None
    set_on: date | None


# Targets per statement in `first_actuals` (at most 7 parameters each: far under SQLite's variable limit).
_CHUNK = 100


def first_actuals(session: Session, targets: Iterable[TargetRef], as_of: date) -> dict[int, int | None]:
    """The rule, for many targets at once: target id -> the id of the first actual (by its document's
    publication date, undated first, then id) of the same series and unit, from another document, that
    reaches the target (`_bounds`) and was published from `set_on` to `as_of` (an undated target: any
    actual dated up to `as_of` or undated); None when there is none.

    "Reaches" is a range of values (`_bounds`) passed as parameters computed in Python, so the database
    stops at the first hit: one statement per 100 targets, on SQLite walking the series_actuals index
    (migration 0007) when the store has it."""
    targets = list(targets)
    out: dict[int, int | None] = dict.fromkeys((t.id for t in targets), None)
    todo = [t for t in targets if t.series_key is not None and t.unit is not None]
    if not todo:
        return out
    if has_summary(session, "series_actuals"):
        for dated in (True, False):
            group = [t for t in todo if (t.set_on is not None) == dated]
            for i in range(0, len(group), _CHUNK):
                out.update(_sqlite_first(session, group[i:i + _CHUNK], as_of, dated))
        return out
    for i in range(0, len(todo), _CHUNK):  # one round trip per chunk: a LIMIT 1 subquery per target
        group = todo[i:i + _CHUNK]
        hits = session.execute(select(*(_first_actual_q(t, as_of).scalar_subquery() for t in group))).one()
        out.update(zip((t.id for t in group), hits, strict=True))
    return out


def _bounds(t: TargetRef) -> tuple[float, float]:
    """The values of an actual that reach target `t`, as a closed range: targets to stay below (lt/lte)
    are met from below; others from 0.995 of the target up ("about 2 billion" is reached by 1.995
    billion: rounding in the press)."""
    if t.qualifier in ("lt", "lte"):
        return -1e308, t.value
    return t.value * 0.995, 1e308


def _first_actual_q(t: TargetRef, as_of: date):
    f, d = s.Figure, s.Document
    low, high = _bounds(t)
    q = (select(f.id).join(d, d.id == f.document_id)
         .where(f.series_key == t.series_key, f.kind == "actual", f.unit == t.unit, f.document_id != t.document_id,
                f.value >= low, f.value <= high))
    if t.set_on is not None:
        q = q.where(d.published >= t.set_on, d.published <= as_of)
    else:
        q = q.where(or_(d.published.is_(None), d.published <= as_of))
    return q.order_by(d.published.asc().nulls_first(), f.id).limit(1)


def _sqlite_first(session: Session, group: list[TargetRef], as_of: date, dated: bool) -> dict[int, int | None]:
    """`first_actuals` of up to _CHUNK targets in one plain SQL statement: a VALUES list of targets and
    a correlated LIMIT 1 walk of series_actuals (series, unit, published, id order) for each."""
    values, params = [], {"as_of": as_of.isoformat()}
    for i, t in enumerate(group):
        low, high = _bounds(t)
        values.append(f"(:i{i}, :k{i}, :u{i}, :d{i}, :s{i}, :lo{i}, :hi{i})")
        params.update({f"i{i}": t.id, f"k{i}": t.series_key, f"u{i}": t.unit, f"d{i}": t.document_id,
                       f"s{i}": t.set_on.isoformat() if t.set_on else None, f"lo{i}": low, f"hi{i}": high})
    when = ("a.published >= t.since AND a.published <= :as_of" if dated
            else "(a.published IS NULL OR a.published <= :as_of)")
    first = ("SELECT a.figure_id FROM series_actuals a WHERE a.series_key = t.skey AND a.unit = t.unit "
             f"AND {when} AND a.value >= t.lo AND a.value <= t.hi AND a.document_id != t.doc "
             "ORDER BY a.published, a.figure_id LIMIT 1")
    sql = f"WITH t(id, skey, unit, doc, since, lo, hi) AS (VALUES {', '.join(values)}) SELECT t.id, ({first}) FROM t"
    return {int(i): hit for i, hit in session.execute(text(sql), params)}


def track_targets(session: Session, as_of: date | None = None, series_keys: Iterable[str] | None = None) -> int:
    """Recompute `status`, `evidence_figure_id` and `status_as_of` of commitments with a target
    figure (all, or those whose target is in `series_keys`). Returns how many were updated."""
    q = select(s.Commitment.id).join(s.Figure, s.Figure.id == s.Commitment.figure_id)
    if series_keys is not None:
        keys = list(set(series_keys))
        if not keys:
            return 0
        q = q.where(s.Figure.series_key.in_(keys))
    return _track(session, list(session.scalars(q)), as_of or date.today())


def track_document(session: Session, document_id: int, as_of: date | None = None) -> int:
    """Update target tracking after storing a document: its own commitments with a target, and the
    stored ones whose target one of its actuals may reach (same series and unit, value within reach).
    Why not `track_targets(series_keys)`: a series with a long history holds thousands of targets,
    and a new actual can only change those it reaches; a new target changes no other."""
    c, t, a = s.Commitment, aliased(s.Figure), aliased(s.Figure)
    own = select(c.id).where(c.document_id == document_id, c.figure_id.is_not(None))
    slack = func.abs(a.value) * 1e-9 + 1e-9  # a candidate filter: `first_actuals` applies the exact rule
    reach = or_(and_(t.qualifier.in_(("lt", "lte")), a.value - slack <= t.value),
                and_(or_(t.qualifier.is_(None), t.qualifier.not_in(("lt", "lte"))), a.value + slack >= t.value * 0.995))
    others = (select(c.id).join(t, t.id == c.figure_id)
              .join(a, and_(a.series_key == t.series_key, a.unit == t.unit))
              .where(a.document_id == document_id, a.kind == "actual", t.document_id != document_id, reach))
    ids = sorted(set(session.scalars(own)) | set(session.scalars(others)))
    return _track(session, ids, as_of or date.today())


def _track(session: Session, commitment_ids: list[int], as_of: date) -> int:
    """Evaluate the targets of these commitments (one batch) and store status, evidence and as-of date."""
    if not commitment_ids:
        return 0
    rows = session.execute(
        select(s.Commitment, s.Figure, s.Document.published)
        .join(s.Figure, s.Figure.id == s.Commitment.figure_id)
        .join(s.Document, s.Document.id == s.Figure.document_id)
        .where(s.Commitment.id.in_(commitment_ids))
    ).all()
    hits = first_actuals(session, [TargetRef(f.id, f.series_key, f.unit, f.document_id, f.value, f.qualifier, published)
                                   for _c, f, published in rows], as_of)
    for com, target, _published in rows:
        hit = hits.get(target.id)
        com.status = "met" if hit is not None else (
            "overdue" if com.deadline is not None and com.deadline < as_of else "open")
        com.evidence_figure_id = hit
        com.status_as_of = as_of
    return len(rows)
