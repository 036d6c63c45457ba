"""What the platform connectors share: splitting long replies, answering a
repeated delivery once, and the line for messages that are not text."""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections import OrderedDict
from collections.abc import Mapping

import redis
import redis.asyncio

from knowledge import settings, texts

logger = logging.getLogger(__name__)

# Platforms send photos, stickers, voice and locations; the assistant reads text only.
NOT_TEXT = texts.get("utter_not_text")

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def split_message(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut after a sentence or a line
    where one fits, else at a space, and only as a last resort mid-word."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        cuts = [m.start() for m in _SENTENCE_END.finditer(window) if 0 < m.start() <= limit]
        cut = cuts[-1] if cuts else window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


class RecentIds:
    """The last `size` delivery ids this process saw, so that a platform's retry
    of the same update is answered once. Alone it serves a single server; with
    replicas, SharedRecentIds asks Redis as well."""

    def __init__(self, size: int = 1000) -> None:
        self._size = size
        self._seen: OrderedDict[str | int, None] = OrderedDict()

    async def first_time(self, key: str | int) -> bool:
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True

    async def close(self) -> None:
        """Holds nothing to let go of; here so that both memories close alike."""


# Platforms retry for minutes to hours, and Telegram drops an update it could not deliver
# after 24 hours: a day outlives the retries, and the keys still expire with no one to clear them.
SEEN_SECONDS = 24 * 60 * 60
# The webhook waits for this check before its 200, and a late 200 is itself retried.
REDIS_TIMEOUT_SECONDS = 2.0


class SharedRecentIds:
    """RecentIds across replicas: a retry may reach another replica than the first
    delivery did, so the first to SET the id in Redis (NX: atomically) answers it.
    This process remembers too, so a retry to the same replica is caught without
    Redis, and while Redis is unreachable a delivery is answered rather than lost."""

    def __init__(self, url: str, channel: str) -> None:
        self._redis = redis.asyncio.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self._prefix = f"woonwijzer:seen:{channel}:"
        self._here = RecentIds()

    async def first_time(self, key: str | int) -> bool:
        if not await self._here.first_time(key):
            return False
        try:
            return bool(await self._redis.set(f"{self._prefix}{key}", 1, nx=True, ex=SEEN_SECONDS))
        except (redis.RedisError, OSError, asyncio.TimeoutError) as error:
            # Answering twice is better than not at all: a resident must never get silence.
            logger.warning(
                "Redis unreachable (%s): %s answered without asking the other replicas",
                str(error) or type(error).__name__,
                f"{self._prefix}{key}",
            )
            return True

    async def close(self) -> None:
        await self._redis.close()


def recent_ids(channel: str, env: Mapping[str, str] = os.environ) -> RecentIds | SharedRecentIds:
    """The memory of deliveries for `channel`: shared through the lock store's Redis when
    LOCK_STORE_URL is set (replicas), this process's own otherwise (one server)."""
    url = settings.get("LOCK_STORE_URL", env)
    return SharedRecentIds(url, channel) if url else RecentIds()
