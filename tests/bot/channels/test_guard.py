"""The guard around every public channel's turn: typed intents are words, long
messages get a clear reply, and a failed, slow or silent turn still answers."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from actions import kb
from actions.places import DEELGEMEENTEN
from actions.replies import choice_buttons
from bot.channels.guard import MAX_MESSAGE_CHARS, TOO_LONG, guarded, plain_text, printable
from bot.contact import sociaal_huis

CONTACT = "Sociaal Huis, tel. 056 24 42 22"


@pytest.mark.parametrize(
    "typed, read_as",
    [
        ("/greet", "greet"),
        ('/inform_svk{"ki": "-5"}', 'inform_svk{"ki": "-5"}'),
        ("//restart", "restart"),
        ('  /ask_info{"record_id": "x"} en nog iets', 'ask_info{"record_id": "x"} en nog iets'),
        (
            '/ask_dienstencentrum{"deelgemeente": "Heule", "x": 1}',
            'ask_dienstencentrum{"deelgemeente": "Heule", "x": 1}',
        ),
        ("premie dakisolatie?", "premie dakisolatie?"),
        ("1/2 van de huur", "1/2 van de huur"),
    ],
)
def test_typed_intents_are_plain_words(typed: str, read_as: str) -> None:
    assert plain_text(typed) == read_as


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("premie\x00dak", "premie dak"),
        ("svk\u200b?", "svk?"),
        ("\u202eeimerp", "eimerp"),
        ("regel één\nregel twee\t!", "regel één\nregel twee\t!"),
        ("😀 huur €", "😀 huur €"),
    ],
)
def test_control_and_invisible_characters_go(raw: str, clean: str) -> None:
    assert printable(raw) == clean


def test_every_button_the_assistant_offers_keeps_working() -> None:
    kb_ = kb.get()
    payloads = [b["payload"] for b in choice_buttons(kb_.records, kb_.repeated_titles)]
    payloads += [f'/ask_dienstencentrum{{"deelgemeente": "{d}"}}' for d in DEELGEMEENTEN]
    assert len(payloads) > len(DEELGEMEENTEN) + 100
    assert [p for p in payloads if plain_text(p) != p] == []


def test_the_apology_names_the_sociaal_huis_from_the_page() -> None:
    assert sociaal_huis() == CONTACT


def _turn(handler, text: str = "premie dakisolatie?", timeout: float = 5) -> tuple[list[str], list[str]]:
    seen: list[str] = []

    async def on_new_message(message: UserMessage) -> None:
        seen.append(message.text)
        await handler(message)

    collector = CollectingOutputChannel()
    asyncio.run(guarded(on_new_message, CONTACT, timeout)(UserMessage(text, collector, "s")))
    return seen, [m.get("text", "") for m in collector.messages]


async def _answers(message: UserMessage) -> None:
    await message.output_channel.send_response(message.sender_id, {"text": "antwoord"})


def test_a_normal_turn_passes_untouched() -> None:
    seen, replies = _turn(_answers)
    assert seen == ["premie dakisolatie?"] and replies == ["antwoord"]


def test_the_dialogue_sees_typed_intents_as_words_without_control_characters() -> None:
    seen, _ = _turn(_answers, '/inform_svk{"ki": "-5"}\x00')
    assert seen == ['inform_svk{"ki": "-5"}']


def test_an_overlong_message_gets_a_clear_reply_and_no_turn() -> None:
    seen, replies = _turn(_answers, "a" * (MAX_MESSAGE_CHARS + 1))
    assert seen == [] and replies == [TOO_LONG]


async def _fails(message: UserMessage) -> None:
    raise ConnectionError("action server down")


async def _hangs(message: UserMessage) -> None:
    await asyncio.sleep(30)


async def _silent(message: UserMessage) -> None:
    return None


@pytest.mark.parametrize("handler", [_fails, _hangs, _silent], ids=["fails", "hangs", "silent"])
def test_a_resident_always_hears_something(handler) -> None:
    _, replies = _turn(handler, timeout=0.2)
    assert len(replies) == 1 and "Sorry" in replies[0] and "056 24 42 22" in replies[0], replies
