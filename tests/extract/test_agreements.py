"""Agreements extractor: type by the document noun, title, status, merging; sentences written for these tests."""

from __future__ import annotations

import pytest

from letopis.extractors import agreements, entities


@pytest.fixture(scope="module")
def run(analyse):
    cache: dict[str, list] = {}

    def _run(text: str, published: str | None = "2024-05-15"):
        if text not in cache:
            doc = analyse(text, published=published)
            cache[text] = agreements.extract(doc, entities.extract(doc))
        return cache[text]

    return _run


@pytest.mark.parametrize(
    ("text", "type_", "status", "title_start"),
    [
        ("Вчера министры иностранных дел Армении и Грузии подписали меморандум о сотрудничестве в области "
         "энергетики.", "memorandum", "signed", "меморандум о сотрудничестве"),
        ("Правительства Кении и Эфиопии утвердили дорожную карту по развитию транспортных коридоров.",
         "roadmap", "signed", "дорожную карту по развитию"),
        ("Подписанная сегодня в Минске Декларация о стратегическом партнерстве открывает новые возможности.",
         "declaration", "signed", "Декларация о стратегическом партнерстве"),
        ("Соглашение о свободной торговле между Вьетнамом и Египтом было подписано в Каире.",
         "agreement", "signed", "Соглашение о свободной торговле"),
        ("Парламент Сербии принял резолюцию о военном нейтралитете.", "other", "signed", "резолюцию"),
        ("Лидеры Чили и Перу приняли совместное заявление по итогам встречи.", "statement", "signed",
         "совместное заявление"),
        ("Контракт на поставку газа в Китай подписан сроком на 30 лет.", "contract", "signed",
         "Контракт на поставку газа"),
        ("Россия вышла из Договора о ракетах средней и меньшей дальности.", "treaty", "referenced",
         "Договора о ракетах средней и меньшей дальности"),
    ],
)
def test_signed_documents(run, text, type_, status, title_start):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, status)
    assert a.title.startswith(title_start)
    assert a.text == text and a.start == 0 and a.end == len(text)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("В ходе визита будет подписано соглашение о свободной торговле между Вьетнамом и Египтом.", "agreement"),
        ("Монголия и Китай намерены заключить договор о дружбе и сотрудничестве.", "treaty"),
        ("Министр сообщил, что Бразилия подпишет с Аргентиной протокол о намерениях.", "protocol"),
        ("Две страны до сих пор живут без мирного договора.", "treaty"),
        ("Территориальный спор не дает Японии и России заключить мирное соглашение.", "agreement"),
        ("Оппозиция просила правительство Молдавии принять программу строительства жилья.", "programme"),
    ],
)
def test_planned_documents(run, text, type_):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, "planned")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Стороны обсудили ход реализации Программы экономического сотрудничества Узбекистана и Кореи на "
         "2021-2025 годы.", "programme"),
        ("По договору между Россией и Китаем о нефтепроводе поставки продлятся двадцать лет.", "treaty"),
        ("Заем выдан в рамках программы по модернизации порта в Грузии.", "programme"),
        ("Суд оштрафовал банк за нарушение закона о рекламе.", "other"),
    ],
)
def test_referenced_documents(run, text, type_):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, "referenced")


def test_title_keeps_its_period(run):
    (a,) = run("Стороны обсудили ход реализации Программы экономического сотрудничества Узбекистана и "
               "Кореи на 2021-2025 годы.")
    assert a.title.endswith("на 2021-2025 годы")


def test_signing_of_a_named_project_without_document_noun(run):
    text = 'Во время визита будут обсуждаться подписание "Северного коридора" и другие вопросы.'
    (a,) = run(text)
    assert (a.type, a.status) == ("other", "planned")
    assert "Северного коридора" in a.title


def test_repeated_mentions_merge_with_the_strongest_status(run):
    text = ("Президенты Казахстана и Узбекистана подписали Декларацию о вечной дружбе. "
            "Декларация включает меры по развитию торговли. Документ отвечает интересам народов.")
    (a,) = run(text)
    assert (a.type, a.status) == ("declaration", "signed")
    assert a.title == "Декларацию о вечной дружбе"
    assert a.id == "A1"


def test_two_different_roadmaps_stay_apart(run):
    text = ("Министры проверили выполнение дорожной карты по росту торговли Чехии и Польши. "
            "Также подписана дорожная карта по развитию туризма между Чехией и Польшей.")
    got = run(text)
    assert [(a.type, a.status) for a in got] == [("roadmap", "referenced"), ("roadmap", "signed")]
    assert [a.id for a in got] == ["A1", "A2"]


def test_coordinated_documents_share_the_verb(run):
    text = ("Министры Индии и Японии подписали соглашение о безвизовом режиме и меморандум о "
            "взаимопонимании в сфере образования.")
    got = run(text)
    assert [(a.type, a.status) for a in got] == [("agreement", "signed"), ("memorandum", "signed")]


def test_documents_without_type_word_read_as_agreement(run):
    (a,) = run("Подписанные в среду документы о сотрудничестве между регионами помогут бизнесу.")
    assert (a.type, a.status) == ("agreement", "signed")


@pytest.mark.parametrize(
    "text",
    [
        "Президенты договорились расширить взаимную торговлю.",  # a verb, not "договор"
        "Согласно достигнутой договоренности, стороны продолжат диалог.",
        "Телеканал изменил программу передач на выходные.",
        "Компания выпустила новую программу для смартфонов.",
        "Закон всемирного тяготения открыл Ньютон.",
        "Контракты на сумму 2 миллиарда долларов были подписаны на форуме.",
        "Он рассказал о законах физики и о новых документах.",
        "Документ в полной мере отвечает интересам сторон.",
    ],
)
def test_negatives_yield_nothing(run, text):
    assert run(text) == []


def test_evidence_offsets_match_text(run):
    text = "Погода была хорошей. Затем Индия и Непал подписали соглашение о транзите грузов."
    (a,) = run(text)
    assert text[a.start : a.end] == a.text
    assert a.text.startswith("Затем Индия")


def test_parties_are_the_countries_of_the_sentence(run):
    (a,) = run("Армения и Грузия подписали меморандум о сотрудничестве в сфере туризма.")
    assert set(a.parties) == {"AM", "GE"}


def test_a_named_document_does_not_join_an_unrelated_one(run):
    text = ("Спор не дает Японии и России заключить мирное соглашение. "
            "При этом стороны подписали соглашение о рыболовстве.")
    got = run(text)
    assert [(a.type, a.status) for a in got] == [("agreement", "planned"), ("agreement", "signed")]


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "").split())


@pytest.mark.shared
def test_seed_agreements_match_the_reading(seed_extraction, seed_expected):
    got = seed_extraction.agreements
    for g in seed_expected["agreements"]:
        hit = [a for a in got if a.type == g["type"] and all(k in _norm(f"{a.title} {a.text}") for k in g["key"])]
        assert hit, g["key"]
        assert any(a.status == g["status"] for a in hit), (g["key"], [a.status for a in hit])
    assert len(got) == len(seed_expected["agreements"])


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("По итогам встречи делегации Киргизии и Таджикистана подписали протокол.", "protocol", "signed"),
        ("В ходе визита планируется подписать более 30 документов.", "other", "planned"),
        ("Евросоюз одобрил восьмой пакет санкций против Ирана.", "other", "signed"),
        ("Министры подписали план консультаций между министерствами на 2024-2025 годы.", "other", "signed"),
    ],
)
def test_generic_nouns_governed_by_a_concluding_verb(run, text, type_, status):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, status)


def test_a_status_word_belongs_to_the_nearer_document(run):
    text = ("Министры решили разработать протокол об изменении тарифов к Соглашению о "
            "свободной торговле между Турцией и Азербайджаном.")
    got = run(text)
    assert [(a.type, a.status) for a in got] == [("protocol", "planned"), ("agreement", "referenced")]


@pytest.mark.parametrize(
    "text",
    [
        "Надеемся, что этот документ будет подписан в Ереване.",
        "Имеются планы по открытию филиалов вузов Казахстана в Таджикистане.",
        "Венгрия в итоге поддержала пакет.",
    ],
)
def test_more_negatives(run, text):
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Как идет выполнение союзных программ?", "programme", "referenced"),
        ("Стороны обсудили реализацию межправительственных программ.", "programme", "referenced"),
        ("Лидеры решили утвердить в следующем году новые основные направления сотрудничества.", "other", "planned"),
    ],
)
def test_documents_named_by_an_interstate_adjective_or_a_genre(run, text, type_, status):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, status)


def test_the_next_package_of_a_named_kind_is_a_new_document(run):
    text = ("Евросоюз одобрил девятый пакет санкций против Сирии. "
            "Новый пакет затрагивает банки. В Брюсселе намерены подготовить 10-й пакет к зиме.")
    got = run(text)
    assert [(a.type, a.status) for a in got] == [("other", "signed"), ("other", "planned")]
    assert "10-й" in got[1].title


@pytest.mark.parametrize(
    "text",
    [
        "Компания выпустила новую программу для школ.",
        "Основные направления развития науки обсуждались на конференции.",
        "Он принес пакет документов в офис.",
    ],
)
def test_no_documents_here(run, text):
    assert run(text) == []


# --- round 3: past signings, lists of documents, compounds, repeats, more document words ---------


@pytest.mark.parametrize(
    "text",
    [
        "Напомним, соглашение о строительстве моста между Лаосом и Таиландом было подписано в марте.",
        "Напомню, Вьетнам и Камбоджа подписали меморандум о сотрудничестве в энергетике.",
        "Ранее Казахстан и Турция подписали меморандум о сотрудничестве в атомной энергетике.",
        "Участники вспомнили Договор о дружбе между Монголией и Китаем, подписанный в 1994 году.",
        "Меморандум о сотрудничестве Индии и Непала был подписан в феврале.",
        "В прошлом году Иран, Ирак и Турция подписали контракт о поставках газа через Ирак.",
    ],
)
def test_a_signing_dated_before_the_news_is_referenced(run, text):
    (a,) = run(text)  # published 2024-05-15
    assert a.status == "referenced"


@pytest.mark.parametrize(
    "text",
    [
        "Соглашение Кении и Уганды о строительстве дороги подписано 10 мая.",
        "Договор о дружбе между Вьетнамом и Лаосом подписан в Ханое в понедельник.",
        "Меморандум о сотрудничестве Индии и Непала был подписан в мае.",
    ],
)
def test_a_signing_dated_in_the_news_stays_signed(run, text):
    (a,) = run(text)
    assert a.status == "signed"


def test_an_older_document_does_not_date_the_new_one(run):
    got = run("Соглашение о транзите между Чили и Перу подписано в развитие договора 2001 года.")
    assert [(a.type, a.status) for a in got] == [("agreement", "signed"), ("treaty", "referenced")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("По итогам переговоров планируется подписать пакет документов, в том числе меморандум о "
         "туризме и Программу сотрудничества в области спорта на 2025–2027 годы.", "planned"),
        ("Стороны подписали пакет документов, включая соглашение о безвизовом режиме и протокол о "
         "консультациях.", "signed"),
        ("В ходе визита подписаны документы: соглашение о туризме и меморандум о спорте.", "signed"),
    ],
)
def test_the_listed_documents_take_the_verb_of_their_package(run, text, status):
    got = run(text)
    assert len(got) == 2  # the uncounted package itself is no document
    assert all(a.status == status for a in got)
    assert all("документ" not in a.title for a in got)


def test_a_counted_package_is_a_document_of_its_own(run):
    got = run("Стороны подписали 15 документов, в том числе соглашение о сотрудничестве в сфере образования.")
    assert [(a.type, a.status) for a in got] == [("other", "signed"), ("agreement", "signed")]


def test_a_series_after_a_quantity_word_shares_the_verb(run):
    got = run("Президенты подписали соглашение о свободной торговле, а также ряд документов о "
              "сотрудничестве в медицине.")
    assert [(a.type, a.status) for a in got] == [("agreement", "signed"), ("agreement", "signed")]


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Стороны подписали трехсторонний своп-контракт о поставках газа.", "contract", "signed"),
        ("Компания заключила контракт на 420 млн долларов на поставку турбин.", "contract", "signed"),
        ("Казахстан обязуется закупать часть энергии по долгосрочному контракту.", "contract", "planned"),
        ("Участники саммита приняли устав новой организации.", "other", "signed"),
        ("На встрече планируется подписать устав совместной компании.", "other", "planned"),
        ("Лидеры утвердили Стратегию развития энергетического сотрудничества до 2030 года.", "other", "signed"),
        ("Президент утвердил Концепцию внешней политики.", "other", "signed"),
        ("Страны разрабатывают соглашение о взаимном признании водительских удостоверений.", "agreement",
         "planned"),
    ],
)
def test_more_document_words(run, text, type_, status):
    (a,) = run(text)
    assert (a.type, a.status) == (type_, status)


@pytest.mark.parametrize(
    "text",
    [
        "Устав от долгих переговоров, министр уехал домой.",
        "Министр рассказал о стратегии Китая в Центральной Азии.",
        "Концепция выставки понравилась гостям.",
        "Компании подписали «Газпром» и CNPC.",
    ],
)
def test_document_words_need_their_context(run, text):
    assert run(text) == []


def test_a_bare_document_at_the_head_of_a_sentence_repeats_the_last_one(run):
    got = run("Министры Чили и Перу подписали соглашение о совместном строительстве порта. "
              "Документ подписали министры транспорта обеих стран.")
    assert [(a.type, a.status) for a in got] == [("agreement", "signed")]
    assert "порта" in got[0].title


def test_a_bare_document_later_in_a_sentence_is_a_new_one(run):
    got = run("Стороны обсудили выполнение Договора о дружбе 1994 года. Также был подписан протокол.")
    assert [(a.type, a.status) for a in got] == [("treaty", "referenced"), ("protocol", "signed")]


@pytest.mark.parametrize(
    ("text", "status", "title"),
    [
        ("Правительства Индии и Японии утвердили «Повестку-2030» по развитию связей.", "signed", "Повестку-2030"),
        ("Стороны планируют подписать «Ашхабадскую инициативу» в ходе визита.", "planned", "Ашхабадскую инициативу"),
    ],
)
def test_a_quoted_title_after_a_concluding_verb(run, text, status, title):
    (a,) = run(text)
    assert (a.type, a.status) == ("other", status)
    assert title in a.title


def test_a_title_keeps_both_countries_of_between(run):
    (a,) = run("Соглашение о свободной торговле между Египтом и Кенией вступило в силу.")
    assert a.title.endswith("между Египтом и Кенией")
    assert a.status == "referenced"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Россия приняла решение о выходе из договора с Эстонией о границе.", "referenced"),
        ("Студенты Вьетнама приняли участие в программе обмена с Японией.", "referenced"),
        ("Парламент Сербии проголосовал за резолюцию о нейтралитете.", "signed"),
        ("Армения и Иран присоединились к подписанному соглашению о транзите.", "signed"),
    ],
)
def test_a_verb_before_a_preposition_concludes_its_own_object(run, text, status):
    (a,) = run(text)
    assert a.status == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Стороны достигли соглашения о прекращении огня.", "signed"),
        ("Армения и Азербайджан стремятся достичь соглашения о мире.", "planned"),
        ("Стороны обменялись меморандумами о сотрудничестве в области здравоохранения.", "signed"),
        ("Стороны достигли прогресса в переговорах о мирном соглашении.", "planned"),
        ("Переговоры о соглашении о свободной торговле между Египтом и Индией зашли в тупик.", "planned"),
        ("Подписание соглашения о создании банка между Чили и Перу перенесено на следующий год.", "planned"),
        ("Киргизия и Таджикистан завершили согласование текста договора о государственной границе.", "planned"),
    ],
)
def test_more_status_words(run, text, status):
    (a,) = run(text)
    assert a.status == status


@pytest.mark.parametrize(
    "text",
    [
        "Премьер-министр Индии принял «Орден Дружбы» из рук президента России.",
        "Министры обменялись мнениями о развитии торговли.",
        "Стороны достигли договоренности о продлении перемирия.",
    ],
)
def test_concluding_verbs_without_a_document(run, text):
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Соглашение, о котором Чили и Перу договорились в марте, подписано сегодня в Лиме.", "signed"),
        ("Договор, который Вьетнам и Лаос обсуждали целых два года, будет подписан в июне.", "planned"),
    ],
)
def test_the_verb_after_a_relative_clause_decides(run, text, status):
    (a,) = run(text)
    assert a.status == status
