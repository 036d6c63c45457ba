"""Referral helper: real social-worker phrasings -> the right services, conditions and contacts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.overlays import record_name
from knowledge.parser import load_source, parse
from knowledge.referral import (
    OPTION_BUDGET,
    Referral,
    ReferralError,
    check_rules,
    load_referral_rules,
    parse_referral_rules,
    refer,
)

CRISISOPVANG = ("7.B", "Crisisopvang")
OPVANGCENTRA = ("7.B", "Opvangcentra")
SOCIAAL_HUIS_PHONE = "056 24 42 22"
CRISIS_EXCLUSION = "Situaties waarbij een psychische of verslavingsproblematiek meespeelt worden niet opgenomen"
ONLY_KORTRIJK = "staat in principe enkel open voor mensen van Kortrijk"


# Parsed once: hypothesis draws its examples from the rules at import time.
_RECORDS = parse(load_source())
_RULES = load_referral_rules()
_TRIGGER_TEXTS = sorted({t.text.lstrip("=") for s in _RULES.situations + _RULES.modifiers for t in s.triggers})


@pytest.fixture(scope="module")
def records():
    return _RECORDS


@pytest.fixture(scope="module")
def rules():
    return _RULES


@pytest.fixture(scope="module")
def by_name(records):
    return {(r.code, r.title): r for r in records}


def _refer(description: str, records, rules) -> Referral:
    return refer(description, records, rules)


def _names(referral: Referral) -> list[tuple[str, str]]:
    return [(o.record.code, o.record.title) for o in referral.options]


def _option(referral: Referral, name: tuple[str, str]):
    return next(o for o in referral.options if (o.record.code, o.record.title) == name)


# --- the phrasings -------------------------------------------------------------

TOP_CASES = [
    # (description, expected first option, quotes that must be among its conditions, text in its contact)
    (
        "ik heb een cliënt die vannacht op straat staat",
        ("7.B", "RCK"),
        ["buiten de kantooruren", "gedurende één nacht"],
        "centrale dispatching",
    ),
    (
        "mevrouw 81j kan de trap niet meer op in haar huis",
        ("6.B", "Aanpasbaar/levenslang wonen"),
        ["aangepast aan de leeftijd en/of gezondheidstoestand"],
        SOCIAAL_HUIS_PHONE,
    ),
    (
        "meneer kreeg een vonnis van uithuiszetting, moet binnen 2 weken weg",
        ("7.A", "Preventie van uithuiszetting"),
        ["Vanuit de griffie van het vredegerecht wordt het OCMW op de hoogte gebracht"],
        SOCIAAL_HUIS_PHONE,
    ),
    (
        "gezin met 3 kinderen heeft dringend tijdelijk onderdak nodig",
        CRISISOPVANG,
        ["max 30 dagen", "alleenstaanden, koppels en kleine gezinnen", ONLY_KORTRIJK],
        SOCIAAL_HUIS_PHONE,
    ),
    (
        "jongeman 19j, drugsproblematiek, dakloos",
        OPVANGCENTRA,
        ["mannen, vrouwen en jongvolwassenen"],
        "adressen in 7.B",
    ),
    ("client woont in Menen, geen dak vannacht", ("7.B", "RCK"), ["buiten de kantooruren"], "centrale dispatching"),
    (
        "huurachterstand bij de sociale huisvestingsmaatschappij",
        ("2.A", "Team Wonen OCMW"),
        ["huurachterstand bij Sociale Huisvestingsmaatschappijen en SVK de Poort", "alleen op verwijzing"],
        SOCIAAL_HUIS_PHONE,
    ),
    (
        "mijn cliënt zoekt een huurwoning maar vindt niets",
        ("1.C", "Woonclub"),
        ["De dienstverlening van de woonclub is gratis"],
        "Geen contact in het document; vraag het Sociaal Huis",
    ),
    (
        "huurder met ruzie met huisbaas over huurprijsverhoging",
        ("1.C", "Huurdersbond"),
        [
            "huurders van particuliere woningen",
            "huurprijsverhogingen, einde van een huurcontract en opzeggingen",
            "wekelijks twee zitdagen in Sociaal Huis",
        ],
        SOCIAAL_HUIS_PHONE,
    ),
    # Flemish, typos, no accents, other words for the same thing
    (
        "k heb ne client die dakloos is en verslaafd aan alcohol",
        OPVANGCENTRA,
        ["Deze opvang staat open voor iedereen"],
        "adressen in 7.B",
    ),
    (
        "deurwaarder is langs geweest, mijn klant moet uit zijn huis",
        ("7.A", "Preventie van uithuiszetting"),
        [],
        SOCIAAL_HUIS_PHONE,
    ),
    ("uithuiszeting volgende week", ("7.A", "Preventie van uithuiszetting"), [], SOCIAAL_HUIS_PHONE),
    ("bejaarde man kan niet meer de trap op", ("6.B", "Aanpasbaar/levenslang wonen"), [], SOCIAAL_HUIS_PHONE),
    (
        "mevrouw zit in een rolstoel en haar badkamer is boven",
        ("6.B", "Aanpasbaar/levenslang wonen"),
        [],
        SOCIAAL_HUIS_PHONE,
    ),
    (
        "de woning is vochtig en vol schimmel, huisbaas doet niets",
        ("5.A.3", "Kwaliteitsonderzoek woningen/kamers"),
        ["Voor woningonderzoeken"],
        "nummer niet bevestigd",
    ),
    (
        "woning werd onbewoonbaar verklaard, wat nu",
        ("7.A", "Herhuisvesting"),
        ["doet de stad beroep op de huisvestingsmaatschappijen en het OCMW"],
        SOCIAAL_HUIS_PHONE,
    ),
    ("achterstal huur bij De Poort", ("2.A", "Team Wonen OCMW"), [], SOCIAAL_HUIS_PHONE),
    ("HUURACHTERSTAND bij bouwmaatschappij", ("2.A", "Team Wonen OCMW"), [], SOCIAAL_HUIS_PHONE),
    ("vrouw met 2 kindjes, moeten dringend tijdelijke opvang", CRISISOPVANG, ["kleine gezinnen"], SOCIAAL_HUIS_PHONE),
    (
        "cliënt met psychiatrisch verleden zoekt begeleid wonen",
        ("4.B.3.1", "Wonen en zorg op een kruispunt"),
        ["mensen met psychiatrisch verleden"],
        "Martine Knockaert",
    ),
]


@pytest.mark.parametrize("description, first, quotes, contact", TOP_CASES)
def test_top_option_with_its_conditions_and_contact(description, first, quotes, contact, records, rules):
    referral = _refer(description, records, rules)
    assert referral.options, f"{description!r} should be recognised as a situation"
    top = referral.options[0]
    assert (top.record.code, top.record.title) == first, (
        f"{description!r} should put {first[1]} ({first[0]}) first, got {_names(referral)[:3]}"
    )
    assert not top.ranked_down, f"{description!r}: the first option must not be one that does not fit"
    for quote in quotes:
        assert any(quote in shown for shown in top.conditions), (
            f"{description!r}: {first[1]} should show the condition {quote!r}, got {top.conditions}"
        )
    assert contact in top.contact_text, f"{description!r}: {first[1]} contact should mention {contact!r}"


@pytest.mark.parametrize(
    "description, label",
    [
        ("moe tegen volgende week uit me huis, wa moet ik doen", "Dreigende uithuiszetting"),
        ("alleenstaande moeder, 2 kinderen, huisbaas zet hen buiten eind van de maand", "Dreigende uithuiszetting"),
        ("man slaapt al een week in zijn auto", "Dakloos, geen slaapplaats"),
        ("cliënt komt uit de gevangenis en heeft geen woonst", "Dakloos, geen slaapplaats"),
        ("mevrouw van 78 valt vaak, woont alleen op een appartement zonder lift", "Oudere met woon- of zorgvraag"),
        (
            "mevrouw van 78 valt vaak, woont alleen op een appartement zonder lift",
            "Woning niet meer aangepast (trap, rolstoel)",
        ),
        ("meneer kan zijn huur niet meer betalen bij een private eigenaar", "Huurachterstand"),
        ("meneer kan zijn huur niet meer betalen bij een private eigenaar", "Private verhuurder"),
        ("de verhuurder wil de waarborg niet teruggeven", "Probleem met een private verhuurder"),
        ("huis is een krot, overal schimmel", "Woning in slechte staat"),
    ],
)
def test_situation_recognised(description, label, records, rules):
    situations = _refer(description, records, rules).situations
    assert label in situations, f"{description!r} should be read as {label!r}, got {situations}"


@pytest.mark.parametrize(
    "description, expected",
    [
        ("meneer kreeg een vonnis van uithuiszetting, moet binnen 2 weken weg", ("2.A", "Team Wonen OCMW")),
        ("gezin met 3 kinderen heeft dringend tijdelijk onderdak nodig", ("7.B", "Project Huis Inclusief")),
        ("gezin met 3 kinderen heeft dringend tijdelijk onderdak nodig", ("7.B", "Doorgangswoningen")),
        ("client woont in Menen, geen dak vannacht", OPVANGCENTRA),
        ("huurachterstand bij de sociale huisvestingsmaatschappij", ("7.A", "Preventie van uithuiszetting")),
        ("mevrouw 81j kan de trap niet meer op in haar huis", ("2.A", "Team Wonen OCMW")),
    ],
)
def test_runner_up_is_offered(description, expected, records, rules):
    names = _names(_refer(description, records, rules))[:3]
    assert expected in names, f"{description!r} should offer {expected[1]} ({expected[0]}) in the top 3, got {names}"


# --- exclusions: the crisisopvang is not for everyone ----------------------------------


@pytest.mark.parametrize(
    "description, reason, quote",
    [
        ("jongeman 19j, drugsproblematiek, dakloos", "verslaving", CRISIS_EXCLUSION),
        ("dakloze vrouw, zwaar verslaafd aan alcohol", "verslaving", CRISIS_EXCLUSION),
        ("mevrouw heeft een psychiatrische achtergrond en staat op straat", "psychische", CRISIS_EXCLUSION),
        ("gezin met kinderen, vader psychotisch, dringend tijdelijk onderdak", "psychische", CRISIS_EXCLUSION),
        ("client woont in Menen, geen dak vannacht", "buiten Kortrijk", ONLY_KORTRIJK),
        ("mevrouw is niet van Kortrijk en heeft geen slaapplaats", "buiten Kortrijk", ONLY_KORTRIJK),
        ("jongen uit Wevelgem is dakloos", "buiten Kortrijk", ONLY_KORTRIJK),
    ],
)
def test_crisisopvang_ranked_down_with_the_reason(description, reason, quote, records, rules):
    referral = _refer(description, records, rules)
    names = _names(referral)
    assert names[0] != CRISISOPVANG, f"{description!r}: the crisisopvang must not come first"
    crisis = _option(referral, CRISISOPVANG)
    assert crisis.ranked_down and reason in crisis.warnings[0], (
        f"{description!r}: the crisisopvang should be ranked down because of {reason!r}, got {crisis.warnings}"
    )
    assert crisis.conditions[0] == quote, f"{description!r}: the crisisopvang should quote {quote!r} first"
    summary = referral.summary_text()
    assert "Minder geschikt:" in summary and quote in summary, (
        f"{description!r}: the summary should say why the crisisopvang does not fit ({quote!r})"
    )


@pytest.mark.parametrize(
    "description",
    [
        "client woont in Menen, geen dak vannacht",
        "mevrouw is niet van Kortrijk en heeft geen slaapplaats",
    ],
)
def test_caw_opvang_ranked_up_for_people_from_elsewhere(description, records, rules):
    referral = _refer(description, records, rules)
    names = _names(referral)
    assert names.index(OPVANGCENTRA) < 2, f"{description!r}: the CAW opvangcentra should be in the top 2, got {names}"
    assert _option(referral, OPVANGCENTRA).conditions[0] == "Ook mensen van buiten de stad kunnen hier terecht"


@pytest.mark.parametrize(
    "description",
    [
        "dakloze man, geen drugs of alcohol",
        "meneer staat op straat, geen verslaving, niet psychiatrisch",
        "meneer uit Heule staat op straat",
        "men zegt dat hij dakloos is",
    ],
)
def test_crisisopvang_not_ranked_down_without_a_reason(description, records, rules):
    crisis = _option(_refer(description, records, rules), CRISISOPVANG)
    assert not crisis.ranked_down, f"{description!r}: nothing excludes the crisisopvang, got {crisis.warnings}"


@pytest.mark.parametrize(
    "description, unwanted",
    [
        ("student woont bij zijn ouders, zoekt een huurwoning", "Oudere met woon- of zorgvraag"),
        ("meneer woont niet in Menen maar in Kortrijk, staat op straat", "Niet van Kortrijk"),
        ("huurachterstand bij de sociale huisvestingsmaatschappij", "Probleem met een private verhuurder"),
        ("vluchteling zonder opvang", "Gezin met kinderen"),
        ("ik rij met de auto naar het sociaal huis", "Dakloos, geen slaapplaats"),
    ],
)
def test_no_false_situation(description, unwanted, records, rules):
    situations = _refer(description, records, rules).situations
    assert unwanted not in situations, f"{description!r} should not be read as {unwanted!r}: {situations}"


def test_private_tenant_union_not_offered_for_social_landlord_arrears(records, rules):
    referral = _refer("huurachterstand bij de sociale huisvestingsmaatschappij", records, rules)
    assert ("1.C", "Huurdersbond") not in _names(referral), (
        "the Huurdersbond defends tenants of private dwellings: not for arrears with a social landlord"
    )


# --- unmatched: the caller falls back to search ----------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "wat zijn de openingsuren van de balie",
        "premie voor dakisolatie",
        "hoeveel kost een conformiteitsattest",
        "",
    ],
)
def test_unmatched_gives_no_options(description, records, rules):
    referral = _refer(description, records, rules)
    assert referral.unmatched and not referral.situations, f"{description!r} is no referral situation"
    assert referral.summary_text() == ""


# --- the copyable summary --------------------------------------------------------------


@pytest.mark.parametrize("description", [case[0] for case in TOP_CASES])
def test_summary_is_short_and_complete(description, records, rules):
    referral = _refer(description, records, rules)
    summary = referral.summary_text()
    lines = summary.split("\n")
    assert lines[0].startswith("Situatie: ") and referral.situations[0] in lines[0]
    option_lines = [line for line in lines if re.match(r"(\d+\.|-) ", line)]
    assert option_lines, f"{description!r}: the summary should list options"
    for line in option_lines:
        assert len(line) <= OPTION_BUDGET, f"{description!r}: option line too long for a phone ({len(line)}): {line}"
    top = referral.options[0]
    assert top.contact_text in lines[1], f"{description!r}: the first option should carry its contact"
    assert top.record.section_label() in lines[-1], f"{description!r}: the sources should name {top.record.code}"


def test_every_situation_with_every_modifier_fits_a_phone(records, rules):
    """Each option line fits the budget and still shows its first (most important) condition."""
    assert rules.situations, "referral.yml gave no situations"
    with_conditions = 0
    for situation in rules.situations:
        for modifier in (None, *rules.modifiers):
            description = situation.triggers[0].text.lstrip("=")
            if modifier:
                description += ", " + modifier.triggers[0].text.lstrip("=")
            options = _refer(description, records, rules).options
            assert options, f"{description!r}: its situation's own trigger gave no options"
            for option in options:
                line = option.warning_line() if option.ranked_down else option.line(1)
                assert len(line) <= OPTION_BUDGET, f"{description!r}: {len(line)} characters: {line}"
                if option.conditions:
                    with_conditions += 1
                    assert option.conditions[0] in line, f"{description!r}: first condition missing in {line}"
    assert with_conditions, "no option of any situation had a condition to check"


def test_contacts_come_from_the_document(records, rules):
    source = load_source()
    assert rules.situations, "referral.yml gave no situations"
    phones = 0
    for situation in rules.situations:
        description = situation.triggers[0].text.lstrip("=")
        options = _refer(description, records, rules).options
        assert options, f"{description!r}: its situation's own trigger gave no options"
        for option in options:
            for phone in re.findall(r"0\d{2}[/ .\d]{6,}\d", option.contact_text):
                phones += 1
                assert phone in source, f"{option.record.title}: phone {phone!r} is not in the document"
            if option.contact is None:
                assert "in het document" in option.contact_text, (
                    f"{option.record.title} has no contact: the text must say the document gives none"
                )
    assert phones, "no phone number found in any option's contact text"


@given(st.lists(st.sampled_from(_TRIGGER_TEXTS), min_size=1, max_size=6), st.sampled_from([", ", " en ", " "]))
@settings(max_examples=60, deadline=None)
def test_any_mix_of_triggers_gives_grounded_short_options(parts, glue):
    referral = refer(glue.join(parts), _RECORDS, _RULES)
    for option in referral.options:
        assert all(q in option.record.body for q in option.conditions), f"{parts}: ungrounded quote"
        line = option.warning_line() if option.ranked_down else option.line(1)
        assert len(line) <= OPTION_BUDGET, f"{parts}: {len(line)} characters: {line}"


# --- grounding of referral.yml ----------------------------------------------------------


def test_every_condition_is_verbatim_in_its_record_and_every_record_exists(by_name, rules):
    references = rules.references()
    assert references, "referral.yml gave no candidate records"
    quotes = 0
    for where, candidate in references:
        record = by_name.get(candidate.record)
        assert record is not None, f"{where}: {candidate.record} is not a record of the document"
        for quote in candidate.conditions:
            quotes += 1
            assert quote in record.body, f"{where}: {quote!r} is not verbatim in {candidate.record}"
    assert quotes, "no candidate in referral.yml quotes a condition"
    assert rules.fallback.record in by_name and by_name[rules.fallback.record].primary_contact() is not None
    assert rules.contact_notes, "referral.yml gave no contact notes"
    assert all(name in by_name for name in rules.contact_notes)


def test_ranking_down_always_quotes_the_reason(rules):
    ranked_down = [(where, candidate) for where, candidate in rules.references() if candidate.weight < 0]
    assert ranked_down, "referral.yml ranks no candidate down"
    for where, candidate in ranked_down:
        assert candidate.conditions, f"{where}: ranking {candidate.record} down needs a quote that says why"


def test_check_rules_reports_an_invented_condition(records):
    text = """
fallback_contact: {record: "2.A Sociaal Huis", say: "vraag het Sociaal Huis", why: "test"}
situations:
  - id: dakloos
    label: Dakloos
    why: test
    triggers: [dakloos]
    options:
      - {record: "7.B Crisisopvang", weight: 1, why: test, conditions: ["max 60 dagen"]}
      - {record: "7.B Hotel", weight: 1, why: test, conditions: []}
"""
    problems = check_rules(parse_referral_rules(text), records)
    assert any("max 60 dagen" in p for p in problems), problems
    assert any("Hotel" in p for p in problems), problems


@pytest.mark.parametrize(
    "text",
    [
        "situations: [{id: a, label: A, triggers: [x], options: []}]\n"
        "fallback_contact: {record: '2.A Sociaal Huis', say: s, why: w}",
        "fallback_contact: {record: '2.A Sociaal Huis', say: s}",
        "fallback_contact: {record: 'Sociaal Huis', say: s, why: w}",
        "fallback_contact: {record: '2.A Sociaal Huis', say: s, why: w}\nunknown: 1",
    ],
)
def test_malformed_rules_are_refused(text):
    with pytest.raises(ReferralError):
        parse_referral_rules(text)


def test_record_name():
    assert record_name("4.B.3.1 Wonen en zorg op een kruispunt") == ("4.B.3.1", "Wonen en zorg op een kruispunt")
    assert record_name("7.B RCK") == ("7.B", "RCK")
