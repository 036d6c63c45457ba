from datetime import datetime, time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.nl.times import AFTERNOON, EVENING, MORNING, NOON, parse_time
from knowledge.parser import load_source, parse
from knowledge.rules.hours import (
    BRUSSELS,
    describe_day,
    describe_week,
    is_open,
    next_opening,
    open_at,
    open_during,
    open_until,
    schedule_from_facts,
    slots_during,
)

# The document's two tables (2.A), written as the parser's facts.
SOCIAAL_HUIS_FACTS = {
    "maandag": [("09:00", "12:00"), ("13:00", "16:00")],
    "dinsdag": [("09:00", "12:00"), ("13:00", "18:00")],
    "woensdag": [("09:00", "12:00"), ("13:00", "16:00")],
    "donderdag": [("09:00", "12:00"), ("13:00", "16:00")],
    "vrijdag": [("09:00", "12:00"), ("13:00", "15:00")],
}
BALIE_FACTS = {
    "maandag": [("09:00", "12:30"), ("16:00", "19:00")],
    "woensdag": [("09:00", "16:00")],
    "dinsdag": [("09:00", "12:30")],
    "donderdag": [("09:00", "12:30")],
    "vrijdag": [("09:00", "12:30")],
}
SOCIAAL_HUIS = schedule_from_facts(SOCIAAL_HUIS_FACTS)
BALIE = schedule_from_facts(BALIE_FACTS)

# Monday 23 November 2026 .. Sunday 29 November 2026.
MONDAY = 23


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


@pytest.mark.parametrize(
    "line",
    [
        "maandag: 9 - 12u en 13 - 16u",
        "dinsdag: 9 - 12u en 13 - 18u",
        "vrijdag: 9 - 12u en 13 - 15u",
        "frontoffice (Maandag: 9 - 12.30 u. en 16 - 19 u.",
        "Woensdag: 9 - 16 u.",
        "Dinsdag, donderdag en vrijdag: 9 - 12.30 u.",
    ],
)
def test_fixtures_follow_the_document(line):
    # The scraped page has non-breaking spaces inside some hours ("9 -\xa0 16 u.").
    text = " ".join(load_source().split())
    assert line in text, f"2.A should still list {line!r}"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Sociaal Huis", SOCIAAL_HUIS),
        ("Balie Bouwen, Milieu en Wonen", BALIE),
    ],
)
def test_parsed_records_give_the_same_schedules(title, expected):
    record = next(r for r in parse(load_source()) if (r.code, r.title) == ("2.A", title))
    assert len(record.hours) == 1, f"2.A {title} has one hours table"
    assert schedule_from_facts(record.hours[0].days) == expected, (
        f"the parsed hours of 2.A {title} should match the document's table"
    )


def test_schedule_from_facts():
    assert SOCIAAL_HUIS[1] == [(time(9), time(12)), (time(13), time(18))], (
        "Sociaal Huis dinsdag is 9 – 12 u en 13 – 18 u"
    )
    assert 5 not in SOCIAAL_HUIS and 6 not in BALIE, "no weekend hours in the document"


@pytest.mark.parametrize(
    "facts, problem",
    [
        ({"maandagg": [("09:00", "12:00")]}, "unknown weekday"),
        ({"maandag": [("12:00", "09:00")]}, "does not end"),
        ({"maandag": [("09:00", "12:00"), ("11:00", "13:00")]}, "overlapping"),
    ],
)
def test_schedule_from_facts_rejects_bad_facts(facts, problem):
    with pytest.raises(ValueError, match=problem):
        schedule_from_facts(facts)


def test_schedule_from_facts_sorts_and_accepts_names_in_any_case():
    schedule = schedule_from_facts({"Maandag": [("13:00", "16:00"), ("9:00", "12:00")]})
    assert schedule == {0: [(time(9), time(12)), (time(13), time(16))]}


@pytest.mark.parametrize(
    "schedule, moment, expected, why",
    [
        (SOCIAAL_HUIS, at(MONDAY, 9), True, "Sociaal Huis opens maandag at 9"),
        (SOCIAAL_HUIS, at(MONDAY, 11, 59), True, "Sociaal Huis maandag 9 – 12 u"),
        (SOCIAAL_HUIS, at(MONDAY, 12), False, "Sociaal Huis closes at 12 for lunch"),
        (SOCIAAL_HUIS, at(MONDAY, 12, 30), False, "Sociaal Huis is closed 12 – 13 u"),
        (SOCIAAL_HUIS, at(MONDAY + 1, 17, 30), True, "Sociaal Huis dinsdag until 18 u"),
        (SOCIAAL_HUIS, at(MONDAY + 4, 15, 30), False, "Sociaal Huis vrijdag until 15 u"),
        (SOCIAAL_HUIS, at(MONDAY + 5, 10), False, "no Sociaal Huis hours on zaterdag"),
        (BALIE, at(MONDAY, 18, 30), True, "Balie maandag 16 – 19 u"),
        (BALIE, at(MONDAY, 12, 15), True, "Balie maandag 9 – 12.30 u"),
        (BALIE, at(MONDAY + 1, 12, 30), False, "Balie dinsdag until 12.30 u"),
        (BALIE, at(MONDAY + 2, 14), True, "Balie woensdag 9 – 16 u"),
        (BALIE, at(MONDAY + 3, 16), False, "Balie donderdag only 9 – 12.30 u"),
    ],
)
def test_is_open(schedule, moment, expected, why):
    assert is_open(schedule, moment) is expected, f"{moment:%A %H:%M}: {why}"


def test_aware_datetimes_are_converted_to_brussels():
    # 08:30 UTC on a November Monday is 09:30 in Brussels (CET, UTC+1).
    assert is_open(SOCIAAL_HUIS, datetime(2026, 11, 23, 8, 30, tzinfo=timezone.utc)), (
        "08:30 UTC is 09:30 Brussels: Sociaal Huis maandag is open"
    )
    assert not is_open(SOCIAAL_HUIS, datetime(2026, 11, 23, 7, 30, tzinfo=timezone.utc)), (
        "07:30 UTC is 08:30 Brussels: before 9 u"
    )


# Last Sunday of March 2026 is the 29th (to CEST, UTC+2); of October 2026 the 25th (to CET).
@pytest.mark.parametrize(
    "utc, expected, why",
    [
        (datetime(2026, 3, 27, 7, 30), False, "Friday before DST: 07:30 UTC = 08:30 CET"),
        (datetime(2026, 3, 30, 7, 30), True, "Monday after DST: 07:30 UTC = 09:30 CEST"),
        (datetime(2026, 10, 23, 7, 30), True, "Friday before winter time: 07:30 UTC = 09:30 CEST"),
        (datetime(2026, 10, 26, 7, 30), False, "Monday after winter time: 07:30 UTC = 08:30 CET"),
    ],
)
def test_is_open_across_daylight_saving(utc, expected, why):
    assert is_open(SOCIAAL_HUIS, utc.replace(tzinfo=timezone.utc)) is expected, why


@pytest.mark.parametrize(
    "saturday, utc_hour, why",
    [
        (datetime(2026, 3, 28, 12), 7, "Monday 30 March 9 u CEST is 07:00 UTC"),
        (datetime(2026, 10, 24, 12), 8, "Monday 26 October 9 u CET is 08:00 UTC"),
    ],
)
def test_next_opening_over_a_dst_weekend(saturday, utc_hour, why):
    opening = next_opening(SOCIAAL_HUIS, saturday)
    assert opening is not None and opening.hour == 9 and opening.weekday() == 0, (
        f"from {saturday:%d %B} the Sociaal Huis opens on Monday at 9 u"
    )
    assert opening.astimezone(timezone.utc).hour == utc_hour, why


@pytest.mark.parametrize(
    "schedule, after, expected, why",
    [
        (SOCIAAL_HUIS, at(MONDAY, 8), at(MONDAY, 9), "maandag opens at 9"),
        (SOCIAAL_HUIS, at(MONDAY, 9), at(MONDAY, 9), "opening exactly now counts"),
        (SOCIAAL_HUIS, at(MONDAY, 10), at(MONDAY, 13), "next slot maandag 13 u"),
        (SOCIAAL_HUIS, at(MONDAY + 4, 16), at(MONDAY + 7, 9), "after vrijdag: maandag 9 u"),
        (SOCIAAL_HUIS, at(MONDAY + 6, 23, 59), at(MONDAY + 7, 9), "zondag night: maandag 9 u"),
        (BALIE, at(MONDAY, 13), at(MONDAY, 16), "Balie maandag reopens at 16 u"),
        (BALIE, at(MONDAY + 1, 13), at(MONDAY + 2, 9), "Balie dinsdag afternoon: woensdag 9 u"),
    ],
)
def test_next_opening(schedule, after, expected, why):
    assert next_opening(schedule, after) == expected.replace(tzinfo=BRUSSELS), why


def test_next_opening_of_a_weekly_slot_is_found_seven_days_later():
    only_monday = schedule_from_facts({"maandag": [("09:00", "12:00")]})
    assert next_opening(only_monday, at(MONDAY, 12)) == at(MONDAY + 7, 9).replace(tzinfo=BRUSSELS), (
        "a maandag-only service opens again the next maandag"
    )


def test_next_opening_of_an_empty_schedule():
    assert next_opening({}, at(MONDAY, 9)) is None, "no hours, no opening"


@pytest.mark.parametrize(
    "moment, expected",
    [
        (at(MONDAY, 10), at(MONDAY, 12)),
        (at(MONDAY + 1, 17), at(MONDAY + 1, 18)),
        (at(MONDAY, 12, 30), None),
    ],
)
def test_open_until(moment, expected):
    closing = expected.replace(tzinfo=BRUSSELS) if expected else None
    assert open_until(SOCIAAL_HUIS, moment) == closing, f"Sociaal Huis at {moment:%A %H:%M}"


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)))
def test_next_opening_is_open_and_not_before(moment):
    for schedule in (SOCIAAL_HUIS, BALIE):
        opening = next_opening(schedule, moment)
        assert opening is not None and is_open(schedule, opening), (
            f"from {moment} the next opening must be an open moment"
        )
        assert opening >= moment.replace(tzinfo=BRUSSELS), f"from {moment}: never in the past"


@pytest.mark.parametrize(
    "weekday, clock, expected",
    [
        (4, time(15, 30), False),
        (4, time(14, 59), True),
        (1, time(17, 59), True),
        (0, time(12), False),
    ],
)
def test_open_at(weekday, clock, expected):
    assert open_at(SOCIAAL_HUIS, weekday, clock) is expected, f"Sociaal Huis weekday {weekday} at {clock:%H:%M}"


@pytest.mark.parametrize(
    "schedule, question, expected, why",
    [
        (SOCIAAL_HUIS, "is da sociaal huis open vrijdag om half 4", False, "vrijdag until 15 u"),
        (SOCIAAL_HUIS, "dinsdag om 17u30", True, "dinsdag until 18 u"),
        (BALIE, "maandag om kwart voor 7", True, "Balie maandag until 19 u"),
        (BALIE, "woensdag om 3 uur", True, "Balie woensdag 9 – 16 u"),
    ],
)
def test_questions_with_a_clock_time(schedule, question, expected, why):
    moment = parse_time(question)
    assert moment is not None and moment.weekday is not None and moment.time is not None
    assert open_at(schedule, moment.weekday, moment.time) is expected, f"{question!r}: {why}"


@pytest.mark.parametrize(
    "schedule, weekday, part, expected, why",
    [
        (SOCIAAL_HUIS, 2, AFTERNOON, True, "Sociaal Huis woensdagnamiddag 13 – 16 u"),
        (SOCIAAL_HUIS, 1, EVENING, False, "Sociaal Huis dinsdag closes at 18 u"),
        (SOCIAAL_HUIS, 5, MORNING, False, "no zaterdag hours"),
        (SOCIAAL_HUIS, 0, NOON, True, "Sociaal Huis maandag reopens at 13 u"),
        (BALIE, 0, EVENING, True, "Balie maandag 16 – 19 u"),
        (BALIE, 4, AFTERNOON, False, "Balie vrijdag only until 12.30 u"),
        (BALIE, 2, AFTERNOON, True, "Balie woensdag until 16 u"),
    ],
)
def test_open_during(schedule, weekday, part, expected, why):
    assert open_during(schedule, weekday, part) is expected, f"{part.name}: {why}"


def test_slots_during_gives_the_overlapping_slots():
    assert slots_during(BALIE, 0, EVENING) == [(time(16), time(19))], "Balie maandagavond: the 16 – 19 u slot"


@pytest.mark.parametrize(
    "schedule, weekday, expected",
    [
        (SOCIAAL_HUIS, 0, "maandag: 9 – 12 u en 13 – 16 u"),
        (SOCIAAL_HUIS, 4, "vrijdag: 9 – 12 u en 13 – 15 u"),
        (BALIE, 0, "maandag: 9 – 12.30 u en 16 – 19 u"),
        (BALIE, 2, "woensdag: 9 – 16 u"),
        (SOCIAAL_HUIS, 5, "op zaterdag staat er geen openingsuur in het document"),
        (BALIE, 6, "op zondag staat er geen openingsuur in het document"),
    ],
)
def test_describe_day(schedule, weekday, expected):
    assert describe_day(schedule, weekday) == expected


def test_describe_day_with_three_slots():
    schedule = schedule_from_facts({"maandag": [("09:00", "10:00"), ("11:00", "12:00"), ("13:00", "14:00")]})
    assert describe_day(schedule, 0) == "maandag: 9 – 10 u, 11 – 12 u en 13 – 14 u"


def test_describe_week():
    assert describe_week(BALIE) == (
        "maandag: 9 – 12.30 u en 16 – 19 u\n"
        "dinsdag: 9 – 12.30 u\n"
        "woensdag: 9 – 16 u\n"
        "donderdag: 9 – 12.30 u\n"
        "vrijdag: 9 – 12.30 u\n"
        "Op zaterdag en zondag staat er geen openingsuur in het document."
    )
