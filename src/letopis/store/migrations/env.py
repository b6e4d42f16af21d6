"""Alembic environment: runs migrations on the Engine given by `letopis.store.db.alembic_config`
(config.attributes["engine"]), else on the URL in the config (for the alembic command line).

All of a migration runs in one transaction, serialized between processes: on SQLite the engine from
`letopis.store.db.migrate` begins with BEGIN IMMEDIATE (the write lock), on PostgreSQL an advisory
lock is taken first."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from letopis.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Two processes opening a new database at once: the second waits, then finds it at head.
                connection.execute(text("SELECT pg_advisory_xact_lock(4216151)"))
            context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
