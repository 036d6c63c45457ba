from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.dutch import (
    AFTERNOON,
    EVENING,
    MORNING,
    NOON,
    Moment,
    detect_language,
    format_euro,
    parse_amount,
    parse_amounts,
    parse_part,
    parse_time,
    parse_weekday,
)

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize("text, expected", [
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
])
def test_parse_amount_reads_the_first_amount(text, expected):
    assert parse_amount(text) == Decimal(expected), f"{text!r} should read as {expected} euro"


@pytest.mark.parametrize("text", [
    "hoeveel steun krijg ik?",
    "een huis met drie kamers",
    "bel 056/27.84.30",
    "20% van de huur",
    "open om 17u",
    "op 21/09/2011",
    "1.2345",
])
def test_parse_amount_finds_no_amount(text):
    assert parse_amount(text) is None, f"{text!r} holds no euro amount"


@pytest.mark.parametrize("text, expected", [
    ("KI tussen 500-1000", ["500", "1000"]),
    ("huur 437,50 en KI 650", ["437.50", "650"]),
    ("zeshonderd of 700 euro", ["600", "700"]),
])
def test_parse_amounts_keeps_the_written_order(text, expected):
    assert parse_amounts(text) == [Decimal(v) for v in expected], f"{text!r} holds {expected}"


@pytest.mark.parametrize("text, value", [
    ("honderd euro", 100), ("zeshonderd", 600), ("vierhonderdvijftig", 450),
    ("vierhonderd vijftig euro per maand", 450), ("vier honderd en vijftig", 450),
    ("honderdenvijf", 105), ("tweeduizend", 2000), ("duizend tweehonderd", 1200),
    ("vijfenveertig euro", 45), ("elf euro", 11), ("huur", None), ("eend", None),
])
def test_number_words_are_amounts(text, value):
    expected = None if value is None else Decimal(value)
    assert parse_amount(text) == expected, f"{text!r} should read as {value}"


@pytest.mark.parametrize("amount, expected", [
    ("87.5", "€ 87,50"),
    ("1000", "€ 1.000"),
    ("1000.00", "€ 1.000"),
    ("62.5", "€ 62,50"),
    ("0.005", "€ 0,01"),
    ("1234567.891", "€ 1.234.567,89"),
    ("-12.5", "€ -12,50"),
    ("90", "€ 90"),
])
def test_format_euro(amount, expected):
    assert format_euro(Decimal(amount)) == expected, f"{amount} should show as {expected}"


@given(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False))
def test_formatted_euro_reads_back_as_the_same_amount(amount):
    assert parse_amount(format_euro(amount)) == amount, f"{format_euro(amount)!r} is {amount}"


@pytest.mark.parametrize("text, weekday", [
    ("maandag", 0),
    ("is het open op dinsdag", 1),
    ("woensdagnamiddag", 2),
    ("kan ik donderdag langskomen", 3),
    ("vrijdag om half 4", 4),
    ("zaterdag", 5),
    ("ook op zondag?", 6),
    ("vrijdg", 4),
    ("woensdg", 2),
    ("is er iemand zaterdags", 5),
    ("maandagmorgen", 0),
    ("ma", 0),
    ("op ma?", 0),
    ("vr 14u", 4),
    ("za.", 5),
    ("Woensdag", 2),
])
def test_parse_weekday(text, weekday):
    assert parse_weekday(text) == weekday, f"{text!r} names weekday {weekday}"


@pytest.mark.parametrize("text", [
    "mijn ma is ziek",
    "is het zo open",
    "zonder afspraak",
    "een vraag over huur",
    "vandaag",
])
def test_parse_weekday_needs_a_real_day(text):
    assert parse_weekday(text) is None, f"{text!r} names no weekday (without a date)"


@pytest.mark.parametrize("text, weekday", [
    ("vandaag", 4),
    ("morgen", 5),
    ("overmorgen", 6),
    ("morgenavond", 5),
    ("vanavond", 4),
    ("deze morgen", 4),
    ("vanmorgen", 4),
    ("is het open morgen om 10u", 5),
    ("vannamiddag", 4),
    ("zaterdag of morgen", 5),
])
def test_parse_weekday_relative_to_today(text, weekday):
    assert parse_weekday(text, today=FRIDAY) == weekday, (
        f"{text!r} on Friday 27 November 2026 means weekday {weekday}")


@pytest.mark.parametrize("text", ["een woning van 500 euro", "ik kom van kortrijk"])
def test_van_alone_is_not_today(text):
    assert parse_weekday(text, today=FRIDAY) is None, f"{text!r} names no day"


@pytest.mark.parametrize("text, expected", [
    ("17u", time(17)),
    ("17u30", time(17, 30)),
    ("17 u 30", time(17, 30)),
    ("17:30", time(17, 30)),
    ("17.30", time(17, 30)),
    ("om vijf uur", time(17)),
    ("om 5", time(17)),
    ("half 4", time(15, 30)),
    ("half vier", time(15, 30)),
    ("om half 1", time(12, 30)),
    ("kwart na 2", time(14, 15)),
    ("kwart over 2", time(14, 15)),
    ("kwart voor 5", time(16, 45)),
    ("5 voor half 4", time(15, 25)),
    ("kwart na 12", time(12, 15)),
    ("om 8", time(8)),
    ("om 7 uur", time(19)),
    ("half 8", time(19, 30)),
    ("9 uur", time(9)),
    ("07:30", time(7, 30)),
    ("'s avonds om 8", time(20)),
    ("om 7 uur 's morgens", time(7)),
    ("is da sociaal huis open vrijdag om half 4", time(15, 30)),
])
def test_parse_time_reads_the_clock(text, expected):
    moment = parse_time(text)
    assert moment is not None and moment.time == expected, f"{text!r} means {expected:%H:%M}"


@pytest.mark.parametrize("text, part", [
    ("'s avonds", EVENING),
    ("savonds", EVENING),
    ("’s avonds", EVENING),
    ("vanavond", EVENING),
    ("'s middags", NOON),
    ("over de middag", NOON),
    ("namiddag", AFTERNOON),
    ("woensdagnamiddag", AFTERNOON),
    ("voormiddag", MORNING),
    ("'s morgens", MORNING),
    ("smorgens", MORNING),
    ("deze morgen", MORNING),
    ("'s ochtends", MORNING),
    ("maandagmorgen", MORNING),
])
def test_parse_part(text, part):
    assert parse_part(text) == part, f"{text!r} is the {part.name}"


def test_morgen_alone_is_tomorrow_not_the_morning():
    assert parse_part("morgen") is None, "'morgen' alone is tomorrow, no day part"


@pytest.mark.parametrize("text, expected", [
    ("woensdagnamiddag", Moment(2, None, AFTERNOON)),
    ("vrijdag om half 4", Moment(4, time(15, 30), None)),
    ("dinsdagavond om 7", Moment(1, time(19), EVENING)),
    ("morgenvroeg om 9u", Moment(5, time(9), MORNING)),
])
def test_parse_time_combines_day_time_and_part(text, expected):
    assert parse_time(text, today=FRIDAY) == expected, f"{text!r} should be {expected}"


@pytest.mark.parametrize("text", ["hallo", "hoeveel premie krijg ik", ""])
def test_parse_time_without_any_when(text):
    assert parse_time(text) is None, f"{text!r} says nothing about when"


@pytest.mark.parametrize("text, language", [
    ("bonjour je cherche une prime", "fr"),
    ("je cherche un logement", "fr"),
    ("est-ce que le CPAS peut m'aider avec le loyer", "fr"),
    ("hello, where can I get help with rent", "en"),
    ("I need help", "en"),
    ("is the social house open on friday", "en"),
    ("k moe uit me huis tegen volgende week, wa moet ik doen", "nl"),
    ("is da sociaal huis open vrijdag om half 4", "nl"),
    ("ik zoek hulp", "nl"),
    ("regenput premie?", "nl"),
    ("help", "nl"),
    ("", "nl"),
])
def test_detect_language(text, language):
    assert detect_language(text) == language, f"{text!r} is written in {language}"


@pytest.mark.parametrize("noise", ["ϕ🤘a갰ऎ j Ʉ i", "\x1ak s a p i n", "a", "j i a"])
def test_lone_letters_in_noise_are_no_foreign_language(noise):
    assert detect_language(noise, min_foreign=1) == "nl", f"{noise!r} is no French or English"
