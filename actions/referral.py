"""Referral helper for social workers: ranked services for a described situation."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.records import Record
from knowledge.referral import Referral


def short_summary(referral: Referral) -> str:
    """Two or three lines for a case file, after the detailed list."""
    first, *others = referral.recommended
    lines = [f"Kort: {'; '.join(referral.situations)}. Eerste keuze: {first.name}, {first.contact_text}"]
    if others:
        lines.append(f"Andere opties: {', '.join(o.name for o in others)}.")
    if referral.less_suitable:
        lines.append(f"Minder geschikt: {', '.join(o.name for o in referral.less_suitable)}.")
    return "\n".join(lines)


def answer_referral(
    dispatcher: CollectingDispatcher, referral: Referral, asked_about: Record | None = None
) -> list[dict[str, Any]]:
    """`asked_about`: the record the message itself names ("doorgangswoningen"); when it is one of
    the options, a follow-up ("wie beslist daarover?") is about it, else about the first option."""
    dispatcher.utter_message(text=referral.summary_text())
    dispatcher.utter_message(text=short_summary(referral))
    options = [o.record for o in referral.recommended]
    thread = asked_about if asked_about in options else options[0]
    return [SlotSet("record_id", thread.id)]
