"""Speed of Woonwijzer against bare Rasa (the assistant `rasa init` makes), measured in one run.

    python -m bot.bench [--skip-training] [--levels 1,10,50] [--messages-per-conversation 10]
        [--json PATH] [--compare OLD.json]

Both assistants are trained (ours in a temporary copy with an empty training cache, so that nothing
is reused; the baseline by `rasa init --no-prompt`), started as `make run` starts ours (REST channel,
an SQLite tracker store, free loopback ports), and loaded over REST: at each level that many
conversations at once, each sending its messages one after the other. Ours is asked the questions of
tests/e2e; the baseline the same texts, and also the greetings and moods it was built for. Then the
resident memory of every server is read. Everything runs one step after the other, never two
assistants at once, so that neither slows the other down.

Prints one table (ours, baseline, ratio) and writes it as JSON to var/bench/ (and latest.json),
so that `--compare var/bench/latest.json` shows what a change did.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bot.evaluate import TIMEOUT_S, ask, fold, load_all, percentile
from bot.stack import Stack, free_port, rasa_run_command, throwaway
from bot.train import TRAINING_INPUTS, ensure_model, rasa_executable, train_command
from knowledge.settings import ROOT

LEVELS = (1, 10, 50)
MESSAGES_PER_CONVERSATION = 10
BENCH_DIR = ROOT / "var" / "bench"
E2E_SETS = ROOT / "tests" / "e2e"
SMALL_TALK = ROOT / "data" / "nlu" / "chitchat.yml"
GREETING_INTENTS = ("greet", "goodbye")
# What rasa init's assistant understands (its data/nlu.yml), in an order that makes a conversation.
BASELINE_TEXTS = ("hello", "I am sad", "yes", "great", "are you a bot?", "bye")
READY_TIMEOUT_S = 300
LOG_TAIL = 4000


def say(message: str) -> None:
    """Progress on stderr, so that stdout holds only the table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the messages


def greetings(small_talk: Path = SMALL_TALK) -> frozenset[str]:
    """Our own greet/goodbye examples, folded: a greeting is no question, whatever a test set holds."""
    data = yaml.safe_load(small_talk.read_text(encoding="utf-8"))
    return frozenset(
        fold(line.lstrip("- "))
        for block in data["nlu"]
        if block.get("intent") in GREETING_INTENTS
        for line in block["examples"].splitlines()
        if line.strip()
    )


def question_mix(paths: Sequence[Path], skip: frozenset[str]) -> list[str]:
    """Every turn of the end-to-end sets in file order (a follow-up stays after its first question),
    without greetings and typed intents such as "/greet": those measure no question's path."""
    return [
        turn for case in load_all(paths) for turn in case.turns if not turn.startswith("/") and fold(turn) not in skip
    ]


def plan(texts: Sequence[str], levels: Sequence[int], per_conversation: int) -> dict[int, list[list[str]]]:
    """The conversations of each level. Texts are handed out in turn over all levels, so that a later
    level does not repeat (and hit a cache with) what an earlier one asked, until the texts run out."""
    position = 0
    conversations: dict[int, list[list[str]]] = {}
    for level in levels:
        conversations[level] = []
        for _ in range(level):
            conversations[level].append([texts[(position + i) % len(texts)] for i in range(per_conversation)])
            position += per_conversation
    return conversations


# ---------------------------------------------------------------- load


@dataclass
class LevelResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    empty: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Answered messages per second of wall time."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def converse(
    session: aiohttp.ClientSession, url: str, sender: str, texts: Sequence[str], result: LevelResult
) -> None:
    for text in texts:
        try:
            reply, seconds = await ask(session, url, sender, text)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):  # ValueError: a reply that is no JSON
            # One failed message is counted; the conversation goes on, as a resident would retype.
            result.errors += 1
            continue
        result.latencies.append(seconds)
        result.empty += not reply.strip()


async def run_level(url: str, conversations: Sequence[Sequence[str]], tag: str) -> LevelResult:
    result = LevelResult()
    run_id = uuid.uuid4().hex[:8]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                converse(session, url, f"bench-{tag}-{run_id}-{i}", texts, result)
                for i, texts in enumerate(conversations)
            )
        )
        result.seconds = time.perf_counter() - started
    return result


def load(url: str, conversations: dict[int, list[list[str]]], tag: str) -> dict[int, LevelResult]:
    results = {}
    for level, level_conversations in conversations.items():
        results[level] = result = asyncio.run(run_level(url, level_conversations, f"{tag}-{level}"))
        say(
            f"{tag}: {level} at once, {len(result.latencies)} answered in {result.seconds:.1f} s "
            f"({result.rate:.1f} msg/s), {result.errors} errors"
        )
    return results


async def _first_reply(url: str, text: str) -> float:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        return (await ask(session, url, f"bench-first-{uuid.uuid4().hex[:8]}", text))[1]


def first_reply(url: str, text: str) -> float:
    """The first message after start-up pays for what the server loads lazily; the levels come after it."""
    return asyncio.run(_first_reply(url, text))


# ---------------------------------------------------------------- memory


def children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        # The name in parentheses may hold spaces; the parent's id is the second field after it.
        parent = int(text[text.rindex(")") + 2 :].split()[1])
        tree.setdefault(parent, []).append(int(stat.parent.name))
    return tree


def descendants(pid: int) -> list[int]:
    tree, found, todo = children_by_parent(), [], [pid]
    while todo:
        children = tree.get(todo.pop(), [])
        found += children
        todo += children
    return found


def vm_rss_kib(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    # A zombie has no VmRSS line: it holds no memory.
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)


def rss_mib(pid: int) -> float:
    """Resident memory of a process and everything it started (a forked worker counts; pages shared
    with it are counted in each process, as `ps` and `top` do)."""
    return sum(vm_rss_kib(p) for p in [pid, *descendants(pid)]) / 1024


# ---------------------------------------------------------------- training


def run_logged(argv: list[str], cwd: Path, env: dict[str, str], log: Path) -> float:
    """Seconds `argv` took; its output goes to `log`, whose tail is shown when it fails."""
    started = time.monotonic()
    with open(log, "wb") as out:
        result = subprocess.run(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        print(log.read_text(errors="replace")[-LOG_TAIL:], file=sys.stderr)
        raise RuntimeError(f"{' '.join(argv[:2])} failed (code {result.returncode}); log above")
    return time.monotonic() - started


def training_env(cache: Path) -> dict[str, str]:
    # An empty training cache: the project's .rasa/cache would turn a retrain into a cache lookup.
    return {**os.environ, "RASA_CACHE_DIRECTORY": str(cache), "TF_CPP_MIN_LOG_LEVEL": "2"}


def train_ours(work: Path) -> float:
    """A full retrain in a copy of the training inputs (others may edit them meanwhile); models/ is untouched."""
    project = work / "project"
    project.mkdir(parents=True)
    for name in TRAINING_INPUTS:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    say("training Woonwijzer in a temporary copy (minutes) ...")
    seconds = run_logged(
        train_command(work / "models", "bench"),
        # Our pipeline holds our own components (bot.markup, bot.diet), imported from the real project.
        project,
        {**training_env(work / "cache"), "PYTHONPATH": str(ROOT)},
        work / "train.log",
    )
    say(f"Woonwijzer trained in {seconds:.1f} s")
    return seconds


def init_baseline(work: Path) -> tuple[Path, float]:
    """rasa init's example project, trained by rasa init itself: (its model, seconds rasa init took)."""
    project = work / "project"
    project.mkdir(parents=True)
    say("rasa init --no-prompt (trains the default assistant) ...")
    seconds = run_logged(
        [rasa_executable(), "init", "--no-prompt", "--init-dir", str(project)],
        project,
        training_env(work / "cache"),
        work / "init.log",
    )
    require_no_custom_actions(project)
    say(f"baseline trained in {seconds:.1f} s")
    return max(project.glob("models/*.tar.gz")), seconds


def require_no_custom_actions(project: Path) -> None:
    """rasa init's actions.py is all comments, so the baseline runs without an action server; should a
    later Rasa's example gain custom actions, the comparison would be unfair without one."""
    domain = yaml.safe_load((project / "domain.yml").read_text(encoding="utf-8"))
    custom = [a for a in domain.get("actions") or [] if not a.startswith("utter_")]
    if custom:
        raise RuntimeError(f"rasa init's assistant has custom actions {custom}: it needs an action server")


# ---------------------------------------------------------------- serving


@dataclass
class Served:
    stack: Stack
    url: str
    start_ready_s: float


@contextmanager
def serve_ours(model: Path, var_dir: Path) -> Iterator[Served]:
    started = time.monotonic()
    with throwaway(model, var_dir, with_web=False) as (stack, ports):
        yield Served(stack, f"http://127.0.0.1:{ports.rasa}", time.monotonic() - started)


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def serve_baseline(model: Path, var_dir: Path) -> Iterator[Served]:
    """The baseline as ours runs: REST channel, SQL tracker store on SQLite, loopback, no HTTP API.
    Stack.start runs in our project folder, so every path given is absolute."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    credentials = write_yaml(var_dir / "credentials.yml", {"rest": None})
    endpoints = write_yaml(
        var_dir / "endpoints.yml",
        {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(var_dir / "tracker.sqlite3")}},
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    log = var_dir / "rasa.log"
    stack = Stack()
    started = time.monotonic()
    try:
        stack.start("rasa", rasa_run_command(model, endpoints, credentials, port, "127.0.0.1"), env, log)
        try:
            stack.wait_ready({"rasa": f"{url}/"}, timeout=READY_TIMEOUT_S)
        except (RuntimeError, TimeoutError):
            print(log.read_text(errors="replace")[-LOG_TAIL:], file=sys.stderr)
            raise
        yield Served(stack, url, time.monotonic() - started)
    finally:
        stack.stop()


# ---------------------------------------------------------------- measuring


@dataclass
class Measurements:
    start_ready_s: float | None = None
    first_reply_s: float | None = None
    training_s: float | None = None
    levels: dict[int, LevelResult] = field(default_factory=dict)
    greeting_levels: dict[int, LevelResult] = field(default_factory=dict)
    rss_mib: dict[str, float] = field(default_factory=dict)


def measure_served(
    served: Served, into: Measurements, name: str, texts: Sequence[str], conversations: dict[int, list[list[str]]]
) -> None:
    into.start_ready_s = served.start_ready_s
    say(f"{name} ready in {served.start_ready_s:.1f} s")
    into.first_reply_s = first_reply(served.url, texts[0])
    into.levels = load(served.url, conversations, name)


def read_rss(served: Served, into: Measurements) -> None:
    into.rss_mib = {name: rss_mib(process.pid) for name, process in served.stack.processes.items()}


def measure(
    model: Path, work: Path, questions: Sequence[str], levels: Sequence[int], per_conversation: int, skip_training: bool
) -> tuple[Measurements, Measurements]:
    ours, baseline = Measurements(), Measurements()
    if not skip_training:
        ours.training_s = train_ours(work / "train-ours")
    # rasa init always trains: without that there is no baseline to serve, so its time is always known.
    baseline_model, baseline.training_s = init_baseline(work / "baseline")
    conversations = plan(questions, levels, per_conversation)
    for folder in ("var-ours", "var-baseline"):
        (work / folder).mkdir()
    with serve_ours(model, work / "var-ours") as served:
        measure_served(served, ours, "Woonwijzer", questions, conversations)
        read_rss(served, ours)
    with serve_baseline(baseline_model, work / "var-baseline") as served:
        measure_served(served, baseline, "baseline", questions, conversations)
        baseline.greeting_levels = load(
            served.url, plan(BASELINE_TEXTS, levels, per_conversation), "baseline-greetings"
        )
        read_rss(served, baseline)
    return ours, baseline


# ---------------------------------------------------------------- the table


@dataclass
class Row:
    key: str  # stable over runs: what --compare matches on
    label: str
    ours: float | None
    baseline: float | None
    greetings: float | None = None  # the baseline on its own texts; load rows only


LEVEL_METRICS: tuple[tuple[str, str, Callable[[LevelResult], float]], ...] = (
    ("p50_ms", "p50 ms", lambda r: percentile(r.latencies, 0.50) * 1000),
    ("p95_ms", "p95 ms", lambda r: percentile(r.latencies, 0.95) * 1000),
    ("p99_ms", "p99 ms", lambda r: percentile(r.latencies, 0.99) * 1000),
    ("msg_per_s", "msg/s", lambda r: r.rate),
    ("errors", "errors", lambda r: r.errors),
    ("empty", "empty replies", lambda r: r.empty),
)
PROCESSES = ("rasa", "actions")


def _level_value(levels: dict[int, LevelResult], level: int, metric: Callable[[LevelResult], float]) -> float | None:
    return metric(levels[level]) if level in levels else None


def _total(rss: dict[str, float]) -> float | None:
    return sum(rss.values()) if rss else None


def rows(ours: Measurements, baseline: Measurements) -> list[Row]:
    table = [
        Row("start_ready_s", "start -> ready s", ours.start_ready_s, baseline.start_ready_s),
        Row("first_reply_s", "first reply s", ours.first_reply_s, baseline.first_reply_s),
        Row("training_s", "training s", ours.training_s, baseline.training_s),
    ]
    for level in sorted(ours.levels.keys() | baseline.levels.keys()):
        for key, label, metric in LEVEL_METRICS:
            table.append(
                Row(
                    f"c{level}.{key}",
                    f"{label} @{level}",
                    _level_value(ours.levels, level, metric),
                    _level_value(baseline.levels, level, metric),
                    _level_value(baseline.greeting_levels, level, metric),
                )
            )
    for name in PROCESSES:
        table.append(Row(f"rss_mib.{name}", f"RSS MiB {name}", ours.rss_mib.get(name), baseline.rss_mib.get(name)))
    table.append(Row("rss_mib.total", "RSS MiB total", _total(ours.rss_mib), _total(baseline.rss_mib)))
    return table


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def ratio(ours: float | None, baseline: float | None) -> str:
    if ours is None or baseline is None or not baseline:
        return ""
    return f"{ours / baseline:.2f}x"


def align(lines: Sequence[Sequence[str]]) -> list[str]:
    """The first column left-aligned (labels), the others right-aligned (numbers)."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return [
        line[0].ljust(widths[0]) + "  " + "  ".join(c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=False))
        for line in lines
    ]


def render(table: Sequence[Row]) -> str:
    header = ("metric", "Woonwijzer", "baseline", "ours/base", "base greetings", "ours/greet")
    lines = [header]
    for row in table:
        load_row = row.greetings is not None
        lines.append(
            (
                row.label,
                number(row.ours),
                number(row.baseline),
                ratio(row.ours, row.baseline),
                number(row.greetings) if load_row else "",
                ratio(row.ours, row.greetings) if load_row else "",
            )
        )
    text = align(lines)
    text.append(
        "baseline = rasa init's assistant on the same texts as ours; base greetings = on the texts it "
        "knows; - = not measured or not there (the baseline has no action server)"
    )
    return "\n".join(text)


# ---------------------------------------------------------------- JSON and --compare


def to_json(table: Sequence[Row], meta: dict[str, Any]) -> dict[str, Any]:
    return {"meta": meta, "rows": [asdict(row) for row in table]}


def rows_from_json(data: dict[str, Any]) -> list[Row]:
    return [Row(**row) for row in data["rows"]]


def write_results(data: dict[str, Any], path: Path | None) -> Path:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = path or BENCH_DIR / f"bench-{data['meta']['timestamp']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=1)
    path.write_text(text, encoding="utf-8")
    (BENCH_DIR / "latest.json").write_text(text, encoding="utf-8")
    return path


def change(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return ""
    if not old:
        return "=" if not new else "new"
    return f"{(new - old) / old:+.0%}"


COMPARED_SETTINGS = ("levels", "messages_per_conversation", "questions", "cpus")


def comparison(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Per metric, both assistants: the earlier value, this run's, and the change."""
    before = {row.key: row for row in rows_from_json(old)}
    header = ("metric", "ours before", "ours now", "change", "base before", "base now", "change")
    lines = [header]
    for row in rows_from_json(new):
        if (was := before.get(row.key)) is not None:
            lines.append(
                (
                    row.label,
                    number(was.ours),
                    number(row.ours),
                    change(was.ours, row.ours),
                    number(was.baseline),
                    number(row.baseline),
                    change(was.baseline, row.baseline),
                )
            )
    text = [f"Compared with the run of {old['meta'].get('timestamp', '?')}:", *align(lines)]
    text += [
        f"note: {name} was {old['meta'].get(name)!r}, now {new['meta'].get(name)!r}"
        for name in COMPARED_SETTINGS
        if old["meta"].get(name) != new["meta"].get(name)
    ]
    return "\n".join(text)


# ---------------------------------------------------------------- command line


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def levels_argument(text: str) -> tuple[int, ...]:
    return tuple(positive(part.strip()) for part in text.split(","))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--skip-training",
        action="store_true",
        help="do not retrain ours (rasa init still trains the baseline: it has no model otherwise)",
    )
    parser.add_argument(
        "--levels",
        type=levels_argument,
        default=LEVELS,
        help="conversations at once, comma-separated (default 1,10,50)",
    )
    parser.add_argument("--messages-per-conversation", type=positive, default=MESSAGES_PER_CONVERSATION)
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the results (default var/bench/bench-TIME.json; "
        "var/bench/latest.json is always written too)",
    )
    parser.add_argument("--compare", type=Path, help="an earlier run's JSON: print the change per metric")
    return parser.parse_args(argv)


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    # An exception unwinds the context managers, which stop the servers and remove the temporary folders.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Read before this run overwrites it (it may be latest.json), and fail before minutes of work.
    old = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # The assistant sends nothing anywhere; rasa init would otherwise ask about telemetry.
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    questions = question_mix(sorted(E2E_SETS.glob("*.yml")), greetings())
    model = ensure_model()
    meta = {
        "timestamp": datetime.now().strftime("%Y%m%d-%H%M%S"),
        "model": model.name,
        "rasa": version("rasa"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
        "levels": list(args.levels),
        "messages_per_conversation": args.messages_per_conversation,
        "questions": len(questions),
        "skip_training": args.skip_training,
    }
    try:
        with tempfile.TemporaryDirectory(prefix="woonwijzer-bench-") as tmp:
            ours, baseline = measure(
                model, Path(tmp), questions, args.levels, args.messages_per_conversation, args.skip_training
            )
    except KeyboardInterrupt:
        say("interrupted; everything started is stopped")
        return 130
    table = rows(ours, baseline)
    data = to_json(table, meta)
    print(render(table))
    say(f"results: {write_results(data, args.json)}")
    if old is not None:
        print()
        print(comparison(old, data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
