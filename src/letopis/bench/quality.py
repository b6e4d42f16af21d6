"""`letopis bench quality`: entity spans against human annotation (factRuEval-2016), beside natasha.

Letopis and natasha's segmenter + NER run in the same process on the same texts. Spans are compared
per class (PER, ORG, LOC) and micro-averaged, under two matchings:
- strict: same start, end and class;
- overlap: a one-to-one matching of same-class spans that share at least one character.
Gold Person -> PER, Org -> ORG, Location and LocOrg -> LOC; other gold types are ignored and
identical gold spans are counted once. Letopis PERSON -> PER, ORGANIZATION -> ORG,
COUNTRY/CITY/REGION/LOCATION -> LOC; every mention is one span.

The gold facts are scored too: Occupation facts (who, position, where) against Letopis person
roles, and Meeting facts (participants) against Letopis events.

The scoring functions are pure (spans in, counts out) and unit-tested on hand-made gold.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from letopis.bench import DEFAULT_GOLD, read_jsonl

CLASSES = ("PER", "ORG", "LOC")
GOLD_CLASS = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
LETOPIS_CLASS = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "CITY": "LOC",
    "REGION": "LOC",
    "LOCATION": "LOC",
}
Span = tuple[int, int, str]  # (start, end, class)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Counts per class and matching ("strict", "overlap")."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)

    def get(self, mode: str, cls: str) -> Counts:
        return self.counts.setdefault((mode, cls), Counts())

    def micro(self, mode: str) -> Counts:
        total = Counts()
        for cls in CLASSES:
            total.add(self.get(mode, cls))
        return total


def gold_spans(entities: Iterable[dict]) -> set[Span]:
    """Gold entity annotations as deduplicated (start, end, class) spans; other types ignored."""
    return {(e["start"], e["end"], GOLD_CLASS[e["type"]]) for e in entities if e.get("type") in GOLD_CLASS}


def letopis_spans(extraction: dict) -> set[Span]:
    """Every mention of every Letopis entity of a scored type, as (start, end, class)."""
    out: set[Span] = set()
    for ent in extraction.get("entities") or []:
        cls = LETOPIS_CLASS.get(ent.get("type", ""))
        if cls:
            out.update((m["start"], m["end"], cls) for m in ent.get("mentions") or [])
    return out


def match_strict(gold: set[Span], pred: set[Span]) -> set[tuple[Span, Span]]:
    return {(s, s) for s in gold & pred}


def match_overlap(gold: set[Span], pred: set[Span]) -> set[tuple[Span, Span]]:
    """One-to-one matching of same-class spans sharing a character: exact pairs first, then the
    largest overlaps greedily (a maximum matching is not needed: spans of one class rarely cross)."""
    pairs = match_strict(gold, pred)
    free_g = sorted(gold - {g for g, _ in pairs})
    free_p = set(pred - {p for _, p in pairs})
    cands = []
    for g in free_g:
        for p in free_p:
            if p[2] == g[2] and p[0] < g[1] and g[0] < p[1]:
                cands.append((-(min(g[1], p[1]) - max(g[0], p[0])), g, p))
    used_g: set[Span] = set()
    used_p: set[Span] = set()
    for _, g, p in sorted(cands):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.add((g, p))
    return pairs


def score_spans(gold: set[Span], pred: set[Span], score: Score | None = None) -> Score:
    """Add one document's counts to `score` (a new one by default)."""
    score = score or Score()
    for mode, matcher in (("strict", match_strict), ("overlap", match_overlap)):
        pairs = matcher(gold, pred)
        for cls in CLASSES:
            tp = sum(1 for g, _ in pairs if g[2] == cls)
            c = score.get(mode, cls)
            c.tp += tp
            c.fn += sum(1 for g in gold if g[2] == cls) - tp
            c.fp += sum(1 for p in pred if p[2] == cls) - tp
    return score


def unmatched(gold: set[Span], pred: set[Span]) -> tuple[list[Span], list[Span]]:
    """(misses, false hits) under the overlap matching, plus boundary errors of the strict one."""
    pairs = match_overlap(gold, pred)
    mg = {g for g, p in pairs if g == p}
    mp = {p for g, p in pairs if g == p}
    return sorted(gold - mg), sorted(pred - mp)


# ---- facts ---------------------------------------------------------------------------------------


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "").lower().replace("ё", "е")).strip()


def _stem(word: str) -> str:
    """A crude stem for comparing inflected Russian words ("министра" ~ "министр")."""
    return _norm(word)[:5]


def _args(fact: dict, role: str) -> list[dict]:
    return [v for a in fact.get("arguments", []) if a.get("role") == role for v in a.get("values", [])]


def _surname(names: list[str]) -> str:
    """The gold writes person names surname first ("Медведев Дмитрий")."""
    return _norm(names[0].split()[0]) if names and names[0].split() else ""


def _person(people: list[dict], names: list[str]) -> dict | None:
    sur = _surname(names)
    if not sur:
        return None
    for p in people:
        if any(_stem(w) == _stem(sur) and len(w) >= len(sur) - 2 for w in _norm(p.get("name")).split()):
            return p
    return None


def _country_codes(names: list[str]) -> set[str]:
    from letopis.extractors.gazetteer import country_codes_in_text

    return {c for n in names for c in country_codes_in_text(n)}


def occupation_score(facts: list[dict], extraction: dict) -> Counts:
    """Occupation facts against roles: tp when the person is found with a role whose title shares a
    stem with the gold position and whose country/organization agrees with the gold 'Where' (when
    the gold gives one); fn otherwise. fp = roles of persons that match no gold Occupation."""
    people = [e for e in extraction.get("entities") or [] if e.get("type") == "PERSON"]
    c = Counts()
    credited: set[int] = set()
    for f in facts:
        if f.get("type") != "Occupation":
            continue
        who = [v for v in _args(f, "Who") if v.get("kind") == "entity"]
        person = _person(people, who[0].get("names", [])) if who else None
        if person is None:
            c.fn += 1
            continue
        positions = [_norm(v.get("text")) for v in _args(f, "Position")]
        where = [n for v in _args(f, "Where") for n in v.get("names", [])]
        codes = _country_codes(where)
        ok = False
        for i, role in enumerate(person.get("roles") or []):
            title = _norm(role.get("title"))
            if positions and not any(_stem(w) in pos for w in title.split() for pos in positions):
                continue
            if codes and role.get("country") not in codes:
                org = _norm(role.get("organization"))
                if not org or not any(_stem(org) in _norm(n) or _stem(n) in org for n in where):
                    continue
            ok = True
            credited.add(id(person) * 1000 + i)
        c.tp += ok
        c.fn += not ok
    roles = sum(len(p.get("roles") or []) for p in people)
    c.fp = max(0, roles - len(credited))
    return c


def meeting_score(facts: list[dict], extraction: dict) -> Counts:
    """Meeting facts against events: tp when one event names every gold participant found among
    Letopis persons (at least two); fp = events with two or more persons matching no gold meeting."""
    ents = {e.get("id"): e for e in extraction.get("entities") or []}
    events = extraction.get("events") or []
    people = [e for e in ents.values() if e.get("type") == "PERSON"]
    c = Counts()
    used: set[int] = set()
    for f in facts:
        if f.get("type") != "Meeting":
            continue
        gold = [_person(people, v.get("names", [])) for v in _args(f, "Participant")]
        ids = {p["id"] for p in gold if p}
        hit = None
        if len(ids) >= 2 and len(ids) == len(gold):
            hit = next((i for i, ev in enumerate(events) if ids <= set(ev.get("participants") or [])), None)
        if hit is None:
            c.fn += 1
        else:
            c.tp += 1
            used.add(hit)
    for i, ev in enumerate(events):
        persons = [p for p in ev.get("participants") or [] if (ents.get(p) or {}).get("type") == "PERSON"]
        if i not in used and len(persons) >= 2:
            c.fp += 1
    return c


# ---- running -------------------------------------------------------------------------------------


def natasha_spans(text: str) -> set[Span]:
    """natasha's segmenter + NER alone, the baseline: its PER/ORG/LOC spans."""
    from natasha import Doc

    from letopis.nlp import models

    m = models()
    d = Doc(text)
    d.segment(m.segmenter)
    d.tag_ner(m.ner)
    return {(s.start, s.stop, s.type) for s in d.spans if s.type in CLASSES}


def letopis_extraction(text: str, doc_id: str) -> dict:
    """The full extraction of one gold text (offsets kept: the text is not normalized)."""
    from letopis import extractors
    from letopis.nlp import analyse

    return json.loads(extractors.run(analyse(text, id=doc_id)).to_json())


@dataclass
class Report:
    letopis: Score
    natasha: Score
    occupation: Counts
    meeting: Counts
    docs: int
    seconds: float
    letopis_seconds: float = 0.0
    natasha_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def run(records: list[dict], predictions: Path | None = None, errors: bool = False) -> Report:
    letopis_extraction("Президент России прибыл в Москву.", "warm-up")  # load models and lexicons first
    natasha_spans("Москва.")
    t0 = time.perf_counter()
    let, nat = Score(), Score()
    occ, meet = Counts(), Counts()
    errs: list[str] = []
    t_let = t_nat = 0.0
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for rec in records:
            text = rec.get("text", "")
            gold = gold_spans(rec.get("entities", []))
            t = time.perf_counter()
            x = letopis_extraction(text, str(rec.get("id")))
            t_let += time.perf_counter() - t
            t = time.perf_counter()
            base = natasha_spans(text)
            t_nat += time.perf_counter() - t
            pred = letopis_spans(x)
            score_spans(gold, pred, let)
            score_spans(gold, base, nat)
            occ.add(occupation_score(rec.get("facts", []), x))
            meet.add(meeting_score(rec.get("facts", []), x))
            if out:
                out.write(json.dumps(x, ensure_ascii=False) + "\n")
            if errors:
                errs.extend(_error_lines(str(rec.get("id")), text, gold, pred))
    finally:
        if out:
            out.close()
    return Report(let, nat, occ, meet, len(records), time.perf_counter() - t0, t_let, t_nat, errs)


def _error_lines(doc_id: str, text: str, gold: set[Span], pred: set[Span]) -> list[str]:
    miss, false = unmatched(gold, pred)
    lines = []
    for kind, spans in (("MISS", miss), ("FALSE", false)):
        for s, e, cls in spans:
            ctx = text[max(0, s - 40) : s] + "[" + text[s:e] + "]" + text[e : e + 40]
            lines.append(f"{doc_id}\t{kind}\t{cls}\t{text[s:e]!r}\t{ctx.replace(chr(10), ' ')}")
    return lines


def show(report: Report, console: Console) -> None:
    for mode in ("strict", "overlap"):
        table = Table(title=f"Entities, {mode} matching ({report.docs} documents)")
        table.add_column("class")
        for who in ("Letopis", "natasha"):
            for m in ("P", "R", "F1"):
                table.add_column(f"{who} {m}", justify="right")
        for cls in (*CLASSES, "micro"):
            row = [cls]
            for sc in (report.letopis, report.natasha):
                c = sc.micro(mode) if cls == "micro" else sc.get(mode, cls)
                row += [f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]
            table.add_row(*row)
        console.print(table)
    facts = Table(title="Facts (Letopis)")
    for col in ("fact", "tp", "fp", "fn", "P", "R", "F1"):
        facts.add_column(col, justify="right" if col != "fact" else "left")
    for name, c in (("Occupation -> roles", report.occupation), ("Meeting -> events", report.meeting)):
        facts.add_row(
            name, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"
        )
    console.print(facts)
    console.print(
        f"{report.docs} documents in {report.seconds:.1f} s: Letopis (full extraction) "
        f"{report.letopis_seconds:.1f} s, natasha (segment + NER) {report.natasha_seconds:.1f} s"
    )


def cli(
    gold: Annotated[
        Path, typer.Option(help="JSON Lines: {id, text, entities, facts} per line.")
    ] = DEFAULT_GOLD,
    predictions: Annotated[Path | None, typer.Option(help="Write per-document extractions here.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List misses and false hits in context.")] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
) -> None:
    """Entity quality (PER/ORG/LOC, strict and overlap) against annotated news, beside natasha."""
    if not gold.exists():
        raise typer.BadParameter(f"{gold} not found (the factRuEval dev set lives in ../shared/gold)")
    records = read_jsonl(gold)[:limit] if limit else read_jsonl(gold)
    report = run(records, predictions, errors)
    console = Console()
    if errors:
        for line in report.errors:
            print(line)
    show(report, console)
