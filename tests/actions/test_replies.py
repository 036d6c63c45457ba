"""The Dutch reply texts, without Rasa."""
from __future__ import annotations

import pytest

from actions import kb
from actions.replies import MAX_ANSWER_CHARS, choice_buttons, record_answer, trim


def test_short_text_stays_whole() -> None:
    assert trim("Een korte zin.") == "Een korte zin."


def test_sentences_with_numbers_come_first_in_document_order() -> None:
    history = "Het SVK werd lang geleden opgericht door het OCMW en groeide uit tot een eigen vzw. " * 4
    rule = "Voor woningen met een KI tussen 500 en 1000 euro betaalt de stad 20% van de huur."
    kept = trim(history + rule, limit=200)
    assert rule in kept, f"the sentence with the condition should survive trimming:\n{kept}"
    assert kept.index("vzw") < kept.index(rule), "kept sentences stay in the document's order"
    assert len(kept) <= 200


@pytest.mark.parametrize("limit", [20, 80, MAX_ANSWER_CHARS])
def test_never_longer_than_the_limit_plus_an_ellipsis(limit: int) -> None:
    text = "woord " * 300
    assert len(trim(text, limit)) <= limit + 2


def test_a_heading_the_page_repeats_is_named_with_its_section() -> None:
    """"Andere" alone on a button, or in "Over 'Andere' ...", tells a resident nothing."""
    kb_ = kb.get()
    record = kb_.get("7-c-andere")
    buttons = choice_buttons([record], kb_.repeated_titles)
    assert buttons[0]["title"] == "Andere (Bijzondere woonvormen)"
    answer = record_answer(record, kb_.service_of(record), kb_.general_help_contact(), kb_.repeated_titles)
    assert answer.startswith("Over 'Andere (Bijzondere woonvormen)' staat op de stadspagina alleen een titel"), answer
