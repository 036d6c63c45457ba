"""Reading what the person said: entities of the latest message and the thread so far."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from knowledge.base import KnowledgeBase, Service
from knowledge.questions import strip_markup
from knowledge.records import Record


def entity(tracker: Tracker, name: str) -> str | None:
    """The entity's (synonym-mapped) value in the latest message, if any."""
    return next(tracker.get_latest_entity_values(name), None)


def text(tracker: Tracker) -> str:
    """The latest message's words, without markup ("<b>premie?</b>" asks about a premium)."""
    return strip_markup(tracker.latest_message.get("text") or "")


def intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def slot_before_message(tracker: Tracker, name: str) -> Any:
    """The slot as the conversation knew it before the latest message: Rasa fills slots from
    that message's entities before any action runs, and those say nothing of earlier turns."""
    value = before = None
    for event in tracker.events:
        if event.get("event") == "user":
            before = value
        elif event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
        elif event.get("event") in ("restart", "session_started"):
            value = None
    return before


def current_record(kb: KnowledgeBase, tracker: Tracker) -> Record | None:
    """The record the conversation is about: of the last answer, or of the service it named."""
    if record_id := tracker.get_slot("record_id"):
        return kb.get(record_id)
    # The slot also takes a service named in this very message: that is no earlier thread.
    if entity(tracker, "organisation"):
        return None
    service = kb.service(name) if (name := tracker.get_slot("service")) else None
    return service.record if service else None


def remember(service: Service) -> list[dict[str, Any]]:
    """The slots that make a follow-up question ("en op vrijdag?") about this service."""
    return [SlotSet("service", service.name), SlotSet("record_id", service.record.id)]
