"""Handoff to a person: the service for the subject of the conversation, and whether it is open now."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from actions.base import SafeAction
from actions.context import current_record, entity, remember, text
from actions.hours import now, status_now
from actions.replies import source_line
from knowledge import texts
from knowledge.base import KnowledgeBase, Service, describe_contact
from knowledge.questions import strip_markup

HANDOFF_CONFIDENCE = 2.0
# The words of the wish itself say nothing about the subject: "ik wil iemand spreken over mijn premie".
_WISH = re.compile(
    r"\b(?:ik wil|kan ik|mag ik|graag|iemand|een mens|mens|persoon|medewerker|spreken|praten|"
    r"bellen|telefoneren|contact|van de stad|echte|aan de lijn|krijgen|vragen|real|person|human|"
    r"talk|speak|somebody|someone|want|with|city|parler|quelqu'un)\b",
    re.I,
)


def subject_service(kb_: KnowledgeBase, message: str) -> Service | None:
    """The service that answers for what the message is about, when it names a subject."""
    result = kb_.search(_WISH.sub(" ", strip_markup(message)))
    # Lower than an answer needs: a wrong desk is one call away from the right one.
    if not result.hits or result.off_page or result.confidence < HANDOFF_CONFIDENCE:
        return None
    return kb_.service_of(result.hits[0].record)


def answer_handoff(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    kb_ = kb.get()
    named = entity(tracker, "organisation")
    record = current_record(kb_, tracker)
    service = (
        (kb_.service(named) if named else None)
        or subject_service(kb_, text(tracker))
        or (kb_.service_of(record) if record else None)
        or kb_.general_help()
    )
    if service.contact is None:
        service = kb_.general_help()
    contact = service.contact
    if contact is None:
        raise LookupError("the general help desk has no contact")  # SafeAction apologises
    lines = [texts.get("utter_handoff", contact=describe_contact(contact))]
    hours_of = service if service.has_hours else kb_.service(contact.name)
    if hours_of is not None and hours_of.has_hours:
        lines.append(status_now(hours_of, now()))
    else:
        lines.append(texts.get("utter_handoff_no_hours", name=contact.name or service.name))
    lines.append(source_line(service.record))
    dispatcher.utter_message(text="\n".join(lines))
    return remember(service)


class ActionHandoff(SafeAction):
    def name(self) -> str:
        return "action_handoff"

    def answer(self, dispatcher, tracker, domain):
        return answer_handoff(dispatcher, tracker)
