"""`letopis bench ...`: each benchmark lives in letopis.bench.<name> and exposes a Typer command `cli`."""

from __future__ import annotations

from letopis.bench import speed
from letopis.cli import bench_app

bench_app.command("speed")(speed.cli)
