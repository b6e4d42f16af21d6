"""`letopis bench quality` (being built)."""

from __future__ import annotations

import typer


def cli() -> None:
    """Not built yet."""
    raise typer.Exit(2)
