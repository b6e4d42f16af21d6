"""The quotes extractor: direct and reported speech by persons, and what is not a quote.

Every sentence here is written for these tests. The texts are analysed once per module.
"""

from __future__ import annotations

import re

import pytest

from letopis.extractors import entities, quotes
from letopis.model import Quote

TEXTS: dict[str, str] = {
    # Central and East Asian names that pymorphy reads as no nominative
    "asian_names": (
        "Министр иностранных дел Китая Ли Мин провел переговоры с коллегой из Таджикистана.\n"
        "Ли Мин заявил, что стороны расширят торговлю. Рустам Назаров заявил, что Таджикистан готов "
        "к новым проектам. Шерали Абдуллоев отметил, что переговоры были полезными."
    ),
    # "советник X" is not X: the description continues the last speaker
    "relational_not_the_name": (
        "Советник Марии Лопес по экономике Хорхе Диас выступил в Мадриде.\n"
        "«Рынок растет быстрее прогнозов», — сказал Хорхе Диас.\n"
        "Советник Марии Лопес, который в среду посетил Лиссабон заявил, что переговоры идут успешно."
    ),
    # a quotation resumed in new marks after its attribution
    "resumed": (
        "Министр экономики Литвы Томас Каспарас выступил на форуме.\n"
        "«Мы видим большие возможности в логистике», — заявил министр. — «Латвия для нас ключевой "
        "партнер»."
    ),
    # a description with a country picks the person of that country
    "desc_country": (
        "Президент Чили Габриэль Борич и президент Перу Дина Болуарте провели переговоры в Лиме.\n"
        "Президент Перу сообщил, что стороны откроют новые авиарейсы. «Мы начинаем новый этап», — "
        "отметил чилийский лидер."
    ),
    # direct speech, attribution after, several sentences in one quotation
    "after_multi": (
        "Президент Чили Габриэль Борич провел переговоры в Сантьяго.\n"
        "«Мы готовы расширять торговлю с Бразилией и Аргентиной. Переговоры прошли успешно и "
        "открыли новые возможности», — заявил Габриэль Борич."
    ),
    "straight": (
        "Министр экономики Андрей Соколов выступил на форуме.\n"
        '"Экономическое сотрудничество с Арменией остается нашим приоритетом", - сказал Андрей Соколов.'
    ),
    "low_quotes": (
        "Министр финансов Франции Пьер Леруа посетил Брюссель.\n"
        "„Нам нужно больше инвестиций в энергетику и транспорт“, — отметил Пьер Леруа."
    ),
    "comma_no_dash": (
        "Посол Канады Джон Миллс встретился с журналистами.\n"
        "«Наши страны подпишут новое соглашение о торговле», сказал Джон Миллс."
    ),
    "colon": (
        "Премьер-министр Индии Нарендра Моди заявил: «Наши страны связывает долгая и прочная дружба»."
    ),
    "pronoun": (
        "Канцлер Германии Олаф Шольц прибыл в Варшаву с официальным визитом.\n"
        "«Польша остается нашим ключевым партнером в Европе», — подчеркнул он."
    ),
    "broken": (
        "Министр торговли Иван Петров провел встречу с делегацией Вьетнама.\n"
        "«Это важный шаг для наших отношений, — сказал Иван Петров. — Мы продолжим работу в "
        "этом направлении и расширим поставки»."
    ),
    "dash_speech": (
        "Переговоры министров завершились поздно вечером.\n"
        "— Мы готовы подписать соглашение о поставках уже в этом году, — сказал Ахмед Хасанов.\n"
    ),
    "interview": (
        "Корреспондент: Как прошла встреча с премьер-министром?\n"
        "Игорь Смирнов: Встреча прошла в дружеской атмосфере, мы обсудили все вопросы.\n"
    ),
    "that_clause": (
        "Министр финансов Италии Марко Росси сообщил, что бюджет страны будет сбалансирован к "
        "концу года."
    ),
    "that_long_verb_phrase": (
        "Президент Бразилии Луис Силва заявил в Брасилиа в понедельник 12 мая, что страна увеличит "
        "экспорт зерна в Китай."
    ),
    "po_slovam": (
        "Посол Японии Кэнзо Танака прибыл в Москву.\n"
        "По словам посла Кэнзо Танаки, переговоры о мирном договоре будут продолжены в мае."
    ),
    "po_ego_slovam": (
        "«Торговля между нашими странами выросла на треть», — отметил президент Сербии Александр "
        "Вучич.\nПо его словам, стороны договорились открыть новые авиарейсы между столицами."
    ),
    "kak_otmetil": (
        "Как отметил министр иностранных дел Египта Сами Хаддад, стороны подробно обсудили "
        "ситуацию в регионе."
    ),
    "about_this": (
        "Поставки египетского зерна в Иорданию в этом году вырастут вдвое. Об этом заявил министр "
        "сельского хозяйства Павел Орлов."
    ),
    "fragment": (
        "Президент Франции Эмманюэль Макрон назвал визит «историческим событием для обеих стран»."
    ),
    "parenthetical": (
        "Премьер-министр Словакии Роберт Фицо выступил в парламенте. Сейчас, продолжал он, "
        "правительство выделило средства на строительство новых дорог."
    ),
    "sentence_end_attr": (
        "Губернатор Виктор Белов встретился с инвесторами. Новый завод откроется уже весной, "
        "считает Виктор Белов."
    ),
    "gerund": (
        "Министр обороны Турции Хулуси Акар раскритиковал решение соседей, заявив, что оно "
        "противоречит подписанному договору."
    ),
    "unnamed": "Аналитики считают, что цены на нефть продолжат расти до конца года.",
    "description": (
        "В Пекине прошли переговоры президентов Казахстана и Китая.\n"
        "«Мы открываем новую главу сотрудничества», — заявил председатель КНР Си Цзиньпин."
    ),
    "continuation": (
        "«Наши страны подписали три соглашения», — сказал Ильхам Алиев. «Это лишь начало большой "
        "совместной работы в энергетике»."
    ),
    "speech_noun_colon": (
        "Министр иностранных дел Норвегии Эспен Эйде выступил со специальным заявлением: «Норвегия "
        "поддерживает переговоры и готова их принять»."
    ),
    "eto_podtverdil": (
        "Переговоры о поставках газа возобновятся в марте. Это подтвердил министр энергетики "
        "Казахстана Алмасбек Сатпаев."
    ),
    "relative_clause": (
        "Советник президента Андрей Волков, который накануне прибыл в Софию, заявил, что "
        "сотрудничество будет расширено."
    ),
    "name_then_description": (
        "Алексей Лебедев, член совета директоров компании «Восток», заявил: «Мы откроем три новых "
        "завода в Монголии»."
    ),
    "attribution_next_paragraph": (
        "«Изменений в нашей внешней политике не будет. Мы продолжим работу с соседями»\n"
        "заявил после инаугурации Игорь Ткаченко."
    ),
    "pronoun_she": (
        "Министр торговли Латвии Анна Озола провела встречу с коллегой из Литвы Петрасом Янонисом. "
        "Она заявила, что торговля между странами выросла."
    ),
    "pronoun_inside_answer": (
        "Журналист: Что сказал вам премьер-министр Ким Ён Су?\n"
        "Пак Чон Хо: Разговор был долгим. Он сказал, что поможет с поставками риса.\n"
    ),
    "joint": (
        "Министр иностранных дел Перу Хуан Рамос и его коллега Пабло Мендес заявили, что "
        "переговоры прошли успешно."
    ),
    "object_is_not_speaker": (
        "Врачи, которые лечат Анну Смит, говорят, что ее состояние улучшилось."
    ),
    "paragraphs": (
        "«Мы обсудили поставки энергоносителей и строительство новой электростанции.\n"
        "«Соглашение будет подписано до конца года», — сказал премьер-министр Монголии Батбаяр Дорж."
    ),
    "colon_newline": (
        "Президент Кении Уильям Руто заявил:\n«Наша страна открыта для инвестиций из Азии»."
    ),
    "stative": "Министр туризма Греции Никос Папас уверен, что поток туристов вырастет.",
    # negatives: no quote may come out of these
    "neg_titles": (
        "Компания «Газпром» и газета «Известия» сообщили о новом этапе проекта «Южный поток»."
    ),
    "neg_title_dash": "«Газпром» — крупнейшая компания страны по добыче газа.",
    "neg_state": "Минск считает, что Москва должна пересмотреть цены на газ.",
    "neg_ministry": "МИД России сообщил, что консульство в Бергене закроется в марте.",
    "neg_nominal": (
        "Премьер-министр Швеции Ульф Кристерссон подтвердил готовность продолжить переговоры."
    ),
    "neg_opinion_noun": "Президент Сербии Александр Вучич выразил мнение о необходимости реформ.",
    "neg_impersonal": "В министерстве финансов утверждают, что кредит не выдавался.",
    "neg_collective": "Европейцы заявляют, что компромисс по бюджету недостижим без уступок.",
    "neg_expected": "Ожидается, что соглашение будет подписано в июне.",
    "neg_song": "Песня «Подмосковные вечера» прозвучала на концерте в Пекине.",
    "neg_infinitive": "Министр Олег Ким пообещал ограничить поставки газа в соседнюю страну.",
    "neg_media": "Как сообщает газета «Ведомости», компания купила пять процентов акций.",
}


@pytest.fixture(scope="module")
def results(analyse) -> dict[str, tuple[str, entities.EntityIndex, list[Quote]]]:
    out = {}
    for key, text in TEXTS.items():
        doc = analyse(text)
        ents = entities.extract(doc)
        out[key] = (text, ents, quotes.extract(doc, ents))
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower().replace("ё", "е"))


def _speaker_text(ents: entities.EntityIndex, q: Quote) -> str:
    """The speaker's name and every mention of it, lower-cased (robust to name normalisation)."""
    ent = ents.get(q.speaker)
    if ent is None:
        return ""
    return _norm(" ".join([ent.name] + [m.text for m in ent.mentions]))


def _find(results, key: str, starts: str) -> Quote:
    _text, _ents, qs = results[key]
    hits = [q for q in qs if _norm(starts) in _norm(q.text)]
    assert hits, f"{key}: no quote contains {starts!r}; got {[q.text for q in qs]}"
    return hits[0]


# ---- direct speech ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "starts", "surname", "cue"),
    [
        ("after_multi", "Мы готовы расширять торговлю", "борич", "заявил"),
        ("straight", "Экономическое сотрудничество с Арменией", "соколов", "сказал"),
        ("low_quotes", "Нам нужно больше инвестиций", "леруа", "отметил"),
        ("comma_no_dash", "Наши страны подпишут новое соглашение", "миллс", "сказал"),
        ("colon", "Наши страны связывает долгая", "моди", "заявил"),
        ("pronoun", "Польша остается нашим ключевым партнером", "шольц", "подчеркнул"),
        ("dash_speech", "Мы готовы подписать соглашение", "хасанов", "сказал"),
        ("description", "Мы открываем новую главу", "си", "заявил"),
        ("name_then_description", "Мы откроем три новых завода", "лебедев", "заявил"),
        ("attribution_next_paragraph", "Изменений в нашей внешней политике", "ткаченко", "заявил"),
        ("paragraphs", "Мы обсудили поставки энергоносителей", "дорж", "сказал"),
        ("paragraphs", "Соглашение будет подписано до конца года", "дорж", "сказал"),
        ("colon_newline", "Наша страна открыта для инвестиций", "руто", "заявил"),
    ],
)
def test_direct_quote_with_speaker_and_cue(results, key, starts, surname, cue):
    q = _find(results, key, starts)
    assert q.direct is True
    assert q.cue == cue
    assert surname in _speaker_text(results[key][1], q)


def test_multi_sentence_quote_is_one_quote(results):
    q = _find(results, "after_multi", "Мы готовы расширять торговлю")
    assert "Переговоры прошли успешно" in q.text
    assert len(results["after_multi"][2]) == 1


def test_quote_text_excludes_quote_marks_and_attribution(results):
    q = _find(results, "straight", "Экономическое сотрудничество")
    assert not q.text.startswith('"') and not q.text.endswith('"')
    assert "сказал" not in q.text


def test_broken_quote_keeps_both_parts_with_the_speaker(results):
    _text, ents, _qs = results["broken"]
    for starts in ("Это важный шаг", "Мы продолжим работу"):
        q = _find(results, "broken", starts)
        assert "петров" in _speaker_text(ents, q)
        assert "сказал Иван Петров" not in q.text


def test_continuation_quote_takes_the_previous_speaker(results):
    q = _find(results, "continuation", "Это лишь начало большой")
    assert "алиев" in _speaker_text(results["continuation"][1], q)


def test_interview_answer_has_colon_cue_and_question_is_not_a_quote(results):
    _text, ents, qs = results["interview"]
    q = _find(results, "interview", "Встреча прошла в дружеской")
    assert q.cue == ":" and q.direct
    assert "смирнов" in _speaker_text(ents, q)
    assert not any("Как прошла встреча" in x.text for x in qs)


def test_speech_noun_before_colon_is_the_cue(results):
    q = _find(results, "speech_noun_colon", "Норвегия поддерживает переговоры")
    assert q.direct and "заявлением" in (q.cue or "")
    assert "эйде" in _speaker_text(results["speech_noun_colon"][1], q)


def test_pronoun_inside_an_answer_is_not_the_answerer(results):
    _text, ents, qs = results["pronoun_inside_answer"]
    answer = next(q for q in qs if q.text.startswith("Разговор был долгим"))
    reported = next(q for q in qs if q.text.startswith("поможет с поставками риса"))
    assert answer.cue == ":" and reported.cue == "сказал" and not reported.direct
    assert "пак" in _speaker_text(ents, answer)
    assert "ким" in _speaker_text(ents, reported)


def test_fragment_after_nazval_is_direct(results):
    q = _find(results, "fragment", "историческим событием для обеих стран")
    assert q.direct and q.cue == "назвал"
    assert "макрон" in _speaker_text(results["fragment"][1], q)


# ---- reported speech -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "starts", "surname", "cue"),
    [
        ("that_clause", "бюджет страны будет сбалансирован", "росси", "сообщил"),
        ("that_long_verb_phrase", "страна увеличит экспорт зерна", "силва", "заявил"),
        ("po_slovam", "переговоры о мирном договоре будут продолжены", "танак", "По словам"),
        ("po_ego_slovam", "стороны договорились открыть новые авиарейсы", "вучич", "По его словам"),
        ("kak_otmetil", "стороны подробно обсудили ситуацию", "хаддад", "отметил"),
        ("about_this", "Поставки египетского зерна в Иорданию", "орлов", "Об этом заявил"),
        ("parenthetical", "правительство выделило средства", "фицо", "продолжал"),
        ("sentence_end_attr", "Новый завод откроется уже весной", "белов", "считает"),
        ("gerund", "оно противоречит подписанному договору", "акар", "заявив"),
        ("eto_podtverdil", "Переговоры о поставках газа возобновятся", "сатпаев", "Это подтвердил"),
        ("relative_clause", "сотрудничество будет расширено", "волков", "заявил"),
        ("pronoun_she", "торговля между странами выросла", "озол", "заявила"),
        ("stative", "поток туристов вырастет", "папас", "уверен"),
    ],
)
def test_reported_speech(results, key, starts, surname, cue):
    q = _find(results, key, starts)
    assert q.direct is False
    assert q.cue == cue
    assert surname in _speaker_text(results[key][1], q)


def test_reported_clause_starts_after_chto(results):
    q = _find(results, "that_clause", "бюджет страны")
    assert q.text.startswith("бюджет страны")
    assert q.text.endswith("концу года")


def test_joint_subject_credits_one_of_the_named_persons(results):
    q = _find(results, "joint", "переговоры прошли успешно")
    speaker = _speaker_text(results["joint"][1], q)
    assert "рамос" in speaker or "мендес" in speaker


def test_a_name_in_the_object_is_not_the_speaker(results):
    q = _find(results, "object_is_not_speaker", "ее состояние улучшилось")
    assert "смит" not in _speaker_text(results["object_is_not_speaker"][1], q)


def test_unnamed_individuals_keep_the_quote_without_speaker(results):
    q = _find(results, "unnamed", "цены на нефть продолжат расти")
    assert q.speaker is None and q.cue == "считают" and not q.direct


# ---- not quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if k.startswith("neg_")))
def test_no_quote(results, key):
    assert results[key][2] == [], [q.text for q in results[key][2]]


# ---- contract ------------------------------------------------------------------------------------


def test_evidence_offsets_and_ids(results):
    for key, (text, ents, qs) in results.items():
        assert [q.id for q in qs] == [f"Q{i}" for i in range(1, len(qs) + 1)], key
        for q in qs:
            assert text[q.start:q.end] == q.text, key
            assert q.speaker is None or ents.get(q.speaker) is not None, key
        assert [q.start for q in qs] == sorted(q.start for q in qs), key


def test_empty_document(analyse):
    doc = analyse("")
    assert quotes.extract(doc, entities.extract(doc)) == []


# ---- the seed article ------------------------------------------------------------------------------


def test_seed_quotes(seed_text, seed_expected, analyse):
    doc = analyse(seed_text, published="2023-08-22")
    ents = entities.extract(doc)
    qs = quotes.extract(doc, ents)
    assert len(qs) == len(seed_expected["quotes"])
    for gold in seed_expected["quotes"]:
        hits = [q for q in qs if _norm(gold["starts"]) in _norm(q.text)]
        assert len(hits) == 1, gold["starts"]
        q = hits[0]
        assert q.direct == gold["direct"]
        assert _norm(gold["cue"]) == _norm(q.cue or "")
        assert q.speaker is not None
    # quotes attributed by name resolve to that very person
    named = {"Казахстан является одним": "Токаев", "Со своей стороны": "Рахмон"}
    for starts, name in named.items():
        q = next(q for q in qs if q.text.startswith(starts))
        assert any(name in m.text for m in ents.get(q.speaker).mentions)


@pytest.mark.parametrize(
    "text",
    ["«««", '"""', "— — —", "Иван Петров: ", "«Текст без конца", "Об этом", ", заявил он,",
     "«Мы готовы», —", "Он сказал, что", "По его словам,", "заявил:", "«\n»", '"a" "b" "c'],
)
def test_odd_inputs_do_not_break_offsets(analyse, text):
    doc = analyse(text)
    for q in quotes.extract(doc, entities.extract(doc)):
        assert text[q.start:q.end] == q.text and q.text.strip()


def test_asian_names_are_subjects(results):
    for starts, surname in (
        ("стороны расширят", "ли мин"), ("Таджикистан готов", "назаров"), ("переговоры были", "абдуллоев")
    ):
        q = _find(results, "asian_names", starts)
        assert surname in _speaker_text(results["asian_names"][1], q)
        assert not q.direct


def test_resumed_quotation_keeps_the_speaker(results):
    first = _find(results, "resumed", "Мы видим")
    second = _find(results, "resumed", "Латвия для нас")
    ents = results["resumed"][1]
    assert "каспарас" in _speaker_text(ents, first) and "каспарас" in _speaker_text(ents, second)
    assert second.direct and "заявил" not in second.text


def test_description_country_selects_the_person(results):
    ents = results["desc_country"][1]
    assert "болуарте" in _speaker_text(ents, _find(results, "desc_country", "стороны откроют"))
    assert "борич" in _speaker_text(ents, _find(results, "desc_country", "Мы начинаем"))


def test_relational_head_is_not_the_genitive_name(results):
    q = _find(results, "relational_not_the_name", "переговоры идут")
    assert "лопес" not in _speaker_text(results["relational_not_the_name"][1], q)
