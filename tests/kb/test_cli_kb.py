"""The knowledge-base commands (letopis pair, quotes, figures, ...) on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from letopis.cli import app

from . import _kb_sample as _s

sample_extractions, kb_url = _s.sample_extractions, _s.kb_url

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == code, (args, res.output, res.exception)
    assert "Traceback" not in res.output
    return res.output


def run_json(*args: str):
    return json.loads(run(*args, "--format", "json"))


def test_pair_json_matches_dossier(kb_url):
    d = run_json("pair", "KZ", "TJ", "--db", kb_url)
    assert d["pair"] == "KZ-TJ"
    t = next(t for t in d["targets"] if t["metric"] == "trade_turnover")
    assert t["status"] == "met" and t["actual"]["evidence"]["external_id"] == "kz-tj-2025-03-mfa"
    same = run_json("pair", "Таджикистан", "Kazakhstan", "--db", kb_url)
    assert same["pair"] == "KZ-TJ" and same["counts"] == d["counts"]


def test_pair_text_tables(kb_url):
    out = run("pair", "KZ", "TJ", "--db", kb_url)
    assert "Казахстан — Таджикистан" in out
    for section in ("Хроника событий", "Соглашения", "Целевые показатели", "Обязательства", "Цитаты по спикерам"):
        assert section in out, section
    assert "met" in out and "2.1 млрд USD" in out


def test_pair_since_filters(kb_url):
    d = run_json("pair", "KZ", "TJ", "--since", "2025", "--db", kb_url)
    assert d["counts"]["documents"] == 1
    assert all(x["date"] >= "2025" for x in d["documents"])
    d = run_json("pair", "KZ", "TJ", "--until", "2023-12", "--db", kb_url)
    assert [x["external_id"] for x in d["documents"]] == ["kz-tj-2023-08-forum"]


def test_errors_are_one_line(kb_url):
    out = run("pair", "KZ", "Атлантида", "--db", kb_url, code=2)
    assert "unknown country" in out
    out = run("pair", "KZ", "TJ", "--since", "вчера", "--db", kb_url, code=2)
    assert "since" in out
    run("pair", "KZ", "TJ", "--format", "xml", "--db", kb_url, code=2)
    out = run("entity", "Несуществующий", "--db", kb_url, code=1)
    assert "no entity" in out


def test_pairs(kb_url):
    rows = run_json("pairs", "--db", kb_url)
    assert {"KZ-TJ", "KZ-RU", "KG-UZ", "KZ-UZ"} <= {r["pair"] for r in rows}
    assert "KZ-TJ" in run("pairs", "--db", kb_url)


def test_quotes_by_speaker(kb_url):
    res = run_json("quotes", "--speaker", "Токаева", "--db", kb_url)
    assert res["total"] >= 1 and all("Токаев" in q["speaker"]["name"] for q in res["items"])
    out = run("quotes", "--speaker", "Токаев", "--db", kb_url)
    assert "Токаев" in out
    res = run_json("quotes", "--pair", "KZ-TJ", "--since", "2025", "--db", kb_url)
    assert res["total"] >= 1 and all(q["date"] >= "2025" for q in res["items"])


def test_figures(kb_url):
    res = run_json("figures", "--metric", "trade_turnover", "--pair", "KZ-TJ", "--db", kb_url)
    values = {round(f["value"] / 1e8) for f in res["items"]}
    assert {15, 21, 20} <= values  # 1.5 and 2.1 billion actuals, the 2 billion target
    assert all(f["metric"] == "trade_turnover" for f in res["items"])
    out = run("figures", "--metric", "trade_turnover", "--pair", "RU-KZ", "--db", kb_url)
    assert "28 млрд USD" in out


def test_agreements(kb_url):
    signed = run_json("agreements", "--pair", "KZ-UZ", "--status", "signed", "--db", kb_url)
    assert signed["items"] and all(g["status"] == "signed" for g in signed["items"])
    assert any("промышленной кооперации" in g["title"] for g in signed["items"])
    assert "signed" in run("agreements", "--pair", "KZ-UZ", "--db", kb_url)


def test_commitments(kb_url):
    res = run_json("commitments", "--status", "overdue", "--pair", "KG-UZ", "--db", kb_url)
    assert res["items"] and all(c["status"] == "overdue" for c in res["items"])
    assert "overdue" in run("commitments", "--status", "overdue", "--db", kb_url)
    run("commitments", "--status", "forgotten", "--db", kb_url, code=2)


def test_events_documents_stories(kb_url):
    ev = run_json("events", "--pair", "KZ-TJ", "--db", kb_url)
    assert ev["total"] >= 1
    docs = run_json("documents", "--pair", "KZ-TJ", "--db", kb_url)
    assert docs["total"] == 3
    st = run_json("stories", "--min-size", "2", "--db", kb_url)
    assert st["total"] == 1 and st["items"][0]["size"] == 3
    assert "Степной курьер" in run("stories", "--min-size", "2", "--db", kb_url)


def test_search(kb_url):
    res = run_json("search", "водные ресурсы", "--db", kb_url)
    assert "kz-tj-2024-05-igc" in {d["external_id"] for d in res["items"]}
    assert "kz-uz-2023-10-igc" in {d["external_id"] for d in run_json("search", "соглашение", "--db", kb_url)["items"]}
    assert "водных ресурсов" in run("search", "водные ресурсы", "--db", kb_url)
    assert "Ничего не найдено" in run("search", "гиппопотам", "--db", kb_url)


def test_entity(kb_url):
    e = run_json("entity", "Токаев", "--db", kb_url)
    assert e["type"] == "PERSON" and e["quotes"]
    out = run("entity", "Токаева", "--db", kb_url)
    assert "Токаев" in out and "Должности" in out


def test_export_csv_and_jsonl(kb_url, tmp_path):
    target = tmp_path / "figures.csv"
    run("export", "--format", "csv", "--kind", "figures", "--pair", "KZ-TJ", "-o", str(target), "--db", kb_url)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows and {"document_id", "metric", "value", "evidence"} <= set(rows[0])
    out = run("export", "--format", "jsonl", "--kind", "quotes", "--kind", "agreements", "--db", kb_url)
    recs = [json.loads(line) for line in out.splitlines()]
    assert {r["kind"] for r in recs} == {"quotes", "agreements"}
    run("export", "--kind", "planets", "--db", kb_url, code=2)
    run("export", "--format", "xml", "--db", kb_url, code=2)


@pytest.mark.slow
def test_demo_ingests_once_and_prints_dossier(tmp_path):
    """`letopis demo --no-serve`: the whole sample corpus into a fresh SQLite file, then a dossier;
    a second run stores nothing new (idempotent)."""
    db = tmp_path / "demo.sqlite"
    out = run("demo", "--db", str(db), "--no-serve")
    assert "Хроника событий" in out and "Целевые показатели" in out
    assert "ingested 20" in out
    again = run("demo", "--db", str(db), "--no-serve")
    assert "ingested 0" in again and "duplicates 20" in again
