"""action_refer_client: ranked services with conditions and contacts, and a copyable summary."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from tests.actions.conftest import run, tracker_for


@pytest.mark.parametrize(
    "situation, first, facts",
    [
        ("ik heb een cliënt die vannacht op straat staat", "RCK", ["één nacht"]),
        (
            "meneer kreeg een vonnis van uithuiszetting, moet binnen 2 weken weg",
            "Preventie van uithuiszetting",
            ["056 24 42 22"],
        ),
        ("mevrouw 81j kan de trap niet meer op in haar huis", "Aanpasbaar/levenslang wonen", []),
        ("client woont in Menen, geen dak vannacht", "RCK", ["Ook mensen van buiten de stad"]),
    ],
)
def test_ranked_services_for_a_situation(situation, first, facts) -> None:
    reply = run(ActionAnswer(), tracker_for(situation, "refer_client"))
    detailed, summary = reply.messages[0]["text"], reply.messages[1]["text"]
    assert detailed.splitlines()[1].startswith(f"1. {first} ("), f"{situation!r} should rank {first} first:\n{detailed}"
    for fact in facts:
        assert fact in detailed, f"{situation!r} should mention {fact!r}:\n{detailed}"
    assert "Bron:" in detailed and summary.startswith("Kort:")


def test_addiction_ranks_the_ocmw_crisis_shelter_down_with_the_documents_reason() -> None:
    reply = run(ActionAnswer(), tracker_for("jongeman 19j, drugsproblematiek, dakloos", "refer_client"))
    detailed = reply.messages[0]["text"]
    assert "Minder geschikt:" in detailed
    assert "verslavingsproblematiek meespeelt worden niet opgenomen" in detailed, detailed


def test_an_unrecognised_situation_falls_back_to_the_knowledge_base() -> None:
    reply = run(ActionAnswer(), tracker_for("ik heb een cliënt die een premie voor dakisolatie wil", "refer_client"))
    assert "056/27.84.33" in reply.text, reply.text
