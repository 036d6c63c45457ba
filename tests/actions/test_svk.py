"""The SVK form's validation and result."""

from __future__ import annotations

import pytest

from actions.svk import SLOTS, ActionSvkResult, ActionSvkStart, ValidateSvkForm
from knowledge import texts
from tests.actions.conftest import DOMAIN, run, tracker_for


def test_explain_gives_the_rule_and_its_source() -> None:
    reply = run(ActionSvkStart(), tracker_for("huurpremie via het svk?", "ask_svk"))
    for fact in ("€ 500", "€ 1.000", "€ 450", "20%", "instappremie", "Bron: 4.C.2.1.a"):
        assert fact in reply.text, f"the SVK explanation should name {fact!r}:\n{reply.text}"


@pytest.mark.parametrize(
    "question, facts",
    [
        ("krijg ik iets van de stad als ik een regenput plaats", ["Hemelwater", "Bron: 6.B"]),
        ("recht op een tegemoetkoming voor een groendak?", ["Groendak", "Bron: 6.B"]),
    ],
)
def test_support_for_another_subject_is_not_the_svk(question, facts) -> None:
    # The classifier heard the SVK in "krijg ik iets": the search knows the premium asked about.
    reply = run(ActionSvkStart(), tracker_for(question, "ask_svk"))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should get {fact!r}:\n{reply.text}"
    assert "SVK De Poort" not in reply.text, reply.text


def test_a_time_the_classifier_took_for_a_ki_starts_no_calculation() -> None:
    # Rasa filled the ki slot from this very message's entity: no calculation was going on.
    tracker = tracker_for("dinsdag 8.30 sociaal huis al open?", "inform_svk", extracted={"ki": "8.30"})
    reply = run(ActionSvkStart(), tracker)
    assert "SVK" not in reply.text and "Sociaal Huis" in reply.text, reply.text
    assert reply.slot("svk_calc") is False


def test_numbers_during_a_calculation_go_on_with_it() -> None:
    tracker = tracker_for("en als de huur 460 is?", "inform_svk", slots={"ki": "650", "huur": "400"})
    # The earlier turns that gave the numbers.
    tracker.events[:0] = [
        {"event": "slot", "name": "ki", "value": "650"},
        {"event": "slot", "name": "huur", "value": "400"},
    ]
    reply = run(ActionSvkStart(), tracker)
    assert reply.slot("svk_calc") is True and reply.slot("huur") == "460", reply.events


@pytest.mark.parametrize("question", ["hoeveel legt de stad bij op mijn huur", "heb ik recht op steun voor mijn huur"])
def test_support_for_the_rent_is_the_svk(question) -> None:
    reply = run(ActionSvkStart(), tracker_for(question, "ask_svk"))
    assert "SVK De Poort" in reply.text and "Bron: 4.C.2.1.a" in reply.text, f"{question!r} got: {reply.text}"


@pytest.mark.parametrize(
    "slot, answer, stored",
    [
        ("ki", "650", "650"),
        ("ki", "KI: 650", "650"),
        ("ki", "€ 800", "800"),
        ("huur", "€ 437,50", "437.50"),
        ("huur", "450 euro per maand", "450"),
        ("huur", "437.50", "437.50"),
    ],
)
def test_numbers_as_people_write_them(slot, answer, stored) -> None:
    tracker = tracker_for(
        answer, "inform_svk", slots={"requested_slot": slot}, active_loop="svk_form", extracted={slot: answer}
    )
    reply = run(ValidateSvkForm(), tracker)
    assert reply.slot(slot) is not None and float(reply.slot(slot)) == float(stored), (
        f"{answer!r} should be read as {stored}: {reply.events}"
    )


@pytest.mark.parametrize(
    "slot, answer, says",
    [
        ("ki", "geen idee", "bv. 650"),
        ("huur", "veel te veel", "bv. 430"),
        ("ki", "-5", "groter dan 0"),
        ("huur", "0", "groter dan 0"),
        ("ki", "2000000", "lijkt niet te kloppen"),
    ],
)
def test_impossible_answers_are_asked_again_with_an_example(slot, answer, says) -> None:
    tracker = tracker_for(
        answer, "inform_svk", slots={"requested_slot": slot}, active_loop="svk_form", extracted={slot: answer}
    )
    reply = run(ValidateSvkForm(), tracker)
    assert any(e.get("name") == slot and e.get("value") is None for e in reply.events), reply.events
    assert says in reply.text, f"{answer!r} for {slot} should be re-asked with {says!r}:\n{reply.text}"


@pytest.mark.parametrize("question", ["hoeveel legt de stad bij in mijn huur", "kan ik huurpremie krijgen via het svk"])
def test_a_new_calculation_is_not_met_with_unreadable_amounts(question) -> None:
    # action_svk_start clears both numbers; the form hands those cleared slots to validation
    # before it asks its first question, and a cleared slot is nothing the resident typed.
    tracker = tracker_for(question, "ask_svk", active_loop="svk_form", extracted={"ki": None, "huur": None})
    reply = run(ValidateSvkForm(), tracker)
    assert "geen bedrag" not in reply.text, f"{question!r} got: {reply.text}"


@pytest.mark.parametrize(
    "ki, huur, facts",
    [
        ("650", "430", ["€ 86 per maand", "€ 1.032 per jaar", "Bron: 4.C.2.1.a"]),
        ("650", "460", ["hoger dan € 450"]),
        ("450", "400", ["lager dan € 500"]),
        ("1000", "450", ["€ 90 per maand"]),
    ],
)
def test_result(ki, huur, facts) -> None:
    reply = run(ActionSvkResult(), tracker_for("", "inform_svk", slots={"ki": ki, "huur": huur}))
    for fact in facts:
        assert fact in reply.text, f"KI {ki}, huur {huur} should give {fact!r}:\n{reply.text}"


@pytest.mark.parametrize("slot, says", [("ki", "kadastraal inkomen"), ("huur", "per maand")])
def test_the_form_asks_with_an_example(slot, says) -> None:
    # Rasa's form asks with utter_ask_<slot> when no action_ask_<slot> exists.
    assert slot in SLOTS and f"action_ask_{slot}" not in DOMAIN["actions"]
    question = texts.get(f"utter_ask_{slot}")
    assert says in question and "bv." in question, question
