"""What a conformiteitsattest costs (section 5.A.3 of the document).

The document: "Conformiteitsattest kan worden aangevraagd bij de dienst Wonen en kost
62,5 euro per woongelegeheid." The price per unit is passed in from the record's facts,
so a new price on the page needs no code change. Totals are rounded half-up to the cent.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from knowledge.nl.amounts import format_euro
from knowledge.rules import RuleInputError

RECORD_CODE = "5.A.3"
MAX_UNITS = 500

_CENT = Decimal("0.01")


def conformity_cost(units: int, per_unit: Decimal) -> Decimal:
    """Total price of the attest for ``units`` woongelegenheden (woningen of kamers)."""
    if isinstance(units, bool) or not isinstance(units, int):
        raise RuleInputError("units", "Geef het aantal woongelegenheden als een geheel getal, bijvoorbeeld 3.")
    if not 1 <= units <= MAX_UNITS:
        raise RuleInputError(
            "units", f"Het aantal woongelegenheden moet tussen 1 en {MAX_UNITS} liggen, bijvoorbeeld 3."
        )
    if not isinstance(per_unit, Decimal) or not per_unit.is_finite() or per_unit <= 0:
        raise ValueError(f"per_unit must be a positive Decimal, not {per_unit!r}")
    return (per_unit * units).quantize(_CENT, rounding=ROUND_HALF_UP)


def describe_conformity_cost(units: int, per_unit: Decimal) -> str:
    """ "Voor 3 woongelegenheden kost het conformiteitsattest 3 × € 62,50 = € 187,50.\""""
    total = conformity_cost(units, per_unit)
    noun = "woongelegenheid" if units == 1 else "woongelegenheden"
    return (
        f"Voor {units} {noun} kost het conformiteitsattest {units} × "
        f"{format_euro(per_unit)} = {format_euro(total)}. Je vraagt het aan bij de "
        f"dienst Wonen (zie {RECORD_CODE})."
    )
