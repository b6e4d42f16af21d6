"""Knowledge-base query commands: pair, pairs, quotes, figures, agreements, commitments, events, stories,
documents, search, entity, export, and `demo` (the README's main job).

Every command is a thin shell over `letopis.query` (the same data as the REST API): `--format json`
prints it as is, `--format text` renders it with rich tables. `--db` takes a SQLAlchemy URL or a
SQLite path (default: $LETOPIS_DB, else the per-user file; see `letopis.store.db`).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from letopis.cli import app

# Piped output is not cut to 80 columns: tables stay readable in files and pagers.
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path (default: $LETOPIS_DB, "
                                            "else the per-user file).")]
FmtOpt = Annotated[str, typer.Option("--format", help="text or json.")]
SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).")]
PairOpt = Annotated[str | None, typer.Option(help="Country pair: KZ-TJ, 'Казахстан-Таджикистан', ...")]
LimitOpt = Annotated[int, typer.Option(help="Rows to show.", min=0, max=100_000)]
OffsetOpt = Annotated[int, typer.Option(help="Rows to skip.", min=0)]

STATUS_STYLE = {"met": "green", "overdue": "red", "open": "yellow", "signed": "green", "referenced": "cyan",
                "planned": "yellow", "held": "green", "cancelled": "red"}


# ---------------------------------------------------------------- plumbing


def _fail(msg: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {msg}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def _session(db: str | None) -> Iterator[Any]:
    from sqlalchemy.orm import Session

    from letopis.store.db import open_db

    try:
        engine = open_db(db)
    except Exception as e:  # a bad URL, an unreachable server: one line, no traceback
        _fail(f"cannot open the database {db or '(default)'}: {e}")
    with Session(engine) as session:
        yield session


def _run(db: str | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a query function, turning lookup and argument errors into one-line messages."""
    with _session(db) as session:
        try:
            return fn(session, *args, **kwargs)
        except (LookupError, ValueError) as e:
            _fail(str(e).strip("'\""))


def _check_fmt(fmt: str, allowed: tuple[str, ...] = ("text", "json")) -> None:
    if fmt not in allowed:
        _fail(f"--format must be one of {', '.join(allowed)}, not {fmt!r}")


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _money(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    unit = unit or ""
    if unit in ("USD", "EUR", "RUB", "CNY", "KZT") or unit.isupper():
        for div, word in ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тыс.")):
            if abs(value) >= div:
                return f"{_num(value / div)} {word} {unit}"
    return f"{_num(value)} {unit}".strip()


def _num(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".").replace(",", " ")


def _status(s: str | None) -> Text:
    return Text(s or "", style=STATUS_STYLE.get(s or "", ""))


def _cut(text: str | None, n: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _src(ev: dict[str, Any] | None) -> str:
    if not ev:
        return ""
    return " · ".join(x for x in (ev.get("date"), ev.get("source")) if x)


def _table(title: str, *cols: str) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", show_lines=False, expand=False)
    for c in cols:
        t.add_column(c, overflow="fold")
    return t


def _more(res: dict[str, Any], shown: int, offset: int) -> None:
    total = res.get("total", shown)
    if total > offset + shown:
        err.print(f"[dim]{offset + 1}-{offset + shown} of {total}; use --offset/--limit for more[/dim]")


# ---------------------------------------------------------------- renderers


def _render_dossier(d: dict[str, Any]) -> None:
    c = d["counts"]
    span = " ".join(x for x in (f"с {d['since']}" if d.get("since") else "",
                                f"по {d['until']}" if d.get("until") else "") if x)
    out.rule(f"[bold]{d['a']['name']} — {d['b']['name']}[/bold] ({d['pair']}) {span}")
    out.print(f"документов {c['documents']} (сюжетов {c['stories']}), событий {c['events']}, соглашений "
              f"{c['agreements']}, цифр {c['figures']}, обязательств {c['commitments']}, цитат {c['quotes']}",
              highlight=False)
    if d["timeline"]:
        t = _table("Хроника событий", "дата", "тип", "событие", "статус", "место", "участники", "ист.")
        for e in d["timeline"]:
            t.add_row(e["date"] or "", e["type"], _cut(e["name"], 60), _status(e["status"]), e["location"] or "",
                      ", ".join(p["name"] for p in e["participants"]), str(e["sources"]))
        out.print(t)
    if d["agreements"]:
        t = _table("Соглашения", "документ", "тип", "статус", "история")
        for g in d["agreements"]:
            hist = "; ".join(f"{h['date'] or '?'} {h['status']}" for h in g["history"])
            t.add_row(_cut(g["title"], 80), g["type"], _status(g["status"]), hist)
        out.print(t)
    if d["targets"]:
        t = _table("Целевые показатели", "показатель", "цель", "срок", "статус", "поставлена", "подтверждение")
        for g in d["targets"]:
            actual = g["actual"]
            proof = (f"{_money(actual['value'], actual['unit'])} ({actual.get('period') or ''}) — "
                     f"{_src(actual['evidence'])}") if actual else ""
            t.add_row(g["metric"] + (f" / {g['sector']}" if g["sector"] else ""), _money(g["value"], g["unit"]),
                      g["deadline"] or "", _status(g["status"]), _src(g["set"]), proof)
        out.print(t)
    if d["figures"]:
        t = _table("Цифры (ряды)", "показатель", "период / дата", "значение", "вид", "ист.", "источник")
        for series in d["figures"]:
            label = series["metric"] + (f" / {series['sector']}" if series["sector"] else "")
            for p in series["series"]:
                t.add_row(label, p["period"] or p["date"] or "", _money(p["value"], p["unit"]), p["kind"],
                          str(p["sources"]), _src(p["evidence"]))
                label = ""
        out.print(t)
    if d["commitments"]:
        t = _table("Обязательства", "дата", "статус", "вид", "срок", "формулировка")
        for m in d["commitments"]:
            t.add_row(m["date"] or "", _status(m["status"]), m["modality"], m["deadline"] or "", _cut(m["evidence"]["text"]))
        out.print(t)
    if d["quotes"]:
        t = _table("Цитаты по спикерам", "спикер", "цитат", "последние")
        for g in d["quotes"]:
            sp = g["speaker"] or {}
            who = sp.get("name", "?") + (f" ({sp['role']})" if sp.get("role") else "")
            t.add_row(who, str(g["count"]), "\n".join(f"{q['date']}: «{_cut(q['text'], 120)}»" for q in g["quotes"]))
        out.print(t)
    if d["sectors"]:
        out.print("[bold]Отрасли:[/bold] " + ", ".join(f"{x['sector']} ({x['documents']})" for x in d["sectors"]),
                  highlight=False)


def _print(fmt: str, data: Any, render: Callable[[Any], None]) -> None:
    if fmt == "json":
        _json(data)
    else:
        render(data)


# ---------------------------------------------------------------- commands


@app.command("pair")
def pair_cmd(
    a: Annotated[str, typer.Argument(help="First country: code or name (KZ, Казахстан, Kazakhstan).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FmtOpt = "text",
    db: DbOpt = None,
) -> None:
    """The dossier of a country pair: events, agreements, figures and targets, commitments, quotes, sectors."""
    _check_fmt(fmt)
    from letopis import query

    d = _run(db, query.pair_dossier, a, b, since=since, until=until)
    _print(fmt, d, _render_dossier)


@app.command("pairs")
def pairs_cmd(fmt: FmtOpt = "text", db: DbOpt = None) -> None:
    """Every country pair in the knowledge base, with counts and last activity."""
    _check_fmt(fmt)
    from letopis import query

    rows = _run(db, query.list_pairs)

    def render(rows: list[dict[str, Any]]) -> None:
        t = _table("Пары стран", "пара", "страны", "док.", "событий", "соглаш.", "цифр", "обяз.", "цитат", "период")
        for p in rows:
            t.add_row(p["pair"], f"{p['a']['name']} — {p['b']['name']}", str(p["documents"]), str(p["events"]),
                      str(p["agreements"]), str(p["figures"]), str(p["commitments"]), str(p["quotes"]),
                      f"{p['first'] or ''} … {p['last'] or ''}")
        out.print(t)

    _print(fmt, rows, render)


@app.command("quotes")
def quotes_cmd(
    speaker: Annotated[str | None, typer.Option(help="Speaker, any name form (Токаев, Токаева, К.-Ж. Токаев).")] = None,
    pair: PairOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    q: Annotated[str | None, typer.Option("--q", help="Only quotes containing this text.")] = None,
    limit: LimitOpt = 20, offset: OffsetOpt = 0, fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Quotes, newest first, by speaker, pair and dates."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_quotes, speaker=speaker, pair=pair, since=since, until=until, q=q, limit=limit,
               offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Цитаты", "дата", "спикер", "цитата", "прям.", "источник")
        for x in res["items"]:
            sp = x["speaker"] or {}
            t.add_row(x["date"] or "", sp.get("name", ""), f"«{_cut(x['text'], 200)}»", "да" if x["direct"] else "нет",
                      x["evidence"]["source"] or "")
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("figures")
def figures_cmd(
    metric: Annotated[str | None, typer.Option(help="trade_turnover, export, import, investment, ...")] = None,
    pair: PairOpt = None,
    sector: Annotated[str | None, typer.Option(help="Sector (agriculture, energy, ...).")] = None,
    kind: Annotated[str | None, typer.Option(help="actual, target, potential, forecast, change, deal.")] = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 50, offset: OffsetOpt = 0,
    fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Figures (each once per story, with its number of sources), oldest first."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_figures, metric=metric, pair=pair, sector=sector, kind=kind, since=since, until=until,
               limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Цифры", "дата", "пара", "показатель", "значение", "вид", "период", "ист.", "формулировка")
        for f in res["items"]:
            t.add_row(f["date"] or "", f["pair"] or "", f["metric"] + (f"/{f['sector']}" if f["sector"] else ""),
                      _money(f["value"], f["unit"]), f["kind"], f["period"] or "", str(f["sources"]),
                      _cut(f["evidence"]["text"], 120))
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("agreements")
def agreements_cmd(
    pair: PairOpt = None,
    status: Annotated[str | None, typer.Option(help="signed, referenced or planned.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="agreement, roadmap, declaration, ...")] = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 50, offset: OffsetOpt = 0,
    fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Agreements across articles, each with its status history."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_agreements, pair=pair, status=status, type=type, since=since, until=until,
               limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Соглашения", "документ", "тип", "стороны", "статус", "история")
        for g in res["items"]:
            hist = "\n".join(f"{h['date'] or '?'} {h['status']} ({h['evidence']['source'] or ''})" for h in g["history"])
            t.add_row(_cut(g["title"], 90), g["type"], ",".join(g["parties"]), _status(g["status"]), hist)
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("commitments")
def commitments_cmd(
    pair: PairOpt = None,
    status: Annotated[str | None, typer.Option(help="open, met or overdue.")] = None,
    modality: Annotated[str | None, typer.Option(help="agreed, instructed, pledged, ready, invited, ...")] = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 50, offset: OffsetOpt = 0,
    fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Commitments (agreed, instructed, pledged, ...) with their status: open, met or overdue."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_commitments, pair=pair, status=status, modality=modality, since=since, until=until,
               limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Обязательства", "дата", "пара", "статус", "вид", "срок", "формулировка", "подтверждение")
        for c in res["items"]:
            t.add_row(c["date"] or "", ",".join(c["pairs"]), _status(c["status"]), c["modality"], c["deadline"] or "",
                      _cut(c["evidence"]["text"], 140), _cut(c["met_by"]["text"], 80) if c["met_by"] else "")
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("events")
def events_cmd(
    pair: PairOpt = None,
    type: Annotated[str | None, typer.Option("--type", help="visit, talks, forum, summit, meeting, call, ...")] = None,
    since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = 50, offset: OffsetOpt = 0,
    fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Events (visits, talks, forums, ...) in date order."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_events, pair=pair, type=type, since=since, until=until, limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("События", "дата", "тип", "событие", "статус", "место", "участники")
        for e in res["items"]:
            t.add_row(e["date"] or "", e["type"], _cut(e["name"], 70), _status(e["status"]), e["location"] or "",
                      ", ".join(p["name"] for p in e["participants"]))
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("stories")
def stories_cmd(
    pair: PairOpt = None,
    min_size: Annotated[int, typer.Option(help="Only stories with at least this many documents.", min=1)] = 1,
    limit: LimitOpt = 30, offset: OffsetOpt = 0, fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Stories: groups of near-duplicate articles (one release reprinted by several outlets)."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_stories, pair=pair, min_size=min_size, limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Сюжеты", "дата", "док.", "заголовок", "источники")
        for st in res["items"]:
            t.add_row(st["date"] or "", str(st["size"]), _cut(st["title"], 80),
                      ", ".join(d["source"] or "?" for d in st["documents"]))
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("documents")
def documents_cmd(
    pair: PairOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    q: Annotated[str | None, typer.Option("--q", help="Full-text query.")] = None,
    limit: LimitOpt = 30, offset: OffsetOpt = 0, fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Stored documents, newest first."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.list_documents, pair=pair, since=since, until=until, q=q, limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        t = _table("Документы", "id", "дата", "источник", "заголовок", "пары")
        for d in res["items"]:
            t.add_row(str(d["id"]), d["date"] or "", d["source"] or "", _cut(d["title"], 90), ",".join(d["pairs"]))
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("search")
def search_cmd(
    q: Annotated[str, typer.Argument(help="Words to find, any word form («соглашение» finds «соглашения»).")],
    limit: LimitOpt = 20, offset: OffsetOpt = 0, fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """Full-text search over the stored articles, with Russian morphology."""
    _check_fmt(fmt)
    from letopis import query

    res = _run(db, query.search, q, limit=limit, offset=offset)

    def render(res: dict[str, Any]) -> None:
        if not res["items"]:
            out.print(f"Ничего не найдено по запросу «{res['q']}».", highlight=False)
            return
        t = _table(f"Поиск «{res['q']}»: {res['total']}", "id", "дата", "источник", "заголовок", "фрагмент")
        for d in res["items"]:
            t.add_row(str(d["id"]), d["date"] or "", d["source"] or "", _cut(d["title"], 70), _cut(d["snippet"], 200))
        out.print(t)
        _more(res, len(res["items"]), offset)

    _print(fmt, res, render)


@app.command("entity")
def entity_cmd(
    ref: Annotated[str, typer.Argument(help="A person, country or organization: any name form, code or id.")],
    fmt: FmtOpt = "text", db: DbOpt = None,
) -> None:
    """One canonical entity: roles over time, mentions, quotes, events."""
    _check_fmt(fmt)
    from letopis import query

    e = _run(db, query.get_entity, ref)
    if e is None:
        _fail(f"no entity matches {ref!r}", code=1)

    def render(e: dict[str, Any]) -> None:
        out.rule(f"[bold]{e['name']}[/bold] ({e['type']}{', ' + e['country'] if e['country'] else ''})")
        out.print(f"упоминаний {e['mentions']} в {e['documents']} документах; другие формы: "
                  f"{', '.join(e['aliases'][:12]) or '—'}", highlight=False)
        if e["roles"]:
            t = _table("Должности", "должность", "страна", "впервые", "последний раз")
            for r in e["roles"]:
                t.add_row(r["title"], r["country"] or "", r["first"] or "", r["last"] or "")
            out.print(t)
        if e["pairs"]:
            out.print("[bold]Пары:[/bold] " + ", ".join(f"{p['pair']} ({p['documents']})" for p in e["pairs"]))
        if e["quotes"]:
            t = _table("Цитаты", "дата", "цитата", "источник")
            for x in e["quotes"]:
                t.add_row(x["date"] or "", f"«{_cut(x['text'], 200)}»", x["evidence"]["source"] or "")
            out.print(t)
        if e["events"]:
            t = _table("События", "дата", "тип", "событие", "статус")
            for x in e["events"]:
                t.add_row(x["date"] or "", x["type"], _cut(x["name"], 80), _status(x["status"]))
            out.print(t)

    _print(fmt, e, render)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    kind: Annotated[list[str] | None, typer.Option("--kind", help="figures, quotes, agreements, events, "
                                                   "commitments, documents, entities (repeatable; default figures).")] = None,
    pair: PairOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default stdout).")] = None,
    db: DbOpt = None,
) -> None:
    """Export facts as JSON Lines or CSV (one row per fact; with several --kind, a "kind" column)."""
    _check_fmt(fmt, ("jsonl", "csv"))
    from letopis import query

    kinds = kind or ["figures"]
    bad = [k for k in kinds if k not in query.EXPORT_KINDS]
    if bad:
        _fail(f"unknown --kind {', '.join(bad)}: use {', '.join(query.EXPORT_KINDS)}")
    rows: list[dict[str, Any]] = []
    for k in kinds:
        part = _run(db, query.export_rows, k, pair=pair, since=since, until=until)
        rows.extend({"kind": k, **r} if len(kinds) > 1 else r for r in part)
    text = _csv(rows) if fmt == "csv" else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"{len(rows)} rows -> {output}", highlight=False)


def _csv(rows: list[dict[str, Any]]) -> str:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(cols), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


# ---------------------------------------------------------------- demo


def ingest_samples(db: str | None, workers: int | None = 1, progress: bool = False) -> dict[str, int]:
    """Ingest the bundled sample corpus into `db` (idempotent: stored articles are skipped).
    Returns {"ingested", "duplicates", "skipped"}."""
    from letopis.samples import corpus_path

    try:
        from letopis.ingest import ingest_paths
    except ImportError:
        ingest_paths = None
    if ingest_paths is not None:
        summary = ingest_paths([corpus_path()], db_url=db, workers=workers, progress=progress)
        get = summary.get if isinstance(summary, dict) else lambda k, d=0: getattr(summary, k, d)
        return {k: _count(get(k, 0)) for k in ("ingested", "duplicates", "skipped")}
    return _ingest_sequential(db)


def _count(v: Any) -> int:
    return len(v) if isinstance(v, list | tuple | dict | set) else int(v or 0)


def _ingest_sequential(db: str | None) -> dict[str, int]:
    """Fallback when letopis.ingest is unavailable: extract and store each sample in its own transaction."""
    from sqlalchemy.orm import Session

    import letopis
    from letopis.samples import load_corpus
    from letopis.store.db import open_db
    from letopis.store.writer import DocumentRecord, store_extraction

    engine = open_db(db)
    done = {"ingested": 0, "duplicates": 0, "skipped": 0}
    for a in load_corpus():
        meta = {k: a.get(k) for k in ("title", "source", "url")}
        rec = DocumentRecord.build(a["text"], published=a.get("published"), external_id=a["id"], **meta)
        with Session(engine) as session, session.begin():
            from letopis.store import schema as s

            if session.scalar(s.Document.__table__.select().where(s.Document.content_hash == rec.content_hash)):
                done["duplicates"] += 1
                continue
            x = letopis.extract(a["text"], published=a.get("published"), id=a["id"], **meta)
            r = store_extraction(session, rec, x)
            done["duplicates" if r.duplicate else "ingested"] += 1
    return done


@app.command("demo")
def demo_cmd(
    db: DbOpt = None,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web UI afterwards.")] = True,
    host: Annotated[str, typer.Option(help="Interface for the web UI.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for the web UI.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Extraction worker processes.", min=1)] = 1,
) -> None:
    """The main job: ingest the bundled sample articles into the database (once), print the dossier of
    the richest country pair, then serve the web UI."""
    from letopis import query
    from letopis.store.db import resolve_url

    url = resolve_url(db)
    err.print(f"Database: {url}", highlight=False)
    err.print("Ingesting the sample corpus (already stored articles are skipped)…")
    summary = ingest_samples(url, workers=workers, progress=True)
    err.print(f"ingested {summary['ingested']}, duplicates {summary['duplicates']}, skipped {summary['skipped']}",
              highlight=False)
    pairs = _run(url, query.list_pairs)
    if not pairs:
        _fail("the database holds no country pair", code=1)
    best = pairs[0]
    out.print(_pairs_line(pairs), highlight=False)
    d = _run(url, query.pair_dossier, best["a"]["code"], best["b"]["code"])
    _render_dossier(d)
    err.print(f"\nMore: letopis pair KZ TJ --db {url} | letopis search \"водные ресурсы\" --db {url} | "
              f"letopis quotes --speaker Токаев --db {url}", highlight=False)
    if not serve:
        err.print(f"Web UI: letopis serve --db {url}", highlight=False)
        return
    try:
        from letopis.web.server import serve as serve_web
    except ImportError:
        err.print(f"The web UI is not available in this build; run: letopis serve --db {url}")
        return
    err.print(f"Web UI: http://{host}:{port}/pairs/{best['a']['code']}/{best['b']['code']}  (Ctrl+C to stop)",
              highlight=False)
    serve_web(url, host=host, port=port)


def _pairs_line(pairs: list[dict[str, Any]]) -> str:
    return "Пары: " + ", ".join(f"{p['pair']} ({p['documents']} док.)" for p in pairs)
