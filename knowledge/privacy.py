"""Personal data out of what residents type, before it is stored or reported.

Social workers describe real clients, so a message may hold a national register
number, an IBAN, an e-mail address, a phone number or a street address. Each is
replaced by a Dutch label in brackets. KI and rent amounts stay (the SVK form
needs them), and so do the city's own addresses, phone numbers and e-mail
addresses: they are read from the page, where they are public.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# 11 digits as YY.MM.DD-XXX.CC, with or without the dots and dash.
_NATIONAL_NUMBER = re.compile(r"(?<![\d.])\d{2}[.\s]?\d{2}[.\s]?\d{2}[\s.-]?\d{3}[.\s]?\d{2}(?![\d])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Belgian numbers: 0 or +32/0032, then 8 (fixed) or 9 (mobile) digits, in any grouping.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)32[\s./-]?(?:\(0\)\s?)?|0)[1-9](?:[\s./-]?\d){7,8}(?!\d)")
_STREET_WORDS = (
    "straat|laan|steenweg|plein|dreef|weg|lei|kaai|markt|hof|pad|wegel|baan|singel|dijk|ring|"
    "dorp|park|veld|berg|hoek|kouter|vest|place|rue|avenue|chaussée"
)
# Street words that are a street name on their own ("Grote Markt 5"); "weg 2" is not.
_STREET_ALONE = "markt|plein|kouter|vest|kaai|dreef"
# A street word with a house number ("Kerkstraat 12", "Doorniksesteenweg 45 bus 3").
_ADDRESS = re.compile(
    rf"\b(?:[^\W\d_][\w'-]*?(?:{_STREET_WORDS})|{_STREET_ALONE})"
    r"\s+\d{1,4}\s?[a-z]?(?:\s*(?:bus|/)\s*\d{1,4}[a-z]?)?\b",
    re.IGNORECASE,
)

LABELS = (
    (_IBAN, "[rekeningnummer]"),
    (_NATIONAL_NUMBER, "[rijksregisternummer]"),
    (_EMAIL, "[e-mailadres]"),
    (_PHONE, "[telefoonnummer]"),
    (_ADDRESS, "[adres]"),
)


def _key(kind: re.Pattern, text: str) -> str:
    """One form for a match, so "056/27.84.33" and "+32 56 27 84 33" are the same number."""
    if kind is _PHONE:
        digits = re.sub(r"\D", "", text)
        return (
            "0" + digits[4:] if digits.startswith("0032") else "0" + digits[2:] if digits.startswith("32") else digits
        )
    return re.sub(r"\s+", " ", text.strip().lower())


@lru_cache(maxsize=1)
def _public() -> frozenset[str]:
    """The addresses, phone numbers and e-mail addresses the city's page itself gives."""
    from knowledge.parser import SOURCE_PATH  # here: the parser reads amounts, which use this module

    page = SOURCE_PATH.read_text(encoding="utf-8")
    return frozenset(_key(kind, m.group()) for kind in (_EMAIL, _PHONE, _ADDRESS) for m in kind.finditer(page))


def scrub(text: str) -> str:
    public = _public()
    for kind, label in LABELS:
        text = kind.sub(_replacer(kind, label, public), text)
    return text


def _replacer(kind: re.Pattern[str], label: str, public: frozenset[str]) -> Callable[[re.Match[str]], str]:
    """Keeps a number the page itself publishes (a service's phone); hides any other."""
    return lambda m: m.group() if _key(kind, m.group()) in public else label


def spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a number or address of the kinds above, public ones included:
    none of their digits is an amount ("0470 12 34 56" is no KI of 470)."""
    return [m.span() for kind in (_IBAN, _NATIONAL_NUMBER, _PHONE, _ADDRESS) for m in kind.finditer(text)]
