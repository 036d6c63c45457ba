"""`make run` refuses plainly when Woonwijzer already runs or a port is taken."""

from __future__ import annotations

import os
import socket
import sys
import time

import pytest

from bot import run
from bot.stack import Ports, free_port


@pytest.fixture
def pidfile(tmp_path, monkeypatch):
    path = tmp_path / "run.pid"
    monkeypatch.setattr(run, "PIDFILE", path)
    return path


def _idle_ports() -> Ports:
    return Ports(rasa=free_port(), actions=free_port(), web=free_port())


def test_a_second_run_says_it_is_already_running(pidfile) -> None:
    pidfile.write_text(str(os.getpid()))
    message = run.refuse_if_busy(_idle_ports(), shell=False)
    assert message and "draait al" in message and str(os.getpid()) in message


def test_a_stale_pidfile_does_not_block(pidfile) -> None:
    pidfile.write_text("999999999")
    assert run.refuse_if_busy(_idle_ports(), shell=False) is None


def test_a_port_taken_by_another_program_is_named(pidfile) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        ports = Ports(rasa=taken, actions=free_port(), web=free_port())
        message = run.refuse_if_busy(ports, shell=False)
        assert message and f":{taken}" in message and "RASA_PORT" in message
        # The terminal chat needs no web page port.
        web_taken = Ports(rasa=free_port(), actions=free_port(), web=taken)
        assert run.refuse_if_busy(web_taken, shell=True) is None
        assert run.refuse_if_busy(web_taken, shell=False) is not None


def test_a_fallen_process_is_started_again_with_growing_pauses(tmp_path) -> None:
    from bot.stack import Stack

    stack = Stack()
    stack.start("kort", [sys.executable, "-c", "pass"], dict(os.environ), tmp_path / "kort.log")
    stack.start("lang", [sys.executable, "-c", "import time; time.sleep(30)"], dict(os.environ), None)
    said: list[str] = []
    starts = 1
    try:
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            before = stack.processes["kort"]
            stack.restart_dead(said.append)
            starts += stack.processes["kort"] is not before
            time.sleep(0.05)
        # Restarted at once, then after 2 s and 4 s: three restarts in 8 s, not dozens.
        assert 3 <= starts - 1 <= 4, (starts, said)
        assert said, f"{starts - 1} restarts, none of them announced"
        assert all("kort is gestopt" in line for line in said)
        assert stack.processes["lang"].poll() is None, "the others keep serving"
    finally:
        stack.stop()
