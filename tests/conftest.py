"""Fixtures shared across the suite: the trained model and a running assistant.

The model is trained at most once per run (bot.train names it by a fingerprint
of its inputs, and `make test` trains before pytest starts), and one running
stack serves every end-to-end test.
"""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from bot import stack as st
from bot.train import ensure_model


@pytest.fixture(scope="session")
def model() -> Path:
    return ensure_model()


class Assistant:
    def __init__(self, ports: st.Ports):
        self.ports = ports

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
def assistant(model: Path, tmp_path_factory: pytest.TempPathFactory):
    """Action server, Rasa server and web page on free loopback ports, started as `make run` does."""
    ports = st.Ports(rasa=st.free_port(), actions=st.free_port(), web=st.free_port())
    var = tmp_path_factory.mktemp("var")
    env = st.runtime_env(ports, var)
    env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{ports.actions}/webhook"
    env["TRACKER_DB"] = str(var / "tracker.sqlite3")
    env["RASA_URL"] = f"http://127.0.0.1:{ports.rasa}"
    stack = st.Stack()
    try:
        st.start_actions(stack, ports, env, var / "actions.log")
        st.start_rasa(stack, model, ports, env, var / "rasa.log")
        st.start_web(stack, ports, env, var / "web.log")
        try:
            stack.wait_ready(st.readiness_urls(ports), timeout=300)
        except (RuntimeError, TimeoutError):
            for log in sorted(var.glob("*.log")):
                print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
            raise
        yield Assistant(ports)
    finally:
        stack.stop()
