"""Installing and removing the SQLite summary tables that triggers keep (migrations 0003, 0004, 0005,
0007). PostgreSQL gets none of them: both functions do nothing there, and `letopis.query` computes the
same results from the fact tables.

Migrations that already ran call these, so their behaviour is frozen: a migration that needs other
steps does them itself or gets a new function here.
"""

from __future__ import annotations

from collections.abc import Iterable

from alembic import op

Trigger = tuple[str, str, str]  # (name, "AFTER ... ON table[ WHEN condition]", body statements)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def create(tables: Iterable[str], triggers: Iterable[Trigger], backfill: Iterable[str]) -> None:
    """Create the tables (and their indexes), then the triggers, then fill the tables from what is
    stored: rows written from then on reach them through the triggers."""
    if not _sqlite():
        return
    for sql in tables:
        op.execute(sql)
    for name, when, body in triggers:
        event, _, cond = when.partition(" WHEN ")
        cond = f" WHEN {cond}" if cond else ""
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW{cond} BEGIN {body}\nEND")
    for sql in backfill:
        op.execute(sql)


def drop(triggers: Iterable[Trigger], tables: Iterable[str]) -> None:
    """Drop the triggers first (a trigger firing on a dropped table would fail), then the tables."""
    if not _sqlite():
        return
    for name, _when, _body in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in tables:
        op.execute(f"DROP TABLE IF EXISTS {table}")
