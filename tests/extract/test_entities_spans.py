"""Span repair rules of the entity extractor (boundaries as the annotated news mark them)."""

from __future__ import annotations

import pytest

from letopis.extractors import entities

TEXTS = {
    "quotes": (
        "Представители партии «Зеленый берег» встретились с журналистами. "
        "Позже «Зеленый берег» опубликовал заявление."
    ),
    "parentheses": "Об этом сообщил эксперт Джон Смит (John Smith) в интервью.",
    "list": "Голы забили Петров, Сидоров и Кузнецов.",
    "geo": "Самолет вылетел из города Сиэтл и приземлился на берегу реки Волги.",
    "genitive": "Министерство финансов Германии и правительство Канады подписали меморандум.",
    "adjective_body": "Украинское правительство ответило, а канадский парламент промолчал.",
    "domain": "Сайт зарегистрирован в зоне .РФ и работает.",
}


@pytest.fixture(scope="module")
def idx(analyse):
    return {k: entities.extract(analyse(t)) for k, t in TEXTS.items()}


def _texts(ix, *types):
    return [m.text for e in ix.entities if e.type in types for m in e.mentions]


def test_descriptor_joins_quoted_name(idx):
    orgs = _texts(idx["quotes"], "ORGANIZATION")
    assert "партии «Зеленый берег" in orgs


def test_quoted_name_without_descriptor_starts_inside_quote(idx):
    orgs = _texts(idx["quotes"], "ORGANIZATION")
    assert not any(t.startswith("«") for t in orgs)


def test_name_split_at_parentheses(idx):
    per = _texts(idx["parentheses"], "PERSON")
    assert "Джон Смит" in per
    assert not any("(" in t for t in per)


def test_list_of_names_is_split(idx):
    per = _texts(idx["list"], "PERSON")
    assert not any("," in t for t in per)
    assert len(per) >= 2


def test_geo_descriptor_joins_place(idx):
    locs = _texts(idx["geo"], "LOCATION", "CITY", "REGION")
    assert any(t.startswith("города Сиэтл") for t in locs)


def test_organization_takes_genitive_country(idx):
    ix = idx["genitive"]
    orgs = _texts(ix, "ORGANIZATION")
    assert any(t.endswith("финансов Германии") for t in orgs)
    assert "правительство Канады" in orgs
    # the country inside stays a country mention of its own
    assert {"DE", "CA"} <= {e.country for e in ix.entities if e.type == "COUNTRY" and e.mentions}


def test_adjective_state_body(idx):
    orgs = _texts(idx["adjective_body"], "ORGANIZATION")
    assert "Украинское правительство" in orgs
    assert "канадский парламент" in orgs


def test_domain_zone_is_not_a_country(idx):
    assert [e for e in idx["domain"].entities if e.type == "COUNTRY" and e.mentions] == []


def test_organization_country(idx):
    ix = idx["genitive"]
    gov = next(e for e in ix.entities if e.type == "ORGANIZATION" and "Канад" in e.name)
    assert gov.country == "CA"
