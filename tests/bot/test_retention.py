"""Old conversations leave Rasa's own SQL tracker store whole; recent ones stay."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.retention import delete_older_than, main
from bot.stores import PrivateSQLTrackerStore

DAY = 86400.0
NOW = time.time()


def _store(url: str) -> PrivateSQLTrackerStore:
    return PrivateSQLTrackerStore(Domain.empty(), host=url)


def _save(store: PrivateSQLTrackerStore, sender: str, *ages_in_days: float) -> None:
    events = [UserUttered(f"vraag {age}", timestamp=NOW - age * DAY) for age in ages_in_days]
    events.append(ActionExecuted("action_listen", timestamp=NOW - min(ages_in_days) * DAY))
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _senders(store: PrivateSQLTrackerStore) -> set[str]:
    return set(asyncio.run(store.keys()))


def test_deletes_conversations_whose_last_event_is_older(tracker_url: str) -> None:
    store = _store(tracker_url)
    _save(store, "oud", 45, 40)
    _save(store, "lopend", 45, 2)  # started long ago, still going: stays whole
    _save(store, "nieuw", 0.1)
    assert delete_older_than(tracker_url, days=30, now=NOW) == 1
    assert _senders(store) == {"lopend", "nieuw"}
    kept = asyncio.run(store.retrieve("lopend"))
    assert kept is not None and len([e for e in kept.events if isinstance(e, UserUttered)]) == 2


def test_command_reads_the_days_and_the_tracker_store(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    _save(_store(url), "drie-dagen", 3)
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    assert main(["--days", "7"]) == 0 and _senders(_store(url)) == {"drie-dagen"}
    assert main(["--days", "1"]) == 0 and _senders(_store(url)) == set()


def test_a_store_without_conversations_is_fine(tmp_path: Path) -> None:
    assert delete_older_than(f"sqlite:///{tmp_path / 'leeg.sqlite3'}", days=30) == 0
