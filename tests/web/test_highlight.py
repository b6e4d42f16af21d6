"""Highlighting from offsets: escaping, overlaps, nesting, bad offsets; formatting and charts."""

from __future__ import annotations

import re

from letopis.web import charts, fmt
from letopis.web.highlight import Span, highlight_document, render, token

TAGS = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """The visible text of rendered markup (tags removed, entities decoded)."""
    import html as h

    return h.unescape(TAGS.sub("", html))


def test_render_escapes_every_piece():
    text = 'Глава <script>alert("x")</script> & <img src=x onerror=alert(1)> сказал.'
    out = render(text, [Span(0, 5, "entity", "entity-E1", "t"), Span(6, 14, "quote", "quote-Q1", "t")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert plain(out) == text


def test_overlapping_spans_are_split_not_nested():
    text = "Токаев и Рахмон подписали декларацию в Астане."
    spans = [Span(0, 46, "agreement", "agreement-A1", "a"), Span(0, 6, "entity", "entity-E1", "p"),
             Span(9, 25, "event", "event-V1", "e"), Span(20, 36, "commitment", "commitment-C1", "c")]
    out = str(render(text, spans))
    assert plain(out) == text
    # never a span inside a span: every opening tag is closed before the next one opens
    assert re.search(r"<span[^>]*>[^<]*<span", out) is None
    assert out.count("<span") == out.count("</span>")
    piece = re.search(r'<span class="([^"]+)" data-f="([^"]+)"[^>]*>исали<', out)
    assert piece is not None
    assert set(piece.group(2).split()) == {"agreement-A1", "event-V1", "commitment-C1"}
    assert "k-agreement" in piece.group(1) and "k-event" in piece.group(1)


def test_identical_and_adjacent_spans():
    text = "abcdef"
    out = str(render(text, [Span(0, 3, "figure", "figure-F1", "x"), Span(0, 3, "quote", "quote-Q1", "y"),
                            Span(3, 6, "figure", "figure-F2", "z")]))
    assert plain(out) == text
    assert out.count("<span") == 2
    assert 'data-f="figure-F1 quote-Q1"' in out or 'data-f="quote-Q1 figure-F1"' in out


def test_bad_offsets_are_ignored_or_clamped():
    text = "короткий текст"
    out = str(render(text, [Span(5, 3, "figure", "figure-F1", "x"), Span(100, 120, "quote", "quote-Q1", "y"),
                            Span(9, 500, "event", "event-V1", "z")]))
    assert plain(out) == text
    assert "figure-F1" not in out and "quote-Q1" not in out and "event-V1" in out


def test_tokens_and_titles_from_untrusted_ids_are_safe():
    assert token("quote", 'Q1" onclick="x') == "quote-Q1_onclick_x"
    out = str(render("abc", [Span(0, 3, "quote", token("quote", "a b"), '"><b>title</b>')]))
    assert "<b>" not in out and "&lt;b&gt;title&lt;/b&gt;" in out
    assert 'title="&#34;&gt;' in out  # the quote cannot close the attribute


def _doc() -> dict:
    text = ("Президент Казахстана Токаев заявил: «Мы готовы». Товарооборот <b>вырос</b> до 2 млрд долларов. "
            "Стороны подписали меморандум.")
    s1 = text.index("Президент")
    e1 = text.index("»") + 2
    s2 = text.index("Товарооборот")
    e2 = text.index("долларов.") + 9
    s3 = text.index("Стороны")
    return {
        "text": text,
        "entities": [
            {"id": "E1", "type": "PERSON", "name": "Касым-Жомарт Токаев", "roles": [{"title": "президент"}],
             "mentions": [{"start": text.index("Токаев"), "end": text.index("Токаев") + 6, "text": "Токаев"}]},
            {"id": "E2", "type": "COUNTRY", "name": "Казахстан",
             "mentions": [{"start": 10, "end": 20, "text": "Казахстана"}, {"start": 999, "end": 1005, "text": "x"}]},
        ],
        "quotes": [{"id": "Q1", "speaker": "E1", "direct": True, "text": text[s1:e1], "start": s1, "end": e1}],
        "figures": [{"id": "F1", "metric": "trade_turnover", "value": 2e9, "unit": "USD", "qualifier": "eq",
                     "kind": "actual", "period": {"start": "2023-01-01", "end": "2023-12-31"},
                     "countries": ["KZ", "TJ"], "text": text[s2:e2], "start": s2, "end": e2}],
        "agreements": [{"id": 7, "title": "Меморандум о сотрудничестве", "type": "memorandum", "status": "signed",
                        "text": text[s3:], "start": s3, "end": len(text)}],
        "events": [],
        "commitments": [{"id": "C1", "modality": "ready", "actors": [{"id": "E1", "name": "Токаев"}],
                         "status": "open", "text": "x", "start": 5, "end": 2}],
    }


def test_highlight_document_lists_facts_and_marks_evidence():
    hl = highlight_document(_doc())
    html = str(hl.html)
    assert "<b>" not in html and "&lt;b&gt;вырос&lt;/b&gt;" in html
    assert set(hl.facts) == {"entity", "quote", "figure", "agreement"}  # the bad commitment is dropped
    q = hl.facts["quote"][0]
    assert q.label == "Касым-Жомарт Токаев" and q.token == "quote-Q1"
    f = hl.facts["figure"][0]
    assert f.label == "Товарооборот: 2 млрд долл."
    assert "2023" in f.detail and "KZ–TJ" in f.detail
    assert hl.facts["agreement"][0].token == "agreement-7"
    assert 'data-f="figure-F1"' in html
    assert hl.count == 5


def test_highlight_document_marks_a_target_passage():
    doc = _doc()
    hl = highlight_document(doc, target=(doc["figures"][0]["start"], doc["figures"][0]["end"]))
    assert "k-target" in str(hl.html)


def test_number_and_amount_formats():
    assert fmt.number(1_400_000_000) == "1,4 млрд"
    assert fmt.number(2e9) == "2 млрд"
    assert fmt.number(60) == "60"
    assert fmt.number(12.5) == "12,5"
    assert fmt.amount(2e9, "USD", "gte") == "не менее 2 млрд долл."
    assert fmt.amount(15, "%", "eq") == "15%"
    assert fmt.date("2023-08-22") == "22 авг 2023"
    assert fmt.date("2023-08") == "авг 2023"
    assert fmt.period({"start": "2023-01-01", "end": "2024-12-31"}) == "2023–2024"
    assert fmt.period({"start": "2022-01-01", "end": "2022-12-31"}) == "2022"
    assert fmt.label("metric", "trade_turnover") == "Товарооборот"
    assert fmt.label("metric", "unknown_metric") == "unknown_metric"


def _series() -> dict:
    ev = {"document_id": "d1", "start": 0, "end": 5, "text": "x", "source": "МИД", "date": "2022-06-01"}
    return {"metric": "trade_turnover", "sector": None, "unit": "USD", "series": [
        {"date": "2020-12-31", "period": "2020", "value": 800e6, "qualifier": "eq", "kind": "actual",
         "sources": 1, "evidence": ev},
        {"date": "2021-12-31", "period": "2021", "value": 1.1e9, "qualifier": "eq", "kind": "actual",
         "sources": 3, "evidence": ev},
        {"date": "2025-12-31", "period": "к 2025 году", "value": 2e9, "qualifier": "gte", "kind": "target",
         "sources": 1, "evidence": ev},
    ]}


def test_chart_places_actuals_and_targets():
    c = charts.build(_series(), lambda ev: f"/documents/{ev['document_id']}")
    assert c is not None and c.title == "Товарооборот" and c.unit == "долл."
    kinds = [p.kind for p in c.points]
    assert kinds.count("actual") == 2 and kinds.count("target") == 1
    actual = [p for p in c.points if p.kind == "actual"]
    target = next(p for p in c.points if p.kind == "target")
    assert actual[0].x < actual[1].x < target.x  # 2020 < 2021 < 2025 on the time axis
    assert target.y < actual[1].y < actual[0].y  # bigger values are higher (smaller y)
    assert target.start_x is not None and target.start_x < target.x  # dashed from when it was set
    assert c.actual_path.startswith("M") and c.actual_path.count("L") == 1
    assert c.xticks[0][1] == "2020"
    assert "1,1 млрд" in [p.label for p in c.points]  # the unit is in the chart's title
    assert "1,1 млрд долл." in [r["label"] for r in c.rows]
    assert c.rows[1]["sources"] == 3 and c.points[0].href == "/documents/d1"


def test_chart_of_nothing_is_none():
    assert charts.build({"metric": "export", "series": []}) is None
    assert charts.build({"metric": "export", "series": [{"value": 5, "date": None, "period": None}]}) is None
