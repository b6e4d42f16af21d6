"""Country pairs: relation sentences, enumerations, background lists, comparisons (sentences of our own)."""

from __future__ import annotations

import pytest

from letopis.extractors import entities, pairs
from letopis.model import Figure

CASES: dict[str, tuple[str, list[list[str]]]] = {
    "agreement": ("Россия и Китай подписали соглашение о сотрудничестве в энергетике.", [["CN", "RU"]]),
    "between": ("Товарооборот между Казахстаном и Узбекистаном вырос на 20 процентов.", [["KZ", "UZ"]]),
    "visit": ("Премьер-министр Японии прибыл с визитом в Индию.", [["IN", "JP"]]),
    "repeated": (
        "Президент Армении провел переговоры с президентом Франции. "
        "Армения и Франция договорились расширить сотрудничество.",
        [["AM", "FR"]],
    ),
    "sides": (
        "Турция, Египет и ряд других государств настаивают на разоружении Израиля.",
        [["EG", "IL"], ["IL", "TR"]],
    ),
    "background_list": (
        "Грузия развивает отношения с соседями. Главными партнерами Грузии считаются Россия, Китай, Иран и Индия.",
        [],
    ),
    "comparison": (
        "Франция наравне с Германией остается ключевым партнером Польши.",
        [["FR", "PL"]],
    ),
    "compound_talks": ("Российско-американские переговоры продолжатся в Женеве.", [["RU", "US"]]),
    "capitals": (
        "Вьетнам и Япония известны своей кухней. Переговоры между Ханоем и Токио пройдут в мае.",
        [["JP", "VN"]],
    ),
    "kosovo_no_party": ("Сербия ведет переговоры с Косово при посредничестве ЕС.", []),
    "no_relation": ("Туристы из Германии и Франции отдыхали на курорте.", []),
    "one_country": ("Россия увеличила экспорт зерна и поставки нефти.", []),
    "joint_stance": (
        "Израиль и США отвергают этот шаг, заявляя, что мир достижим только путем переговоров.",
        [],
    ),
    "settings": ("Министры обсудили угрозу терроризма в Афганистане и в Пакистане.", []),
    # a country named only as the venue of other states' business is no party
    "venue": (
        "Министры стран ЕС на встрече в Люксембурге одобрили новые санкции против Ирана.",
        [],
    ),
    "host_is_party": (
        "Президент Чили прибыл в Перу. Переговоры с Перу прошли в Лиме, а визит в Перу продолжится.",
        [["CL", "PE"]],
    ),
    # a third country that is only the subject matter of a state's statement
    "topic_adjective": (
        "Власти Индии выступают за урегулирование сирийского кризиса и не поставляют оружие сторонам.",
        [],
    ),
    "topic_around": ("Япония и Китай обсудили ситуацию вокруг Мьянмы на переговорах в Пекине.", [["CN", "JP"]]),
    # a list of places with repeated prepositions is one background list
    "place_list": (
        "Компания сотрудничает с партнерами в Польше, в Чехии, на Украине и в Словакии.",
        [],
    ),
    # where a private person comes from is no party; a delegation acts for its state
    "origin": (
        "Политолог из Германии считает, что отношения России и Китая крепнут.",
        [["CN", "RU"]],
    ),
    "delegation": ("Делегация из Китая прибыла в Россию для переговоров.", [["CN", "RU"]]),
    # an elaboration after a colon is an aside: alone it makes no pair
    "colon_aside": (
        "Мексика ввела новую валюту в трудное время: как известно, Аргентине потребовалась финансовая помощь.",
        [],
    ),
    "aside": (
        "Сербия и Венгрия заключили договор о границе, переключив внимание с Хорватии.",
        [["HU", "RS"]],
    ),
}


@pytest.fixture(scope="module")
def results(analyse):
    out = {}
    for name, (text, _) in CASES.items():
        doc = analyse(text)
        out[name] = pairs.extract(doc, entities.extract(doc), [], [], [])
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_pairs(results, name):
    assert results[name] == CASES[name][1]


@pytest.mark.parametrize("name", list(CASES))
def test_pairs_are_sorted(results, name):
    found = results[name]
    assert all(p == sorted(p) and len(p) == 2 for p in found)
    assert found == sorted(found)


def test_compound_adjective(analyse):
    doc = analyse("Российско-казахстанское партнерство заметно окрепло.")
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == [["KZ", "RU"]]


def _figure(doc, countries):
    s = doc.sentences[-1]
    return Figure(id="F1", text=s.text, start=s.start, end=s.end, value=5e6, unit="USD", countries=countries)


def test_figure_countries_alone_make_no_pair(analyse):
    doc = analyse("Вьетнам и Лаос обменялись опытом. Объем составил 5 млн долларов.")
    assert pairs.extract(doc, entities.extract(doc), [_figure(doc, ["VN", "LA"])], [], []) == []


def test_figure_countries_confirm_an_aside(analyse):
    """An aside alone is half a pair; a figure about both countries confirms it."""
    doc = analyse("Вьетнам расширил торговлю, опираясь на опыт Лаоса. Объем составил 5 млн долларов.")
    ents = entities.extract(doc)
    assert pairs.extract(doc, ents, [], [], []) == []
    assert pairs.extract(doc, ents, [_figure(doc, ["VN", "LA"])], [], []) == [["LA", "VN"]]


def test_figure_sentence_is_a_signal(analyse):
    """A sentence holding a figure reports relations even without a relation word."""
    text = "Из Германии в Польшу ушло грузов на 3 млрд евро."
    doc = analyse(text)
    fig = Figure(id="F1", text=text, start=0, end=len(text), value=3e9, unit="EUR")
    assert pairs.extract(doc, entities.extract(doc), [fig], [], []) == [["DE", "PL"]]


def test_empty_document(analyse):
    doc = analyse("")
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == []


@pytest.mark.shared
def test_seed_pair(seed_text, seed_expected, analyse):
    doc = analyse(seed_text)
    found = pairs.extract(doc, entities.extract(doc), [], [], [])
    assert found == [sorted(p) for p in seed_expected["pairs"]]


# --- round 3: officials for their states, signatories, two-sentence pairs, historical entities ----


def test_officials_stand_for_their_states(analyse):
    text = ("Канцлер Австрии Карл Нехаммер и президент Чили Габриэль Борич выступили на форуме. "
            "Позже Нехаммер встретился с Боричем.")
    doc = analyse(text)
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == [["AT", "CL"]]


def test_private_persons_speak_for_no_state(analyse):
    # Мюллер is German by his role, but a political scientist does not act for Germany
    text = ("Немецкий политолог Ганс Мюллер и президент Чили Габриэль Борич выступили на форуме. "
            "Позже Мюллер встретился с Боричем.")
    doc = analyse(text)
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == []


def test_signatories_listed_together_are_pairs(analyse):
    from letopis.extractors import agreements

    doc = analyse("Министры энергетики Кыргызстана, Казахстана и Узбекистана подписали соглашение о "
                  "строительстве ГЭС.")
    ents = entities.extract(doc)
    agrs = agreements.extract(doc, ents)
    assert pairs.extract(doc, ents, [], agrs, []) == [["KG", "KZ"], ["KG", "UZ"], ["KZ", "UZ"]]
    assert pairs.extract(doc, ents, [], [], []) == []  # without the document the list is background


MAIN = ("Президент Бразилии посетил Францию. Бразилия и Франция подписали соглашение о торговле. "
        "Бразилия и Франция обсудили сотрудничество. Франция и Бразилия расширят торговлю. ")


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("В кулуарах министры Чили и Перу обсудили торговлю. Переговоры Чили и Перу продолжатся в мае.",
         [["BR", "FR"], ["CL", "PE"]]),
        ("В кулуарах министры Чили и Перу обсудили торговлю.", [["BR", "FR"]]),  # once is a passing mention
    ],
)
def test_two_sentences_make_a_pair_of_minor_countries(analyse, tail, expected):
    doc = analyse(MAIN + tail)
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Президенты Болгарии и России на встрече почтили память освобождения Болгарии от турецкого ига.",
        "Президенты Болгарии и России на встрече обсудили наследие Османской и Российской империй.",
    ],
)
def test_historical_entities_are_no_parties(analyse, text):
    doc = analyse(text)
    assert pairs.extract(doc, entities.extract(doc), [], [], []) == [["BG", "RU"]]
