"""A shorter `make fuzz` against the running assistant: every odd message gets a Dutch reply."""

from __future__ import annotations

import pytest

from bot.fuzz import GENERATORS, fuzz, is_dutch, messages, report

pytestmark = pytest.mark.e2e


def test_every_kind_of_message_is_generated() -> None:
    assert {kind for kind, _ in messages(len(GENERATORS), seed=1)} == set(GENERATORS)


@pytest.mark.parametrize(
    "reply, dutch",
    [
        ("Sorry, ik kan je nu even niet antwoorden.", True),
        ("Sorry, I only answer in Dutch. For help: Sociaal Huis.", False),
        ("", False),
    ],
)
def test_is_dutch(reply: str, dutch: bool) -> None:
    assert is_dutch(reply) is dutch


def test_odd_messages_get_dutch_replies(assistant) -> None:
    results = fuzz(f"http://127.0.0.1:{assistant.ports.rasa}", 180, seed=11, concurrencies=(1, 6, 12))
    print(report(results))
    assert len(results) == 180
    assert not [r for r in results if r.problem], report(results)
