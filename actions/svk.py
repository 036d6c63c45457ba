"""The SVK rent support (4.C.2.1.a): read KI and rent from what people type, ask what is
missing, compute it, and say the verdict first.

Numbers are read by code (knowledge.rules.svk.read_inputs), in every form people write them;
the learned entities only fill in when the code reads nothing. A question about another fact
of the SVK (its budget, the entry premiums) is answered like any other question, and then the
form asks nothing (`svk_calc` is false for that turn).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import kb
from actions.answer import OFF_TOPIC_OVERRIDE, route, svk_record
from actions.base import SafeAction
from actions.context import slot_before_message, text
from actions.replies import source_line
from knowledge.nl.amounts import parse_amount
from knowledge.rules import RuleInputError
from knowledge.rules.svk import (
    asks_support,
    check_ki,
    check_rent,
    explanation,
    names_svk,
    read_inputs,
    svk_support,
)

# The form asks for each with Rasa's utter_ask_<slot> response.
SLOTS = ("ki", "huur")


def about_another_subject(message: str) -> bool:
    """ "krijg ik iets van de stad als ik een regenput steek": words of support, but for a
    premium the search knows, not for the rent through the SVK."""
    if names_svk(message):
        return False
    result = kb.get().search(message)
    return (
        bool(result.hits)
        and not result.off_page
        and result.confidence >= OFF_TOPIC_OVERRIDE
        and result.hits[0].record != svk_record()
    )


class ActionSvkStart(SafeAction):
    """A question about the SVK, or numbers for the calculation: decides whether the form runs."""

    def name(self) -> str:
        return "action_svk_start"

    def answer(self, dispatcher, tracker, domain):
        message = text(tracker)
        # "maandag 8.30 sociaal huis open?": a time the classifier took for a KI is no calculation.
        calculating = slot_before_message(tracker, "ki") is not None
        if not asks_support(message, calculating=calculating) or (not calculating and about_another_subject(message)):
            return [*route(dispatcher, tracker), SlotSet("svk_calc", False)]
        inputs = read_inputs(message)
        if not inputs:
            # A new question starts a new calculation: the last one's numbers do not carry over.
            dispatcher.utter_message(
                response="utter_svk_explained", explanation=explanation(), source=source_line(svk_record())
            )
            return [SlotSet("svk_calc", True), *(SlotSet(slot, None) for slot in SLOTS)]
        return [SlotSet("svk_calc", True), *(SlotSet(slot, str(value)) for slot, value in inputs.items())]


def _validated(
    slot: str, value: Any, check: Callable[[Decimal], Decimal], dispatcher: CollectingDispatcher
) -> dict[str, Any]:
    if value is None:
        # A slot cleared (a new calculation) or not in this message: the form asks for it.
        return {slot: None}
    amount = parse_amount(str(value))
    if amount is None:
        dispatcher.utter_message(response=f"utter_not_a_number_{slot}")
        return {slot: None}
    try:
        return {slot: str(check(amount))}
    except RuleInputError as error:
        dispatcher.utter_message(text=error.message)
        return {slot: None}


class ValidateSvkForm(FormValidationAction):
    def name(self) -> str:
        return "validate_svk_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[str]:
        return [] if tracker.get_slot("svk_calc") is False else domain_slots

    def _read(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        """The slot as the code reads it from the message; the message's other number is not this one."""
        asked = tracker.get_slot("requested_slot")
        inputs = read_inputs(text(tracker), asked)
        if slot in inputs:
            return {slot: str(inputs[slot])}
        if inputs and asked == slot:
            return {slot: None}
        return {}

    async def extract_ki(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return self._read("ki", tracker)

    async def extract_huur(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return self._read("huur", tracker)

    def validate_ki(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return _validated("ki", value, check_ki, dispatcher)

    def validate_huur(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return _validated("huur", value, check_rent, dispatcher)


class ActionSvkResult(SafeAction):
    def name(self) -> str:
        return "action_svk_result"

    def answer(self, dispatcher, tracker, domain):
        ki, rent = tracker.get_slot("ki"), tracker.get_slot("huur")
        if tracker.get_slot("svk_calc") is False or ki is None or rent is None:
            # The form ran for a question that was answered otherwise: nothing to add.
            return []
        outcome = svk_support(Decimal(ki), Decimal(rent))
        dispatcher.utter_message(response="utter_svk_result", outcome=outcome.reply(), source=source_line(svk_record()))
        return []
