"""Persons: nominative names, merging of a person's name variants, roles from appositions.

- A name is normalized token by token to the nominative with pymorphy2 (Токаеву -> Токаев); a token
  with a nominative reading is kept as written.
- Variants merge within the article by surname ("Касым-Жомарт Токаев", "Токаев", "К.-Ж. Токаев",
  "Токаева"), or by first name (+ patronymic: "Эмомали Шарипович" -> "Эмомали Рахмон").
- Roles come from a title before the name ("президент Таджикистана Эмомали Рахмон", "глава МИД России
  Сергей Лавров", "российский министр обороны Анатолий Сердюков") or after it, set off by a comma
  ("Касым-Жомарт Токаев, президент Казахстана"). The title is the head (nominative) with its
  genitive complements as written ("министр иностранных дел"); the country is a genitive country
  after it, a country adjective before it, or the country of an organization in the complement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from letopis.extractors import ent_morph, gazetteer
from letopis.extractors.lexicon import DATA
from letopis.nlp import Doc, Token
from letopis.nlp.pipeline import parse

_NAME_TAGS = ("Name", "Surn", "Patr")


@dataclass
class RoleHit:
    title: str
    country: str | None
    organization: str | None
    ts: int  # token range of the whole description
    te: int
    plural: bool = False  # "руководители", "президенты": a description of several people
    countries: list[str] = field(default_factory=list)  # "президенты Узбекистана и Казахстана"


@dataclass
class Person:
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    name: str = ""
    surname: str = ""
    first: str = ""
    patronymic: str = ""
    roles: list[RoleHit] = field(default_factory=list)
    best: int = 0  # tokens in the fullest mention
    forms: list[list[str]] = field(default_factory=list)


@cache
def role_heads() -> dict[tuple[str, ...], str]:
    """Role title lemma phrases -> the title as written in roles.txt."""
    out = {}
    for line in (DATA / "roles.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out[tuple(line.split())] = line
    return out


@cache
def role_modifiers() -> frozenset[str]:
    lines = (DATA / "role_modifiers.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@cache
def _max_role_len() -> int:
    return max(len(k) for k in role_heads())


@cache
def _role_firsts() -> frozenset[str]:
    return frozenset(k[0] for k in role_heads())


# ---- names ---------------------------------------------------------------------------------------


def _kind(word: str) -> str:
    """Name, Surn, Patr, Init (an initial) or "" for a name token."""
    if len(word.rstrip(".")) <= 2 and word[:1].isupper() and (word.endswith(".") or len(word) == 1):
        return "Init"
    for p in parse(word):
        for g in _NAME_TAGS:
            if g in p.tag:
                return g
    return ""


@cache
def nominative(word: str) -> str:
    """The nominative of a name token, capitalized as a name (Налбандовым -> Налбандов)."""
    if not word[:1].isalpha() or not word[:1].isupper() or word.isupper():
        return word
    if "-" in word:
        return "-".join(nominative(p) if p[:1].isupper() else p for p in word.split("-"))
    parses = parse(word)
    named = [p for p in parses if any(g in p.tag for g in _NAME_TAGS)] or parses
    if any(p.tag.case == "nomn" for p in parses) or not named:
        return word
    p = named[0]
    form = p.inflect({"nomn"})
    if form is None:
        return word
    w = form.word
    return w[:1].upper() + w[1:]


_ENDINGS = (
    "ыми",
    "ими",
    "ого",
    "ему",
    "ому",
    "ой",
    "ым",
    "им",
    "ом",
    "ем",
    "ей",
    "ую",
    "ых",
    "их",
    "а",
    "у",
    "е",
    "ы",
    "и",
    "я",
    "ю",
    "й",
)


@cache
def surname_key(word: str) -> str:
    """A case-free key for a name word: "Токаеву", "Токаева", "Токаев" -> "токаев". Case endings are
    cut by rule rather than by pymorphy, which does not know most foreign and Central Asian names."""
    w = word.lower().replace("ё", "е")
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def _looks_nominative(words: list[str]) -> bool:
    return all(surname_key(w) == w.lower().replace("ё", "е") or not w[:1].isalpha() for w in words[-1:])


def display_name(forms: list[list[str]]) -> str:
    """The person's name in the nominative: the fullest mention written without a case ending, else
    the fullest mention put in the nominative, all its words read in one case."""
    longest = max(len(f) for f in forms)
    full = [f for f in forms if len(f) == longest]
    for f in full:
        if _looks_nominative(f) and _kind(f[-1]) != "Patr":
            return " ".join(f)
    words = full[0]
    named_case = next((c for w in words[:-1] if (c := _first_name_case(w))), None)
    last_nominative = nominative(words[-1]) == words[-1]
    if last_nominative and named_case is None:
        return " ".join(nominative(w) for w in words)  # a nominative already ("Сейдзи Маэхара")
    case = named_case if last_nominative else (_case_of(words[-1]) or named_case)
    return " ".join(_nominative_in(w, case) for w in words)


_CASE_BY_ENDING = (
    ("ым", "ablt"),
    ("ом", "ablt"),
    ("ем", "ablt"),
    ("им", "ablt"),
    ("ой", "gent"),
    ("а", "gent"),
    ("я", "gent"),
    ("у", "datv"),
    ("ю", "datv"),
    ("е", "loct"),
)


def _first_name_case(word: str) -> str | None:
    """The case of a first name pymorphy knows ("Ангелы" -> gent), None when it may be nominative."""
    cases = {p.tag.case for p in parse(word) if "Name" in p.tag}
    if not cases or "nomn" in cases:
        return None
    return "gent" if "gent" in cases else sorted(cases)[0]


def _case_of(word: str) -> str | None:
    """The case a name's last word is in, by its surname reading or by its ending."""
    for p in parse(word):
        if "Surn" in p.tag and p.tag.case:
            return p.tag.case
    w = word.lower()
    return next((c for end, c in _CASE_BY_ENDING if w.endswith(end)), None)


def _nominative_in(word: str, case: str | None) -> str:
    """A name word in the nominative, read in the case of the whole name ("Олафа Шольца": gent)."""
    if case is None or case == "nomn" or not word[:1].isupper() or "-" in word:
        return nominative(word)
    stem = surname_key(word)
    for p in parse(word):
        if p.tag.case == case and any(g in p.tag for g in _NAME_TAGS):
            form = p.inflect({"nomn"})
            if form is not None and form.word.startswith(stem[:-1]):
                return form.word[:1].upper() + form.word[1:]
    ending = word.lower()[len(stem) :]
    if ending and any(ending == e and c == case for e, c in _CASE_BY_ENDING):
        return word[: len(stem)]  # a foreign name declined like a noun: cut the ending ("Шольца")
    return word


def title_case(word: str, lemma: str) -> str | None:
    """The case of a title word read as `lemma`, unless it may be nominative ("президента" -> gent):
    a name in apposition after it stands in the same case."""
    cases = {p.tag.case for p in parse(word) if p.normal_form.replace("ё", "е") == lemma and p.tag.case}
    if not cases or "nomn" in cases:
        return None
    return "gent" if "gent" in cases else sorted(cases)[0]


def rename_in_case(p: Person, form: list[str], case: str) -> None:
    """Put a person's name in the nominative from a mention whose case is known from the title before
    it ("президента Ерлана Сапарова" -> "Ерлан Сапаров"), when no nominative mention was found."""
    if p.name != " ".join(form) or _looks_nominative(form):
        return
    p.name = " ".join(_nominative_in(w, case) for w in form)


def _name_tokens(doc: Doc, ts: int, te: int) -> list[Token]:
    return [t for t in doc.tokens[ts:te] if any(ch.isalpha() for ch in t.text)]


def group_persons(doc: Doc, spans: list[tuple[int, int]]) -> list[Person]:
    """Merge the PER spans of one article into persons (fullest names first)."""
    persons: list[Person] = []
    order = sorted(spans, key=lambda s: (-len(_name_tokens(doc, *s)), s[0]))
    for ts, te in order:
        toks = _name_tokens(doc, ts, te)
        if not toks:
            continue
        words = [t.text for t in toks]
        kinds = [_kind(w) for w in words]
        first, patr, sur = _parts(words, kinds)
        p = _find(persons, first, patr, sur)
        if p is None:
            p = Person(
                name=" ".join(nominative(w) for w in words),
                surname=sur,
                first=first,
                patronymic=patr,
                best=len(words),
            )
            persons.append(p)
        else:
            p.first = p.first or first
            p.patronymic = p.patronymic or patr
            p.surname = p.surname or sur
        p.mentions.append((ts, te))
        p.forms.append(words)
    for p in persons:
        p.mentions.sort()
        p.name = display_name(p.forms)
    persons.sort(key=lambda p: p.mentions[0])
    return persons


def _parts(words: list[str], kinds: list[str]) -> tuple[str, str, str]:
    """(first name, patronymic, surname) keys of a name's tokens (initials dropped)."""
    pairs = [(w, k) for w, k in zip(words, kinds, strict=True) if k != "Init"]
    if not pairs:
        return "", "", surname_key(words[-1]) if words else ""
    ws = [w for w, _ in pairs]
    ks = [k for _, k in pairs]
    if "Patr" in ks:
        k = ks.index("Patr")
        first = surname_key(ws[k - 1]) if k >= 1 else ""
        sur = ws[k + 1 :] or ws[: max(0, k - 1)]
        return first, surname_key(ws[k]), surname_key(sur[-1]) if sur else ""
    if len(ws) >= 2:
        return surname_key(ws[0]), "", surname_key(ws[-1])
    if ks[0] == "Name" and len(words) == 1:
        return surname_key(ws[0]), "", ""
    return "", "", surname_key(ws[0])


def _find(persons: list[Person], first: str, patr: str, sur: str) -> Person | None:
    if sur:
        for p in persons:
            if p.surname == sur and (not first or not p.first or p.first == first):
                return p
    key = first if not sur or patr else ""
    if not key and sur and not first:
        key = sur  # a lone word may be a first name used alone
    if key:
        cands = [
            p for p in persons if p.first == key and (not patr or not p.patronymic or p.patronymic == patr)
        ]
        if len(cands) == 1:
            return cands[0]
    return None


# ---- roles ---------------------------------------------------------------------------------------


def find_roles(doc: Doc, loc_at: dict, org_at: dict) -> list[RoleHit]:
    """Every role description in the text ("президент Казахстана", "глава МИД России").
    `loc_at`: token index -> (end token, ISO code, type) of places; `org_at`: token index ->
    (end token, name, end of the name before a trailing country, that country's code or None)."""
    heads = role_heads()
    n = _max_role_len()
    lem = [t.lemma for t in doc.tokens]
    out: list[RoleHit] = []
    firsts = _role_firsts()
    i = 0
    while i < len(lem):
        if lem[i] not in firsts:
            alt = _title_reading(doc, i, firsts)
            if alt is None:
                i += 1
                continue
            lem[i] = alt  # `lem` is this call's own list
        hit = None
        for k in range(min(n, len(lem) - i), 0, -1):
            title = heads.get(tuple(lem[i : i + k]))
            if title:
                hit = (k, title)
                break
        if hit is None:
            i += 1
            continue
        out.append(_describe(doc, i, i + hit[0], lem, loc_at, org_at))
        i = out[-1].te
    return out


def _title_reading(doc: Doc, i: int, firsts: frozenset[str]) -> str | None:
    """A title under a less probable reading, right before a name ("аналитика Романа ...": pymorphy
    reads "аналитика" as the noun "аналитика" first)."""
    toks = doc.tokens
    if i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper() or toks[i].pos != "NOUN":
        return None
    return _other_title_lemma(toks[i].text.lower(), firsts)


@cache
def _other_title_lemma(word: str, firsts: frozenset[str]) -> str | None:
    for p in parse(word)[1:4]:
        if p.tag.POS == "NOUN" and p.normal_form in firsts and (p.normal_form,) in role_heads():
            return p.normal_form
    return None


def _describe(doc: Doc, ts: int, te: int, lem: list[str], loc_at, org_at) -> RoleHit:
    toks = doc.tokens
    sent = doc.sentence_at(toks[ts].start)
    hi = sent.token_end if sent else len(toks)
    lo = sent.token_start if sent else 0
    # the head in the nominative, the rest of a fixed title as written ("министр иностранных дел")
    words = ent_morph.nominative_words(toks[ts:te], singular=True)
    if toks[ts].text.isupper() or (toks[ts].pos != "NOUN" and len(words) == 1) or lem[ts] != toks[ts].lemma:
        words = [_head_form(toks[ts]) if lem[ts] == toks[ts].lemma else lem[ts], *words[1:]]
    words[0] = words[0].lower() if not words[0].isupper() else words[0]
    country = organization = None
    others: list[str] = []  # more countries of a plural title
    for j in range(ts + 1, te):  # a fixed title naming its country: "председатель КНР"
        if j in loc_at and loc_at[j][1]:
            country = loc_at[j][1]
    # modifiers before the head: "первый", "генеральный"; a country adjective: "российский"
    start = ts
    j = ts - 1
    while j >= lo and toks[j].pos in ("ADJF", "PRTF") and (toks[j].text[:1].islower() or j == lo):
        codes = gazetteer.adjective_country(lem[j])
        if codes:
            country = country or codes[-1]
        elif lem[j] in role_modifiers():
            words.insert(0, lem[j])
        else:
            break
        start = j
        j -= 1
    # complements after the head: genitive words, organizations, finally a country; a "по"
    # phrase runs on through coordinated datives ("по вопросам миграции и политике убежища")
    n_head = len(words)
    j = te
    while j < hi and j - te < (9 if "по" in words[n_head:] else 6):
        t = toks[j]
        if j in loc_at:
            end, code, typ = loc_at[j]
            if typ == "COUNTRY" and code and (ent_morph.may_be(t.text, "gent") or t.text.isupper()):
                country = country or code
                j = end
                # "президенты Узбекистана и Казахстана": one country per person named next
                while j + 1 < hi and toks[j].lemma == "и" and (j + 1) in loc_at and loc_at[j + 1][1]:
                    others.append(loc_at[j + 1][1])
                    j = loc_at[j + 1][0]
                # "посол России в Белоруссии": the post's place is part of the description
                if j + 1 < hi and toks[j].lemma in ("в", "во", "при"):
                    place = loc_at.get(j + 1) or org_at.get(j + 1)  # "представитель Франции при ООН"
                    j = place[0] if place else j
            elif typ != "COUNTRY" and ent_morph.may_be(t.text, "gent"):
                # "губернатор Московской области", "мэр Москвы": the place is part of the title
                words.append(doc.text[t.start : toks[end - 1].end])
                country = country or code
                j = end
            break
        if t.has("gent") and lem[j] in _role_firsts() and (lem[j],) in role_heads():
            words.append(t.text.lower())  # "помощник президента России": the office is part of the title
            j += 1
            continue
        if j in org_at:
            end, name, split, code = org_at[j]
            organization = organization or name
            words.append(doc.text[toks[j].start : toks[split - 1].end])
            country = country or code
            j = end
            while j < hi and toks[j].text in '»"“”':
                j += 1
            if code:
                break
            continue
        codes = gazetteer.adjective_country(t.lemma) if t.pos == "ADJF" else []
        if codes and t.text[:1].islower():
            country = country or codes[-1]
            if j + 1 < hi and toks[j + 1].pos == "NOUN" and toks[j + 1].text[:1].islower():
                words.append(t.text)  # "глава российской делегации": the adjective is in the title
            j += 1
            continue
        if t.text[:1].islower() and (
            (t.has("gent") and t.pos in ("NOUN", "ADJF", "PRTF"))
            or (t.lemma == "и" and j + 1 < hi and (toks[j + 1].has("gent") or "по" in words[n_head:]))
            or (t.lemma == "по" and j + 1 < hi and ent_morph.may_be(toks[j + 1].text, "datv"))
        ):
            words.append(t.text)
            j += 1
            continue
        if (
            t.pos in ("NOUN", "ADJF")
            and ent_morph.may_be(t.text, "datv")
            and "по" in words[n_head:]
            and t.text[:1].islower()
        ):
            words.append(t.text)
            j += 1
            continue
        break
    while words and words[-1] in ("и", "по"):
        words.pop()
    if organization and country is None:
        codes = gazetteer.country_codes_in_text(organization)
        country = codes[0] if codes else None
    title = " ".join(words)
    if title.count("«") > title.count("»"):
        title += "»"
    hit = RoleHit(title, country or None, organization, start, j, toks[ts].has("plur"))
    hit.countries = [country, *others] if country and others else []
    return hit


def _head_form(t: Token) -> str:
    """The title word in the nominative: its lemma, except abbreviations kept as written."""
    return t.text if t.text.isupper() else t.lemma
