"""Opening hours as data, and questions about them, in Europe/Brussels time.

A schedule maps a weekday (0 = maandag) to its slots ``[(start, end), ...]``; a slot is
half-open: open at its start, closed at its end (at 12:00 a 9 – 12 u slot is closed).
Schedules are never written here: they come from the parsed records' facts through
``schedule_from_facts``, so they follow the document.

Naive datetimes are Brussels wall-clock time; aware ones are converted to Brussels
first. Datetimes returned are aware, in Europe/Brussels. Functions that take a
datetime know the calendar: on a public holiday or a city closing day nothing is open.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from knowledge.nl.times import WEEKDAYS, DayPart
from knowledge.rules.closing import closed_because

BRUSSELS = ZoneInfo("Europe/Brussels")

Slot = tuple[time, time]
Schedule = dict[int, list[Slot]]


def _clock(text: str) -> time:
    hours, _, minutes = text.strip().partition(":")
    return time(int(hours), int(minutes or 0))


FactHours = Mapping[str, Sequence[tuple[str, str]]]


def schedule_from_facts(
    hours: FactHours | Iterable[tuple[str, Sequence[tuple[str, str]]]],
) -> Schedule:
    """{"maandag": [("09:00", "12:00"), ...]} -> {0: [(time(9), time(12)), ...]}.

    Also takes the pairs of a record's ``Hours.days`` as they are.
    """
    pairs = hours.items() if isinstance(hours, Mapping) else hours
    schedule: Schedule = {}
    for name, slots in pairs:
        day = name.strip().lower()
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {name!r} in opening hours")
        parsed = sorted((_clock(start), _clock(end)) for start, end in slots)
        for start, end in parsed:
            if start >= end:
                raise ValueError(f"slot {start}-{end} on {name} does not end after it starts")
        for (_, end), (next_start, _) in itertools.pairwise(parsed):
            if next_start < end:
                raise ValueError(f"overlapping slots on {name}")
        schedule[WEEKDAYS.index(day)] = parsed
    return schedule


def to_brussels(at: datetime) -> datetime:
    """``at`` as an aware Brussels datetime; naive input is taken as Brussels time."""
    if at.tzinfo is None:
        return at.replace(tzinfo=BRUSSELS)
    return at.astimezone(BRUSSELS)


def open_at(schedule: Schedule, weekday: int, at: time) -> bool:
    return any(start <= at < end for start, end in schedule.get(weekday, []))


def is_open(schedule: Schedule, at: datetime) -> bool:
    local = to_brussels(at)
    return not closed_because(local.date()) and open_at(schedule, local.weekday(), local.time().replace(tzinfo=None))


def slots_during(schedule: Schedule, weekday: int, part: DayPart) -> list[Slot]:
    """The slots of that day that overlap the day part (e.g. woensdag, namiddag)."""
    return [(start, end) for start, end in schedule.get(weekday, []) if start < part.end and part.start < end]


def open_during(schedule: Schedule, weekday: int, part: DayPart) -> bool:
    return bool(slots_during(schedule, weekday, part))


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BRUSSELS)


def next_opening(schedule: Schedule, after: datetime) -> datetime | None:
    """The first slot start at or after ``after``, looking up to 14 days ahead
    (past holidays such as Kerstmis and Tweede Kerstdag).

    While a slot is running this is the start of the next slot, not now.
    """
    local = to_brussels(after)
    now = local.time().replace(tzinfo=None)
    # Walk calendar days, not 24-hour steps, so a DST change cannot shift the clock.
    for offset in range(15):
        day = local.date() + timedelta(days=offset)
        if closed_because(day):
            continue
        for start, _ in schedule.get(day.weekday(), []):
            if offset > 0 or start >= now:
                return _at(day, start)
    return None


def open_until(schedule: Schedule, at: datetime) -> datetime | None:
    """When the running slot closes, or None when closed at ``at``."""
    local = to_brussels(at)
    if closed_because(local.date()):
        return None
    now = local.time().replace(tzinfo=None)
    for start, end in schedule.get(local.weekday(), []):
        if start <= now < end:
            return _at(local.date(), end)
    return None


def format_clock(clock: time) -> str:
    """9:00 -> "9", 12:30 -> "12.30" (the document's own way of writing hours)."""
    return f"{clock.hour}" if clock.minute == 0 else f"{clock.hour}.{clock.minute:02d}"


def format_slot(slot: Slot) -> str:
    return f"{format_clock(slot[0])} – {format_clock(slot[1])} u"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def describe_day(schedule: Schedule, weekday: int) -> str:
    """ "maandag: 9 – 12 u en 13 – 16 u", or that the document lists nothing that day."""
    slots = schedule.get(weekday)
    if not slots:
        return f"op {WEEKDAYS[weekday]} staat er geen openingsuur in het document"
    return f"{WEEKDAYS[weekday]}: {_join([format_slot(slot) for slot in slots])}"


def describe_week(schedule: Schedule) -> str:
    """One line per listed day, then one line naming the days the document leaves out."""
    lines = [describe_day(schedule, day) for day in range(7) if schedule.get(day)]
    missing = [WEEKDAYS[day] for day in range(7) if not schedule.get(day)]
    if missing:
        lines.append(f"Op {_join(missing)} staat er geen openingsuur in het document.")
    return "\n".join(lines)
