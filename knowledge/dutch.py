"""Reading and writing the Dutch that people type: amounts, weekdays, times, language.

Users write informal Flemish with typos ("vrijdg", "savonds", "half 4", "450 euro per
maand"). Everything here is a pure function so that the rules and the actions can be
tested without Rasa.

Amounts (``parse_amounts``)
    * Both "," and "." in one number: the last one is the decimal mark
      ("1.000,50" and "1,000.50" are both 1000.50).
    * One kind of mark followed by exactly three digits is a thousands mark:
      "1.000" = 1000, "1,000" = 1000 (euro amounts never have three decimals).
    * One mark followed by one or two digits is a decimal mark: "437.50", "437,5".
    * Marks followed by groups that are not three digits ("27.84.30", a phone number)
      are not an amount. Numbers touching "/" (dates, phone numbers), followed by "%"
      or written as a time ("17u", "9u30") are skipped.
    * "-50" is negative, but "500-1000" is a range of two positive numbers.
    * Number words are read by text2num, also when written apart ("vierhonderd vijftig",
      "zeshonderd", "tweeduizend"). A word below one hundred only counts when a currency
      follows ("vijftig euro"): "een" and "drie" are mostly not amounts.

Euro formatting (``format_euro``)
    Rounded half-up to the cent; "." groups thousands; the cents are shown only when
    they are not zero: "€ 87,50", "€ 1.000", "€ 62,50".

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
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from text_to_num import alpha2digit

from knowledge import privacy

WEEKDAYS: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)

CENT = Decimal("0.01")


def normalize(text: str) -> str:
    """Lower case, accents removed, curly apostrophes made straight."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[’‘`´]", "'", plain)


# --- amounts ---------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z]+")
_TIME_AFTER = re.compile(r"u(?:\d|\b)")
_SLASH_DIGIT = re.compile(r"\s*/\s*\d")
# A number word below one hundred ("drie", "een") is mostly not an amount: only before a currency.
_SMALL_WORD_BEFORE_CURRENCY = re.compile(r"\b[^\W\d_]+(?=\s*(?:€|euro\b|eur\b))")


def spell_out_numbers(text: str) -> str:
    """The text in lower case with number words as digits ("vierhonderd vijftig" -> "450").

    text2num reads Dutch number words, also written apart or with "en"; its threshold keeps
    "een" and "drie" as words, except right before a currency ("vijftig euro").
    """
    lowered = text.lower()
    converted = alpha2digit(lowered, "nl", threshold=100)
    return _SMALL_WORD_BEFORE_CURRENCY.sub(lambda m: alpha2digit(m.group(), "nl"), converted)


def _digits_value(token: str) -> Decimal | None:
    """Interpret one run of digits and marks by the rules in the module docstring."""
    marks = [ch for ch in token if ch in ".,"]
    if not marks:
        return Decimal(token)
    if len(set(marks)) == 2:
        decimal_mark = marks[-1]
        thousands_mark = "," if decimal_mark == "." else "."
        whole, _, cents = token.rpartition(decimal_mark)
        if len(cents) > 2 or decimal_mark in whole:
            return None
        return _grouped(whole.split(thousands_mark), cents)
    groups = re.split(r"[.,]", token)
    if len(groups) == 2 and len(groups[1]) in (1, 2):
        return Decimal(f"{groups[0]}.{groups[1]}")
    return _grouped(groups, "")


def _grouped(groups: list[str], cents: str) -> Decimal | None:
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return Decimal("".join(groups) + (f".{cents}" if cents else ""))


def amount_spans(text: str) -> tuple[str, list[tuple[int, int, Decimal]]]:
    """The folded text with number words as digits, and each amount in it as (start, end, value).

    The spans index the returned text, so that a caller can read the words around an amount.
    """
    plain = normalize(spell_out_numbers(text))
    numbers_not_amounts = privacy.spans(plain)
    found = []
    for match in _DIGITS.finditer(plain):
        start, end = match.span()
        if any(s <= start < e for s, e in numbers_not_amounts):
            continue
        before = plain[start - 1] if start else ""
        after = plain[end:]
        # "21/09/2011" and "056/27.84.30" are no amounts, "410/maand" is one.
        if before == "/" or _SLASH_DIGIT.match(after) or after.lstrip().startswith("%"):
            continue
        if _TIME_AFTER.match(after):
            continue
        value = _digits_value(match.group())
        if value is None:
            continue
        if before == "-" and (start < 2 or not plain[start - 2].isalnum()):
            value = -value
        found.append((start, end, value))
    return plain, found


def parse_amounts(text: str) -> list[Decimal]:
    """All amounts in the text, in the order written."""
    return [value for _, _, value in amount_spans(text)[1]]


def parse_amount(text: str) -> Decimal | None:
    """The first amount in the text ("KI: 650" -> 650, "€ 437,50" -> 437.50)."""
    amounts = parse_amounts(text)
    return amounts[0] if amounts else None


def count_of(text: str, nouns: str) -> int | None:
    """How many of something a message names: "3 kamers", "drie kamers", "voor 12 woningen".

    ``nouns`` is a regular expression for the word stems counted ("kamer|woning").
    """
    spelled = normalize(alpha2digit(text.lower(), "nl"))
    numbers = "|".join(_SMALL_NUMBERS)
    match = re.search(rf"\b(\d{{1,4}}|{numbers})(?![\w.,])\s*(?:\w+\s+)?\w*(?:{nouns})", spelled)
    if not match:
        return None
    number = match.group(1)
    return int(number) if number.isdigit() else _SMALL_NUMBERS[number]


def format_euro(amount: Decimal) -> str:
    """"€ 87,50", "€ 1.000", "€ -12,50": half-up to the cent, cents only when not zero."""
    rounded = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, cents = divmod(abs(rounded), 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    if cents:
        grouped += "," + f"{cents:.2f}"[2:]
    return f"€ {sign}{grouped}"


# --- weekdays ------------------------------------------------------------------------

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
    (re.compile(r"\bs\s?morgens|\bmorgens\b|ochtend|\b(?:deze|van)\s?morgen\b"
                r"|[a-z]dagmorgen|morgenvroeg"), MORNING),
)
_PART_SUFFIXES = ("voormiddag", "namiddag", "middag", "avond", "morgen", "ochtend", "vroeg")

_ABBREVIATIONS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
# "zo", "ma" and friends are everyday words; they only mean a day in these contexts.
_DAY_CONTEXT_BEFORE = {"op", "tegen", "vanaf", "tot", "volgende", "deze", "komende", "elke"}
_RELATIVE = {"vandaag": 0, "morgen": 1, "overmorgen": 2}


def _split_part(token: str) -> str:
    """"woensdagnamiddag" -> "woensdag", "morgenavond" -> "morgen"."""
    for suffix in _PART_SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token


def _weekday_name(base: str) -> int | None:
    if base in WEEKDAYS:
        return WEEKDAYS.index(base)
    if base.endswith("s") and base[:-1] in WEEKDAYS:
        return WEEKDAYS.index(base[:-1])
    if len(base) >= 5:
        close = difflib.get_close_matches(base, WEEKDAYS, n=1, cutoff=0.82)
        if close:
            return WEEKDAYS.index(close[0])
    return None


def _abbreviation_counts(text: str, match: re.Match[str], previous: str | None) -> bool:
    after = text[match.end():]
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
    plain = normalize(text)
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


def _token_weekday(text: str, match: re.Match[str], previous: str | None,
                   today: date | None) -> int | None:
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
    name: day for names in (("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                            ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"))
    for day, name in enumerate(names)}


# --- times ------------------------------------------------------------------------

@dataclass(frozen=True)
class Moment:
    """What a question says about when: any of weekday, clock time and day part."""
    weekday: int | None = None
    time: time | None = None
    part: DayPart | None = None


# text2num leaves these as words when they stand alone ("twee kamers", "om drie uur").
_SMALL_NUMBERS = {word: value for value, word in enumerate(
    ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"), start=1)}
_HOUR = r"(\d{1,2}|" + "|".join(_SMALL_NUMBERS) + r")"
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
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word]


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
    plain = normalize(text)
    hits = [(m.start(), part) for pattern, part in _PART_PATTERNS
            for m in [pattern.search(plain)] if m]
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
    plain = normalize(text)
    part = parse_part(plain)
    moment = Moment(parse_weekday(plain, today), _parse_clock(plain, part), part)
    return None if moment == Moment() else moment


# --- language --------------------------------------------------------------------

MIN_FOREIGN_WORDS = 2
_STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "ik k je jij ge gij u het een de en van wat wa waar hoe mijn me niet met voor op "
        "dat da die er kan kunt heb hebt heeft wil wilt moet moe zijn ben is naar bij "
        "om ook nog al of maar dan wanneer welke huur huurder woning huis premie steun "
        "hallo dag goeiedag dank bedankt hulp help zoek zoeken in geen te aan uit ze zij hij we wij "
        "hem haar hun dit deze wordt worden zo nu als door over na tot meer dus omdat mag zit staat "
        "gaan gaat krijg krijgen graag stad vannacht vandaag nie nen ne der t".split()),
    "fr": frozenset(
        "je j tu il elle nous vous le la les l un une des du de et est suis sont a "
        "pour avec mon ma mes pas ne qui que quoi ou quand comment pourquoi cherche "
        "besoin veux peux bonjour salut merci aide loyer logement maison prime "
        "appartement proprietaire locataire sil plait svp".split()),
    "en": frozenset(
        "the a an i you he she we they where what how can could get with for my is are "
        "do does help rent house housing home hello hi please thanks thank need want to "
        "of and in it on im there have has be will would should when which open "
        "only answer dutch english your from about".split()),
}


def detect_language(text: str, min_foreign: int = MIN_FOREIGN_WORDS) -> str:
    """"nl", "fr" or "en" by counting stopwords; Dutch when it is a tie or unclear, and when
    fewer than `min_foreign` words ("client", "in") speak for another language."""
    words = re.findall(r"[a-z]+", normalize(text))
    # A lone letter ("a", "i", "j") in noise or initials is no sign of French or English.
    scores = {lang: sum(word in stop and (lang == "nl" or len(word) > 1) for word in words)
              for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "nl"))
    return best if best == "nl" or scores[best] >= min_foreign else "nl"
