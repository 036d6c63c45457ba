"""City support for renting through SVK De Poort (section 4.C.2.1.a of the document).

The document says: "Voor woningen met een KI tussen 500 en 1000 euro en een maximale
huurprijs van €450 komt de stad tussen ten bedrage van 20% van de overeengekomen
maandelijkse huurprijs ... Voor elke in huur genomen woning ontvangt het SVK een
éénmalige instappremie van € 1.000."

Reading of the bounds (grenzen inbegrepen): a KI of exactly 500 or exactly 1000 counts
("tussen" in an official rule is read inclusive), and a rent of exactly €450 counts (a
maximum includes itself). The monthly support is rounded half-up to the cent; the
yearly amount is twelve times the rounded monthly amount. The instappremie goes to the
SVK, not to the tenant: it is mentioned, never added to the tenant's support.

A test reads the source document and checks that the sentence with these constants is
still there, so a change of the page breaks the test instead of giving old numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from knowledge.nl.amounts import amount_spans, format_euro
from knowledge.nl.normalize import fold
from knowledge.rules import RuleInputError

RECORD_CODE = "4.C.2.1.a"
KI_MIN = Decimal("500")
KI_MAX = Decimal("1000")
MAX_RENT = Decimal("450")
SHARE = Decimal("0.20")
ENTRY_PREMIUM = Decimal("1000")

# Beyond these an input is a typo (an extra zero, a yearly amount), not a house.
KI_ABSURD = Decimal("100000")
RENT_ABSURD = Decimal("20000")

_CENT = Decimal("0.01")
_BOUNDS = "(grenzen inbegrepen)"


@dataclass(frozen=True)
class Condition:
    """A condition of the rule that the house does not meet."""

    code: str
    explanation: str


@dataclass(frozen=True)
class SvkOutcome:
    ki: Decimal
    rent: Decimal
    eligible: bool
    monthly: Decimal
    yearly: Decimal
    failed: tuple[Condition, ...]

    def reply(self) -> str:
        """The verdict first ("Ja: € 80 per maand" / "Nee, ..."), then why, with the bounds."""
        rule = rule_sentence()
        if not self.eligible:
            reasons = " ".join(condition.explanation for condition in self.failed)
            return f"Nee, dan betaalt de stad niets bij. {reasons} {rule}"
        return (
            f"Ja: de stad betaalt {format_euro(self.monthly)} per maand bij, of "
            f"{format_euro(self.yearly)} per jaar. Dat is {_percent(SHARE)} van je huur van "
            f"{format_euro(self.rent)}, bij een KI van {format_euro(self.ki)}. {rule} Het SVK krijgt "
            f"daarnaast per woning die het huurt een eenmalige instappremie van {format_euro(ENTRY_PREMIUM)}."
        )


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def rule_sentence() -> str:
    """The bounds of 4.C.2.1.a in one sentence, as every SVK reply states them."""
    return (
        f"De stad komt tussen voor woningen via het SVK met een KI tussen "
        f"{format_euro(KI_MIN)} en {format_euro(KI_MAX)} en een huurprijs van "
        f"maximaal {format_euro(MAX_RENT)} {_BOUNDS}."
    )


def describe_entry_premiums(houses: int) -> str:
    """ "5 woningen: 5 × € 1.000 = € 5.000 instappremie voor het SVK"."""
    if houses <= 0:
        raise RuleInputError("houses", "Geef het aantal woningen als getal groter dan 0, bijvoorbeeld 5.")
    word = "woning" if houses == 1 else "woningen"
    return (
        f"Voor {houses} {word} krijgt het SVK {houses} × {format_euro(ENTRY_PREMIUM)} = "
        f"{format_euro(ENTRY_PREMIUM * houses)} instappremie (eenmalig per woning die het huurt)."
    )


# "Hoeveel legt de stad bij in mijn huur?": a question about the tenant's support, which the
# calculation answers; other facts of 4.C.2.1.a (the budget, the 30 houses) are not.
_SUPPORT = re.compile(
    r"\b(?:bij(?:leggen|legt|passen|past|dragen|draagt|betalen|betaalt)|tussen(?:komst|komen|komt)|huur\w*(?:premie|toelage|subsidie|steun)|"
    r"tegemoetkoming|korting|toelage|steun|20 ?%|20 procent|twintig procent|reken\w*|berekenen|"
    r"kom ik in aanmerking|recht op|val (?:ik|k) (?:er )?onder|krijg (?:ik|k)|betaalt de stad|"
    r"stuk van (?:mijn|de) huur|deel van (?:mijn|de) huur|hoeveel (?:krijg|betaalt|legt|past|geeft))"
)
_OTHER_FACTS = re.compile(
    r"\b(?:instappremie|budget|125|uitgetrokken|30 (?:nieuwe )?woningen|nieuwe woningen|"
    r"renovatiebegeleider|vzw|wieg|opgericht|ontstaan|logistieke|huurdersbegeleiding)\b"
)


_SVK_WORDS = re.compile(r"\b(?:svk|s\.v\.k\.?|sociaal verhuur\w*|verhuurkant\w*|de poort|ki|k\.i\.?|kadastra\w*)\b")


def names_svk(message: str) -> bool:
    """The SVK or the KI is named: what makes numbers in a message numbers for this rule."""
    return bool(_SVK_WORDS.search(fold(message)))


def asks_support(message: str, calculating: bool = False) -> bool:
    """Whether a message asks about the tenant's rent support (the calculation), not another fact.

    Numbers alone count only in a conversation that is already calculating ("en als mijn huur
    460 is?"): "de huur gaat 100 euro omhoog" is no SVK question.
    """
    plain = fold(message)
    if _OTHER_FACTS.search(plain):
        return False
    numbers = bool(read_inputs(message)) and (calculating or names_svk(message))
    return numbers or bool(_SUPPORT.search(plain))


def explanation() -> str:
    """The rule for someone who asks about it, before any numbers are known."""
    return (
        f"De stad heeft een afspraak met het sociaal verhuurkantoor (SVK De Poort). {rule_sentence()} "
        f"Ze betaalt dan {_percent(SHARE)} van de maandhuur. Het SVK krijgt per woning die het huurt "
        f"een eenmalige instappremie van {format_euro(ENTRY_PREMIUM)}."
    )


def _validated(field: str, value: Decimal | int, label: str, absurd: Decimal, example: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{field} must be a Decimal or int, not {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise RuleInputError(field, f"{label} moet een bedrag groter dan 0 zijn, bijvoorbeeld {example}.")
    if amount > absurd:
        raise RuleInputError(
            field,
            f"{label} van {format_euro(amount)} lijkt niet te "
            f"kloppen. Geef het bedrag in euro, bijvoorbeeld "
            f"{example}.",
        )
    return amount


def check_ki(ki: Decimal | int) -> Decimal:
    """The KI as a Decimal; RuleInputError when it cannot be right (zero, negative, absurd).

    Separate from svk_support so that a form can check each answer as it comes in.
    """
    return _validated("ki", ki, "Het KI (kadastraal inkomen)", KI_ABSURD, "650")


def check_rent(rent: Decimal | int) -> Decimal:
    """The monthly rent as a Decimal; RuleInputError when it cannot be right."""
    return _validated("rent", rent, "De maandelijkse huurprijs", RENT_ABSURD, "425")


def svk_support(ki: Decimal | int, rent: Decimal | int) -> SvkOutcome:
    """Does the city support this SVK house, and by how much per month and per year?

    ``ki`` is the kadastraal inkomen, ``rent`` the monthly rent in the lease, both in
    euro. Raises RuleInputError for zero, negative or absurd amounts.
    """
    ki, rent = check_ki(ki), check_rent(rent)
    failed = tuple(_failed_conditions(ki, rent))
    if failed:
        return SvkOutcome(ki, rent, False, Decimal("0.00"), Decimal("0.00"), failed)
    monthly = (rent * SHARE).quantize(_CENT, rounding=ROUND_HALF_UP)
    return SvkOutcome(ki, rent, True, monthly, monthly * 12, ())


def _failed_conditions(ki: Decimal, rent: Decimal) -> list[Condition]:
    failed = []
    if ki < KI_MIN:
        failed.append(Condition("ki_too_low", f"Het KI van {format_euro(ki)} is lager dan {format_euro(KI_MIN)}."))
    elif ki > KI_MAX:
        failed.append(Condition("ki_too_high", f"Het KI van {format_euro(ki)} is hoger dan {format_euro(KI_MAX)}."))
    if rent > MAX_RENT:
        failed.append(
            Condition("rent_too_high", f"De huur van {format_euro(rent)} is hoger dan {format_euro(MAX_RENT)}.")
        )
    return failed


# --- reading KI and rent from what people type ----------------------------------------
# Numbers are facts, read by code: the word nearest before an amount says what it is
# ("ki van 700", "huur: 400", "ik betaal 400"), or the words right after it ("400 per
# maand", "700 ki"). A learned entity extractor only helps when these say nothing.
_KI_WORDS = re.compile(r"\b(?:ki|k\.i\.?|kadastra\w*|inkomen)\b")
_RENT_WORDS = re.compile(r"\b(?:huur\w*|betaal\w*|betalen|kost\w*|maand\w*|mnd|pm|p/m|p\.m\.?)\b")
_UNIT_AFTER = re.compile(r"\s*(?:€|euro\b|eur\b|,-)?\s*")
_RENT_AFTER = re.compile(r"(?:per\s+|/\s*|a\s+|in\s+de\s+)?(?:maand\w*|mnd|m\b)|huur|pm\b|p/m")
_KI_AFTER = re.compile(r"(?:als\s+|aan\s+)?(?:ki\b|k\.i\.|kadastra)")
_LOOK_BACK = 40  # characters: "het kadastraal inkomen is ongeveer 700"


# The last words before a number, when they name it: "ki 1000 huur 300" is a KI of 1000.
_KI_RIGHT_BEFORE = re.compile(r"(?:ki|k\.i\.?|kadastraal inkomen|inkomen)\s*(?:is|van|=|:|bedraagt|€)?\s*(?:€\s*)?$")
_RENT_RIGHT_BEFORE = re.compile(r"(?:huur\w*|betaal\w*|betalen)\s*(?:is|van|=|:|bedraagt|€)?\s*(?:€\s*)?$")


def _label(plain: str, start: int, end: int, previous_end: int) -> str | None:
    before = plain[previous_end:start]
    if _KI_RIGHT_BEFORE.search(before):
        return "ki"
    if _RENT_RIGHT_BEFORE.search(before):
        return "huur"
    after = plain[end:]
    after = _UNIT_AFTER.sub("", after, count=1)
    if _KI_AFTER.match(after):
        return "ki"
    if _RENT_AFTER.match(after):
        return "huur"
    window = plain[max(previous_end, start - _LOOK_BACK) : start]
    ki = [m.end() for m in _KI_WORDS.finditer(window)]
    rent = [m.end() for m in _RENT_WORDS.finditer(window)]
    if not ki and not rent:
        return None
    # The cue nearest to the number names it: "huur 400 en ki 700".
    return "ki" if max(ki, default=-1) > max(rent, default=-1) else "huur"


def read_inputs(message: str, asked: str | None = None) -> dict[str, Decimal]:
    """The KI and monthly rent a message gives: {"ki": 700, "huur": 400}, or fewer.

    ``asked`` is the input the assistant just asked for ("ki" or "huur"): a bare number
    answers that question. Two bare numbers with nothing to tell them apart follow the
    order the calculation asks them in (KI first), the way people answer "KI en huur?".
    """
    plain, spans = amount_spans(message)
    found: dict[str, Decimal] = {}
    bare: list[Decimal] = []
    previous_end = 0
    for start, end, value in spans:
        label = _label(plain, start, end, previous_end)
        previous_end = end
        if label and label not in found:
            found[label] = value
        elif label is None:
            bare.append(value)
    missing = [slot for slot in ((asked,) if asked else ()) + ("ki", "huur") if slot not in found]
    if bare and (asked or len(bare) > 1 or found):
        for slot, value in zip(dict.fromkeys(missing), bare, strict=False):
            found[slot] = value
    return found
