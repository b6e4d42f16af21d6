"""Commitments: cue lemmas and modality, clauses, constructions, negatives (sentences of our own)."""

from __future__ import annotations

import json
import re

import pytest

from letopis.extractors import commitments, entities
from letopis.model import Figure

# One sentence per case: (text, expected modalities in order). Several variants per modality: other
# countries, persons, verb forms and word orders.
CASES: dict[str, tuple[str, list[str]]] = {
    # agreed
    "agreed_dogovor": (
        "Стороны договорились увеличить товарооборот между Россией и Казахстаном до 30 миллиардов долларов.",
        ["agreed"],
    ),
    "agreed_uslov": ("Министры условились провести следующее заседание комиссии в Минске.", ["agreed"]),
    "agreed_dostignuta": (
        "Достигнута договоренность о проведении Года культуры Армении в Грузии.",
        ["agreed"],
    ),
    "agreed_reshili": ("Лидеры двух стран решили создать совместный инвестиционный фонд.", ["agreed"]),
    "agreed_decision": (
        "Совет министров иностранных дел вынес решение направить наблюдателей в регион.",
        ["agreed"],
    ),
    "agreed_terms": (
        "По подписанному соглашению компания заплатит около 50 млн долларов за долю в предприятии.",
        ["agreed"],
    ),
    "agreed_terms_future": (
        "По договору Вьетнам будет получать уголь десять лет в обмен на кредит в 3 миллиарда долларов.",
        ["agreed"],
    ),
    "agreed_soglasovali": ("Министры двух стран согласовали план совместных действий.", ["agreed"]),
    # instructed
    "instr_poruchil": (
        "Президент Узбекистана Шавкат Мирзиёев поручил правительству подготовить проект соглашения.",
        ["instructed"],
    ),
    "instr_porucheno": (
        "Министерствам поручено проработать вопрос о создании логистического центра.",
        ["instructed"],
    ),
    "instr_ukazanie": (
        "Премьер-министр дал конкретные указания ускорить строительство газопровода.",
        ["instructed"],
    ),
    # pledged
    "pledged_poobeshal": (
        "Глава МИД Франции пообещал, что Париж будет поддерживать этот проект.",
        ["pledged"],
    ),
    "pledged_obyazalsya": ("Премьер Монголии обязался выплатить долг до конца года.", ["pledged"]),
    "pledged_budet": (
        "Президент Киргизии сообщил, что будет настойчиво добиваться снятия ограничений.",
        ["pledged"],
    ),
    "pledged_uchastie": (
        "Премьер Литвы подтвердил свое участие в осенней встрече глав правительств в Вильнюсе.",
        ["pledged"],
    ),
    "pledged_bez_otveta": ("Тегеран не оставит эти действия без ответа.", ["pledged"]),
    "pledged_budem": ("«Мы будем выполнять все обязательства», — сказал министр.", ["pledged"]),
    "pledged_ne_otstupitsya": ("Премьер заявил, что Грузия не отступится от своих принципов.", ["pledged"]),
    # ready
    "ready_gotov": ("Казахстан готов поставлять зерно в Иран по льготным ценам.", ["ready"]),
    "ready_gotova": ("Индия со своей стороны готова к расширению сотрудничества.", ["ready"]),
    "ready_gotovnost": (
        "Министр подтвердил готовность Токио продолжить диалог с Сеулом.",
        ["ready"],
    ),
    # planned
    "planned_planiruet": ("Монголия планирует открыть посольство в Ханое в следующем году.", ["planned"]),
    "planned_namereny": ("Стороны намерены подписать меморандум о сотрудничестве.", ["planned"]),
    "planned_namerenie": (
        "Депутаты выразили намерение создать комиссию по расследованию инцидента.",
        ["planned"],
    ),
    "planned_namerena": ("Россия намерена расширить поставки удобрений в Бразилию.", ["planned"]),
    "planned_planiruetsya": ("Соглашение о партнерстве планируется подписать осенью.", ["planned"]),
    "planned_sobirayutsya": ("Делегации собираются обсудить вопросы энергетики.", ["planned"]),
    "planned_khotim": (
        "«Мы хотим, чтобы компании двух стран реализовывали совместные проекты», — сказал министр.",
        ["planned"],
    ),
    "planned_podpishet": ("Президент Сербии подпишет соглашение о свободной торговле.", ["planned"]),
    "planned_obsuzhdatsya": ("В ходе визита будут обсуждаться вопросы транзита газа.", ["planned"]),
    "planned_plany": (
        "Имеются планы по открытию прямого авиасообщения между Алма-Атой и Бишкеком.",
        ["planned"],
    ),
    "planned_zadacha": (
        "Ставим перед собой задачу удвоить объем взаимной торговли за пять лет.",
        ["planned"],
    ),
    "planned_postavili": (
        "Лидеры поставили задачу довести товарооборот до 5 миллиардов долларов.",
        ["planned"],
    ),
    "planned_tsel": ("Правительство Чили ставит цель удвоить экспорт меди.", ["planned"]),
    "planned_vstrecha": ("На осень планируется встреча министров обороны.", ["planned"]),
    "planned_obsudyat": ("Министры обсудят поддержку фермеров на встрече в Риге.", ["planned"]),
    "planned_posetit": ("Президент Финляндии посетит Пекин с государственным визитом.", ["planned"]),
    "planned_predpolagaet": ("Правительство предполагает досрочно погасить часть долга.", ["planned"]),
    "planned_hope": (
        "Министр выразил надежду на то, что ему удастся провести переговоры в июне.",
        ["planned"],
    ),
    # proposed / invited
    "proposed_predlozhil": (
        "Президент Армении Никол Пашинян предложил создать рабочую группу.",
        ["proposed"],
    ),
    "proposed_predlagaem": ("Мы предлагаем нашим партнерам расширить поставки оборудования.", ["proposed"]),
    "proposed_vystupil": (
        "Премьер Словакии выступил с предложением провести встречу в Братиславе.",
        ["proposed"],
    ),
    "invited_priglashaem": ("Приглашаем бизнес Вьетнама к участию в выставке.", ["invited"]),
    "invited_priglashenie": (
        "Министр передал коллеге приглашение посетить Ташкент в удобное время.",
        ["invited"],
    ),
    "invited_priglasil": ("Министр Ирана пригласил коллегу посетить Тегеран.", ["invited"]),
    # demanded
    "demanded_prizval": ("Глава МИД Венгрии призвал Евросоюз отменить санкции.", ["demanded"]),
    "demanded_prizyvayut": ("Страны ЕС призывают Сербию к диалогу с соседями.", ["demanded"]),
    "demanded_nastaivaet": ("Москва настаивает на выводе иностранных войск.", ["demanded"]),
    "demanded_potreboval": ("Россия потребовала от Молдавии погасить задолженность.", ["demanded"]),
    "demanded_poprosil": ("Посол попросил правительство Латвии разъяснить позицию.", ["demanded"]),
    "demanded_dolzhen": ("Белград должен решить вопрос о границе с соседями.", ["demanded"]),
    "demanded_nado": ("Он подчеркнул, что к этому вопросу надо подходить на основе права.", ["demanded"]),
    "demanded_agent": (
        "Банки из соседних стран, которые обслуживают такие сделки, должны понимать риски.",
        ["demanded"],
    ),
    "demanded_authorities": ("Власти Эквадора должны освободить задержанных журналистов.", ["demanded"]),
    # "должен быть готов" sets a deadline for a thing: a plan, not readiness
    "planned_must_be_ready": (
        "Проект соглашения должен быть готов к подписанию министрами до конца марта.",
        ["planned"],
    ),
    "planned_must_be_ready_plural": ("Все документы должны быть готовы к саммиту в мае.", ["planned"]),
    # what "we" will do, perfective future
    "planned_we_hold": ("«В следующем году мы проведем в Риге совместную выставку», — сказал министр.", ["planned"]),
    "planned_we_time": ("«К форуму мы приурочим неделю кино Болгарии», — заявил посол.", ["planned"]),
    # a negated passive future of a policy act inside a quotation rules it out: a pledge
    "pledged_not_taken": (
        "«Никакое решение не будет принято без согласия соседей», — подчеркнул министр.",
        ["pledged"],
    ),
    "pledged_not_signed": (
        '"Этот договор не будет подписан в нынешнем виде", - заявил премьер Норвегии.',
        ["pledged"],
    ),
    # two cues in one sentence, two clauses
    "two_clauses": (
        "Президент Болгарии подпишет договор о строительстве моста, и будут обсуждаться вопросы энергетики.",
        ["planned", "planned"],
    ),
    # a country named by its adjective is the acting subject
    "demanded_adjective_side": (
        "Грузинская сторона потребовала провести расследование инцидента на границе.",
        ["demanded"],
    ),
    "demanded_adjective_side2": ("Казахстанская сторона потребовала вернуть груз.", ["demanded"]),
    # "ждать/ожидать от X": a demand on X
    "demanded_zhdem_ot": ("«Мы ждем от Еревана конкретных шагов», — сказал министр.", ["demanded"]),
    "demanded_ozhidayut_ot": ("Литва ожидает от Брюсселя реальной поддержки.", ["demanded"]),
    "demanded_ozhidayut_ot_mfa": (
        "В МИД Молдавии сообщили, что ожидают от Москвы отказа от угроз.",
        ["demanded"],
    ),
    # "жду X в ...", "рады видеть вас": an invitation
    "invited_zhdu": ("«Осенью я жду Никола Пашиняна в Тбилиси», — сказал премьер.", ["invited"]),
    "invited_zhdem_vas": ("Мы ждем вас в Ташкенте на следующем форуме.", ["invited"]),
    "invited_rady": ("Мы будем рады видеть президента Монголии в Астане.", ["invited"]),
    "invited_hotel_by": ("Мы хотели бы пригласить вас на выставку в Казани.", ["invited"]),
    # a hope about one's own meeting
    "planned_hope_meeting": ("Посол выразил надежду на скорую встречу с коллегами из Ханоя.", ["planned"]),
    "planned_hope_talks": (
        "Министр выразил надежду на скорейшее проведение следующего раунда переговоров.",
        ["planned"],
    ),
    # the terms of a concluded deal carry a quantity, not only a price
    "agreed_terms_share": (
        "Согласно соглашению, доли Армении и Грузии в компании распределятся по 50 %.",
        ["agreed"],
    ),
    "agreed_terms_volume": (
        "Стороны подписали протокол: Таджикистан пропустит около 3 млрд кубометров воды.",
        ["agreed"],
    ),
    "agreed_terms_relative": (
        "Страны подписали договор, по которому Казахстан поставит 2 млн тонн зерна.",
        ["agreed"],
    ),
    "agreed_predusmatrivaet": ("Меморандум предусматривает создание совместного фонда.", ["agreed"]),
    # the announced start of a project
    "planned_start": (
        "Правительство Монголии заявило, что строительство дороги начнется весной.",
        ["planned"],
    ),
    "planned_start_supplies": ("Министр сообщил, что поставки газа начнутся в июле.", ["planned"]),
    # wider lexicon of the same classes
    "pledged_obyazuetsya": ("Сербия обязуется выплатить долг до конца года.", ["pledged"]),
    "pledged_obyazuyutsya": ("Стороны обязуются не применять силу.", ["pledged"]),
    "pledged_obyazatelstvo": ("Стороны взяли на себя обязательство сократить выбросы.", ["pledged"]),
    "pledged_zaveril_budet": (
        "Посол заверил, что Франция будет и впредь поддерживать проект.",
        ["pledged"],
    ),
    "pledged_zaveril_perf": ("Министр заверил, что Рим выполнит все обязательства.", ["pledged"]),
    "pledged_budem_dalshe": ("«Мы будем и дальше помогать нашим соседям», — сказал президент.", ["pledged"]),
    "pledged_garantiruet": ("Россия гарантирует бесперебойные поставки газа в Сербию.", ["pledged"]),
    "planned_rasschityvaet": ("Анкара рассчитывает увеличить закупки нефти.", ["planned"]),
    "planned_nameretsya": ("Пекин намеревается открыть консульство в Алма-Ате.", ["planned"]),
    "planned_gotovitsya": ("Египет готовится подписать соглашение о свободной торговле.", ["planned"]),
    "planned_zaplanirovano": ("Запланировано провести заседание комиссии в мае.", ["planned"]),
    "planned_naceleny": ("Стороны нацелены на увеличение товарооборота.", ["planned"]),
    "agreed_resheno": ("Было решено создать рабочую группу по транзиту.", ["agreed"]),
    "agreed_dostigli": ("Стороны достигли договоренности о поставках зерна.", ["agreed"]),
    "agreed_prishli": ("Министры пришли к соглашению о разделе квот.", ["agreed"]),
    "agreed_initiative": ("Стороны поддержали инициативу Казахстана о создании центра.", ["agreed"]),
    "proposed_predlagaet": ("Вьетнам предлагает создать совместную рабочую группу.", ["proposed"]),
    "proposed_side_predlagaet": (
        "Туркменская сторона предлагает расширить перевозки через Каспий.",
        ["proposed"],
    ),
    "proposed_vystupil_za": ("Кроме того, министр выступил за увеличение экспорта в Китай.", ["proposed"]),
    "proposed_vystupila_za": ("Россия выступила за проведение международной конференции.", ["proposed"]),
    "proposed_vyskazalis": ("Стороны высказались за расширение сотрудничества.", ["proposed"]),
    "proposed_initiative": ("Эстония выступила с инициативой созвать заседание совета.", ["proposed"]),
    "proposed_hochu": ("Хочу предложить нашим партнерам создать общий фонд.", ["proposed"]),
    "demanded_trebovanie": ("Польша выдвинула требование вывести войска.", ["demanded"]),
    "demanded_prosba": ("Премьер Италии обратился к ЕС с просьбой выделить средства.", ["demanded"]),
    "demanded_dobivaetsya": ("Япония добивается возвращения островов.", ["demanded"]),
    "instr_rasporyadilsya": ("Президент распорядился выделить средства на ремонт школ.", ["instructed"]),
    "instr_prikazal": ("Министр обороны приказал усилить охрану границы.", ["instructed"]),
    "ready_otkryty": ("Мы открыты к диалогу с соседями.", ["ready"]),
    "ready_otkryta": ("Россия открыта для сотрудничества с Индией.", ["ready"]),
    # a perfective future of an act of policy by a named state: its plan
    "planned_state_opens": ("Россия откроет консульство в Казани в 2025 году.", ["planned"]),
    "planned_state_allocates": ("Казахстан выделит Киргизии кредит в 100 млн долларов.", ["planned"]),
    "planned_state_sanctions": ("Евросоюз введет новые санкции против Ирана.", ["planned"]),
    "planned_passive_continued": ("Будут продолжены консультации экспертов двух стран.", ["planned"]),
    # provisions of a document, other phrasings of the same classes
    "agreed_predusmotreno": ("Договором предусмотрено создание совместного фонда.", ["agreed"]),
    "agreed_declaration": ("Декларация предусматривает расширение сотрудничества в энергетике.", ["agreed"]),
    "proposed_v_polzu": ("Стороны высказались в пользу скорейшего урегулирования.", ["proposed"]),
    "pledged_obeshanie": ("Премьер дал обещание снизить пошлины.", ["pledged"]),
    "planned_zadacha_postavlena": ("Задача поставлена довести товарооборот до 10 млрд долларов.", ["planned"]),
    "instr_obyazal": ("Президент обязал правительство подготовить план до конца месяца.", ["instructed"]),
    "demanded_obyazana": ("Сербия обязана выполнить решение суда.", ["demanded"]),
    "pledged_priverzhennost": ("Стороны подтвердили приверженность принципам добрососедства.", ["pledged"]),
    "invited_priglashenie_na": ("Президент передал коллеге приглашение на саммит в Казани.", ["invited"]),
    "agreed_imeetsya": ("Имеется договоренность о проведении встречи министров.", ["agreed"]),
    "agreed_soglasie": ("Россия дала согласие на проведение переговоров в Стамбуле.", ["agreed"]),
    "agreed_terms_arrangement": (
        "По достигнутой договоренности Казахстан поставит в Киргизию 1 млн тонн угля.",
        ["agreed"],
    ),
    # negatives: nothing
    "neg_obyazan_thanks": ("Он обязан своим успехом родителям.", []),
    "neg_in_force_days": ("Соглашение вступит в силу через 30 дней после подписания.", []),
    "neg_prices_raise": ("Цены на нефть увеличат расходы бюджета.", []),
    "neg_company_builds": ("Компания Toyota построит завод в Санкт-Петербурге.", []),
    "neg_budget_provides": ("В бюджете предусмотрено 5 млрд рублей на строительство.", []),
    "neg_tasks_set": ("Министры обсудили выполнение задач, поставленных президентами.", []),
    "neg_zhdem_thing": ("Мы ждем результатов переговоров.", []),
    "neg_zhdem_answer": ("Мы ждем ответа президента на наше письмо.", []),
    "neg_experts_wait": ("Эксперты ждут роста цен на нефть.", []),
    "neg_hope_settlement": ("Министр выразил надежду на урегулирование конфликта.", []),
    "neg_in_force": ("Соглашение вступит в силу 1 января.", []),
    "neg_project_which": (
        "«Это проект, который решит проблему нехватки воды», — сказал министр о соглашении 2 стран.",
        [],
    ),
    "neg_rain_starts": ("Синоптики сообщили, что дожди начнутся в среду.", []),
    "neg_start_unreported": ("Строительство моста начнется в мае.", []),
    "neg_zaveril_state": ("Министр заверил журналистов, что ситуация под контролем.", []),
    "neg_rasschityvayut_chto": ("Ученые рассчитывают, что им удастся создать вакцину.", []),
    "neg_gotovitsya_k": ("Египет готовится к выборам.", []),
    "neg_denied": ("Он опроверг слухи, что решено закрыть посольство.", []),
    "neg_law_provides": ("Проект закона предусматривает штрафы.", []),
    "neg_offered_to_me": ("Ему предлагали должность в Москве.", []),
    "neg_vystupil_sport": ("Он выступал за сборную Чехии.", []),
    "neg_vystupil_far": ("Министр выступил на форуме за закрытыми дверями.", []),
    "neg_borders_open": ("Границы открыты для граждан обеих стран.", []),
    "neg_relative_aim": ("Это общество, в котором власть нацелена на поддержку граждан.", []),
    "neg_past_effort": ("Ранее Венгрия добивалась исключений для ряда проектов.", []),
    "neg_expected": ("Ожидается, что министры обсудят вопросы энергетики.", []),
    "neg_as_expected": ("Соглашение, которое, как ожидается, увеличит поток туристов, вступило в силу.", []),
    # a signing of many documents is a plan, not a term of a deal (a number and "соглашение" notwithstanding)
    "planned_signed_many": ("Мы планируем, что на форуме будет подписано не менее 50 соглашений.", ["planned"]),
    "neg_neobhodimo": ("Необходимо укреплять сотрудничество между нашими странами.", []),
    "neg_neobhodimost": ("Лидеры отметили необходимость развития торговли.", []),
    "neg_protest": (
        "На митинге собрались сотни людей, которые требовали отставки правительства.",
        [],
    ),
    "neg_protesters": ("Протестующие требовали вернуть спорные острова.", []),
    "neg_weather": ("Завтра в Москве будет дождь и сильный ветер.", []),
    "neg_weather2": ("Погода в выходные будет теплой и солнечной.", []),
    "neg_schedule": ("Министр иностранных дел Японии должен прибыть в Москву в среду.", []),
    "neg_past_plan": ("Прежде запуск спутника планировался на 12 апреля.", []),
    "neg_accepted_invitation": ("Он принял приглашение и посетил столицу с визитом.", []),
    "neg_not_planned": ("Разговор с делегацией не планировался.", []),
    "neg_ready_made": ("Готовый продукт отправят покупателям по железной дороге.", []),
    "neg_participle": ("Во исполнение прежних договоренностей утвержден график работ.", []),
    "neg_conditional": ("Если стороны договорятся, проект будет запущен осенью.", []),
    "neg_speech": ("Со своей стороны хотел бы отметить конструктивный характер переговоров.", []),
    "neg_passive_future": ("Результаты голосования будут опубликованы в понедельник.", []),
    "neg_infinitive": ("Без посредников фермерам проще будет договориться с покупателями.", []),
    "neg_singular_decision": ("Правительство решило не отставать от соседей.", []),
    "neg_called_passive": ("Миллионы избирателей призваны проголосовать в воскресенье.", []),
    "neg_prices_must": ("Цены на бензин должны снизиться в следующем году.", []),
    "neg_we_see": ("«Скоро мы увидим первые результаты реформы», — сказал министр.", []),
    "neg_we_consider": ("«Мы считаем эти меры недостаточными», — сказал посол.", []),
    "neg_not_taken_narrative": ("Решение по делу не будет принято до осени.", []),
    "neg_company": ("Компания Tesla планирует построить новый завод под Берлином.", []),
    "neg_latin_company": ("Сервис Spotify собирается открыть офис в Сеуле.", []),
}


@pytest.fixture(scope="module")
def results(analyse):
    """Every case analysed once: name -> (doc, commitments)."""
    out = {}
    for name, (text, _) in CASES.items():
        doc = analyse(text)
        out[name] = (doc, commitments.extract(doc, entities.extract(doc), []))
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_modalities(results, name):
    _, found = results[name]
    assert [c.modality for c in found] == CASES[name][1]


@pytest.mark.parametrize("name", list(CASES))
def test_evidence_offsets(results, name):
    doc, found = results[name]
    for c in found:
        assert doc.text[c.start : c.end] == c.text
        assert c.text.strip() == c.text


def test_ids_are_sequential(results):
    _, found = results["two_clauses"]
    assert [c.id for c in found] == ["C1", "C2"]


def test_two_clauses_split_the_sentence(results):
    _, found = results["two_clauses"]
    first, second = found
    assert "договор" in first.text and "энергетики" not in first.text
    assert "обсуждаться" in second.text and second.start >= first.end


def test_complement_stays_with_its_cue(results):
    """One pledge holds both the cue and the content: "пообещал, что ... будет поддерживать"."""
    _, found = results["pledged_poobeshal"]
    assert len(found) == 1
    assert "пообещал" in found[0].text and "поддерживать" in found[0].text


def test_subject_before_the_cue_is_in_the_text(results):
    _, found = results["instr_porucheno"]
    assert found[0].text.startswith("Министерствам поручено")


def test_actor_is_the_named_subject(results):
    doc, found = results["instr_poruchil"]
    ents = entities.extract(doc)
    names = [ents.get(a).name for a in found[0].actors if ents.get(a)]
    assert any("Мирзиёев" in n or "Узбекистан" in n for n in names)


def test_speaker_of_a_quote_acts_for_we(analyse):
    text = "«Мы договорились расширить поставки зерна», — заявил президент Казахстана Касым-Жомарт Токаев."
    doc = analyse(text)
    ents = entities.extract(doc)
    (c,) = commitments.extract(doc, ents, [])
    assert c.modality == "agreed"
    assert any("Токаев" in ents.get(a).name for a in c.actors if ents.get(a))


def _actor_names(doc, c):
    ents = entities.extract(doc)
    return [ents.get(a).name for a in c.actors if ents.get(a)]


def test_adjective_names_the_acting_country(analyse):
    doc = analyse("Армянские производители готовы нарастить экспорт в Иран.")
    (c,) = commitments.extract(doc, entities.extract(doc), [])
    assert _actor_names(doc, c) == ["Армения"]


def test_impersonal_agreement_binds_both_parties(analyse):
    text = (
        "Президент Армении провел переговоры с президентом Грузии. Армения и Грузия развивают связи. "
        "Достигнута договоренность организовать неделю кино."
    )
    doc = analyse(text)
    (c,) = commitments.extract(doc, entities.extract(doc), [])
    assert sorted(_actor_names(doc, c)) == ["Армения", "Грузия"]


def test_we_adds_the_speaker_to_the_partner(analyse):
    text = "«Мы с Ильхамом Алиевым договорились о поставках газа», — сказал Реджеп Тайип Эрдоган."
    doc = analyse(text)
    (c,) = commitments.extract(doc, entities.extract(doc), [])
    names = " ".join(_actor_names(doc, c))
    assert "Эрдоган" in names and "Алиев" in names


def test_capital_in_the_nominative_acts(analyse):
    doc = analyse("Вашингтон требует от Пекина прекратить давление на соседей.")
    (c,) = commitments.extract(doc, entities.extract(doc), [])
    assert _actor_names(doc, c) == ["Вашингтон"]


def test_adjective_side_is_the_actor(results):
    doc, found = results["demanded_adjective_side"]
    assert _actor_names(doc, found[0]) == ["Грузия"]


def test_deadline_from_the_clause(analyse):
    doc = analyse(
        "Стороны договорились завершить строительство моста до конца 2025 года.", published="2024-03-01"
    )
    (c,) = commitments.extract(doc, entities.extract(doc), [])
    assert c.deadline == "2025-12-31"


def test_figure_in_the_clause_is_linked(analyse):
    text = CASES["agreed_dogovor"][0]
    doc = analyse(text)
    fig = Figure(id="F7", text=text, start=0, end=len(text), value=3e10, unit="USD", kind="target")
    far = Figure(id="F8", text="x", start=len(text) + 5, end=len(text) + 6, value=1, unit="USD")
    (c,) = commitments.extract(doc, entities.extract(doc), [far, fig])
    assert c.figure == "F7"


def test_no_figure_outside_the_clause(results):
    _, found = results["agreed_uslov"]
    assert found[0].figure is None


def test_empty_document(analyse):
    doc = analyse("")
    assert commitments.extract(doc, entities.extract(doc), []) == []


def _norm(s: str) -> str:
    s = s.lower().replace("ё", "е")
    s = re.sub(r"[«»\"“”„'`]", "", s)
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.shared
def test_seed_commitments(seed_text, seed_expected, analyse):
    """Every commitment of the seed reading is found by its key stems with its modality."""
    doc = analyse(seed_text, published="2023-08-22")
    found = commitments.extract(doc, entities.extract(doc), [])
    for gold in seed_expected["commitments"]:
        hits = [c for c in found if all(_norm(k) in _norm(c.text) for k in gold["key"])]
        assert hits, gold["key"]
        assert any(c.modality == gold["modality"] for c in hits), (gold["key"], [c.modality for c in hits])
    # precision: nothing beyond the reading's commitments
    assert len(found) <= len(seed_expected["commitments"]) + 1, json.dumps([c.text for c in found])
