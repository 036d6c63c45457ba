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

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from knowledge.dutch import format_euro
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
        """The outcome in plain Dutch, with the bounds the rule applies."""
        rule = rule_sentence()
        if not self.eligible:
            reasons = " ".join(condition.explanation for condition in self.failed)
            return f"{reasons} {rule}"
        return (f"Met een KI van {format_euro(self.ki)} en een huur van "
                f"{format_euro(self.rent)} komt de stad tussen voor "
                f"{_percent(SHARE)} van de huurprijs: {format_euro(self.monthly)} per maand, "
                f"of {format_euro(self.yearly)} per jaar. {rule} Het SVK krijgt daarnaast "
                f"per woning die het huurt een eenmalige instappremie van "
                f"{format_euro(ENTRY_PREMIUM)}.")


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def rule_sentence() -> str:
    """The bounds of 4.C.2.1.a in one sentence, as every SVK reply states them."""
    return (f"De stad komt tussen voor woningen via het SVK met een KI tussen "
            f"{format_euro(KI_MIN)} en {format_euro(KI_MAX)} en een huurprijs van "
            f"maximaal {format_euro(MAX_RENT)} {_BOUNDS}.")


def explanation() -> str:
    """The rule for someone who asks about it, before any numbers are known."""
    return (f"De stad heeft een afspraak met het sociaal verhuurkantoor (SVK De Poort). {rule_sentence()} "
            f"Ze betaalt dan {_percent(SHARE)} van de maandhuur. Het SVK krijgt per woning die het huurt "
            f"een eenmalige instappremie van {format_euro(ENTRY_PREMIUM)}.")


def _validated(field: str, value: Decimal | int, label: str, absurd: Decimal,
               example: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{field} must be a Decimal or int, not {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise RuleInputError(field, f"{label} moet een bedrag groter dan 0 zijn, "
                                    f"bijvoorbeeld {example}.")
    if amount > absurd:
        raise RuleInputError(field, f"{label} van {format_euro(amount)} lijkt niet te "
                                    f"kloppen. Geef het bedrag in euro, bijvoorbeeld "
                                    f"{example}.")
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
        failed.append(Condition(
            "ki_too_low",
            f"Het KI van {format_euro(ki)} is lager dan {format_euro(KI_MIN)}."))
    elif ki > KI_MAX:
        failed.append(Condition(
            "ki_too_high",
            f"Het KI van {format_euro(ki)} is hoger dan {format_euro(KI_MAX)}."))
    if rent > MAX_RENT:
        failed.append(Condition(
            "rent_too_high",
            f"De huur van {format_euro(rent)} is hoger dan {format_euro(MAX_RENT)}."))
    return failed
