"""Where the knowledge base lives and how to connect to it.

    >>> from letopis.store.db import open_db, resolve_url
    >>> engine = open_db(resolve_url(None))       # migrated to head, ready to use
    >>> from sqlalchemy.orm import Session
    >>> with Session(engine) as s: ...

URL resolution (`resolve_url`): the `--db` value, else the environment variable LETOPIS_DB, else the
per-user default file `default_path()`:
    Linux:   $XDG_DATA_HOME/letopis/letopis.sqlite (~/.local/share/letopis/letopis.sqlite)
    macOS:   ~/Library/Application Support/letopis/letopis.sqlite
    Windows: %LOCALAPPDATA%\\letopis\\letopis.sqlite
A value with "://" is a SQLAlchemy URL (sqlite:///..., postgresql+psycopg://...); anything else is a
path to a SQLite file ("kb.sqlite", "~/data/kb.db").
"""

from __future__ import annotations

import os
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

ENV_VAR = "LETOPIS_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_lock = threading.Lock()
_migrated: set[str] = set()


def default_path() -> Path:
    """The per-user default database file (see the module docstring)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "letopis" / "letopis.sqlite"


def resolve_url(value: str | None = None) -> str:
    """`--db` value, else $LETOPIS_DB, else the per-user default; plain paths become sqlite URLs."""
    value = value or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def create_db_engine(url: str, writer: bool = False) -> Engine:
    """An Engine with our connection settings, without migrating.

    SQLite: WAL journal (readers never block the writer), foreign keys on, 30 s busy timeout,
    synchronous=NORMAL (with WAL, a crash or kill -9 loses no committed transaction). The parent
    directory of the file is created. With `writer`, every transaction starts with BEGIN IMMEDIATE:
    it takes the write lock up front (waiting up to the busy timeout), so two processes writing the
    same file queue up instead of failing on a stale snapshot.
    """
    url = resolve_url(url)
    if is_sqlite(url):
        db = make_url(url).database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        if writer:
            event.listen(engine, "connect", _no_implicit_begin)
            event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _no_implicit_begin(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # pysqlite must not BEGIN on its own: we emit BEGIN IMMEDIATE


def _begin_immediate(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def alembic_config(engine: Engine):
    """An Alembic Config whose script_location is inside this package; migrations run on `engine`."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database schema to `revision` (idempotent; cheap when already there)."""
    from alembic import command

    if is_sqlite(engine):
        # BEGIN IMMEDIATE: the whole migration in one transaction holding the write lock, so a second
        # process opening the same new file waits and then finds it at head.
        writer = create_db_engine(engine.url.render_as_string(hide_password=False), writer=True)
        try:
            command.upgrade(alembic_config(writer), revision)
        finally:
            writer.dispose()
        return
    command.upgrade(alembic_config(engine), revision)


def open_db(url: str | None = None) -> Engine:
    """Resolve `url` (see `resolve_url`), create the engine and migrate it to head (once per process)."""
    url = resolve_url(url)
    engine = create_db_engine(url)
    with _lock:
        if url not in _migrated:
            migrate(engine)
            _migrated.add(url)
    return engine


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> its SQLite table names


def has_summary(session: Any, name: str) -> bool:
    """Whether the store behind `session` has the trigger-maintained summary table `name` (SQLite
    only, migrations 0003-0007: pair_facts, pair_labels, pair_figures, pair_totals, agreement_status,
    series_actuals). Read once per engine: engines are opened migrated (`open_db`). Without the table
    (PostgreSQL) the readers compute the same from the fact tables."""
    bind = session.get_bind()
    if bind not in _TABLES:
        _TABLES[bind] = frozenset() if bind.dialect.name != "sqlite" else frozenset(session.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
    return name in _TABLES[bind]
