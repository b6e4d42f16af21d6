"""`letopis serve`: the web UI and REST API."""

from __future__ import annotations

from typing import Annotated

import typer

from letopis.cli import app


@app.command("serve")
def serve_cmd(
    db: Annotated[str | None, typer.Option("--db", help="Database URL or SQLite path (default: $LETOPIS_DB, "
                                            "else the per-user file).")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (more serve more requests at once).",
                                         min=1, max=64)] = 1,
) -> None:
    """Serve the web UI (http://HOST:PORT/) and the REST API (/api/v1, docs at /api/v1/docs).

    Read-only unless the environment variable LETOPIS_TOKEN is set: then POST /api/v1/documents
    accepts articles from clients sending "Authorization: Bearer <token>".
    """
    from letopis.store.db import resolve_url
    from letopis.web.server import serve

    url = resolve_url(db)
    typer.echo(f"Letopis: http://{host}:{port}/  (API docs: http://{host}:{port}/api/v1/docs; database {url})",
               err=True)
    serve(url, host=host, port=port, workers=workers)
