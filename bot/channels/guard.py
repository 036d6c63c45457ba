"""What every public channel does around a turn, whatever the platform.

- A message may not steer the dialogue: text typed as `/intent{...}` is read
  as plain words, except the payloads of the buttons the assistant itself
  offers (which anyone could also reach by pressing the button). Control and
  invisible formatting characters go.
- An overlong message gets a clear reply instead of a slow parse.
- A resident always hears something: when the turn fails or takes longer than
  REPLY_TIMEOUT seconds (the action server down or hung, the database gone),
  or ends without a word, the channel says sorry and names the Sociaal Huis.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from knowledge import texts
from knowledge.settings import reply_timeout

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000
TOO_LONG = texts.get("utter_too_long", max_chars=MAX_MESSAGE_CHARS)
REPLY_TIMEOUT = reply_timeout()

# The payloads the actions put on buttons (actions/replies.py choice_buttons, actions/places.py).
_BUTTON_PAYLOAD = re.compile(
    r'/(?:deny|ask_info\{"record_id": "[\w.-]{1,80}"\}|ask_dienstencentrum\{"deelgemeente": "[\w .\'-]{1,40}"\})'
)


def printable(text: str) -> str:
    """Control characters become spaces and invisible formatting (zero-width, right-to-left
    overrides) goes: they only hide what a message says, and PostgreSQL refuses NUL."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        kept.append(" " if category == "Cc" and char not in "\n\t" else "" if category == "Cf" else char)
    return "".join(kept)


def plain_text(text: str) -> str:
    """`text` as the words a person typed: leading slashes go unless it is a button's payload."""
    stripped = text.strip()
    if not stripped.startswith("/") or _BUTTON_PAYLOAD.fullmatch(stripped):
        return text
    return stripped.lstrip("/").strip()


def apology(contact: str) -> str:
    return texts.get("utter_channel_sorry", contact=contact)


class _Counting(OutputChannel):
    """The platform's output channel, counting what the turn sent."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # an instance's name is its platform's
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def guarded(on_new_message: OnNewMessage, contact: str, timeout: float = REPLY_TIMEOUT) -> OnNewMessage:
    """`on_new_message` with the rules above; `contact` is the Sociaal Huis for the apology."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        if len(message.text or "") > MAX_MESSAGE_CHARS:
            await output.send_text_message(message.sender_id, TOO_LONG)
            return
        counting = _Counting(output)
        message.text = plain_text(printable(message.text or ""))
        message.output_channel = counting
        try:
            await asyncio.wait_for(on_new_message(message), timeout)
        except asyncio.TimeoutError:
            logger.error("No reply within %.0f s (action server or database slow or down?)", timeout)
        except Exception:
            logger.exception("The turn failed")
        if counting.sent == 0:
            await output.send_text_message(message.sender_id, apology(contact))

    return handle
