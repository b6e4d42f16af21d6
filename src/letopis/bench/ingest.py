"""`letopis bench ingest` (being built)."""

from __future__ import annotations

import typer


def cli() -> None:
    """Not built yet."""
    raise typer.Exit(2)
