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
from letopis.extractors.lexicon import rows, words
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
    return {tuple(line.split()): line for line in words("roles.txt")}


@cache
def role_modifiers() -> frozenset[str]:
    return words("role_modifiers.txt")


@cache
def _max_role_len() -> int:
    return max(len(k) for k in role_heads())


@cache
def _role_firsts() -> frozenset[str]:
    return frozenset(k[0] for k in role_heads())


_FORMER = ("бывший",)
_POSSESSIVES = ("наш", "ваш", "сво", "это", "эти", "той", "того")


@cache
def _office_prefixes() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(title words, office) from role_keys.tsv, the longest first."""
    found = [(tuple(r[0].split()), r[1]) for r in rows("role_keys.tsv", strip=True)]
    return tuple(sorted(found, key=lambda x: -len(x[0])))


@cache
def title_modifiers(title: str) -> tuple[str, ...]:
    """The modifiers a title starts with ("первый вице-премьер" -> ("первый",))."""
    words = title.lower().split()
    mods = role_modifiers()
    n = 0
    while n < len(words) - 1 and words[n] in mods:
        n += 1
    return tuple(words[:n])


def _country_word(word: str) -> bool:
    return bool(gazetteer.adjective_country(gazetteer.lemma(word)))


@cache
def role_key(title: str) -> str:
    """The office a title names (head_of_state, head_of_government, foreign_minister), else its
    head word: descriptions resolve to a person holding the same office."""
    words = title.lower().replace("ё", "е").split()
    if words and words[0] in _FORMER:
        return "former"  # "бывший президент" is nobody's current office
    mods = role_modifiers()
    while len(words) > 1 and words[0] in mods:
        words = words[1:]  # "федеральный канцлер" is a chancellor
    # "глава нашего государства", "глава российского государства": the office is "глава государства"
    words = words[:1] + [w for w in words[1:] if not w.startswith(_POSSESSIVES) and not _country_word(w)]
    for prefix, office in _office_prefixes():
        if tuple(words[: len(prefix)]) == prefix:
            return office
    return words[0] if words else ""


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
    if not word[:1].isalpha() or not word[:1].isupper() or word.isupper() or indeclinable(word):
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
    last_nominative = nominative(words[-1]) == words[-1] and not _oblique_surname(words)
    if last_nominative and named_case is None:
        return " ".join(nominative(w) for w in words)  # a nominative already ("Сейдзи Маэхара")
    case = named_case if last_nominative else (_case_of(words[-1]) or named_case)
    return " ".join(_nominative_in(w, case) for w in words)


# Turkic patronymic surnames end in -ы in the nominative ("Кунанбайулы", "Мамедоглы", "Алиева кызы");
# Persian and Tajik ones in -зода / -заде ("Расулзода") are written the same in every case.
_TURKIC_ENDINGS = ("улы", "ұлы", "оглы", "кызы", "гызы", "қызы")
_INDECLINABLE_ENDINGS = (*_TURKIC_ENDINGS, "зода", "заде")


def indeclinable(word: str) -> bool:
    """A surname with an ending that never declines: it is its own nominative."""
    return len(word) > 5 and word.lower().endswith(_INDECLINABLE_ENDINGS)


def _genitive_a_stem(word: str) -> bool:
    """A surname in -ы is the genitive of one in -а ("Маехары"), except Turkic patronymic surnames."""
    return word.endswith("ы") and len(word) > 3 and "-" not in word and not word.endswith(_TURKIC_ENDINGS)


_MASC_SURNAME_GENT = ("ова", "ева", "ёва", "ина", "ына")


def _oblique_surname(words: list[str]) -> bool:
    """A last word that cannot be a nominative although pymorphy reads it as one: a foreign surname
    in -а put in the genitive ("Сейджи Маехары"), or "Токаева" after a man's first name
    ("Касым-Жомарта Токаева" is the genitive of "Касым-Жомарт Токаев", not a woman's name)."""
    last = words[-1].lower()
    if _genitive_a_stem(last):
        return True
    return len(words) > 1 and last.endswith(_MASC_SURNAME_GENT) and _masculine(words[0])


@cache
def _masculine(first: str) -> bool:
    """A first name pymorphy knows only as a man's ("Касым", "Сергея"; "Касым-Жомарта" by its first part)."""
    genders = {p.tag.gender for p in parse(first.split("-")[0]) if "Name" in p.tag}
    return genders == {"masc"}


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
        if "Surn" in p.tag and p.tag.case and p.tag.number != "plur":
            return p.tag.case
    w = word.lower()
    if _genitive_a_stem(w):
        return "gent"  # "Маехары": a foreign surname in -а
    return next((c for end, c in _CASE_BY_ENDING if w.endswith(end)), None)


# endings of a foreign name in -а ("Маехара", "Обама") in an oblique case, and the nominative's
_A_STEM = {("ы", "gent"): "а", ("у", "accs"): "а", ("ой", "ablt"): "а"}


def _nominative_in(word: str, case: str | None) -> str:
    """A name word in the nominative, read in the case of the whole name ("Олафа Шольца": gent)."""
    if case is None or case == "nomn" or not word[:1].isupper() or indeclinable(word):
        return nominative(word)
    if "-" in word:  # only the last part of a double first name declines ("Касым-Жомарта")
        head, _, last = word.rpartition("-")
        return f"{head}-{_nominative_in(last, case)}" if last[:1].isupper() else nominative(word)
    stem = surname_key(word)
    parses = parse(word)
    # an indeclinable (Fixd) name reading ("Джошуа") is wrong when the word is also a declined form
    # in the same case ("Сердару": the dative of "Сердар")
    ending = word.lower()[len(stem) :]
    declined = any(e == ending and c == case for e, c in _CASE_BY_ENDING) and any(
        p.tag.POS == "NOUN" and "Fixd" not in p.tag and p.tag.case == case and p.normal_form != word.lower()
        for p in parses
    )
    for p in parses:
        if (
            p.tag.case == case
            and (_known(p) or "Name" not in p.tag)  # a guessed first name ("Такэси" as of "Такэся")
            and p.tag.number != "plur"  # "Беназир" is no genitive plural of a name "Беназира"
            and any(g in p.tag for g in _NAME_TAGS)
            and not ("Fixd" in p.tag and declined)
        ):
            form = p.inflect({"nomn", "sing"})
            if form is not None and form.word.startswith(stem[:-1]):
                return form.word[:1].upper() + form.word[1:]
    if (ending, case) in _A_STEM:
        return word[: len(stem)] + _A_STEM[(ending, case)]
    if ending and any(ending == e and c == case for e, c in _CASE_BY_ENDING):
        return word[: len(stem)]  # a foreign name declined like a noun: cut the ending ("Шольца")
    return word


def _known(p) -> bool:  # p: a pymorphy2 Parse
    """A reading from pymorphy2's dictionary, not a guess from the word's ending."""
    stack = p.methods_stack  # a dictionary word under a guessed prefix ("Ола|фом") is a guess too
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


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
    if p.name != " ".join(form):
        return
    # the title's case holds for the whole name, also one whose surname does not decline
    # ("президента Александра Лукашенко")
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
        p = _find(persons, first, patr, sur, surname_key(words[0]) if len(words) == 1 else "")
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
        first = first_key(ws[k - 1]) if k >= 1 else ""
        sur = ws[k + 1 :] or ws[: max(0, k - 1)]
        return first, surname_key(ws[k]), surname_key(sur[-1]) if sur else ""
    if len(ws) >= 2:
        return first_key(ws[0]), "", surname_key(ws[-1])
    if ks[0] == "Name" and len(words) == 1:
        return first_key(ws[0]), "", ""
    return "", "", surname_key(ws[0])


@cache
def first_key(word: str) -> str:
    """A case-free key for a first name: its lemma when pymorphy knows it as a name ("Сергеем",
    "Сергей" -> "сергей", where cutting endings gives "серге" and "серг"), else the cut stem."""
    if "-" not in word:
        for p in parse(word):
            if "Name" in p.tag and "Fixd" not in p.tag and _known(p):  # not a guess ("Олафом")
                return p.normal_form.replace("ё", "е")
    return surname_key(word)


def _find(persons: list[Person], first: str, patr: str, sur: str, alone: str = "") -> Person | None:
    """The person a name belongs to; `alone` is the surname key of a name written as one word."""
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
    if alone and not sur and not patr:
        # a lone word pymorphy guesses to be a first name ("Ятимов", "Токаева") that is nobody's first
        # name but someone's surname is that surname
        cands = [p for p in persons if p.surname == alone]
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
    while j >= lo and toks[j].pos in ("ADJF", "PRTF"):
        codes = gazetteer.adjective_country(lem[j])
        if not (toks[j].text[:1].islower() or j == lo or (lem[j] in role_modifiers() and not codes)):
            break  # a capital letter mid-sentence starts a name, except in a title ("Федеральным канцлером")
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


# ---- the country of a role the text does not state next to it -----------------------------------

_CLAUSE_MARKS = {",", ";", ":", "—", "–", "(", ")"}
_REPUBLIC_LEADERS = ("президент", "премьер-министр", "премьер")  # not "король": "король поп-музыки"
_REPRESENT = {"представлять", "представить"}
_HEAD_VERBS = {"возглавить", "возглавлять", "возглавляемый", "возглавивший", "возглавлявший"}


@cache
def person_countries() -> dict[tuple[str, str], str]:
    """(first-name key, surname key) -> ISO code of well-known statesmen (person_countries.tsv); the
    first-name key is "" for names written without one ("Си Цзиньпин" is keyed by its whole name)."""
    out: dict[tuple[str, str], str] = {}
    for row in rows("person_countries.tsv", strip=True):
        words = row[0].split()
        out[(first_key(words[0]) if len(words) > 1 else "", surname_key(words[-1]))] = row[1]
        out[("", " ".join(w.lower().replace("ё", "е") for w in words))] = row[1]
    return out


@cache
def national_titles() -> frozenset[str]:
    """Head words of titles that are offices of a state (role_national.txt)."""
    return frozenset(r[0] for r in rows("role_national.txt", strip=True))


def infer_countries(doc: Doc, persons: list[Person], loc_at: dict, org_at: dict, home: str | None) -> None:
    """Give a country to roles written without one, from what the text implies, most direct first:
    the delegation the person leads ("индийскую делегацию возглавил министр ..."), the office the
    title serves ("пресс-секретарь главы государства": the head of state's country), a body named
    elsewhere with its country ("министр торговли" / "Министерство торговли Казахстана"), the
    person's other roles, and finally the country of a well-known statesman."""
    orgs = [(name.lower(), code) for _, name, _, code in org_at.values() if code]
    for end, name, _, code in org_at.values():
        # "министерства энергетики Казахстана и Узбекистана": the body of both countries
        nxt = (
            loc_at.get(end + 1)
            if code and end + 1 < len(doc.tokens) and doc.tokens[end].lemma == "и"
            else None
        )
        if nxt is not None and nxt[1] and nxt[2] == "COUNTRY":
            orgs.append((name.lower(), nxt[1]))
    for p in persons:
        for k, h in enumerate(p.roles):
            if h.country is not None or not h.title:
                continue
            code = (
                _clause_country(doc, h, loc_at)
                or _served_office_country(h, persons, home)
                or _body_country(h, orgs)
            )
            if code:
                p.roles[k] = RoleHit(h.title, code, h.organization, h.ts, h.te)
    for p in persons:
        known = {h.country for h in p.roles if h.country}
        code = known.pop() if len(known) == 1 else None
        if code is None and not known:
            code = known_statesman(p) or _home_leader(p, persons, home)
        if code is None:
            continue
        for k, h in enumerate(p.roles):
            if h.country is None and _national(h):
                p.roles[k] = RoleHit(h.title, code, h.organization, h.ts, h.te)


def _clause(doc: Doc, ts: int, te: int) -> tuple[int, int]:
    """The token range of the clause around [ts, te): up to punctuation or the sentence's ends."""
    sent = doc.sentence_at(doc.tokens[ts].start)
    lo, hi = (sent.token_start, sent.token_end) if sent else (0, len(doc.tokens))
    a = ts
    while a > lo and doc.tokens[a - 1].text not in _CLAUSE_MARKS:
        a -= 1
    b = te
    while b < hi and doc.tokens[b].text not in _CLAUSE_MARKS:
        b += 1
    return a, b


def _clause_country(doc: Doc, h: RoleHit, loc_at: dict) -> str | None:
    """The country the person's clause ties them to: the delegation they lead ("Кыргызскую делегацию
    возглавил председатель ГКНБ ...", "делегация Индии во главе с министром ...") or the country they
    represent (_represented)."""
    toks = doc.tokens
    a, b = _clause(doc, h.ts, h.te)
    lem = [t.lemma for t in toks[a:b]]
    leads = any(x in _HEAD_VERBS for x in lem) or any(
        lem[i] == "в" and lem[i + 1] == "глава" and lem[i + 2] == "с" for i in range(len(lem) - 2)
    )
    if not leads:
        return _represented(doc, h, a, b, lem, loc_at)
    codes = set()
    for i in range(a, b):
        if toks[i].lemma != "делегация":
            continue
        if i > a:
            codes.update(gazetteer.adjective_country(toks[i - 1].lemma))
        nxt = loc_at.get(i + 1)
        if nxt is not None and nxt[2] == "COUNTRY" and nxt[1]:
            codes.add(nxt[1])
    return codes.pop() if len(codes) == 1 else None


def _represented(doc: Doc, h: RoleHit, a: int, b: int, lem: list[str], loc_at: dict) -> str | None:
    """ "Россию на саммите представлял министр ...", "Иерусалим будет представлять министр ...": the
    one who represents a country (or its capital, for its government) holds its office; the place is
    the subject or object of the verb (not "представил доклад о Китае")."""
    if not any(x in _REPRESENT for x in lem):
        return None
    codes = set()
    for i in range(a, b):
        place = loc_at.get(i)
        if place is None or not place[1] or place[2] not in ("COUNTRY", "CITY") or h.ts <= i < h.te:
            continue
        word = doc.tokens[i].text
        if ent_morph.may_be(word, "nomn") or ent_morph.may_be(word, "accs") or word.isupper():
            codes.add(place[1])
    return codes.pop() if len(codes) == 1 else None


def _served_office_country(h: RoleHit, persons: list[Person], home: str | None) -> str | None:
    """ "пресс-секретарь главы государства", "помощник президента": the country of the person in
    the text who holds the office served (the home country's holder when several do)."""
    words = h.title.split()
    if len(words) < 2 or words[0].lower() not in national_titles():
        return None
    served = " ".join([_lemma(words[1]), *words[2:]])
    key = role_key(served)
    if key not in ("head_of_state", "head_of_government", "foreign_minister"):
        return None
    codes = {r.country for p in persons for r in p.roles if r.country and role_key(r.title) == key}
    if len(codes) == 1:
        return codes.pop()
    return home if home in codes else None


def _lemma(word: str) -> str:
    parses = [p for p in parse(word) if p.tag.POS == "NOUN"]
    return parses[0].normal_form if parses else word.lower()


def _body_country(h: RoleHit, orgs: list[tuple[str, str]]) -> str | None:
    """ "министр торговли и интеграции" when the text names "Министерство торговли и интеграции
    Казахстана": the body the title names (its complement after the head word) and its country."""
    words = h.title.split()
    if len(words) < 2 or h.plural:
        return None
    tail = " ".join(words[1:]).lower()
    if len(tail) < 4:
        return None
    codes = {code for name, code in orgs if f" {tail}" in f" {name} "}
    return codes.pop() if len(codes) == 1 else None


def _national(h: RoleHit) -> bool:
    """A title that is an office of a state ("президент", "министр энергетики", "сенатор"), not of an
    international body ("генсек ООН") or of a party, company or movement."""
    words = h.title.split()
    if not words or words[0].lower() not in national_titles():
        return False
    return not any(w[:1].isupper() and w.lower() not in state_body_words() for w in words[1:])


@cache
def state_body_words() -> frozenset[str]:
    """Capitalized words a national office title may contain ("глава МИД", "председатель ГКНБ")."""
    return frozenset(r[0].lower() for r in rows("role_national_bodies.txt", strip=True))


def _home_leader(p: Person, persons: list[Person], home: str | None) -> str | None:
    """A bare "президент" or "премьер-министр" with no country anywhere in the text is the leader of
    the country the article is about (the one named most), unless someone else holds that office
    there: news name their own country's president without the country."""
    bare = [h for h in p.roles if h.title.lower() in _REPUBLIC_LEADERS and not h.plural]
    keys = {role_key(h.title) for h in bare} & {"head_of_state", "head_of_government"}
    if home is None or len(keys) != 1:
        return None
    key = keys.pop()
    taken = any(
        q is not p and any(role_key(r.title) == key and r.country == home for r in q.roles) for q in persons
    )
    return None if taken else home


def known_statesman(p: Person) -> str | None:
    """The country of a well-known statesman (person_countries.tsv) by full name, or by a surname
    written alone when every listed namesake is of one country; else None."""
    known = person_countries()
    words = p.name.split()
    if not words:
        return None
    whole = " ".join(w.lower().replace("ё", "е") for w in words)
    code = known.get(("", whole))
    if code is None and len(words) > 1:
        code = known.get((first_key(words[0]), surname_key(words[-1])))
    if code is None and len(words) == 1:  # a surname alone: only when every namesake is of one country
        codes = _statesmen_by_surname().get(surname_key(words[0]), set())
        code = next(iter(codes)) if len(codes) == 1 else None
    return code


@cache
def _statesmen_by_surname() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for (first, sur), code in person_countries().items():
        if first:
            out.setdefault(sur, set()).add(code)
    return out
