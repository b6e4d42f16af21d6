"""The store: URL resolution, engine settings, migrations on both backends, one-transaction writes,
idempotency by content hash, evidence kept exactly, and full-text search with Russian word forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from letopis import model
from letopis.store import db as store_db
from letopis.store import schema as s
from letopis.store.fts import search_documents
from letopis.store.writer import DocumentRecord, content_hash, store_extraction


def _doc(text_: str, published: str = "2024-01-15", **meta) -> DocumentRecord:
    return DocumentRecord.build(text_, published=published, **meta)


def _store(engine, rec: DocumentRecord, x: model.Extraction | None = None):
    with Session(engine) as ses, ses.begin():
        return store_extraction(ses, rec, x or model.Extraction(document=model.DocumentMeta()))


def _count(engine, table) -> int:
    with Session(engine) as ses:
        return ses.scalar(select(func.count()).select_from(table))


# ---------------------------------------------------------------- URL resolution and engine


def test_plain_path_is_sqlite(tmp_path: Path) -> None:
    url = store_db.resolve_url(str(tmp_path / "kb.sqlite"))
    assert url == f"sqlite:///{tmp_path / 'kb.sqlite'}"


def test_url_passes_through() -> None:
    assert store_db.resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_env_var_then_default(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LETOPIS_DB", str(tmp_path / "env.sqlite"))
    assert store_db.resolve_url(None).endswith("env.sqlite")
    assert store_db.resolve_url("other.sqlite").endswith("other.sqlite")  # --db wins over the env
    monkeypatch.delenv("LETOPIS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if store_db.sys.platform.startswith("linux"):
        assert store_db.resolve_url(None) == f"sqlite:///{tmp_path / 'xdg' / 'letopis' / 'letopis.sqlite'}"


def test_sqlite_settings(tmp_path: Path) -> None:
    eng = store_db.open_db(str(tmp_path / "sub" / "kb.sqlite"))
    with eng.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    eng.dispose()


# ---------------------------------------------------------------- migrations


def test_migration_creates_schema(engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert {t.name for t in s.Base.metadata.sorted_tables} <= names
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(store_db.alembic_config(engine)).get_current_head()
    with engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    if engine.dialect.name == "sqlite":
        assert "documents_fts" in names
    else:
        cols = {c["name"] for c in inspect(engine).get_columns("documents")}
        assert "lemmas_tsv" in cols


def test_open_twice_and_downgrade_upgrade(db_url) -> None:
    eng = store_db.open_db(db_url)
    store_db.migrate(eng)  # already at head: a no-op
    from alembic import command

    command.downgrade(store_db.alembic_config(eng), "base")
    assert "documents" not in inspect(eng).get_table_names()
    store_db.migrate(eng)
    assert "documents" in inspect(eng).get_table_names()
    eng.dispose()


# ---------------------------------------------------------------- writing


def test_idempotent_by_content_hash(engine) -> None:
    rec = _doc("Казахстан и Киргизия подписали меморандум о сотрудничестве.")
    first = _store(engine, rec)
    again = _store(engine, _doc("Казахстан  и Киргизия подписали\nмеморандум о сотрудничестве."))
    assert not first.duplicate
    assert again.duplicate and again.document_id == first.document_id
    assert _count(engine, s.Document) == 1


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("а  б\nв") == content_hash("а б в")
    assert content_hash("а б в") != content_hash("а б г")


def _extraction(text_: str) -> model.Extraction:
    start = text_.index("Товарооборот")
    end = len(text_)
    return model.Extraction(
        document=model.DocumentMeta(),
        entities=[
            model.Entity(id="E1", type="COUNTRY", name="Казахстан", country="KZ",
                         mentions=[model.Mention(start=0, end=9, text=text_[0:9])]),
        ],
        figures=[
            model.Figure(id="F1", metric="trade_turnover", value=1.5e9, unit="USD", countries=["KZ", "KG"],
                         text=text_[start:end], start=start, end=end),
        ],
        topics=["trade"],
        pairs=[["KG", "KZ"]],
    )


def test_evidence_is_kept_exactly(session, engine) -> None:
    t = "Казахстан и Киргизия провели переговоры. Товарооборот составил 1,5 млрд долларов."
    res = _store(engine, _doc(t), _extraction(t))
    doc = session.get(s.Document, res.document_id)
    fig = session.scalars(select(s.Figure)).one()
    assert doc.text[fig.start : fig.end] == fig.text
    m = session.scalars(select(s.EntityMention)).one()
    assert doc.text[m.start : m.end] == m.text == "Казахстан"
    assert fig.series_key == "trade_turnover|-|KG-KZ"
    assert session.scalars(select(s.Pair.a)).all() == ["KG"]
    assert session.scalars(select(s.Topic.topic)).all() == ["trade"]
    assert model.Extraction.model_validate_json(doc.extraction_json).figures[0].value == 1.5e9


def test_one_transaction_all_or_nothing(engine, monkeypatch) -> None:
    from letopis.store import writer

    def boom(self) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer._FactWriter, "_events", boom)
    t = "Казахстан и Киргизия провели переговоры. Товарооборот составил 1,5 млрд долларов."
    with pytest.raises(RuntimeError):
        _store(engine, _doc(t), _extraction(t))
    for table in (s.Document, s.Story, s.Entity, s.EntityMention, s.Figure, s.DocumentBand):
        assert _count(engine, table) == 0, table.__tablename__


def test_published_is_a_date(session, engine) -> None:
    res = _store(engine, _doc("Министры обсудили транзит грузов.", published="2022-03-04"))
    assert session.get(s.Document, res.document_id).published.isoformat() == "2022-03-04"


def test_sources_are_shared(session, engine) -> None:
    _store(engine, _doc("Первая новость о транзите грузов через порт.", source="Вестник"))
    _store(engine, _doc("Вторая новость о строительстве новой дороги.", source="Вестник"))
    assert session.scalar(select(func.count()).select_from(s.Source)) == 1


# ---------------------------------------------------------------- full-text search


@pytest.fixture
def fts_engine(engine):
    docs = [
        ("Стороны подписали соглашения о водных ресурсах.", "Соглашение по воде"),
        ("Президент Токаев прибыл с визитом. Переговоры Токаева и Рахмона прошли в Душанбе.", None),
        ("Экспорт зерна вырос на десять процентов.", None),
    ]
    for t, title in docs:
        _store(engine, _doc(t, title=title))
    return engine


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("соглашение", {0}),
        ("соглашениями", {0}),
        ("водные ресурсы", {0}),
        ("Токаев", {1}),
        ("Токаева", {1}),
        ("Токаевым", {1}),
        ("Рахмон", {1}),
        ("зерно", {2}),
        ("нефть", set()),
        ("соглашение нефть", set()),  # every word must match
        ("воде", {0}),  # words of the title are indexed too
    ],
)
def test_search_with_word_forms(fts_engine, query: str, expected: set[int]) -> None:
    with Session(fts_engine) as ses:
        ids = {doc_id for doc_id, _score in search_documents(ses, query)}
        order = {d.id: i for i, d in enumerate(ses.scalars(select(s.Document).order_by(s.Document.id)))}
    assert {order[i] for i in ids} == expected


def test_search_empty_query_finds_nothing(fts_engine) -> None:
    with Session(fts_engine) as ses:
        assert search_documents(ses, "  ") == []
        assert search_documents(ses, "!!!") == []
