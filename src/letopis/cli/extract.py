"""`letopis extract`: one article (file or stdin) or a JSON Lines batch -> facts with evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from letopis.cli import app
from letopis.model import Extraction
from letopis.textio import InputError, decode_bytes

err = Console(stderr=True)


@app.command("extract")
def extract_cmd(
    file: Annotated[str | None, typer.Argument(help="Article text file, or - for stdin.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet or source name.")] = None,
    url: Annotated[str | None, typer.Option(help="Article URL.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json or text.")] = "json",
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Input JSON Lines, one document a line.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default stdout).")] = None,
) -> None:
    """Extract the facts of a Russian news article: entities, quotes, figures, agreements, events,
    commitments, topics and country pairs, each with its evidence (offsets and sentence)."""
    if fmt not in ("json", "text"):
        _fail(f"--format must be json or text, not {fmt!r}")
    if jsonl is not None:
        _extract_jsonl(jsonl, output)
        return
    if file is None:
        _fail("give a FILE, - for stdin, or --jsonl IN.jsonl")
    if published is not None:
        published = _check_date(published)
    text = _read_input(file)
    import letopis

    name = "stdin" if file == "-" else Path(file).stem
    try:
        x = letopis.extract(text, published=published, title=title, source=source, url=url, id=name)
    except InputError as e:
        _fail(str(e))
    out = x.to_json(indent=2) if fmt == "json" else render_text(x)
    _write(out, output)


def _read_input(file: str) -> str:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as e:
        _fail(f"cannot read {file}: {e.strerror}")
    try:
        return decode_bytes(data, "stdin" if file == "-" else file)
    except InputError as e:
        _fail(str(e))


def _check_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        _fail(f"--published must be a date YYYY-MM-DD, not {value!r}")


def _fail(msg: str) -> None:
    err.print(f"[red]error:[/red] {msg}", highlight=False)
    raise typer.Exit(2)


def _write(out: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(out + "\n")
    else:
        output.write_text(out + "\n", encoding="utf-8")


def _extract_jsonl(path: Path, output: Path | None) -> None:
    """One extraction per input line, in input order; bad lines are reported and skipped."""
    import letopis

    try:
        lines = path.read_bytes().splitlines()
    except OSError as e:
        _fail(f"cannot read {path}: {e.strerror}")
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    done = bad = 0
    try:
        for lineno, raw in _progress(lines):
            if not raw.strip():
                continue
            try:
                rec = _parse_record(raw, lineno)
                x = letopis.extract(
                    rec["text"], published=rec.get("published"),
                    **{k: rec.get(k) for k in ("id", "title", "source", "url")},
                )
            except InputError as e:
                bad += 1
                err.print(f"[yellow]skipped[/yellow] {path}:{lineno}: {e}", highlight=False)
                continue
            sink.write(x.to_json() + "\n")
            done += 1
    finally:
        if output:
            sink.close()
    err.print(f"{done} extracted, {bad} skipped", highlight=False)


def _parse_record(raw: bytes, lineno: int) -> dict[str, Any]:
    try:
        rec = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"line {lineno}: not valid JSON ({e})") from e
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError(f"line {lineno}: expected an object with a string field 'text'")
    pub = rec.get("published")
    if pub is not None:
        from datetime import date

        try:
            rec["published"] = date.fromisoformat(str(pub)[:10]).isoformat()
        except ValueError as e:
            raise InputError(f"line {lineno}: 'published' is not a date YYYY-MM-DD: {pub!r}") from e
    if rec.get("id") is None:
        rec["id"] = str(lineno)
    else:
        rec["id"] = str(rec["id"])
    for key in ("title", "source", "url"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            rec[key] = str(rec[key])
    from letopis.textio import check_text

    rec["text"] = check_text(rec["text"], f"line {lineno}")
    return rec


def _progress(lines: list[bytes]):
    """Line numbers and lines, with a progress bar on stderr when the batch is long."""
    numbered = list(enumerate(lines, 1))
    if len(numbered) < 20 or not sys.stderr.isatty():
        yield from numbered
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("extracting", total=len(numbered))
        for item in numbered:
            yield item
            bar.advance(task)


def render_text(x: Extraction) -> str:
    """A readable summary grouped by fact kind."""
    name = {e.id: e.name for e in x.entities}
    out: list[str] = []
    d = x.document
    out.append(f"# {d.title or d.id or 'document'}  ({d.published or 'no date'}, {d.chars} chars)")
    if x.pairs:
        out.append("pairs: " + ", ".join("–".join(p) for p in x.pairs))
    if x.topics:
        out.append("topics: " + ", ".join(x.topics))
    persons = [e for e in x.entities if e.type == "PERSON"]
    _section(out, "Persons", [
        e.name + (" — " + "; ".join(f"{r.title} {r.country or ''}".strip() for r in e.roles) if e.roles else "")
        for e in persons
    ])
    _section(out, "Places and organizations", [
        f"{e.type.lower()}: {e.name}" + (f" ({e.country})" if e.country else "")
        for e in x.entities if e.type not in ("PERSON", "MONEY", "PERCENT", "DATE")
    ])
    _section(out, "Quotes", [
        f"{name.get(q.speaker or '', '?')} ({q.cue or ':'}, {'direct' if q.direct else 'indirect'}): "
        f"«{_short(q.text)}»"
        for q in x.quotes
    ])
    _section(out, "Figures", [
        f"{f.metric}{'/' + f.sector if f.sector else ''} {f.kind} {f.qualifier} {f.value:,.10g} {f.unit}"
        + (f" [{_years(f.period.start, f.period.end)}]" if f.period else "")
        + (f" {'-'.join(f.countries)}" if f.countries else "")
        for f in x.figures
    ])
    _section(out, "Agreements", [f"{a.type} ({a.status}): {a.title}" for a in x.agreements])
    _section(out, "Events", [
        f"{v.type} ({v.status}): {v.name}" + (f" @ {name.get(v.location, v.location)}" if v.location else "")
        for v in x.events
    ])
    _section(out, "Commitments", [
        f"{c.modality}: {_short(c.text)}" + (f" [{', '.join(name.get(a, a) for a in c.actors)}]" if c.actors else "")
        for c in x.commitments
    ])
    return "\n".join(out)


def _years(start: str, end: str) -> str:
    return start[:4] if start[:4] == end[:4] else f"{start[:4]}–{end[:4]}"


def _section(out: list[str], title: str, rows: list[str]) -> None:
    if rows:
        out.append(f"\n## {title} ({len(rows)})")
        out.extend(f"- {r}" for r in rows)


def _short(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
