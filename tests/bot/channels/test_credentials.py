"""A platform connector is on only when its token is set, and no secret reaches the file Rasa reads."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.channels import write_credentials
from knowledge.settings import ROOT

BASE = ROOT / "credentials.yml"


def test_only_rest_without_tokens(tmp_path: Path) -> None:
    written = yaml.safe_load(write_credentials({}, BASE, tmp_path / "c.yml").read_text())
    assert list(written) == ["bot.channels.rest.RestInput"]


def test_each_token_switches_on_its_connector_and_stays_out_of_the_file(tmp_path: Path) -> None:
    env = {"TELEGRAM_ACCESS_TOKEN": "secret-telegram", "FACEBOOK_PAGE_ACCESS_TOKEN": "secret-facebook"}
    path = write_credentials(env, BASE, tmp_path / "c.yml")
    assert list(yaml.safe_load(path.read_text())) == [
        "bot.channels.rest.RestInput",
        "bot.channels.telegram.TelegramInput",
        "bot.channels.facebook.MessengerInput",
    ]
    assert "secret" not in path.read_text()


def test_telegram_alone(tmp_path: Path) -> None:
    written = yaml.safe_load(write_credentials({"TELEGRAM_ACCESS_TOKEN": "t"}, BASE, tmp_path / "c.yml").read_text())
    assert list(written) == ["bot.channels.rest.RestInput", "bot.channels.telegram.TelegramInput"]
