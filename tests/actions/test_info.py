"""action_answer_info, action_answer_contact and action_fallback against the real knowledge base."""

from __future__ import annotations

import pytest

from actions import kb
from actions.answer import ActionAnswer, ActionFallback
from knowledge import texts
from knowledge.base import KnowledgeBase
from tests.actions.conftest import ent, run, tracker_for

BMW_PREMIES = "056/27.84.33"
BALIE = "056/27.84.30"
SOCIAAL_HUIS = "056 24 42 22"


@pytest.mark.parametrize(
    "question, facts",
    [
        ("waar kan ik een premie voor dakisolatie krijgen?", ["Dakisolatie", BMW_PREMIES, "Bron: 6.B"]),
        ("premie om mijn dak te isoleren", ["Dakisolatie", BMW_PREMIES]),
        ("regenput premie?", ["Hemelwater", "regenput", BMW_PREMIES, "Bron: 6.B"]),
        ("krijg ik iets voor een groendak", ["Groendak", BMW_PREMIES]),
        ("ocmw crisisopvang hoelang mag je blijven", ["max 30 dagen", "Bron: 7.B"]),
        ("wa kost een conformiteitsattest", ["62,5 euro", "Bron: 5.A.3"]),
        ("mag ik nog een studentenkot bijbouwen", ["Moratorium", "Bron: 4.C.3.1"]),
        ("wat doet de woonclub juist", ["Woonclub", "Geen contact op de pagina", SOCIAAL_HUIS]),
        ("krijg ik iets van de stad via het sociaal verhuurkantoor", ["KI tussen 500 en 1000 euro", "20%"]),
    ],
)
def test_answers_with_the_documents_facts_and_source(question: str, facts: list[str]) -> None:
    reply = run(ActionAnswer(), tracker_for(question))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should answer with {fact!r}, got:\n{reply.text}"


def test_a_heading_without_content_says_so_and_names_who_knows() -> None:
    reply = run(ActionAnswer(), tracker_for("aankooppremie"))
    assert "alleen een titel" in reply.text, reply.text
    assert BALIE in reply.text, f"the Balie Bouwen, Milieu en Wonen ({BALIE}) answers for premiums:\n{reply.text}"
    assert "Bron: 4.B.1" in reply.text


def test_conformity_cost_for_the_units_asked() -> None:
    reply = run(
        ActionAnswer(), tracker_for("wat kost een conformiteitsattest voor 3 kamers", entities=[ent("aantal", "3")])
    )
    assert "€ 187,50" in reply.text, f"3 × 62,5 euro should be € 187,50:\n{reply.text}"


def test_conformity_cost_when_the_nlu_missed_the_number() -> None:
    reply = run(ActionAnswer(), tracker_for("hoeveel betaal ik voor een conformiteitsattest voor 4 kamers"))
    assert "€ 250" in reply.text, f"4 × 62,5 euro should be € 250:\n{reply.text}"


def test_the_disclaimer_comes_once_per_conversation() -> None:
    disclaimer = texts.get("utter_disclaimer")
    first = run(ActionAnswer(), tracker_for("premie dakisolatie"))
    assert disclaimer in first.text and first.slot("disclaimer_shown") is True
    later = run(ActionAnswer(), tracker_for("premie dakisolatie", slots={"disclaimer_shown": True}))
    assert disclaimer not in later.text


def test_remembers_the_record_for_follow_up_questions() -> None:
    reply = run(ActionAnswer(), tracker_for("wat doet de huurdersbond"))
    assert reply.slot("record_id") == "1-c-huurdersbond"


def test_a_chosen_button_answers_that_record() -> None:
    reply = run(
        ActionAnswer(),
        tracker_for('/ask_info{"record_id": "6-b-hemelwater"}', entities=[ent("record_id", "6-b-hemelwater")]),
    )
    assert "Hemelwater" in reply.text and "Bron: 6.B" in reply.text


@pytest.mark.parametrize("question", ["wat is het weer morgen in kortrijk", "hoe laat vertrekt de trein naar gent"])
def test_no_good_match_says_what_it_can_do_and_who_to_ask(question: str) -> None:
    reply = run(ActionAnswer(), tracker_for(question))
    assert "niets" in reply.text and SOCIAAL_HUIS in reply.text, f"{question!r}:\n{reply.text}"


@pytest.mark.parametrize(
    "question, subject",
    [
        ("wie mag een epc opmaken voor mijn huis dat ik verkoop", "EPC en energieprestatie"),
        ("hoeveel notariskosten betaal ik bij de aankoop van een appartement", "Notariskosten bij aankoop"),
    ],
)
def test_a_subject_the_page_does_not_cover_is_named(question: str, subject: str) -> None:
    reply = run(ActionAnswer(), tracker_for(question))
    assert f"Over '{subject}' staat niets" in reply.text and SOCIAAL_HUIS in reply.text, f"{question!r}:\n{reply.text}"


def test_a_contact_for_a_subject_the_page_does_not_cover_is_not_asked_for() -> None:
    question = "kweet nie wie ik moet bellen voor de elektrische keuring bij verkoop van men huis"
    reply = run(ActionAnswer(), tracker_for(question))
    assert "Over 'Elektrische keuring bij verkoop' staat niets" in reply.text and SOCIAAL_HUIS in reply.text, reply.text


def test_the_fallback_offers_no_topics_for_a_subject_the_page_does_not_cover() -> None:
    reply = run(ActionFallback(), tracker_for("epc attest prijs?"))
    assert "Over 'EPC en energieprestatie' staat niets" in reply.text and not reply.buttons, reply.text


def test_a_french_question_gets_a_french_note_and_the_answer() -> None:
    reply = run(ActionAnswer(), tracker_for("bonjour, je cherche une prime pour dakisolatie"))
    assert "néerlandais" in reply.text and BMW_PREMIES in reply.text, reply.text


@pytest.mark.parametrize(
    "question, entities, slots, facts",
    [
        (
            "wat is het telefoonnummer van de balie",
            [ent("organisation", "Balie Bouwen, Milieu en Wonen")],
            {},
            ["Telefoon: " + BALIE],
        ),
        ("waar is het sociaal huis", [ent("organisation", "Sociaal Huis")], {}, ["Budastraat 27"]),
        (
            "en wat is hun telefoonnummer?",
            [],
            {"service": "Huurdersbond"},
            ["geen eigen contactgegevens", SOCIAAL_HUIS],
        ),
        (
            "mailadres van de balie bouwen",
            [ent("organisation", "Balie Bouwen, Milieu en Wonen")],
            {},
            ["bouwen.milieu.wonen@kortrijk.be"],
        ),
    ],
)
def test_contact_details(question, entities, slots, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question, "ask_contact", entities, slots))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should give {fact!r}:\n{reply.text}"
    assert "Bron:" in reply.text


def test_the_dienst_wonen_number_conflict_stays_visible() -> None:
    reply = run(ActionAnswer(), tracker_for("ik wil een woningonderzoek laten doen"))
    assert "056/27.84.34" in reply.text and "056/24.84.34" in reply.text, (
        f"both numbers the page gives for the dienst Wonen should show:\n{reply.text}"
    )


def test_fallback_first_offers_topics_then_gives_a_person() -> None:
    first = run(ActionFallback(), tracker_for("iets met mijn dak ofzo", "nlu_fallback"))
    assert first.buttons and first.buttons[-1]["title"] == "Iets anders", first.messages
    assert first.slot("fallback_count") == 1
    second = run(ActionFallback(), tracker_for("blablabla", "nlu_fallback", slots={"fallback_count": 1}))
    assert SOCIAAL_HUIS in second.text and BALIE in second.text, second.text
    assert second.slot("fallback_count") == 0


@pytest.mark.parametrize("intent", ["ask_info", "other_language", "ask_contact", "nlu_fallback"])
def test_keys_hit_at_random_are_not_understood_whatever_the_classifier_guessed(intent) -> None:
    action = ActionFallback() if intent == "nlu_fallback" else ActionAnswer()
    first = run(action, tracker_for("fjdkslq mpoiuy zzz", intent))
    assert "begrijp je vraag niet" in first.text and first.slot("fallback_count") == 1, (intent, first.text)
    second = run(action, tracker_for("qsdfgh jklm", intent, slots={"fallback_count": 1}))
    assert "nog altijd niet" in second.text and SOCIAAL_HUIS in second.text, (intent, second.text)
    assert second.slot("fallback_count") == 0


def test_an_answer_after_a_miss_resets_the_fallback_count() -> None:
    reply = run(ActionAnswer(), tracker_for("premie dakisolatie", slots={"fallback_count": 1}))
    assert reply.slot("fallback_count") == 0


def test_an_exception_gives_an_apology_with_the_sociaal_huis(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("search broke")

    monkeypatch.setattr(KnowledgeBase, "search", broken)
    reply = run(ActionAnswer(), tracker_for("premie dakisolatie"))
    assert "Sorry" in reply.text and SOCIAAL_HUIS in reply.text, reply.text


def test_an_unloadable_knowledge_base_still_gives_the_sociaal_huis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/dir/kb.sqlite3")
    kb.get.cache_clear()
    try:
        reply = run(ActionAnswer(), tracker_for("premie dakisolatie"))
    finally:
        monkeypatch.undo()
        kb.get.cache_clear()
    assert "Sorry" in reply.text and SOCIAAL_HUIS in reply.text, reply.text
