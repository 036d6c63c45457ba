"""The atomic Redis lock store, against a real redis-server on loopback."""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.locks import AtomicRedisLockStore


@pytest.fixture
def store(redis_url: str) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(url=redis_url)


def test_rasa_builds_it_from_the_endpoint_config(redis_url: str) -> None:
    created = LockStore.create(EndpointConfig(url=redis_url, type="bot.locks.AtomicRedisLockStore"))
    assert isinstance(created, AtomicRedisLockStore)


def _issue_many(stores: list[LockStore], conversation: str, count: int) -> list[int]:
    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(lambda i: stores[i % len(stores)].issue_ticket(conversation, 60), range(count)))


def test_no_ticket_is_given_twice_under_contention(redis_url: str) -> None:
    # Sixteen threads over four store objects: four replicas, each with its own connections.
    stores = [AtomicRedisLockStore(url=redis_url) for _ in range(4)]
    conversation = f"c-{uuid.uuid4()}"
    tickets = _issue_many(stores, conversation, 400)
    assert len(set(tickets)) == 400, f"{400 - len(set(tickets))} tickets were given twice"
    lock = stores[0].get_lock(conversation)
    assert lock is not None and [t.number for t in lock.tickets] == sorted(tickets)


def test_rasas_own_redis_lock_store_can_give_a_ticket_twice(redis_url: str) -> None:
    """Why the class exists (RasaHQ/rasa#9213): the same load on Rasa's store collides.
    Should a Rasa upgrade fix it, this test says so and the class can go."""
    host, port = redis_url.removeprefix("redis://").split("/")[0].split(":")
    stores = [RedisLockStore(host=host, port=int(port), db=0) for _ in range(4)]
    tickets = _issue_many(stores, f"r-{uuid.uuid4()}", 400)
    assert len(set(tickets)) < 400


def test_tickets_are_served_in_order_and_the_lock_goes_with_the_last(store: AtomicRedisLockStore) -> None:
    conversation = f"o-{uuid.uuid4()}"
    first, second = store.issue_ticket(conversation, 60), store.issue_ticket(conversation, 60)
    lock = store.get_lock(conversation)
    assert lock is not None and not lock.is_locked(first) and lock.is_locked(second)
    store.cleanup(conversation, first)
    lock = store.get_lock(conversation)
    assert lock is not None and not lock.is_locked(second)
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None and not store.red.keys(f"*{conversation}*")


def test_an_expired_ticket_stops_blocking(store: AtomicRedisLockStore) -> None:
    conversation = f"e-{uuid.uuid4()}"
    stuck = store.issue_ticket(conversation, 0.3)  # a replica that died holding the lock

    async def acquire() -> int:
        async with store.lock(conversation, lock_lifetime=60, wait_time_in_seconds=0.05) as lock:
            return lock.now_serving

    assert asyncio.run(asyncio.wait_for(acquire(), timeout=5)) == stuck + 1


def test_the_lock_context_serialises_one_conversation(store: AtomicRedisLockStore) -> None:
    conversation = f"s-{uuid.uuid4()}"
    inside: list[int] = []
    overlaps: list[int] = []

    async def turn(i: int) -> None:
        async with store.lock(conversation, lock_lifetime=30, wait_time_in_seconds=0.01):
            inside.append(i)
            if len(inside) > 1:
                overlaps.append(i)
            await asyncio.sleep(0.01)
            inside.remove(i)

    async def many() -> None:
        await asyncio.gather(*(turn(i) for i in range(20)))

    asyncio.run(many())
    assert not overlaps, f"turns {overlaps} ran while another held the lock"


def test_an_empty_url_is_refused() -> None:
    with pytest.raises(ValueError, match="LOCK_STORE_URL"):
        AtomicRedisLockStore(EndpointConfig(url=None))
