"""The article with every fact highlighted, built safely from character offsets.

Facts overlap freely (an entity mention inside a quote inside a figure's sentence), so instead of
nesting tags we cut the text at every span boundary: each piece is escaped and wrapped in ONE
<span> whose classes and `data-f` tokens name every fact covering it. Overlaps can never produce
broken markup, and untrusted text never reaches the page unescaped.

Works on a document as a plain dict: either `Extraction.model_dump()` (the analyse page, where
speakers and participants are entity ids) or `query.get_document()` (stored documents, where they
are PersonRef dicts or names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from letopis.web import fmt

KINDS = ("entity", "quote", "figure", "agreement", "event", "commitment")
_SENTENCE_KINDS = KINDS[1:]
_TOKEN_UNSAFE = re.compile(r"[^\w.:-]+")


@dataclass
class FactItem:
    """One entry of the side list; `token` links it to its highlighted evidence."""

    kind: str
    token: str
    label: str
    detail: str = ""
    start: int = 0
    end: int = 0
    sub: str = ""  # a css modifier, e.g. the entity type or the figure kind


@dataclass
class Span:
    start: int
    end: int
    kind: str
    token: str
    title: str
    sub: str = ""


@dataclass
class Highlighted:
    html: Markup
    facts: dict[str, list[FactItem]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.facts.values())


def token(kind: str, fact_id: Any) -> str:
    """A safe, space-free token for `data-f` (ids come from the store and are not trusted)."""
    return f"{kind}-{_TOKEN_UNSAFE.sub('_', str(fact_id))}"


def highlight_document(doc: dict[str, Any], target: tuple[int, ...] | None = None) -> Highlighted:
    """Marked-up article text and the side list of its facts.

    `target` (start, end) marks one evidence passage to scroll to (links from the dossier land there).
    """
    text = str(doc.get("text") or "")
    names = {str(e.get("id")): str(e.get("name") or "") for e in doc.get("entities") or []}
    facts: dict[str, list[FactItem]] = {k: [] for k in KINDS}
    spans: list[Span] = []
    for ent in doc.get("entities") or []:
        _add_entity(ent, facts, spans, len(text))
    for kind in _SENTENCE_KINDS:
        for i, fact in enumerate(doc.get(kind + "s") or []):
            item = _describe(kind, fact, names, i)
            if item is None:
                continue
            facts[kind].append(item)
            spans.append(Span(item.start, item.end, kind, item.token, f"{fmt.label('kind', kind)}: {item.label}",
                              item.sub))
    if target and len(target) == 2 and target[0] < target[1]:
        spans.append(Span(target[0], target[1], "target", "target", "Цитируемый фрагмент"))
    # The side list shows the sentence-level facts first; the (long) list of participants last.
    order = (*_SENTENCE_KINDS, "entity")
    facts = {k: facts[k] for k in order if facts[k]}
    return Highlighted(render(text, spans), facts)


def _add_entity(ent: dict[str, Any], facts: dict[str, list[FactItem]], spans: list[Span], n: int) -> None:
    mentions = [m for m in ent.get("mentions") or [] if _valid(m.get("start"), m.get("end"), n)]
    etype = str(ent.get("type") or "")
    tok = token("entity", ent.get("id"))
    name = str(ent.get("name") or "")
    if not mentions:
        return
    first = min(mentions, key=lambda m: m["start"])
    detail = fmt.label("entity_type", etype)
    roles = [r.get("title") for r in ent.get("roles") or [] if isinstance(r, dict) and r.get("title")]
    if roles:
        detail += " · " + ", ".join(roles[:2])
    facts["entity"].append(FactItem("entity", tok, name, detail, first["start"], first["end"], etype))
    for m in mentions:
        spans.append(Span(m["start"], m["end"], "entity", tok, f"{name} ({fmt.label('entity_type', etype)})",
                          etype))


def _valid(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def _person(ref: Any, names: dict[str, str]) -> str:
    """A speaker/participant: a PersonRef dict, an entity id, or a plain name."""
    if isinstance(ref, dict):
        return str(ref.get("name") or ref.get("id") or "")
    if ref is None:
        return ""
    return names.get(str(ref), str(ref))


def _describe(kind: str, f: dict[str, Any], names: dict[str, str], i: int) -> FactItem | None:
    start, end = f.get("start"), f.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    tok = token(kind, f.get("id", i))
    text = fmt.short(f.get("text"), 140)
    if kind == "quote":
        who = _person(f.get("speaker"), names) or "Автор не указан"
        sub = "direct" if f.get("direct") else "indirect"
        return FactItem(kind, tok, who, f"«{text}»" if f.get("direct") else text, start, end, sub)
    if kind == "figure":
        lbl = f"{fmt.label('metric', f.get('metric'))}: {fmt.amount(f.get('value'), f.get('unit'), f.get('qualifier'))}"
        bits = [fmt.label("figure_kind", f.get("kind")), fmt.period(f.get("period")),
                "–".join(f.get("countries") or []), fmt.label("sector", f.get("sector"))]
        return FactItem(kind, tok, lbl, " · ".join(b for b in bits if b), start, end, str(f.get("kind") or ""))
    if kind == "agreement":
        bits = [fmt.label("agreement_type", f.get("type")), fmt.label("agreement_status", f.get("status")),
                fmt.date(f.get("date"))]
        return FactItem(kind, tok, fmt.short(f.get("title"), 90) or "Документ", " · ".join(b for b in bits if b),
                        start, end, str(f.get("status") or ""))
    if kind == "event":
        people = ", ".join(p for p in (_person(x, names) for x in f.get("participants") or []) if p)
        bits = [fmt.label("event_type", f.get("type")), fmt.label("event_status", f.get("status")),
                fmt.date(f.get("date")), _person(f.get("location"), names), people]
        return FactItem(kind, tok, fmt.short(f.get("name"), 90) or "Событие", " · ".join(b for b in bits if b),
                        start, end, str(f.get("status") or ""))
    actors = ", ".join(p for p in (_person(x, names) for x in f.get("actors") or []) if p)
    lbl = fmt.label("modality", f.get("modality")).capitalize()
    if f.get("status"):
        lbl += f" · {fmt.label('commitment_status', f.get('status'))}"
    detail = " · ".join(b for b in (actors, fmt.date(f.get("deadline")), text) if b)
    return FactItem(kind, tok, lbl, detail, start, end, str(f.get("status") or ""))


def render(text: str, spans: list[Span]) -> Markup:
    """Escape `text`, wrapping each piece covered by spans in one <span> naming all of them.

    Spans outside the text or empty are ignored; boundaries are clamped to the text.
    """
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end and s.start < n]
    cuts = sorted({0, n, *(s.start for s in spans), *(min(s.end, n) for s in spans)})
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[str] = []
    for a, b in pairwise(cuts):
        active = [s for s in active if s.end > a] + starting.get(a, [])
        piece = str(escape(text[a:b]))
        if not active:
            out.append(piece)
            continue
        out.append(_open(active) + piece + "</span>")
    return Markup("".join(out))


def _open(active: list[Span]) -> str:
    kinds = sorted({s.kind for s in active}, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
    classes = ["hl", *(f"k-{k}" for k in kinds)]
    ent = next((s for s in active if s.kind == "entity"), None)
    if ent is not None and ent.sub:
        classes.append("t-" + _TOKEN_UNSAFE.sub("_", ent.sub))
    tokens = " ".join(dict.fromkeys(s.token for s in active))
    title = "\n".join(dict.fromkeys(s.title for s in active))
    return f'<span class="{" ".join(classes)}" data-f="{escape(tokens)}" title="{escape(title)}">'
