"""Reading a query: which concepts it says, which words nothing matched, what it is about.

Each word is resolved to index terms (see resolve.py), then the synonym groups the query
brings in are added, the words inside a synonym phrase quieted, the record names the query
says whole added, and the asker's introduction of themselves ("ik ben maatschappelijk
werker") quieted. A word of a subject the overlay lists as outside the page
("notariskosten", "epc") counts as unknown whatever record shares a part of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.curation import OutsideSubject
from knowledge.nl.language import detect_language
from knowledge.nl.lemmas import is_dutch_word, is_noun
from knowledge.nl.phrases import phrase_at
from knowledge.nl.stem import stem
from knowledge.nl.stopwords import is_content, is_everyday, is_neutral
from knowledge.nl.words import words
from knowledge.search.index import Phrase, RecordIndex, phrase_term
from knowledge.search.resolve import Concept, WordResolver
from knowledge.search.synonyms import Synonyms
from knowledge.search.weights import SearchWeights


@dataclass(frozen=True)
class QueryTerms:
    """What a query means for the index.

    Each concept is one thing the user said, with the index terms that may express it:
    the word itself, or its typo corrections, or its synonyms. A record earns a concept
    once, through its best term, so a group of five synonyms does not outweigh the
    one word a record actually uses.
    """

    concepts: tuple[Concept, ...]
    unknown: tuple[str, ...]
    content_words: int
    # Which query word (or synonym phrase) each concept comes from: the parts of one
    # compound are one word's worth of evidence ("hoofdstad" is not "hoofd" plus "stad").
    sources: tuple[int, ...] = ()
    # Sources that are neutral words ("morgen", "kinderen"): they help rank but prove
    # nothing about the subject, so they are no evidence for the confidence.
    neutral: frozenset[int] = frozenset()
    # Words read only through their compound parts (see WordResolver.own_compound).
    half_known: int = 0
    # Whether the query is Dutch: only then does the Dutch noun list say what an unknown
    # word is ("court" and "risk" are Dutch loanwords, not subjects of an English question).
    dutch: bool = True
    # Content words that name a subject outside the page -> its label.
    outside: Mapping[str, str] = field(default_factory=dict)
    weights: SearchWeights = field(default=SearchWeights(), repr=False, compare=False)

    @property
    def unreadable(self) -> bool:
        """No word in it that the records, a synonym or the Dutch word lists know ("sdfgh",
        "asdf jkl", "NaN"): keys hit at random, not a question about anything."""
        return bool(self.unknown) and not self.concepts and not any(map(is_dutch_word, self.unknown))

    @property
    def understood(self) -> float:
        """Share of the query's content words that the records (or a synonym) recognise.
        A query of neutral words only ("waar kan ik vannacht slapen") has nothing unknown."""
        if not self.content_words:
            return 1.0 if self.concepts else 0.0
        weights = self.weights
        missing = sum(
            weights.outside_weight
            if w in self.outside
            else weights.unknown_noun
            if self.dutch and _names_a_subject(w)
            else 1.0
            for w in self.unknown
        )
        missing += weights.half_known * self.half_known
        return max(0.0, 1 - missing / self.content_words)


@dataclass
class _Reading:
    """A query being read: its concepts so far and what they come from."""

    content: list[str]
    concepts: list[Concept] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    owner: dict[str, int] = field(default_factory=dict)  # stem -> the concept it belongs to, for synonym merging
    unresolved: list[str] = field(default_factory=list)
    halves: int = 0  # Dutch compounds read through their parts
    ignored: int = 0  # neutral words: neither understood nor not
    neutral: set[int] = field(default_factory=set)
    recognised: set[str] = field(default_factory=set)  # stems of the synonym groups brought in

    def add(self, concept: Concept, source: int) -> int:
        self.concepts.append(concept)
        self.sources.append(source)
        return len(self.concepts) - 1


class QueryReader:
    def __init__(
        self, index: RecordIndex, synonyms: Synonyms, outside: Sequence[OutsideSubject], weights: SearchWeights
    ) -> None:
        self.index = index
        self.synonyms = synonyms
        self.weights = weights
        self.resolver = WordResolver(index, synonyms)
        outside_terms = [
            (phrase, subject.label)
            for subject in outside
            for term in subject.terms
            if (phrase := tuple(w for w in words(term) if is_content(w)))
        ]
        self._outside_words = {stem(p[0]): label for p, label in outside_terms if len(p) == 1}
        self._outside_parts = {
            p[0]: label for p, label in outside_terms if len(p) == 1 and len(p[0]) >= weights.outside_part
        }
        self._outside_phrases = [(tuple(map(stem, p)), label) for p, label in outside_terms if len(p) > 1]

    def analyse(self, query: str) -> QueryTerms:
        """Index terms of a query: direct, compound parts, typo corrections, synonyms."""
        sequence = words(query)
        reading = _Reading([w for w in sequence if is_content(w)])
        outside = self._outside_subjects(reading.content)
        self._read_words(reading, outside)
        consumed, triggers = self._add_synonyms(reading, sequence)
        self._quiet_phrase_words(reading, consumed, triggers)
        # A name counts as a reading of its first word: for the confidence it replaces
        # that word's weaker evidence instead of adding to it, and the asker's role
        # ("maatschappelijk werker") is quieted as a name too.
        for start, phrase in self._named(reading):
            reading.add({phrase_term(phrase): self.weights.phrase_weight}, start)
        self._quiet_role(query, reading)
        kept = [i for i, concept in enumerate(reading.concepts) if concept]
        return QueryTerms(
            concepts=tuple(reading.concepts[i] for i in kept),
            unknown=tuple(w for w in reading.unresolved if stem(w) not in reading.recognised),
            content_words=len(reading.content) - reading.ignored,
            sources=tuple(reading.sources[i] for i in kept),
            neutral=frozenset(reading.neutral),
            half_known=reading.halves,
            dutch=detect_language(query) == "nl",
            outside={reading.content[i]: label for i, label in outside.items()},
            weights=self.weights,
        )

    def _read_words(self, reading: _Reading, outside: dict[int, str]) -> None:
        """Each content word's concepts, weighed by what kind of word it is."""
        weights, resolver = self.weights, self.resolver
        joined = resolver.joined(reading.content)
        for source, word in enumerate(reading.content):
            if source in outside:
                reading.unresolved.append(word)
                continue
            resolved = [
                {term: weight * (weights.everyday_weight if is_everyday(term) else 1.0) for term, weight in c.items()}
                for c in resolver.resolve(word)
            ]
            if source in joined:
                resolved = [{**concept, joined[source]: 1.0} for concept in resolved or [{}]]
            # A word of the synonym list is read through its group, not through its parts.
            partial = [] if resolved or stem(word) in self.synonyms.stems else resolver.partial(word)
            if is_neutral(word) or (not resolved and resolver.says_nothing(word)):
                reading.ignored += 1
                reading.neutral.add(source)
                resolved = [{term: weight * weights.neutral_weight for term, weight in c.items()} for c in resolved]
            elif not resolved:
                reading.unresolved.append(word)
            elif resolver.own_compound(word):
                reading.halves += 1
            for concept in resolved or partial or [{}]:
                position = reading.add(concept, source)
                for term in (stem(word), *concept):
                    reading.owner.setdefault(term, position)

    def _add_synonyms(self, reading: _Reading, sequence: list[str]) -> tuple[set[str], set[int]]:
        """Add the synonym groups the query brings in to the concept of the word that did.
        Returns the other words of the synonym phrases the query contains, and the concepts
        that carry a group."""
        consumed: set[str] = set()
        triggers: set[int] = set()
        primary = [self.synonyms.key(stem(w)) for w in sequence]
        for group, (trigger, phrase) in self.synonyms.triggered(primary, reading.owner):
            by_phrase = len(phrase) > 1
            reading.recognised |= group.words
            if by_phrase:
                consumed |= set(phrase[1:]) - {trigger}
            if trigger not in reading.owner:
                reading.owner[trigger] = reading.add({}, len(reading.content) + len(reading.concepts) + 1)
            concept = reading.concepts[reading.owner[trigger]]
            triggers.add(reading.owner[trigger])
            # Next to a word the records use, a synonym is a second reading; for a word they
            # do not use ("rusthuis"), or a whole phrase ("zet mij buiten"), it is the reading.
            weight = self.weights.synonym_weight if concept and not by_phrase else 1.0
            for term in group.terms:
                term_weight = weight * (self.weights.everyday_weight if is_everyday(term) else 1.0)
                if term in self.index.postings and concept.get(term, 0.0) < term_weight:
                    concept[term] = term_weight
        return consumed, triggers

    def _quiet_phrase_words(self, reading: _Reading, consumed: set[str], triggers: set[int]) -> None:
        """Inside a recognised phrase a word is no reading of its own: "straat" in "op straat
        zetten" is not the Wandelingstraat."""
        content = reading.content
        for i, source in enumerate(reading.sources):
            if source < len(content) and self.synonyms.key(stem(content[source])) in consumed and i not in triggers:
                quiet = self.weights.phrase_word_weight
                reading.concepts[i] = {term: weight * quiet for term, weight in reading.concepts[i].items()}

    def _outside_subjects(self, content: list[str]) -> dict[int, str]:
        """The query words that name a subject outside the page (position -> its label):
        a term said whole, or a compound that starts or ends with it ("notariskosten")."""
        found: dict[int, str] = {}
        shortest = self.weights.outside_part
        for i, word in enumerate(content):
            heads = (word[:n] for n in range(shortest, len(word)))
            tails = (word[n:] for n in range(1, len(word) - shortest + 1))
            label = self._outside_words.get(stem(word)) or next(
                (self._outside_parts[p] for p in (*heads, *tails) if p in self._outside_parts), None
            )
            if label:
                found[i] = label
        readings = [{stem(w)} for w in content]
        for phrase, label in self._outside_phrases:
            for start, reading in enumerate(readings):
                if phrase[0] in reading and (positions := self._phrase_at(readings, start, phrase)):
                    found.update(dict.fromkeys(positions, label))
        return found

    def _named(self, reading: _Reading) -> list[tuple[int, Phrase]]:
        """The record names (see SearchWeights.phrase_weight) the query says, read through
        each word's corrections and synonyms ("socaal huus" is "sociaal huis")."""
        content = reading.content
        readings: list[set[str]] = [{stem(w)} for w in content]
        for source, concept in zip(reading.sources, reading.concepts, strict=True):
            if source < len(content):
                readings[source] |= set(concept)
        found: dict[Phrase, int] = {}
        for start, said in enumerate(readings):
            for first in said:
                for phrase in self.index.phrases.get(first, ()):
                    if phrase not in found and self._phrase_at(readings, start, phrase):
                        found[phrase] = start
        return [(start, phrase) for phrase, start in found.items()]

    def _phrase_at(self, readings: list[set[str]], start: int, phrase: Phrase) -> tuple[int, ...] | None:
        return phrase_at(readings, start, phrase, _read_as, self.weights.phrase_gap)

    def _quiet_role(self, query: str, reading: _Reading) -> None:
        """Weigh down the words of the asker's role when a question of its own follows:
        "ik ben maatschappelijk werker, ..." is no question about the Sociaal Huis."""
        role = roles(query)
        content = reading.content
        if len([w for w in content if w not in role]) < self.weights.role_context:
            return
        for i, source in enumerate(reading.sources):
            if source < len(content) and content[source] in role:
                quiet = self.weights.role_weight
                reading.concepts[i] = {term: weight * quiet for term, weight in reading.concepts[i].items()}


# "ik ben (een) ...", "ik werk als (een) ...": the words that follow describe the asker.
_INTRODUCTIONS = (("ik", "ben"), ("ik", "werk", "als"))
_ARTICLES = frozenset({"een", "de", "het"})
_CLAUSE = re.compile(r"[.,;:!?()]")


def roles(query: str) -> frozenset[str]:
    """The words of the asker's introduction of themselves: "ik ben maatschappelijk werker"
    -> {"maatschappelijk", "werker"}. A role is a noun with its adjectives in front; "ik ben
    dakloos" or "ik ben gescheiden" is a situation, the subject itself, and no role."""
    found: set[str] = set()
    for clause in _CLAUSE.split(query):
        sequence = words(clause)
        for intro in _INTRODUCTIONS:
            for start in range(len(sequence) - len(intro)):
                if tuple(sequence[start : start + len(intro)]) != intro:
                    continue
                rest = sequence[start + len(intro) :]
                while rest and rest[0] in _ARTICLES:
                    rest.pop(0)
                found |= _role(rest[:3])
    return frozenset(found)


def _role(candidate: list[str]) -> set[str]:
    """The leading adjectives and the noun that closes them, or nothing."""
    for end, word in enumerate(candidate):
        if not is_content(word):
            return set()
        if is_noun(word):
            return set(candidate[: end + 1])
    return set()


def _names_a_subject(word: str) -> bool:
    # Short words are mostly inflected verbs the noun list also has ("las", "zat").
    return len(word) > 3 and is_noun(word)


def _read_as(word: str, reading: set[str]) -> bool:
    return word in reading
