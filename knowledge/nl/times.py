"""Weekdays, day parts and clock times in what people type ("vrijdg", "savonds", "half 4").

Times (``parse_time``)
    Questions are about office hours, so an hour from 1 to 7 (1:00–7:59) without a
    morning word and without a leading zero is read as afternoon: "om 5 uur" = 17:00,
    "half 4" = 3:30 = 15:30, "kwart voor 5" = 16:45, "half 8" = 19:30. "07:30" and
    "'s morgens om 7" stay in the morning; with "'s avonds" or "namiddag" an hour
    below 12 moves to the afternoon ("'s avonds om 8" = 20:00).
    Day parts are ranges [start, end): voormiddag/'s morgens 8–12, middag/'s middags
    12–14 (the Flemish "over de middag"), namiddag 13–18, avond/'s avonds 18–22.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from knowledge.nl.amounts import SMALL_NUMBERS
from knowledge.nl.lemmas import is_dutch_word
from knowledge.nl.normalize import fold

WEEKDAYS: tuple[str, ...] = (
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
)

# Read in the page's dates (knowledge.measures), in questions (knowledge.focus), written in the
# report (bot.report).
MONTHS: tuple[str, ...] = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class DayPart:
    """A part of the day as a half-open range [start, end)."""

    name: str
    start: time
    end: time


MORNING = DayPart("voormiddag", time(8), time(12))
NOON = DayPart("middag", time(12), time(14))
AFTERNOON = DayPart("namiddag", time(13), time(18))
EVENING = DayPart("avond", time(18), time(22))

# Ordered so that "namiddag" and "voormiddag" win over the "middag" inside them.
_PART_PATTERNS: tuple[tuple[re.Pattern[str], DayPart], ...] = (
    (re.compile(r"namiddag"), AFTERNOON),
    (re.compile(r"voormiddag"), MORNING),
    (re.compile(r"avond"), EVENING),
    (re.compile(r"(?<!na)(?<!voor)middag"), NOON),
    (
        re.compile(
            r"\bs\s?morgens|\bmorgens\b|ochtend|\b(?:deze|van)\s?morgen\b"
            r"|[a-z]dagmorgen|morgenvroeg"
        ),
        MORNING,
    ),
)
_PART_SUFFIXES = ("voormiddag", "namiddag", "middag", "avond", "morgen", "ochtend", "vroeg")

# "ma", "di", ... "zo": how the page and residents shorten the days.
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = tuple(day[:2] for day in WEEKDAYS)
_ABBREVIATIONS = {abbreviation: day for day, abbreviation in enumerate(WEEKDAY_ABBREVIATIONS)}
# "zo", "ma" and friends are everyday words; they only mean a day in these contexts.
_DAY_CONTEXT_BEFORE = {"op", "tegen", "vanaf", "tot", "volgende", "deze", "komende", "elke"}
_RELATIVE = {"vandaag": 0, "morgen": 1, "overmorgen": 2}


def _split_part(token: str) -> str:
    """ "woensdagnamiddag" -> "woensdag", "morgenavond" -> "morgen"."""
    for suffix in _PART_SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


def _weekday_name(base: str) -> int | None:
    if base in WEEKDAYS:
        return WEEKDAYS.index(base)
    if base.endswith("s") and base[:-1] in WEEKDAYS:
        return WEEKDAYS.index(base[:-1])
    if base.endswith("en") and base[:-2] in WEEKDAYS:  # "op maandagen"
        return WEEKDAYS.index(base[:-2])
    # A misspelt day, not another word that looks like one ("per maand", "onderdak").
    if len(base) >= 5 and not is_dutch_word(base):
        close = difflib.get_close_matches(base, WEEKDAYS, n=1, cutoff=0.82)
        if close:
            return WEEKDAYS.index(close[0])
    return None


def _abbreviation_counts(text: str, match: re.Match[str], previous: str | None) -> bool:
    after = text[match.end() :]
    return (
        text.strip(" .?!") == match.group()
        or after.startswith(".")
        or re.match(r"\s*\d", after) is not None
        or previous in _DAY_CONTEXT_BEFORE
    )


def parse_weekday(text: str, today: date | None = None) -> int | None:
    """Weekday index 0 (maandag) – 6 (zondag) of the first day named in the text.

    "vandaag", "morgen", "overmorgen", "vanavond" are resolved against ``today``;
    without ``today`` they are ignored. "deze morgen" and "'s morgens" are a time of
    day, not tomorrow.
    """
    plain = fold(text)
    previous: str | None = None
    for match in _WORD.finditer(plain):
        token = match.group()
        day = _token_weekday(plain, match, previous, today)
        if day is not None:
            return day
        previous = token
    return None


def _relative_offset(token: str, previous: str | None) -> int | None:
    """Days from today for "vandaag", "morgen(avond)", "overmorgen", "vanavond"."""
    if token in _RELATIVE:
        # "deze morgen" and "van morgen" are this morning, not tomorrow.
        return 0 if token == "morgen" and previous in ("deze", "van") else _RELATIVE[token]
    base = _split_part(token)
    if base == "van" and token != "van":
        return 0
    return _RELATIVE.get(base) if base != token else None


def _token_weekday(text: str, match: re.Match[str], previous: str | None, today: date | None) -> int | None:
    token = match.group()
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token] if _abbreviation_counts(text, match, previous) else None
    offset = _relative_offset(token, previous)
    if offset is not None:
        return None if today is None else (today + timedelta(days=offset)).weekday()
    if token in _FOREIGN_WEEKDAYS:
        return _FOREIGN_WEEKDAYS[token]
    return _weekday_name(_split_part(token))


# The assistant answers French and English questions too ("is the Sociaal Huis open on Friday?").
_FOREIGN_WEEKDAYS = {
    name: day
    for names in (
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    )
    for day, name in enumerate(names)
}


@dataclass(frozen=True)
class Moment:
    """What a question says about when: any of weekday, clock time and day part."""

    weekday: int | None = None
    time: time | None = None
    part: DayPart | None = None


_HOUR = r"(\d{1,2}|" + "|".join(SMALL_NUMBERS) + r")"
_MINUTES = r"(\d{1,2}|vijf|tien|kwart)"

# (pattern, kind). Kinds: "clock" hour[:minutes]; "half" half H; "before"/"after"
# N minutes before/after H (optionally "half H").
_TIME_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b{_MINUTES}\s+(voor|na|over)\s+(half\s+)?{_HOUR}\b"), "relative"),
    (re.compile(rf"\bhalf\s+{_HOUR}\b"), "half"),
    (re.compile(r"(?<![\d.,])(\d{1,2})\s*[:.]\s*(\d{2})(?!\d)"), "clock"),
    (re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:u|h|uur)(?:\s*(\d{2}))?(?![a-z\d])"), "clock"),
    (re.compile(rf"\b{_HOUR}\s+uur\b"), "clock"),
    # "om 3", "om drie": but "om een attest aan te vragen" names no hour.
    (re.compile(rf"\bom\s+(?!een\b){_HOUR}\b(?!\s*[.,:]?\s*\d)"), "clock"),
)


def _hour_value(word: str) -> int:
    return int(word) if word.isdigit() else SMALL_NUMBERS[word]


def _minute_value(word: str) -> int:
    return {"vijf": 5, "tien": 10, "kwart": 15}.get(word) or int(word)


def _clock_from(match: re.Match[str], kind: str) -> tuple[int, int, bool]:
    """(hour, minute, leading_zero) as written, before the daytime assumption."""
    if kind == "clock":
        raw_hour = match.group(1)
        has_minutes = match.lastindex is not None and match.lastindex >= 2 and match.group(2)
        minute = int(match.group(2)) if has_minutes else 0
        return _hour_value(raw_hour), minute, raw_hour.startswith("0") and len(raw_hour) == 2
    if kind == "half":
        total = (_hour_value(match.group(1)) % 12) * 60 - 30
    else:
        offset = _minute_value(match.group(1)) * (-1 if match.group(2) == "voor" else 1)
        total = (_hour_value(match.group(4)) % 12) * 60 - (30 if match.group(3) else 0) + offset
    total %= 12 * 60
    # On a twelve-hour clock "half 1" is 12:30, not 0:30.
    return (total // 60) or 12, total % 60, False


def _daytime(hour: int, leading_zero: bool, part: DayPart | None) -> int:
    if part is MORNING or leading_zero:
        return hour
    if part in (AFTERNOON, EVENING) and hour < 12:
        return hour + 12
    if 1 <= hour <= 7:
        return hour + 12
    return hour


def parse_part(text: str) -> DayPart | None:
    """The first day part named ("'s avonds", "woensdagnamiddag", "voormiddag")."""
    plain = fold(text)
    hits = [(m.start(), part) for pattern, part in _PART_PATTERNS for m in [pattern.search(plain)] if m]
    return min(hits, key=lambda hit: hit[0])[1] if hits else None


def _parse_clock(text: str, part: DayPart | None) -> time | None:
    hits = []
    for pattern, kind in _TIME_PATTERNS:
        match = pattern.search(text)
        if match:
            hits.append((match.start(), _clock_from(match, kind)))
    if not hits:
        return None
    hour, minute, leading_zero = min(hits, key=lambda hit: hit[0])[1]
    hour = _daytime(hour, leading_zero, part)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_time(text: str, today: date | None = None) -> Moment | None:
    """Weekday, clock time and day part in a question; None when it names none of them.

    "is da sociaal huis open vrijdag om half 4" -> Moment(4, 15:30, None);
    "woensdagnamiddag" -> Moment(2, None, namiddag).
    """
    plain = fold(text)
    part = parse_part(plain)
    moment = Moment(parse_weekday(plain, today), _parse_clock(plain, part), part)
    return None if moment == Moment() else moment
