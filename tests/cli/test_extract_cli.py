"""`letopis extract`: inputs, formats, batch mode and clear errors (never a traceback)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from letopis.cli import app

runner = CliRunner()

ARTICLE = (
    "Президент Узбекистана Шавкат Мирзиёев провел переговоры с президентом Киргизии Садыром Жапаровым. "
    "«Мы договорились довести товарооборот до двух миллиардов долларов», – заявил Шавкат Мирзиёев."
)


def _invoke(args, **kw):
    return runner.invoke(app, args, catch_exceptions=False, **kw)


def test_json_output_has_schema_and_evidence(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = _invoke(["extract", str(f), "--published", "2024-03-01", "--title", "Переговоры"])
    assert r.exit_code == 0, r.output
    x = json.loads(r.stdout)
    assert x["schema"] == "letopis.extraction/1"
    assert x["document"] == {
        "id": "a", "title": "Переговоры", "source": None, "url": None, "published": "2024-03-01",
        "language": "ru", "chars": len(ARTICLE),
    }
    persons = [e for e in x["entities"] if e["type"] == "PERSON"]
    assert persons, "a person is found"
    for e in x["entities"]:
        for m in e["mentions"]:
            assert ARTICLE[m["start"] : m["end"]] == m["text"]


def test_stdin_and_text_format():
    r = _invoke(["extract", "-", "--format", "text"], input=ARTICLE.encode())
    assert r.exit_code == 0, r.output
    assert "Мирзиёев" in r.stdout
    assert "## Persons" in r.stdout


def test_cp1251_file_is_decoded(tmp_path):
    f = tmp_path / "cp.txt"
    f.write_bytes(ARTICLE.encode("cp1251"))
    r = _invoke(["extract", str(f)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["document"]["chars"] == len(ARTICLE)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = _invoke(["extract", str(f)])
    assert r.exit_code == 2
    assert message in r.stderr
    assert "Traceback" not in r.output


def test_missing_file_and_bad_date(tmp_path):
    r = _invoke(["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2 and "cannot read" in r.stderr
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = _invoke(["extract", str(f), "--published", "22.08.2023"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr


def test_jsonl_batch_skips_bad_lines_and_keeps_order(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "d1", "text": ARTICLE, "published": "2024-03-01"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "d2", "text": "   "}),
        json.dumps({"id": "d3", "text": ARTICLE.replace("Узбекистана", "Казахстана")}, ensure_ascii=False),
        json.dumps({"id": "d4", "text": ARTICLE, "published": "yesterday"}, ensure_ascii=False),
        json.dumps(["a list"]),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = _invoke(["extract", "--jsonl", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["document"]["id"] for g in got] == ["d1", "d3"]
    assert got[0]["document"]["published"] == "2024-03-01"
    for lineno in (2, 3, 5, 6):
        assert f":{lineno}:" in r.stderr
    assert "2 extracted, 4 skipped" in r.stderr
