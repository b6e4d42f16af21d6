"""`letopis bench ...`: each benchmark lives in letopis.bench.<name> and exposes a Typer command `cli`."""

from __future__ import annotations

from letopis.bench import facts, ingest, quality, serve, speed
from letopis.cli import bench_app

bench_app.command("speed")(speed.cli)
bench_app.command("quality")(quality.cli)
bench_app.command("facts")(facts.cli)
bench_app.command("ingest")(ingest.cli)
bench_app.command("serve")(serve.cli)
