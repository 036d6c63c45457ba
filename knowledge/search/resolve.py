"""One query word -> the index terms it may mean.

Query words the records never use are rescued by compound splitting
("dakisolatiepremie"), typo correction ("conformitijtsattest"), separable verbs
("bijbouwen") and compounds written as two words ("snel herstel"). A word the records lack
but a Dutch dictionary knows is taken as written: a noun ("gedicht", "hotel") names another
subject and stays unknown instead of being "corrected" into a record word ("gericht"); a
verb or adjective ("aanpakken", "vroeger") names no subject.
"""

from __future__ import annotations

import itertools

from knowledge.nl.lemmas import is_dutch_word, is_noun, names_no_thing
from knowledge.nl.stem import separable_rest, stem
from knowledge.nl.stopwords import is_content, is_everyday
from knowledge.nl.vocabulary import Vocabulary
from knowledge.search.index import RecordIndex
from knowledge.search.synonyms import Synonyms

Concept = dict[str, float]  # index term -> query weight; a record scores its best term


class WordResolver:
    def __init__(self, index: RecordIndex, synonyms: Synonyms) -> None:
        self.index = index
        self.synonyms = synonyms
        self.weights = index.weights

    def resolve(self, word: str) -> list[Concept]:
        """The concepts a word the records may use stands for; [] when it is none of theirs."""
        postings = self.index.postings
        direct = stem(word)
        known = direct in postings
        if known and direct in self.index.documented:
            return [{direct: 1.0}]
        parts = [self._part_concept(stem(p)) for p in self.index.vocabulary.split(word)]
        if known and not (len(parts) > 1 and all(parts)):
            return [{direct: 1.0}]
        if direct in self.synonyms.stems:
            # A word the synonym list knows is read through its group, not through its parts
            # ("bouwregels" is a verordening, no "regel") and is no typo ("melden" is no "melder").
            return []
        if parts and all(parts):
            if known:
                # Said only in an example question: the compound's parts are what the
                # records are named by ("verwaarlozingslijst": the "lijst" of "verwaarloosde").
                parts[0] = {**parts[0], direct: 1.0}
            weight = self.weights.compound_weight if self.own_compound(word) else 1.0
            return [{term: weight * share for term, share in part.items()} for part in parts]
        rest = separable_rest(word)
        if rest and stem(rest) in postings:
            return [{stem(rest): self.weights.part_weight}]
        concept = {term: weight for term, weight in self._corrections(word).items() if term in postings}
        return [concept] if concept else []

    def _corrections(self, word: str) -> Concept:
        """The record words a word not theirs is a misspelling or a derived form of."""
        vocabulary, typo = self.index.vocabulary, self.weights.typo_weight
        # A real Dutch word the records do not use is unknown, not misspelt: "gedicht" is no
        # "gericht", "hotel" no "hoteL". Only a spelling variant of it (ei/ij, dt) still counts.
        real = is_dutch_word(word)
        corrected = {stem(w): 1.0 if d == 0 else typo for w, d in vocabulary.correct(word) if not (real and d)}
        # Nor is a real noun another form of a record word: an "elektricien" is no
        # "elektriciteit", a "studentenjob" no "studentenkamer".
        if not corrected and not (real and is_noun(word)):
            corrected = {stem(w): typo for w in vocabulary.related(word)}
        return corrected

    def says_nothing(self, word: str) -> bool:
        """An unresolved word that names no subject: a separable verb around a stop word
        ("meegaan": as empty as "gaan"), or a Dutch verb or adjective the records and the
        synonym list lack ("aanpakken", "vroeger")."""
        rest = separable_rest(word)
        if rest is not None and not is_content(rest):
            return True
        return stem(word) not in self.synonyms.stems and names_no_thing(word)

    def _part_concept(self, part: str) -> Concept:
        """A compound part the records use, or else the records' words for it from the
        synonym list: "taks" in "leegstandstaks" is a "heffing"."""
        if part in self.index.postings:
            return {part: 1.0}
        return {term: 1.0 for term in self.synonyms.readings.get(part, ()) if term in self.index.postings}

    def own_compound(self, word: str) -> bool:
        """A Dutch compound of its own that the records lack means more than its parts: a
        "jaarmarkt" is no market of the city, a "verhuiswagen" no removal help. Its parts
        count less, and the word itself is only half understood."""
        if stem(word) in self.index.postings or len(self.index.vocabulary.split(word)) < 2:
            return False
        return is_dutch_word(word)

    def partial(self, word: str) -> list[Concept]:
        """A compound of a known word and an unknown one names the known one, weakly:
        "vrijdagnamiddag" is about "vrijdag", "sedumdak" about a "dak". Half a word is
        not understood, so the word stays unknown for the confidence ("busabonnement")."""
        parts = [stem(p) for p in self.index.vocabulary.split(word, open_end=True)]
        known = {p: self.weights.part_weight for p in parts if p in self.index.postings}
        return [known] if known else []

    def joined(self, content: list[str]) -> dict[int, str]:
        """Index terms that two neighbouring query words make together: residents split the
        compounds the city writes as one word ("snel herstel", "groen dak")."""
        joined: dict[int, str] = {}
        for i, (first, second) in enumerate(itertools.pairwise(content)):
            # Not with everyday words: "ocmw kortrijk" is no "ocmwkortrijk" (an e-mail domain).
            if is_everyday(first) or is_everyday(second):
                continue
            for link in Vocabulary.LINKS:
                term = stem(first + link + second)
                if term in self.index.postings:
                    joined[i] = joined[i + 1] = term
                    break
        return joined
