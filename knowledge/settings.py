"""Where the project lives, and every environment variable it reads with its default and meaning.

The accessors read the environment when they are called, not at import, so a test's
monkeypatch.setenv counts; each takes any mapping instead (a child process's environment).
An empty variable counts as unset. The README's "Configuration" table names every variable here
(tests/knowledge/test_settings.py keeps the two together).

The platform connectors read their own variables, each checked by its Settings.from_env
(bot/channels/telegram.py, bot/channels/facebook.py): TELEGRAM_ACCESS_TOKEN, TELEGRAM_VERIFY,
TELEGRAM_WEBHOOK_URL, TELEGRAM_SECRET_TOKEN, TELEGRAM_API_URL; FACEBOOK_VERIFY_TOKEN,
FACEBOOK_APP_SECRET, FACEBOOK_PAGE_ACCESS_TOKEN, FACEBOOK_API_URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"  # what a run writes: databases, logs, reports


@dataclass(frozen=True)
class Variable:
    name: str
    default: str | None  # None: unset, and the meaning says what that does
    meaning: str


VARIABLES = {
    variable.name: variable
    for variable in (
        Variable(
            "DATABASE_URL",
            f"sqlite:///{VAR / 'knowledge.sqlite3'}",
            "the knowledge base: any SQLAlchemy URL (PostgreSQL: postgresql://user:pass@host/db)",
        ),
        Variable("TRACKER_DB", str(VAR / "tracker.sqlite3"), "the SQLite file of the default tracker store"),
        Variable(
            "TRACKER_STORE_URL", None, "where conversations are kept (endpoints.yml); unset: sqlite:///$TRACKER_DB"
        ),
        Variable(
            "LOCK_STORE_URL",
            None,
            "redis://host:6379/0: the atomic Redis lock store replicas need, and where Telegram and Messenger "
            "remember deliveries so a retry is answered once across replicas; unset: Rasa's in-memory locks",
        ),
        Variable(
            "ACTION_ENDPOINT_URL",
            None,
            "Rasa -> action server (endpoints.yml); unset: `make run` points it at its own action server",
        ),
        Variable("BIND_HOST", "127.0.0.1", "the interface all three servers listen on; open it only behind a proxy"),
        Variable("RASA_API_TOKEN", None, "set: Rasa's HTTP API on, every call needs ?token=; unset: the API off"),
        Variable("REPLY_TIMEOUT", "15", "seconds before a turn gives up and apologises"),
        Variable(
            "RETENTION_DAYS", "30", "days a conversation is kept after its last message; the privacy line quotes it"
        ),
        Variable("WIDGET_ORIGINS", "", "comma-separated sites that may embed the widget; empty: same origin only"),
        Variable("RASA_PORT", "5005", "the Rasa server's port under `make run`"),
        Variable("ACTION_PORT", "5055", "the action server's port under `make run`"),
        Variable("WEB_PORT", "8080", "the web chat's port"),
        Variable("RASA_URL", "http://127.0.0.1:5005", "the Rasa server the web chat relays to"),
    )
}


def get(name: str, env: Mapping[str, str] = os.environ) -> str | None:
    return env.get(name) or VARIABLES[name].default


def value(name: str, env: Mapping[str, str] = os.environ) -> str:
    """A variable that always has a value: set, or its default."""
    value = get(name, env)
    assert value is not None, f"{name} has no default"
    return value


def database_url(env: Mapping[str, str] = os.environ) -> str:
    return value("DATABASE_URL", env)


def bind_host(env: Mapping[str, str] = os.environ) -> str:
    return value("BIND_HOST", env)


def port(name: str, env: Mapping[str, str] = os.environ) -> int:
    """RASA_PORT, ACTION_PORT or WEB_PORT."""
    return int(value(name, env))


def reply_timeout(env: Mapping[str, str] = os.environ) -> float:
    return float(value("REPLY_TIMEOUT", env))


def retention_days(env: Mapping[str, str] = os.environ) -> int:
    return int(value("RETENTION_DAYS", env))
