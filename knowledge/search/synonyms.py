"""The curated synonym groups as the search reads them ("regenwaterput" -> "hemelwaterput",
"loyer" -> "huur"). Groups that share a word are one group; a member may be a phrase
("uit mijn huis gezet"), matched with a word slipped in between its words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.nl.phrases import contains
from knowledge.nl.stem import stem
from knowledge.nl.words import words
from knowledge.search.index import Phrase


@dataclass(frozen=True)
class SynonymGroup:
    phrases: tuple[Phrase, ...]  # the members as stems
    # The multi-word members with every word replaced by its group key (see Synonyms.key).
    patterns: tuple[Phrase, ...]
    terms: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for phrase in self.phrases for w in phrase)

    @classmethod
    def of(cls, group: Sequence[str], key: Callable[[str], str] = lambda s: s) -> SynonymGroup:
        phrases = tuple(p for p in (tuple(stem(w) for w in words(phrase)) for phrase in group) if p)
        # Only one-word members expand a query: the words of "uit mijn huis gezet" one by
        # one ("huis") would pull in unrelated records.
        terms = frozenset(phrase[0] for phrase in phrases if len(phrase) == 1)
        patterns = tuple(tuple(key(w) for w in phrase) for phrase in phrases if len(phrase) > 1)
        return cls(phrases=phrases, patterns=patterns, terms=terms)

    def trigger(self, sequence: list[str], stems: dict[str, int], gap: int) -> tuple[str, Phrase] | None:
        """The query stem that brings this group in and the member that did: a one-word
        member the query contains, else a member phrase found in the query (its first
        word is the trigger); None when absent."""
        for phrase in self.phrases:
            if len(phrase) == 1 and phrase[0] in stems:
                return phrase[0], phrase
        for pattern in self.patterns:
            if contains(sequence, pattern, gap):
                return pattern[0], pattern
        return None


class Synonyms:
    """The merged synonym groups, and for each stem the group it stands for."""

    def __init__(self, synonyms: Sequence[Sequence[str]], gap: int) -> None:
        self.gap = gap
        merged = merge_groups(synonyms)
        # Each one-word member stands for its group inside phrases, so that a phrase matches
        # with any word of the same meaning: "uit mijn huis gezet" also reads "uit mijn
        # woning gezet" and "uit mijn appartement gezet".
        self._keys = {
            phrase[0]: f"#{i}"
            for i, group in enumerate(merged)
            for member in group
            if len(phrase := tuple(stem(w) for w in words(member))) == 1
        }
        self.groups = [SynonymGroup.of(group, self.key) for group in merged]
        self.stems = frozenset(w for group in self.groups for w in group.words)
        # One-word members -> the terms of their group, for compound parts ("leegstands|taks").
        self.readings: dict[str, frozenset[str]] = defaultdict(frozenset)
        for group in self.groups:
            for term in group.terms:
                self.readings[term] |= group.terms

    def key(self, stem_: str) -> str:
        return self._keys.get(stem_, stem_)

    def triggered(self, primary: list[str], owner: dict[str, int]) -> list[tuple[SynonymGroup, tuple[str, Phrase]]]:
        """The synonym groups the query brings in, with the member that did; a phrase inside
        a longer one that also matched ("op straat" in "op straat zetten") does not count."""
        found = [(group, hit) for group in self.groups if (hit := group.trigger(primary, owner, self.gap)) is not None]
        phrases = [hit[1] for _, hit in found if len(hit[1]) > 1]
        return [
            (group, hit)
            for group, hit in found
            if len(hit[1]) == 1 or not any(len(p) > len(hit[1]) and contains(p, hit[1], self.gap) for p in phrases)
        ]


def merge_groups(groups: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """Groups that share a one-word member are one group: "homeless" is written next to
    "dakloos" in one group and "dakloos" next to "thuisloos" in another, so "homeless"
    also reaches "thuisloos". Members keep their first-seen order."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, group in enumerate(groups):
        for member in group:
            key = tuple(stem(w) for w in words(member))
            if len(key) != 1:
                continue
            if key[0] in owner:
                parent[root(i)] = root(owner[key[0]])
            else:
                owner[key[0]] = i
    merged: dict[int, list[str]] = defaultdict(list)
    for i, group in enumerate(groups):
        merged[root(i)].extend(group)
    return [tuple(dict.fromkeys(members)) for members in merged.values()]
