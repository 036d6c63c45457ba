"""action_answer routes by what the message asks, whatever intent the classifier heard."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from tests.actions.conftest import run, tracker_for

SOCIAAL_HUIS = "056 24 42 22"


@pytest.mark.parametrize(
    "question, intent, facts",
    [
        # A misread intent does not send a fact question to the opening hours.
        ("wanneer werd dat lokaal toewijzingsreglement goedgekeurd", "ask_opening_hours", ["2012"]),
        ("hoeveel namen van uithuiszettingen krijgt het ocmw elk jaar", "refer_client", ["180"]),
        ("met welke partners werkt de woonclub", "ask_contact", ["CAW", "Samenlevingsopbouw"]),
        # A question the classifier took for off-topic, that the search knows well.
        ("heeft de stad een eigen heffing op verkrotting of niet", "out_of_scope", ["Nee", "Bron: 5.D"]),
    ],
)
def test_the_question_decides_not_the_intent(question, intent, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question, intent))
    for fact in facts:
        assert fact in reply.text, f"{question!r} ({intent}) should say {fact!r}:\n{reply.text}"


def test_off_topic_stays_off_topic() -> None:
    reply = run(ActionAnswer(), tracker_for("wie wint de koers van vlaanderen", "out_of_scope"))
    assert "Bron:" not in reply.text and "niet" in reply.text, reply.text


@pytest.mark.parametrize(
    "question, facts",
    [
        ("kan ik iemand aan de lijn krijgen over een premie voor mijn dak", ["056/27.84.3", "chatbot"]),
        ("ik wil met een mens praten", [SOCIAAL_HUIS]),
    ],
)
def test_a_wish_for_a_person_is_a_handoff(question, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question, "ask_info"))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should give {fact!r}:\n{reply.text}"


@pytest.mark.parametrize(
    "question, intent, facts",
    [
        # The classifier hears a wish for a person, a yes or a no in questions the search knows.
        (
            "kan ik zomaar binnenlopen bij team wonen van het ocmw of moet iemand mij sturen",
            "request_human",
            ["verwijzing"],
        ),
        ("hoeveel geld geeft het ocmw elk jaar aan de huurdersbond", "request_human", ["18000", "Bron: 1.C"]),
        ("ja, wie zitten er eigenlijk in de kerngroep van het woonoverleg", "affirm", ["stadsontwikkelingsbedrijf"]),
        ("nee, ik bedoel hoeveel kost een conformiteitsattest", "deny", ["62,5"]),
    ],
)
def test_a_question_heard_as_small_talk_is_answered(question, intent, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question, intent))
    for fact in facts:
        assert fact in reply.text, f"{question!r} ({intent}) should say {fact!r}:\n{reply.text}"


@pytest.mark.parametrize(
    "message, slots, facts",
    [
        ("stop, geef mij een medewerker", None, ["chatbot", SOCIAAL_HUIS]),
        ("persoon aub", None, ["chatbot", SOCIAAL_HUIS]),
        # After the dakisolatie answer: the desk of that premium.
        ("kan ik iemand spreken", {"record_id": "6-b-dakisolatie"}, ["chatbot", "056/27.84.33"]),
    ],
)
def test_a_wish_for_a_person_the_classifier_heard_is_a_handoff(message, slots, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(message, "request_human", slots=slots))
    for fact in facts:
        assert fact in reply.text, f"{message!r} should give {fact!r}:\n{reply.text}"


@pytest.mark.parametrize(
    "message, intent, response",
    [
        ("ja", "affirm", "utter_affirm"),
        ("ok merci", "affirm", "utter_affirm"),
        ("nee", "deny", "utter_deny"),
        # The "Iets anders" button.
        ("/deny", "deny", "utter_deny"),
    ],
)
def test_a_lone_yes_or_no_gets_its_own_reply(message, intent, response) -> None:
    for slots in (None, {"record_id": "6-b-dakisolatie"}):
        reply = run(ActionAnswer(), tracker_for(message, intent, slots=slots))
        assert [m.get("response") for m in reply.messages] == [response], f"{message!r} ({slots}): {reply.messages}"


def test_a_call_about_a_situation_gets_the_referral() -> None:
    reply = run(ActionAnswer(), tracker_for("er slaapt een man zonder dak in onze gang, wie bel ik nu", "ask_contact"))
    assert "RCK" in reply.text, reply.text


def test_where_to_go_for_a_list_record_lists_its_places() -> None:
    reply = run(
        ActionAnswer(), tracker_for("waar kan ik terecht voor advies om mijn huis aan te passen aan mijn leeftijd")
    )
    assert "Dienstencentra" in reply.text and "Bron: 6.B" in reply.text, reply.text


@pytest.mark.parametrize(
    "question, facts",
    [
        ("ki 800 en huur 420, hoeveel krijg ik via het svk", ["Ja: de stad betaalt € 84 per maand"]),
        ("hoeveel instappremie krijgt het svk voor 3 woningen", ["3 × € 1.000 = € 3.000"]),
        ("wat kost een conformiteitsattest voor drie kamers", ["€ 187,50"]),
    ],
)
def test_numbers_in_a_question_are_computed(question, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should compute {fact!r}:\n{reply.text}"


def test_english_gets_a_line_in_english_and_the_answer() -> None:
    reply = run(ActionAnswer(), tracker_for("where is the sociaal huis in kortrijk", "other_language"))
    assert "Dutch" in reply.text and "Budastraat 27" in reply.text, reply.text


def test_a_price_the_page_does_not_give_is_said() -> None:
    reply = run(ActionAnswer(), tracker_for("hoeveel kost het om in de nachtopvang te slapen"))
    assert "staat niet op de stadspagina" in reply.text, reply.text


@pytest.mark.parametrize(
    "message, intent, response",
    [
        ("hallo", "greet", "utter_greet"),
        ("hoi", "greet", "utter_greet"),
        ("dank je", "thank", "utter_thank"),
        ("merci!", "thank", "utter_thank"),
        ("salukes", "goodbye", "utter_goodbye"),
    ],
)
def test_a_greeting_after_an_answer_is_not_a_follow_up(message, intent, response) -> None:
    tracker = tracker_for(message, intent, slots={"record_id": "6-b-dakisolatie"})
    reply = run(ActionAnswer(), tracker)
    assert [m.get("response") for m in reply.messages] == [response], (
        f"{message!r} after the dakisolatie answer: {reply.messages}"
    )


def test_thanks_with_a_question_still_builds_on_the_answer() -> None:
    tracker = tracker_for("merci, en hun telefoonnummer?", "thank", slots={"record_id": "6-b-dakisolatie"})
    assert "056/27.84.33" in run(ActionAnswer(), tracker).text


@pytest.mark.parametrize("message", ["sdfgh", "asdf jkl", "NaN", "xd", "hmm"])
def test_keys_hit_after_an_answer_do_not_repeat_it(message) -> None:
    tracker = tracker_for(message, "out_of_scope", slots={"record_id": "6-b-dakisolatie"})
    reply = run(ActionAnswer(), tracker)
    assert "Bron: 6.B" not in reply.text, f"{message!r} after the dakisolatie answer repeated it:\n{reply.text}"
    assert reply.messages, f"{message!r} after an answer got no reply"


@pytest.mark.parametrize(
    "message, fact",
    [
        ("en hun nummer?", "056/27.84.33"),
        ("mail?", "bouwen.milieu.wonen@kortrijk.be"),
        ("zondag?", "gesloten"),
        ("hoe dikwijls?", "Dakisolatie"),
    ],
)
def test_a_short_real_follow_up_still_builds_on_the_answer(message, fact) -> None:
    tracker = tracker_for(message, "ask_info", slots={"record_id": "6-b-dakisolatie"})
    reply = run(ActionAnswer(), tracker)
    assert fact in reply.text, f"{message!r} after the dakisolatie answer should say {fact!r}:\n{reply.text}"
