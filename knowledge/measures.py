"""Amounts of money, quantities (counts and durations) and dates read from a record's body lines.

Every function takes the body as (line number, text as written) pairs and is pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from knowledge.facts import (
    ADDRESS,
    BULLET,
    EMAIL,
    PHONE,
    POSTCODE_TOWN,
    TIME_SPAN,
    Line,
    sentences,
    tidy,
)
from knowledge.nl.times import MONTHS
from knowledge.records import Amount, DateFact, Quantity

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
AMOUNT_RANGE = re.compile(rf"tussen\s+(?P<low>{NUMBER})\s+en\s+(?P<high>{NUMBER})\s*(?:euro|€)", re.IGNORECASE)
AMOUNT = re.compile(
    rf"€\s*(?P<a>{NUMBER})|(?P<b>{NUMBER})\s*(?:euro\b|€)|(?P<c>{NUMBER})\s*%",
    re.IGNORECASE,
)
MAX_WORDS = re.compile(r"\b(?:max(?:imaal|imale|imum)?\.?|hoogstens|ten hoogste)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
MIN_WORDS = re.compile(r"\b(?:min(?:imaal|imale|imum)?\.?|minstens|ten minste)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
ABOUT_WORDS = re.compile(r"\b(?:zo['’]n|ongeveer|circa|ca\.|een)\s*$", re.IGNORECASE)

COUNT = re.compile(
    r"(?<![\w/.,€§-])(?P<n>\d+)(?P<tal>tal)?(?![\d/:%€]|[.,]\d)"
    r"(?:\s*x\s+per\s+(?P<xper>\w+)|\s+(?P<unit>(?:[a-z]+e\s+)?[A-Za-z][\w-]*(?:\s+partners)?))?"
)
DURATION_UNITS = {"dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren", "nacht", "nachten"}
NOT_UNITS = {"en", "of", "van", "tot", "bus", "euro", "u"}
LIST_MARKER = re.compile(r"^\s*\d+\.\s")

DATE_DMY = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b")
DATE_MY = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)})\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)


# --- amounts and quantities -----------------------------------------------------------------------


def _decimal(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def _purpose(text: str, start: int, end: int) -> str:
    """The clause around a match: its sentence, cut at commas, then at most 7 words either side."""
    for offset, sentence in sentences(text):
        if offset <= start < offset + len(sentence) + 1:
            break
    rel_start, rel_end = start - offset, end - offset
    left = re.split(r"[,;]\s", BULLET.sub("", sentence[:rel_start]))[-1]
    right = re.split(r"[,;)]", sentence[rel_end:])[0]
    left_words, right_words = left.split()[-7:], right.split()[:7]
    clause = " ".join([*left_words, sentence[rel_start:rel_end], *right_words])
    return tidy(clause.replace("(", " ").replace(")", " ")).rstrip(" .")


def _qualifier(before: str) -> str:
    if MAX_WORDS.search(before):
        return "max"
    if MIN_WORDS.search(before):
        return "min"
    if ABOUT_WORDS.search(before):
        return "ongeveer"
    return ""


def _per(text: str, start: int, end: int) -> str:
    if after := re.match(r"\s*per\s+(\w+)", text[end:]):
        return after.group(1)
    sentence = next(s for o, s in reversed(sentences(text)) if o <= start)
    return "jaar" if re.search(r"\bjaarlijks\b|\bper jaar\b", sentence, re.I) else ""


def extract_amounts(lines: Sequence[Line]) -> tuple[Amount, ...]:
    amounts: list[Amount] = []
    for number, text in lines:
        taken: list[tuple[int, int]] = []
        for m in AMOUNT_RANGE.finditer(text):
            taken.append(m.span())
            amounts.append(_amount(text, number, m, _decimal(m["low"]), "EUR", _decimal(m["high"])))
        for m in AMOUNT.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            value = m["a"] or m["b"] or m["c"]
            amounts.append(_amount(text, number, m, _decimal(value), "%" if m["c"] else "EUR", None))
    return tuple(amounts)


def _amount(text: str, number: int, m: re.Match[str], value: Decimal, unit: str, high: Decimal | None) -> Amount:
    return Amount(
        value=value,
        unit=unit,
        text=m.group().strip(),
        purpose=_purpose(text, *m.span()),
        max_value=high,
        qualifier=_qualifier(text[: m.start()]),
        per=_per(text, *m.span()),
        line=number,
    )


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that hold numbers of other kinds (phones, addresses, amounts, dates, times, list markers)."""
    spans: list[tuple[int, int]] = []
    for pattern in (
        PHONE,
        EMAIL,
        ADDRESS,
        POSTCODE_TOWN,
        AMOUNT_RANGE,
        AMOUNT,
        DATE_DMY,
        DATE_MY,
        TIME_SPAN,
        LIST_MARKER,
    ):
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.extend(m.span() for m in re.finditer(r"\b(?:19|20)\d{2}\b|artikel\s+\d+|§\s*\d+", text))
    return spans


def extract_quantities(lines: Sequence[Line]) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    for number, text in lines:
        masked = _masked_spans(text)
        for offset, sentence in sentences(text):
            last_unit = ""
            for m in COUNT.finditer(sentence):
                start, end = offset + m.start(), offset + m.end()
                if any(s <= start < e for s, e in masked):
                    continue
                unit, per = _unit(m)
                if not unit:
                    if not last_unit:
                        continue
                    unit = last_unit  # "460 wooneenheden op een totaal aanbod van 1276"
                last_unit = unit
                found.append(
                    Quantity(
                        value=Decimal(m["n"]),
                        unit=unit,
                        kind="duration" if unit in DURATION_UNITS else "count",
                        text=text[start:end].strip(),
                        purpose=_purpose(text, start, end),
                        qualifier="ongeveer" if m["tal"] else _qualifier(text[:start]),
                        per=per or _per(text, start, end),
                        line=number,
                    )
                )
    return tuple(found)


def _unit(m: re.Match[str]) -> tuple[str, str]:
    if m["xper"]:
        return "keer", m["xper"]
    unit = (m["unit"] or "").strip()
    first = unit.split()[0] if unit else ""
    if not unit or first in NOT_UNITS:
        return "", ""
    return unit, ""


# --- dates ----------------------------------------------------------------------------------------


def extract_dates(lines: Sequence[Line]) -> tuple[DateFact, ...]:
    dates: list[tuple[int, int, DateFact]] = []
    for number, text in lines:
        for m in DATE_DMY.finditer(text):
            iso = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
            dates.append((number, m.start(), DateFact(m.group(), iso, number)))
        for m in DATE_MY.finditer(text):
            iso = f"{m['y']}-{MONTHS.index(m['month'].lower()) + 1:02d}"
            dates.append((number, m.start(), DateFact(m.group(), iso, number)))
    return tuple(d for _, _, d in sorted(dates, key=lambda x: (x[0], x[1])))


def has_date(text: str) -> bool:
    return bool(DATE_DMY.search(text) or DATE_MY.search(text))
