"""The days the desks are closed whatever their weekly hours say.

Belgium's public holidays come from the `holidays` package; the city's own
closing days from the curated `knowledge/closing_days.yml`. The page itself
lists no closing days, which is why replies about "now" hedge.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import holidays
import yaml

CLOSING_DAYS = Path(__file__).resolve().parent.parent / "closing_days.yml"


def load_closing_days(path: Path = CLOSING_DAYS) -> dict[date, str]:
    """{date: name} from the curated file; a malformed entry stops the build with its place."""
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("closing_days") or []
    days: dict[date, str] = {}
    for number, entry in enumerate(entries, 1):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("date"), date)
            or not str(entry.get("name") or "").strip()
            or not str(entry.get("why") or "").strip()
        ):
            raise ValueError(f"{path.name}, sluitingsdag {number}: geef date (JJJJ-MM-DD), name en why")
        days[entry["date"]] = str(entry["name"]).strip()
    return days


@lru_cache(maxsize=1)
def _city_days() -> dict[date, str]:
    return load_closing_days()


@lru_cache(maxsize=8)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("BE", years=year, language="nl"))


def closed_because(day: date) -> str | None:
    """The name of the public holiday or city closing day on `day`, or None."""
    return _city_days().get(day) or _public_holidays(day.year).get(day)
