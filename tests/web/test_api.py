"""REST API over the sample corpus: every endpoint, its filters, pagination and errors."""

from __future__ import annotations

import pytest

from .conftest import HOSTILE_TEXT, make_client

API = "/api/v1"


def err(resp, status: int, code: str | None = None) -> dict:
    """Assert an error response of the documented shape and return its body."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body


# --- extract --------------------------------------------------------------------------------

def test_extract_returns_the_cli_schema(client):
    text = "Министр иностранных дел России Сергей Лавров провел переговоры с министром иностранных дел Китая Ван И в Пекине."
    r = client.post(f"{API}/extract", json={"text": text, "published": "2024-04-09", "title": "Переговоры"})
    assert r.status_code == 200, r.text
    x = r.json()
    assert x["schema"] == "letopis.extraction/1"
    assert x["document"]["published"] == "2024-04-09" and x["document"]["title"] == "Переговоры"
    assert x["document"]["chars"] == len(text)
    for key in ("entities", "quotes", "figures", "agreements", "events", "commitments", "topics", "pairs"):
        assert isinstance(x[key], list)
    names = {e["name"] for e in x["entities"]}
    assert any("Лавров" in n for n in names)
    for e in x["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("body, field", [
    ({"text": "Текст", "published": "2024-13-01"}, "published"),
    ({"text": ""}, "text"),
    ({"published": "2024-01-01"}, "text"),
    ({"text": "Текст", "colour": "red"}, "colour"),
    ({"text": 42}, "text"),
])
def test_extract_rejects_invalid_bodies(client, body, field):
    body_ = err(client.post(f"{API}/extract", json=body), 422, "invalid_request")
    assert field in body_["error"]["message"]


def test_extract_rejects_blank_text_and_non_json(client):
    err(client.post(f"{API}/extract", json={"text": "   \n "}), 422, "invalid_text")
    err(client.post(f"{API}/extract", content=b"not json", headers={"content-type": "application/json"}), 422)


def test_body_size_limit_by_header_and_by_stream(client):
    big = b'{"text": "' + b"a" * (2 * 1024 * 1024 + 10) + b'"}'
    err(client.post(f"{API}/extract", content=big, headers={"content-type": "application/json"}), 413,
        "payload_too_large")

    def chunks():  # no Content-Length: the limit is enforced while reading
        yield b'{"text": "'
        for _ in range(40):
            yield b"b" * 65536
        yield b'"}'

    err(client.post(f"{API}/extract", content=chunks(), headers={"content-type": "application/json"}), 413)


# --- documents ------------------------------------------------------------------------------

def test_documents_list_and_pagination(client, corpus):
    r = client.get(f"{API}/documents", params={"limit": 5})
    page = r.json()
    assert r.status_code == 200 and page["total"] == len(corpus) + 1 and len(page["items"]) == 5
    assert page["limit"] == 5 and page["offset"] == 0
    dates = [d["date"] for d in page["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    nxt = client.get(f"{API}/documents", params={"limit": 5, "offset": 5}).json()
    assert not {d["id"] for d in page["items"]} & {d["id"] for d in nxt["items"]}
    beyond = client.get(f"{API}/documents", params={"offset": 500}).json()
    assert beyond["items"] == [] and beyond["total"] == page["total"]


def test_documents_filters(client, corpus):
    kz_tj = client.get(f"{API}/documents", params={"pair": "KZ-TJ"}).json()
    expected = [c for c in corpus if c["id"].startswith("kz-tj")]
    assert kz_tj["total"] >= len(expected) > 0
    assert all("KZ-TJ" in d["pairs"] for d in kz_tj["items"])
    by_name = client.get(f"{API}/documents", params={"pair": "Казахстан-Таджикистан"}).json()
    assert by_name["total"] == kz_tj["total"]
    y2023 = client.get(f"{API}/documents", params={"since": "2023", "until": "2023"}).json()
    assert y2023["total"] > 0 and all(d["date"].startswith("2023") for d in y2023["items"])
    assert y2023["total"] == sum(1 for c in corpus if str(c.get("published", "")).startswith("2023"))


def test_documents_full_text_search_understands_word_forms(client):
    # «соглашение» (nominative) finds articles that only say «соглашения», «соглашений» ...
    hits = client.get(f"{API}/documents", params={"q": "соглашение"}).json()
    assert hits["total"] > 0
    none = client.get(f"{API}/documents", params={"q": "квазипротуберанец"}).json()
    assert none["total"] == 0 and none["items"] == []


@pytest.mark.parametrize("params", [
    {"since": "2023-13-01"}, {"until": "2023-02-30"}, {"since": "yesterday"}, {"limit": 0}, {"limit": 501},
    {"offset": -1}, {"limit": "many"},
])
def test_documents_bad_parameters(client, params):
    err(client.get(f"{API}/documents", params=params), 422)


def test_unknown_pair_filter_is_422(client):
    err(client.get(f"{API}/documents", params={"pair": "Атлантида-Лемурия"}), 422)


def test_one_document_with_its_facts(client, corpus):
    rec = next(c for c in corpus if c["id"] == "kz-tj-2023-08-forum")
    doc = client.get(f"{API}/documents/kz-tj-2023-08-forum").json()
    assert doc["title"] == rec["title"] and doc["text"] == rec["text"]
    assert doc["figures"] and doc["quotes"] and doc["entities"]
    for kind in ("quotes", "figures", "agreements", "events", "commitments"):
        for f in doc[kind]:
            assert doc["text"][f["start"]:f["end"]] == f["text"]
    assert any(f["value"] == 2e9 and f["kind"] == "target" for f in doc["figures"])
    by_number = client.get(f"{API}/documents/{doc['id']}").json()
    assert by_number["title"] == doc["title"]


def test_missing_document_is_404(client):
    err(client.get(f"{API}/documents/no-such-document"), 404, "not_found")
    err(client.get(f"{API}/documents/999999"), 404)


def test_search_endpoint(client):
    r = client.get(f"{API}/search", params={"q": "товарооборот"})
    res = r.json()
    assert r.status_code == 200 and res["total"] > 0
    assert all(item["snippet"] for item in res["items"])
    err(client.get(f"{API}/search"), 422)
    err(client.get(f"{API}/search", params={"q": ""}), 422)


# --- entities, pairs, dossier ---------------------------------------------------------------

def test_entity_by_any_name_form(client):
    e = client.get(f"{API}/entities/Токаев").json()
    assert e["type"] == "PERSON" and "Токаев" in e["name"]
    assert e["documents"] >= 3 and e["mentions"] >= e["documents"]
    assert any("президент" in r["title"] for r in e["roles"])
    assert e["quotes"] and all(q["evidence"]["text"] for q in e["quotes"])
    same = client.get(f"{API}/entities/Токаева").json()
    assert same["id"] == e["id"]
    by_id = client.get(f"{API}/entities/{e['id']}").json()
    assert by_id["name"] == e["name"]


def test_unknown_entity_is_404(client):
    err(client.get(f"{API}/entities/Несуществующий Человекович"), 404, "not_found")


def test_pairs_list(client):
    res = client.get(f"{API}/pairs").json()
    pairs = {p["pair"]: p for p in res["items"]}
    assert res["total"] == len(res["items"]) >= 5
    for code in ("KZ-TJ", "KZ-UZ", "KG-UZ", "CN-RU", "KZ-RU"):
        assert code in pairs, code
    assert pairs["KZ-TJ"]["documents"] >= 4 and pairs["KZ-TJ"]["last"] >= "2025"
    assert client.get(f"{API}/pairs", params={"limit": 2}).json()["items"] == res["items"][:2]


def test_dossier(client):
    d = client.get(f"{API}/pairs/KZ/TJ").json()
    assert d["pair"] == "KZ-TJ" and d["a"]["name"] == "Казахстан"
    dates = [e["date"] for e in d["timeline"] if e["date"]]
    assert dates and dates == sorted(dates)
    turnover = next(s for s in d["figures"] if s["metric"] == "trade_turnover" and s["unit"] == "USD")
    values = {(p["kind"], p["value"]) for p in turnover["series"]}
    assert ("actual", 2.1e9) in values and ("target", 2e9) in values
    target = next(t for t in d["targets"] if t["value"] == 2e9)
    assert target["status"] == "met" and target["actual"]["value"] == 2.1e9
    assert d["agreements"] and d["quotes"]
    swapped = client.get(f"{API}/pairs/Таджикистан/Казахстан").json()
    assert swapped["pair"] == "KZ-TJ" and swapped["counts"] == d["counts"]


def test_dossier_date_range(client):
    full = client.get(f"{API}/pairs/KZ/TJ").json()
    part = client.get(f"{API}/pairs/KZ/TJ", params={"since": "2024-01-01"}).json()
    assert part["counts"]["documents"] < full["counts"]["documents"]
    assert all(doc["date"] >= "2024" for doc in part["documents"])
    err(client.get(f"{API}/pairs/KZ/TJ", params={"since": "2024-02-31"}), 422)


def test_unknown_country_in_path_is_404(client):
    err(client.get(f"{API}/pairs/KZ/Атлантида"), 404, "not_found")


# --- facts ----------------------------------------------------------------------------------

def test_quotes_by_speaker_and_pair(client):
    res = client.get(f"{API}/quotes", params={"speaker": "Токаев"}).json()
    assert res["total"] > 0
    assert all("Токаев" in (q["speaker"] or {}).get("name", "") for q in res["items"])
    kz_tj = client.get(f"{API}/quotes", params={"pair": "KZ-TJ", "limit": 3}).json()
    assert len(kz_tj["items"]) <= 3 and all("KZ-TJ" in q["pairs"] for q in kz_tj["items"])
    dated = client.get(f"{API}/quotes", params={"since": "2024-01-01"}).json()
    assert all(q["date"] >= "2024" for q in dated["items"])


def test_figures_by_metric_and_kind(client):
    res = client.get(f"{API}/figures", params={"metric": "trade_turnover", "pair": "KZ-TJ"}).json()
    assert res["total"] > 0 and all(f["metric"] == "trade_turnover" for f in res["items"])
    targets = client.get(f"{API}/figures", params={"kind": "target"}).json()
    assert targets["total"] > 0 and all(f["kind"] == "target" for f in targets["items"])
    err(client.get(f"{API}/figures", params={"metric": "happiness"}), 422)


def test_agreements_by_status(client):
    signed = client.get(f"{API}/agreements", params={"status": "signed"}).json()
    assert signed["total"] > 0 and all(a["status"] == "signed" for a in signed["items"])
    assert all(a["history"] for a in signed["items"])
    err(client.get(f"{API}/agreements", params={"status": "torn-up"}), 422)


def test_commitments_by_status(client):
    overdue = client.get(f"{API}/commitments", params={"status": "overdue"}).json()
    assert overdue["total"] > 0 and all(c["status"] == "overdue" for c in overdue["items"])
    everything = client.get(f"{API}/commitments", params={"limit": 500}).json()
    assert {c["status"] for c in everything["items"]} <= {"open", "met", "overdue"}
    err(client.get(f"{API}/commitments", params={"status": "forgotten"}), 422)


def test_events_and_stories(client):
    ev = client.get(f"{API}/events", params={"pair": "RU-KZ"}).json()
    assert ev["total"] > 0 and all(e["date"] for e in ev["items"])
    stories = client.get(f"{API}/stories", params={"min_size": 2}).json()
    assert stories["total"] >= 1
    reprinted = stories["items"][0]
    assert reprinted["size"] >= 3 and len(reprinted["documents"]) == reprinted["size"]


# --- writing over HTTP ----------------------------------------------------------------------

def test_read_only_without_token(client):
    err(client.post(f"{API}/documents", json={"text": "Текст статьи."}), 403, "read_only")


def test_ingest_needs_the_bearer_token(empty_db):
    from letopis.api import create_app

    c = make_client(create_app(empty_db, token="s3cret"))
    article = {"text": HOSTILE_TEXT, "id": "over-http", "published": "2024-06-02", "title": "Из API"}
    r = c.post(f"{API}/documents", json=article)
    assert r.headers.get("www-authenticate") == "Bearer"
    err(r, 401, "unauthorized")
    err(c.post(f"{API}/documents", json=article, headers={"Authorization": "Bearer wrong"}), 401)
    err(c.post(f"{API}/documents", json=article, headers={"Authorization": "Basic s3cret"}), 401)
    ok = c.post(f"{API}/documents", json=article, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["duplicate"] is False
    again = c.post(f"{API}/documents", json=article, headers={"Authorization": "Bearer s3cret"})
    assert again.status_code == 200 and again.json()["duplicate"] is True
    doc = c.get(f"{API}/documents/over-http").json()
    assert doc["title"] == "Из API" and doc["text"] == HOSTILE_TEXT
    assert c.get(f"{API}/documents").json()["total"] == 1


def test_token_from_environment(empty_db, monkeypatch):
    from letopis.api import create_app

    monkeypatch.setenv("LETOPIS_TOKEN", "from-env")
    c = make_client(create_app(empty_db))
    err(c.post(f"{API}/documents", json={"text": "  "}, headers={"Authorization": "Bearer from-env"}), 422)
    err(c.post(f"{API}/documents", json={"text": "Текст."}), 401)


# --- errors and safety ----------------------------------------------------------------------

def test_unknown_endpoint_and_method(client):
    err(client.get(f"{API}/nothing-here"), 404, "not_found")
    err(client.delete(f"{API}/pairs"), 405, "method_not_allowed")


def test_server_errors_never_leak_internals(empty_db, monkeypatch):
    from letopis import query
    from letopis.api import create_app

    def boom(*_a, **_k):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(query, "list_pairs", boom)
    c = make_client(create_app(empty_db))
    r = c.get(f"{API}/pairs")
    body = err(r, 500, "internal_error")
    assert "secret" not in r.text and "Traceback" not in r.text and "passwd" not in str(body)
    page = c.get("/")
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text


def test_no_file_is_served_by_path(client):
    for path in ("/static/../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/api.py",
                 "/documents/..%2F..%2F..%2Fetc%2Fpasswd", f"{API}/documents/..%2F..%2Fetc%2Fpasswd"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "root:" not in r.text and "[build-system]" not in r.text


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_and_docs_page(client):
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for p in ("/api/v1/extract", "/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/pairs/{a}/{b}",
              "/api/v1/entities/{ref}", "/api/v1/quotes", "/api/v1/figures", "/api/v1/agreements",
              "/api/v1/commitments", "/api/v1/stories", "/api/v1/search", "/api/v1/events"):
        assert p in paths, p
    assert not any(p.startswith("/pairs") or p == "/" for p in paths)  # pages are not API
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200 and "/api/v1/pairs/{a}/{b}" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text


def test_health(client):
    assert client.get(f"{API}/health").json()["status"] == "ok"
