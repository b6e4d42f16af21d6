"""A small slice of the bundled sample corpus stored once per test module, on SQLite and PostgreSQL.

Why not the function-scoped `db_url` fixture of conftest.py: the query tests only read, so one store
per module and backend keeps them fast; extractions are computed once per session and written with
the store's writer (no NLP per backend). PostgreSQL is used when LETOPIS_TEST_PG_URL is set (the same
variable as conftest.py), else those tests skip with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "LETOPIS_TEST_PG_URL"

# The slice: a target later met (KZ-TJ), a target left unmet past its deadline (UZ-KG), one release
# reprinted by three outlets (RU-KZ), an agreement signed and later referred to (KZ-UZ).
SLICE = [
    "kz-tj-2023-08-forum", "kz-tj-2024-05-igc", "kz-tj-2025-03-mfa",
    "uz-kg-2022-06-pm", "uz-kg-2024-03-igc",
    "ru-kz-2023-11-visit-a", "ru-kz-2023-11-visit-b", "ru-kz-2023-11-visit-c",
    "kz-uz-2022-12-visit", "kz-uz-2023-10-igc",
]
EXTRA = "kz-tj-2022-05-mfa"  # stored later by tests that check that new documents show up


def sample(ids: list[str]) -> list[dict]:
    from letopis.samples import load_corpus

    by_id = {a["id"]: a for a in load_corpus()}
    return [by_id[i] for i in ids]


@pytest.fixture(scope="session")
def sample_extractions() -> dict[str, tuple[dict, object]]:
    """id -> (article, extraction) for the slice and EXTRA, extracted once per session."""
    import letopis

    out = {}
    for a in sample([*SLICE, EXTRA]):
        x = letopis.extract(a["text"], published=a["published"], id=a["id"], title=a["title"],
                            source=a["source"], url=a["url"])
        out[a["id"]] = (a, x)
    return out


def store(url: str, items: list[tuple[dict, object]]) -> None:
    """Write articles with their extractions, one transaction each (as `letopis ingest` does)."""
    from sqlalchemy.orm import Session

    from letopis.store.db import open_db
    from letopis.store.writer import DocumentRecord, store_extraction

    engine = open_db(url)
    try:
        for a, x in items:
            rec = DocumentRecord.build(a["text"], title=a["title"], source=a["source"], url=a["url"],
                                       published=a["published"], external_id=a["id"])
            with Session(engine) as s, s.begin():
                store_extraction(s, rec, x)
    finally:
        engine.dispose()


def _pg_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def new_db(backend: str, tmp: Path) -> tuple[str, object]:
    """(url, cleanup) of an empty database on `backend`."""
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'kb-{uuid.uuid4().hex[:8]}.sqlite'}", lambda: None
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (see .ci/postgres.sh)")
    from sqlalchemy import create_engine, text

    schema = f"q_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()

    def cleanup() -> None:
        from letopis.store import db as store_db

        store_db._migrated.discard(_pg_url(base, schema))
        eng = create_engine(base)
        with eng.begin() as c:
            c.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        eng.dispose()

    return _pg_url(base, schema), cleanup


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def kb_url(request, tmp_path_factory, sample_extractions) -> Iterator[str]:
    """A store holding SLICE (module-scoped, one per backend)."""
    url, cleanup = new_db(request.param, tmp_path_factory.mktemp("kbq"))
    store(url, [sample_extractions[i] for i in SLICE])
    yield url
    cleanup()


@pytest.fixture(scope="module")
def kb_engine(kb_url):
    from letopis.store.db import open_db

    eng = open_db(kb_url)
    yield eng
    eng.dispose()


@pytest.fixture
def kb(kb_engine):
    """A session on the module's store."""
    from sqlalchemy.orm import Session

    with Session(kb_engine) as s:
        yield s
