"""What every Woonwijzer action shares: it always answers.

An exception inside an action must never leave a resident without a reply:
the person gets a short apology with the Sociaal Huis contact, and the error
goes to the log for the maintainers.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import kb

logger = logging.getLogger(__name__)


def apology() -> str:
    try:
        contact = kb.get().general_help_contact()
    except Exception:  # the knowledge base itself may be what failed
        logger.exception("no knowledge base for the apology")
        return "Sorry, er liep iets mis aan mijn kant. Probeer het straks opnieuw."
    return f"Sorry, er liep iets mis aan mijn kant. Voor hulp kan je terecht bij {contact}."


class SafeAction(Action):
    """Subclasses implement `answer`; `run` turns any failure into a Dutch apology."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return self.answer(dispatcher, tracker, domain)
        except Exception:
            logger.exception("action %s failed on %r", self.name(), tracker.latest_message.get("text"))
            dispatcher.utter_message(text=apology())
            return []

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        raise NotImplementedError
