"""Figures: money amounts and percentages with what they measure (interface: extract(doc, ents)).

A figure is a quantity with a currency or a percent unit (numbers.quantities), read in its sentence:
- qualifier from the words just before the number, also over "на" ("примерно на 40 %"; not the
  comparatives "выше на 5 %") (data/qualifiers.tsv): свыше/более/превысив -> gt,
  как минимум/не менее -> gte, менее -> lt, почти -> lt (a value short of the number), до -> lte,
  около/порядка/примерно -> approx. "до" after a change verb ("увеличить до", "уменьшился с X до Y")
  names an endpoint, not a bound: eq.
- kind from context cues (data/figure_kinds.tsv), the first that applies:
    potential  готовы/могут/резервы before the number, or a following "если"/"в случае" clause (a threat)
    deal       a purchase or an exchange (заплатит, купила, в обмен на), or a signed contract/agreement
    change     "+40 %", "вырос на 40 %", "на 10 % сократились", "на 15 % больше", "рост составил 8 %"
    actual / target / forecast for "до" after a change verb: "вырос до" (realised) is actual, "нарастить
               до"/"увеличить до" a target, or a forecast when the sentence forecasts (прогноз, ожидается)
    forecast   ожидается, прогноз, по оценкам, unless the clause reports the past ("по оценкам, закупили"
               is an estimate of what happened: actual); "составит"/"достигнет"/"превысит" (future)
    target     планирует, намерены, задача; any other future-tense predicate ("выделит кредит"), but
               not a verb of both aspects ("реализуют" is as often a present)
    actual     otherwise ("составил", "превысив")
- metric from the nearest metric lemma (data/metrics.tsv): the noun after the currency ("долларов
  кредитов"), else backwards through the sentence, else forwards; sector likewise
  (data/figure_sectors.tsv).
- period from periods.periods_in over the sentence, nearest before the number (else after), resolved
  against the publication date or, without one, the year the text implies (periods.reference_date).
  A deadline ("к 2030 году", "до 2030 года") gives the year itself: the text fixes the year a target is
  due, not when its period starts (facts-dev README: a period only when the text fixes it). An actual
  or change figure whose sentence states no period takes the period of the sentence right before it
  when that one holds figures too, in the same paragraph ("В 2023 году товарооборот составил X.
  Экспорт составил Y, импорт — Z.").
What counts (figures are about economic relations): money always; a percentage only when its sentence
has an economic measure word (data/metrics.tsv: a metric such as экспорт/цена/бюджет, an economic
"other" word such as задолженность/расчеты/налог, or a stake such as доля/акции/рынок) and none of the
"none" words (скидка, голос, избиратель, явка). Election results, shares of a population, audience
growth and shop discounts are not figures.
- countries named in the sentence, else the document's two most mentioned countries.
Evidence is the sentence. "на 100 %" with nothing measured ("уверен на 100 %") is an idiom, not a figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from letopis.extractors import numbers, periods
from letopis.extractors.entities import EntityIndex
from letopis.extractors.lexicon import table, words
from letopis.model import Figure, Period
from letopis.nlp import Doc
from letopis.nlp.doc import Sentence, Token
from letopis.nlp.pipeline import parse

# Quotation marks do not end a clause: «парижскому клубу» sits inside one.
_CLAUSE_BREAKS = frozenset(",;:()")
_PREPS = frozenset({"до", "на", "с", "от"})
# A change or endpoint verb in these forms has not happened yet: "увеличить до" is a target.
_UNREALISED = ("INFN", "NOUN")
# "на уровне 5 %" names a level, not a change by 5 %.
_LEVEL = frozenset({"уровень", "отметка", "рубеж"})
_COMPARATIVES = frozenset({"выше", "ниже", "больше", "меньше"})
_VERBAL = frozenset({"VERB", "INFN", "GRND", "PRTF", "PRTS"})
_COMPARATIVE_LEMMAS = frozenset({"выше", "ниже", "большой", "маленький", "больше", "меньше"})
_REALISED = ("actual", "change")


@dataclass(frozen=True)
class _Lexicon:
    qualifiers: dict[tuple[str, ...], str]
    max_phrase: int
    metrics: dict[str, str]
    money_metrics: dict[str, str]  # without the stake words
    pct_metrics: dict[str, str]  # stake words read as "other"
    not_economic: frozenset[str]  # a percentage near these is no economic figure ("скидка")
    sectors: dict[str, str]
    cues: dict[str, frozenset[str]]
    fillers: frozenset[str]  # words between a qualifier/preposition and its number
    weak: frozenset[str]  # metric words that yield to the noun they describe ("контракт стоимостью")


@cache
def _lex() -> _Lexicon:
    quals = {tuple(p.split()): q for p, q in table("qualifiers.tsv")}
    metrics = {lemma: m for lemma, m in table("metrics.tsv")}
    cues: dict[str, set[str]] = {}
    for lemma, cue in table("figure_kinds.tsv"):
        cues.setdefault(cue, set()).add(lemma)
    return _Lexicon(
        qualifiers=quals,
        max_phrase=max(map(len, quals)),
        metrics=metrics,
        money_metrics={k: v for k, v in metrics.items() if v not in ("stake", "none")},
        pct_metrics={k: v for k, v in metrics.items() if v != "none"} | {k: "other" for k, v in metrics.items() if v == "stake"},
        not_economic=frozenset(k for k, v in metrics.items() if v == "none"),
        sectors={lemma: s for lemma, s in table("figure_sectors.tsv")},
        cues={k: frozenset(v) for k, v in cues.items()},
        fillers=words("figure_fillers.txt"),
        weak=words("figure_weak_metrics.txt"),
    )


def extract(doc: Doc, ents: EntityIndex) -> list[Figure]:
    hits = numbers.unit_offsets(doc)
    if not hits:
        return []
    ref = periods.reference_date(doc.text, doc.published)
    main_pair: list[str] | None = None
    out: list[Figure] = []
    prev: tuple[Sentence, list[tuple[int, int, Period]]] | None = None  # the last sentence with figures
    named: tuple[Sentence, str] | None = None  # the last sentence whose figure named its metric
    for sent in _sentences_at(doc, hits):
        toks = doc.sentence_tokens(sent)
        found = numbers.quantities(doc, toks)
        money = any(q.unit != "%" for q in found)
        qs = [q for q in found if _economic(toks, q, money)]
        if not qs:
            continue
        sent_periods = periods.periods_in(doc.text[sent.start : sent.end], ref, until_as_year=True)
        inherited = _inherited_period(doc, sent, prev) if not sent_periods else None
        countries = ents.countries_in(sent.start, sent.end)
        if not countries:
            main_pair = _main_countries(ents) if main_pair is None else main_pair
            countries = main_pair
        stated: list[tuple[int, int, Period]] = []  # periods of this sentence's realised figures
        fallback = _carried_metric(doc, sent, named)
        for q in qs:
            fig = _figure(doc, sent, toks, q, sent_periods, countries, len(out) + 1, fallback)
            if fig is not None:
                if _metric(toks, q) is not None:
                    named = (sent, fig.metric)
                if fig.period is None and inherited is not None and fig.kind in _REALISED:
                    fig.period = inherited
                if fig.period is not None and fig.kind in _REALISED:
                    stated.append((0, 0, fig.period))
                out.append(fig)
        # only a realised figure's period carries on: a target's deadline ("к 2027 году") says nothing
        # of when the next sentence's amounts stood
        prev = (sent, stated)
    return out


def _carried_metric(doc: Doc, sent: Sentence, named: tuple[Sentence, str] | None) -> str | None:
    """"Товарооборот вырос до 700 млн долларов. «Наша цель — довести его до 3 млрд»": a figure whose
    sentence names no measure continues the measure of the sentence just before (or the one before
    that), within one paragraph."""
    if named is None:
        return None
    before, metric = named
    gap = doc.text[before.end : sent.start]
    if "\n" in gap or sent.index - before.index > 2:
        return None
    return metric


def _economic(toks: list[Token], q: numbers.Quantity, money: bool = False) -> bool:
    """Money always; a percentage only when its sentence names what it measures in economic terms
    (a metric lemma of data/metrics.tsv, a stake such as "доля"/"акций") or holds a money amount too
    ("они увеличились на 16 процентов, до 237 млн фунтов"). Vote shares, population shares, audience
    growth and discounts carry no such word and are not figures of relations."""
    if q.unit != "%":
        return True
    lx = _lex()
    if any(t.lemma in lx.not_economic for t in toks):
        return False
    return money or _nearest(toks, q, lx.pct_metrics) is not None


def _inherited_period(
    doc: Doc, sent: Sentence, prev: tuple[Sentence, list[tuple[int, int, Period]]] | None
) -> Period | None:
    """A run of statistics states its period once: "В 2023 году товарооборот составил X. Экспорт
    составил Y, импорт — Z." The period of the sentence right before, when that sentence holds
    figures too and no paragraph break stands between them, carries over to a sentence with none."""
    if prev is None or not prev[1]:
        return None
    before, found = prev
    gap = doc.text[before.end : sent.start]
    if "\n" in gap or gap.strip():
        return None  # another paragraph, or a sentence without figures in between
    return found[-1][2]


def _sentences_at(doc: Doc, offsets: list[int]) -> list[Sentence]:
    """The sentences holding these offsets, each once, in text order."""
    out: list[Sentence] = []
    for off in offsets:
        sent = doc.sentence_at(off)
        if sent is not None and (not out or out[-1] is not sent):
            out.append(sent)
    return out


def _main_countries(ents: EntityIndex) -> list[str]:
    counts: Counter[str] = Counter()
    for e in ents.entities:
        if e.type == "COUNTRY" and e.country:
            counts[e.country] += max(1, len(e.mentions))
    return sorted(c for c, _ in counts.most_common(2))


def _figure(
    doc: Doc,
    sent: Sentence,
    toks: list[Token],
    q: numbers.Quantity,
    sent_periods: list[tuple[int, int, Period]],
    countries: list[str],
    n: int,
    fallback: str | None = None,
) -> Figure | None:
    ctx = _Context(toks, q)
    metric = _metric(toks, q) or fallback or "other"
    if q.unit == "%" and q.value == 100 and ctx.prep == "на" and metric == "other":
        return None  # "уверен на 100 %", "выполнено на 100 процентов"
    qualifier = ctx.qualifier()
    kind = ctx.kind()
    value = -q.value if q.sign < 0 else q.value
    text = doc.text[sent.start : sent.end]
    return Figure(
        id=f"F{n}",
        text=text,
        start=sent.start,
        end=sent.end,
        metric=metric,  # type: ignore[arg-type]
        sector=_nearest(toks, q, _lex().sectors),
        value=value,
        unit=q.unit or "",
        qualifier=qualifier,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        period=_period(doc, sent, toks[q.num_tok].start, sent_periods),
        countries=list(countries),
    )


class _Context:
    """The words around one quantity that decide its qualifier and kind."""

    def __init__(self, toks: list[Token], q: numbers.Quantity):
        self.toks, self.q = toks, q
        lo = q.start_tok
        while lo > 0 and toks[lo - 1].text not in _CLAUSE_BREAKS:
            lo -= 1
        self.clause_start = lo
        self.clause = toks[lo : q.start_tok]  # the clause up to the number
        hi = q.end_tok
        while hi < len(toks) and toks[hi].text not in _CLAUSE_BREAKS:
            hi += 1
        self.rest = toks[q.end_tok : hi]  # the clause after the figure
        self.after_clause = toks[hi + 1 : hi + 3]  # the first words of the next clause
        self.lemmas = [t.lemma for t in self.clause]
        self.sent_lemmas = {t.lemma for t in toks}
        self.phrase, self.phrase_at = self._qualifier_phrase()
        self.prep, self.prep_at = self._preposition()

    def _qualifier_phrase(self) -> tuple[tuple[str, ...] | None, int]:
        """The nearest qualifier phrase before the number, over filler words only."""
        lx = _lex()
        lem = self.lemmas
        end = len(lem)
        over_na = False
        while end > 0 and end > len(lem) - 8:
            for size in range(min(lx.max_phrase, end), 0, -1):
                phrase = tuple(lem[end - size : end])
                if phrase in lx.qualifiers and not (over_na and phrase[-1] in _COMPARATIVE_LEMMAS):
                    return phrase, end - size
            # "примерно на 40 %", "более чем на 700 млн": the qualifier bounds the amount of the
            # change; "выше на 5 %" is a comparison, not a bound
            if lem[end - 1] == "на":
                over_na = True
            elif lem[end - 1] not in lx.fillers:
                break
            end -= 1
        return None, -1

    def _preposition(self) -> tuple[str | None, int]:
        """The preposition that governs the number ("на 40 %", "до уровня десяти"), over fillers."""
        lx = _lex()
        for k in range(len(self.lemmas) - 1, max(-1, len(self.lemmas) - 9), -1):
            lemma = self.lemmas[k]
            if lemma in _PREPS:
                return lemma, k
            if (
                lemma not in lx.fillers
                and (lemma,) not in lx.qualifiers
                and lemma not in ("как", "не", "чем")
            ):
                break
        return None, -1

    def _change_verb(self) -> Token | None:
        """The change verb (or noun) that governs the preposition, nearest first.

        Looked for in the clause before the preposition; for "на" also right after the figure ("на 10 %
        сократились выплаты"); and, when the clause has no verb of its own ("…вырастут на 11 %, а в
        других странах — на 20 %"), in the sentence before it.
        """
        change = _lex().cues["change"]
        for t in reversed(self.clause[: self.prep_at]):
            if t.lemma in change:
                return t
        if self.prep == "на":
            for t in self.rest:
                if t.lemma in change and t.pos in _VERBAL:
                    return t
        if not any(t.pos in _VERBAL for t in self.clause):
            for t in reversed(self.toks[: self.clause_start]):
                if t.lemma in change and t.pos in _VERBAL:
                    return t
        return None

    def qualifier(self) -> str:
        phrase = self.phrase
        if phrase is None:
            # "2-3 %": the ends of a range are bounds
            return {"lo": "gte", "hi": "lte"}.get(self.q.bound or "", "eq")
        q = _lex().qualifiers[phrase]
        if phrase == ("до",) and self._change_verb() is not None:
            return "eq"  # "нарастить до 2 млрд", "уменьшился до 60 млрд": the endpoint itself
        return q

    def kind(self) -> str:
        cues = _lex().cues
        lemmas = set(self.lemmas)
        if lemmas & cues["potential"] or {t.lemma for t in self.after_clause} & cues["condition"]:
            return "potential"
        if self.sent_lemmas & cues["deal"] or (
            self.sent_lemmas & cues["document"] and self.sent_lemmas & cues["signing"]
        ):
            return "deal"
        if self.q.sign:
            return "change"
        if self.prep != "до" and any(
            t.lemma in cues["change"] and t.pos == "NOUN" and t.has("nomn") for t in self.clause
        ):
            return "change"  # "рост составил 8 %", "прирост экспорта — 12 млн долларов"
        if self.prep == "с" and self.q.unit is not None:
            return "actual"  # "снижены с 15 % до 5 %": the starting value is the current one
        verb = self._change_verb() if self.prep in ("на", "до") else None
        at_level = any(t in _LEVEL for t in self.lemmas[self.prep_at + 1 :])
        if self.prep == "на" and not at_level and (verb is not None or self._comparative_after()):
            return "change"  # "вырос на 40 %", "на 15 % больше, чем годом ранее"
        forecast = self._forecast()
        if verb is not None:  # "до" after a change verb: "вырос до" actual, "нарастить до" a target
            future = any(t.pos == "VERB" and t.has("futr") for t in self.clause)  # "будут снижены до"
            if not (_unrealised(verb) or future or lemmas & cues["plan"]):
                return "actual"
            return "forecast" if forecast else "target"
        if lemmas & cues["agreed"] or (self.sent_lemmas & cues["terms"] and self.sent_lemmas & cues["document"]):
            # "договорились учредить фонд с капиталом X", "согласно соглашению, доли распределятся
            # по 33 %": an amount fixed by the sides' agreement is a term of the deal
            return "deal"
        # The predicate may stand after the figure: "500 млн евро будут выделены".
        metrics = _lex().metrics
        verbs = [
            t
            for t in (*self.clause, *self.rest)
            if t.pos == "VERB" and t.has("futr") and t.text.lower() not in metrics and not _biaspectual(t)
        ]
        if forecast or any(t.lemma in cues["reach"] for t in verbs):
            return "forecast"  # "ожидается", "составит", "превысит"
        if lemmas & cues["plan"] or verbs:
            return "target"  # "планирует выплатить", "выделит кредит": what is to be done
        return "actual"

    def _forecast(self) -> bool:
        """A forecast cue in the figure's own clause makes a forecast unless the clause reports the
        past; a cue elsewhere in the sentence ("Ожидается, что президенты обсудят …: портфель заказов
        превышает X") yields to a clause that states a present or past fact of its own."""
        fc = _lex().cues["forecast"]
        if {t.lemma for t in (*self.clause, *self.rest)} & fc:
            return not self._past_predicate()
        if not self.sent_lemmas & fc:
            return False
        words = (*self.clause, *self.rest)
        if any(t.pos == "VERB" and (t.has("past") or t.has("pres")) for t in words):
            return any(t.pos == "VERB" and t.has("futr") for t in words)
        return True

    def _past_predicate(self) -> bool:
        """The figure's clause reports a past fact ("по оценкам, закупили на 700 млн"): an estimate
        of what happened is actual, not a forecast; a future verb keeps the forecast."""
        words = (*self.clause, *self.rest)
        if any(t.pos == "VERB" and t.has("futr") for t in words):
            return False
        return any(t.pos == "VERB" and t.has("past") for t in words)

    def _comparative_after(self) -> bool:
        nxt = self.rest[0] if self.rest else None
        return nxt is not None and (nxt.pos == "COMP" or nxt.lemma in _COMPARATIVES)


def _biaspectual(t: Token) -> bool:
    """"реализуют", "используют": a verb of both aspects reads first as a perfective future, but it
    is as often a present; it alone does not make a figure a target."""
    return any(p.normal_form.replace("ё", "е") == t.lemma and p.tag.tense == "pres" for p in parse(t.text))


def _unrealised(t: Token) -> bool:
    return t.pos in _UNREALISED or t.has("futr") or t.has("impr")


def _metric(toks: list[Token], q: numbers.Quantity) -> str | None:
    """The metric lemma nearest the figure; "stake" words (акции, доля) only measure percentages;
    None when the sentence names no measure at all."""
    lx = _lex()
    if q.unit == "%":
        # "5 % акций": a stake, whatever verb bought it
        k = q.end_tok
        while k < len(toks) and toks[k].pos == "ADJF":
            k += 1
        if k < len(toks) and lx.metrics.get(toks[k].lemma) == "stake":
            return "other"
        # "доля России в импорте составляет 35 %": the subject is a share, whatever it is a share of
        for t in reversed(toks[: q.start_tok]):
            if t.text in _CLAUSE_BREAKS:
                break
            if lx.metrics.get(t.lemma) == "stake" and t.pos == "NOUN" and t.has("nomn"):
                return "other"
        metrics = lx.pct_metrics
    else:
        metrics = lx.money_metrics
        # The head noun after the currency: "25 миллиардов долларов кредитов".
        k = q.end_tok
        if k < len(toks) and toks[k].pos == "NOUN" and toks[k].has("gent") and toks[k].lemma in metrics:
            return metrics[toks[k].lemma]
    k = _nearest_at(toks, q, metrics)
    if k is None:
        return None
    if toks[k].lemma in lx.weak:
        # "контракт стоимостью 300 млн", "стоимость проекта": the cost of a thing is what the thing
        # measures; only the cost of goods ("стоимость газа") is a price
        for j in (k + 1, *range(k - 1, max(-1, k - 4), -1)):
            if 0 <= j < len(toks) and toks[j].pos == "NOUN" and toks[j].lemma in metrics and toks[j].lemma not in lx.weak:
                return metrics[toks[j].lemma]
            if j < k and toks[j].pos not in ("ADJF", "PRTF"):
                break
    return metrics.get(toks[k].lemma) or metrics[toks[k].text.lower()]


def _nearest(toks: list[Token], q: numbers.Quantity, lexicon: dict[str, str]) -> str | None:
    """The lexicon value of the nearest listed lemma: backwards from the number first, then forwards."""
    k = _nearest_at(toks, q, lexicon)
    return None if k is None else lexicon.get(toks[k].lemma) or lexicon.get(toks[k].text.lower())


def _nearest_at(toks: list[Token], q: numbers.Quantity, lexicon: dict[str, str]) -> int | None:
    """The index of the nearest token with a listed lemma (or word: "заем" parses as a verb)."""
    for k in (*range(q.start_tok - 1, -1, -1), *range(q.end_tok, len(toks))):
        if toks[k].lemma in lexicon or toks[k].text.lower() in lexicon:
            return k
    return None


def _period(doc: Doc, sent: Sentence, at: int, found: list[tuple[int, int, Period]]) -> Period | None:
    """The period nearest before the number (else the first after); document dates ("от 2009 года") skip."""
    rel, text = at - sent.start, doc.text[sent.start : sent.end]
    usable = [(s, e, p) for s, e, p in found if not text[max(0, s - 3) : s].rstrip().endswith("от")]
    before = [f for f in usable if f[1] <= rel]
    if before:
        return before[-1][2]
    after = [f for f in usable if f[0] >= rel]
    return after[0][2] if after else None
