from datetime import date, time

import pytest

from knowledge.nl.times import (
    AFTERNOON,
    EVENING,
    MORNING,
    NOON,
    Moment,
    parse_part,
    parse_time,
    parse_weekday,
)

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "text, weekday",
    [
        ("maandag", 0),
        ("is het open op dinsdag", 1),
        ("woensdagnamiddag", 2),
        ("kan ik donderdag langskomen", 3),
        ("vrijdag om half 4", 4),
        ("zaterdag", 5),
        ("ook op zondag?", 6),
        ("vrijdg", 4),
        ("woensdg", 2),
        ("zaterdach om 10u", 5),
        ("open op maandagen?", 0),
        ("is er iemand zaterdags", 5),
        ("maandagmorgen", 0),
        ("ma", 0),
        ("op ma?", 0),
        ("vr 14u", 4),
        ("za.", 5),
        ("Woensdag", 2),
    ],
)
def test_parse_weekday(text, weekday):
    assert parse_weekday(text) == weekday, f"{text!r} names weekday {weekday}"


@pytest.mark.parametrize(
    "text",
    [
        "mijn ma is ziek",
        "is het zo open",
        "zonder afspraak",
        "een vraag over huur",
        "vandaag",
        # Words that look like a day but are words of their own.
        "450 euro per maand",
        "wat is de huur per maand voor een sociale woning",
        "ik zoek onderdak voor vannacht",
    ],
)
def test_parse_weekday_needs_a_real_day(text):
    assert parse_weekday(text) is None, f"{text!r} names no weekday (without a date)"


@pytest.mark.parametrize(
    "text, weekday",
    [
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
    ],
)
def test_parse_weekday_relative_to_today(text, weekday):
    assert parse_weekday(text, today=FRIDAY) == weekday, f"{text!r} on Friday 27 November 2026 means weekday {weekday}"


@pytest.mark.parametrize("text", ["een woning van 500 euro", "ik kom van kortrijk"])
def test_van_alone_is_not_today(text):
    assert parse_weekday(text, today=FRIDAY) is None, f"{text!r} names no day"


@pytest.mark.parametrize(
    "text, expected",
    [
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
    ],
)
def test_parse_time_reads_the_clock(text, expected):
    moment = parse_time(text)
    assert moment is not None and moment.time == expected, f"{text!r} means {expected:%H:%M}"


@pytest.mark.parametrize(
    "text, part",
    [
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
    ],
)
def test_parse_part(text, part):
    assert parse_part(text) == part, f"{text!r} is the {part.name}"


def test_morgen_alone_is_tomorrow_not_the_morning():
    assert parse_part("morgen") is None, "'morgen' alone is tomorrow, no day part"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("woensdagnamiddag", Moment(2, None, AFTERNOON)),
        ("vrijdag om half 4", Moment(4, time(15, 30), None)),
        ("dinsdagavond om 7", Moment(1, time(19), EVENING)),
        ("morgenvroeg om 9u", Moment(5, time(9), MORNING)),
    ],
)
def test_parse_time_combines_day_time_and_part(text, expected):
    assert parse_time(text, today=FRIDAY) == expected, f"{text!r} should be {expected}"


@pytest.mark.parametrize("text", ["hallo", "hoeveel premie krijg ik", ""])
def test_parse_time_without_any_when(text):
    assert parse_time(text) is None, f"{text!r} says nothing about when"
