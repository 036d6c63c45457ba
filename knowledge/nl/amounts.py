"""Amounts of money in what people type, and euro amounts written for them.

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
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from text_to_num import alpha2digit

from knowledge import privacy
from knowledge.nl.normalize import fold

CENT = Decimal("0.01")
# text2num leaves these as words when they stand alone ("twee kamers", "om drie uur").
SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"), start=1
    )
}

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
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
    plain = fold(spell_out_numbers(text))
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
    spelled = fold(alpha2digit(text.lower(), "nl"))
    numbers = "|".join(SMALL_NUMBERS)
    match = re.search(rf"\b(\d{{1,4}}|{numbers})(?![\w.,])\s*(?:\w+\s+)?\w*(?:{nouns})", spelled)
    if not match:
        return None
    number = match.group(1)
    return int(number) if number.isdigit() else SMALL_NUMBERS[number]


def format_euro(amount: Decimal) -> str:
    """ "€ 87,50", "€ 1.000", "€ -12,50": half-up to the cent, cents only when not zero."""
    rounded = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, cents = divmod(abs(rounded), 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    if cents:
        grouped += "," + f"{cents:.2f}"[2:]
    return f"€ {sign}{grouped}"
