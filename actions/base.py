"""What every Woonwijzer action shares: it always answers.

An exception inside an action must never leave a resident without a reply:
the person gets a short apology with the Sociaal Huis contact, and the error
goes to the log for the maintainers.
"""

from __future__ import annotations

import abc
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from knowledge.base import KnowledgeBase

logger = logging.getLogger(__name__)


def apologise(dispatcher: CollectingDispatcher) -> None:
    # The database may be what failed: then the document itself still knows the contact.
    for source in (kb.get, KnowledgeBase.from_source):
        try:
            contact = source().general_help_contact()
        except Exception:
            logger.exception("no contact for the apology from %s", source.__qualname__)
        else:
            dispatcher.utter_message(response="utter_action_failed", contact=contact)
            return
    dispatcher.utter_message(response="utter_action_failed_later")


class SafeAction(Action, metaclass=abc.ABCMeta):
    """Subclasses implement `answer`; `run` turns any failure into a Dutch apology.

    Any answer that does not count a miss itself ends a run of misunderstandings,
    so the two-stage fallback counts only misses in a row.
    """

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        try:
            events = self.answer(dispatcher, tracker, domain)
        except Exception:
            logger.exception("action %s failed on %r", self.name(), tracker.latest_message.get("text"))
            apologise(dispatcher)
            return []
        counted = any(e.get("event") == "slot" and e.get("name") == "fallback_count" for e in events)
        reset = [SlotSet("fallback_count", 0)] if tracker.get_slot("fallback_count") and not counted else []
        return events + reset

    @abc.abstractmethod
    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The action's own work; any exception becomes an apology."""


class ActionRestart(Action):
    """Rasa's restart, with a word: a person who types "/restart" or presses restart sees that
    the conversation starts over."""

    def name(self) -> str:
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_restarted")
        return [Restarted()]
