"""`make run` and `make shell`: start Woonwijzer and keep it running until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot import retention
from bot import stack as st
from bot.contact import KnowledgeMissing, sociaal_huis
from bot.train import ensure_model
from knowledge.settings import ROOT, VAR, retention_days

PIDFILE = VAR / "run.pid"


def running_pid() -> int | None:
    try:
        pid = int(PIDFILE.read_text())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def refuse_if_busy(ports: st.Ports, shell: bool) -> str | None:
    if pid := running_pid():
        return (
            f"Woonwijzer draait al (pid {pid}): chat op http://localhost:{ports.web}/ of stop het met Ctrl-C.\n"
            f"Woonwijzer is already running (pid {pid})."
        )
    # `rasa shell` runs a Rasa server of its own on the Rasa port.
    needed = {"actieserver / action server": ports.actions, "Rasa": ports.rasa}
    if not shell:
        needed["webchat"] = ports.web
    busy = [f"{name} :{port}" for name, port in needed.items() if st.port_in_use(port)]
    if busy:
        return (
            f"Poort bezet door een ander programma: {', '.join(busy)}. Stop dat programma of kies "
            f"andere poorten met RASA_PORT, ACTION_PORT en WEB_PORT.\n"
            f"Port in use by another program: {', '.join(busy)}."
        )
    return None


def banner(ports: st.Ports) -> str:
    return "\n".join(
        [
            "",
            "Woonwijzer Kortrijk draait.",
            f"  Chat in je browser:  http://localhost:{ports.web}/",
            f"  REST:  curl -s localhost:{ports.rasa}/webhooks/rest/webhook "
            '-d \'{"sender": "ik", "message": "premie dakisolatie?"}\'',
            "  In de terminal: make shell.  Stoppen: Ctrl-C.",
            f"Woonwijzer Kortrijk is running: web chat http://localhost:{ports.web}/, "
            f"REST :{ports.rasa}, actions :{ports.actions}. Ctrl-C stops everything.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.run")
    parser.add_argument("--shell", action="store_true", help="chat in the terminal instead of serving")
    args = parser.parse_args(argv)

    ports = st.Ports.from_env()
    if problem := refuse_if_busy(ports, args.shell):
        print(problem, file=sys.stderr)
        return 1
    try:
        sociaal_huis()
    except KnowledgeMissing as error:
        print(error, file=sys.stderr)
        return 1
    model = ensure_model()
    VAR.mkdir(exist_ok=True)
    env = st.runtime_env(ports, VAR)
    # The widget's privacy line promises this; a deployment also runs it daily.
    retention.delete_older_than(retention.tracker_url(env), retention_days(env))
    stack = st.Stack()

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    # Also when started in the background, where the shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    PIDFILE.write_text(str(os.getpid()))
    try:
        print("Woonwijzer start op (even geduld, het model laden duurt een halve minuut) ...", file=sys.stderr)
        st.start_actions(stack, ports, env, VAR / "actions.log")
        if args.shell:
            stack.wait_ready(st.readiness_urls(ports, with_rasa=False, with_web=False))
            return subprocess.run(
                [
                    str(Path(sys.executable).with_name("rasa")),
                    "shell",
                    "--model",
                    str(model),
                    "--endpoints",
                    "endpoints.yml",
                    "--port",
                    str(ports.rasa),
                ],
                cwd=ROOT,
                env=env,
            ).returncode
        st.start_rasa(stack, model, ports, env, VAR)
        st.start_web(stack, ports, env, VAR / "web.log")
        stack.wait_ready(st.readiness_urls(ports))
        print(banner(ports), file=sys.stderr)
        # A process that falls is started again; the others keep serving meanwhile.
        while True:
            stack.restart_dead(lambda line: print(f"{line} Zie var/*.log.", file=sys.stderr, flush=True))
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nWoonwijzer stopt ... / stopping ...", file=sys.stderr)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"Opstarten mislukt: {error}. Kijk in var/*.log. Start-up failed.", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        PIDFILE.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
