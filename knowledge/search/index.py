"""The records as index terms: what each record says, in which field, how often, and how rare each term is.

Every record field is tokenised, stemmed and split into compound parts. A record's name
said whole (its title, a keyword of several words, an organisation of the overlay) is one
more term, marked with PHRASE_MARK. Records without any description are found through
their title, keywords and example questions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.nl.stem import derivation_base, stem
from knowledge.nl.stopwords import is_content, is_everyday
from knowledge.nl.vocabulary import Vocabulary
from knowledge.nl.words import hyphen_joins, words
from knowledge.records import Record, repeated_titles
from knowledge.search.weights import SearchWeights

# The curated fields list names and questions; a word they repeat ("svk-premie",
# "promotie svk", "subsidie svk") is one name said again, not more of the subject, so each
# term counts once per field there.
ONCE_FIELDS = frozenset({"keywords", "examples"})
# Index terms of whole names start with this; no word does.
PHRASE_MARK = "@"

Phrase = tuple[str, ...]


@dataclass
class _RecordTerms:
    frequency: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    said: set[str] = field(default_factory=set)  # outside the example questions
    names: set[str] = field(default_factory=set)  # of the title and keywords
    wholes: set[str] = field(default_factory=set)  # said as words, not only as compound parts


class RecordIndex:
    """Index terms of the records, with what BM25 and the confidence need to know of them."""

    def __init__(
        self,
        records: Sequence[Record],
        aliases: Mapping[str, Sequence[str]],
        synonym_words: Iterable[str],
        weights: SearchWeights,
    ) -> None:
        """`aliases` maps a record id to the organisation names that mean it; `synonym_words`
        are the words of the synonym list, which compound splitting may use as parts."""
        self.records = list(records)
        self.weights = weights
        fields = [{name: field_words(text) for name, text in _record_fields(r).items()} for r in self.records]
        surface = {w for record_fields in fields for ws in record_fields.values() for w in ws if is_content(w)}
        base = Vocabulary(surface | set(synonym_words))
        splits = {w: base.split(w, open_end=True) for w in surface}
        self.vocabulary = Vocabulary(base.words | {p for parts in splits.values() for p in parts})
        self._extra = {w: self.extra_terms(w, parts) for w, parts in splits.items()}

        self.phrases: dict[str, list[Phrase]] = defaultdict(list)  # first stem -> record names
        self.proper_names: set[str] = set()  # phrase terms of titles and organisations
        self.frequencies: list[dict[str, float]] = []
        self.lengths: list[float] = []
        self.names: list[frozenset[str]] = []  # terms of a record's title and keywords
        self.wholes: list[frozenset[str]] = []  # terms a record says as words, not only as compound parts
        self.said: list[frozenset[str]] = []  # terms outside the example questions
        found_in: dict[str, set[int]] = defaultdict(set)  # for idf: where a term is said, not inherited
        repeated = repeated_titles(self.records)
        for position, (record, record_fields) in enumerate(zip(self.records, fields, strict=True)):
            self._add(position, record, record_fields, aliases.get(record.id, ()), repeated, found_in)
        # Terms that some record says outside its example questions.
        self.documented = frozenset().union(*self.said)
        self.average_length = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, frequency in enumerate(self.frequencies):
            for term in frequency:
                self.postings[term].append(position)
        self.idf = self._rarity(found_in)
        self.prior = self._priors(fields)

    def _add(
        self,
        position: int,
        record: Record,
        record_fields: dict[str, list[str]],
        aliases: Sequence[str],
        repeated: frozenset[str],
        found_in: dict[str, set[int]],
    ) -> None:
        """The terms of one record: its words field by field, then its names said whole."""
        terms = _RecordTerms()
        self._add_words(position, record, record_fields, terms, found_in)
        self._add_names(position, record, aliases, repeated, terms, found_in)
        self.frequencies.append(terms.frequency)
        self.names.append(frozenset(terms.names))
        self.wholes.append(frozenset(terms.wholes))
        self.said.append(frozenset(terms.said))
        self.lengths.append(sum(terms.frequency.values()))

    def _add_words(
        self,
        position: int,
        record: Record,
        record_fields: dict[str, list[str]],
        terms: _RecordTerms,
        found_in: dict[str, set[int]],
    ) -> None:
        # A keyword of several words names the record only whole (see SearchWeights.phrase_weight):
        # "aanslagbiljet" alone is any tax bill, not the levy on vacancy.
        one_word_keywords = {ws[0] for k in record.keywords if len(ws := field_words(k)) == 1}
        for name, words_of_field in record_fields.items():
            weight = self.weights.fields[name]
            counted: dict[str, float] = {}
            for word in words_of_field:
                if not is_content(word):
                    continue
                terms.wholes.add(stem(word))
                for term, share in ((stem(word), 1.0), *self._extra[word]):
                    if name in ONCE_FIELDS:
                        share = max(0.0, share - counted.get(term, 0.0))
                        counted[term] = counted.get(term, 0.0) + share
                    terms.frequency[term] += weight * share
                    if name != "examples":
                        terms.said.add(term)
                    if name != "path":
                        found_in[term].add(position)
                    if name == "title" or (name == "keywords" and word in one_word_keywords):
                        terms.names.add(term)

    def _add_names(
        self,
        position: int,
        record: Record,
        aliases: Sequence[str],
        repeated: frozenset[str],
        terms: _RecordTerms,
        found_in: dict[str, set[int]],
    ) -> None:
        """The record's title, keywords of several words and organisation names, each as one term."""
        titles = [] if record.title.lower() in repeated else [record.title]
        organisation_names = [n for n in aliases if not _everyday_only(n)]
        for field_name, names_said, proper in (
            ("title", titles, True),
            ("keywords", record.keywords, False),
            ("keywords", organisation_names, True),
        ):
            for phrase in filter(None, map(_phrase, names_said)):
                term = phrase_term(phrase)
                if proper:
                    self.proper_names.add(term)
                if term not in terms.frequency:
                    terms.frequency[term] = self.weights.fields[field_name]
                    terms.names.add(term)
                    terms.wholes.add(term)
                    terms.said.add(term)
                    found_in[term].add(position)
                    if phrase not in self.phrases[phrase[0]]:
                        self.phrases[phrase[0]].append(phrase)

    def _rarity(self, found_in: dict[str, set[int]]) -> dict[str, float]:
        """The idf of each term. Section words ("verkrotting", "leningen") are in the path of
        every record of the section; counting those would make the word look common and weak."""
        count = len(self.records)
        return {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5))
            for term in self.postings
            for df in (max(1, len(found_in.get(term, ()))),)
        }

    def _priors(self, fields: list[dict[str, list[str]]]) -> list[float]:
        """How well a record can answer at all: one without description less, a heading that
        only groups others least ("ja" or "nee" under a heading describes nothing)."""
        paths = [tuple(r.path) for r in self.records]
        groups = {p[:i] for p in paths for i in range(1, len(p))}
        return [
            1.0
            if any(map(is_content, f["body"]))
            else self.weights.group_prior
            if path in groups
            else self.weights.empty_prior
            for f, path in zip(fields, paths, strict=True)
        ]

    def extra_terms(self, word: str, parts: list[str]) -> list[tuple[str, float]]:
        """Weaker index terms a word also stands for: its compound parts and its verb."""
        weight = self.weights.index_part_weight
        extra = [(stem(part), weight) for part in parts]
        # The verb behind the word or behind its last part: "onbewoonbaarverklaring" is also
        # "verklaren", so "onbewoonbaar verklaard" finds it.
        bases = {derivation_base(word), derivation_base(parts[-1]) if parts else None}
        for base in filter(None, bases):
            extra.append((base, weight))
        return extra

    def passage_terms(self, text: str) -> frozenset[str]:
        """The index terms a passage of a record says, read as the index reads a body."""
        terms: set[str] = set()
        for word in field_words(text):
            if is_content(word):
                terms.add(stem(word))
                terms.update(term for term, _ in self.extra_terms(word, self.vocabulary.split(word, open_end=True)))
        return frozenset(terms)


def phrase_term(phrase: Phrase) -> str:
    return PHRASE_MARK + " ".join(phrase)


def field_words(text: str) -> list[str]:
    return words(text) + hyphen_joins(text)


def _everyday_only(name: str) -> bool:
    # "Dienst Wonen" is every question about housing, not a name to find its record by.
    return all(is_everyday(w) for w in words(name) if is_content(w))


def _phrase(name: str) -> Phrase | None:
    stems = tuple(stem(w) for w in words(name) if is_content(w))
    return stems if len(stems) > 1 else None


def _record_fields(record: Record) -> dict[str, str]:
    path = record.path[:-1] if record.path and record.path[-1] == record.title else record.path
    return {
        "title": record.title,
        "path": " ".join(path),
        "body": record.body,
        "keywords": " ".join(record.keywords),
        "examples": " ".join(record.examples),
    }
