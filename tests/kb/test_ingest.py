"""Ingest: every input format, feeds over HTTP, idempotency, near-duplicate stories, bad input
reported and skipped, worker processes, the CLI command, and crash-and-resume (kill -9 mid-batch)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from letopis.ingest import ingest_paths, ingest_records, runner
from letopis.ingest.readers import RawDoc, Skip, iter_paths
from letopis.store import schema as s
from letopis.store.db import open_db

_ANALYSED: dict[tuple, tuple] = {}


@pytest.fixture(autouse=True)
def shared_analysis(monkeypatch):
    """Analyse each distinct article once per session (in-process ingest, workers=1)."""
    real = runner.analyse_raw

    def cached(raw: RawDoc):
        key = (raw.text, raw.title, raw.published, raw.source, raw.url, raw.external_id)
        if key not in _ANALYSED:
            _ANALYSED[key] = real(raw)
        return _ANALYSED[key]

    monkeypatch.setattr(runner, "analyse_raw", cached)


def _counts(url: str) -> dict[str, int]:
    eng = open_db(url)
    with Session(eng) as ses:
        out = {t.__tablename__: ses.scalar(select(func.count()).select_from(t)) for t in (
            s.Document, s.Story, s.Source, s.Entity, s.EntityAlias, s.EntityMention, s.Quote, s.Figure,
            s.Agreement, s.AgreementMention, s.Event, s.Commitment, s.Topic, s.Pair, s.DocumentBand)}
    eng.dispose()
    return out


def _docs(url: str) -> list[s.Document]:
    eng = open_db(url)
    with Session(eng) as ses:
        rows = ses.scalars(select(s.Document).order_by(s.Document.id)).all()
        for r in rows:
            _ = r.source
    eng.dispose()
    return rows


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- input formats

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>{title} | Вестник Степи</title>
<meta property="og:site_name" content="Вестник Степи">
<link rel="canonical" href="https://vestnik.example/news/{slug}">
</head><body><nav>Главная · Политика · Экономика · Общество</nav>
<article><h1>{title}</h1><p class="date">{date_ru}</p>
{paragraphs}
</article><footer>© Вестник Степи. Перепечатка с разрешения редакции.</footer></body></html>"""


def _page(art: dict, slug: str, date_ru: str) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in art["text"].split("\n"))
    return PAGE.format(title=art["title"], slug=slug, date_ru=date_ru, paragraphs=paragraphs)


def test_plain_text_with_date_in_name(tmp_path, db_url, articles) -> None:
    _write(tmp_path / "in" / "2022-09-14-water.txt", articles["tj-kg-water"]["text"])
    (tmp_path / "in" / "cp1251.txt").write_bytes(articles["kz-uz-followup"]["text"].encode("cp1251"))
    summary = ingest_paths([tmp_path / "in"], db_url, workers=1)
    assert (summary.ingested, summary.duplicates, summary.skipped) == (2, 0, [])
    docs = {d.external_id: d for d in _docs(db_url)}
    assert docs["2022-09-14-water"].published.isoformat() == "2022-09-14"
    assert docs["cp1251"].text == articles["kz-uz-followup"]["text"]


def test_html_page(tmp_path, db_url, articles) -> None:
    _write(tmp_path / "page.html", _page(articles["tj-kg-water"], "tj-kg", "14 сентября 2022 года, 10:15"))
    summary = ingest_paths([tmp_path / "page.html"], db_url, workers=1)
    assert summary.ingested == 1, summary.skipped
    (doc,) = _docs(db_url)
    assert doc.title == articles["tj-kg-water"]["title"]
    assert doc.published.isoformat() == "2022-09-14"  # a Russian date in the page
    assert doc.url == "https://vestnik.example/news/tj-kg"
    assert doc.source.name == "Вестник Степи"
    assert "Эмомали Рахмон" in doc.text
    assert "Перепечатка" not in doc.text and "Главная" not in doc.text  # boilerplate dropped


def test_jsonl_with_bad_lines(tmp_path, db_url, jsonl_records) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in jsonl_records[:2]]
    lines += ["{not json", json.dumps({"id": "x", "title": "без текста"}), "",
              json.dumps({"id": "y", "text": "Текст статьи.", "published": "вчера"}), "[1, 2]"]
    _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    summary = ingest_paths([tmp_path / "batch.jsonl"], db_url, workers=1)
    assert summary.ingested == 2
    reasons = dict(summary.skipped)
    assert set(reasons) == {f"{tmp_path / 'batch.jsonl'}:{n}" for n in (3, 4, 6, 7)}
    assert "invalid JSON" in reasons[f"{tmp_path / 'batch.jsonl'}:3"]
    assert '"text"' in reasons[f"{tmp_path / 'batch.jsonl'}:4"]
    assert "published" in reasons[f"{tmp_path / 'batch.jsonl'}:6"]
    docs = {d.external_id: d for d in _docs(db_url)}
    first = jsonl_records[0]
    assert docs[first["id"]].title == first["title"]
    assert docs[first["id"]].source.name == first["source"]
    assert docs[first["id"]].published.isoformat() == first["published"]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Лента Содружества</title><link>https://lenta.example/</link>
<description>Новости</description>
{items}
</channel></rss>"""
RSS_ITEM = """<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>
<pubDate>{date}</pubDate><description><![CDATA[{body}]]></description></item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Атом-лента</title><id>urn:atom-lenta</id>
<updated>2024-02-20T10:00:00Z</updated>
<entry><title>{title}</title><id>urn:a1</id><link href="https://atom.example/a1"/>
<updated>2024-02-20T10:00:00Z</updated><published>2024-02-20T09:00:00Z</published>
<content type="html"><![CDATA[{body}]]></content></entry>
<entry><title>Пустая запись</title><id>urn:a2</id><updated>2024-02-21T10:00:00Z</updated></entry>
</feed>"""


def _html_body(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n"))


def test_rss_and_atom_files(tmp_path, db_url, articles) -> None:
    a, b = articles["kz-uz-talks"], articles["kz-uz-followup"]
    item = RSS_ITEM.format(title=a["title"], link="https://lenta.example/1", guid="lenta-1",
                           date="Wed, 10 May 2023 12:00:00 +0500", body=_html_body(a["text"]))
    _write(tmp_path / "feeds" / "lenta.rss", RSS.format(items=item))
    _write(tmp_path / "feeds" / "atom.xml", ATOM.format(title=b["title"], body=_html_body(b["text"])))
    summary = ingest_paths([tmp_path / "feeds"], db_url, workers=1)
    assert summary.ingested == 2
    assert [r for _o, r in summary.skipped] == ["feed entry has no content or summary"]
    docs = {d.external_id: d for d in _docs(db_url)}
    rss = docs["lenta-1"]
    assert (rss.title, rss.url, rss.source.name) == (a["title"], "https://lenta.example/1", "Лента Содружества")
    assert rss.published.isoformat() == "2023-05-10"
    assert "<p>" not in rss.text and "Касым-Жомарт Токаев" in rss.text
    assert docs["urn:a1"].published.isoformat() == "2024-02-20"


def test_directories_recursively_hidden_skipped(tmp_path, articles) -> None:
    _write(tmp_path / "d" / "a" / "b" / "one.txt", articles["tj-kg-water"]["text"])
    _write(tmp_path / "d" / ".hidden" / "two.txt", articles["kz-uz-talks"]["text"])
    _write(tmp_path / "d" / ".three.txt", articles["kz-uz-talks"]["text"])
    items = list(iter_paths([tmp_path / "d", tmp_path / "missing"]))
    assert [type(i) for i in items] == [RawDoc, Skip]
    assert items[0].external_id == "one"
    assert items[1].reason == "no such file or directory"


def test_bad_files_are_reported_and_skipped(tmp_path, db_url, articles) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "in" / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "in" / "broken.rss").write_bytes(b"<rss><channel><title>x</title></channel>")
    (tmp_path / "in" / "latin1.txt").write_bytes("Caf\xe9 na\xefve r\xe9sum\xe9 \xa9 \xae".encode("latin-1"))
    _write(tmp_path / "in" / "good.txt", articles["tj-kg-water"]["text"])
    summary = ingest_paths([tmp_path / "in"], db_url, workers=1)
    assert summary.ingested == 1
    reasons = {Path(o).name: r for o, r in summary.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt", "broken.rss", "latin1.txt"}
    assert "binary" in reasons["binary.txt"] and "empty" in reasons["empty.txt"]


def test_extraction_failure_is_skipped(tmp_path, db_url, articles, monkeypatch) -> None:
    def broken(raw: RawDoc):
        if "Рахмон" in raw.text:
            return None, "extraction failed: RuntimeError: boom"
        return ("unused",)

    real = runner.analyse_raw
    monkeypatch.setattr(runner, "analyse_raw", lambda raw: broken(raw) if "Рахмон" in raw.text else real(raw))
    summary = ingest_records([{"id": "a", **articles["tj-kg-water"]}, {"id": "b", **articles["kz-uz-talks"]}],
                             db_url, workers=1)
    assert summary.ingested == 1
    assert summary.skipped == [("record 1", "extraction failed: RuntimeError: boom")]


# ---------------------------------------------------------------- feeds over HTTP


@pytest.fixture
def http_site(tmp_path, articles):
    """A local web site: /feed.xml listing two articles (one page missing -> its summary is used)."""
    root = tmp_path / "site"
    _write(root / "news" / "water.html", _page(articles["tj-kg-water"], "water", "14 сентября 2022 года"))
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_port}"
    a = articles["kz-uz-talks"]
    items = "\n".join([
        RSS_ITEM.format(title="Вода и энергетика", link=f"{base}/news/water.html", guid="w1",
                        date="Wed, 14 Sep 2022 10:00:00 +0500", body="Краткое описание."),
        RSS_ITEM.format(title=a["title"], link=f"{base}/news/gone.html", guid="g1",
                        date="Wed, 10 May 2023 10:00:00 +0500", body=_html_body(a["text"])),
        RSS_ITEM.format(title="Нет ничего", link=f"{base}/news/also-gone.html", guid="n1",
                        date="Wed, 10 May 2023 10:00:00 +0500", body=""),
    ])
    _write(root / "feed.xml", RSS.format(items=items))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_feed_over_http(http_site, db_url, articles) -> None:
    summary = ingest_paths([], db_url, workers=1, feeds=[f"{http_site}/feed.xml"])
    assert summary.ingested == 2
    assert len(summary.skipped) == 1 and "404" in summary.skipped[0][1]
    docs = {d.external_id: d for d in _docs(db_url)}
    water = docs["w1"]
    assert "Эмомали Рахмон" in water.text  # the page's text, not the feed's one-line summary
    assert water.title == "Вода и энергетика" and water.url == f"{http_site}/news/water.html"
    assert water.published.isoformat() == "2022-09-14"
    assert "Касым-Жомарт Токаев" in docs["g1"].text  # page missing: the entry's content


def test_unreachable_feed_is_reported(db_url) -> None:
    summary = ingest_paths([], db_url, workers=1, feeds=["http://127.0.0.1:9/feed.xml"])
    assert summary.ingested == 0 and "cannot fetch the feed" in summary.skipped[0][1]


# ---------------------------------------------------------------- idempotency and stories


def test_idempotent_rerun(db_url, jsonl_records) -> None:
    first = ingest_records(jsonl_records, db_url, workers=1)
    before = _counts(db_url)
    again = ingest_records(jsonl_records + jsonl_records[:1], db_url, workers=1)
    assert first.ingested == len(jsonl_records) and first.duplicates == 0
    assert again.ingested == 0 and again.duplicates == len(jsonl_records) + 1
    assert _counts(db_url) == before


def test_duplicate_inside_one_batch(db_url, jsonl_records) -> None:
    summary = ingest_records([jsonl_records[0], {**jsonl_records[0], "id": "copy"}], db_url, workers=1)
    assert (summary.ingested, summary.duplicates) == (1, 1)


def test_near_duplicates_form_one_story(db_url, jsonl_records) -> None:
    summary = ingest_records(jsonl_records, db_url, workers=1)
    assert summary.near_duplicates == 1
    docs = {d.external_id: d for d in _docs(db_url)}
    assert docs["kz-uz-talks"].story_id == docs["kz-uz-talks-reprint"].story_id
    others = {docs[k].story_id for k in ("kz-uz-followup", "tj-kg-water")}
    assert len(others) == 2 and docs["kz-uz-talks"].story_id not in others
    eng = open_db(db_url)
    with Session(eng) as ses:
        # facts repeated by the reprint point at the original: counted once, two sources
        reprint_id = docs["kz-uz-talks-reprint"].id
        for table in (s.Figure, s.Quote, s.Event):
            for row in ses.scalars(select(table).where(table.document_id == reprint_id)):
                assert row.duplicate_of_id is not None, (table.__tablename__, row.text)
    eng.dispose()


def test_persons_resolved_across_ingested_articles(db_url, jsonl_records) -> None:
    ingest_records(jsonl_records, db_url, workers=1)
    eng = open_db(db_url)
    with Session(eng) as ses:
        tokayev = ses.scalars(select(s.Entity).where(s.Entity.surname == "токаев")).all()
        assert len(tokayev) == 1
        docs = set(ses.scalars(select(s.EntityMention.document_id).where(s.EntityMention.entity_id == tokayev[0].id)))
        assert len(docs) == 3  # the talks, the reprint and the follow-up naming him "К.-Ж. Токаевым"
    eng.dispose()


def test_search_after_ingest(db_url, jsonl_records) -> None:
    from letopis.store.fts import search_documents

    ingest_records(jsonl_records, db_url, workers=1)
    eng = open_db(db_url)
    with Session(eng) as ses:
        ext = {d.id: d.external_id for d in ses.scalars(select(s.Document))}
        assert {ext[i] for i, _ in search_documents(ses, "водный ресурс")} == {"tj-kg-water"}
        assert {ext[i] for i, _ in search_documents(ses, "Токаев")} == {
            "kz-uz-talks", "kz-uz-talks-reprint", "kz-uz-followup"}
        assert {ext[i] for i, _ in search_documents(ses, "договор союзнический")} == {
            "kz-uz-talks", "kz-uz-talks-reprint", "kz-uz-followup"}
    eng.dispose()


# ---------------------------------------------------------------- workers and CLI


@pytest.mark.slow
def test_worker_processes(db_url, jsonl_records) -> None:
    summary = ingest_records(jsonl_records, db_url, workers=2)
    assert summary.workers == 2 and summary.ingested == len(jsonl_records), summary.skipped
    assert [d.external_id for d in _docs(db_url)] == [r["id"] for r in jsonl_records]  # input order kept


def test_cli_ingest(tmp_path, db_url, jsonl_records) -> None:
    from typer.testing import CliRunner

    from letopis.cli import app

    path = _write(tmp_path / "b.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in jsonl_records[:2]))
    runner_ = CliRunner()
    res = runner_.invoke(app, ["ingest", str(path), "--db", db_url, "--workers", "1", "-q", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["ingested"], out["duplicates"], out["skipped"]) == (2, 0, [])
    res = runner_.invoke(app, ["ingest", str(path), str(tmp_path / "nope.txt"), "--db", db_url, "--workers", "1", "-q"])
    assert res.exit_code == 0
    assert "duplicates 2" in res.output and "nope.txt" in res.output
    assert runner_.invoke(app, ["ingest", "--db", db_url]).exit_code == 2


# ---------------------------------------------------------------- crash and resume

PLACES = [("KZ", "Казахстана", "Астане"), ("UZ", "Узбекистана", "Ташкенте"), ("TJ", "Таджикистана", "Душанбе"),
          ("KG", "Кыргызстана", "Бишкеке"), ("AZ", "Азербайджана", "Баку"), ("AM", "Армении", "Ереване")]
SUBJECTS = ["транзита грузов", "строительства гидроэлектростанций", "поставок зерна", "цифровизации таможни",
            "подготовки кадров", "развития туризма", "добычи редких металлов", "охраны границы"]


def _generated_articles(n: int) -> list[str]:
    """n distinct short articles written from templates (dates, countries, subjects and figures vary)."""
    out = []
    for i in range(n):
        a, b = PLACES[i % len(PLACES)], PLACES[(i * 5 + 1) % len(PLACES)]
        if a == b:
            b = PLACES[(i + 2) % len(PLACES)]
        subj, subj2 = SUBJECTS[i % len(SUBJECTS)], SUBJECTS[(i * 3 + 1) % len(SUBJECTS)]
        out.append(
            f"В {a[2]} {i % 27 + 1} числа состоялось заседание рабочей группы номер {i} "
            f"{a[1]} и {b[1]} по вопросам {subj}.\n"
            f"Стороны отметили, что объем взаимной торговли в {2010 + i % 13} году составил {100 + 7 * i} млн долларов.\n"
            f"Следующее заседание, посвященное вопросам {subj2}, пройдет в {b[2]} через {i % 11 + 2} месяцев."
        )
    return out


@pytest.mark.slow
def test_kill_9_mid_batch_then_rerun(tmp_path, db_factory) -> None:
    n = 60
    corpus = tmp_path / "corpus"
    for i, text in enumerate(_generated_articles(n)):
        _write(corpus / f"2023-01-{i % 28 + 1:02d}-doc{i:03d}.txt", text)
    crashed, clean = db_factory(), db_factory()
    open_db(crashed).dispose()  # migrate first, so the child starts ingesting at once
    cmd = [sys.executable, "-c", "from letopis.cli import main; main()", "ingest", str(corpus),
           "--db", crashed, "--workers", "1", "-q"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    watcher = open_db(crashed)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        with watcher.connect() as c:
            while time.monotonic() < deadline and proc.poll() is None:
                if c.execute(select(func.count()).select_from(s.Document)).scalar() >= 3:
                    break
                c.rollback()
                time.sleep(0.01)
        assert proc.poll() is None, f"the batch ended before it could be killed: {proc.stderr.read().decode()}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        watcher.dispose()
    at_kill = _counts(crashed)["documents"]
    assert 3 <= at_kill < n, at_kill
    rerun = ingest_paths([corpus], crashed, workers=1)  # the same batch again, here (shares analyses)
    assert (rerun.duplicates, rerun.ingested, rerun.skipped) == (at_kill, n - at_kill, [])
    ingest_paths([corpus], clean, workers=1)
    assert _counts(crashed) == _counts(clean)
    assert _counts(crashed)["documents"] == n
