"""`letopis ingest`: files, directories, JSON Lines, HTML, feeds -> the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from letopis.cli import app

err = Console(stderr=True)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories (recursively).")] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite path (default: $LETOPIS_DB, else ~/.local/share/letopis/letopis.sqlite).",
        ),
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Extraction processes (default: cores).")] = None,
    feed: Annotated[list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL to fetch (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Summary as text or json.")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles into the knowledge base: plain text, HTML pages, JSON Lines
    ({"id","text","published"?,"title"?,"source"?,"url"?}), RSS/Atom files, directories, and with
    --feed URL a feed and its pages over HTTP. Idempotent: rerunning stores nothing twice."""
    from letopis.ingest import ingest_paths
    from letopis.store.db import resolve_url

    if not paths and not feed:
        err.print("[red]error:[/red] give PATH... or --feed URL")
        raise typer.Exit(2)
    if fmt not in ("text", "json"):
        err.print(f"[red]error:[/red] --format must be text or json, not {fmt!r}")
        raise typer.Exit(2)
    url = resolve_url(db)
    summary = ingest_paths(paths or [], url, workers, feeds=feed or [], progress=not quiet)
    if fmt == "json":
        typer.echo(json.dumps(summary.to_dict() | {"db": _safe(url)}, ensure_ascii=False, indent=2))
        return
    _print_summary(summary, url)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _print_summary(summary, url: str) -> None:
    out = Console()
    out.print(
        f"ingested [bold]{summary.ingested}[/bold] "
        f"(of which {summary.near_duplicates} joined an existing story), "
        f"duplicates {summary.duplicates}, skipped {len(summary.skipped)} "
        f"in {summary.seconds:.1f} s ({summary.docs_per_s:.1f} docs/s, {summary.workers} workers) "
        f"-> {_safe(url)}",
        highlight=False,
    )
    for origin, reason in summary.skipped:
        out.print(f"[yellow]skipped[/yellow] {escape(origin)}: {escape(reason)}", highlight=False, soft_wrap=True)
