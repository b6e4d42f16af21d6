"""figures: money and percentage figures with metric, qualifier, kind, period and countries.

Every sentence here is written for these tests; the seed check reads ../shared through the fixtures.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letopis.extractors import figures, numbers
from letopis.model import Entity, Mention

PUB = "2023-08-22"


class _Ents:
    """A stand-in EntityIndex: countries named at fixed offsets, nothing else."""

    def __init__(self, spans: dict[tuple[int, int], str] | None = None):
        self.spans = spans or {}
        self.entities = [
            Entity(id=f"E{i}", type="COUNTRY", name=c, country=c, mentions=[Mention(start=s, end=e, text=c)])
            for i, ((s, e), c) in enumerate(self.spans.items(), 1)
        ]

    def countries_in(self, start: int, end: int) -> list[str]:
        out: list[str] = []
        for (s, e), c in sorted(self.spans.items()):
            if s >= start and e <= end and c not in out:
                out.append(c)
        return out


@pytest.fixture(scope="module")
def figs(analyse):
    cache: dict[tuple[str, str | None], list] = {}

    def run(text: str, published: str | None = None):
        key = (text, published)
        if key not in cache:
            doc = analyse(text, published=published)
            cache[key] = figures.extract(doc, _Ents())  # type: ignore[arg-type]
        return cache[key]

    return run


def one(figs, text: str, published: str | None = None):
    out = figs(text, published)
    assert len(out) == 1, [(f.value, f.unit) for f in out]
    return out[0]


# --- numbers and units --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Взаимная торговля составила 1,4 миллиарда долларов.", 1.4e9, "USD"),
        ("Товарооборот составил 1.4 млрд долл.", 1.4e9, "USD"),
        ("Товарооборот составил $1,4 млрд.", 1.4e9, "USD"),
        ("Инвестиции составили 140 млн долл. США.", 1.4e8, "USD"),
        ("Бюджет программы составил 12 000 рублей.", 12000, "RUB"),
        ("Бюджет программы составил 12\u00a0000 руб.", 12000, "RUB"),
        ("Экспорт составил два миллиарда евро.", 2e9, "EUR"),
        ("Кредит составил полтора миллиона долларов.", 1.5e6, "USD"),
        ("Штраф составил сто сорок тысяч рублей.", 140000, "RUB"),
        ("Сделка оценивается в два с половиной миллиарда юаней.", 2.5e9, "CNY"),
        ("Импорт составил 300 млн тенге.", 3e8, "KZT"),
        ("Инвестиции достигли 50 млн сомони.", 5e7, "TJS"),
        ("Фонд получил USD 5 млн.", 5e6, "USD"),
        ("Цена составила 300 €.", 300, "EUR"),
        ("Компания вложила 5 млн канадских долларов.", 5e6, "CAD"),
        ("Экспорт вырос на 40 %.", 40, "%"),
        ("Экспорт вырос на 3,5 процента.", 3.5, "%"),
        ("Импорт упал на десять процентов.", 10, "%"),
        ("Экспорт превысил миллиард долларов.", 1e9, "USD"),
    ],
)
def test_values_in_base_units(figs, text, value, unit):
    f = one(figs, text)
    assert f.value == pytest.approx(value)
    assert f.unit == unit


def test_unitless_number_takes_its_neighbours_unit_and_scale(figs):
    out = figs("Внешний долг уменьшился с 90 до 70 млрд долларов.")
    assert [(f.value, f.unit) for f in out] == [(9e10, "USD"), (7e10, "USD")]
    assert {(f.metric, f.kind, f.qualifier) for f in out} == {("loan", "actual", "eq")}


def test_written_range_gives_both_bounds(figs):
    out = figs("Компании принадлежит 2-3 % рынка.")
    assert [(f.value, f.qualifier) for f in out] == [(2, "gte"), (3, "lte")]
    out = figs("Инвестиции составят от 100 до 200 млн евро.")
    assert [(f.value, f.unit, f.qualifier) for f in out] == [(1e8, "EUR", "gte"), (2e8, "EUR", "lte")]


@pytest.mark.parametrize(
    "text",
    [
        "На митинг пришли более 1000 человек.",
        "Президенту исполнилось 65 лет.",
        "Поставки идут по 60 товарным позициям.",
        "Телефон горячей линии: +7 495 123-45-67.",
        "В 2023 году отмечается 30-летие отношений.",
        "Нефтепровод длиной 3600 км пропустит 300 тысяч баррелей в день.",
        "Товарооборот вырос в 2 раза.",
        "Встреча прошла 22 августа 2023 года в 15:00.",
        "Я на 100 % уверен в успехе переговоров.",
        "Министр согласен на 100 процентов.",
        "Сумма сделки не раскрывается.",
        "В саммите участвуют главы 50 государств.",
    ],
)
def test_not_figures(figs, text):
    assert figs(text) == []


# --- qualifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Товарооборот составил свыше 200 млрд долларов.", "gt"),
        ("Экспорт превысил 3 млрд евро.", "gt"),
        ("Инвестиции составили более 500 млн рублей.", "gt"),
        ("Рост товарооборота составил более чем 10 %.", "gt"),
        ("Кредит составит не менее 1 млрд долларов.", "gte"),
        ("Экспорт должен составить как минимум 2 млрд долларов.", "gte"),
        ("Торговлю нарастят до отметки не менее 5 млрд долларов.", "gte"),
        ("Объем инвестиций составил около 300 млн долларов.", "approx"),
        ("Долг составляет порядка 20 млрд рублей.", "approx"),
        ("Экспорт составил примерно 4 млрд юаней.", "approx"),
        ("Товарооборот составил почти 2 млрд долларов.", "lt"),
        ("Доля импорта составила менее 5 %.", "lt"),
        ("До 80 % продукции шло на экспорт.", "lte"),
        ("Штраф может составить не более 10 млн евро.", "lte"),
        ("Сделки заключены на сумму вплоть до 10 млн тенге.", "lte"),
        ("Товарооборот составил 1 млрд долларов.", "eq"),
    ],
)
def test_qualifier(figs, text, qualifier):
    assert one(figs, text).qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "Правительства намерены довести товарооборот до 10 миллиардов долларов.",
        "Экспорт вырос до 4 млрд долларов.",
        "Импорт сократился до 500 млн евро.",
    ],
)
def test_until_after_a_change_verb_is_the_endpoint(figs, text):
    assert one(figs, text).qualifier == "eq"


# --- kinds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Товарооборот составил 1 млрд долларов.", "actual"),
        ("Экспорт вырос до 4 млрд долларов.", "actual"),
        ("Правительства намерены довести товарооборот до 10 миллиардов долларов.", "target"),
        ("Стороны поставили задачу нарастить инвестиции до 3 млрд евро.", "target"),
        ("Министр планирует выплатить еще 12 миллиардов долларов.", "target"),
        ("Импорт из Турции вырос на 12 %.", "change"),
        ("Инвестиции сократились на 5 процентов.", "change"),
        ("На 10 процентов сократились поставки газа.", "change"),
        ("Годовой рост экспорта составил 8 %.", "change"),
        ("Цены на импорт вырастут на 11 %, а в развивающихся странах — на 20 %.", "change"),
        ("Компании готовы поставить продукцию на сумму свыше 100 млн долларов.", "potential"),
        ("Объем торговли может достичь 3 млрд долларов.", "potential"),
        ("Поставщик сократит поставки на 50 %, если долг не будет погашен.", "potential"),
        ("На форуме подписаны контракты на сумму 2,5 млрд долларов.", "deal"),
        ("Банк заплатит за покупку около 40 млн евро.", "deal"),
        ("Ожидается, что товарооборот составит 3 млрд долларов.", "forecast"),
        ("По прогнозу министерства, ВВП вырастет до 2 трлн рублей.", "forecast"),
        ("В следующем году экспорт достигнет 5 млрд долларов.", "forecast"),
        ("Китай выделит Пакистану кредит в размере $1 млрд.", "target"),
        ("300 млн евро будут выделены на строительство дорог.", "target"),
        ("Инфляция ускорилась до 12,5 %.", "actual"),
        ("Ставка выросла и держится на уровне 7 %.", "actual"),
    ],
)
def test_kind(figs, text, kind):
    kinds = {f.kind for f in figs(text)}
    assert kinds == {kind}


def test_change_and_actual_in_one_sentence(figs):
    out = figs("В прошлом году торговля зерном выросла на 30 %, превысив 700 млн долларов.", PUB)
    assert [(f.value, f.unit, f.kind, f.qualifier) for f in out] == [
        (30, "%", "change", "eq"),
        (7e8, "USD", "actual", "gt"),
    ]
    assert {f.metric for f in out} == {"trade_turnover"}
    assert {f.sector for f in out} == {"agriculture"}
    assert {(f.period.start, f.period.end) for f in out if f.period} == {("2022-01-01", "2022-12-31")}
    assert all(f.period for f in out)


def test_from_to_gives_the_current_value_and_the_target(figs):
    out = figs("Таможенные пошлины будут снижены с 15 % до 5 %.")
    assert [(f.value, f.kind, f.qualifier) for f in out] == [(15, "actual", "eq"), (5, "target", "eq")]


def test_more_than_a_year_before_is_a_change(figs):
    out = figs("Торговля составила 2 млрд долларов, что на 15 % больше, чем годом ранее.")
    assert [(f.value, f.kind) for f in out] == [(2e9, "actual"), (15, "change")]


def test_purchase_of_a_stake(figs):
    out = figs("Компания купила 30 % акций банка за 40 млн евро.")
    assert [(f.value, f.unit, f.metric, f.kind) for f in out] == [
        (30, "%", "other", "deal"),
        (4e7, "EUR", "investment", "deal"),
    ]


# --- metrics and sectors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Двусторонний товарооборот составил 1 млрд долларов.", "trade_turnover"),
        ("Объем взаимной торговли достиг 900 млн долларов.", "trade_turnover"),
        ("Экспорт в Китай составил 5 млрд долларов.", "export"),
        ("Поставки зерна принесли 300 млн долларов.", "export"),
        ("Импорт составил 2 млрд евро.", "import"),
        ("Инвестиции в экономику составили 1 млрд долларов.", "investment"),
        ("Подписаны контракты на 700 млн долларов.", "contracts"),
        ("Россия предоставила кредит на сумму 2 млрд долларов.", "loan"),
        ("Банк выделил Казахстану заем на $100 млн.", "loan"),
        ("Страна получит 25 миллиардов долларов кредитов.", "loan"),
        ("Внешний долг составил 81 млрд долларов.", "loan"),
        ("ВВП страны вырос на 3 %.", "gdp"),
        ("Правительство выделило 115 млн долларов на развитие туризма.", "budget"),
        ("Цена нефти выросла на 7 %.", "price"),
        ("Производство стали выросло на 4 %.", "production"),
        ("Сумма штрафов составила 38 млн рублей.", "other"),
        ("Более 40 % расчетов ведется в национальных валютах.", "other"),
    ],
)
def test_metric(figs, text, metric):
    assert one(figs, text).metric == metric


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Экспорт пшеницы вырос на 20 %.", "agriculture"),
        ("Торговля сельхозпродукцией достигла 500 млн долларов.", "agriculture"),
        ("Поставки газа сократились на 15 %.", "energy"),
        ("Экспорт составил 1 млрд долларов.", None),
    ],
)
def test_sector(figs, text, sector):
    assert one(figs, text).sector == sector


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        ("В прошлом году товарооборот составил 1 млрд долларов.", PUB, ("2022-01-01", "2022-12-31")),
        ("По итогам прошлого года экспорт вырос на 10 %.", "2016-05-01", ("2015-01-01", "2015-12-31")),
        ("В первом полугодии 2023 года экспорт вырос на 10 %.", None, ("2023-01-01", "2023-06-30")),
        ("В 2005 году долг составил 100 млрд долларов.", None, ("2005-01-01", "2005-12-31")),
        ("Инвестиции на 2023-2024 годы составят 2 млрд евро.", PUB, ("2023-01-01", "2024-12-31")),
        ("Товарооборот составил 1 млрд долларов.", PUB, None),
        ("По договору от 2009 года страна получит 25 млрд долларов кредитов.", None, None),
    ],
)
def test_period(figs, text, published, period):
    f = one(figs, text, published)
    got = (f.period.start, f.period.end) if f.period else None
    assert got == period


def test_this_year_follows_the_texts_own_year(analyse):
    text = (
        "В прошлом году долг страны вновь уменьшился.\n\n"
        "В течение 2011 года внешний долг уменьшился с 50 до 40 миллиардов долларов. "
        "В этом году правительство планирует выплатить еще 5 миллиардов долларов."
    )
    out = figures.extract(analyse(text), _Ents())  # type: ignore[arg-type]
    got = [(f.value, f.metric, f.kind, f.period.start[:4] if f.period else None) for f in out]
    assert got == [
        (5e10, "loan", "actual", "2011"),
        (4e10, "loan", "actual", "2011"),
        (5e9, "loan", "target", "2012"),
    ]


# --- countries and evidence ---------------------------------------------------------------------


def test_countries_from_the_sentence_else_the_main_pair(analyse):
    text = "Страны давно сотрудничают. Экспорт из Казахстана в Таджикистан вырос на 5 %. Импорт упал на 2 %."
    doc = analyse(text)
    kz, tj = text.index("Казахстана"), text.index("Таджикистан")
    ents = _Ents({(kz, kz + 10): "KZ", (tj, tj + 11): "TJ", (0, 6): "UZ"})
    out = figures.extract(doc, ents)  # type: ignore[arg-type]
    assert [f.countries for f in out] == [["KZ", "TJ"], ["KZ", "TJ"]]


def test_evidence_ids_and_offsets(figs):
    text = "Переговоры прошли успешно.\nЭкспорт вырос на 5 %, а импорт составил 2 млрд долларов."
    out = figs(text)
    assert [f.id for f in out] == ["F1", "F2"]
    for f in out:
        assert text[f.start : f.end] == f.text
        assert f.text.startswith("Экспорт")


def test_prefilter():
    assert numbers.may_hold_quantity("Экспорт вырос на 5 %")
    assert numbers.may_hold_quantity("сто долларов")
    assert not numbers.may_hold_quantity("Переговоры прошли успешно")


# --- the seed reading ---------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_figures(seed_text, seed_expected, analyse):
    doc = analyse(seed_text, published=seed_expected["published"])
    out = figures.extract(doc, _Ents())  # type: ignore[arg-type]
    for g in seed_expected["figures"]:
        hits = [f for f in out if f.unit == g["unit"] and f.value == pytest.approx(g["value"], rel=0.01)]
        assert hits, g
        f = hits[0]
        assert (f.metric, f.kind, f.qualifier) == (g["metric"], g["kind"], g["qualifier"]), g
        if g["period"]:
            assert f.period is not None and f.period.start[:4] == f.period.end[:4] == g["period"]
    assert len(out) == len(seed_expected["figures"])


_PIECES = [
    "экспорт",
    "вырос",
    "на",
    "до",
    "свыше",
    "около",
    "более",
    "не",
    "менее",
    "1,4",
    "12",
    "000",
    "2023",
    "2-3",
    "миллиарда",
    "млн",
    "тыс.",
    "долларов",
    "долл.",
    "США",
    "евро",
    "рублей",
    "%",
    "процентов",
    "$",
    "€",
    "+",
    "два",
    "с",
    "половиной",
    "сто",
    ",",
    ".",
    "если",
    "готовы",
    "подписаны",
    "контракты",
    "в прошлом году",
    "—",
    "«",
    "»",
    "\u00a0",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map(" ".join))
def test_any_text_gives_well_formed_figures(analyse, text):
    doc = analyse(text, published=PUB)
    for f in figures.extract(doc, _Ents()):  # type: ignore[arg-type]
        assert doc.text[f.start : f.end] == f.text
        assert f.unit == "%" or (len(f.unit) == 3 and f.unit.isupper())
        assert f.value == f.value and abs(f.value) < 1e15  # a number, in a sane range


@pytest.mark.parametrize(
    "text",
    [
        "Более 40 % управленцев приехали из соседних областей.",
        "Кандидат от оппозиции набрал 52,4 % голосов.",
        "Около 80 % жителей острова составляют католики.",
        "Покупатели получат скидку 30 % на все товары.",
        "Аудитория сайта выросла на 12 % за год.",
    ],
)
def test_percentages_without_an_economic_measure_are_not_figures(figs, text):
    assert figs(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Импорт из Турции вырос примерно на 30 %.", "approx"),
        ("Экспорт зерна сократился почти на 15 %.", "lt"),
        ("Страны ЕС закупили газа более чем на 2 млрд евро.", "gt"),
        ("Цены на сталь выше на 5 %, чем год назад.", "eq"),
    ],
)
def test_a_qualifier_before_na_bounds_the_amount(figs, text, qualifier):
    (f,) = figs(text)
    assert f.qualifier == qualifier


def test_a_target_year_is_the_period(figs):
    (f,) = figs("Стороны намерены довести товарооборот до 5 млрд долларов к 2028 году.")
    assert (f.kind, f.period.start, f.period.end) == ("target", "2028-01-01", "2028-12-31")
    (g,) = figs("Товарооборот планируется нарастить до 3 млрд долларов до 2027 года.", "2024-05-01")
    assert (g.period.start, g.period.end) == ("2027-01-01", "2027-12-31")


def test_a_period_carries_over_from_the_previous_statistics_sentence(figs):
    text = ("В 2022 году товарооборот Монголии и Кореи составил 900 млн долларов. "
            "Экспорт составил 300 млн долларов, импорт — 600 млн долларов.")
    got = figs(text)
    assert [f.period.start[:4] if f.period else None for f in got] == ["2022", "2022", "2022"]


def test_a_period_does_not_cross_a_paragraph_or_a_plain_sentence(figs):
    text = ("В 2022 году товарооборот Монголии и Кореи составил 900 млн долларов.\n\n"
            "Экспорт составил 300 млн долларов.")
    assert [f.period for f in figs(text)][1] is None
    text = ("В 2022 году товарооборот Монголии и Кореи составил 900 млн долларов. Министры это обсудили. "
            "Экспорт составил 300 млн долларов.")
    assert [f.period for f in figs(text)][1] is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("По оценкам аналитиков, страны закупили нефти на 3 млрд долларов.", "actual"),
        ("По оценкам аналитиков, страны закупят нефти на 3 млрд долларов.", "forecast"),
        ("Немецкие компании реализуют в Польше проекты на сумму 4 млрд евро.", "actual"),
    ],
)
def test_estimates_of_the_past_and_biaspectual_verbs(figs, text, kind):
    (f,) = figs(text)
    assert f.kind == kind


# --- round 3: approaches, agreed terms, costs, realised periods ----------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Товарооборот вырос на 12 % и приблизился к 700 миллионам долларов.", "approx"),
        ("Объем торговли приближается к 2 млрд долларов.", "approx"),
        ("Экспорт составил в районе 300 млн евро.", "approx"),
        ("Проект ориентировочной стоимостью 70 млн долларов одобрен правительством.", "approx"),
        ("Кредит будет выдан в пределах 500 млн долларов.", "lte"),
        ("Товарооборот составил 700 млн долларов.", "eq"),
    ],
)
def test_qualifier_round3(figs, text, qualifier):
    assert [f.qualifier for f in figs(text) if f.unit != "%"] == [qualifier]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an amount the sides agreed on, or fixed by an agreement's terms, is a deal
        ("Стороны договорились учредить совместный фонд с уставным капиталом 300 млн долларов.", "deal"),
        ("Министры условились создать банк с капиталом 1 млрд евро.", "deal"),
        ("Согласно соглашению, доли трех стран в компании распределятся по 33,3 %.", "deal"),
        # but an agreed change or endpoint stays a target or a change
        ("Стороны договорились довести товарооборот до 5 млрд долларов.", "target"),
        ("Стороны договорились увеличить товарооборот на 20 %.", "change"),
        ("Согласно прогнозу, товарооборот составит 3 млрд долларов.", "forecast"),
        # a proposal is a target
        ("Президент предложил подготовить пакет проектов на сумму не менее 2 млрд евро.", "target"),
        ("Туркменская сторона предлагает инвестировать 400 млн долларов в порт.", "target"),
        # a forecast word in another clause does not make a present fact a forecast
        ("Ожидается, что министры обсудят стройки: портфель заказов превышает 40 млрд долларов.", "actual"),
        ("Ожидается, что товарооборот превысит 40 млрд долларов.", "forecast"),
    ],
)
def test_kind_round3(figs, text, kind):
    assert [f.kind for f in figs(text)] == [kind]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Портфель заказов турецких компаний превышает 40 млрд долларов.", "contracts"),
        ("Стороны учредили фонд с уставным капиталом 300 млн долларов.", "investment"),
        ("Стороны подписали контракт стоимостью 300 млн долларов.", "contracts"),
        ("Стоимость проекта оценивается в 2,5 млрд долларов.", "investment"),
        ("Стоимость газа составит 180 долларов за тысячу кубометров.", "price"),
        ("Подписаны соглашения на общую сумму 4,5 млрд долларов.", "contracts"),
        ("Стороны подписали документы на сумму свыше 12 млрд долларов.", "contracts"),
        # a share as the subject is "other", whatever it is a share of
        ("Доля Китая в импорте Монголии составляет 35 %.", "other"),
        ("Импорт Монголии из Китая вырос на 35 %.", "import"),
    ],
)
def test_metric_round3(figs, text, metric):
    assert [f.metric for f in figs(text)] == [metric]


def test_a_deadline_does_not_carry_over_to_the_next_sentence(figs):
    out = figs(
        "Стороны решили довести объем торговли до 1 млрд долларов к 2027 году. Кроме того, "
        "компании вложили в проекты 500 млн долларов."
    )
    assert [f.kind for f in out] == ["target", "actual"]
    assert out[0].period is not None and out[1].period is None


def test_a_percentage_beside_money_is_a_figure(figs):
    out = figs("В прошлом году они увеличились на 16 процентов, до 237 млн евро.")
    assert sorted(f.unit for f in out) == ["%", "EUR"]
    assert figs("В прошлом году их стало больше на 16 процентов.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Польша выделит соседям 100 млн злотых.", 1e8, "PLN"),
        ("Бразилия вложила в порт 2 млрд реалов.", 2e9, "BRL"),
        ("ЮАР получила кредит на 5 млрд рандов.", 5e9, "ZAR"),
    ],
)
def test_more_currencies(figs, text, value, unit):
    f = one(figs, text)
    assert (f.value, f.unit) == (value, unit)


def test_a_football_club_is_no_currency(figs):
    assert figs("Реал выиграл у Барселоны со счетом 2:1, собрав 80 тысяч зрителей.") == []


def test_a_sentence_without_a_measure_continues_the_previous_one(figs):
    out = figs(
        "Экспорт вырос на 15 % и достиг 700 млн долларов. «Наша цель — довести его до 3 млрд "
        "долларов», — сказал министр."
    )
    assert [f.metric for f in out] == ["export", "export", "export"]
    assert out[-1].kind == "target"


def test_a_measure_does_not_carry_across_a_paragraph(figs):
    out = figs("Экспорт достиг 700 млн долларов.\nСтороны пожертвовали 3 млн долларов.")
    assert [f.metric for f in out] == ["export", "other"]
