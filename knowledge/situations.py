"""Which situations of the referral rules a worker's description names: the triggers' words
in order (other forms, typos and compounds of them count), not negated ("geen verslaving"),
or an age in the situation's range."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.nl.fuzzy import Spelling, same_word
from knowledge.nl.normalize import fold
from knowledge.nl.phrases import phrase_starts
from knowledge.nl.words import words

if TYPE_CHECKING:
    from knowledge.referral import Situation, TriggerWord

# Words of a trigger phrase may have this many other words between them ("zoekt een kleine huurwoning").
PHRASE_GAP = 2
NEGATORS = frozenset({"geen", "niet", "zonder", "nooit"})
CONJUNCTIONS = frozenset({"of", "en", "noch"})
# Small words that may stand between a negation and what it negates ("niet in Menen").
LINK_WORDS = frozenset({"in", "van", "uit", "aan", "op", "met", "bij", "de", "het", "een"})
MAX_LINK_WORDS = 2
CLAUSE_BREAK = re.compile(r"[.,;:!?()\n]+|\bmaar\b")
# "81j", "81 jaar", "81-jarige", "65+", and "van 81" unless a unit follows ("van 50 euro", "van 2 weken").
AGE = re.compile(
    r"\b(\d{1,3})\s*-?\s*(?:j|jr|jaar|jarige|jarig)\b"
    r"|\b(\d{2,3})\s*\+"
    r"|\bvan\s+(\d{2,3})\b(?!\s*(?:[.,]\d|euro|eur|€|%|m|dag|week|weken|maand|u\b|uur|kinderen|personen))"
)


class Description:
    """A worker's description, read once for every situation's triggers."""

    def __init__(self, text: str) -> None:
        self.clauses = _clauses(text)
        self.ages = _ages(text)

    def names(self, situation: Situation) -> bool:
        if situation.ages and any(situation.ages[0] <= age <= situation.ages[1] for age in self.ages):
            return True
        return any(
            not _negated(tokens, start)
            for trigger in situation.triggers
            for tokens in self.clauses
            for start in phrase_starts(tokens, trigger.words, _word_matches, PHRASE_GAP)
        )


def _clauses(description: str) -> list[list[Spelling]]:
    clauses = []
    for part in CLAUSE_BREAK.split(fold(description)):
        tokens = [Spelling.of(w) for w in words(part)]
        if tokens:
            clauses.append(tokens)
    return clauses


def _word_matches(want: TriggerWord, token: Spelling) -> bool:
    return token.folded == want.folded if want.exact else same_word(want, token)


def _negated(tokens: list[Spelling], start: int) -> bool:
    """ "geen verslaving", "woont niet in Menen", "geen drugs of alcohol"; "niet meer" is no negation."""
    back = start - 1
    while back >= 0 and start - back <= MAX_LINK_WORDS and tokens[back].folded in LINK_WORDS:
        back -= 1
    if back >= 0 and tokens[back].folded in NEGATORS:
        return True
    # A negation carries over a coordination: "geen drugs of alcohol".
    return start >= 2 and tokens[start - 1].folded in CONJUNCTIONS and _negated(tokens, start - 2)


def _ages(description: str) -> list[int]:
    return [int(next(group for group in match if group)) for match in AGE.findall(fold(description))]
