"""Reading what the person said: entities of the latest message and the thread so far."""
from __future__ import annotations

from rasa_sdk import Tracker

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
    """The service named in this message, else the one the conversation is about."""
    for name in (entity(tracker, "organisation"), tracker.get_slot("service")):
        if name and (service := kb.service(name)):
            return service
    record = current_record(kb, tracker)
    return kb.service_of(record) if record else None
