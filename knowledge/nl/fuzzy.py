"""Typos: when a word someone typed is a word we know, misspelt.

One matcher for the search and the referral helper: the phonetic key ignores the classic
Dutch spelling doubts, the edit distance counts the remaining typos, and the typo budget
says how many a word of its length may carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from knowledge.nl.stem import stem

# A word matches the start or end of a compound only with a real other part: "drugs" in
# "drugsproblematiek", not "vocht" in "vochtig"; and a real first part: not "zoontje"
# (stem "zon") in "zonder".
MIN_COMPOUND_PART = 3
MIN_COMPOUND_WORD = 5

_PHONETIC = (("ij", "ei"), ("y", "ei"), ("au", "ou"), ("dt", "t"), ("ck", "k"), ("ph", "f"), ("qu", "kw"))


def phonetic(word: str) -> str:
    """Spelling key that ignores the classic Dutch doubts: ei/ij, au/ou, dt/d/t, c/k."""
    for old, new in _PHONETIC:
        word = word.replace(old, new)
    word = re.sub(r"c(?!h)", "k", word)
    if word.endswith("d"):
        word = word[:-1] + "t"
    return word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau (adjacent transposition) edit distance; any value above `limit` is `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def typo_budget(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 9 else 2


class Spelt(Protocol):
    # Read-only, so that frozen dataclasses fit.
    @property
    def folded(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class Spelling:
    """A word as the matcher reads it: folded as written, its stem, the phonetic key of the stem."""

    folded: str
    stem: str
    key: str

    @classmethod
    def of(cls, word: str) -> Spelling:
        stemmed = stem(word)
        return cls(word, stemmed, phonetic(stemmed))


def same_word(want: Spelt, seen: Spelt) -> bool:
    """Whether `seen` is the word `want`: another form of it, a typo of it, or a compound
    that starts or ends with it ("drugs" in "drugsproblematiek")."""
    if seen.stem == want.stem:
        return True
    # The stem's length sets the budget: "muizen" (stem "muis") is one letter from "huis".
    budget = typo_budget(want.stem)
    if budget and edit_distance(seen.key, want.key, budget) <= budget:
        return True
    return any(
        len(part) >= MIN_COMPOUND_WORD
        and len(whole) >= len(part) + MIN_COMPOUND_PART
        and (whole.startswith(part) or whole.endswith(part))
        for part, whole in ((want.folded, seen.folded), (want.stem, seen.stem))
    )
