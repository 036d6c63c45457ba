from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.nl.amounts import parse_amounts
from knowledge.parser import load_source, parse
from knowledge.rules import RuleInputError
from knowledge.rules.costs import MAX_UNITS, conformity_cost, describe_conformity_cost

# As written in 5.A.3, typo "woongelegeheid" included.
SENTENCE = "Conformiteitsattest kan worden aangevraagd bij de dienst Wonen en kost 62,5 euro per woongelegeheid."
PER_UNIT = Decimal("62.5")


def test_price_still_matches_the_document():
    assert SENTENCE in load_source(), "5.A.3 should still say the attest costs 62,5 euro per woongelegenheid"
    assert parse_amounts(SENTENCE) == [PER_UNIT], "the 5.A.3 sentence holds exactly € 62,50"


def test_price_from_the_parsed_record():
    record = next(
        r for r in parse(load_source()) if (r.code, r.title) == ("5.A.3", "Conformiteitsattest woningen/kamers")
    )
    [amount] = [a for a in record.amounts if a.unit == "EUR"]
    assert amount.value == PER_UNIT, "5.A.3: the attest costs 62,5 euro per woongelegenheid"
    assert conformity_cost(2, amount.value) == Decimal("125.00"), "2 × € 62,50 = € 125"


@pytest.mark.parametrize(
    "units, total",
    [
        (1, "62.50"),
        (2, "125.00"),
        (3, "187.50"),
        (10, "625.00"),
        (MAX_UNITS, "31250.00"),
    ],
)
def test_conformity_cost(units, total):
    assert conformity_cost(units, PER_UNIT) == Decimal(total), f"{units} woongelegenheden × € 62,50 = {total}"


def test_total_is_rounded_half_up_to_the_cent():
    assert conformity_cost(3, Decimal("10.005")) == Decimal("30.02"), "3 × 10,005 = 30,015 → 30,02"


@pytest.mark.parametrize(
    "units, words",
    [
        (0, "tussen 1 en 500"),
        (-2, "tussen 1 en 500"),
        (501, "tussen 1 en 500"),
        (2.5, "geheel getal"),
        ("3", "geheel getal"),
        (True, "geheel getal"),
    ],
)
def test_invalid_units_get_a_dutch_message(units, words):
    with pytest.raises(RuleInputError) as error:
        conformity_cost(units, PER_UNIT)
    assert error.value.field == "units"
    assert words in error.value.message, f"{units!r} units: the message should say {words!r}"
    assert "bijvoorbeeld 3" in error.value.message, f"{units!r} units: give an example"


@pytest.mark.parametrize("per_unit", [Decimal("0"), Decimal("-62.5"), Decimal("NaN"), 62.5])
def test_a_bad_price_from_the_facts_is_a_programming_error(per_unit):
    with pytest.raises(ValueError):
        conformity_cost(3, per_unit)


@given(st.integers(min_value=1, max_value=MAX_UNITS - 1))
def test_each_extra_unit_costs_the_unit_price(units):
    step = conformity_cost(units + 1, PER_UNIT) - conformity_cost(units, PER_UNIT)
    assert step == PER_UNIT, f"unit {units + 1} adds € 62,50"


@pytest.mark.parametrize(
    "units, expected",
    [
        (1, "Voor 1 woongelegenheid kost het conformiteitsattest 1 × € 62,50 = € 62,50."),
        (3, "Voor 3 woongelegenheden kost het conformiteitsattest 3 × € 62,50 = € 187,50."),
    ],
)
def test_describe_conformity_cost(units, expected):
    text = describe_conformity_cost(units, PER_UNIT)
    assert text.startswith(expected), f"{units} units: {expected!r}"
    assert "dienst Wonen" in text, "5.A.3: the attest is asked at the dienst Wonen"
