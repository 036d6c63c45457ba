"""Every number the search weighs with, in one place, so that `python -m knowledge.evaluate
--weight NAME=VALUE` can try another value without editing code. How today's values were
found is told in the README ("Measuring quality")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchWeights:
    # How much a word counts in each field of a record: a title match says more than a
    # body match, a word of the section path above the record least.
    title_weight: float = 3.0
    keywords_weight: float = 2.5
    examples_weight: float = 0.7
    body_weight: float = 1.0
    path_weight: float = 0.5

    # Ranking (BM25). Length normalisation is mild and capped: long records (Sociaal Huis,
    # dienstencentra) are long because they are rich, and one rare name in them ("t
    # Cirkant") must still count.
    bm25_k1: float = 1.2
    bm25_b: float = 0.4
    length_cap: float = 3.0

    # The query side of words that are not what the user typed, as a share of the word itself.
    # A compound part or a separable verb's rest ("premie" in "aankooppremie").
    part_weight: float = 0.5
    # A typo correction or a derived form ("conformitijtsattest").
    typo_weight: float = 0.8
    # The parts of a Dutch compound of its own that the records lack ("jaarmarkt").
    compound_weight: float = 0.3
    # A synonym next to a word the records use; for a word they lack it is the reading and counts fully.
    synonym_weight: float = 0.6
    # Words in nearly every housing question ("huis", "adres"): they point at no record in particular.
    everyday_weight: float = 0.4
    # Words that name no subject ("eerste", "ouders"): they only nudge the ranking.
    neutral_weight: float = 0.6
    # A word of a synonym phrase the query contains, on its own ("straat" in "op straat gezet").
    phrase_word_weight: float = 0.3
    # The asker's own role ("ik ben maatschappelijk werker") next to a question of its own:
    # it says who asks, not what about.
    role_weight: float = 0.15
    # How many other content words make a role a mere introduction.
    role_context: int = 2
    # A record's name said whole (its title, a keyword of several words, an organisation of the overlay).
    phrase_weight: float = 0.3
    # How many other words may stand between the words of a synonym phrase or a name
    # ("huur niet kunnen betalen" is "huur niet betalen").
    phrase_gap: int = 1

    # The index side: a record's compound parts and the verb behind its nouns, which the city wrote.
    index_part_weight: float = 0.7
    # A record without any description answers less than one with text on the same subject.
    empty_prior: float = 0.8
    # A heading without text over other records only groups them: the records under it answer better.
    group_prior: float = 0.5

    # Confidence: how surely the best record answers, compared with no_match_threshold.
    no_match_threshold: float = 3.0
    # Evidence of a word that is only in the record's description, not in a name of it.
    body_evidence: float = 0.75
    # Evidence of a word only the example questions have: their everyday phrasing ("betalen", "kost").
    example_evidence: float = 0.3
    # Evidence of a word the record has only inside a compound ("politie" in "politieverordening").
    part_evidence: float = 0.5
    # How much a query word the records lack weighs against the share understood: a word of a
    # subject the overlay lists as outside the page, an unknown noun (a subject of its own),
    # and a Dutch compound read only through its parts (1.0 is an unknown word of another kind).
    outside_weight: float = 3.0
    unknown_noun: float = 1.5
    half_known: float = 0.5
    # The start or end of a compound names an outside subject only when it is this long:
    # "notaris|kosten", "brand|verzekering", not "epc" inside another word.
    outside_part: int = 5

    @property
    def fields(self) -> dict[str, float]:
        return {
            "title": self.title_weight,
            "keywords": self.keywords_weight,
            "examples": self.examples_weight,
            "body": self.body_weight,
            "path": self.path_weight,
        }


NO_MATCH_THRESHOLD = SearchWeights().no_match_threshold
