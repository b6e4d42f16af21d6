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


# ---- speakers named by a description, a pronoun or a citing verb (round 3) --------------------

TEXTS3: dict[str, str] = {
    # a bare "дипломат" right after a diplomat's quote is that diplomat
    "anaphor_diplomat": (
        "Официальный представитель МИД Чехии Ирена Новакова заявила, что Прага сожалеет о "
        "случившемся. «Мы открыты к диалогу, но не к ультиматумам», — подчеркнула дипломат."
    ),
    "anaphor_country_adj": (
        "Глава МИД Грузии Давид Зурабишвили встретился с госсекретарем США Робертом Холлом. "
        "Госсекретарь заявил, что Вашингтон поддерживает переговоры. «Мы будем помогать сторонам», — "
        "добавил американский дипломат."
    ),
    "anaphor_expert": (
        "Политолог Игорь Лисицын считает, что отношения стран улучшатся. «Стороны заинтересованы в "
        "торговле», — отметил эксперт."
    ),
    # a president is no "эксперт", and a modified "один дипломат" is somebody else
    "anaphor_neg_expert": (
        "Президент Эстонии Томас Сепп заявил, что граница останется открытой. «Рисков для торговли "
        "нет», — отметил эксперт."
    ),
    "anaphor_neg_modified": (
        "Министр иностранных дел Перу Хуан Рамос заявил, что визит состоится. «Визит могут "
        "перенести», — сказал один дипломат."
    ),
    "anaphor_same_body": (
        "Официальный представитель МИД Чехии Ирена Новакова заявила, что Прага готова к диалогу. "
        "«Мы ждем ответа», — сказала представитель МИД."
    ),
    "anaphor_neg_other_body": (
        "Официальный представитель МИД Чехии Ирена Новакова заявила, что Прага готова к диалогу. "
        "«Мы ждем ответа», — сказал представитель Минобороны."
    ),
    # several persons hold the office: the protagonist, the one just quoted, or the one named
    "holders_protagonist": (
        "Министр иностранных дел Монголии Батбаяр Цэрэн провел в Сеуле переговоры с министром "
        "иностранных дел Кореи Пак Мин Хо.\n"
        "По словам министра, отношения двух стран находятся на высоком уровне."
    ),
    "holders_joint": (
        "Президент Чили Габриэль Ортис и Президент Уругвая Мартин Соса выступили с заявлениями для "
        "прессы.\n«Мы подписали договор о стратегическом партнерстве», — заявил глава государства."
    ),
    "holders_continuity": (
        "Президент Чили Габриэль Ортис принял в Сантьяго президента Уругвая Мартина Сосу.\n"
        "«Мы рады этому визиту», — сказал Мартин Соса. «Мы подпишем несколько соглашений», — "
        "добавил президент."
    ),
    # a citing verb takes its speaker from the object, not from the medium
    "cite_accusative": (
        "«Россия открыта для переговоров по безопасности», — цитирует агентство Интерфакс "
        "Сергея Рябкова."
    ),
    "cite_words": (
        "«Мы рассчитываем на скорейшее решение вопроса», — приводит пресс-служба слова министра "
        "иностранных дел Армении Арарата Мирзояна."
    ),
    "neg_media_only": "«Рынок газа будет расти и дальше», — передает агентство Рейтер.",
    # the speech verb further on in the attribution
    "attr_so_words": (
        "«Это большой успех нашей дипломатии», — такими словами президент Киргизии Садыр Жапаров "
        "прокомментировал подписание договора о границе."
    ),
    "attr_late_verb": (
        "«Переговоры были трудными, но полезными», — в интервью газете «Известия» заявил министр "
        "иностранных дел Таджикистана Сироджиддин Мухриддин."
    ),
    # a named subject before a colon introduces a quotation without a speech verb
    "colon_subject": "Министр обороны Литвы Ласе Анушаускас был категоричен: «Никаких уступок не будет».",
    "neg_colon_title": (
        "Президент Молдавии Майя Санду подписала указ: «О мерах по развитию сотрудничества»."
    ),
    "neg_colon_inanimate": "Позиция Вильнюса такова: «Никаких переговоров под давлением».",
    # a subject pronoun continues the subject, not the object, of the sentence before
    "pron_subject": (
        "Министр иностранных дел Китая Ли Вэй встретился с Сергеем Лавровым в Пекине. «Отношения "
        "наших стран на подъеме», — сказал он."
    ),
    "pron_subject_she": (
        "Премьер-министр Литвы Ингрида Шимоните приняла министра финансов Латвии Арвилса Ашераденса. "
        "Она заявила, что страны объединят энергосистемы."
    ),
    # surnames that do not decline, read by pymorphy as oblique plurals
    "indeclinable_surnames": (
        "— Мы готовы обсуждать все вопросы, — сказал Арман Саркисян на пресс-конференции.\n"
        "— Граница должна быть открыта, — заявил Гиорги Капанадзе.\n"
        "— Транзит будет расширен, — сказал Зураб Гогишвили.\n"
    ),
    "interview_quoted_answer": "Токаев: «Казахстан не будет участвовать в обходе санкций».",
    # more verbs and nouns of reported speech
    "cue_ne_iskl": "Министр финансов Чили Диего Пардо не исключил, что соглашение подпишут в мае.",
    "cue_dopustil": "Посол Бразилии Карлос Мело допустил, что визит может быть перенесен.",
    "cue_vnimanie": "Глава МИД Перу Хуан Рамос обратил внимание на то, что торговля растет.",
    "cue_inform": "Министр Андрес Вальдес проинформировал коллегу о том, что переговоры продолжатся.",
    "cue_rasschit": "Премьер-министр Эквадора Луис Пена рассчитывает, что соглашение подпишут в мае.",
    "neg_open_question": "Остаётся открытым вопрос, согласится ли министр Диего Пардо на уступки.",
    # an unnamed description inside X's quotation is somebody else, and its report ends with the quote
    "nested_desc": (
        "Министр Анна Ивлева выступила в парламенте. «Вчера адвокат сообщила мне, что встреча "
        "разрешена», — рассказала Анна Ивлева."
    ),
    # a compound title ("спецпредставитель") finds the holder of "специальный представитель", not
    # the speaker just quoted
    "compound_role": (
        "Министр иностранных дел Монголии Батбаяр Цэрэн встретился в Улан-Баторе со специальным "
        "представителем Евросоюза Анной Виртанен. Министр заявил, что Монголия ценит помощь ЕС. "
        "По мнению спецпредставителя, потенциал сотрудничества далеко не исчерпан."
    ),
    # a stative attribution after the quotation
    "stative_after": (
        "«Отношения с Пекином выходят на новый уровень», — уверен министр иностранных дел Монголии "
        "Батбаяр Цэрэн."
    ),
    "neg_stative_body": "«Переговоры зашли в тупик», — уверены в Кремле.",
    # the attribution in the next sentence
    "next_so": (
        "«Это исторический день для наших народов». Так президент Монголии Ухнаа Батсайхан "
        "прокомментировал подписание договора."
    ),
    "next_such_statement": (
        "Чили готова поставлять медь в Китай в больших объемах. Такое заявление сделал министр "
        "горнорудной промышленности Чили Диего Пардо."
    ),
    "next_with_statement": (
        "Чили готова поставлять медь в Китай. С таким заявлением выступил министр Диего Пардо."
    ),
    "neg_so_comma": "Переговоры прошли успешно. Так, министр Диего Пардо посетил новый завод.",
    "neg_statement_by_body": "Чили готова поставлять медь. Такое заявление сделал МИД Чили.",
    # a coordinated speech verb opens a second report with the same speaker
    "coordinated": (
        "Министр энергетики Чили Диего Пардо отметил, что поставки меди выросли, и подчеркнул, что "
        "контракт будет продлен."
    ),
    "trailing_media": (
        "Министр энергетики Чили Диего Пардо заявил, что переговоры продолжатся, сообщает агентство Рейтер."
    ),
    "parenthetical_inside": "Новый порт, подчеркнул министр транспорта Чили Диего Пардо, будет открыт в мае.",
    # a gerund's что-clause shares the subject that follows the finite verb
    "gerund_inverted": (
        "«Мы заинтересованы в поставках удобрений», — отметил Алексей Соболев, добавив, что "
        "российская сторона готова к переговорам."
    ),
}


@pytest.fixture(scope="module")
def results3(analyse) -> dict[str, tuple[str, entities.EntityIndex, list[Quote]]]:
    out = {}
    for key, text in TEXTS3.items():
        doc = analyse(text)
        ents = entities.extract(doc)
        out[key] = (text, ents, quotes.extract(doc, ents))
    return out


@pytest.mark.parametrize(
    ("key", "starts", "surname"),
    [
        ("anaphor_diplomat", "Мы открыты к диалогу", "новакова"),
        ("anaphor_country_adj", "Мы будем помогать", "холл"),
        ("anaphor_expert", "Стороны заинтересованы", "лисицын"),
        ("anaphor_same_body", "Мы ждем ответа", "новакова"),
        ("holders_protagonist", "отношения двух стран", "цэрэн"),
        ("holders_joint", "Мы подписали договор", "ортис"),
        ("holders_continuity", "Мы подпишем несколько", "соса"),
        ("cite_accusative", "Россия открыта для переговоров", "рябков"),
        ("cite_words", "Мы рассчитываем на скорейшее", "мирзоян"),
        ("attr_so_words", "Это большой успех", "жапаров"),
        ("attr_late_verb", "Переговоры были трудными", "мухриддин"),
        ("colon_subject", "Никаких уступок не будет", "анушаускас"),
        ("pron_subject", "Отношения наших стран", "ли"),
        ("pron_subject_she", "страны объединят", "шимоните"),
        ("indeclinable_surnames", "Мы готовы обсуждать", "саркисян"),
        ("indeclinable_surnames", "Граница должна быть", "капанадзе"),
        ("indeclinable_surnames", "Транзит будет расширен", "гогишвили"),
        ("gerund_inverted", "российская сторона готова", "соболев"),
        ("compound_role", "потенциал сотрудничества", "виртанен"),
        ("stative_after", "Отношения с Пекином", "цэрэн"),
    ],
)
def test_speaker_by_description_pronoun_or_citation(results3, key, starts, surname):
    q = _find(results3, key, starts)
    assert surname in _speaker_text(results3[key][1], q), (key, q.speaker)


@pytest.mark.parametrize(
    ("key", "starts", "wrong"),
    [
        ("anaphor_neg_expert", "Рисков для торговли", "сепп"),
        ("anaphor_neg_modified", "Визит могут", "рамос"),
        ("holders_protagonist", "отношения двух стран", "пак"),
        ("pron_subject", "Отношения наших стран", "лавров"),
    ],
)
def test_speaker_is_not_the_wrong_person(results3, key, starts, wrong):
    q = _find(results3, key, starts)
    assert wrong not in _speaker_text(results3[key][1], q)


@pytest.mark.parametrize(
    ("key", "starts"),
    [("anaphor_neg_expert", "Рисков для торговли"), ("anaphor_neg_other_body", "Мы ждем ответа")],
)
def test_unrelated_description_stays_unnamed(results3, key, starts):
    assert _find(results3, key, starts).speaker is None


@pytest.mark.parametrize("key", ["neg_media_only", "neg_colon_title", "neg_colon_inanimate"])
def test_no_quote_round3(results3, key):
    assert results3[key][2] == [], [q.text for q in results3[key][2]]


def test_cues_of_citation_colon_and_late_verb(results3):
    assert _find(results3, "cite_accusative", "Россия открыта").cue == "цитирует"
    assert _find(results3, "colon_subject", "Никаких уступок").cue == ":"
    assert _find(results3, "attr_so_words", "Это большой успех").cue == "прокомментировал"


def test_interview_line_with_a_quotation_is_one_quote(results3):
    qs = results3["interview_quoted_answer"][2]
    assert len(qs) == 1 and qs[0].text.startswith("Казахстан") and qs[0].cue == ":"


def test_coordinated_reports_are_two_quotes(results3):
    first = _find(results3, "coordinated", "поставки меди выросли")
    second = _find(results3, "coordinated", "контракт будет продлен")
    assert first is not second and "подчеркнул" not in first.text
    assert "пардо" in _speaker_text(results3["coordinated"][1], second)


def test_clause_ends_before_a_trailing_attribution_but_keeps_a_parenthetical_one(results3):
    assert "сообщает" not in _find(results3, "trailing_media", "переговоры продолжатся").text
    q = _find(results3, "parenthetical_inside", "Новый порт")
    assert "будет открыт в мае" in q.text


@pytest.mark.parametrize(
    ("key", "starts", "surname", "cue"),
    [
        ("cue_ne_iskl", "соглашение подпишут", "пардо", "не исключил"),
        ("cue_dopustil", "визит может быть", "мело", "допустил"),
        ("cue_vnimanie", "торговля растет", "рамос", "обратил внимание"),
        ("cue_inform", "переговоры продолжатся", "вальдес", "проинформировал"),
        ("cue_rasschit", "соглашение подпишут", "пена", "рассчитывает"),
    ],
)
def test_more_reported_speech_cues(results3, key, starts, surname, cue):
    q = _find(results3, key, starts)
    assert not q.direct and q.cue == cue
    assert surname in _speaker_text(results3[key][1], q)


def test_an_open_question_is_no_quote(results3):
    assert results3["neg_open_question"][2] == []


def test_a_report_inside_a_quotation_is_not_the_quoted_speaker(results3):
    inner = [q for q in results3["nested_desc"][2] if q.text.startswith("встреча разрешена")]
    assert len(inner) == 1 and inner[0].text == "встреча разрешена" and inner[0].speaker is None
    outer = _find(results3, "nested_desc", "Вчера адвокат")
    assert "ивлева" in _speaker_text(results3["nested_desc"][1], outer)


@pytest.mark.parametrize(
    ("key", "starts", "surname", "direct"),
    [
        ("next_so", "Это исторический день", "батсайхан", True),
        ("next_such_statement", "Чили готова поставлять медь", "пардо", False),
        ("next_with_statement", "Чили готова поставлять медь", "пардо", False),
    ],
)
def test_attribution_in_the_next_sentence(results3, key, starts, surname, direct):
    q = _find(results3, key, starts)
    assert q.direct is direct
    assert surname in _speaker_text(results3[key][1], q)


@pytest.mark.parametrize("key", ["neg_so_comma", "neg_statement_by_body", "neg_stative_body"])
def test_no_attribution_in_the_next_sentence(results3, key):
    assert results3[key][2] == [], [q.text for q in results3[key][2]]
