"""The words the records use, for compound splitting and typo correction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from knowledge.nl.fuzzy import edit_distance, phonetic, typo_budget
from knowledge.nl.stem import split_compound
from knowledge.nl.stopwords import is_content


class Vocabulary:
    """The words the records use, for compound splitting and typo correction.

    Built from the records themselves, so "dakisolatiepremie" splits into words the
    city actually uses ("dakisolatie" + "premie") rather than into a dictionary's.
    """

    MIN_PART = 3
    # Linking sounds between compound parts: "leegstand-s-register", "student-en-kamer".
    LINKS = ("", "s", "en", "e")

    def __init__(self, known: Iterable[str]) -> None:
        self.words = frozenset(w for w in known if len(w) >= self.MIN_PART and is_content(w) and w.isalpha())
        self._corrections: dict[str, list[tuple[str, int]]] = {}

    # The lookup tables for typo correction are made on first use: a vocabulary that only
    # splits compounds (the search's first pass over the records) never needs them.
    @cached_property
    def _by_key(self) -> dict[str, set[str]]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            by_key[phonetic(word)].add(word)
        return by_key

    @cached_property
    def _by_length(self) -> dict[int, list[tuple[str, frozenset[str]]]]:
        by_length: dict[int, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for key in self._by_key:
            by_length[len(key)].append((key, _bigrams(key)))
        return by_length

    @cached_property
    def _by_prefix(self) -> dict[str, list[str]]:
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            if len(word) >= 8:
                by_prefix[word[:8]].append(word)
        return by_prefix

    def split(self, word: str, open_end: bool = False) -> list[str]:
        """Parts of a compound, fewest parts first; [] when it does not split.

        With `open_end`, one unknown part of five letters or more may close or open
        the compound ("dakisolatie" -> "dak" + "isolatie" when only "dak" is known):
        used when indexing, where the parts only add recall.
        """
        parts = split_compound(word, self.words, self.LINKS, self.MIN_PART)
        if parts or not open_end:
            return parts
        for cut in range(self.MIN_PART, len(word) - 4):
            head, tail = word[:cut], word[cut:]
            if head in self.words and is_content(head) and len(tail) >= 5:
                return [head, tail]
            if tail in self.words and len(head) >= 5 and len(tail) > self.MIN_PART:
                return [head, tail]
        return []

    def correct(self, word: str) -> list[tuple[str, int]]:
        """Known words closest to a misspelt `word`, with their distance (0 = spelling variant)."""
        if word not in self._corrections:
            if len(self._corrections) > 4096:  # users type anything; keep the memo small
                self._corrections.clear()
            self._corrections[word] = self._closest(word)
        return self._corrections[word]

    def related(self, word: str) -> list[str]:
        """Known words that share most of their beginning with `word`, for derived forms
        that no suffix rule joins: "psychiatrie" and "psychiatrisch"."""
        if len(word) < 9:
            return []
        head = word[: max(8, int(len(word) * 0.75))]
        return sorted(w for w in self._by_prefix.get(word[:8], ()) if w.startswith(head) and w != word)

    def _closest(self, word: str) -> list[tuple[str, int]]:
        budget = typo_budget(word)
        if not budget:
            return []
        key = phonetic(word)
        grams = _bigrams(key)
        # One edit destroys at most three letter pairs (a transposition): a cheap filter
        # before the exact distance.
        needed = len(grams) - 3 * budget
        best: list[tuple[str, int]] = []
        best_distance = budget + 1
        for length in range(len(key) - budget, len(key) + budget + 1):
            for candidate, candidate_grams in self._by_length.get(length, ()):
                # Typos rarely hit the first letter; "trouwen" is no misspelt "vrouwen".
                if candidate[0] != key[0] or len(grams & candidate_grams) < needed:
                    continue
                distance = edit_distance(key, candidate, min(budget, best_distance))
                if distance > budget or (distance and _inflection_of(key, candidate)):
                    continue
                if distance < best_distance:
                    best, best_distance = [], distance
                if distance == best_distance:
                    best.extend((w, distance) for w in sorted(self._by_key[candidate]))
        return best


def _bigrams(word: str) -> frozenset[str]:
    padded = f"^{word}$"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def _inflection_of(a: str, b: str) -> bool:
    """Short words of one length that differ only in their last two letters are other
    forms, not typos: "melden" is not a misspelt "melder" (but "premi" is "premie")."""
    return len(a) == len(b) < 8 and a[:-2] == b[:-2]
