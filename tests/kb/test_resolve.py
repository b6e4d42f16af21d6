"""Cross-document resolution: persons across name forms and initials, roles over time, countries by
ISO code, organizations by name and abbreviation, agreements with a status history, figure series,
facts repeated by reprints, and target tracking (met / overdue / open, with evidence).

Extractions are built by hand here, so these tests pin the resolution rules, not extractor quality.
"""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from letopis import model, resolve
from letopis.store import schema as s
from letopis.store.writer import DocumentRecord, store_extraction

_n = count()


def _ev(text: str = "Текст.") -> dict:
    return {"text": text, "start": 0, "end": len(text)}


def _ent(eid: str, type_: str, name: str, country: str | None = None, roles=()) -> model.Entity:
    return model.Entity(
        id=eid, type=type_, name=name, country=country, roles=list(roles),
        mentions=[model.Mention(start=0, end=len(name), text=name)],
    )


def _store(engine, published: str, text: str | None = None, **facts):
    """Store a document (its text unique unless given) with these facts; returns StoreResult."""
    text = text or f"Документ номер {next(_n)} о сотрудничестве {published}."
    x = model.Extraction(document=model.DocumentMeta(), **facts)
    with Session(engine) as ses, ses.begin():
        return store_extraction(ses, DocumentRecord.build(text, published=published), x)


def _rows(engine, table, *where):
    with Session(engine) as ses:
        return ses.scalars(select(table).where(*where).order_by(table.id)).all()


# ---------------------------------------------------------------- names (pure)


@pytest.mark.parametrize(
    ("name", "initial", "surname"),
    [
        ("Касым-Жомарт Токаев", "к", "токаев"),
        ("К.-Ж. Токаев", "к", "токаев"),
        ("К.-Ж. Токаевым", "к", "токаев"),
        ("Токаева", None, "токаев"),
        ("Токаев Касым-Жомарт", "к", "токаев"),
        ("Шавкатом Мирзиёевым", "ш", "мирзиеев"),
        ("Эмомали Рахмон", "э", "рахмон"),
        ("Марии Захаровой", "м", "захаров"),
        ("Сергей Лавров", "с", "лавров"),
        ("Сергея Лаврова", "с", "лавров"),
    ],
)
def test_person_parts(name: str, initial: str | None, surname: str) -> None:
    got_initial, got_surname, _display = resolve.person_parts(name)
    assert (got_initial, got_surname) == (initial, surname)


@pytest.mark.parametrize(
    ("name", "display"),
    [("Шавкатом Мирзиёевым", "Шавкат Мирзиёев"), ("Сергея Лаврова", "Сергей Лавров"), ("Эмомали Рахмон", "Эмомали Рахмон")],
)
def test_display_name_is_nominative(name: str, display: str) -> None:
    assert resolve.person_parts(name)[2] == display


@pytest.mark.parametrize(
    ("name", "abbr"),
    [("Шанхайская организация сотрудничества", "шос"), ("ШОС", "шос"), ("Организация Объединенных Наций", "оон"),
     ("Деловой совет", None)],
)
def test_abbreviation(name: str, abbr: str | None) -> None:
    assert resolve.abbreviation(name) == abbr


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2024-05-17", False, date(2024, 5, 17)), ("2024-02", True, date(2024, 2, 29)), ("2025", True, date(2025, 12, 31)),
     ("2025", False, date(2025, 1, 1)), ("скоро", False, None), (None, False, None)],
)
def test_parse_date(value, end, expected) -> None:
    assert resolve.parse_date(value, end=end) == expected


# ---------------------------------------------------------------- entities across documents


def test_one_person_across_name_forms(engine) -> None:
    _store(engine, "2023-05-10", entities=[_ent("E1", "PERSON", "Касым-Жомарт Токаев", "KZ")])
    _store(engine, "2023-06-01", entities=[_ent("E1", "PERSON", "К.-Ж. Токаев")])
    _store(engine, "2023-07-01", entities=[_ent("E1", "PERSON", "Токаева")])
    _store(engine, "2023-08-01", entities=[_ent("E1", "PERSON", "Токаев Касым-Жомарт")])
    persons = _rows(engine, s.Entity, s.Entity.type == "PERSON")
    assert len(persons) == 1
    assert persons[0].name == "Касым-Жомарт Токаев"
    assert persons[0].country == "KZ"
    with Session(engine) as ses:
        assert ses.scalar(select(func.count()).select_from(s.EntityMention)) == 4
        found = resolve.find_entities(ses, "Токаевым")
        assert [e.name for e in found] == ["Касым-Жомарт Токаев"]


def test_initials_first_then_full_name(engine) -> None:
    _store(engine, "2023-01-01", entities=[_ent("E1", "PERSON", "Ш. Мирзиёев")])
    _store(engine, "2023-02-01", entities=[_ent("E1", "PERSON", "Шавкатом Мирзиёевым")])
    persons = _rows(engine, s.Entity, s.Entity.type == "PERSON")
    assert [p.name for p in persons] == ["Шавкат Мирзиёев"]


def test_different_initials_are_different_persons(engine) -> None:
    _store(engine, "2023-01-01", entities=[_ent("E1", "PERSON", "Ильхам Алиев", "AZ")])
    _store(engine, "2023-02-01", entities=[_ent("E1", "PERSON", "Гейдар Алиев", "AZ")])
    _store(engine, "2023-03-01", entities=[_ent("E1", "PERSON", "И. Алиев")])
    persons = _rows(engine, s.Entity, s.Entity.type == "PERSON")
    assert sorted(p.name for p in persons) == ["Гейдар Алиев", "Ильхам Алиев"]
    ilham = next(p for p in persons if p.name == "Ильхам Алиев")
    assert ilham.mentions_count == 2


def test_roles_change_over_time(engine) -> None:
    fm = model.Role(title="министр иностранных дел", country="KZ")
    pm = model.Role(title="премьер-министр", country="KZ")
    _store(engine, "2019-03-01", entities=[_ent("E1", "PERSON", "Аскар Мамин", "KZ", [fm])])
    _store(engine, "2019-06-12", entities=[_ent("E1", "PERSON", "А. Мамин", "KZ", [fm])])
    _store(engine, "2021-01-20", entities=[_ent("E1", "PERSON", "Аскара Мамина", "KZ", [pm])])
    (person,) = _rows(engine, s.Entity, s.Entity.type == "PERSON")
    roles = {r.title: r for r in _rows(engine, s.EntityRole, s.EntityRole.entity_id == person.id)}
    assert set(roles) == {"министр иностранных дел", "премьер-министр"}
    assert (roles["министр иностранных дел"].first_seen, roles["министр иностранных дел"].last_seen) == (
        date(2019, 3, 1), date(2019, 6, 12))
    assert roles["премьер-министр"].first_seen == date(2021, 1, 20)


def test_countries_by_iso_code(engine) -> None:
    _store(engine, "2023-01-01", entities=[_ent("E1", "COUNTRY", "Казахстан", "KZ")])
    _store(engine, "2023-01-02", entities=[_ent("E1", "COUNTRY", "Республика Казахстан", "KZ")])
    _store(engine, "2023-01-03", entities=[_ent("E1", "COUNTRY", "Казахстана", "kz")])
    _store(engine, "2023-01-04", entities=[_ent("E1", "COUNTRY", "Таджикистан", "TJ")])
    rows = _rows(engine, s.Entity, s.Entity.type == "COUNTRY")
    assert sorted(r.key for r in rows) == ["country:KZ", "country:TJ"]


@pytest.mark.parametrize("order", [("full", "abbr"), ("abbr", "full")])
def test_organization_by_name_and_abbreviation(engine, order) -> None:
    names = {"full": "Шанхайская организация сотрудничества", "abbr": "ШОС"}
    _store(engine, "2023-01-01", entities=[_ent("E1", "ORGANIZATION", names[order[0]])])
    _store(engine, "2023-02-01", entities=[_ent("E1", "ORGANIZATION", names[order[1]])])
    _store(engine, "2023-03-01", entities=[_ent("E1", "ORGANIZATION", "Шанхайской организации сотрудничества")])
    _store(engine, "2023-04-01", entities=[_ent("E1", "ORGANIZATION", "Евразийский банк развития")])
    orgs = _rows(engine, s.Entity, s.Entity.type == "ORGANIZATION")
    assert len(orgs) == 2
    sco = next(o for o in orgs if o.name != "Евразийский банк развития")
    assert sco.name == "Шанхайская организация сотрудничества"


def test_value_entities_are_not_canonical(engine) -> None:
    _store(engine, "2023-01-01", entities=[_ent("E1", "MONEY", "2 млрд долларов")])
    assert _rows(engine, s.Entity) == []


# ---------------------------------------------------------------- agreements


def _agr(aid: str, type_: str, title: str, status: str, parties=("KZ", "UZ"), period=None, date_=None):
    return model.Agreement(id=aid, type=type_, title=title, status=status, parties=list(parties), period=period,
                           date=date_, **_ev(title))


def test_agreement_signed_then_referenced_is_one(engine) -> None:
    _store(engine, "2023-05-10", agreements=[_agr("A1", "treaty", "Договор о союзнических отношениях", "signed")])
    _store(engine, "2024-02-20", agreements=[
        _agr("A1", "treaty", "Договора о союзнических отношениях между Казахстаном и Узбекистаном", "referenced"),
        _agr("A2", "agreement", "Соглашение о водных ресурсах", "signed"),
    ])
    _store(engine, "2024-09-01", agreements=[_agr("A1", "other", "союзнический договор", "referenced", parties=())])
    agreements = _rows(engine, s.Agreement)
    assert len(agreements) == 2
    treaty = next(a for a in agreements if a.type == "treaty")
    assert treaty.status == "signed"
    assert treaty.signed_date == date(2023, 5, 10)
    assert (treaty.pair_a, treaty.pair_b) == ("KZ", "UZ")
    history = _rows(engine, s.AgreementMention, s.AgreementMention.agreement_id == treaty.id)
    assert [(m.status, m.date) for m in history] == [
        ("signed", date(2023, 5, 10)), ("referenced", date(2024, 2, 20)), ("referenced", date(2024, 9, 1))]


def test_planned_then_signed(engine) -> None:
    _store(engine, "2023-01-10", agreements=[_agr("A1", "roadmap", "Дорожная карта по торговле", "planned")])
    _store(engine, "2023-03-10", agreements=[_agr("A1", "roadmap", "Дорожную карту по торговле", "signed")])
    (a,) = _rows(engine, s.Agreement)
    assert a.status == "signed" and a.signed_date == date(2023, 3, 10)


def test_different_periods_or_parties_are_different_agreements(engine) -> None:
    p1 = model.Period(start="2021-01-01", end="2023-12-31")
    p2 = model.Period(start="2024-01-01", end="2026-12-31")
    _store(engine, "2021-01-10", agreements=[_agr("A1", "programme", "Программа экономического сотрудничества", "signed", period=p1)])
    _store(engine, "2024-01-10", agreements=[_agr("A1", "programme", "Программа экономического сотрудничества", "signed", period=p2)])
    _store(engine, "2024-02-10", agreements=[
        _agr("A1", "programme", "Программа экономического сотрудничества", "signed", parties=("RU", "CN"), period=p2)])
    assert len(_rows(engine, s.Agreement)) == 3


# ---------------------------------------------------------------- figures, reprints and targets


def _fig(fid: str, value: float, kind: str = "actual", qualifier: str = "eq", period=None, countries=("KZ", "UZ")):
    return model.Figure(id=fid, metric="trade_turnover", value=value, unit="USD", kind=kind, qualifier=qualifier,
                        period=period, countries=list(countries), **_ev(f"Товарооборот {value}"))


def _com(cid: str, figure: str | None, deadline: str | None):
    return model.Commitment(id=cid, modality="agreed", figure=figure, deadline=deadline, **_ev("Стороны договорились."))


def _status(engine) -> list[tuple[str | None, int | None]]:
    return [(c.status, c.evidence_figure_id) for c in _rows(engine, s.Commitment)]


def test_series_key() -> None:
    assert resolve.series_key("export", "agriculture", ("KZ", "TJ")) == "export|agriculture|KZ-TJ"
    assert resolve.series_key("gdp", None, None) == "gdp|-|-"
    assert resolve.pair_of(["TJ", "KZ", "UZ"]) == ("KZ", "TJ")
    assert resolve.pair_of(["KZ"]) is None


def test_target_met_by_a_later_actual(engine) -> None:
    _store(engine, "2018-05-10", figures=[_fig("F1", 4.5e9), _fig("F2", 10e9, "target", "gte")],
           commitments=[_com("C1", "F2", "2030")])
    assert _status(engine) == [("open", None)]
    _store(engine, "2020-01-15", figures=[_fig("F1", 9e9)])  # not reached yet
    assert _status(engine) == [("open", None)]
    _store(engine, "2023-01-15", figures=[_fig("F1", 10.2e9, period=model.Period(start="2022-01-01", end="2022-12-31"))])
    (status, evidence_id), = _status(engine)
    assert status == "met"
    with Session(engine) as ses:
        ev = ses.get(s.Figure, evidence_id)
        assert ev.value == 10.2e9 and ev.series_key == "trade_turnover|-|KZ-UZ"


def test_target_overdue_and_open(engine) -> None:
    _store(engine, "2020-02-01", figures=[_fig("F1", 2e9, "target", "gte")], commitments=[_com("C1", "F1", "2022")])
    _store(engine, "2020-03-01", figures=[_fig("F1", 5e9, "target", "gte")], commitments=[_com("C1", "F1", "2099")])
    _store(engine, "2023-03-01", figures=[_fig("F1", 1.5e9)])  # below both targets
    assert [st for st, _ in _status(engine)] == ["overdue", "open"]
    with Session(engine) as ses:
        c = ses.scalars(select(s.Commitment).order_by(s.Commitment.id)).first()
        assert c.deadline == date(2022, 12, 31)
        assert resolve.effective_status(c, date(2022, 6, 1)) == "overdue"  # stored status stays
        resolve.track_targets(ses, as_of=date(2022, 6, 1))
        assert c.status == "open"  # before its deadline it was still open
        assert resolve.effective_status(c, date(2023, 1, 1)) == "overdue"


def test_actual_in_same_or_earlier_article_does_not_meet(engine) -> None:
    _store(engine, "2020-01-01", figures=[_fig("F1", 3e9)])  # earlier article
    _store(engine, "2021-01-01", figures=[_fig("F1", 3e9), _fig("F2", 2e9, "target", "gte")],
           commitments=[_com("C1", "F2", "2099")])
    assert _status(engine) == [("open", None)]


def test_other_series_does_not_meet(engine) -> None:
    _store(engine, "2021-01-01", figures=[_fig("F1", 2e9, "target", "gte")], commitments=[_com("C1", "F1", "2099")])
    _store(engine, "2022-01-01", figures=[_fig("F1", 9e9, countries=("KZ", "TJ"))])
    assert _status(engine) == [("open", None)]


def test_reprint_repeats_one_fact_with_two_sources(engine) -> None:
    text = ("Президент Казахстана провел переговоры с Президентом Узбекистана в Ташкенте. Товарооборот между "
            "странами в прошлом году составил четыре с половиной миллиарда долларов. Стороны подписали договор "
            "о союзнических отношениях и дорожную карту промышленной кооперации на три года.")
    reprint = text.replace("в Ташкенте", "в городе Ташкенте").replace("Стороны подписали", "Также стороны подписали")
    r1 = _store(engine, "2023-05-10", text, figures=[_fig("F1", 4.5e9)])
    r2 = _store(engine, "2023-05-11", reprint, figures=[_fig("F1", 4.5e9)])
    r3 = _store(engine, "2023-05-12", "Совсем другая новость о ценах на хлопок на бирже в Ташкенте сегодня.",
                figures=[_fig("F1", 4.5e9)])
    assert r2.near_duplicate and r2.story_id == r1.story_id
    assert r3.story_id != r1.story_id
    figs = _rows(engine, s.Figure)
    assert [f.duplicate_of_id for f in figs] == [None, figs[0].id, None]
    (story,) = _rows(engine, s.Story, s.Story.id == r1.story_id)
    assert story.documents_count == 2 and story.first_published == date(2023, 5, 10)


def _recomputed(engine) -> list[tuple[str | None, int | None]]:
    """Statuses after recomputing every target from scratch (rolled back: the store is unchanged)."""
    with Session(engine) as ses:
        resolve.track_targets(ses, as_of=date.today())
        out = [(c.status, c.evidence_figure_id) for c in ses.scalars(select(s.Commitment).order_by(s.Commitment.id))]
        ses.rollback()
    return out


def test_incremental_tracking_equals_recomputing_everything(engine) -> None:
    """Ingest updates only the targets a new document can change (`resolve.track_document`); after
    every document the statuses equal a recomputation of all targets, whatever the arrival order:
    targets before and after their actuals, "below" targets, undated documents, other series."""
    steps = [
        ("2021-01-01", [_fig("F1", 2e9, "target", "gte"), _fig("F2", 5e9, "target", "lt")],
         [_com("C1", "F1", "2030"), _com("C2", "F2", "2022")]),
        ("2021-06-01", [_fig("F1", 1.99e9)], []),  # reaches 2e9 within the 0.5 % rounding
        ("2020-06-01", [_fig("F1", 4e9)], []),  # earlier than both targets: meets neither
        (None, [_fig("F1", 3e9, "target", "gte")], [_com("C1", "F1", None)]),  # undated target
        (None, [_fig("F1", 3.5e9)], []),  # undated actual: meets the undated target only
        ("2022-03-01", [_fig("F1", 9e9, countries=("KZ", "TJ"))], []),  # another series
        ("2022-05-01", [_fig("F1", 4.9e9), _fig("F2", 6e9, "target", "gte")], [_com("C1", "F2", "2025")]),
        ("2023-01-01", [_fig("F1", 6.5e9)], []),
        ("2023-02-01", [_fig("F1", 20e9, "target", "gte")], [_com("C1", "F1", "2099")]),  # not reached
    ]
    for published, figures, commitments in steps:
        _store(engine, published, figures=figures, commitments=commitments)
        assert _status(engine) == _recomputed(engine), published
    statuses = [st for st, _ in _status(engine)]
    assert "met" in statuses and statuses.count("met") < len(statuses)


def test_agreement_named_by_synonyms_is_one(engine) -> None:
    """"взаимной торговли" and "товарооборота" name one roadmap (title synonyms and fillers from the
    resolution lexicon); a roadmap for another purpose stays apart."""
    _store(engine, "2023-08-21", agreements=[_agr("A1", "roadmap", "дорожную карту по увеличению взаимной торговли", "planned")])
    _store(engine, "2023-09-15", agreements=[_agr("A1", "roadmap", "дорожной карты по увеличению товарооборота", "planned")])
    _store(engine, "2024-05-30", agreements=[
        _agr("A1", "roadmap", "Дорожная карта по увеличению двустороннего товарооборота", "signed")])
    _store(engine, "2024-06-01", agreements=[_agr("A1", "roadmap", "дорожная карта по развитию торговли", "planned")])
    rows = _rows(engine, s.Agreement)
    assert len(rows) == 2
    assert rows[0].status == "signed" and rows[0].signed_date == date(2024, 5, 30)
    assert len(_rows(engine, s.AgreementMention, s.AgreementMention.agreement_id == rows[0].id)) == 3
