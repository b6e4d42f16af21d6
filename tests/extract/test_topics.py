"""Topics: sector tags from the lemma lexicon, with a threshold against stray words."""

from __future__ import annotations

import pytest

from letopis.extractors import topics

TEXTS = {
    "trade": "Товарооборот между странами вырос. Экспорт зерна увеличился, импорт техники сократился.",
    "trade_hyphen": "Стороны обсудили торгово-экономическое сотрудничество и поставки товаров.",
    "energy_name": "Министры обсудили развитие энергетики.",
    "energy_assoc": "Нефть пойдет по новому нефтепроводу, а газ по старому газопроводу.",
    "education": "Откроются филиалы вузов, студенты смогут учиться в обеих странах.",
    "digital": "Сотрудничество в IT-секторе и цифровые решения для государственных услуг.",
    "agri": "Поставки пшеницы и муки растут, как и экспорт сельхозпродукции.",
    "several": (
        "Стороны обсудили развитие энергетики и транспорта. Отдельно говорили о культуре: "
        "пройдут дни культуры и фестиваль кино."
    ),
    "stray": "Министр пришел на встречу из школы.",
    "none": "Погода в выходные будет теплой и солнечной.",
    "food_security": "Эти меры помогут обеспечить продовольственную безопасность.",
}


@pytest.fixture(scope="module")
def tags(analyse):
    return {name: topics.extract(analyse(text)) for name, text in TEXTS.items()}


@pytest.mark.parametrize(
    ("name", "topic"),
    [
        ("trade", "trade"),
        ("trade_hyphen", "trade"),
        ("energy_name", "energy"),
        ("energy_assoc", "energy"),
        ("education", "education"),
        ("digital", "digital"),
        ("agri", "agriculture"),
        ("several", "energy"),
        ("several", "transport"),
        ("several", "culture"),
    ],
)
def test_topic_found(tags, name, topic):
    assert topic in tags[name]


def test_stray_word_is_not_a_topic(tags):
    assert "education" not in tags["stray"]


def test_nothing_in_weather(tags):
    assert tags["none"] == []


def test_food_security_is_not_security(tags):
    assert "security" not in tags["food_security"]


def test_order_of_first_mention(tags):
    order = tags["several"]
    assert order.index("energy") < order.index("culture")


def test_no_duplicates(tags):
    for found in tags.values():
        assert len(found) == len(set(found))


@pytest.mark.shared
def test_seed_topics(seed_text, seed_expected, analyse):
    found = set(topics.extract(analyse(seed_text)))
    expected = set(seed_expected["topics"])
    assert len(found & expected) >= len(expected) - 1
    assert len(found - expected) <= 1
