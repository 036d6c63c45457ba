"""Splitting long replies, and answering a repeated delivery once: in one process, and
across replicas through a real redis-server on loopback."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

import pytest
import redis

from bot.channels.common import SEEN_SECONDS, RecentIds, SharedRecentIds, recent_ids, split_message
from bot.stack import free_port

ANSWER = (
    "De stad geeft een premie voor dakisolatie. Je vraagt ze aan bij de Dienst Bouwen, Milieu en Wonen. "
    "Bel 056/27.84.33 of mail naar wonen@kortrijk.be.\nBron: 6.B Dakisolatie"
)


@pytest.mark.parametrize("limit", [40, 80, 120, 4096])
def test_pieces_fit_and_keep_every_word(limit: int) -> None:
    pieces = split_message(ANSWER, limit)
    assert all(0 < len(p) <= limit for p in pieces), pieces
    assert " ".join(pieces).split() == ANSWER.split()


def test_cuts_after_a_sentence_when_one_fits() -> None:
    pieces = split_message(ANSWER, 120)
    assert pieces[0] == (
        "De stad geeft een premie voor dakisolatie. Je vraagt ze aan bij de Dienst Bouwen, Milieu en Wonen."
    )
    assert pieces[-1].endswith("Bron: 6.B Dakisolatie")


def test_a_word_longer_than_the_limit_is_cut() -> None:
    assert split_message("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_short_text_is_one_piece() -> None:
    assert split_message("  Hallo!  ", 4096) == ["Hallo!"]


def test_recent_ids_answer_a_retry_once_and_forget_the_oldest() -> None:
    async def scenario() -> None:
        recent = RecentIds(size=2)
        assert [await recent.first_time(i) for i in (1, 1, 2, 3)] == [True, False, True, True]
        assert await recent.first_time(1), "the oldest id is forgotten once more than `size` were seen"
        assert not await recent.first_time(3)

    asyncio.run(scenario())


@pytest.mark.parametrize("env", [{}, {"LOCK_STORE_URL": ""}], ids=["unset", "empty"])
def test_without_a_lock_store_url_the_memory_is_this_process_own(env: dict[str, str]) -> None:
    async def scenario() -> list[bool]:
        memory = recent_ids("telegram", env)
        assert isinstance(memory, RecentIds)
        return [await memory.first_time(720_000_001) for _ in range(3)]

    assert asyncio.run(scenario()) == [True, False, False]


def test_with_a_lock_store_url_the_memory_is_shared(redis_url: str) -> None:
    assert isinstance(recent_ids("telegram", {"LOCK_STORE_URL": redis_url}), SharedRecentIds)


def test_replicas_sharing_redis_answer_a_delivery_once_in_all(redis_url: str) -> None:
    mid = f"m_{uuid.uuid4().hex}"

    async def scenario() -> list[bool]:
        replicas = [SharedRecentIds(redis_url, "messenger") for _ in range(3)]
        try:
            # The first delivery and its retries, to every replica at once and then again.
            at_once = await asyncio.gather(*(replica.first_time(mid) for replica in replicas * 4))
            return [*at_once, *[await replica.first_time(mid) for replica in replicas]]
        finally:
            for replica in replicas:
                await replica.close()

    answers = asyncio.run(scenario())
    assert answers.count(True) == 1, answers
    ttl = redis.Redis.from_url(redis_url).ttl(f"woonwijzer:seen:messenger:{mid}")
    assert SEEN_SECONDS - 60 < ttl <= SEEN_SECONDS, "the key expires by itself, after about a day"


def test_channels_do_not_share_ids(redis_url: str) -> None:
    same_id = uuid.uuid4().int % 10**9

    async def scenario() -> list[bool]:
        telegram, messenger = SharedRecentIds(redis_url, "telegram"), SharedRecentIds(redis_url, "messenger")
        try:
            return [await telegram.first_time(same_id), await messenger.first_time(same_id)]
        finally:
            await telegram.close()
            await messenger.close()

    assert asyncio.run(scenario()) == [True, True]


def test_an_unreachable_redis_answers_and_warns_never_raises(caplog: pytest.LogCaptureFixture) -> None:
    async def scenario() -> list[bool]:
        memory = recent_ids("telegram", {"LOCK_STORE_URL": f"redis://127.0.0.1:{free_port()}/0"})
        try:
            return [await memory.first_time(720_000_002), await memory.first_time(720_000_002)]
        finally:
            await memory.close()

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.channels.common"):
        answers = asyncio.run(scenario())
    assert answers == [True, False], "answered, and a retry to this replica is still caught in the process"
    assert time.monotonic() - started < 5
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "woonwijzer:seen:telegram:720000002" in warnings[0].getMessage(), caplog.text
