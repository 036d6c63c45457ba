"""What a question asks, read from its words (knowledge/questions.py)."""

from __future__ import annotations

import pytest

from knowledge.questions import read_question, strip_markup


@pytest.mark.parametrize(
    "message, plain",
    [
        ("<p><b>Wat kost een conformiteitsattest?</b></p>", "Wat kost een conformiteitsattest?"),
        ("<script>alert(1)</script> premie dak", "alert(1) premie dak"),
        ("**regenput** premie", "regenput premie"),
        ("[klik hier](javascript:alert(1)) huurdersbond", "klik hier huurdersbond"),
        ("huur &lt; 450 euro", "huur < 450 euro"),
        ("ik betaal 400 * 12", "ik betaal 400 * 12"),
    ],
)
def test_markup_is_not_part_of_the_question(message: str, plain: str) -> None:
    assert strip_markup(message) == plain, f"{message!r} should read as {plain!r}"


@pytest.mark.parametrize(
    "message, asks",
    [
        ("hoe dikwijls zit de huurdersbond in t sociaal huis", "frequency"),
        ("hoe vaak vergadert die stuurgroep", "frequency"),
        ("hoeveel geeft het ocmw jaarlijks aan de huurdersbond", "amount"),
        ("wa kost da attest", "amount"),
        ("moet ik iets betalen voor de woonclub", "amount"),
        ("hoeveel doorgangswoningen heeft het ocmw", "count"),
        ("sinds wanneer is er nachtopvang", "date"),
        ("wanneer is dat reglement goedgekeurd", "date"),
        ("wie beslist over een doorgangswoning", "who"),
        ("met welke organisaties werkt de woonclub samen", "who"),
        ("waar kan ik een premie voor mijn dak aanvragen", "where"),
        ("is er een e-loket voor wonen", "yesno"),
        ("kunde gij als student nog een kot bijbouwen", "yesno"),
        ("mijn broer is zijn huis kwijt, kan hij naar de crisisopvang", "yesno"),
        ("regenput premie", None),
    ],
)
def test_the_kind_of_fact_asked(message: str, asks: str | None) -> None:
    assert read_question(message).asks == asks, f"{message!r} asks for a {asks}"


@pytest.mark.parametrize(
    "message, hours",
    [
        ("is het sociaal huis open op vrijdag", True),
        ("tot hoe laat kan ik bij de balie terecht", True),
        ("balie maandag 18u gesloten?", True),
        ("openingsuren sociaal huis", True),
        ("staat de opvang open voor mensen van buiten kortrijk", False),
        ("wanneer werd het toewijzingsreglement goedgekeurd", False),
        ("hoeveel kost een attest", False),
    ],
)
def test_questions_about_opening_hours(message: str, hours: bool) -> None:
    assert read_question(message).hours is hours, f"{message!r} is {'' if hours else 'not '}about opening hours"


@pytest.mark.parametrize(
    "message, fields",
    [
        ("wat is het telefoonnummer van de balie", {"phone"}),
        ("mailadres huurdersbond?", {"email"}),
        ("op welk adres is het sociaal huis", {"address"}),
        ("mijn cliënt staat op straat", set()),
        ("welke premies zijn er", set()),
    ],
)
def test_contact_details_asked(message: str, fields: set[str]) -> None:
    assert read_question(message).contact_fields == fields, f"{message!r} asks for {fields or 'no contact'}"


@pytest.mark.parametrize(
    "message, overview",
    [
        ("welke premies zijn er allemaal", "list"),
        ("welke vormen van opvang bestaan er", "list"),
        ("wat doet de stad allemaal tegen leegstand", "list"),
        ("wat doet team wonen eigenlijk", "about"),
        ("waarover kan de balie mij informeren", "about"),
        ("hoeveel kost een conformiteitsattest", None),
        ("premie dakisolatie", None),
    ],
)
def test_overview_questions(message: str, overview: str | None) -> None:
    assert read_question(message).overview == overview, f"{message!r} asks for an overview: {overview}"


@pytest.mark.parametrize(
    "message, follow_up",
    [
        ("en hun nummer?", True),
        ("en op vrijdag?", True),
        ("en moet ik daar iets voor betalen?", True),
        ("wat is de premie voor dakisolatie", False),
    ],
)
def test_follow_ups(message: str, follow_up: bool) -> None:
    assert read_question(message).follow_up is follow_up, (
        f"{message!r} {'builds' if follow_up else 'does not build'} on the last answer"
    )


@pytest.mark.parametrize(
    "message, person",
    [
        ("ik wil iemand spreken over mijn premie", True),
        ("stop, ik wil een mens", True),
        ("graag een medewerker aan de lijn", True),
        ("ik zou graag contact hebben met een medewerker", True),
        ("contact met iemand van het sociaal huis aub", True),
        ("moet iemand mij doorverwijzen naar team wonen", False),
        ("wat is het telefoonnummer van de huurdersbond", False),
        ("wie helpt mij als ik uit mijn huis gezet word", False),
    ],
)
def test_a_wish_for_a_person_is_read_from_the_words(message: str, person: bool) -> None:
    assert read_question(message).person is person, f"{message!r}: wants a person should be {person}"
