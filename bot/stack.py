"""Start and stop the processes that make up a running Woonwijzer.

Shared by `make run` (bot.run) and the end-to-end tests, so that the tests
start the assistant exactly the way a maintainer does.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.channels import write_credentials
from knowledge import settings
from knowledge.settings import ROOT


@dataclass(frozen=True)
class Ports:
    # The defaults, whatever the environment says: from_env reads that.
    rasa: int = settings.port("RASA_PORT", {})
    actions: int = settings.port("ACTION_PORT", {})
    web: int = settings.port("WEB_PORT", {})

    @classmethod
    def from_env(cls) -> Ports:
        return cls(settings.port("RASA_PORT"), settings.port("ACTION_PORT"), settings.port("WEB_PORT"))


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def runtime_env(ports: Ports, var_dir: Path) -> dict[str, str]:
    """The environment endpoints.yml reads; values already set by the operator win."""
    env = dict(os.environ)
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{ports.actions}/webhook")
    env.setdefault("TRACKER_DB", str(var_dir / "tracker.sqlite3"))
    env.setdefault("TRACKER_STORE_URL", f"sqlite:///{env['TRACKER_DB']}")
    env.setdefault("RASA_URL", f"http://127.0.0.1:{ports.rasa}")
    env.setdefault("PYTHONPATH", str(ROOT))
    # Everything listens on loopback unless a deployment opens it (behind its reverse proxy).
    env["BIND_HOST"] = settings.bind_host(env)
    env.setdefault("SANIC_HOST", env["BIND_HOST"])  # the action server's (rasa_sdk) name for it
    # TensorFlow's start-up chatter hides the lines a maintainer needs.
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


@dataclass
class _Spec:
    argv: list[str]
    env: dict[str, str]
    log: Path | None
    restarts: int = 0
    started: float = 0.0
    retry_at: float | None = None


@dataclass
class Stack:
    """The running processes; stop() ends every one of them, children included."""

    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    specs: dict[str, _Spec] = field(default_factory=dict)

    def start(self, name: str, argv: list[str], env: dict[str, str], log: Path | None) -> None:
        self.specs[name] = _Spec(argv, env, log)
        self._spawn(name)

    def _spawn(self, name: str) -> None:
        spec = self.specs[name]
        out = open(spec.log, "ab") if spec.log else None  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            spec.argv,
            cwd=ROOT,
            env=spec.env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
        )
        spec.started = time.monotonic()

    def dead(self) -> list[str]:
        return [name for name, proc in self.processes.items() if proc.poll() is not None]

    def restart_dead(self, log: Callable[[str], None], max_delay: float = 60.0) -> None:
        """Start again what stopped, waiting 1, 2, 4 ... up to `max_delay` seconds between
        tries; a process that ran a minute before it fell starts again at once."""
        now = time.monotonic()
        for name in self.dead():
            spec = self.specs[name]
            if spec.retry_at is None:
                if now - spec.started > max_delay:
                    spec.restarts = 0
                delay = min(max_delay, 2.0**spec.restarts) if spec.restarts else 0.0
                spec.retry_at = now + delay
                log(
                    f"{name} is gestopt (code {self.processes[name].returncode}); "
                    f"herstart over {delay:.0f} s. / {name} stopped, restarting."
                )
            if now >= spec.retry_at:
                spec.retry_at = None
                spec.restarts += 1
                self._spawn(name)

    def stop(self, grace: float = 10.0) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self.processes.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def wait_ready(self, urls: dict[str, str], timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        pending = dict(urls)
        while pending:
            if dead := self.dead():
                raise RuntimeError(f"process stopped during start-up: {', '.join(dead)}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout:.0f} s: {', '.join(pending)}")
            for name, url in list(pending.items()):
                if http_ok(url):
                    del pending[name]
            time.sleep(0.5)


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def start_actions(stack: Stack, ports: Ports, env: dict[str, str], log: Path | None) -> None:
    stack.start(
        "actions", [_bin("rasa"), "run", "actions", "--actions", "actions", "--port", str(ports.actions)], env, log
    )


def write_endpoints(env: dict[str, str], path: Path) -> Path:
    """endpoints.yml, plus the atomic Redis lock store when LOCK_STORE_URL is set (replicas
    need one; a single server keeps Rasa's in-memory locks). The URL stays a reference."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    if settings.get("LOCK_STORE_URL", env):
        endpoints["lock_store"] = {"type": "bot.locks.AtomicRedisLockStore", "url": "${LOCK_STORE_URL}"}
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def start_rasa(stack: Stack, model: Path, ports: Ports, env: dict[str, str], var_dir: Path, name: str = "rasa") -> None:
    """Rasa with the REST channel and the platform connectors whose tokens `env` holds; logs to var_dir."""
    credentials = write_credentials(env, ROOT / "credentials.yml", var_dir / "credentials.yml")
    endpoints = write_endpoints(env, var_dir / "endpoints.yml")
    command = rasa_run_command(model, endpoints, credentials, ports.rasa, env["BIND_HOST"])
    stack.start(name, [*command, *api_flags(env)], env, var_dir / f"{name}.log")


def rasa_run_command(model: Path, endpoints: Path, credentials: Path, port: int, interface: str) -> list[str]:
    """How Rasa serves a model; the benchmark serves its baseline through it too, so both run alike."""
    return [
        _bin("rasa"),
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--port",
        str(port),
        "--interface",
        interface,
    ]


def api_flags(env: dict[str, str]) -> list[str]:
    """Rasa's HTTP API (trackers, model, events) stays off unless RASA_API_TOKEN is set, and then needs it."""
    token = settings.get("RASA_API_TOKEN", env)
    return ["--enable-api", "--auth-token", token] if token else []


def start_web(stack: Stack, ports: Ports, env: dict[str, str], log: Path | None) -> None:
    stack.start(
        "web", [sys.executable, "-m", "bot.web", "--port", str(ports.web), "--host", env["BIND_HOST"]], env, log
    )


def readiness_urls(ports: Ports, with_rasa: bool = True, with_web: bool = True) -> dict[str, str]:
    urls = {"actions": f"http://127.0.0.1:{ports.actions}/health"}
    if with_rasa:
        urls["rasa"] = f"http://127.0.0.1:{ports.rasa}/"
    if with_web:
        urls["web"] = f"http://127.0.0.1:{ports.web}/health"
    return urls


@contextmanager
def throwaway(
    model: Path, var_dir: Path, extra_env: dict[str, str] | None = None, with_web: bool = True
) -> Iterator[tuple[Stack, Ports]]:
    """A whole assistant on free loopback ports with its own tracker store in `var_dir`, started as
    `make run` starts it, for the tests, `make fuzz` and the benchmark. A failed start prints the logs."""
    ports = Ports(rasa=free_port(), actions=free_port(), web=free_port() if with_web else 0)
    own = {
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports.actions}/webhook",
        "TRACKER_DB": str(var_dir / "tracker.sqlite3"),
        "TRACKER_STORE_URL": f"sqlite:///{var_dir}/tracker.sqlite3",
        "RASA_URL": f"http://127.0.0.1:{ports.rasa}",
    }
    env = {**runtime_env(ports, var_dir), **own, **(extra_env or {})}
    stack = Stack()
    try:
        start_actions(stack, ports, env, var_dir / "actions.log")
        start_rasa(stack, model, ports, env, var_dir)
        if with_web:
            start_web(stack, ports, env, var_dir / "web.log")
        try:
            stack.wait_ready(readiness_urls(ports, with_web=with_web), timeout=300)
        except (RuntimeError, TimeoutError):
            for log in sorted(var_dir.glob("*.log")):
                print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
            raise
        yield stack, ports
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.stack write-config DIR`: the credentials and endpoints files a deployment's
    Rasa servers read, from this environment (class names and ${VARIABLES}, never a secret)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bot.stack")
    parser.add_argument("command", choices=["write-config"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for path in (
        write_credentials(env, ROOT / "credentials.yml", args.folder / "credentials.yml"),
        write_endpoints(env, args.folder / "endpoints.yml"),
    ):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
