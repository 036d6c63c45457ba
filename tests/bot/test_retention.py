"""Old conversations leave Rasa's own SQL tracker store whole; recent ones stay."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.retention import delete_older_than, main

DAY = 86400.0
NOW = time.time()


def _store(db: Path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))


def _save(store: SQLTrackerStore, sender: str, *ages_in_days: float) -> None:
    events = [UserUttered(f"vraag {age}", timestamp=NOW - age * DAY) for age in ages_in_days]
    events.append(ActionExecuted("action_listen", timestamp=NOW - min(ages_in_days) * DAY))
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _senders(store: SQLTrackerStore) -> set[str]:
    return set(asyncio.run(store.keys()))


def test_deletes_conversations_whose_last_event_is_older(tmp_path: Path) -> None:
    db = tmp_path / "tracker.sqlite3"
    store = _store(db)
    _save(store, "oud", 45, 40)
    _save(store, "lopend", 45, 2)  # started long ago, still going: stays whole
    _save(store, "nieuw", 0.1)
    assert delete_older_than(f"sqlite:///{db}", days=30, now=NOW) == 1
    assert _senders(_store(db)) == {"lopend", "nieuw"}
    kept = asyncio.run(_store(db).retrieve("lopend"))
    assert kept is not None and len([e for e in kept.events if isinstance(e, UserUttered)]) == 2


def test_command_reads_the_days_and_the_tracker_db(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "tracker.sqlite3"
    _save(_store(db), "drie-dagen", 3)
    monkeypatch.setenv("TRACKER_DB", str(db))
    assert main(["--days", "7"]) == 0 and _senders(_store(db)) == {"drie-dagen"}
    assert main(["--days", "1"]) == 0 and _senders(_store(db)) == set()


def test_a_store_without_conversations_is_fine(tmp_path: Path) -> None:
    assert delete_older_than(f"sqlite:///{tmp_path / 'leeg.sqlite3'}", days=30) == 0
