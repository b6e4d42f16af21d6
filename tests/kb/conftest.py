"""Knowledge-base fixtures: a database per test on SQLite and (when LETOPIS_TEST_PG_URL is set) on
PostgreSQL, small articles written for these tests, and their extractions computed once per session.

`db_url` is parametrized: "sqlite" (a fresh file under tmp_path) and "postgres" (a fresh schema in the
server at LETOPIS_TEST_PG_URL, e.g. postgresql+psycopg://postgres@127.0.0.1:55432/letopis_test, dropped
afterwards; the test skips with a reason when the variable is unset). Tests using it run on both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "LETOPIS_TEST_PG_URL"


def _pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_factory(request, tmp_path) -> Iterator:
    """`db_factory()` -> the URL of a new empty database on this test's backend (SQLite file or
    PostgreSQL schema); everything is dropped after the test."""
    made: list[str] = []
    base = os.environ.get(PG_ENV)
    if request.param == "postgres" and not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (see .ci/postgres.sh)")

    def make() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'kb-{uuid.uuid4().hex[:8]}.sqlite'}"
        from sqlalchemy import create_engine, text

        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(base)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
        made.append(schema)
        return _pg_schema_url(base, schema)

    yield make
    if made:
        from sqlalchemy import create_engine, text

        from letopis.store import db as store_db

        admin = create_engine(base)
        with admin.begin() as c:
            for schema in made:
                store_db._migrated.discard(_pg_schema_url(base, schema))
                c.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def db_url(db_factory) -> str:
    """A URL to an empty database (migrated on first `open_db`): SQLite file or PostgreSQL schema."""
    return db_factory()


@pytest.fixture
def engine(db_url):
    """An Engine on a freshly migrated database (both backends)."""
    from letopis.store.db import open_db

    eng = open_db(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        yield s


# ---------------------------------------------------------------- articles written for these tests

ARTICLES: dict[str, dict[str, str]] = {
    "kz-uz-talks": {
        "published": "2023-05-10",
        "title": "Переговоры лидеров Казахстана и Узбекистана",
        "source": "Пресс-служба",
        "text": (
            "Ташкент, 10 мая 2023 года. Президент Казахстана Касым-Жомарт Токаев провел переговоры "
            "с Президентом Узбекистана Шавкатом Мирзиёевым.\n"
            "По итогам переговоров главы государств подписали Договор о союзнических отношениях.\n"
            "«Наши страны связывает многовековая дружба», — заявил Касым-Жомарт Токаев.\n"
            "В 2022 году товарооборот между Казахстаном и Узбекистаном составил 4,5 млрд долларов. "
            "Стороны договорились довести товарооборот до 10 млрд долларов к 2030 году."
        ),
    },
    "kz-uz-talks-reprint": {
        "published": "2023-05-11",
        "title": "Токаев и Мирзиёев провели переговоры",
        "source": "Информагентство",
        "text": (
            "ТАШКЕНТ, 10 мая. Президент Казахстана Касым-Жомарт Токаев провел переговоры "
            "с Президентом Узбекистана Шавкатом Мирзиёевым.\n"
            "По итогам переговоров главы государств подписали Договор о союзнических отношениях.\n"
            "«Наши страны связывает многовековая дружба», — заявил Касым-Жомарт Токаев.\n"
            "В 2022 году товарооборот между Казахстаном и Узбекистаном составил 4,5 млрд долларов. "
            "Стороны договорились довести товарооборот до 10 млрд долларов к 2030 году."
        ),
    },
    "kz-uz-followup": {
        "published": "2024-02-20",
        "title": "Межправкомиссия Казахстана и Узбекистана",
        "source": "Пресс-служба",
        "text": (
            "Астана, 20 февраля 2024 года. В Астане прошло заседание межправительственной комиссии "
            "Казахстана и Узбекистана.\n"
            "Участники обсудили выполнение Договора о союзнических отношениях, подписанного "
            "К.-Ж. Токаевым и Ш. Мирзиёевым в прошлом году.\n"
            "Министр торговли Казахстана сообщил, что по итогам 2023 года товарооборот вырос до 5 млрд долларов."
        ),
    },
    "tj-kg-water": {
        "published": "2022-09-14",
        "title": "Таджикистан и Кыргызстан обсудили водные ресурсы",
        "source": "Вестник",
        "text": (
            "Душанбе, 14 сентября 2022 года. Президент Таджикистана Эмомали Рахмон принял делегацию "
            "Кыргызстана во главе с председателем кабинета министров Акылбеком Жапаровым.\n"
            "Стороны обсудили совместное использование водных ресурсов и энергетики.\n"
            "По словам Эмомали Рахмона, соглашения о водных ресурсах станут основой добрососедства."
        ),
    },
}


@pytest.fixture(scope="session")
def articles() -> dict[str, dict[str, str]]:
    return ARTICLES


@pytest.fixture(scope="session")
def extractions():
    """Each test article's extraction, computed once per session (models load once)."""
    import letopis

    return {
        k: letopis.extract(a["text"], published=a["published"], title=a["title"], source=a["source"], id=k)
        for k, a in ARTICLES.items()
    }


@pytest.fixture(scope="session")
def jsonl_records():
    """The test articles as JSON Lines records."""
    return [{"id": k, **a} for k, a in ARTICLES.items()]
