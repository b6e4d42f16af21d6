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
    # negatives: nothing
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
