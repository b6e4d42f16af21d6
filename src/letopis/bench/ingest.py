"""`letopis bench ingest`: ingest throughput, database size, and query latency at scale.

1. Throughput: the sample corpus, repeated (each copy made unique by one extra closing sentence, so
   the content hash differs but the copies still group into stories), ingested with 1 and 2 worker
   processes into fresh SQLite files: docs/s, and database size per 1,000 documents.
2. Scale: one database ingested from the sample corpus is grown to 10,000 and 100,000 documents by
   replicating its stored rows with new ids and shifted dates (bulk INSERT ... SELECT, no NLP), then
   `letopis pair` (query.pair_dossier) and `letopis search` (query.search) are timed (median of
   several runs after one warm-up), UNCACHED: the dossier is computed from the store every time
   (query_cache bypassed; the cached read is shown separately). The budget is pair < 100 ms at
   100,000 documents on SQLite. Wall time depends on what else the machine runs, so the CPU time of
   the call (process time: Python and SQLite run in this process) and the load average are shown too.

Replication doubles the stored documents per round (with every fact, mention, pair, topic and band
row), capped at the requested size; canonical entities, sources and agreements are shared, as they
would be in a real corpus where the same people and documents keep appearing.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

PAIR_BUDGET_MS = 100.0
SEARCH_QUERY = "водные ресурсы"

# Fact tables copied per replicated document: (table, columns besides id and document_id, self-ref column).
_FACT_TABLES = {
    "quotes": "duplicate_of_id",
    "figures": "duplicate_of_id",
    "events": "duplicate_of_id",
    "commitments": "duplicate_of_id",
    "mentions": None,
    "agreement_mentions": None,
}


def cli(
    docs: Annotated[str, typer.Option(help="Scale points for the latency runs, comma-separated (0: skip).")]
    = "10000,100000",
    repeat: Annotated[int, typer.Option(help="Copies of the sample corpus for the throughput runs.", min=1)] = 3,
    workers: Annotated[str, typer.Option(help="Worker counts for the throughput runs, comma-separated.")] = "1,2",
    runs: Annotated[int, typer.Option(help="Timed runs per query (median reported).", min=1)] = 7,
    keep: Annotated[Path | None, typer.Option(help="Directory to keep the databases in (default: a temp dir); "
                                              "scale databases already there are reused.")] = None,
) -> None:
    """docs/s with 1 and 2 workers, database size per 1,000 documents, and the latency of `pair` and
    `search` at 10,000 and 100,000 documents (the sample corpus replicated)."""
    console = Console()
    sizes = [int(x) for x in docs.split(",") if x.strip() and int(x) > 0]
    counts = [int(x) for x in workers.split(",") if x.strip()]
    tmp = tempfile.TemporaryDirectory(prefix="letopis-bench-") if keep is None else None
    root = Path(tmp.name) if tmp else keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        through = [throughput(root / f"ingest-w{w}.sqlite", repeat, w) for w in counts]
        show_throughput(through, console)
        if sizes:
            base = through[0]["path"] if through else None
            scale = [latency(root, base, n, runs) for n in sorted(sizes)]
            show_scale(scale, console)
    finally:
        if tmp:
            tmp.cleanup()


# ---------------------------------------------------------------- throughput


def sample_records(repeat: int) -> list[dict[str, Any]]:
    """The sample corpus `repeat` times; copies after the first get a distinct closing sentence."""
    from letopis.samples import load_corpus

    base = load_corpus()
    out = []
    for k in range(repeat):
        for r in base:
            rec = dict(r)
            if k:
                rec["id"] = f"{r['id']}-copy{k}"
                rec["text"] = r["text"] + f"\nМатериал подготовлен редакцией, выпуск № {k + 1}."
            out.append(rec)
    return out


def throughput(path: Path, repeat: int, workers: int) -> dict[str, Any]:
    from letopis.ingest import ingest_records
    from letopis.store.db import open_db

    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    url = f"sqlite:///{path}"
    open_db(url).dispose()  # migrate outside the timed run
    recs = sample_records(repeat)
    stored_at: list[float] = []
    t0 = time.perf_counter()
    summary = ingest_records(recs, db_url=url, workers=workers, on_stored=lambda _raw: stored_at.append(time.perf_counter()))
    seconds = time.perf_counter() - t0
    stored = summary.ingested
    size = db_bytes(path)
    # Steady state: from the first article stored to the last, i.e. without starting the workers
    # and loading their models (a fixed cost that dominates a short batch).
    steady = (len(stored_at) - 1) / (stored_at[-1] - stored_at[0]) if len(stored_at) > 1 and stored_at[-1] > stored_at[0] else 0.0
    return {"workers": workers, "docs": len(recs), "ingested": stored, "seconds": seconds,
            "docs_per_s": len(recs) / seconds if seconds else 0.0, "steady_docs_per_s": steady,
            "startup_s": stored_at[0] - t0 if stored_at else 0.0, "bytes": size,
            "mb_per_1000": size / max(1, stored) * 1000 / 1e6, "skipped": len(summary.skipped), "path": path}


def db_bytes(path: Path) -> int:
    """The SQLite file plus its WAL (checkpointed first, so the main file holds everything)."""
    import sqlite3

    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def show_throughput(rows: list[dict[str, Any]], console: Console) -> None:
    t = Table(title="Ingest throughput (sample corpus, SQLite)", title_justify="left")
    for c in ("workers", "documents", "seconds", "docs/s", "to first stored s", "steady docs/s",
              "DB MB per 1,000 docs", "skipped"):
        t.add_column(c, justify="right")
    for r in rows:
        t.add_row(str(r["workers"]), str(r["docs"]), f"{r['seconds']:.1f}", f"{r['docs_per_s']:.2f}",
                  f"{r['startup_s']:.1f}", f"{r['steady_docs_per_s']:.2f}", f"{r['mb_per_1000']:.1f}", str(r["skipped"]))
    console.print(t)
    base = rows[0]["docs_per_s"] if rows and rows[0]["docs_per_s"] else None
    if base and len(rows) > 1:
        ratios = ", ".join(f"{r['workers']} workers {r['docs_per_s'] / base:.2f}x" for r in rows[1:])
        console.print(f"docs/s against {rows[0]['workers']} worker(s) in this run: {ratios}")
    console.print(f"[dim]{os.cpu_count()} CPU cores; extraction runs in worker processes, one process stores. "
                  "steady docs/s: from the first article stored to the last (without worker start-up).[/dim]")


# ---------------------------------------------------------------- scale


def latency(root: Path, base: Path | None, n: int, runs: int) -> dict[str, Any]:
    """Grow a copy of the base database to `n` documents and time pair and search on it."""
    import shutil

    path = root / f"scale-{n}.sqlite"
    build = None
    if _documents(path) != n:  # a kept database of the right size is reused (--keep)
        for p in root.glob(path.name + "*"):
            p.unlink()
        if base is None or not base.exists():
            base = root / "base.sqlite"
            throughput(base, 1, 1)
        db_bytes(base)
        shutil.copy(base, path)
        t0 = time.perf_counter()
        replicate(f"sqlite:///{path}", n)
        build = time.perf_counter() - t0
    size = db_bytes(path)
    total = _documents(path)
    return {"docs": total, "build_s": build, "mb": size / 1e6, "mb_per_1000": size / total * 1000 / 1e6,
            **time_queries(f"sqlite:///{path}", runs)}


def _documents(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return -1
    try:
        with sqlite3.connect(path) as c:
            return int(c.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return -1


def time_queries(url: str, runs: int) -> dict[str, Any]:
    """Median latencies (wall and CPU ms): `pair` uncached (computed from the facts, query_cache
    bypassed), `search` (never cached), and `pair` cached (the store unchanged since the last call)."""
    from sqlalchemy.orm import Session

    from letopis import query
    from letopis.store.db import open_db

    engine = open_db(url)
    try:
        with Session(engine) as session:
            pairs = query.list_pairs(session)
            a, b = pairs[0]["a"]["code"], pairs[0]["b"]["code"]
        cold, cold_cpu = _median_ms(engine, runs, lambda s: query.pair_dossier(s, a, b, use_cache=False))
        search_ms, search_cpu = _median_ms(engine, runs, lambda s: query.search(s, SEARCH_QUERY, limit=20))
        warm, _ = _median_ms(engine, runs, lambda s: query.pair_dossier(s, a, b))
    finally:
        engine.dispose()
    return {"pair": f"{a}-{b}", "pair_cold_ms": cold, "pair_cold_cpu_ms": cold_cpu, "pair_ms": warm,
            "search_ms": search_ms, "search_cpu_ms": search_cpu, "load": os.getloadavg()[0]}


def _median_ms(engine: Any, runs: int, fn: Any) -> tuple[float, float]:
    """Median wall and CPU (process) time in ms of `fn(session)` over `runs` runs, each in a fresh
    session, after one warm-up."""
    from sqlalchemy.orm import Session

    wall, cpu = [], []
    for i in range(runs + 1):
        with Session(engine) as session:
            t0, c0 = time.perf_counter(), time.process_time()
            fn(session)
            if i:
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def replicate(url: str, target: int) -> int:
    """Grow the store at `url` to `target` documents by doubling its rows (see the module docstring).
    Returns the number of documents."""
    from sqlalchemy import text

    from letopis.store.db import open_db

    engine = open_db(url)
    try:
        with engine.begin() as c:
            n = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
            if n == 0:
                raise RuntimeError("nothing to replicate: the base database is empty")
            round_ = 0
            while n < target:
                round_ += 1
                _double(c, min(n, target - n), round_)
                n = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
            c.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    return int(n)


def _double(c: Any, take: int, round_: int) -> None:
    """Copy the first `take` documents (by id) with all their rows; ids are offset by the current max
    id of each table, dates shifted back by `round_` * 53 days so copies spread over the years."""
    from sqlalchemy import text

    def max_id(table: str) -> int:
        return int(c.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one())

    def cols(table: str) -> list[str]:
        return [r[1] for r in c.execute(text(f"PRAGMA table_info({table})"))]

    shift = round_ * 53
    doc_off, story_off = max_id("documents"), max_id("stories")
    last_doc = int(c.execute(text(f"SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET {take - 1}")).scalar_one())
    keep = f"document_id <= {last_doc}"
    c.execute(text(
        f"INSERT INTO stories (id, title, first_published, documents_count) "
        f"SELECT id + {story_off}, title, date(first_published, '-{shift} days'), documents_count FROM stories "
        f"WHERE id IN (SELECT story_id FROM documents WHERE id <= {last_doc})"))
    dcols = [x for x in cols("documents") if x not in ("id", "story_id", "published", "content_hash", "external_id")]
    c.execute(text(
        f"INSERT INTO documents (id, story_id, published, content_hash, external_id, {', '.join(dcols)}) "
        f"SELECT id + {doc_off}, story_id + {story_off}, date(published, '-{shift} days'), "
        f"content_hash || '-r{round_}', external_id || '-r{round_}', {', '.join(dcols)} "
        f"FROM documents WHERE id <= {last_doc}"))
    for table in ("document_bands", "topics", "pairs"):
        other = [x for x in cols(table) if x != "document_id"]
        c.execute(text(
            f"INSERT INTO {table} (document_id, {', '.join(other)}) "
            f"SELECT document_id + {doc_off}, {', '.join(other)} FROM {table} WHERE {keep}"))
    offsets = {t: max_id(t) for t in _FACT_TABLES}
    for table, selfref in _FACT_TABLES.items():
        off = offsets[table]
        other = [x for x in cols(table) if x not in ("id", "document_id", selfref)]
        dated = {"date": f"date(date, '-{shift} days')"}
        exprs = [dated.get(x, x) if table in ("events", "agreement_mentions") else x for x in other]
        exprs = [_figure_ref(x, e, offsets["figures"], last_doc) for x, e in zip(other, exprs, strict=True)]
        ref_cols = [selfref] if selfref else []
        ref_exprs = [f"{selfref} + {off}"] if selfref else []
        c.execute(text(
            f"INSERT INTO {table} (id, document_id, {', '.join(ref_cols + other)}) "
            f"SELECT id + {off}, document_id + {doc_off}, {', '.join(ref_exprs + exprs)} FROM {table} WHERE {keep}"))


def _figure_ref(col: str, expr: str, off: int, last_doc: int) -> str:
    """A commitment's figure reference, offset like the figures; NULL when the figure it points at (an
    actual in a later article) is not among the copied documents."""
    if col not in ("figure_id", "evidence_figure_id"):
        return expr
    return (f"CASE WHEN {col} IN (SELECT id FROM figures WHERE document_id <= {last_doc}) "
            f"THEN {col} + {off} ELSE NULL END")


def show_scale(rows: list[dict[str, Any]], console: Console) -> None:
    """One column per scale, one row per measure: readable in an 80-column terminal."""
    t = Table(title=f"Query latency at scale (SQLite; median; budget: uncached pair < {PAIR_BUDGET_MS:.0f} ms)",
              title_justify="left")
    t.add_column("documents")
    for r in rows:
        t.add_column(f"{r['docs']:,}", justify="right")

    def styled(r: dict[str, Any]) -> str:
        style = "green" if r["pair_cold_ms"] < PAIR_BUDGET_MS else "red"
        return f"[{style}]{r['pair_cold_ms']:.1f}[/{style}]"

    measures = [
        ("build s", lambda r: f"{r['build_s']:.1f}" if r["build_s"] is not None else "reused"),
        ("DB MB", lambda r: f"{r['mb']:.0f}"),
        ("MB per 1,000 docs", lambda r: f"{r['mb_per_1000']:.1f}"),
        ("pair", lambda r: r["pair"]),
        ("pair ms (uncached)", styled),
        ("pair CPU ms", lambda r: f"{r['pair_cold_cpu_ms']:.1f}"),
        (f"search «{SEARCH_QUERY}» ms", lambda r: f"{r['search_ms']:.1f}"),
        ("search CPU ms", lambda r: f"{r['search_cpu_ms']:.1f}"),
        ("pair ms (cached)", lambda r: f"{r['pair_ms']:.1f}"),
        ("load avg", lambda r: f"{r['load']:.1f}"),
    ]
    for name, cell in measures:
        t.add_row(name, *(cell(r) for r in rows))
    console.print(t)
    console.print("[dim]pair ms (uncached): `letopis pair` computed from the store (query_cache bypassed): the "
                  "budgeted number. CPU ms: process time of the same calls (Python + SQLite, in process), "
                  "which other jobs on the machine do not inflate. pair ms (cached): read back from query_cache "
                  f"on an unchanged store. Load average is the 1-minute load while measuring, on {os.cpu_count()} "
                  "cores.[/dim]")
