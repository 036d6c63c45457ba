"""Referral helper for social workers: ranked services for a described situation."""
from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions import kb
from actions.base import SafeAction
from actions.context import text
from actions.info import ActionAnswerInfo
from knowledge.referral import Referral, refer


def short_summary(referral: Referral) -> str:
    """Two or three lines for a case file, after the detailed list."""
    first, *others = referral.recommended
    lines = [f"Kort: {'; '.join(referral.situations)}. Eerste keuze: {first.name}, {first.contact_text}"]
    if others:
        lines.append(f"Andere opties: {', '.join(o.name for o in others)}.")
    if referral.less_suitable:
        lines.append(f"Minder geschikt: {', '.join(o.name for o in referral.less_suitable)}.")
    return "\n".join(lines)


class ActionReferClient(SafeAction):
    def name(self) -> str:
        return "action_refer_client"

    def answer(self, dispatcher, tracker, domain):
        referral = refer(text(tracker), kb.get().records)
        if referral.unmatched or not referral.recommended:
            # No situation recognised: the question may still name an instrument.
            return ActionAnswerInfo().answer(dispatcher, tracker, domain)
        dispatcher.utter_message(text=referral.summary_text())
        dispatcher.utter_message(text=short_summary(referral))
        first = referral.recommended[0].record
        return [SlotSet("record_id", first.id)]
