"""End-to-end evaluation: ask a running assistant every case of a question set over REST.

    python -m bot.evaluate tests/e2e/tuning_a.yml [more.yml ...] [--url http://localhost:5005]
        [--min RATE] [--show-fail] [--json OUT]

A resident meets the whole chain (NLU, policy, action, reply), so this is the
number that counts: each case runs in a fresh conversation (or as a list of
`turns` in one conversation, the last reply scored) and passes when no reply was
empty and the last reply holds what the case expects. The format is described
in tests/e2e/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

KINDS = frozenset(
    {
        "instrument",
        "contact",
        "svk",
        "hours",
        "dienstencentrum",
        "referral",
        "handoff",
        "overview",
        "empty_heading",
        "out_of_scope",
        "other_language",
        "follow_up",
        "robustness",
    }
)
EXPECTATIONS = ("expect_any", "expect_all", "expect_none")
# Two conversations at once keeps a 2-core machine's Rasa server busy without queueing.
CONCURRENCY = 2
TIMEOUT_S = 60


class CaseFileError(ValueError):
    pass


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    turns: tuple[str, ...]
    expect_any: tuple[str, ...] = ()
    expect_all: tuple[str, ...] = ()
    expect_none: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Outcome:
    case: Case
    replies: list[str]
    latencies: list[float]
    passed: bool
    why: str = ""

    @property
    def reply(self) -> str:
        return self.replies[-1] if self.replies else ""


@dataclass
class Summary:
    total: int
    passed: int
    per_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    median_reply_chars: float = 0.0
    empty_replies: int = 0

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def kind_rate(self, kind: str) -> float:
        passed, total = self.per_kind[kind]
        return passed / total if total else 0.0


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CaseFileError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def load_cases(path: Path) -> list[Case]:
    """The cases of one file, checked so that a malformed case cannot pass by accident."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise CaseFileError(f"{path}: no 'cases' list")
    cases = []
    for raw in raw_cases:
        where = f"{path.name}:{raw.get('id', '?')}"
        kind = raw.get("kind")
        if kind not in KINDS:
            raise CaseFileError(f"{where}: unknown kind {kind!r}")
        if ("question" in raw) == ("turns" in raw):
            raise CaseFileError(f"{where}: give either 'question' or 'turns'")
        turns = (raw["question"],) if "question" in raw else tuple(raw["turns"] or ())
        if not turns or not all(isinstance(t, str) for t in turns):
            raise CaseFileError(f"{where}: the question must be text")
        expected = {name: _strings(raw.get(name), f"{where}.{name}") for name in EXPECTATIONS}
        if kind != "robustness" and not any(expected.values()):
            raise CaseFileError(f"{where}: no expectation")
        cases.append(Case(id=str(raw["id"]), kind=kind, turns=turns, source=path.name, **expected))
    return cases


def load_all(paths: Sequence[Path]) -> list[Case]:
    cases = [case for path in paths for case in load_cases(path)]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise CaseFileError(f"case id {case.id} appears twice")
        seen.add(case.id)
    return cases


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def reply_text(messages: list[dict[str, Any]]) -> str:
    """What a person reads: the texts, and the titles of the buttons offered."""
    parts = []
    for message in messages:
        if message.get("text"):
            parts.append(message["text"])
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return "\n".join(p for p in parts if p)


def judge(case: Case, replies: Sequence[str]) -> tuple[bool, str]:
    """(passed, why not) for the replies one case received, the last one scored."""
    if not replies or any(not r.strip() for r in replies):
        return False, "empty reply"
    last = fold(replies[-1])
    if case.expect_any and not any(fold(e) in last for e in case.expect_any):
        return False, f"none of {list(case.expect_any)}"
    missing = [e for e in case.expect_all if fold(e) not in last]
    if missing:
        return False, f"missing {missing}"
    present = [e for e in case.expect_none if fold(e) in last]
    if present:
        return False, f"must not say {present}"
    return True, ""


async def ask(session: aiohttp.ClientSession, url: str, sender: str, message: str) -> tuple[str, float]:
    started = time.perf_counter()
    async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}) as response:
        response.raise_for_status()
        messages = await response.json()
    return reply_text(messages), time.perf_counter() - started


async def run_case(session: aiohttp.ClientSession, url: str, case: Case, gate: asyncio.Semaphore) -> Outcome:
    async with gate:
        sender = f"eval-{case.id}-{uuid.uuid4().hex[:8]}"
        replies, latencies = [], []
        try:
            for turn in case.turns:
                reply, seconds = await ask(session, url, sender, turn)
                replies.append(reply)
                latencies.append(seconds)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return Outcome(case, replies, latencies, False, f"request failed: {error!r}")
    passed, why = judge(case, replies)
    return Outcome(case, replies, latencies, passed, why)


async def run_all(cases: Sequence[Case], url: str, concurrency: int = CONCURRENCY) -> list[Outcome]:
    gate = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        return list(await asyncio.gather(*(run_case(session, url, c, gate) for c in cases)))


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(outcomes: Sequence[Outcome]) -> Summary:
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        per_kind[outcome.case.kind][0] += outcome.passed
        per_kind[outcome.case.kind][1] += 1
    latencies = [s for o in outcomes for s in o.latencies]
    lengths = [len(o.reply) for o in outcomes if o.reply]
    return Summary(
        total=len(outcomes),
        passed=sum(o.passed for o in outcomes),
        per_kind={k: (v[0], v[1]) for k, v in sorted(per_kind.items())},
        latency_p50_ms=round(percentile(latencies, 0.50) * 1000, 1),
        latency_p95_ms=round(percentile(latencies, 0.95) * 1000, 1),
        median_reply_chars=statistics.median(lengths) if lengths else 0.0,
        empty_replies=sum(1 for o in outcomes for r in o.replies if not r.strip()),
    )


def report(summary: Summary) -> str:
    lines = [f"{'kind':<16} {'pass':>5} {'of':>4} {'rate':>6}"]
    for kind, (passed, total) in summary.per_kind.items():
        lines.append(f"{kind:<16} {passed:>5} {total:>4} {passed / total:>6.3f}")
    lines += [
        f"{'overall':<16} {summary.passed:>5} {summary.total:>4} {summary.rate:>6.3f}",
        f"latency p50 {summary.latency_p50_ms:.0f} ms, p95 {summary.latency_p95_ms:.0f} ms; "
        f"median reply {summary.median_reply_chars:.0f} characters; empty replies {summary.empty_replies}",
    ]
    return "\n".join(lines)


def failure_text(outcome: Outcome) -> str:
    turns = " | ".join(outcome.case.turns)
    reply = outcome.reply.replace("\n", "\n      ")
    return f"FAIL {outcome.case.id} [{outcome.case.kind}] {outcome.why}\n  Q: {turns}\n  A: {reply}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="question sets (YAML, see tests/e2e/README.md)")
    parser.add_argument("--url", default="http://localhost:5005", help="the Rasa server")
    parser.add_argument("--min", type=float, default=0.0, help="exit 1 when the overall pass rate is below this")
    parser.add_argument("--show-fail", action="store_true", help="print every failed case with its reply")
    parser.add_argument("--json", type=Path, help="write the summary and every outcome as JSON")
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    args = parser.parse_args(argv)

    try:
        cases = load_all(args.files)
    except CaseFileError as error:
        print(f"Fout in de vragenset / bad question set: {error}", file=sys.stderr)
        return 2
    outcomes = asyncio.run(run_all(cases, args.url.rstrip("/"), args.concurrency))
    summary = summarise(outcomes)
    if args.show_fail:
        for outcome in outcomes:
            if not outcome.passed:
                print(failure_text(outcome))
    print(report(summary))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "summary": {**asdict(summary), "rate": summary.rate},
                    "outcomes": [
                        {
                            "id": o.case.id,
                            "kind": o.case.kind,
                            "turns": o.case.turns,
                            "passed": o.passed,
                            "why": o.why,
                            "reply": o.reply,
                            "latencies": o.latencies,
                        }
                        for o in outcomes
                    ],
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if summary.rate < args.min:
        print(f"Pass rate {summary.rate:.3f} is below --min {args.min:.3f}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
