"""`letopis bench ingest` end to end at a tiny scale: the throughput table with its steady-state
column, a store grown by replication to the asked size, and the latency table (no timing is
asserted: the numbers are only checked to be there)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner


def test_bench_ingest_small(tmp_path: Path):
    from letopis.cli import app

    res = CliRunner().invoke(app, ["bench", "ingest", "--repeat", "1", "--workers", "1", "--docs", "50",
                                   "--runs", "1", "--keep", str(tmp_path)], env={"COLUMNS": "240"})
    assert res.exit_code == 0, res.output
    assert "steady docs/s" in res.output and "Query latency at scale" in res.output
    with sqlite3.connect(tmp_path / "scale-50.sqlite") as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 50
        # replication goes through the triggers: the summaries cover the copies too
        assert c.execute("SELECT sum(documents) FROM pair_totals").fetchone()[0] == c.execute(
            "SELECT count(*) FROM pairs").fetchone()[0]
        assert c.execute("SELECT count(*) FROM series_actuals").fetchone()[0] == c.execute(
            "SELECT count(*) FROM figures WHERE kind = 'actual' AND series_key IS NOT NULL").fetchone()[0]
