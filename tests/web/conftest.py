"""Fixtures for the web tests: the sample corpus ingested once per session, apps and clients over it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

# A header written by us, not an article: holds markup that must never execute in the browser.
HOSTILE_TITLE = 'Заголовок <img src=x onerror="window.__pwned=1"> и <b>жирный</b>'
HOSTILE_TEXT = (
    "Премьер-министр Армении Никол Пашинян провел переговоры с премьер-министром Грузии Ираклием Кобахидзе "
    "<script>window.__pwned = 1;</script> в Тбилиси. "
    'Стороны подписали меморандум о сотрудничестве "><img src=x onerror="window.__pwned=2"> в сфере энергетики. '
    "Товарооборот между Арменией и Грузией в 2024 году составил 900 миллионов долларов "
    "<a href=\"javascript:window.__pwned=3\">ссылка</a>, заявил Пашинян.\n"
)


def ingest_records(url: str, records: list[dict]) -> list[dict]:
    """Extract and store each record {"id","text","published",...} through the web layer's adapter."""
    import letopis
    from letopis.store.db import open_db
    from letopis.textio import check_text
    from letopis.web.adapters import ingest_one

    engine = open_db(url)
    out = []
    for rec in records:
        text = check_text(rec["text"])
        meta = {k: rec.get(k) for k in ("id", "title", "source", "url", "published")}
        x = letopis.extract(text, **meta)
        out.append(ingest_one(engine, text, meta, x))
    engine.dispose()
    return out


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, worker_id) -> str:
    """A SQLite file holding the bundled sample corpus and one hostile article.

    Built once per test run: under pytest-xdist the workers share one file (the first builds it
    under an exclusive lock, the others wait and reuse it).
    """
    if worker_id == "master":
        path = tmp_path_factory.mktemp("webdb") / "sample.sqlite"
        _build_sample(path)
        return f"sqlite:///{path}"
    import fcntl

    root = tmp_path_factory.getbasetemp().parent  # this run's directory, shared by the workers
    path, done = root / "web-sample.sqlite", root / "web-sample.done"
    with open(root / "web-sample.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _build_sample(path)
            done.touch()
    return f"sqlite:///{path}"


def _build_sample(path: Path) -> None:
    from letopis.samples import load_corpus

    records = load_corpus()
    records.append({"id": "hostile-1", "text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "source": "<i>Тест</i>",
                    "url": "javascript:window.__pwned=4", "published": "2024-06-01"})
    ingest_records(f"sqlite:///{path}", records)


@pytest.fixture(scope="session")
def corpus() -> list[dict]:
    from letopis.samples import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def app(sample_db):
    from letopis.api import create_app

    return create_app(sample_db, token=None)


@pytest.fixture(scope="session")
def client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def empty_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite'}"


def make_client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False)
