"""The ingest batch: read -> extract in worker processes -> store, one transaction per article.

Design, and why:
* Extraction (the slow part) runs in `workers` processes (ProcessPoolExecutor, forkserver; the NLP
  models load once per worker, in its initializer). With workers=1 it runs in this process.
* Only this process writes, in input order, one transaction per article: SQLite has a single writer
  anyway, story grouping sees the articles in a reproducible order, and a crash (even kill -9) loses
  at most the one uncommitted article.
* Idempotent: an article whose content hash is already stored (or seen earlier in the batch) is
  counted as a duplicate and not even extracted, so rerunning an interrupted batch finishes it with
  nothing lost or doubled.
* A file, line or article that cannot be read or analysed is reported in the summary and skipped.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from letopis.ingest.readers import Item, RawDoc, Skip, record_to_doc
from letopis.store import schema as s
from letopis.store.db import create_db_engine, open_db
from letopis.store.writer import DocumentRecord, content_hash, store_extraction

IN_FLIGHT_PER_WORKER = 4
STORE_ATTEMPTS = 5


@dataclass
class IngestSummary:
    """What a batch did. `skipped` lists (where, why) for everything that could not be ingested."""

    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0  # ingested articles that joined an existing story
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1

    @property
    def docs_per_s(self) -> float:
        done = self.ingested + self.duplicates
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": [{"origin": o, "reason": r} for o, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_s, 2),
            "workers": self.workers,
        }


# ---------------------------------------------------------------- worker side


def _init_worker() -> None:
    from letopis.nlp import models

    models()


def analyse_raw(raw: RawDoc) -> tuple[DocumentRecord, Any] | tuple[None, str]:
    """Extract one article (in a worker): (DocumentRecord, Extraction), or (None, reason)."""
    from letopis import extractors
    from letopis.nlp import analyse
    from letopis.store.fts import index_terms
    from letopis.textio import InputError, check_text

    try:
        text = check_text(raw.text, raw.origin)
        doc = analyse(
            text, published=raw.published, title=raw.title, source=raw.source, url=raw.url, id=raw.external_id
        )
        x = extractors.run(doc)
        lemmas = " ".join(index_terms(t.text, t.lemma) for t in doc.tokens if any(c.isalnum() for c in t.text))
        rec = DocumentRecord.build(
            text, lemmas, title=raw.title, source=raw.source, url=raw.url, published=raw.published,
            external_id=raw.external_id,
        )
        return rec, x
    except InputError as e:
        return None, str(e)
    except Exception as e:  # an extractor bug on one article must not stop the batch
        return None, f"extraction failed: {type(e).__name__}: {e}"


def _worker_task(raw: RawDoc) -> tuple[DocumentRecord, Any] | tuple[None, str]:
    """What the pool runs (a stable module-level name, picklable by reference)."""
    return analyse_raw(raw)


# ---------------------------------------------------------------- main side


def ingest_paths(
    paths: Iterable[str | os.PathLike],
    db_url: str | None = None,
    workers: int | None = None,
    feeds: Iterable[str] = (),
    progress: bool = False,
) -> IngestSummary:
    """Ingest files and directories (and `--feed` URLs) into the database at `db_url`
    (see `letopis.store.db.resolve_url`). Returns the summary."""
    from letopis.ingest.readers import iter_paths

    def items() -> Iterator[Item]:
        yield from iter_paths(paths)
        for url in feeds:
            from letopis.ingest.fetch import fetch_feed

            yield from fetch_feed(url)

    return run(items(), db_url, workers, progress)


def ingest_records(
    records: Iterable[dict[str, Any] | RawDoc],
    db_url: str | None = None,
    workers: int | None = None,
    progress: bool = False,
    on_stored: Callable[[RawDoc], None] | None = None,
) -> IngestSummary:
    """Ingest in-memory records: dicts in the JSON Lines shape
    {"id","text","published"?,"title"?,"source"?,"url"?} or `RawDoc`s. `on_stored` is called after
    each article's transaction commits."""

    def items() -> Iterator[Item]:
        for i, r in enumerate(records, 1):
            yield r if isinstance(r, RawDoc) else record_to_doc(r, f"record {i}")

    total = len(records) if hasattr(records, "__len__") else None
    return run(items(), db_url, workers, progress, total=total, on_stored=on_stored)


def run(
    items: Iterable[Item],
    db_url: str | None = None,
    workers: int | None = None,
    progress: bool = False,
    total: int | None = None,
    on_stored: Callable[[RawDoc], None] | None = None,
) -> IngestSummary:
    """The batch over already-read items (see the module docstring)."""
    workers = max(1, workers or os.cpu_count() or 1)
    summary = IngestSummary(workers=workers)
    t0 = time.perf_counter()
    open_db(db_url).dispose()  # migrate
    engine = create_db_engine(db_url, writer=True)
    bar = _Progress(progress, total)
    pool = ProcessPoolExecutor(workers, mp_context=get_context("forkserver"), initializer=_init_worker) if workers > 1 else None
    try:
        with Session(engine) as session, bar:
            seen: set[str] = set()
            for raw, outcome in _extracted(items, pool, workers, session, seen, summary, bar):
                _store(session, raw, outcome, summary)
                bar.advance(summary)
                if on_stored is not None:
                    on_stored(raw)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        engine.dispose()
    summary.seconds = time.perf_counter() - t0
    return summary


def _extracted(
    items: Iterable[Item],
    pool: ProcessPoolExecutor | None,
    workers: int,
    session: Session,
    seen: set[str],
    summary: IngestSummary,
    bar: _Progress,
) -> Iterator[tuple[RawDoc, tuple]]:
    """(raw, (record, extraction) | (None, reason)) in input order; duplicates and unreadable items
    are counted here and never reach a worker."""
    pending: deque[tuple[RawDoc, Future | tuple]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    for item in items:
        if isinstance(item, Skip):
            summary.skipped.append((item.origin, item.reason))
            bar.advance(summary)
            continue
        h = content_hash(item.text)
        if h in seen or _stored(session, h):
            summary.duplicates += 1
            bar.advance(summary)
            continue
        seen.add(h)
        pending.append((item, pool.submit(_worker_task, item) if pool else analyse_raw(item)))
        while len(pending) >= (limit if pool else 1):
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(entry: tuple[RawDoc, Future | tuple]) -> tuple[RawDoc, tuple]:
    raw, fut = entry
    if not isinstance(fut, Future):
        return raw, fut
    try:
        return raw, fut.result()
    except Exception as e:  # a worker that died (out of memory, killed) loses only its article
        return raw, (None, f"worker failed: {type(e).__name__}: {e}")


def _stored(session: Session, h: str) -> bool:
    found = session.scalar(select(s.Document.id).where(s.Document.content_hash == h)) is not None
    session.rollback()  # end the read transaction: never hold a SQLite snapshot between articles
    return found


def _store(session: Session, raw: RawDoc, outcome: tuple, summary: IngestSummary) -> None:
    rec, x = outcome
    if rec is None:
        summary.skipped.append((raw.origin, x))
        return
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with session.begin():
                res = store_extraction(session, rec, x)
            break
        except (IntegrityError, OperationalError) as e:
            # Another process wrote the same article or the same new entity concurrently, or held
            # the lock too long: the transaction rolled back whole; try again on fresh data.
            if _stored(session, rec.content_hash):
                summary.duplicates += 1
                return
            if attempt == STORE_ATTEMPTS:
                summary.skipped.append((raw.origin, f"storing failed: {type(e).__name__}: {e.orig}"))
                return
            time.sleep(0.05 * attempt)
        except Exception as e:  # reported; the article's transaction is rolled back
            summary.skipped.append((raw.origin, f"storing failed: {type(e).__name__}: {e}"))
            return
    if res.duplicate:
        summary.duplicates += 1
    else:
        summary.ingested += 1
        summary.near_duplicates += res.near_duplicate


class _Progress:
    """A rich progress bar on stderr with docs/s, or nothing."""

    def __init__(self, enabled: bool, total: int | None):
        self.enabled, self.total = enabled, total
        self.t0 = time.perf_counter()
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("ingest", total=self.total, rate=0.0, detail="")
        return self

    def advance(self, summary: IngestSummary) -> None:
        if self.bar is None:
            return
        done = summary.ingested + summary.duplicates + len(summary.skipped)
        rate = (summary.ingested + summary.duplicates) / max(1e-9, time.perf_counter() - self.t0)
        detail = f"new {summary.ingested} dup {summary.duplicates} skip {len(summary.skipped)}"
        self.bar.update(self.task, completed=done, rate=rate, detail=detail)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
