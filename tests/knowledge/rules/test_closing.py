"""Public holidays and the city's closing days close every desk."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from knowledge.rules import closing
from knowledge.rules.closing import closed_because, load_closing_days
from knowledge.rules.hours import BRUSSELS, is_open, next_opening, open_until

# A week like the desks': maandag to vrijdag 9 – 12 u.
WEEK = {d: [(time(9), time(12))] for d in range(5)}


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 12, 25), "Kerstmis"),
        (date(2027, 1, 1), "Nieuwjaar"),
        (date(2027, 3, 29), "Paasmaandag"),
        (date(2026, 7, 21), "Nationale feestdag"),
        (date(2026, 11, 11), "Wapenstilstand"),
    ],
)
def test_belgian_public_holidays_in_dutch(day: date, name: str) -> None:
    assert closed_because(day) == name


def test_an_ordinary_day_is_not_closed() -> None:
    assert closed_because(date(2026, 12, 23)) is None


def test_never_open_on_christmas_morning() -> None:
    christmas = datetime(2026, 12, 25, 10, 0, tzinfo=BRUSSELS)  # a Friday
    assert not is_open(WEEK, christmas) and open_until(WEEK, christmas) is None
    assert next_opening(WEEK, christmas) == datetime(2026, 12, 28, 9, 0, tzinfo=BRUSSELS)


def test_next_opening_skips_holidays_ahead() -> None:
    # Thursday 31 December after closing: Friday 1 January is Nieuwjaar.
    assert next_opening(WEEK, datetime(2026, 12, 31, 13, 0, tzinfo=BRUSSELS)) == datetime(
        2027, 1, 4, 9, 0, tzinfo=BRUSSELS
    )


def test_city_closing_days_come_from_the_curated_file(tmp_path: Path, monkeypatch) -> None:
    listed = tmp_path / "closing_days.yml"
    listed.write_text("closing_days:\n  - date: 2027-01-04\n    name: brugdag\n    why: test\n")
    monkeypatch.setattr(closing, "_city_days", lambda: load_closing_days(listed))
    assert closed_because(date(2027, 1, 4)) == "brugdag"
    assert next_opening(WEEK, datetime(2026, 12, 31, 13, 0, tzinfo=BRUSSELS)) == datetime(
        2027, 1, 5, 9, 0, tzinfo=BRUSSELS
    )


@pytest.mark.parametrize(
    "entry",
    [
        "- date: 2027-01-04\n    name: brugdag",  # no why
        "- date: morgen\n    name: brugdag\n    why: x",
        "- name: brugdag\n    why: x",
    ],
)
def test_a_malformed_closing_day_names_its_place(tmp_path: Path, entry: str) -> None:
    listed = tmp_path / "closing_days.yml"
    listed.write_text(f"closing_days:\n  {entry}\n")
    with pytest.raises(ValueError, match="sluitingsdag 1"):
        load_closing_days(listed)


def test_the_shipped_list_loads() -> None:
    assert isinstance(load_closing_days(), dict)
