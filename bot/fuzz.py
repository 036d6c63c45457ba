"""Throw what no resident should type, and everything they might, at a running
assistant over REST, and check that each message gets a Dutch reply.

    python -m bot.fuzz [--url http://localhost:5005] [--messages 2000] [--seed 7]
    make fuzz      (starts its own assistant on free ports, then runs this)

Messages: random Unicode, emoji, very long text, HTML, JSON, control characters,
typed intents, empty strings and real questions, over many senders, at several
concurrencies. A message fails on a 5xx or another error, or when the reply
is empty or not Dutch. Prints the figures; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.evaluate import percentile, reply_text
from bot.stack import throwaway
from bot.train import ensure_model
from knowledge.nl.language import detect_language

CONCURRENCIES = (1, 10, 50)
QUESTIONS = (
    "premie dakisolatie?",
    "wie helpt mij als ik uit mijn huis gezet word",
    "svk",
    "KI 700 huur 420",
    "is het sociaal huis nu open",
    "hallo",
    "bedankt",
    "ik wil iemand spreken",
)
TYPED_INTENTS = (
    "/greet",
    "/restart",
    "/session_start",
    "/action_listen",
    '/inform_svk{"ki": "-5"}',
    '/ask_info{"record_id": "../../etc/passwd"}',
    "/{}",
    "/ask_info{not json",
    "//",
    "/nlu_fallback",
    '/ask_dienstencentrum{"deelgemeente": "<script>"}',
    '/affirm{"huur": 1e308}',
)
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "<b>premie</b> <i>dakisolatie</i>",
    "{{7*7}} ${7*7} %s %d",
    "'; DROP TABLE events; --",
)


def _random_unicode(rng: random.Random, size: int) -> str:
    blocks = [
        (0x20, 0x7E),
        (0xA0, 0x24F),
        (0x370, 0x3FF),
        (0x400, 0x4FF),
        (0x590, 0x6FF),
        (0x900, 0x97F),
        (0x3040, 0x30FF),
        (0x4E00, 0x4FFF),
        (0xAC00, 0xAD00),
        (0x1F300, 0x1F64F),
        (0x1F900, 0x1F9FF),
    ]
    chars = []
    for _ in range(size):
        low, high = rng.choice(blocks)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def _controls(rng: random.Random) -> str:
    noise = [chr(c) for c in range(0, 32)] + ["\u200b", "\u200e", "\u202e", "\ufeff", "\x7f", "\u2028"]
    return "".join(rng.choice(noise) + rng.choice("premie svk open ") for _ in range(rng.randint(1, 30)))


GENERATORS = {
    "unicode": lambda rng: _random_unicode(rng, rng.randint(1, 200)),
    "emoji": lambda rng: "".join(chr(rng.randint(0x1F300, 0x1FAFF)) for _ in range(rng.randint(1, 40))),
    "long": lambda rng: rng.choice(QUESTIONS) * rng.randint(200, 2000),
    "markup": lambda rng: rng.choice(MARKUP),
    "json": lambda rng: json.dumps({"sender": "x", "message": rng.choice(QUESTIONS), "n": [1, {"a": None}]}),
    "controls": _controls,
    "typed_intent": lambda rng: rng.choice(TYPED_INTENTS),
    "empty": lambda rng: rng.choice(["", " ", "\n\n", "\t"]),
    "question": lambda rng: rng.choice(QUESTIONS),
}


@dataclass
class Result:
    kind: str
    message: str
    status: int
    reply: str
    seconds: float
    problem: str = ""


def messages(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    kinds = list(GENERATORS)
    return [(kind, GENERATORS[kind](rng)) for kind in (kinds[i % len(kinds)] for i in range(count))]


def is_dutch(reply: str) -> bool:
    # Strict: a single French or English word more than Dutch ones makes it foreign.
    return detect_language(reply, min_foreign=1) == "nl" and len(reply.split()) >= 3


async def _send(session: aiohttp.ClientSession, url: str, sender: str, kind: str, message: str) -> Result:
    started = time.perf_counter()
    try:
        async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}) as r:
            status = r.status
            body = await r.json(content_type=None) if status < 500 else None
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        return Result(kind, message, 0, "", time.perf_counter() - started, f"request failed: {error!r}")
    reply = reply_text(body) if isinstance(body, list) else ""
    problem = (
        "server error"
        if status >= 500
        else f"status {status}"
        if status != 200
        else "empty reply"
        if not reply.strip()
        else "not Dutch"
        if not is_dutch(reply)
        else ""
    )
    return Result(kind, message, status, reply, time.perf_counter() - started, problem)


async def run(url: str, batch: list[tuple[str, str]], concurrency: int, senders: int) -> list[Result]:
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int, kind: str, message: str) -> Result:
        async with gate:
            return await _send(session, url, f"fuzz-{concurrency}-{i % senders}", kind, message)

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        return list(await asyncio.gather(*(one(i, k, m) for i, (k, m) in enumerate(batch))))


def fuzz(url: str, count: int, seed: int, concurrencies: tuple[int, ...] = CONCURRENCIES) -> list[Result]:
    batch = messages(count, seed)
    share = -(-len(batch) // len(concurrencies))
    results: list[Result] = []
    for n, concurrency in enumerate(concurrencies):
        part = batch[n * share : (n + 1) * share]
        results += asyncio.run(run(url, part, concurrency, senders=max(5, concurrency * 2)))
    return results


def report(results: list[Result]) -> str:
    kinds = Counter(r.kind for r in results)
    failed = Counter(r.kind for r in results if r.problem)
    seconds = [r.seconds for r in results]
    lines = [f"{'kind':<14}{'sent':>6}{'failed':>8}"]
    lines += [f"{kind:<14}{kinds[kind]:>6}{failed[kind]:>8}" for kind in sorted(kinds)]
    lines.append(
        f"{'all':<14}{len(results):>6}{sum(failed.values()):>8}   "
        f"5xx: {sum(r.status >= 500 for r in results)}  "
        f"p50 {percentile(seconds, 0.5) * 1000:.0f} ms  p95 {percentile(seconds, 0.95) * 1000:.0f} ms"
    )
    for r in [r for r in results if r.problem][:10]:
        lines.append(f"  ✗ {r.kind}: {r.problem}: {r.message[:60]!r} → {r.reply[:80]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--start", action="store_true", help="start an assistant of its own on free ports")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.start:
        with (
            tempfile.TemporaryDirectory(prefix="woonwijzer-fuzz-") as var,
            throwaway(ensure_model(), Path(var), with_web=False) as (_, ports),
        ):
            results = fuzz(f"http://127.0.0.1:{ports.rasa}", args.messages, args.seed)
    else:
        results = fuzz(args.url.rstrip("/"), args.messages, args.seed)
    print(report(results))
    return 1 if any(r.problem for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
