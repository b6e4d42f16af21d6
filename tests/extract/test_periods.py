"""periods: period_in, date_in, deadline_in, reference_date over sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.extractors.periods import date_in, deadline_in, period_in, periods_in, reference_date

PUB = "2023-08-22"


def _span(p) -> tuple[str, str] | None:
    return (p.start, p.end) if p else None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("В прошлом году экспорт зерна заметно вырос.", PUB, ("2022-01-01", "2022-12-31")),
        ("По итогам прошлого года объем торговли удвоился.", PUB, ("2022-01-01", "2022-12-31")),
        ("За минувший год поставки сократились.", "2019-03-01", ("2018-01-01", "2018-12-31")),
        ("В позапрошлом году сделок не было.", PUB, ("2021-01-01", "2021-12-31")),
        ("В этом году стороны ждут роста.", PUB, ("2023-01-01", "2023-12-31")),
        ("В текущем году бюджет увеличат.", "2016-02-01", ("2016-01-01", "2016-12-31")),
        ("В следующем году откроется консульство.", PUB, ("2024-01-01", "2024-12-31")),
        ("Программа рассчитана на 2023-2024 годы.", PUB, ("2023-01-01", "2024-12-31")),
        ("План на 2019–2021 гг. утвержден.", None, ("2019-01-01", "2021-12-31")),
        ("Проект действовал с 2010 по 2015 год.", None, ("2010-01-01", "2015-12-31")),
        ("В 2005 году долг был выплачен.", None, ("2005-01-01", "2005-12-31")),
        ("В течение 1998 года курс упал.", PUB, ("1998-01-01", "1998-12-31")),
        ("Рост продолжился в 2010-м.", None, ("2010-01-01", "2010-12-31")),
        ("В первом полугодии 2023 года торговля заметно выросла.", None, ("2023-01-01", "2023-06-30")),
        ("Во втором полугодии цены снизились.", PUB, ("2023-07-01", "2023-12-31")),
        ("В третьем квартале прошлого года инвестиции упали.", PUB, ("2022-07-01", "2022-09-30")),
        ("За первый квартал 2021 года экспорт вырос.", None, ("2021-01-01", "2021-03-31")),
        ("В мае 2024 года пройдет форум.", None, ("2024-05-01", "2024-05-31")),
        ("В январе-июне этого года поставки выросли.", PUB, ("2023-01-01", "2023-06-30")),
        ("В марте цены выросли.", PUB, ("2023-03-01", "2023-03-31")),
        ("Дорожная карта до 2025 года подписана.", PUB, ("2023-08-22", "2025-12-31")),
        ("Все работы завершат до конца года.", PUB, ("2023-08-22", "2023-12-31")),
    ],
)
def test_period_in(text, published, expected):
    assert _span(period_in(text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "В прошлом году экспорт вырос.",  # relative, and no publication date
        "Во втором полугодии цены снизились.",
        "Дорожная карта до 2025 года подписана.",  # a start is unknown without a date
        "Юбилей: 30-летие отношений.",
        "Около 1000 человек вышли на митинг.",
        "Сегодня годовщина событий.",
        "До сих пор до 80 % продукции шло на экспорт.",
    ],
)
def test_period_in_none(text):
    assert period_in(text, None) is None


def test_period_text_is_the_phrase():
    p = period_in("Товарооборот по итогам прошлого года составил много.", PUB)
    assert p is not None and p.text == "прошлого года"


def test_periods_in_offsets_and_order():
    text = "В 2021 году сделка сорвалась, а в прошлом году ее заключили."
    found = periods_in(text, PUB)
    assert [p.start[:4] for _, _, p in found] == ["2021", "2022"]
    for s, e, p in found:
        assert text[s:e] == p.text


def test_yo_in_text_keeps_offsets():
    assert _span(period_in("В прошлом году всё шло хорошо, в этом — ещё лучше.", PUB)) == (
        "2022-01-01",
        "2022-12-31",
    )


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Сегодня президенты подписали декларацию.", PUB, "2023-08-22"),
        ("Накануне состоялся бизнес-форум.", PUB, "2023-08-21"),
        ("Вчера министры провели переговоры.", "2020-03-01", "2020-02-29"),
        ("Завтра откроется выставка.", PUB, "2023-08-23"),
        ("Встреча прошла 22 августа.", PUB, "2023-08-22"),
        ("Визит запланирован на 5 сентября.", PUB, "2023-09-05"),
        ("Указ подписан 28 декабря.", "2024-01-10", "2023-12-28"),  # not eleven months ahead
        ("Соглашение подписано 3 марта 2011 года.", None, "2011-03-03"),
        ("Документ вступил в силу 15.03.2024.", None, "2024-03-15"),
        ("Форум пройдет в мае 2024 года.", None, "2024-05"),
        ("Саммит прошел в 2009 году.", None, "2009"),
        ("В понедельник 7 февраля прошел митинг.", "2011-02-09", "2011-02-07"),
        ("В среду министр посетил Белград.", "2011-02-10", "2011-02-09"),  # Thursday -> Wednesday
    ],
)
def test_date_in(text, published, expected):
    assert date_in(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Сегодня президенты подписали декларацию.", None),
        ("Встреча прошла 22 августа.", None),
        ("Программа рассчитана на 2023-2024 годы.", PUB),  # a period, not a date
        ("Карта действует до 2025 года.", PUB),  # a deadline, not a date
        ("Встречу перенесли.", PUB),
        ("Сегодня президенты подписали декларацию.", "2023"),  # the day is not known
    ],
)
def test_date_in_none(text, published):
    assert date_in(text, published) is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Карта рассчитана до 2025 года.", PUB, "2025-12-31"),
        ("Довести товарооборот до 2 млрд к 2030 году.", None, "2030-12-31"),
        ("Работы завершат до конца 2024 года.", None, "2024-12-31"),
        ("Все решения примут до конца года.", PUB, "2023-12-31"),
        ("Все решения примут к концу следующего года.", PUB, "2024-12-31"),
        ("Отчет представят до 1 сентября.", PUB, "2023-09-01"),
        ("Подготовить предложения до конца месяца.", PUB, "2023-08-31"),
    ],
)
def test_deadline_in(text, published, expected):
    assert deadline_in(text, published) == expected


@pytest.mark.parametrize(
    "text",
    ["До сих пор сделка не закрыта.", "Экспорт вырос до 80 %.", "Все решения примут до конца года."],
)
def test_deadline_in_none(text):
    assert deadline_in(text, None) is None


def test_reference_date_prefers_published():
    assert reference_date("В прошлом году ... В течение 2005 года ...", PUB) == PUB


def test_reference_date_from_the_texts_own_year():
    text = "В прошлом году долг сократился.\n\nЗа 2011 год он уменьшился вдвое. В этом году ждут еще."
    ref = reference_date(text, None)
    assert ref == "2012"
    assert _span(period_in("В этом году ждут еще.", ref)) == ("2012-01-01", "2012-12-31")


@pytest.mark.parametrize(
    "text",
    ["В 2011 году долг сократился. В этом году ждут еще.", "Долг сократился. В прошлом году тоже."],
)
def test_reference_date_unknown(text):
    assert reference_date(text, None) is None


_WORDS = [
    "в",
    "до",
    "к",
    "концу",
    "конца",
    "прошлом",
    "этом",
    "следующего",
    "году",
    "года",
    "годы",
    "годах",
    "первом",
    "полугодии",
    "квартале",
    "мае",
    "января",
    "марта",
    "-",
    "–",
    "по",
    "с",
    "сегодня",
    "накануне",
    "в среду",
    "2005",
    "2023",
    "2023-2024",
    "15",
    "31",
    "15.03.2024",
    "2010-м",
    "г.",
    "ё",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join),
    st.sampled_from([None, "2023", "2023-08", "2023-08-22", "2024-02-29T10:00:00"]),
)
def test_any_text_gives_consistent_periods_and_dates(text, published):
    for s, e, p in periods_in(text, published):
        assert 0 <= s < e <= len(text)
        assert p.start <= p.end
        assert p.text == text[s:e]
    d = date_in(text, published)
    assert d is None or len(d) in (4, 7, 10)
    dl = deadline_in(text, published)
    assert dl is None or len(dl) == 10


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        ("Торговлю решили удвоить к 2030 году.", None, ("2030-01-01", "2030-12-31")),
        ("Торговлю решили удвоить к 2030 году.", "2024-03-01", ("2030-01-01", "2030-12-31")),
        ("Инвестиции вырастут до 2028 года.", "2025-06-10", ("2028-01-01", "2028-12-31")),
        ("Программа рассчитана на 2023-2024 годы.", None, ("2023-01-01", "2024-12-31")),
    ],
)
def test_until_as_year_gives_the_due_year(text, published, want):
    (found,) = periods_in(text, published, until_as_year=True)
    assert (found[2].start, found[2].end) == want


def test_until_keeps_its_start_by_default():
    (found,) = periods_in("Торговлю решили удвоить к 2030 году.", "2024-03-01")
    assert (found[2].start, found[2].end) == ("2024-03-01", "2030-12-31")


# --- round 3: "по итогам N месяцев", "с января по сентябрь", "с начала года" ---------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("По итогам девяти месяцев товарооборот вырос.", "2024-11-20", ("2024-01-01", "2024-09-30")),
        ("За 11 месяцев экспорт сократился.", "2025-01-15", ("2024-01-01", "2024-11-30")),
        ("За десять месяцев 2022 года импорт вырос.", PUB, ("2022-01-01", "2022-10-31")),
        ("За первые пять месяцев текущего года поставки упали.", "2025-07-01", ("2025-01-01", "2025-05-31")),
        ("За первые два месяца 2021 года экспорт вырос.", None, ("2021-01-01", "2021-02-28")),
        ("С января по сентябрь инвестиции выросли.", PUB, ("2023-01-01", "2023-09-30")),
        ("С марта по май 2020 года торговля упала.", None, ("2020-03-01", "2020-05-31")),
        ("С начала года экспорт вырос.", PUB, ("2023-01-01", "2023-08-22")),
        ("С начала прошлого года цены выросли.", PUB, ("2022-01-01", "2022-12-31")),
    ],
)
def test_period_in_round3(text, published, expected):
    assert _span(period_in(text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "За два месяца построили новый мост.",  # a duration, not a period of the calendar
        "В течение трех месяцев стороны подготовят документ.",
        "За 15 месяцев работы сделано многое.",
    ],
)
def test_durations_are_not_periods(text):
    assert period_in(text, PUB) is None


def test_months_count_without_any_year_is_unknown():
    assert period_in("По итогам девяти месяцев экспорт вырос.", None) is None
