"""The words of a phrase in order in a text, with a few other words allowed between them:
"huur niet betalen" in "huur niet kunnen betalen", "zoekt een woning" in "zoekt een
kleine huurwoning"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Word = TypeVar("Word")
Token = TypeVar("Token")


def phrase_at(
    tokens: Sequence[Token], start: int, phrase: Sequence[Word], matches: Callable[[Word, Token], bool], gap: int
) -> tuple[int, ...] | None:
    """The positions of the phrase's words when it starts at `start`, each word at most
    `gap` other tokens after the one before; None when the phrase is not there. Where a
    word could be at several positions, the earliest that lets the rest follow is taken."""

    def rest(index: int, after: int) -> tuple[int, ...] | None:
        if index == len(phrase):
            return ()
        for position in range(after + 1, min(len(tokens), after + gap + 2)):
            if matches(phrase[index], tokens[position]):
                following = rest(index + 1, position)
                if following is not None:
                    return (position, *following)
        return None

    if not matches(phrase[0], tokens[start]):
        return None
    following = rest(1, start)
    return None if following is None else (start, *following)


def phrase_starts(
    tokens: Sequence[Token], phrase: Sequence[Word], matches: Callable[[Word, Token], bool], gap: int
) -> list[int]:
    """Every position where the phrase starts (see phrase_at)."""
    return [start for start in range(len(tokens)) if phrase_at(tokens, start, phrase, matches, gap) is not None]


def contains(tokens: Sequence[str], phrase: Sequence[str], gap: int) -> bool:
    """Whether the phrase's words are among the tokens, as written (see phrase_at)."""
    return any(phrase_at(tokens, start, phrase, _equal, gap) is not None for start in range(len(tokens)))


def _equal(word: str, token: str) -> bool:
    return word == token
