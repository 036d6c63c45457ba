"""Fixtures shared across the suite: the trained model and a running assistant.

The model is trained at most once per run (bot.train names it by a fingerprint
of its inputs, and `make test` trains before pytest starts), and one running
stack serves every end-to-end test.
"""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot import stack as st
from bot.train import ensure_model
from tests.bot.channels.fakes import FakePlatforms, channel_env
from tests.servers import postgres_server, redis_server


@pytest.fixture(scope="session")
def model() -> Path:
    return ensure_model()


class Assistant:
    def __init__(self, ports: st.Ports, platforms: FakePlatforms, var: Path):
        self.ports = ports
        self.var = var  # the processes' logs
        # Telegram and Messenger are on, talking to these fakes of their APIs.
        self.platforms = platforms

    def ask(self, message: str, sender: str = "test") -> list[dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.ports.rasa}/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def text(self, message: str, sender: str = "test") -> str:
        return "\n".join(m.get("text", "") for m in self.ask(message, sender))


@pytest.fixture(scope="session")
def platforms():
    fakes = FakePlatforms().start()
    yield fakes
    fakes.stop()


@pytest.fixture(scope="session")
def assistant(model: Path, platforms: FakePlatforms, tmp_path_factory: pytest.TempPathFactory):
    """Action server, Rasa server and web page on free loopback ports, started as `make run` does,
    with the Telegram and Messenger connectors on (their APIs faked on loopback)."""
    var = tmp_path_factory.mktemp("var")
    with st.throwaway(model, var, channel_env(platforms)) as (_, ports):
        yield Assistant(ports, platforms, var)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres():
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres) -> str:
    return postgres.url


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty tracker database of each kind Woonwijzer supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    from sqlalchemy import create_engine, text

    server = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server.url.rsplit("/", 1)[0] + f"/{name}"
