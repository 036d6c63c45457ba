"""Rasa loads the tracker store from endpoints.yml, and what it writes has no personal data."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy import create_engine, text

from bot.stores import PrivateSQLTrackerStore
from knowledge.settings import ROOT

MESSAGE = "mijn cliënt (rrn 85.07.30-033.61) woont Kerkstraat 12, gsm 0475 12 34 56, KI 850 huur 450"


def _store_from_endpoints(monkeypatch, url: str) -> TrackerStore:
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:9/webhook")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    return TrackerStore.create(config, Domain.load(str(ROOT / "domain.yml")))


def _stored_rows(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = [row[0] for row in connection.execute(text("SELECT data FROM events ORDER BY id"))]
    engine.dispose()
    return rows


def test_endpoints_yml_gives_the_private_store(monkeypatch, tmp_path: Path) -> None:
    store = _store_from_endpoints(monkeypatch, f"sqlite:///{tmp_path / 't.sqlite3'}")
    # Rasa falls back to an in-memory store, silently, when the class cannot be imported.
    assert isinstance(store, PrivateSQLTrackerStore), type(store)


def test_personal_data_never_reaches_the_database(monkeypatch, tracker_url: str) -> None:
    store = _store_from_endpoints(monkeypatch, tracker_url)
    parse = {
        "text": MESSAGE,
        "intent": {"name": "inform_svk", "confidence": 0.9},
        "entities": [
            {"entity": "ki", "value": "850", "start": 0, "end": 3},
            {"entity": "phone", "value": "0475 12 34 56", "start": 0, "end": 3},
        ],
    }
    tracker = DialogueStateTracker.from_events(
        "client",
        [
            ActionExecuted("action_listen"),
            UserUttered(MESSAGE, parse_data=parse, metadata={"from": {"first_name": "Jan", "username": "jan_p"}}),
            SlotSet("ki", 850.0),
            SlotSet("huur", "85.07.30-033.61"),  # a form that read the wrong number
        ],
    )
    asyncio.run(store.save(tracker))
    stored = "\n".join(_stored_rows(tracker_url))
    for personal in ("85.07.30-033.61", "Kerkstraat 12", "0475 12 34 56", "jan_p", "Jan"):
        assert personal not in stored, f"{personal!r} was stored: {stored}"
    assert "KI 850 huur 450" in stored and "[rijksregisternummer]" in stored
    restored = asyncio.run(store.retrieve("client"))
    assert restored is not None and restored.get_slot("ki") == 850.0
    user = next(e for e in restored.events if isinstance(e, UserUttered))
    assert user.intent_name == "inform_svk" and [e["entity"] for e in user.entities] == ["ki", "phone"]


def test_the_live_tracker_keeps_the_text_for_this_turn(monkeypatch, tmp_path: Path) -> None:
    """Only the stored copy is scrubbed: the actions of this turn read what was typed."""
    url = f"sqlite:///{tmp_path / 't.sqlite3'}"
    store = _store_from_endpoints(monkeypatch, url)
    tracker = DialogueStateTracker.from_events("s", [UserUttered("bel 0475 12 34 56")])
    asyncio.run(store.save(tracker))
    assert tracker.latest_message.text == "bel 0475 12 34 56"
    assert json.loads(_stored_rows(url)[-1])["text"] == "bel [telefoonnummer]"


def test_an_empty_url_is_refused() -> None:
    with pytest.raises(ValueError, match="TRACKER_STORE_URL"):
        PrivateSQLTrackerStore(Domain.empty(), host="")
