"""What the platform connectors share: splitting long replies, forgetting
repeated deliveries, and the line for messages that are not text."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable

from knowledge import texts

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
    """The last `size` ids seen, so that a platform's retry of the same update
    is answered once. Per process: replicas behind a load balancer each keep
    their own (the platform retries to whichever one answers)."""

    def __init__(self, size: int = 1000) -> None:
        self._size = size
        self._seen: OrderedDict[Hashable, None] = OrderedDict()

    def first_time(self, key: Hashable) -> bool:
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True
