"""Server-rendered pages over the sample corpus (HTML checked without a browser)."""

from __future__ import annotations

import re

import pytest

from .conftest import HOSTILE_TEXT


def html_of(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_home_lists_pairs_and_latest_documents(client):
    page = html_of(client, "/")
    assert 'lang="ru"' in page and "Пары стран" in page
    assert 'href="/pairs/KZ/TJ"' in page and "Казахстан — Таджикистан" in page
    assert 'action="/search"' in page
    assert page.count('class="pair-card"') >= 5
    assert "Последние статьи" in page


def test_dossier_page_has_chart_timeline_and_sections(client):
    page = html_of(client, "/pairs/KZ/TJ")
    assert "<svg" in page and 'class="chart card"' in page
    values = {float(v) for v in re.findall(r'class="pt pt-actual" data-value="([\d.e+]+)"', page)}
    assert 2.1e9 in values and 1.5e9 in values
    assert re.search(r'class="pt pt-target" data-value="2000000000.0"', page)
    assert 'class="target-line"' in page
    assert page.count('class="tl-item') >= 5
    for section in ("timeline", "agreements", "commitments", "quotes", "sectors", "figures"):
        assert f'id="{section}"' in page
    assert "выполнено" in page  # the 2 bn target met by the 2.1 bn actual
    assert re.search(r'href="/documents/\d+\?at=\d+-\d+"', page)  # evidence links land on the passage


def test_dossier_page_by_names_and_period(client):
    page = html_of(client, "/pairs/Узбекистан/Киргизия?since=2023")
    assert "Кыргызстан" in page or "Киргизия" in page
    assert "просрочено" in page  # the UZ-KG target whose deadline passed unmet
    html_of(client, "/pairs/KZ/Атлантида", 404)
    html_of(client, "/pairs/KZ/TJ?since=2023-02-30", 422)


def test_document_page_highlights_every_kind(client):
    page = html_of(client, "/documents/kz-tj-2023-08-forum")
    assert 'id="article"' in page
    for kind in ("entity", "quote", "figure"):
        assert f"k-{kind}" in page and f'data-token="{kind}-' in page
    # each side-list token appears on at least one highlighted piece of the article
    tokens = set(re.findall(r'data-token="([^"]+)"', page))
    article = page[page.index('id="article"'):page.index("</article>")]
    marked = {t for f in re.findall(r'data-f="([^"]+)"', article) for t in f.split()}
    assert tokens and tokens <= marked


def test_document_page_marks_the_linked_passage(client):
    doc = client.get("/api/v1/documents/kz-tj-2023-08-forum").json()
    fig = doc["figures"][0]
    page = html_of(client, f"/documents/kz-tj-2023-08-forum?at={fig['start']}-{fig['end']}")
    assert "k-target" in page


def test_hostile_article_is_escaped(client):
    page = html_of(client, "/documents/hostile-1")
    assert "<script>window" not in page and "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page and '<a href="javascript' not in page
    assert 'href="javascript' not in page  # the stored javascript: URL is not linked
    assert "<b>жирный</b>" not in page and "&lt;b&gt;жирный&lt;/b&gt;" in page
    assert "<i>Тест</i>" not in page
    # the visible article text is exactly the stored text
    import html

    article = page[page.index('id="article"'):page.index("</article>")]
    visible = html.unescape(re.sub(r"<[^>]+>", "", article.split(">", 1)[1]))
    assert visible == HOSTILE_TEXT


def test_entity_page(client):
    page = html_of(client, "/entities/Токаев")
    assert "Токаев" in page and "Должности" in page and "президент" in page
    assert "Цитаты" in page and "<blockquote" in page
    html_of(client, "/entities/Никтоневедомов", 404)


def test_search_and_document_list_pages(client):
    page = html_of(client, "/search?q=товарооборот")
    assert "найдено" in page and 'class="doclist"' in page and 'class="snippet"' in page
    assert "Ничего не найдено" in html_of(client, "/search?q=квазипротуберанец")
    empty = html_of(client, "/search")
    assert "найдено" not in empty
    docs = html_of(client, "/documents")
    assert docs.count('<li>') >= 20 and "Дальше" not in docs
    html_of(client, "/documents?pair=KZ-TJ")


def test_analyse_page_shows_extraction_without_storing(client):
    form = html_of(client, "/analyse")
    assert "<textarea" in form and 'method="post"' in form
    before = client.get("/api/v1/documents").json()["total"]
    text = ("Министр иностранных дел Узбекистана Бахтиёр Саидов заявил: «Мы готовы увеличить товарооборот "
            "с Казахстаном до 10 миллиардов долларов». <script>alert(1)</script>")
    r = client.post("/analyse", data={"text": text, "published": "2024-02-01", "title": "Проба"})
    assert r.status_code == 200
    page = r.text
    assert "k-entity" in page and "Саидов" in page and "<script>alert" not in page
    assert client.get("/api/v1/documents").json()["total"] == before


@pytest.mark.parametrize("data", [{"text": "   "}, {"text": "Текст.", "published": "2024-02-30"},
                                  {"text": "Текст.", "published": "вчера"}])
def test_analyse_page_reports_bad_input(client, data):
    r = client.post("/analyse", data=data)
    assert r.status_code == 422 and 'class="form-error"' in r.text


def test_html_errors_are_pages(client):
    page = html_of(client, "/no-such-page", 404)
    assert "Не найдено" in page and "Traceback" not in page
    html_of(client, "/documents/nothing-here", 404)


def test_static_assets_are_local(client):
    for asset in ("/static/style.css", "/static/app.js", "/static/logo.svg"):
        r = client.get(asset)
        body = r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a namespace name, not a fetch
        assert r.status_code == 200 and "http://" not in body and "https://" not in body
    page = html_of(client, "/")
    assert not re.search(r'(src|href)="(https?:)?//', page)
