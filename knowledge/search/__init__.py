"""Dutch search over the knowledge records, in three parts.

index.py     the records as index terms (BM25F fields, compound parts, names said whole)
query.py     reading a query: its words (through resolve.py), synonym groups (synonyms.py),
             record names, the asker's role, subjects outside the page
scoring.py   ranking the records and how sure the best one is (`confidence`)
weights.py   every weight of the three, in one SearchWeights

A result below the confidence threshold is `no_good_match`; when the query names a subject
the overlay lists as outside the page, the result names it (`outside`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from knowledge.curation import Curation, OutsideSubject
from knowledge.nl.words import words
from knowledge.records import Record
from knowledge.search.index import RecordIndex
from knowledge.search.query import QueryReader, QueryTerms, roles
from knowledge.search.resolve import Concept
from knowledge.search.scoring import Hit, Scorer, SearchResult
from knowledge.search.synonyms import Synonyms, merge_groups
from knowledge.search.weights import NO_MATCH_THRESHOLD, SearchWeights

__all__ = [
    "NO_MATCH_THRESHOLD",
    "Concept",
    "Hit",
    "QueryTerms",
    "SearchIndex",
    "SearchResult",
    "SearchWeights",
    "merge_groups",
    "roles",
]


class SearchIndex:
    def __init__(
        self,
        records: Sequence[Record],
        synonyms: Sequence[Sequence[str]] = (),
        organisations: Mapping[str, str] | None = None,
        outside: Sequence[OutsideSubject] = (),
        weights: SearchWeights | None = None,
    ) -> None:
        """`organisations` maps the overlay's organisation names ("OCMW Kortrijk") to the id
        of the record that describes them: a query that names one asks about that record."""
        self.weights = weights or SearchWeights()
        aliases: dict[str, list[str]] = defaultdict(list)
        for name, record_id in (organisations or {}).items():
            aliases[record_id].append(name)
        synonym_words = {w for group in synonyms for phrase in group for w in words(phrase)}
        self._index = RecordIndex(records, aliases, synonym_words, self.weights)
        self.records = self._index.records
        self.vocabulary = self._index.vocabulary
        self._reader = QueryReader(self._index, Synonyms(synonyms, self.weights.phrase_gap), outside, self.weights)
        self._scorer = Scorer(self._index)

    @classmethod
    def from_curation(
        cls, records: Sequence[Record], curation: Curation, weights: SearchWeights | None = None
    ) -> SearchIndex:
        """The index with everything the overlay gives the search."""
        return cls(
            records,
            synonyms=curation.synonyms,
            organisations=curation.organisations,
            outside=curation.outside,
            weights=weights,
        )

    def search(self, query: str, limit: int = 5) -> SearchResult:
        return self._scorer.result(query, self.analyse(query), limit)

    def analyse(self, query: str) -> QueryTerms:
        """Index terms of a query: direct, compound parts, typo corrections, synonyms."""
        return self._reader.analyse(query)

    def passage_terms(self, text: str) -> frozenset[str]:
        """The index terms a passage of a record says, read as the index reads a body."""
        return self._index.passage_terms(text)

    def relevance(self, terms: QueryTerms, text: str) -> float:
        """How much of what the query says a passage says too, synonyms included: each
        concept counts once, by its best term (used to pick the sentence that answers)."""
        said = self.passage_terms(text)
        return sum(max((w for t, w in concept.items() if t in said), default=0.0) for concept in terms.concepts)
