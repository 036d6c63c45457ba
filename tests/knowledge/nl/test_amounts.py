from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.nl.amounts import format_euro, parse_amount, parse_amounts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("€ 437,50", "437.50"),
        ("437.50", "437.50"),
        ("437,5", "437.5"),
        ("450 euro per maand", "450"),
        ("KI: 650", "650"),
        ("1.000", "1000"),
        ("€1.000,00", "1000"),
        ("1000 eur", "1000"),
        ("650€", "650"),
        ("1,000.50", "1000.50"),
        ("1.250,75 euro", "1250.75"),
        ("mijn KI is 1,000", "1000"),
        ("huur 450,- per maand", "450"),
        ("ik betaal zeshonderd euro", "600"),
        ("vierhonderdvijftig", "450"),
        ("vijftig euro", "50"),
        ("tweeëntwintig euro", "22"),
        ("KI: -50", "-50"),
        ("k betaal 425 euro huur en mijn KI is 700", "425"),
    ],
)
def test_parse_amount_reads_the_first_amount(text, expected):
    assert parse_amount(text) == Decimal(expected), f"{text!r} should read as {expected} euro"


@pytest.mark.parametrize(
    "text",
    [
        "hoeveel steun krijg ik?",
        "een huis met drie kamers",
        "bel 056/27.84.30",
        "20% van de huur",
        "open om 17u",
        "op 21/09/2011",
        "1.2345",
    ],
)
def test_parse_amount_finds_no_amount(text):
    assert parse_amount(text) is None, f"{text!r} holds no euro amount"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KI tussen 500-1000", ["500", "1000"]),
        ("huur 437,50 en KI 650", ["437.50", "650"]),
        ("zeshonderd of 700 euro", ["600", "700"]),
    ],
)
def test_parse_amounts_keeps_the_written_order(text, expected):
    assert parse_amounts(text) == [Decimal(v) for v in expected], f"{text!r} holds {expected}"


@pytest.mark.parametrize(
    "text, value",
    [
        ("honderd euro", 100),
        ("zeshonderd", 600),
        ("vierhonderdvijftig", 450),
        ("vierhonderd vijftig euro per maand", 450),
        ("vier honderd en vijftig", 450),
        ("honderdenvijf", 105),
        ("tweeduizend", 2000),
        ("duizend tweehonderd", 1200),
        ("vijfenveertig euro", 45),
        ("elf euro", 11),
        ("huur", None),
        ("eend", None),
    ],
)
def test_number_words_are_amounts(text, value):
    expected = None if value is None else Decimal(value)
    assert parse_amount(text) == expected, f"{text!r} should read as {value}"


@pytest.mark.parametrize(
    "amount, expected",
    [
        ("87.5", "€ 87,50"),
        ("1000", "€ 1.000"),
        ("1000.00", "€ 1.000"),
        ("62.5", "€ 62,50"),
        ("0.005", "€ 0,01"),
        ("1234567.891", "€ 1.234.567,89"),
        ("-12.5", "€ -12,50"),
        ("90", "€ 90"),
    ],
)
def test_format_euro(amount, expected):
    assert format_euro(Decimal(amount)) == expected, f"{amount} should show as {expected}"


@given(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False))
def test_formatted_euro_reads_back_as_the_same_amount(amount):
    assert parse_amount(format_euro(amount)) == amount, f"{format_euro(amount)!r} is {amount}"
