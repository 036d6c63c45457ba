"""Real PostgreSQL and Redis servers for the tests, started on loopback on free
ports in a temporary folder, and stopped afterwards. Without the Debian packages
a test skips with the reason, except in CI (CI=true), where it fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.stack import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _need(program: Path | str, package: str) -> str:
    found = str(program) if Path(program).exists() else shutil.which(str(program))
    if found:
        return found
    reason = f"{program} not found: apt-get install {package} (.ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _wait(ready, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not start in {timeout:.0f} s")
        time.sleep(0.1)


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    server = _need("redis-server", "redis-server")
    port = free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port)

        def ready() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        _wait(ready, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


@dataclass
class Postgres:
    """A throwaway cluster owned by `postgres` (PostgreSQL refuses to run as root)."""

    folder: Path
    port: int
    url: str = ""

    def _as_postgres(self, command: str, check: bool = True) -> None:
        wrap = ["su", "postgres", "-s", "/bin/sh", "-c"] if os.geteuid() == 0 else ["sh", "-c"]
        subprocess.run([*wrap, command], check=check)

    def start(self) -> None:
        self._as_postgres(
            f"{PG_BIN / 'pg_ctl'} -D {self.folder / 'pgdata'} -w -l {self.folder}/pg.log -o "
            f'"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off" '
            "start >/dev/null"
        )

    def stop(self) -> None:
        self._as_postgres(f"{PG_BIN / 'pg_ctl'} -D {self.folder / 'pgdata'} -m fast stop >/dev/null", check=False)


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    initdb = _need(PG_BIN / "initdb", "postgresql")
    # Not under pytest's temporary folders: those are root's alone, and the server runs as `postgres`.
    folder = Path(tempfile.mkdtemp(prefix="woonwijzer-pg-"))
    folder.chmod(0o777)
    server = Postgres(folder, free_port())
    server._as_postgres(f"{initdb} -D {folder / 'pgdata'} -A trust -U postgres >/dev/null")
    server.start()
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(f"postgresql://postgres@127.0.0.1:{server.port}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("CREATE DATABASE woonwijzer"))
        engine.dispose()
        server.url = f"postgresql://postgres@127.0.0.1:{server.port}/woonwijzer"
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
