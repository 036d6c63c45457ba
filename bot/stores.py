"""Where Rasa keeps conversations: its own SQL tracker store, given one URL
(SQLite by default, PostgreSQL when TRACKER_STORE_URL says so), that scrubs
personal data from what residents type before it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from knowledge.privacy import scrub


def scrubbed(event: Event) -> Event:
    """A stored copy of a user message, or of a slot read from one, without personal data.
    Channel metadata (a Telegram user's name, say) is not kept at all."""
    if isinstance(event, SlotSet) and isinstance(event.value, str):
        # A form reads its slots from the message: a number read as a KI may be part of a phone number.
        return SlotSet(event.key, scrub(event.value), event.timestamp, event.metadata)
    if not isinstance(event, UserUttered):
        return event
    data = event.as_dict()
    data.update(text=scrub(data.get("text") or ""), metadata={})
    if parse := data.get("parse_data"):
        parse.update(text=data["text"], metadata={})
        # Entities stay (later turns are predicted from them); their values lose personal data too.
        for entity in parse.get("entities", []):
            if isinstance(entity.get("value"), str):
                entity["value"] = scrub(entity["value"])
    return Event.from_parameters(data) or event


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        # endpoints.yml's `url` arrives as `host`: a whole SQLAlchemy URL.
        if not host:
            raise ValueError("TRACKER_STORE_URL is leeg: geef een SQLAlchemy-URL (sqlite:///... of postgresql://...)")
        url = make_url(host)
        super().__init__(
            domain=domain,
            dialect=url.drivername,
            host=url.host,
            port=url.port,
            db=url.database or "",
            username=url.username,
            password=url.password,
            event_broker=event_broker,
            query=dict(url.query) or None,
            **kwargs,
        )

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        return (scrubbed(event) for event in super()._additional_events(session, tracker))
