"""Ranking the records for a query (BM25F over the index terms) and how sure the best one is.

The confidence is the rarity of the query words the best record contains (full for words
that name it, less for words of its description), scaled by the share of the query the
records recognise at all. Below SearchWeights.no_match_threshold the result is
`no_good_match`, so that "hoe laat sluit de Colruyt" is not answered with whatever record
happens to contain "sluit".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from knowledge.records import Record
from knowledge.search.index import RecordIndex
from knowledge.search.query import QueryTerms


@dataclass
class Hit:
    record: Record
    score: float


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    no_good_match: bool
    # The query's content words that nothing in the records matched ("colruyt").
    unknown: tuple[str, ...] = ()
    # The subjects outside the page the query names ("Notariskosten bij aankoop").
    outside: tuple[str, ...] = ()
    # No word of the query is one anything knows ("sdfgh"): see QueryTerms.unreadable.
    unreadable: bool = False
    # The evidence for the best hit (the summed rarity of the query words it contains),
    # scaled by the share of the query that was recognised; compared with the threshold.
    confidence: float = 0.0

    @property
    def off_page(self) -> bool:
        """The query names a subject the page does not cover, and no record answers it."""
        return self.no_good_match and bool(self.outside)


class Scorer:
    def __init__(self, index: RecordIndex) -> None:
        self.index = index
        self.weights = index.weights
        self._scores: dict[str, dict[int, float]] = {}

    def result(self, query: str, terms: QueryTerms, limit: int) -> SearchResult:
        ranked = sorted(self._scores_of(terms).items(), key=lambda item: (-item[1], item[0]))[:limit]
        hits = [Hit(self.index.records[position], round(score, 4)) for position, score in ranked]
        sure = self._evidence(ranked[0][0], terms) * terms.understood if hits else 0.0
        return SearchResult(
            query=query,
            hits=hits,
            no_good_match=sure < self.weights.no_match_threshold,
            unknown=terms.unknown,
            outside=tuple(dict.fromkeys(terms.outside.values())),
            unreadable=terms.unreadable,
            confidence=sure,
        )

    def _scores_of(self, terms: QueryTerms) -> dict[int, float]:
        """Each record's score: every concept counts once, through its best term."""
        scores: dict[int, float] = defaultdict(float)
        for concept in terms.concepts:
            best: dict[int, float] = {}
            for term, query_weight in concept.items():
                for position, value in self._term_scores(term).items():
                    best[position] = max(best.get(position, 0.0), query_weight * value)
            for position, value in best.items():
                scores[position] += value
        for position in scores:
            scores[position] *= self.index.prior[position]
        return scores

    def _term_scores(self, term: str) -> dict[int, float]:
        """BM25 contribution of `term` to each record that has it (memoised: the vocabulary is finite)."""
        if term not in self._scores:
            index, weights = self.index, self.weights
            idf = index.idf[term]
            out = {}
            for position in index.postings[term]:
                tf = index.frequencies[position][term]
                relative = min(weights.length_cap, index.lengths[position] / index.average_length)
                norm = 1 - weights.bm25_b + weights.bm25_b * relative
                out[position] = idf * tf * (weights.bm25_k1 + 1) / (tf + weights.bm25_k1 * norm)
            self._scores[term] = out
        return self._scores[term]

    def _evidence(self, position: int, terms: QueryTerms) -> float:
        """How much of what the query says this record says too: the rarity (idf) of each
        query concept the record contains, summed. Unlike the BM25 score it does not shrink
        for long records, so one rare name ("zonnewijzer") in a long list still counts fully.
        A word that is only in the record's description counts less than one that names
        the record (title, keywords): "sluit" in "de stad sluit zich aan bij ..." does not
        make "hoe laat sluit de Colruyt" a question about Herstelvordering. A neutral word
        ("morgen", "slapen") is evidence only when it names the record (Nachtopvang: "slapen")."""
        index, weights = self.index, self.weights
        frequency = index.frequencies[position]
        names = index.names[position]
        wholes = index.wholes[position]
        said = index.said[position]
        per_source: dict[int, list[float]] = defaultdict(list)
        for source, concept in zip(terms.sources, terms.concepts, strict=True):
            body = 0.0 if source in terms.neutral else weights.body_evidence
            found = [
                index.idf[term]
                * (1.0 if term in index.proper_names else self._recognition(weight))
                * (1.0 if term in names else body)
                * (1.0 if term in wholes else weights.part_evidence)
                * (1.0 if term in said else weights.example_evidence)
                for term, weight in concept.items()
                if term in frequency
            ]
            per_source[source].append(max(found, default=0.0))
        return sum(max(values) for values in per_source.values())

    def _recognition(self, weight: float) -> float:
        """How much a matched term proves the query was understood: a typo or synonym match
        counts fully, an everyday word ("huis") only partly."""
        return min(1.0, weight / self.weights.synonym_weight)
