"""The `letopis` command line. Each group of commands lives in its own module and registers itself here."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="letopis",
    help="Letopis: a chronicle of interstate relations read from Russian-language news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
bench_app = typer.Typer(help="Benchmarks: speed, quality, facts, ingest, serve.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

# Registration by import: each module adds its commands to `app` or `bench_app`.
from letopis.cli import bench, extract, ingest, kb, serve  # noqa: E402,F401


def main() -> None:
    app()
