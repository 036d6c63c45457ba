"""action_dienstencentrum: the lokaal dienstencentrum per deelgemeente."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from tests.actions.conftest import ent, run, tracker_for


@pytest.mark.parametrize(
    "question, where, facts",
    [
        ("welk dienstencentrum is er in heule", "Heule", ["De Zevenkamer", "Mellestraat 15"]),
        ("dienstencentrum bissegem", "Bissegem", ["De Vlaskapelle"]),
        ("waar is t dienstencentrum in marke", "Marke", ["t Cirkant", "Hellestraat 6"]),
        ("lokaal dienstencentrum rollegem", "Rollegem", ["Seniorenacties Kortrijk-Zuid"]),
        ("dienstencentrum in kortrijk centrum", "Kortrijk", ["De Zonnewijzer", "Overleie", "De Condé"]),
    ],
)
def test_the_centre_of_each_deelgemeente(question, where, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(question, "ask_dienstencentrum", [ent("deelgemeente", where)]))
    for fact in facts:
        assert fact in reply.text, f"{question!r} should name {fact!r}:\n{reply.text}"
    assert "Bron: 6.B" in reply.text


@pytest.mark.parametrize("where", ["Aalbeke", "Bellegem", "Kooigem"])
def test_a_deelgemeente_the_page_lists_none_for(where) -> None:
    reply = run(
        ActionAnswer(),
        tracker_for(f"dienstencentrum {where.lower()}", "ask_dienstencentrum", [ent("deelgemeente", where)]),
    )
    assert f"Voor {where} noemt de pagina geen" in reply.text, reply.text


def test_found_in_the_text_when_the_entity_was_missed() -> None:
    reply = run(ActionAnswer(), tracker_for("dienstencentrum in heule?", "ask_dienstencentrum"))
    assert "De Zevenkamer" in reply.text


def test_asks_the_deelgemeente_with_buttons() -> None:
    reply = run(ActionAnswer(), tracker_for("waar is het dichtste dienstencentrum", "ask_dienstencentrum"))
    assert len(reply.buttons) == 8 and "deelgemeente" in reply.text


def test_home_adaptation_adds_the_regional_centres() -> None:
    reply = run(
        ActionAnswer(),
        tracker_for(
            "dienstencentrum heule voor aanpassing van de trap", "ask_dienstencentrum", [ent("deelgemeente", "Heule")]
        ),
    )
    assert "Bond Moyson" in reply.text, reply.text
