"""The knowledge base of the action server: loaded once, on first use."""

from __future__ import annotations

from functools import lru_cache

from knowledge.base import KnowledgeBase


@lru_cache(maxsize=1)
def get() -> KnowledgeBase:
    # DATABASE_URL decides which store; `make run` has built it before the server starts.
    return KnowledgeBase.load()
