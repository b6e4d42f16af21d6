"""Events extractor: triggers, status, place, participants, merging; sentences written for these tests."""

from __future__ import annotations

import pytest

from letopis.extractors import entities, events


@pytest.fixture(scope="module")
def run(analyse):
    cache: dict[str, tuple] = {}

    def _run(text: str, published: str | None = "2024-05-15"):
        if text not in cache:
            doc = analyse(text, published=published)
            ents = entities.extract(doc)
            cache[text] = (events.extract(doc, ents), ents)
        return cache[text]

    return _run


def _kinds(evs) -> list[tuple[str, str]]:
    return [(e.type, e.status) for e in evs]


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Президент Франции Эмманюэль Макрон посетил Пекин с официальным визитом.", "visit", "held"),
        ("Министр обороны Египта прибыл в Амман.", "visit", "held"),
        ("Переговоры министров иностранных дел Бразилии и Индии состоялись во вторник.", "talks", "held"),
        ("Вчера в Баку завершился азербайджано-турецкий бизнес-форум.", "forum", "held"),
        ("Заседание межправительственной комиссии прошло в дружественной атмосфере.", "meeting", "held"),
        ("Президенты Кипра и Греции провели телефонный разговор.", "call", "held"),
        ("Тысячи человек собрались на митинг в Белграде.", "other", "held"),
        ("Владимир Путин и Касым-Жомарт Токаев обсудили по телефону вопросы энергетики.", "call", "held"),
        ("Президент Казахстана открыл новый завод в Караганде.", "other", "held"),
        ("В Париже открылась выставка российских художников.", "cultural", "held"),
    ],
)
def test_held_events(run, text, type_, status):
    evs, _ = run(text)
    assert _kinds(evs) == [(type_, status)]
    assert evs[0].text == text and evs[0].id == "V1"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("В следующем месяце в Анкаре пройдет саммит тюркских государств.", "summit"),
        ("Достигнута договоренность провести Дни культуры Армении в Иране.", "cultural"),
        ("Глава МИД Австрии пригласил коллегу посетить Вену с визитом.", "visit"),
        ("Глава МИД Кении должен прибыть в Берлин в четверг.", "visit"),
        ("Сегодня министры энергетики Алжира и Италии встречаются для обсуждения поставок газа.", "meeting"),
        ("Премьер подтвердил участие в предстоящем в Баку саммите.", "summit"),
        ("Встреча Путина и Байдена состоится в Женеве.", "meeting"),
        ("Президенты выразили готовность провести переговоры.", "talks"),
    ],
)
def test_planned_events(run, text, type_):
    evs, _ = run(text)
    assert _kinds(evs) == [(type_, "planned")]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Премьер-министр Италии отменил визит в Токио.", "visit"),
        ("Министр Чили сообщил, что не полетит в Мадрид.", "visit"),
        ("Оппозиция отказывается от возобновления переговоров с правительством.", "talks"),
        ("Саммит был отменен из-за пандемии.", "summit"),
    ],
)
def test_cancelled_events(run, text, type_):
    evs, _ = run(text)
    assert _kinds(evs) == [(type_, "cancelled")]


def test_refusing_to_attend_does_not_cancel_the_summit(run):
    evs, _ = run("Премьер-министр Канады отказался от участия в климатическом саммите в Париже.")
    assert _kinds(evs) == [("summit", "planned")]


def test_location_and_participants(run):
    evs, ents = run("Президент Франции Эмманюэль Макрон посетил Пекин с официальным визитом.")
    (v,) = evs
    place = ents.get(v.location)
    assert place is not None and place.name.startswith("Пекин")
    names = [ents.get(p).name for p in v.participants]
    assert any("Макрон" in n for n in names)


def test_location_in_the_predicate(run):
    evs, ents = run("Переговоры пройдут в Женеве в марте.")
    (v,) = evs
    assert (v.type, v.status) == ("talks", "planned")
    assert ents.get(v.location).name.startswith("Женев")


def test_coordinated_subjects_are_participants(run):
    evs, ents = run("Эммануэль Макрон и Олаф Шольц провели встречу в Берлине.")
    (v,) = evs
    names = " ".join(ents.get(p).name for p in v.participants)
    assert "Макрон" in names and "Шольц" in names


def test_participants_from_the_event_phrase(run):
    evs, ents = run("Состоялась встреча между Ангелой Меркель и Франсуа Олландом.")
    (v,) = evs
    names = " ".join(ents.get(p).name for p in v.participants)
    assert "Меркель" in names and "Олланд" in names


def test_repeated_mentions_merge(run):
    text = ("Визит президента Монголии в Сеул начался в понедельник. "
            "В рамках визита стороны провели переговоры. "
            "Переговоры прошли в конструктивной атмосфере. Визит завершится во вторник.")
    evs, _ = run(text)
    assert sorted(_kinds(evs)) == [("talks", "held"), ("visit", "held")]
    assert [e.id for e in evs] == ["V1", "V2"]


def test_held_and_planned_visits_stay_apart(run):
    text = ("Министр обороны России Сергей Шойгу посетил Курилы в пятницу. "
            "Через неделю запланирован визит министра иностранных дел Японии Таро Коно в Москву.")
    evs, _ = run(text)
    assert _kinds(evs) == [("visit", "held"), ("visit", "planned")]


def test_noun_next_to_visiting_verb_is_one_event(run):
    evs, _ = run("Премьер принял приглашение и посетил Ташкент с официальным визитом.")
    assert _kinds(evs) == [("visit", "held")]
    assert "визит" in evs[0].name


def test_bare_forum_refers_back_to_the_summit(run):
    text = "В ядерном саммите в Вашингтоне примут участие главы 40 стран. Всем участникам форума обещаны встречи."
    evs, _ = run(text)
    assert [e.type for e in evs].count("summit") == 1
    assert "forum" not in [e.type for e in evs]


@pytest.mark.parametrize(
    "text",
    [
        "Глава МИД ответил на вопросы на встрече с журналистами.",
        "Стороны договорились продолжить работу в формате регулярных встреч глав государств.",
        "Компания выпустила новую программу для смартфонов.",
        "Поезд прибыл на станцию с опозданием.",
        "Совместная пресс-конференция прошла в Москве.",
        "Договор о поездках граждан касается всех туристов.",
        "Варианты маршрута обсуждаются в агентстве уже месяц.",
        "Закон всемирного тяготения открыл Ньютон.",
        "В прошлом году Россия увеличила экспорт зерна.",
        "Депутаты обсудили законопроект о бюджете.",
    ],
)
def test_negatives_yield_nothing(run, text):
    evs, _ = run(text)
    assert evs == []


def test_evidence_offsets_match_text(run):
    text = "Погода была хорошей. Затем премьер Индии посетил Катманду."
    evs, _ = run(text)
    (v,) = evs
    assert text[v.start : v.end] == v.text == "Затем премьер Индии посетил Катманду."


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("ё", "е").replace("«", "").replace("»", "").replace('"', "").split())


@pytest.mark.shared
def test_seed_events_match_the_reading(seed_extraction, seed_expected):
    got = seed_extraction.events
    for g in seed_expected["events"]:
        hit = [v for v in got if v.type == g["type"] and all(k in _norm(f"{v.name} {v.text}") for k in g["key"])]
        assert hit, g["key"]
        assert any(v.status == g["status"] for v in hit), (g["key"], [v.status for v in hit])
    assert len(got) == len(seed_expected["events"])
    summit = next(v for v in got if v.type == "summit")
    assert seed_extraction.entity(summit.location).name.startswith("Душанбе")


def test_unnamed_subject_resolved_by_role(run):
    text = "Президент Франции Эмманюэль Макрон выступил в парламенте. Вечером президент Франции прибыл в Мадрид."
    evs, ents = run(text)
    (v,) = evs
    assert (v.type, v.status) == ("visit", "held")
    assert any("Макрон" in ents.get(p).name for p in v.participants)


def test_different_people_keep_their_visits_apart(run):
    text = ("Премьер Греции осудил визит на остров президента Турции Реджепа Эрдогана. "
            "Министр иностранных дел Греции Никос Дендиас посетит Анкару на этой неделе. "
            "Его визит продлится два дня.")
    evs, _ = run(text)
    assert [v.type for v in evs] == ["visit", "visit"]
    assert [v.status for v in evs] == ["held", "planned"]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Новый раунд переговоров пройдет в Бишкеке весной.", [("talks", "planned")]),
        ("Намеченная на май встреча экспертов в Оше была отменена.", [("meeting", "cancelled")]),
        ("Во время переговоров премьеров планируется заключить соглашения.", [("talks", "planned")]),
        ("Президенты Индии и Египта провели телефонный разговор. В разговоре затрагивалась тема энергетики.",
         [("call", "held")]),
        ("Раунд финансирования стартапа завершился.", []),
    ],
)
def test_rounds_cancellations_and_calls(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Вечером египетского министра принял президент Алжира.", [("meeting", "held")]),
        ("Премьер-министр Чехии принял посла Японии в своей резиденции.", [("meeting", "held")]),
        ("Президент Бразилии принял решение о новых пошлинах.", []),
        ("Министр принял участие в конференции по климату.", []),
        ("Премьер принял приглашение коллеги.", []),
    ],
)
def test_a_reception_is_a_meeting(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Соглашение будет подписано на Высшем госсовете в декабре.", [("meeting", "planned")]),
        ("Резолюцию поддержали на Совете безопасности ООН в пятницу.", [("meeting", "held")]),
        ("Госсовет утвердил новый бюджет.", []),
        ("Совет директоров компании сменил руководство.", []),
    ],
)
def test_a_council_is_a_meeting_only_as_its_session(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Глава МИД Перу предложил провести первый раунд такого диалога осенью.", [("talks", "planned")]),
        ("Министры Чили и Перу провели переговоры в Лиме.", [("talks", "held")]),
        ("Стороны договорились организовать встречу экспертов в марте.", [("meeting", "planned")]),
    ],
)
def test_a_verb_holding_the_event_decides_its_status(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


def test_within_a_visit_means_the_visit_took_place(run):
    text = ("Президент Вьетнама посетит Сеул с государственным визитом в будущем году. "
            "Кроме того, в рамках визита министра подписан меморандум о туризме.")
    evs, _ = run(text)
    assert sorted(_kinds(evs)) == [("visit", "held"), ("visit", "planned")]


def test_a_bare_meeting_after_talks_is_the_same_event(run):
    text = ("В Оше завершился раунд переговоров делегаций Узбекистана и Киргизии. "
            "По итогам встречи стороны подписали протокол.")
    evs, _ = run(text)
    assert _kinds(evs) == [("talks", "held")]


@pytest.mark.parametrize(
    "text",
    [
        "Депутат провел встречу с избирателями в районном центре.",
        "Министр образования провел встречу со студентами университета.",
        "Губернатор обсудил планы на встрече с жителями города.",
    ],
)
def test_meetings_with_the_public_are_not_events(run, text):
    evs, _ = run(text)
    assert evs == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Утром уборка, затем встреча, потом обед.", []),
        ("Он закончил беседу шуткой.", []),
        ("Кроме того, в рамках визита подписаны контракты.", [("visit", "held")]),
        ("Беседа министров Ирана и Ирака прошла в Багдаде.", [("meeting", "held")]),
    ],
)
def test_a_bare_noun_needs_a_party_or_a_presupposing_cue(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds
