"""action_opening_hours and action_handoff, at fixed moments in Brussels time."""

from __future__ import annotations

from datetime import datetime

import pytest

from actions import handoff, hours
from actions.answer import ActionAnswer
from actions.handoff import ActionHandoff
from knowledge import texts
from knowledge.rules.hours import BRUSSELS
from tests.actions.conftest import ent, run, tracker_for

SOCIAAL_HUIS = ent("organisation", "Sociaal Huis")
BALIE = ent("organisation", "Balie Bouwen, Milieu en Wonen")
# A Wednesday.
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)
SATURDAY_10 = datetime(2026, 11, 28, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):
    def set_now(moment: datetime) -> None:
        monkeypatch.setattr(hours, "now", lambda: moment)
        monkeypatch.setattr(handoff, "now", lambda: moment)

    return set_now


@pytest.mark.parametrize(
    "question, entities, facts",
    [
        (
            "is da sociaal huis open vrijdag om half 4",
            [SOCIAAL_HUIS],
            ["Sociaal Huis, vrijdag om 15.30 u: gesloten", "13 – 15 u"],
        ),
        ("sociaal huis dinsdag om 17u open?", [SOCIAAL_HUIS], ["dinsdag om 17 u: open", "13 – 18 u"]),
        ("is de balie open op maandag 's avonds", [BALIE], ["open", "16 – 19 u"]),
        ("balie woensdagnamiddag", [BALIE], ["open", "9 – 16 u"]),
        ("balie vrijdagnamiddag open?", [BALIE], ["gesloten", "9 – 12.30 u"]),
    ],
)
def test_open_at_the_day_and_time_asked(at, question, entities, facts) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionAnswer(), tracker_for(question, "ask_opening_hours", entities))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should say {fact!r}:\n{reply.text}"
    assert "Bron: 2.A" in reply.text


def test_open_now_and_the_week(at) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionAnswer(), tracker_for("is het sociaal huis nu open", "ask_opening_hours", [SOCIAAL_HUIS]))
    assert "Sociaal Huis: nu open, tot 12 u" in reply.text, reply.text
    assert "dinsdag: 9 – 12 u en 13 – 18 u" in reply.text


def test_closed_now_says_when_it_opens_next(at) -> None:
    at(SATURDAY_10)
    reply = run(ActionAnswer(), tracker_for("wanneer is het sociaal huis open", "ask_opening_hours", [SOCIAAL_HUIS]))
    assert "nu gesloten" in reply.text and "Weer open: maandag om 9 u" in reply.text, reply.text


def test_a_day_the_page_does_not_list_gets_an_honest_answer(at) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionAnswer(), tracker_for("sociaal huis zaterdag open?", "ask_opening_hours", [SOCIAAL_HUIS]))
    assert "zaterdag staat er geen openingsuur" in reply.text, reply.text


def test_follow_up_day_uses_the_service_of_the_conversation(at) -> None:
    at(WEDNESDAY_10)
    reply = run(
        ActionAnswer(),
        tracker_for("en op vrijdag?", "ask_opening_hours", [ent("weekday", "vrijdag")], {"service": "Sociaal Huis"}),
    )
    assert "Sociaal Huis, vrijdag: 9 – 12 u en 13 – 15 u" in reply.text, reply.text
    assert "Balie" not in reply.text


def test_no_service_named_gives_both_desks(at) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionAnswer(), tracker_for("wanneer zijn jullie open", "ask_opening_hours"))
    assert "Sociaal Huis" in reply.text and "Balie Bouwen, Milieu en Wonen" in reply.text, reply.text


def test_a_service_without_hours_on_the_page(at) -> None:
    at(WEDNESDAY_10)
    reply = run(
        ActionAnswer(),
        tracker_for("wanneer is de huurdersbond open", "ask_opening_hours", [ent("organisation", "Huurdersbond")]),
    )
    assert "geen openingsuren" in reply.text, reply.text


@pytest.mark.parametrize(
    "slots, facts",
    [
        ({}, ["Sociaal Huis", "056 24 42 22", "nu open"]),
        ({"record_id": "6-b-dakisolatie"}, ["056/27.84.33"]),
        ({"service": "Balie Bouwen, Milieu en Wonen"}, ["056/27.84.30", "nu open"]),
    ],
)
def test_handoff_names_the_right_service_and_whether_it_is_open(at, slots, facts) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionHandoff(), tracker_for("ik wil iemand spreken", "request_human", slots=slots))
    for fact in facts:
        assert fact in reply.text, f"handoff with {slots} should say {fact!r}:\n{reply.text}"


def test_handoff_when_closed_says_when_it_opens(at) -> None:
    at(SATURDAY_10)
    reply = run(ActionHandoff(), tracker_for("kan ik met een mens praten", "request_human"))
    assert "nu gesloten" in reply.text and "Weer open: maandag om 9 u" in reply.text, reply.text


CHRISTMAS_10 = datetime(2026, 12, 25, 10, 0, tzinfo=BRUSSELS)


@pytest.mark.parametrize("question", ["is het sociaal huis nu open", "sociaal huis open?", "is t ocmw vandaag open"])
def test_never_open_now_on_a_public_holiday(at, question) -> None:
    at(CHRISTMAS_10)
    reply = run(ActionAnswer(), tracker_for(question, "ask_opening_hours", [SOCIAAL_HUIS]))
    assert "nu open" not in reply.text, f"{question!r} on Kerstmis:\n{reply.text}"
    assert "gesloten (Kerstmis)" in reply.text and "Weer open: maandag om 9 u" in reply.text, reply.text
    assert texts.get("utter_no_closing_days") in reply.text


def test_a_day_asked_that_is_a_holiday(at) -> None:
    at(datetime(2026, 12, 23, 10, 0, tzinfo=BRUSSELS))  # Wednesday; Friday is Kerstmis
    reply = run(ActionAnswer(), tracker_for("sociaal huis vrijdag om 10u open?", "ask_opening_hours", [SOCIAAL_HUIS]))
    assert "vrijdag: gesloten (Kerstmis)" in reply.text and "Weer open: maandag om 9 u" in reply.text, reply.text


def test_every_hours_reply_says_the_page_lists_no_closing_days(at) -> None:
    at(WEDNESDAY_10)
    reply = run(ActionAnswer(), tracker_for("is het sociaal huis nu open", "ask_opening_hours", [SOCIAAL_HUIS]))
    assert reply.text.rstrip().endswith(texts.get("utter_no_closing_days")), reply.text
