from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from knowledge.nl.amounts import format_euro
from knowledge.parser import load_source, parse
from knowledge.rules import RuleInputError
from knowledge.rules.svk import (
    ENTRY_PREMIUM,
    KI_MAX,
    KI_MIN,
    MAX_RENT,
    SHARE,
    asks_support,
    describe_entry_premiums,
    read_inputs,
    svk_support,
)

KI_IN_RANGE = st.decimals(min_value=KI_MIN, max_value=KI_MAX, places=2)
RENT_ALLOWED = st.decimals(min_value=Decimal("0.01"), max_value=MAX_RENT, places=2)


def test_constants_still_match_the_document():
    text = load_source()
    rule = (
        f"Voor woningen met een KI tussen {KI_MIN:f} en {KI_MAX:f} euro en een maximale "
        f"huurprijs van €{MAX_RENT:f} komt de stad tussen ten bedrage van "
        f"{(SHARE * 100).normalize():f}% van de overeengekomen maandelijkse huurprijs"
    )
    premium = f"éénmalige instappremie van {format_euro(ENTRY_PREMIUM)}."
    assert rule in text, f"section 4.C.2.1.a should still say: {rule!r}"
    assert premium in text, f"section 4.C.2.1.a should still say: {premium!r}"


def test_constants_match_the_parsed_record():
    record = next(r for r in parse(load_source()) if r.code == "4.C.2.1.a" and r.amounts)
    facts = {(a.value, a.max_value, a.unit) for a in record.amounts}
    for fact, what in [
        ((KI_MIN, KI_MAX, "EUR"), "KI tussen 500 en 1000 euro"),
        ((MAX_RENT, None, "EUR"), "maximale huurprijs van €450"),
        ((SHARE * 100, None, "%"), "20%"),
        ((ENTRY_PREMIUM, None, "EUR"), "instappremie van € 1.000"),
    ]:
        assert fact in facts, f"the parsed 4.C.2.1.a record should hold {what}"


@pytest.mark.parametrize(
    "ki, rent, monthly",
    [
        ("500", "450", "90.00"),
        ("1000", "450", "90.00"),
        ("650", "437.50", "87.50"),
        ("999.99", "300", "60.00"),
        ("750", "0.01", "0.00"),
        ("750", "0.03", "0.01"),
        ("750", "437.53", "87.51"),
        ("750", "437.525", "87.51"),
    ],
)
def test_eligible_houses_get_twenty_percent(ki, rent, monthly):
    outcome = svk_support(Decimal(ki), Decimal(rent))
    assert outcome.eligible, f"KI {ki} with rent {rent} is within the 4.C.2.1.a bounds"
    assert outcome.monthly == Decimal(monthly), f"KI {ki}, rent {rent}: the city pays 20% = {monthly} per month"
    assert outcome.yearly == Decimal(monthly) * 12, f"rent {rent}: yearly is 12 × {monthly}"
    assert outcome.failed == ()


@pytest.mark.parametrize(
    "ki, rent, codes",
    [
        ("499.99", "400", ("ki_too_low",)),
        ("1000.01", "400", ("ki_too_high",)),
        ("650", "450.01", ("rent_too_high",)),
        ("400", "500", ("ki_too_low", "rent_too_high")),
        ("1200", "451", ("ki_too_high", "rent_too_high")),
    ],
)
def test_failing_conditions_are_named(ki, rent, codes):
    outcome = svk_support(Decimal(ki), Decimal(rent))
    assert not outcome.eligible, f"KI {ki} with rent {rent} is outside KI 500–1000 / max €450"
    assert tuple(c.code for c in outcome.failed) == codes, f"KI {ki}, rent {rent} fails {codes}"
    assert outcome.monthly == outcome.yearly == 0, f"KI {ki}, rent {rent}: no support"


@pytest.mark.parametrize(
    "ki, rent, words",
    [
        ("499.99", "400", ["€ 499,99", "lager dan € 500"]),
        ("1000.01", "400", ["hoger dan € 1.000"]),
        ("650", "450.01", ["€ 450,01", "hoger dan € 450"]),
    ],
)
def test_explanations_are_dutch_and_name_the_numbers(ki, rent, words):
    outcome = svk_support(Decimal(ki), Decimal(rent))
    text = " ".join(c.explanation for c in outcome.failed)
    for word in words:
        assert word in text, f"KI {ki}, rent {rent}: the explanation should say {word!r}"


def test_reply_for_an_eligible_house():
    reply = svk_support(Decimal("650"), Decimal("437.50")).reply()
    for fact in ["€ 87,50 per maand", "€ 1.050 per jaar", "20%", "(grenzen inbegrepen)", "instappremie van € 1.000"]:
        assert fact in reply, f"KI 650, rent 437,50: the reply should say {fact!r}"


def test_reply_for_a_house_outside_the_rule():
    reply = svk_support(Decimal("1200"), Decimal("400")).reply()
    for fact in ["hoger dan € 1.000", "KI tussen € 500 en € 1.000", "maximaal € 450", "(grenzen inbegrepen)"]:
        assert fact in reply, f"KI 1200: the reply should say {fact!r}"
    assert "per maand" not in reply, "KI 1200: no monthly amount when not eligible"


def test_int_inputs_are_accepted():
    assert svk_support(650, 400).monthly == Decimal("80.00"), "KI 650, rent 400 gives € 80"


@pytest.mark.parametrize(
    "ki, rent, field, words",
    [
        ("0", "400", "ki", "groter dan 0"),
        ("-650", "400", "ki", "groter dan 0"),
        ("650", "0", "rent", "groter dan 0"),
        ("650", "-400", "rent", "groter dan 0"),
        ("100000.01", "400", "ki", "lijkt niet te kloppen"),
        ("650", "20000.01", "rent", "lijkt niet te kloppen"),
        ("NaN", "400", "ki", "groter dan 0"),
        ("650", "Infinity", "rent", "groter dan 0"),
    ],
)
def test_invalid_inputs_get_a_dutch_message_with_an_example(ki, rent, field, words):
    with pytest.raises(RuleInputError) as error:
        svk_support(Decimal(ki), Decimal(rent))
    assert error.value.field == field, f"KI {ki}, rent {rent}: the problem is the {field}"
    assert words in error.value.message, f"KI {ki}, rent {rent}: message should say {words!r}"
    assert "bijvoorbeeld" in error.value.message, f"KI {ki}, rent {rent}: give an example"


@pytest.mark.parametrize("value", [650.0, "650", None, True])
def test_non_decimal_inputs_are_a_programming_error(value):
    with pytest.raises(TypeError):
        svk_support(value, Decimal("400"))


@given(KI_IN_RANGE, RENT_ALLOWED)
def test_support_is_twenty_percent_of_rent_when_eligible(ki, rent):
    outcome = svk_support(ki, rent)
    assert outcome.eligible, f"KI {ki}, rent {rent} is within bounds"
    assert abs(outcome.monthly - rent * SHARE) <= Decimal("0.005"), (
        f"KI {ki}, rent {rent}: support is 20% of the rent, rounded to the cent"
    )


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2),
    st.decimals(min_value=MAX_RENT + Decimal("0.01"), max_value=Decimal("20000"), places=2),
)
def test_never_eligible_above_the_maximum_rent(ki, rent):
    outcome = svk_support(ki, rent)
    assert not outcome.eligible, f"rent {rent} is above the maximum of €450"
    assert "rent_too_high" in [c.code for c in outcome.failed]


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2), RENT_ALLOWED)
def test_eligible_exactly_when_ki_is_within_bounds(ki, rent):
    assert svk_support(ki, rent).eligible == (KI_MIN <= ki <= KI_MAX), (
        f"KI {ki}, rent {rent}: eligible only with a KI of 500 to 1000 (inclusive)"
    )


@given(KI_IN_RANGE, RENT_ALLOWED, RENT_ALLOWED)
def test_support_grows_with_the_rent(ki, rent_a, rent_b):
    assume(rent_a != rent_b)
    low, high = sorted([rent_a, rent_b])
    assert svk_support(ki, low).monthly <= svk_support(ki, high).monthly, (
        f"KI {ki}: a rent of {high} never gets less support than {low}"
    )


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20000"), places=3),
)
def test_yearly_is_twelve_times_monthly(ki, rent):
    outcome = svk_support(ki, rent)
    assert outcome.yearly == outcome.monthly * 12, f"KI {ki}, rent {rent}: yearly = 12 × monthly"


@pytest.mark.parametrize(
    "message, asked, expected",
    [
        ("ik huur via het svk, mijn ki is 720 en ik betaal 380 in de maand", None, {"ki": "720", "huur": "380"}),
        ("KI: 910, huur € 452", None, {"ki": "910", "huur": "452"}),
        ("huur 395 en ki 640", None, {"huur": "395", "ki": "640"}),
        ("€410/mnd, kadastraal inkomen 560", None, {"huur": "410", "ki": "560"}),
        ("t kadastraal inkomen is ongeveer 830 euro", None, {"ki": "830"}),
        ("de huur is vierhonderd vijftig euro en t ki zevenhonderd", None, {"huur": "450", "ki": "700"}),
        ("mijn huur is 420,50 euro per maand", None, {"huur": "420.50"}),
        ("ik betaal 415", "ki", {"huur": "415"}),
        ("690", "ki", {"ki": "690"}),
        ("435 euro", "huur", {"huur": "435"}),
        ("810 en 405", "ki", {"ki": "810", "huur": "405"}),
        ("hoeveel legt de stad bij in mijn huur", None, {}),
        ("bel 056/27.84.30", None, {}),
        ("700", None, {}),
        # Digits of a phone number, a national register number or a house number are no amounts.
        ("Mijn nummer is 0470 12 34 56, waar kan ik mijn hond laten inenten?", None, {}),
        ("bel me op 0475/12.34.56", "ki", {}),
        ("rrn 85.07.30-033.61, ki 650 en huur 430", None, {"ki": "650", "huur": "430"}),
        ("ik woon in de Kerkstraat 12, mijn ki is 700", None, {"ki": "700"}),
    ],
)
def test_ki_and_rent_are_read_from_what_people_type(message, asked, expected) -> None:
    found = {k: str(v) for k, v in read_inputs(message, asked).items()}
    assert found == expected, f"{message!r} (asked {asked}) gives {expected}, read {found}"


@pytest.mark.parametrize(
    "message, support",
    [
        ("hoeveel legt de stad bij in mijn huur via het svk", True),
        ("kom ik in aanmerking voor die 20% van de stad", True),
        ("krijg ik huurpremie via t sociaal verhuurkantoor", True),
        ("ki 650 huur 430", True),
        ("hoeveel woningen neemt het svk per jaar in huur voor het ocmw", False),
        ("hoeveel budget trekt het ocmw uit voor het svk", False),
        ("wie heeft svk de poort opgericht", False),
    ],
)
def test_only_rent_support_questions_start_the_calculation(message, support) -> None:
    assert asks_support(message) is support, f"{message!r} {'is' if support else 'is not'} about rent support"


@pytest.mark.parametrize(
    "ki, rent, starts, says",
    [
        (700, 400, "Ja: de stad betaalt € 80 per maand bij", "€ 960 per jaar"),
        (700, 451, "Nee, dan betaalt de stad niets bij", "hoger dan € 450"),
        (1001, 400, "Nee, dan betaalt de stad niets bij", "hoger dan € 1.000"),
    ],
)
def test_the_verdict_comes_first(ki, rent, starts, says) -> None:
    reply = svk_support(ki, rent).reply()
    assert reply.startswith(starts) and says in reply, f"KI {ki}, rent {rent}: {reply}"


def test_entry_premiums_for_several_houses() -> None:
    assert "5 × € 1.000 = € 5.000" in describe_entry_premiums(5)
    with pytest.raises(RuleInputError):
        describe_entry_premiums(0)
