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


# --- visit programmes, series, summons, hopes, dates (round 3) ----------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Премьер-министр Грузии 3 июня посетит Вену с официальным визитом. В программе визита — "
         "переговоры с федеральным канцлером Австрии Карлом Нехаммером и встреча с президентом "
         "Александром ван дер Белленом.",
         [("visit", "planned"), ("talks", "planned"), ("meeting", "planned")]),
        ("Президент Монголии на прошлой неделе посетил Сеул с государственным визитом. "
         "В ходе визита прошли переговоры в узком и расширенном составах с президентом Кореи.",
         [("visit", "held"), ("talks", "held")]),
        ("Король Иордании прибудет в Рим с визитом. Во время визита предусмотрена встреча "
         "с премьер-министром Италии Джорджей Мелони.",
         [("visit", "planned"), ("meeting", "planned")]),
    ],
)
def test_events_of_a_visit_programme_take_its_status(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


def test_a_programme_event_that_names_a_plan_keeps_the_hosted_evidence(run):
    text = ("Президент Эквадора посетит Мадрид с визитом. В программе визита — переговоры с "
            "председателем правительства Испании Педро Санчесом. По итогам переговоров планируется "
            "подписать меморандум.")
    evs, _ = run(text)
    talks = [e for e in evs if e.type == "talks"]
    assert [(e.status) for e in talks] == ["planned"]
    assert "Санчес" in talks[0].text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Первое заседание Совета сотрудничества прошло в Ереване. Второе заседание Совета "
         "сотрудничества министры проведут в Тбилиси.", [("meeting", "held"), ("meeting", "planned")]),
        ("Министры энергетики Омана и Катара провели встречу в Маскате. Следующая встреча министров "
         "пройдет в Дохе.", [("meeting", "held"), ("meeting", "planned")]),
        ("В прошлом году Эрдоган посетил Ташкент с государственным визитом, а в будущем году президент "
         "Узбекистана совершит ответный визит в Турцию.", [("visit", "held"), ("visit", "planned")]),
        ("Канцлер Австрии посетил Белград в марте. Президент Сербии пригласил канцлера вновь посетить "
         "Сербию.", [("visit", "held"), ("visit", "planned")]),
    ],
)
def test_another_of_a_series_is_another_event(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


def test_again_after_an_announcement_is_the_same_event(run):
    text = ("Министры культуры Чехии и Словакии встретятся в Брно в субботу. "
            "Министры Петр Гражо и Мартина Шимковичова снова встретятся на одной площадке.")
    evs, _ = run(text)
    assert _kinds(evs) == [("meeting", "planned")]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Министерство иностранных дел Польши вызвало посла Беларуси.", [("meeting", "held")]),
        ("МИД Литвы вызвал временного поверенного в делах Китая.", [("meeting", "held")]),
        ("Германия вызвала в министерство посла Ирана для объяснений.", [("meeting", "held")]),
        ("Решение министра вызвало протест посла.", []),
        ("Новая пошлина вызвала недовольство дипломатов.", []),
    ],
)
def test_a_summoned_envoy_is_a_meeting(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Глава МИД Японии выразил надежду на скорую встречу с китайским коллегой.", [("meeting", "planned")]),
        ("«Ждем вас в Астане на следующем саммите», — сказал президент Казахстана.", [("summit", "planned")]),
        ("В ходе телефонного разговора президенты Чехии и Польши договорились о встрече в ближайшее время.",
         [("call", "held"), ("meeting", "planned")]),
        ("Министры Перу и Чили условились встретиться в Сантьяго.", [("meeting", "planned")]),
        ("Лидеры Перу и Чили условились встречаться регулярно.", []),
        ("В ходе встречи министры Перу и Чили договорились о совместных учениях.", [("meeting", "held")]),
    ],
)
def test_hopes_and_agreements_to_meet_look_ahead(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Заседание совместной комиссии перенесено на неопределенный срок.", [("meeting", "cancelled")]),
        ("Визит премьера Бельгии в Конго отложен на неопределённый срок.", [("visit", "cancelled")]),
        ("Визит премьера Бельгии в Конго отложен на осень.", [("visit", "planned")]),
        ("Министр транспорта Молдовы должен был провести заседание комиссии в Бухаресте. "
         "Заседание отменено.", [("meeting", "cancelled")]),
    ],
)
def test_postponed_indefinitely_is_cancelled(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds", "date"),
    [
        ("Стороны обсудили договоренности, достигнутые в ходе визита премьера Японии в Манилу "
         "в сентябре прошлого года.", [("visit", "held")], "2023-09"),
        ("Эксперты готовят заседание комиссии в первом квартале 2025 года.", [("meeting", "planned")], "2025"),
        ("Саммит ОДКБ состоится 28 ноября в Минске.", [("summit", "planned")], "2024-11-28"),
        ("В сентябре президент Египта посетил Рим с визитом.", [("visit", "held")], "2023-09"),
    ],
)
def test_a_dated_event_is_read_against_the_publication(run, text, kinds, date):
    evs, _ = run(text)
    assert _kinds(evs) == kinds
    assert evs[0].date == date


def test_without_publication_a_year_says_nothing(run):
    evs, _ = run("Эксперты готовят заседание комиссии в 2025 году.", published=None)
    assert _kinds(evs) == [("meeting", "planned")]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("В Астане прошел саммит ОДКБ. На заседании Совета глав государств председательствовал "
         "президент Казахстана. Главным итогом встречи стало принятие декларации.", [("summit", "held")]),
        ("Очередное заседание Совета глав правительств СНГ прошло в Ашхабаде.", [("summit", "held")]),
        ("На полях саммита Путин провел переговоры с Си Цзиньпином. После саммита Касым-Жомарт Токаев "
         "и Си Цзиньпин провели переговоры в Астане.", [("summit", "held"), ("talks", "held"), ("talks", "held")]),
    ],
)
def test_summit_sessions_and_side_talks(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Церемония официальной встречи президента Вьетнама прошла в Ханое.", []),
        ("Президент Казахстана выступил на церемонии открытия саммита СВМДА в Астане.", [("summit", "held")]),
        ("Затем в расширенном формате переговоры министров Ирана и Омана продолжились.", [("talks", "held")]),
        ("Президент Казахстана прибыл в Ташкент. Затем глава государства посетил Национальный музей.",
         [("visit", "held")]),
        ("Премьер Японии заявил, что будет настойчиво вести переговоры о возвращении островов.", []),
    ],
)
def test_programme_items_formats_and_stances(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Посол Бразилии был вызван в МИД Аргентины.", [("meeting", "held")]),
        ("Временный поверенный в делах Дании вызван в министерство иностранных дел Ирана.", [("meeting", "held")]),
        ("Вызванному в МИД Чехии послу Венгрии вручили ноту.", [("meeting", "held")]),
    ],
)
def test_a_summoned_envoy_in_the_passive(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Президенты Бразилии и Чили провели телефонные переговоры.", [("call", "held")]),
        ("Премьер Словакии провел переговоры по телефону с премьером Чехии.", [("call", "held")]),
        ("Президент Кении по телефону обсудил с президентом Уганды подготовку к саммиту.",
         [("call", "held"), ("summit", "planned")]),
        ("Министры иностранных дел Португалии и Испании провели телефонную беседу. В ходе беседы "
         "обсуждались вопросы предстоящего визита короля Испании в Лиссабон.",
         [("call", "held"), ("visit", "planned")]),
        ("На переговорах в Каире будут обсуждаться поставки зерна.", [("talks", "planned")]),
    ],
)
def test_phone_contacts_and_their_content(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


def test_what_a_call_dealt_with_takes_no_place_of_its_own(run):
    evs, _ = run("Президенты Ганы и Того провели телефонный разговор. Обсуждались также вопросы "
                 "безопасности в Аккре.")
    (v,) = evs
    assert v.type == "call" and v.location is None


def test_meetings_with_different_numbers_of_sides_stay_apart(run):
    text = ("На полях саммита премьер-министр Индии провел двусторонние встречи с лидерами Вьетнама и Лаоса. "
            "Кроме того, состоялась трехсторонняя встреча глав МИД Японии, Китая и Кореи.")
    evs, _ = run(text)
    assert _kinds(evs) == [("summit", "held"), ("meeting", "held"), ("meeting", "held")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Заседание комиссии 20 апреля в Софии.", "held"),
        ("Встреча министров финансов Норвегии и Швеции 3 июня.", "planned"),
        ("Встреча министров финансов Норвегии и Швеции 3 июня отменена.", "cancelled"),
    ],
)
def test_a_day_in_the_phrase_decides_when_no_cue_does(run, text, status):
    evs, _ = run(text)
    assert [e.status for e in evs] == [status]


def test_programme_events_take_the_visitor_date_and_place(run):
    text = ("Президент Чили Габриэль Борич 5 июня прибудет в Мадрид с официальным визитом. В программе "
            "визита — переговоры с председателем правительства Испании Педро Санчесом.")
    evs, ents = run(text)
    visit, talks = evs
    assert (talks.type, talks.status) == ("talks", "planned")
    names = " ".join(ents.get(p).name for p in talks.participants)
    assert "Борич" in names and "Санчес" in names
    assert talks.date == visit.date == "2024-06-05"
    assert talks.location == visit.location is not None


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Стороны провели переговоры об отказе от ядерного оружия.", [("talks", "held")]),
        ("Министры провели встречу по подготовке визита президента Кубы в Москву.",
         [("meeting", "held"), ("visit", "planned")]),
        ("Переговоры по урегулированию конфликта сорваны.", [("talks", "cancelled")]),
        ("Правительство Судана приостановило переговоры с повстанцами.", [("talks", "cancelled")]),
        ("Встреча по вопросам безопасности отменена.", [("meeting", "cancelled")]),
    ],
)
def test_the_topic_of_an_event_is_not_its_status(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Владимир Путин и Касым-Жомарт Токаев провели переговоры в узком составе. Затем переговоры "
         "продолжились в расширенном формате: к ним присоединились министр иностранных дел России "
         "Сергей Лавров и министр иностранных дел Казахстана Мурат Нуртлеу.", [("talks", "held")]),
        ("Шавкат Мирзиёев и Садыр Жапаров провели переговоры. В переговорах также участвовали "
         "премьер-министры Абдулла Арипов и Акылбек Жапаров.", [("talks", "held")]),
        ("Премьер-министр Армении Никол Пашинян встретился с президентом Азербайджана Ильхамом Алиевым. "
         "Позже Пашинян провел встречу с президентом Франции Эмманюэлем Макроном.",
         [("meeting", "held"), ("meeting", "held")]),
    ],
)
def test_contacts_merge_unless_their_own_parties_differ(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Дни кино Казахстана открылись в Ташкенте. Также прошли Дни литературы Казахстана.",
         [("cultural", "held"), ("cultural", "held")]),
        ("Дни культуры Вьетнама пройдут в Минске.", [("cultural", "planned")]),
        ("День рождения министра отметили скромно.", []),
    ],
)
def test_days_of_the_arts_are_cultural_events(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("В рамках визита премьера Индии в Токио будут подписаны соглашения.", [("visit", "planned")]),
        ("В ходе визита премьера Индии в Токио планируется подписать соглашения.", [("visit", "planned")]),
        ("В ходе визита премьера Индии в Токио подписаны соглашения.", [("visit", "held")]),
        ("В ходе визита в Кению президент Франции договорился с коллегой о поставках.", [("visit", "held")]),
        ("В ходе визита министра иностранных дел Китая примет президент Казахстана.",
         [("visit", "planned"), ("meeting", "planned")]),
    ],
)
def test_within_a_visit_its_tense_comes_from_the_predicate(run, text, kinds):
    evs, _ = run(text)
    assert _kinds(evs) == kinds


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("Президент Вьетнама с 14 по 16 мая находится с государственным визитом в Монголии.", "2024-05-15",
         "2024-05-16"),
        ("В среду Израиль отмечает День Иерусалима.", "2024-05-17", "2024-05-22"),
        ("Саммит ОДКБ состоится 28 ноября в Минске.", "2024-05-15", "2024-11-28"),
    ],
)
def test_an_event_date_stays_on_the_side_of_its_status(run, text, published, date):
    evs, _ = run(text, published=published)
    assert [e.date for e in evs] == [date]
