"""The settings module: defaults, the environment read at call time, and the README kept in step."""

from __future__ import annotations

import re

import pytest

from knowledge import settings
from knowledge.settings import ROOT, VARIABLES


def test_root_is_the_repository():
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "knowledge" / "settings.py").is_file()


def test_defaults_without_environment():
    assert settings.database_url({}) == f"sqlite:///{ROOT / 'var' / 'knowledge.sqlite3'}"
    assert settings.bind_host({}) == "127.0.0.1"
    assert [settings.port(name, {}) for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT")] == [5005, 5055, 8080]
    assert (settings.reply_timeout({}), settings.retention_days({})) == (15.0, 30)
    assert settings.get("RASA_URL", {}) == "http://127.0.0.1:5005"
    assert settings.get("LOCK_STORE_URL", {}) is None


def test_an_empty_variable_counts_as_unset():
    assert settings.bind_host({"BIND_HOST": ""}) == "127.0.0.1"


def test_the_environment_is_read_when_asked(monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "7")
    monkeypatch.setenv("REPLY_TIMEOUT", "2.5")
    assert (settings.retention_days(), settings.reply_timeout()) == (7, 2.5)


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_every_variable_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Configuration\n(.*?)^## ", readme, re.DOTALL | re.MULTILINE)
    assert section and f"`{name}`" in section.group(1), f"{name} is missing from the README's Configuration table"


def test_every_variable_says_what_it_does():
    assert VARIABLES, "no configuration variables are declared"
    assert all(variable.meaning for variable in VARIABLES.values())
