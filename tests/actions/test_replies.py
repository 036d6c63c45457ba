"""The Dutch reply texts, without Rasa."""

from __future__ import annotations

from actions import kb
from actions.replies import choice_buttons, record_answer
from knowledge.focus import Focus


def test_a_heading_the_page_repeats_is_named_with_its_section() -> None:
    """ "Andere" alone on a button, or in "Over 'Andere' ...", tells a resident nothing."""
    kb_ = kb.get()
    record = kb_.get("7-c-andere")
    buttons = choice_buttons([record], kb_.repeated_titles)
    assert buttons[0]["title"] == "Andere (Bijzondere woonvormen)"
    answer = record_answer(record, kb_.service_of(record), kb_.general_help_contact(), kb_.repeated_titles, Focus(""))
    assert answer.startswith("Over 'Andere (Bijzondere woonvormen)' staat op de stadspagina alleen een titel"), answer
