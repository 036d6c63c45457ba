"""Reading what the person said: entities of the latest message and the thread so far."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from knowledge.base import KnowledgeBase, Service
from knowledge.records import Record


def entity(tracker: Tracker, name: str) -> str | None:
    """The entity's (synonym-mapped) value in the latest message, if any."""
    return next(tracker.get_latest_entity_values(name), None)


def text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def current_record(kb: KnowledgeBase, tracker: Tracker) -> Record | None:
    record_id = tracker.get_slot("record_id")
    return kb.get(record_id) if record_id else None


def named_service(kb: KnowledgeBase, tracker: Tracker) -> Service | None:
    """The service named in this message, else the one of the record the conversation is about.

    Every answer sets `record_id`, so the record is the freshest thread; `service`
    only remains for a service the NLU named without a record of its own.
    """
    if (name := entity(tracker, "organisation")) and (service := kb.service(name)):
        return service
    if (record := current_record(kb, tracker)) and (service := kb.service_of(record)):
        return service
    name = tracker.get_slot("service")
    return kb.service(name) if name else None


def remember(service: Service) -> list[dict[str, Any]]:
    """The slots that make a follow-up question ("en op vrijdag?") about this service."""
    return [SlotSet("service", service.name), SlotSet("record_id", service.record.id)]
