"""Action tests run against a real knowledge base built into a temporary SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import kb
from knowledge.store import build


@pytest.fixture(scope="session", autouse=True)
def knowledge_db(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.sqlite3'}"
    build(url=url)
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    kb.get.cache_clear()
    yield url
    patch.undo()
    kb.get.cache_clear()


# The real domain, as the action server receives it (forms and their required slots).
DOMAIN: dict[str, Any] = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))


def tracker_for(
    text: str,
    intent: str = "ask_info",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    extracted: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose latest message is `text`, as Rasa would send it to the action server.

    `extracted` are the slots Rasa filled from this very message (what a form validates).
    """
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
    }
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": {**(slots or {}), **(extracted or {})},
            "latest_message": latest,
            "events": [
                {"event": "user", "text": text, "parse_data": latest},
                *({"event": "slot", "name": k, "value": v} for k, v in (extracted or {}).items()),
            ],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


def ent(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(value)}


NLG = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])


def rendered(message: dict[str, Any], slots: dict[str, Any]) -> dict[str, Any]:
    """The message as the resident gets it: a response filled by Rasa's own generator from the
    placeholders the action gave and the slots (rasa.core.actions.action.RemoteAction)."""
    if not message.get("response"):
        return message
    given = {k: v for k, v in message.items() if k != "response"}
    draft = NLG.generate_from_slots(message["response"], slots, "collector", **given)
    assert draft is not None, f"domain.yml has no response {message['response']!r}"
    draft["buttons"] = [*(draft.get("buttons") or []), *(given.pop("buttons", None) or [])]
    return {**draft, **{k: v for k, v in given.items() if v}, "response": message["response"]}


class Reply:
    def __init__(
        self, dispatcher: CollectingDispatcher, events: list[dict[str, Any]], slots: dict[str, Any] | None = None
    ):
        self.messages = [rendered(m, slots or {}) for m in dispatcher.messages]
        self.events = events
        self.text = "\n".join(m.get("text") or "" for m in self.messages)
        self.buttons = [b for m in self.messages for b in m.get("buttons") or []]

    def slot(self, name: str) -> Any:
        values = [e["value"] for e in self.events if e.get("event") == "slot" and e.get("name") == name]
        return values[-1] if values else None


def run(action: Action, tracker: Tracker) -> Reply:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    return Reply(dispatcher, events, tracker.slots)
