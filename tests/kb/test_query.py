"""letopis.query on a slice of the sample corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from letopis import query

from . import _kb_sample as _s
from ._kb_sample import EXTRA, new_db, store

# The shared fixtures (a module-scoped store of the sample slice, per backend).
sample_extractions, kb_url, kb_engine, kb = _s.sample_extractions, _s.kb_url, _s.kb_engine, _s.kb

BN = 1e9


def _doc_text(session, doc_id: int) -> str:
    return query.get_document(session, doc_id)["text"]


def _check_evidence(session, ev: dict) -> None:
    """Evidence is the exact characters of the document it names."""
    assert ev["text"]
    assert _doc_text(session, ev["document_id"])[ev["start"]:ev["end"]] == ev["text"]


# ---------------------------------------------------------------- pairs and dossier


def test_list_pairs_counts_stories_not_reprints(kb):
    pairs = {p["pair"]: p for p in query.list_pairs(kb)}
    assert {"KZ-TJ", "KG-UZ", "KZ-RU", "KZ-UZ"} <= set(pairs)
    ru_kz = pairs["KZ-RU"]
    assert ru_kz["documents"] == 3 and ru_kz["stories"] == 1
    assert pairs["KZ-TJ"]["first"] == "2023-08-21" and pairs["KZ-TJ"]["last"] == "2025-03-12"
    assert pairs["KZ-TJ"]["a"]["name"] == "Казахстан"
    json.dumps(pairs)  # plain JSON


def test_dossier_target_met_by_later_actual(kb):
    d = query.pair_dossier(kb, "KZ", "TJ")
    targets = [t for t in d["targets"] if t["metric"] == "trade_turnover" and t["unit"] == "USD"]
    assert targets, d["targets"]
    t = targets[0]
    assert t["value"] == pytest.approx(2 * BN)
    assert t["status"] == "met"
    assert t["set"]["external_id"] == "kz-tj-2023-08-forum"
    assert t["actual"]["value"] == pytest.approx(2.1 * BN)
    assert t["actual"]["evidence"]["external_id"] == "kz-tj-2025-03-mfa"
    assert "2,1 миллиарда" in t["actual"]["evidence"]["text"]
    _check_evidence(kb, t["set"])
    _check_evidence(kb, t["actual"]["evidence"])


def test_dossier_target_overdue_without_actual(kb):
    d = query.pair_dossier(kb, "Узбекистан", "Кыргызстан")
    assert d["pair"] == "KG-UZ"
    t = next(t for t in d["targets"] if t["metric"] == "trade_turnover" and t["unit"] == "USD")
    assert t["value"] == pytest.approx(2 * BN)
    assert t["status"] == "overdue"
    assert t["actual"] is None
    assert t["deadline"] == "2023-12-31"


def test_dossier_sections_and_evidence(kb):
    d = query.pair_dossier(kb, "kz", "Таджикистана")
    assert d["pair"] == "KZ-TJ"
    assert d["counts"]["documents"] == 3
    assert set(d) >= {"timeline", "agreements", "figures", "targets", "commitments", "quotes", "sectors", "documents"}
    dates = [e["date"] for e in d["timeline"]]
    assert dates == sorted(dates)
    series = next(g for g in d["figures"] if g["metric"] == "trade_turnover" and g["unit"] == "USD")
    values = [p["value"] for p in series["series"] if p["kind"] == "actual"]
    assert pytest.approx(1.5 * BN) in values and pytest.approx(2.1 * BN) in values
    assert any(c["modality"] == "invited" for c in d["commitments"])
    assert {c["status"] for c in d["commitments"]} <= {"open", "met", "overdue"}
    speakers = [g["speaker"]["name"] for g in d["quotes"]]
    assert any("Кошербаев" in n for n in speakers)
    assert any(x["sector"] == "water" for x in d["sectors"])
    assert [x["date"] for x in d["documents"]] == sorted((x["date"] for x in d["documents"]), reverse=True)
    for e in d["timeline"][:5]:
        _check_evidence(kb, e["evidence"])
    json.dumps(d)


def test_dossier_since_until_filter(kb):
    late = query.pair_dossier(kb, "KZ", "TJ", since="2025")
    assert late["counts"]["documents"] == 1
    assert all(e["date"] >= "2025-01-01" for e in late["timeline"])
    assert {x["external_id"] for x in late["documents"]} == {"kz-tj-2025-03-mfa"}
    early = query.pair_dossier(kb, "KZ", "TJ", until="2023")
    assert {x["external_id"] for x in early["documents"]} == {"kz-tj-2023-08-forum"}
    assert all(c["date"] <= "2023-12-31" for c in early["commitments"])
    middle = query.pair_dossier(kb, "KZ", "TJ", since="2024-01", until="2024-12-31")
    assert {x["external_id"] for x in middle["documents"]} == {"kz-tj-2024-05-igc"}


def test_dossier_rejects_unknown_country_and_bad_date(kb):
    with pytest.raises(LookupError):
        query.pair_dossier(kb, "KZ", "Атлантида")
    with pytest.raises(ValueError):
        query.pair_dossier(kb, "KZ", "TJ", since="вчера")


@pytest.mark.parametrize("backend", _s.BACKENDS)
def test_dossier_cache_sees_new_documents(backend, tmp_path, sample_extractions):
    """The dossier is cached per store version: a newly stored article must show up."""
    from sqlalchemy.orm import Session

    from letopis.store.db import open_db

    url, cleanup = new_db(backend, tmp_path)
    try:
        store(url, [sample_extractions[i] for i in ("kz-tj-2023-08-forum", "kz-tj-2025-03-mfa")])
        engine = open_db(url)
        with Session(engine) as session:
            before = query.pair_dossier(session, "KZ", "TJ")
            assert query.pair_dossier(session, "KZ", "TJ") == before  # from the cache, the same data
            assert before["targets"][0]["status"] == "met"
        store(url, [sample_extractions[EXTRA]])
        with Session(engine) as session:
            after = query.pair_dossier(session, "KZ", "TJ")
            assert after["counts"]["documents"] == before["counts"]["documents"] + 1
            assert after["documents"][-1]["external_id"] == EXTRA
            assert query.pair_dossier(session, "KZ", "TJ", use_cache=False) == after
            assert query.list_pairs(session)[0]["documents"] == 3
        engine.dispose()
    finally:
        cleanup()


# ---------------------------------------------------------------- lists


def test_figures_reprinted_story_counts_once_with_three_sources(kb):
    res = query.list_figures(kb, metric="trade_turnover", pair="Россия-Казахстан")
    big = [f for f in res["items"] if f["value"] == pytest.approx(28 * BN)]
    assert len(big) == 1, res["items"]
    assert big[0]["sources"] == 3
    assert all(f["metric"] == "trade_turnover" for f in res["items"])


def test_figures_filters(kb):
    targets = query.list_figures(kb, kind="target", pair="KZ-TJ")
    assert targets["total"] >= 1 and all(f["kind"] == "target" for f in targets["items"])
    assert query.list_figures(kb, metric="trade_turnover", pair="KZ-TJ", until="2022")["total"] == 0
    page = query.list_figures(kb, limit=2, offset=1)
    assert len(page["items"]) == 2 and page["total"] > 3


def test_agreement_signed_then_referenced(kb):
    res = query.list_agreements(kb, pair="KZ-UZ")
    center = [g for g in res["items"] if "промышленной кооперации" in g["title"]]
    assert len(center) == 1, [g["title"] for g in res["items"]]
    g = center[0]
    assert g["status"] == "signed"
    statuses = [h["status"] for h in g["history"]]
    assert statuses[0] == "signed" and "referenced" in statuses
    assert [h["evidence"]["external_id"] for h in g["history"]][-1] == "kz-uz-2023-10-igc"
    assert g["mentions"] >= 2
    signed = query.list_agreements(kb, pair="KZ-UZ", status="signed")["items"]
    assert g["id"] in {x["id"] for x in signed}
    referenced = query.list_agreements(kb, pair="KZ-UZ", status="referenced")["items"]
    assert g["id"] not in {x["id"] for x in referenced}


def test_commitments_status_filters(kb):
    overdue = query.list_commitments(kb, pair="KG-UZ", status="overdue")["items"]
    assert any(c["figure"] and c["figure"]["value"] == pytest.approx(2 * BN) for c in overdue), overdue
    assert all(c["status"] == "overdue" for c in overdue)
    opened = query.list_commitments(kb, status="open")["items"]
    assert opened and all(c["status"] == "open" for c in opened)
    invited = query.list_commitments(kb, modality="invited")["items"]
    assert invited and all(c["modality"] == "invited" for c in invited)
    with pytest.raises(ValueError):
        query.list_commitments(kb, status="forgotten")


def test_quotes_by_speaker_any_word_form(kb):
    for form in ("Токаев", "Токаева", "Касым-Жомарт Токаев"):
        res = query.list_quotes(kb, speaker=form)
        assert res["total"] >= 1, form
        assert all("Токаев" in q["speaker"]["name"] for q in res["items"])
    dates = [q["date"] for q in query.list_quotes(kb)["items"]]
    assert dates == sorted(dates, reverse=True)
    with pytest.raises(LookupError):
        query.list_quotes(kb, speaker="Несуществующий Человекович")


def test_quotes_pair_and_dates(kb):
    res = query.list_quotes(kb, pair="KZ-TJ", since="2025")
    assert res["total"] >= 1
    assert all(q["date"] >= "2025" and "KZ-TJ" in q["pairs"] for q in res["items"])


def test_events_list(kb):
    res = query.list_events(kb, pair="KZ-TJ", until="2023")
    assert res["total"] >= 1
    assert all(e["date"] <= "2023-12-31" for e in res["items"])


def test_stories_group_reprints(kb):
    res = query.list_stories(kb, min_size=2)
    assert res["total"] == 1
    story = res["items"][0]
    assert story["size"] == 3
    assert {d["source"] for d in story["documents"]} == {"Вестник Евразии", "Степной курьер", "Северная газета"}


def test_documents_list_and_document(kb):
    res = query.list_documents(kb, pair="KZ-TJ")
    assert res["total"] == 3
    assert [d["date"] for d in res["items"]] == sorted((d["date"] for d in res["items"]), reverse=True)
    doc = query.get_document(kb, "ru-kz-2023-11-visit-b")
    assert doc["external_id"] == "ru-kz-2023-11-visit-b"
    assert len(doc["duplicates"]) == 2
    assert query.get_document(kb, doc["id"])["external_id"] == "ru-kz-2023-11-visit-b"
    for kind in ("quotes", "figures", "agreements", "events", "commitments"):
        for f in doc[kind]:
            assert doc["text"][f["start"]:f["end"]] == f["text"], kind
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert query.get_document(kb, "no-such-doc") is None


def test_entity_person_country(kb):
    e = query.get_entity(kb, "Токаева")
    assert e["type"] == "PERSON" and "Токаев" in e["name"]
    assert e["quotes"] and e["documents"] >= 2
    assert any(p["pair"] == "KZ-RU" for p in e["pairs"])
    assert any("президент" in r["title"].lower() for r in e["roles"])
    kz = query.get_entity(kb, "Kazakhstan")
    assert kz["type"] == "COUNTRY" and kz["country"] == "KZ"
    assert query.get_entity(kb, "Несуществующий") is None


# ---------------------------------------------------------------- search and export


def test_search_russian_word_forms(kb):
    res = query.search(kb, "соглашение")
    ids = {d["external_id"] for d in res["items"]}
    assert "kz-uz-2023-10-igc" in ids  # the text has only «Соглашения»
    assert res["total"] == len(res["items"])
    water = query.search(kb, "водные ресурсы")
    assert "kz-tj-2024-05-igc" in {d["external_id"] for d in water["items"]}  # «водных ресурсов»
    snippet = next(d["snippet"] for d in water["items"] if d["external_id"] == "kz-tj-2024-05-igc")
    assert "водных ресурсов" in snippet
    assert query.search(kb, "Токаева")["total"] >= 3
    assert query.search(kb, "гиппопотам")["total"] == 0
    assert query.search(kb, "   ")["items"] == []


def test_documents_full_text_filter(kb):
    res = query.list_documents(kb, q="водные ресурсы", pair="KZ-TJ")
    assert {d["external_id"] for d in res["items"]} == {"kz-tj-2024-05-igc"}


@pytest.mark.parametrize("kind", query.EXPORT_KINDS)
def test_export_rows_flat(kb, kind):
    rows = query.export_rows(kb, kind)
    assert rows, kind
    for r in rows:
        assert all(v is None or isinstance(v, str | int | float | bool) for v in r.values()), r
    if kind not in ("documents", "entities"):
        assert all(r["document_id"] and r["evidence"] for r in rows)


def test_export_filters_by_pair(kb):
    rows = query.export_rows(kb, "figures", pair="KZ-TJ", since="2024")
    assert rows and all(r["date"] >= "2024" for r in rows)
    with pytest.raises(ValueError):
        query.export_rows(kb, "planets")


def test_empty_store(tmp_path):
    """Every query answers on an empty store."""
    from sqlalchemy.orm import Session

    from letopis.store.db import open_db

    url, cleanup = new_db("sqlite", tmp_path)
    with Session(open_db(url)) as s:
        assert query.list_pairs(s) == []
        d = query.pair_dossier(s, "KZ", "TJ")
        assert d["counts"]["documents"] == 0 and d["timeline"] == [] and d["targets"] == []
        assert query.search(s, "соглашение")["total"] == 0
        assert query.list_documents(s)["total"] == 0
    cleanup()
