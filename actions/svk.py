"""The SVK rent support (4.C.2.1.a): explain it, ask KI and rent, compute it."""
from __future__ import annotations

import abc

from decimal import Decimal
from typing import Any, Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import kb
from actions.base import SafeAction
from actions.replies import source_line
from knowledge.dutch import parse_amount
from knowledge.records import Record
from knowledge.rules import RuleInputError
from knowledge.rules.svk import RECORD_CODE, check_ki, check_rent, explanation, svk_support

QUESTIONS = {
    "ki": "Wat is het kadastraal inkomen (KI) van de woning? Je vindt het op je aanslagbiljet "
          "onroerende voorheffing. Typ bv. 650.",
    "huur": "Hoeveel is de huurprijs per maand, zoals in het huurcontract? Typ bv. 430 euro.",
}
NOT_A_NUMBER = {
    "ki": "Ik kon daar geen bedrag in lezen. Typ het KI als getal, bv. 650. Typ 'stop' om te stoppen.",
    "huur": "Ik kon daar geen bedrag in lezen. Typ de huur per maand als getal, bv. 430. Typ 'stop' om te stoppen.",
}


def svk_record() -> Record:
    return next(r for r in kb.get().records if r.code == RECORD_CODE and r.has_content)


class ActionSvkExplain(SafeAction):
    def name(self) -> str:
        return "action_svk_explain"

    def answer(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=f"{explanation()}\n{source_line(svk_record())}\nIk reken het graag voor je uit.")
        return []


def _validated(slot: str, value: Any, check: Callable[[Decimal], Decimal],
               dispatcher: CollectingDispatcher) -> dict[str, Any]:
    amount = parse_amount(str(value or ""))
    if amount is None:
        dispatcher.utter_message(text=NOT_A_NUMBER[slot])
        return {slot: None}
    try:
        return {slot: str(check(amount))}
    except RuleInputError as error:
        dispatcher.utter_message(text=error.message)
        return {slot: None}


class ValidateSvkForm(FormValidationAction):
    def name(self) -> str:
        return "validate_svk_form"

    def validate_ki(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                    domain: dict[str, Any]) -> dict[str, Any]:
        return _validated("ki", value, check_ki, dispatcher)

    def validate_huur(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict[str, Any]) -> dict[str, Any]:
        return _validated("huur", value, check_rent, dispatcher)


class AskSlot(SafeAction):
    """The form asks through these actions (not responses), so the question lives beside
    its validation and the data validator sees no unused response."""

    @property
    @abc.abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def answer(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=QUESTIONS[self.slot])
        return []


class ActionAskKi(AskSlot):
    slot = "ki"


class ActionAskHuur(AskSlot):
    slot = "huur"


class ActionSvkResult(SafeAction):
    def name(self) -> str:
        return "action_svk_result"

    def answer(self, dispatcher, tracker, domain):
        outcome = svk_support(Decimal(tracker.get_slot("ki")), Decimal(tracker.get_slot("huur")))
        dispatcher.utter_message(text=f"{outcome.reply()}\n{source_line(svk_record())}\n"
                                      "Wil je het met een ander bedrag proberen? Typ bv. 'en met een huur van 400 euro?'")
        return []
