"""`letopis bench serve`: requests/s and p50/p99 latency of the dossier and search endpoints under load.

1. A database of `--docs` documents (default 10,000): the sample corpus ingested, then grown by
   replicating its stored rows (`letopis.bench.ingest.replicate`, the generator of `bench ingest`).
   `--db URL` benchmarks an existing database instead.
2. `letopis serve` in a subprocess on a free 127.0.0.1 port (its own process: the load generator
   must not share the server's interpreter).
3. A local load generator (httpx async client) sends `--requests` requests per endpoint with at most
   `--concurrency` in flight, after a short warm-up, and reports requests/s, p50, p99 and errors:
   GET /api/v1/pairs/{a}/{b} (the richest pair), GET /api/v1/search?q=..., and the HTML dossier page.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer
from rich.console import Console
from rich.table import Table

SEARCH_QUERY = "водные ресурсы"


def cli(
    docs: Annotated[int, typer.Option(help="Documents in the generated database.", min=1)] = 10_000,
    requests: Annotated[int, typer.Option(help="Timed requests per endpoint.", min=1)] = 400,
    concurrency: Annotated[int, typer.Option(help="Requests in flight at once.", min=1, max=512)] = 16,
    workers: Annotated[int, typer.Option(help="Server processes (`letopis serve --workers`).", min=1, max=64)]
    = 1,
    db: Annotated[str | None, typer.Option("--db", help="Benchmark this database instead of generating one.")]
    = None,
    keep: Annotated[Path | None, typer.Option(help="Directory to keep the generated database in.")] = None,
) -> None:
    """Requests/s and p50/p99 latency of the dossier and search endpoints of `letopis serve` under
    concurrent load, at 10,000 documents by default."""
    console = Console()
    tmp = tempfile.TemporaryDirectory(prefix="letopis-bench-serve-") if keep is None and db is None else None
    try:
        if db is None:
            root = Path(tmp.name) if tmp else keep
            root.mkdir(parents=True, exist_ok=True)
            url, total = build_database(root, docs, console)
        else:
            from letopis.store.db import resolve_url

            url, total = resolve_url(db), None
        with running_server(url, workers) as base:
            targets = endpoints(base)
            rows = [measure(base, name, path, requests, concurrency) for name, path in targets]
        show(rows, total, requests, concurrency, workers, console)
    finally:
        if tmp:
            tmp.cleanup()


def build_database(root: Path, docs: int, console: Console) -> tuple[str, int]:
    """The sample corpus ingested and replicated to `docs` documents (reusing `bench ingest`)."""
    from letopis.bench.ingest import replicate, throughput

    base = root / "base.sqlite"
    with console.status("ingesting the sample corpus"):
        throughput(base, 1, 1)
    path = root / f"serve-{docs}.sqlite"
    for p in root.glob(path.name + "*"):
        p.unlink()
    import shutil

    from letopis.bench.ingest import db_bytes

    db_bytes(base)  # checkpoint the WAL so the copy holds everything
    shutil.copy(base, path)
    with console.status(f"replicating to {docs:,} documents"):
        total = replicate(f"sqlite:///{path}", docs)
    return f"sqlite:///{path}", total


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class running_server:
    """`letopis serve --db URL` on a free localhost port, stopped on exit."""

    def __init__(self, url: str, workers: int = 1, timeout: float = 120.0) -> None:
        self.url, self.workers, self.timeout = url, workers, timeout
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> str:
        import httpx

        port = _free_port()
        cmd = [sys.executable, "-c", "from letopis.cli import main; main()", "serve", "--db", self.url,
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(self.workers)]
        env = {**os.environ, "LETOPIS_TOKEN": ""}
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("letopis serve exited during start-up")
            try:
                if httpx.get(base + "/api/v1/health", timeout=1.0).status_code == 200:
                    return base
            except httpx.HTTPError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("letopis serve did not answer in time")

    def __exit__(self, *_exc: Any) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


BASELINE = "baseline: health API"


def endpoints(base: str) -> list[tuple[str, str]]:
    """The richest pair's dossier (API and page) and a full-text search."""
    import httpx

    pairs = httpx.get(base + "/api/v1/pairs", params={"limit": 1}, timeout=60).json()["items"]
    if not pairs:
        raise RuntimeError("the database holds no country pairs")
    a, b = pairs[0]["a"]["code"], pairs[0]["b"]["code"]
    # The baseline: the same server, framework and client doing no database work; the other rows are
    # read as ratios against it, which the machine's load affects much less than raw timings.
    return [(BASELINE, "/api/v1/health"),
            (f"dossier API {a}-{b}", f"/api/v1/pairs/{a}/{b}"),
            ("search API", f"/api/v1/search?q={quote(SEARCH_QUERY)}"),
            (f"dossier page {a}-{b}", f"/pairs/{a}/{b}")]


def measure(base: str, name: str, path: str, requests: int, concurrency: int) -> dict[str, Any]:
    return asyncio.run(_load(base, name, path, requests, concurrency))


async def _load(base: str, name: str, path: str, requests: int, concurrency: int) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        warm = max(concurrency, min(50, requests // 10))
        await _run(client, path, warm, concurrency)
        t0 = time.perf_counter()
        latencies, errors = await _run(client, path, requests, concurrency)
        wall = time.perf_counter() - t0
    lat = sorted(latencies)
    return {"name": name, "path": path, "requests": requests, "errors": errors, "seconds": wall,
            "rps": requests / wall if wall else 0.0, "p50": _pct(lat, 50), "p99": _pct(lat, 99),
            "mean": statistics.fmean(lat) if lat else 0.0}


async def _run(client: Any, path: str, n: int, concurrency: int) -> tuple[list[float], int]:
    """`n` GETs of `path` with at most `concurrency` in flight; latencies in ms and the error count."""
    latencies: list[float] = []
    errors = 0
    remaining = n

    async def worker() -> None:
        nonlocal remaining, errors
        while remaining > 0:
            remaining -= 1
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                ok = r.status_code == 200
            except Exception:  # a refused or timed-out request counts as an error, the run goes on
                ok = False
            latencies.append((time.perf_counter() - t0) * 1000)
            errors += not ok

    await asyncio.gather(*(worker() for _ in range(min(concurrency, n))))
    return latencies, errors


def _pct(sorted_ms: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted values."""
    if not sorted_ms:
        return 0.0
    k = max(0, min(len(sorted_ms) - 1, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[k]


def show(rows: list[dict[str, Any]], total: int | None, requests: int, concurrency: int, workers: int,
         console: Console) -> None:
    docs = f"{total:,} documents" if total else "the given database"
    t = Table(title=f"letopis serve under load ({docs}, {requests} requests per endpoint, "
              f"concurrency {concurrency})", title_justify="left")
    for col in ("endpoint", "requests/s", "× baseline", "p50 ms", "p99 ms", "mean ms", "errors"):
        t.add_column(col, justify="left" if col == "endpoint" else "right")
    base_rps = next((r["rps"] for r in rows if r["name"] == BASELINE), None)
    for r in rows:
        ratio = f"{r['rps'] / base_rps:.2f}" if base_rps else "-"
        t.add_row(r["name"], f"{r['rps']:.1f}", ratio, f"{r['p50']:.1f}", f"{r['p99']:.1f}", f"{r['mean']:.1f}",
                  str(r["errors"]))
    console.print(t)
    console.print(f"[dim]server: {workers} uvicorn process(es) on 127.0.0.1; load generator: httpx async client in a "
                  f"separate process; {os.cpu_count()} CPU cores[/dim]")
