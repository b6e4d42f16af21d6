"""The scoring of `letopis bench quality` on tiny hand-made gold."""

from __future__ import annotations

from letopis.bench.quality import (
    Counts,
    gold_spans,
    letopis_spans,
    match_overlap,
    meeting_score,
    occupation_score,
    score_spans,
    unmatched,
)


def test_gold_classes_and_dedup():
    ents = [
        {"start": 0, "end": 5, "type": "Person"},
        {"start": 0, "end": 5, "type": "Person"},
        {"start": 6, "end": 9, "type": "LocOrg"},
        {"start": 10, "end": 14, "type": "Location"},
        {"start": 15, "end": 20, "type": "Org"},
        {"start": 21, "end": 25, "type": "Project"},
    ]
    assert gold_spans(ents) == {(0, 5, "PER"), (6, 9, "LOC"), (10, 14, "LOC"), (15, 20, "ORG")}


def test_letopis_classes():
    x = {
        "entities": [
            {"type": "PERSON", "mentions": [{"start": 0, "end": 3}, {"start": 9, "end": 12}]},
            {"type": "CITY", "mentions": [{"start": 4, "end": 8}]},
            {"type": "COUNTRY", "mentions": []},
            {"type": "MONEY", "mentions": [{"start": 20, "end": 25}]},
        ]
    }
    assert letopis_spans(x) == {(0, 3, "PER"), (9, 12, "PER"), (4, 8, "LOC")}


def test_strict_and_overlap_counts():
    gold = {(0, 10, "PER"), (20, 30, "LOC"), (40, 50, "ORG")}
    pred = {(0, 10, "PER"), (22, 30, "LOC"), (40, 50, "LOC"), (60, 65, "ORG")}
    sc = score_spans(gold, pred)
    assert (sc.get("strict", "PER").tp, sc.get("strict", "PER").fp, sc.get("strict", "PER").fn) == (1, 0, 0)
    assert (sc.get("strict", "LOC").tp, sc.get("strict", "LOC").fp, sc.get("strict", "LOC").fn) == (0, 2, 1)
    assert (sc.get("overlap", "LOC").tp, sc.get("overlap", "LOC").fp) == (1, 1)
    assert (sc.get("overlap", "ORG").tp, sc.get("overlap", "ORG").fn, sc.get("overlap", "ORG").fp) == (
        0,
        1,
        1,
    )
    assert sc.micro("strict").tp == 1 and sc.micro("overlap").tp == 2


def test_overlap_is_one_to_one():
    gold = {(0, 10, "LOC")}
    pred = {(0, 4, "LOC"), (5, 10, "LOC")}
    pairs = match_overlap(gold, pred)
    assert len(pairs) == 1
    sc = score_spans(gold, pred)
    assert sc.get("overlap", "LOC").tp == 1 and sc.get("overlap", "LOC").fp == 1


def test_overlap_needs_a_shared_character():
    assert match_overlap({(0, 5, "PER")}, {(5, 9, "PER")}) == set()


def test_counts_arithmetic():
    c = Counts(tp=3, fp=1, fn=3)
    assert c.precision == 0.75 and c.recall == 0.5
    assert abs(c.f1 - 0.6) < 1e-9
    assert Counts().f1 == 0.0


def test_unmatched_lists_boundary_errors():
    miss, false = unmatched({(0, 10, "ORG")}, {(3, 10, "ORG")})
    assert miss == [(0, 10, "ORG")] and false == [(3, 10, "ORG")]


def _occupation(surname, job, where):
    return {
        "type": "Occupation",
        "arguments": [
            {"role": "Who", "values": [{"kind": "entity", "names": [f"{surname} Иван"]}]},
            {"role": "Position", "values": [{"kind": "span", "text": job}]},
            {"role": "Where", "values": [{"kind": "entity", "names": [where]}]},
        ],
    }


def test_occupation_against_roles():
    x = {
        "entities": [
            {
                "id": "E1",
                "type": "PERSON",
                "name": "Иван Петров",
                "roles": [{"title": "министр обороны", "country": "BY", "organization": None}],
            },
            {
                "id": "E2",
                "type": "PERSON",
                "name": "Иван Сидоров",
                "roles": [{"title": "посол", "country": "FR", "organization": None}],
            },
        ]
    }
    facts = [
        _occupation("Петров", "министра обороны", "Белоруссия"),
        _occupation("Сидоров", "посол", "Италия"),
        _occupation("Козлов", "мэр", "Москва"),
    ]
    c = occupation_score(facts, x)
    assert (c.tp, c.fn, c.fp) == (1, 2, 1)


def test_meeting_against_events():
    x = {
        "entities": [
            {"id": "E1", "type": "PERSON", "name": "Иван Петров"},
            {"id": "E2", "type": "PERSON", "name": "Олег Сидоров"},
        ],
        "events": [{"participants": ["E1", "E2"]}],
    }
    fact = {
        "type": "Meeting",
        "arguments": [
            {"role": "Participant", "values": [{"kind": "entity", "names": ["Петров Иван"]}]},
            {"role": "Participant", "values": [{"kind": "entity", "names": ["Сидоров Олег"]}]},
        ],
    }
    assert meeting_score([fact], x).tp == 1
    assert meeting_score([fact], {**x, "events": []}).fn == 1
