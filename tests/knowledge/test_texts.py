"""The loader of the fixed sentences: one text per response, its placeholders filled exactly."""

from __future__ import annotations

import pytest

from knowledge import texts

CONTACT = "Sociaal Huis, tel. 056 24 42 22"


def test_the_loader_fails_loudly() -> None:
    with pytest.raises(KeyError, match="utter_nothing"):
        texts.get("utter_nothing")
    with pytest.raises(ValueError, match="contact"):
        texts.get("utter_handoff")
    with pytest.raises(ValueError, match="phone"):
        texts.get("utter_handoff", contact=CONTACT, phone="056 24 42 22")
    assert texts.get("utter_handoff", contact=CONTACT) == f"Ik ben een chatbot. Een medewerker spreek je bij {CONTACT}."


@pytest.mark.parametrize(
    "text, names",
    [("Bel {contact}.", {"contact"}), ("{outcome}\n{source}", {"outcome", "source"}), ("Geen plaatshouder.", set())],
)
def test_placeholders_are_read_as_rasa_reads_them(text: str, names: set[str]) -> None:
    assert texts.placeholders(text) == names
