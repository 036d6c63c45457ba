"""The platforms residents reach Woonwijzer on besides the web chat's REST channel.

A platform connector is on only when its token is in the environment; the
credentials file Rasa reads names the connector classes and never holds a
secret (each connector reads its own settings from the environment).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

# Connector class → the environment variable that switches it on.
CONNECTORS = {
    "bot.channels.telegram.TelegramInput": "TELEGRAM_ACCESS_TOKEN",
    "bot.channels.facebook.MessengerInput": "FACEBOOK_PAGE_ACCESS_TOKEN",
}


def credentials(env: Mapping[str, str], base: Path) -> dict:
    """The channels of `base` (credentials.yml: the REST channel) plus every connector whose token is set."""
    channels = yaml.safe_load(base.read_text(encoding="utf-8")) or {}
    return {**channels, **{name: None for name, token in CONNECTORS.items() if env.get(token)}}


def write_credentials(env: Mapping[str, str], base: Path, path: Path) -> Path:
    path.write_text(yaml.safe_dump(credentials(env, base), sort_keys=False), encoding="utf-8")
    return path
