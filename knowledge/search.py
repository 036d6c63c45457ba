"""Dutch search over the knowledge records.

BM25F-style ranking: every record field is tokenised, stemmed and split into compound
parts; field weights make a title match count more than a body match. Query words the
records never use are rescued by compound splitting ("dakisolatiepremie"), typo
correction ("conformitijtsattest"), separable verbs ("bijbouwen"), compounds written as
two words ("snel herstel") and the curated synonym groups ("regenwaterput" ->
"hemelwaterput", "loyer" -> "huur"); groups that share a word are one group. A record's
name said whole (its title, a keyword of several words, an organisation of the overlay)
counts once more, as a name. Records without any description are found through their
title, keywords and example questions.

A word the records lack but a Dutch dictionary knows (the lemma list of
spacy-lookups-data) is taken as written: a noun ("gedicht", "hotel") names another
subject and stays unknown instead of being "corrected" into a record word ("gericht"); a
verb or adjective ("aanpakken", "vroeger") names no subject and is neutral. The asker's
introduction of themselves ("ik ben maatschappelijk werker") counts little.

Each result also says how sure it is (`confidence`): the rarity of the query words the
best record contains (full for words that name it, less for words of its description),
scaled by the share of the query the records recognise at all.
Below NO_MATCH_THRESHOLD the result is `no_good_match`, so that "hoe laat sluit de
Colruyt" is not answered with whatever record happens to contain "sluit". A word of a
subject the overlay lists as outside the page ("notariskosten", "epc") counts as unknown
whatever record shares a part of it, and the result names that subject (`outside`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.curation import Curation, OutsideSubject
from knowledge.nl.language import detect_language
from knowledge.nl.phrases import contains, phrase_at
from knowledge.nl.lemmas import is_dutch_word, is_noun, names_no_thing
from knowledge.nl.stem import derivation_base, separable_rest, stem
from knowledge.nl.stopwords import is_content, is_everyday, is_neutral
from knowledge.nl.vocabulary import Vocabulary
from knowledge.nl.words import hyphen_joins, words
from knowledge.records import Record, repeated_titles

FIELD_WEIGHTS: dict[str, float] = {"title": 3.0, "keywords": 2.5, "examples": 0.7, "body": 1.0, "path": 0.5}
# A compound part is weaker evidence than the word itself: "premie" in "aankooppremie".
# This is the query side (a separable verb's rest, the known half of a compound).
PART_WEIGHT = 0.5
# In the index, the parts of a record's compounds and the verb behind its nouns count
# more: the city wrote them ("woningaanpassing" is about "aanpassing").
INDEX_PART_WEIGHT = 0.7
# Query-side weights of words that are not what the user typed.
TYPO_WEIGHT = 0.8
# The parts of a Dutch compound of its own that the records lack ("jaarmarkt"); such a
# word counts as HALF_KNOWN unknown for the confidence.
COMPOUND_WEIGHT = 0.3
HALF_KNOWN = 0.5
# An unknown noun names a subject of its own ("containerpark", "identiteitskaart"): it
# makes the query less understood than an unknown word of another kind.
UNKNOWN_NOUN = 1.5
# A word of a subject the overlay lists as outside the page ("notariskosten", "epc") names
# that subject: the query is about it more surely than about any unknown noun.
OUTSIDE_WEIGHT = 3.0
# The start or end of a compound names an outside subject only when it is this long:
# "notaris|kosten", "brand|verzekering", not "epc" inside another word.
OUTSIDE_PART = 5
SYNONYM_WEIGHT = 0.6
EVERYDAY_WEIGHT = 0.4
# Neutral words ("eerste", "ouders") name no subject: they only nudge the ranking.
NEUTRAL_WEIGHT = 0.6
# A word that is part of a synonym phrase the query contains counts only this much on
# its own ("straat" in "op straat gezet").
PHRASE_WORD_WEIGHT = 0.3
# The asker's own role ("ik ben maatschappelijk werker", "ik werk als hulpverlener") says
# who asks, not what about: next to a question of its own it counts this much.
ROLE_WEIGHT = 0.15
# A role needs a question of its own beside it to be read as a mere introduction.
ROLE_CONTEXT = 2
# A record without any description answers less than one with text on the same subject
# ("Advisering door lokale woonraad" vs "Lokale woonraad"), but stays findable.
EMPTY_PRIOR = 0.8
# A heading without text over other records ("4.C.3 Kamers" over "4.C.3.1 Kamers") only
# groups them: the records under it answer better.
GROUP_PRIOR = 0.5
BM25_K1 = 1.2
# Mild length normalisation: long records (Sociaal Huis, dienstencentra) are long
# because they are rich, not because they are off-topic.
BM25_B = 0.4
# ... and capped: the dienstencentra record is seven times the average length, which would
# bury the one rare name ("t Cirkant") that the asker typed.
LENGTH_CAP = 3.0

# Below this confidence a search reports `no_good_match`. Chosen on the dev sets
# (retrieval_dev*.yml) with `python -m knowledge.evaluate`, which suggests the cut that
# keeps the worse of the two targets highest (top-1 and the share of off-topic
# questions turned away), in the middle of its range. Most off-topic questions match one
# word of a record's description with half the question unknown (4.84 x 0.75 x 0.5 = 1.82)
# or one title word (2.42); the on-topic ones that still fall below are either all
# everyday words ("we wonen met 7 in een klein appartement") or English without a known
# content word. The confidence scales with the plain share of understood words, not its
# square: the squared share turned away on-topic stories with a few everyday words the
# records lack and, with description matches counting less, separated the dev sets no
# better.
NO_MATCH_THRESHOLD = 3.0
BODY_EVIDENCE = 0.75
# A word only the example questions have is their everyday phrasing ("betalen", "kost"),
# weak evidence of what the record is about: "moet ik belasting betalen op mijn hond".
EXAMPLE_EVIDENCE = 0.3
# The curated fields list names and questions; a word they repeat ("svk-premie",
# "promotie svk", "subsidie svk") is one name said again, not more of the subject, so each
# term counts once per field there.
ONCE_FIELDS = frozenset({"keywords", "examples"})
# A query that says a record's name as a whole ("sociaal huis", "taks leegstaand pand",
# "ocmw kortrijk": its title, a curated keyword of two or more words, or an organisation
# the overlay maps to it) means that record more than its words one by one do: "sociaal"
# and "huis" are each in dozens of records.
PHRASE_WEIGHT = 0.3
# ... and as evidence for the confidence a proper name said whole (a title, an
# organisation) counts fully: "waar is het sociaal huis" names its record, though "sociaal"
# and "huis" are everywhere. A keyword phrase describes ("huis kopen") and counts as
# its weight says: "een appartement kopen in spanje" is no question about the Aankooppremie.
# Index terms of whole names start with PHRASE_MARK; no word does.
PHRASE_MARK = "@"
# A word the record has only inside a compound is weaker evidence: "politie" in
# "politieverordening" does not make "verloren voorwerpen politie" a question about it.
PART_EVIDENCE = 0.5


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
    # The evidence for the best hit (the summed rarity of the query words it contains),
    # scaled by the share of the query that was recognised; compared with NO_MATCH_THRESHOLD.
    confidence: float = 0.0

    @property
    def off_page(self) -> bool:
        """The query names a subject the page does not cover, and no record answers it."""
        return self.no_good_match and bool(self.outside)


Concept = dict[str, float]  # index term -> query weight; a record scores its best term


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
    # Words read only through their compound parts (see SearchIndex._own_compound).
    half_known: int = 0
    # Whether the query is Dutch: only then does the Dutch noun list say what an unknown
    # word is ("court" and "risk" are Dutch loanwords, not subjects of an English question).
    dutch: bool = True
    # Content words that name a subject outside the page (see OUTSIDE_WEIGHT) -> its label.
    outside: Mapping[str, str] = field(default_factory=dict)

    @property
    def understood(self) -> float:
        """Share of the query's content words that the records (or a synonym) recognise.
        A query of neutral words only ("waar kan ik vannacht slapen") has nothing unknown."""
        if not self.content_words:
            return 1.0 if self.concepts else 0.0
        missing = sum(
            OUTSIDE_WEIGHT if w in self.outside else UNKNOWN_NOUN if self.dutch and _names_a_subject(w) else 1.0
            for w in self.unknown
        )
        missing += HALF_KNOWN * self.half_known
        return max(0.0, 1 - missing / self.content_words)


class SearchIndex:
    def __init__(
        self,
        records: Sequence[Record],
        synonyms: Sequence[Sequence[str]] = (),
        organisations: Mapping[str, str] | None = None,
        outside: Sequence[OutsideSubject] = (),
    ) -> None:
        """`organisations` maps the overlay's organisation names ("OCMW Kortrijk") to the id
        of the record that describes them: a query that names one asks about that record."""
        self.records = list(records)
        aliases: dict[str, list[str]] = defaultdict(list)
        for name, record_id in (organisations or {}).items():
            aliases[record_id].append(name)
        self.synonyms = [tuple(group) for group in synonyms]
        outside_terms = [
            (phrase, subject.label)
            for subject in outside
            for term in subject.terms
            if (phrase := tuple(w for w in words(term) if is_content(w)))
        ]
        self._outside_words = {stem(p[0]): label for p, label in outside_terms if len(p) == 1}
        self._outside_parts = {p[0]: label for p, label in outside_terms if len(p) == 1 and len(p[0]) >= OUTSIDE_PART}
        self._outside_phrases = [(tuple(map(stem, p)), label) for p, label in outside_terms if len(p) > 1]
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
        self._synonyms = [_SynonymGroup.of(group, self._key) for group in merged]
        self._synonym_stems = frozenset(w for group in self._synonyms for w in group.words)
        # One-word members -> the terms of their group, for compound parts ("leegstands|taks").
        self._readings: dict[str, frozenset[str]] = defaultdict(frozenset)
        for group in self._synonyms:
            for term in group.terms:
                self._readings[term] |= group.terms
        fields = [{name: _field_words(text) for name, text in _record_fields(r).items()} for r in self.records]
        surface = {w for record_fields in fields for ws in record_fields.values() for w in ws if is_content(w)}
        synonym_words = {w for group in synonyms for phrase in group for w in words(phrase)}
        base = Vocabulary(surface | synonym_words)
        splits = {w: base.split(w, open_end=True) for w in surface}
        self.vocabulary = Vocabulary(base.words | {p for parts in splits.values() for p in parts})
        extra = {w: _extra_terms(w, parts) for w, parts in splits.items()}

        repeated = repeated_titles(self.records)
        self._phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # first stem -> phrases
        self._proper_names: set[str] = set()  # phrase terms of titles and organisations
        self._frequencies: list[Counter[str]] = []
        self._lengths: list[float] = []
        found_in: dict[str, set[int]] = defaultdict(set)  # for idf: where a term is said, not inherited
        self._names: list[frozenset[str]] = []  # terms of a record's title and keywords
        self._wholes: list[frozenset[str]] = []  # terms a record says as words, not only as compound parts
        self._said: list[frozenset[str]] = []  # terms outside the example questions
        for position, (record, record_fields) in enumerate(zip(self.records, fields, strict=True)):
            frequency: Counter[str] = Counter()
            said_terms: set[str] = set()
            name_terms: set[str] = set()
            whole_terms: set[str] = set()
            # A keyword of several words names the record only whole (see PHRASE_WEIGHT):
            # "aanslagbiljet" alone is any tax bill, not the levy on vacancy.
            one_word_keywords = {ws[0] for k in record.keywords if len(ws := _field_words(k)) == 1}
            for name, field_words in record_fields.items():
                weight = FIELD_WEIGHTS[name]
                counted: dict[str, float] = {}
                for word in field_words:
                    if not is_content(word):
                        continue
                    whole_terms.add(stem(word))
                    for term, share in ((stem(word), 1.0), *extra[word]):
                        if name in ONCE_FIELDS:
                            share = max(0.0, share - counted.get(term, 0.0))
                            counted[term] = counted.get(term, 0.0) + share
                        frequency[term] += weight * share
                        if name != "examples":
                            said_terms.add(term)
                        if name != "path":
                            found_in[term].add(position)
                        if name == "title" or (name == "keywords" and word in one_word_keywords):
                            name_terms.add(term)
            titles = [] if record.title.lower() in repeated else [record.title]
            organisation_names = [n for n in aliases.get(record.id, ()) if not _everyday_only(n)]
            for field, names, proper in (
                ("title", titles, True),
                ("keywords", record.keywords, False),
                ("keywords", organisation_names, True),
            ):
                for phrase in filter(None, map(_phrase, names)):
                    term = _phrase_term(phrase)
                    if proper:
                        self._proper_names.add(term)
                    if term not in frequency:
                        frequency[term] = FIELD_WEIGHTS[field]
                        name_terms.add(term)
                        whole_terms.add(term)
                        found_in[term].add(position)
                        said_terms.add(term)
                        if phrase not in self._phrases[phrase[0]]:
                            self._phrases[phrase[0]].append(phrase)
            self._frequencies.append(frequency)
            self._names.append(frozenset(name_terms))
            self._wholes.append(frozenset(whole_terms))
            self._said.append(frozenset(said_terms))
            self._lengths.append(sum(frequency.values()))
        # Terms that some record says outside its example questions.
        self._documented = frozenset().union(*self._said)
        self._average_length = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        self._postings: dict[str, list[int]] = defaultdict(list)
        for position, frequency in enumerate(self._frequencies):
            for term in frequency:
                self._postings[term].append(position)
        count = len(self.records)
        # Section words ("verkrotting", "leningen") are in the path of every record of the
        # section; counting those would make the word look common and weak.
        self._idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5))
            for term in self._postings
            for df in (max(1, len(found_in.get(term, ()))),)
        }
        # "ja" or "nee" under a heading answers whether the city uses it; it describes nothing.
        paths = [tuple(r.path) for r in self.records]
        groups = {p[:i] for p in paths for i in range(1, len(p))}
        self._prior = [
            1.0 if any(map(is_content, f["body"])) else GROUP_PRIOR if path in groups else EMPTY_PRIOR
            for f, path in zip(fields, paths, strict=True)
        ]
        self._scores: dict[str, dict[int, float]] = {}

    @classmethod
    def from_curation(cls, records: Sequence[Record], curation: Curation) -> SearchIndex:
        """The index with everything the overlay gives the search."""
        return cls(records, synonyms=curation.synonyms, organisations=curation.organisations,
                   outside=curation.outside)

    def passage_terms(self, text: str) -> frozenset[str]:
        """The index terms a passage of a record says, read as the index reads a body."""
        terms: set[str] = set()
        for word in _field_words(text):
            if is_content(word):
                terms.add(stem(word))
                terms.update(term for term, _ in _extra_terms(word, self.vocabulary.split(word, open_end=True)))
        return frozenset(terms)

    def relevance(self, terms: QueryTerms, text: str) -> float:
        """How much of what the query says a passage says too, synonyms included: each
        concept counts once, by its best term (used to pick the sentence that answers)."""
        said = self.passage_terms(text)
        return sum(max((w for t, w in concept.items() if t in said), default=0.0) for concept in terms.concepts)

    def search(self, query: str, limit: int = 5) -> SearchResult:
        terms = self.analyse(query)
        scores: dict[int, float] = defaultdict(float)
        for concept in terms.concepts:
            best: dict[int, float] = {}
            for term, query_weight in concept.items():
                for position, value in self._term_scores(term).items():
                    best[position] = max(best.get(position, 0.0), query_weight * value)
            for position, value in best.items():
                scores[position] += value
        for position in scores:
            scores[position] *= self._prior[position]
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        hits = [Hit(self.records[position], round(score, 4)) for position, score in ranked]
        sure = self._evidence(ranked[0][0], terms) * terms.understood if hits else 0.0
        return SearchResult(
            query=query, hits=hits, no_good_match=sure < NO_MATCH_THRESHOLD, unknown=terms.unknown,
            outside=tuple(dict.fromkeys(terms.outside.values())), confidence=sure,
        )

    def _evidence(self, position: int, terms: QueryTerms) -> float:
        """How much of what the query says this record says too: the rarity (idf) of each
        query concept the record contains, summed. Unlike the BM25 score it does not shrink
        for long records, so one rare name ("zonnewijzer") in a long list still counts fully.
        A word that is only in the record's description counts less than one that names
        the record (title, keywords): "sluit" in "de stad sluit zich aan bij ..." does not
        make "hoe laat sluit de Colruyt" a question about Herstelvordering. A neutral word
        ("morgen", "slapen") is evidence only when it names the record (Nachtopvang: "slapen")."""
        frequency = self._frequencies[position]
        names = self._names[position]
        wholes = self._wholes[position]
        said = self._said[position]
        per_source: dict[int, list[float]] = defaultdict(list)
        for source, concept in zip(terms.sources, terms.concepts, strict=True):
            body = 0.0 if source in terms.neutral else BODY_EVIDENCE
            found = [
                self._idf[term]
                * (1.0 if term in self._proper_names else _recognition(weight))
                * (1.0 if term in names else body)
                * (1.0 if term in wholes else PART_EVIDENCE)
                * (1.0 if term in said else EXAMPLE_EVIDENCE)
                for term, weight in concept.items()
                if term in frequency
            ]
            per_source[source].append(max(found, default=0.0))
        return sum(max(values) for values in per_source.values())

    def _term_scores(self, term: str) -> dict[int, float]:
        """BM25 contribution of `term` to each record that has it (memoised: the vocabulary is finite)."""
        if term not in self._scores:
            idf = self._idf[term]
            out = {}
            for position in self._postings[term]:
                tf = self._frequencies[position][term]
                relative = min(LENGTH_CAP, self._lengths[position] / self._average_length)
                norm = 1 - BM25_B + BM25_B * relative
                out[position] = idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm)
            self._scores[term] = out
        return self._scores[term]

    def analyse(self, query: str) -> QueryTerms:
        """Index terms of a query: direct, compound parts, typo corrections, synonyms."""
        sequence = words(query)
        content = [w for w in sequence if is_content(w)]
        concepts: list[Concept] = []
        sources: list[int] = []
        owner: dict[str, int] = {}  # stem -> the concept it belongs to, for synonym merging
        unresolved: list[str] = []
        halves = 0  # Dutch compounds read through their parts
        ignored = 0  # neutral words: neither understood nor not
        neutral: set[int] = set()
        joined = self._joined(content)
        outside = self._outside_subjects(content)
        for source, word in enumerate(content):
            if source in outside:
                unresolved.append(word)
                continue
            resolved = [
                {term: weight * (EVERYDAY_WEIGHT if is_everyday(term) else 1.0) for term, weight in concept.items()}
                for concept in self._resolve(word)
            ]
            if source in joined:
                resolved = [{**concept, joined[source]: 1.0} for concept in resolved or [{}]]
            # A word of the synonym list is read through its group, not through its parts.
            partial = [] if resolved or stem(word) in self._synonym_stems else self._partial(word)
            if is_neutral(word) or (not resolved and self._says_nothing(word)):
                ignored += 1
                neutral.add(source)
                resolved = [{term: weight * NEUTRAL_WEIGHT for term, weight in c.items()} for c in resolved]
            elif not resolved:
                unresolved.append(word)
            elif self._own_compound(word):
                halves += 1
            resolved = resolved or partial
            for concept in resolved or [{}]:
                concepts.append(concept)
                sources.append(source)
                for term in (stem(word), *concept):
                    owner.setdefault(term, len(concepts) - 1)
        recognised: set[str] = set()
        consumed: set[str] = set()  # the other words of a synonym phrase the query contains
        triggers: set[int] = set()  # concepts that carry a synonym group
        primary = [self._key(stem(w)) for w in sequence]
        for group, (trigger, phrase) in self._triggered(primary, owner):
            by_phrase = len(phrase) > 1
            recognised |= group.words
            if by_phrase:
                consumed |= set(phrase[1:]) - {trigger}
            if trigger not in owner:
                concepts.append({})
                sources.append(len(content) + len(concepts))
                owner[trigger] = len(concepts) - 1
            concept = concepts[owner[trigger]]
            triggers.add(owner[trigger])
            # Next to a word the records use, a synonym is a second reading; for a word they
            # do not use ("rusthuis"), or a whole phrase ("zet mij buiten"), it is the reading.
            weight = SYNONYM_WEIGHT if concept and not by_phrase else 1.0
            for term in group.terms:
                term_weight = weight * (EVERYDAY_WEIGHT if is_everyday(term) else 1.0)
                if term in self._postings and concept.get(term, 0.0) < term_weight:
                    concept[term] = term_weight
        # Inside a recognised phrase a word is no reading of its own: "straat" in "op straat
        # zetten" is not the Wandelingstraat.
        for i, source in enumerate(sources):
            if source < len(content) and self._key(stem(content[source])) in consumed and i not in triggers:
                concepts[i] = {term: weight * PHRASE_WORD_WEIGHT for term, weight in concepts[i].items()}
        # A name counts as a reading of its first word: for the confidence it replaces
        # that word's weaker evidence instead of adding to it, and the asker's role
        # ("maatschappelijk werker") is quieted as a name too.
        for start, phrase in self._named(content, concepts, sources):
            concepts.append({_phrase_term(phrase): PHRASE_WEIGHT})
            sources.append(start)
        self._quiet_role(query, content, concepts, sources)
        unknown = tuple(w for w in unresolved if stem(w) not in recognised)
        kept = [i for i, concept in enumerate(concepts) if concept]
        return QueryTerms(
            concepts=tuple(concepts[i] for i in kept),
            unknown=unknown,
            content_words=len(content) - ignored,
            sources=tuple(sources[i] for i in kept),
            neutral=frozenset(neutral),
            half_known=halves,
            dutch=detect_language(query) == "nl",
            outside={content[i]: label for i, label in outside.items()},
        )

    def _outside_subjects(self, content: list[str]) -> dict[int, str]:
        """The query words that name a subject outside the page (position -> its label):
        a term said whole, or a compound that starts or ends with it ("notariskosten")."""
        found: dict[int, str] = {}
        for i, word in enumerate(content):
            heads = (word[:n] for n in range(OUTSIDE_PART, len(word)))
            tails = (word[n:] for n in range(1, len(word) - OUTSIDE_PART + 1))
            label = self._outside_words.get(stem(word)) or next(
                (self._outside_parts[p] for p in (*heads, *tails) if p in self._outside_parts), None
            )
            if label:
                found[i] = label
        readings = [{stem(w)} for w in content]
        for phrase, label in self._outside_phrases:
            for start, reading in enumerate(readings):
                if phrase[0] in reading and (positions := phrase_at(readings, start, phrase, _read_as, PHRASE_GAP)):
                    found.update(dict.fromkeys(positions, label))
        return found

    def _named(
        self, content: list[str], concepts: list[Concept], sources: list[int]
    ) -> list[tuple[int, tuple[str, ...]]]:
        """The record names (see PHRASE_WEIGHT) the query says, read through each word's
        corrections and synonyms ("socaal huus" is "sociaal huis")."""
        readings: list[set[str]] = [{stem(w)} for w in content]
        for source, concept in zip(sources, concepts, strict=True):
            if source < len(content):
                readings[source] |= set(concept)
        found: dict[tuple[str, ...], int] = {}
        for start, reading in enumerate(readings):
            for first in reading:
                for phrase in self._phrases.get(first, ()):
                    if phrase not in found and phrase_at(readings, start, phrase, _read_as, PHRASE_GAP):
                        found[phrase] = start
        return [(start, phrase) for phrase, start in found.items()]

    @staticmethod
    def _quiet_role(query: str, content: list[str], concepts: list[Concept], sources: list[int]) -> None:
        """Weigh down the words of the asker's role when a question of its own follows:
        "ik ben maatschappelijk werker, ..." is no question about the Sociaal Huis."""
        role = roles(query)
        if len([w for w in content if w not in role]) < ROLE_CONTEXT:
            return
        for i, source in enumerate(sources):
            if source < len(content) and content[source] in role:
                concepts[i] = {term: weight * ROLE_WEIGHT for term, weight in concepts[i].items()}

    def _triggered(
        self, primary: list[str], owner: dict[str, int]
    ) -> list[tuple[_SynonymGroup, tuple[str, tuple[str, ...]]]]:
        """The synonym groups the query brings in, with the member that did; a phrase inside
        a longer one that also matched ("op straat" in "op straat zetten") does not count."""
        found = [(group, hit) for group in self._synonyms if (hit := group.trigger(primary, owner)) is not None]
        phrases = [hit[1] for _, hit in found if len(hit[1]) > 1]
        return [
            (group, hit)
            for group, hit in found
            if len(hit[1]) == 1 or not any(len(p) > len(hit[1]) and contains(p, hit[1], PHRASE_GAP) for p in phrases)
        ]

    def _key(self, stem_: str) -> str:
        return self._keys.get(stem_, stem_)

    def _says_nothing(self, word: str) -> bool:
        """An unresolved word that names no subject: a separable verb around a stop word
        ("meegaan": as empty as "gaan"), or a Dutch verb or adjective the records and the
        synonym list lack ("aanpakken", "vroeger")."""
        rest = separable_rest(word)
        if rest is not None and not is_content(rest):
            return True
        return stem(word) not in self._synonym_stems and names_no_thing(word)

    def _part_concept(self, part: str) -> Concept:
        """A compound part the records use, or else the records' words for it from the
        synonym list: "taks" in "leegstandstaks" is a "heffing"."""
        if part in self._postings:
            return {part: 1.0}
        return {term: 1.0 for term in self._readings.get(part, ()) if term in self._postings}

    def _own_compound(self, word: str) -> bool:
        """A Dutch compound of its own that the records lack means more than its parts: a
        "jaarmarkt" is no market of the city, a "verhuiswagen" no removal help. Its parts
        count less, and the word itself is only half understood."""
        if stem(word) in self._postings or len(self.vocabulary.split(word)) < 2:
            return False
        return is_dutch_word(word)

    def _partial(self, word: str) -> list[Concept]:
        """A compound of a known word and an unknown one names the known one, weakly:
        "vrijdagnamiddag" is about "vrijdag", "sedumdak" about a "dak". Half a word is
        not understood, so the word stays unknown for the confidence ("busabonnement")."""
        parts = [stem(p) for p in self.vocabulary.split(word, open_end=True)]
        known = {p: PART_WEIGHT for p in parts if p in self._postings}
        return [known] if known else []

    def _joined(self, content: list[str]) -> dict[int, str]:
        """Index terms that two neighbouring query words make together: residents split the
        compounds the city writes as one word ("snel herstel", "groen dak")."""
        joined: dict[int, str] = {}
        for i, (first, second) in enumerate(zip(content, content[1:])):
            # Not with everyday words: "ocmw kortrijk" is no "ocmwkortrijk" (an e-mail domain).
            if is_everyday(first) or is_everyday(second):
                continue
            for link in Vocabulary.LINKS:
                term = stem(first + link + second)
                if term in self._postings:
                    joined[i] = joined[i + 1] = term
                    break
        return joined

    def _resolve(self, word: str) -> list[Concept]:
        direct = stem(word)
        known = direct in self._postings
        if known and direct in self._documented:
            return [{direct: 1.0}]
        parts = [self._part_concept(stem(p)) for p in self.vocabulary.split(word)]
        if known and not (len(parts) > 1 and all(parts)):
            return [{direct: 1.0}]
        if direct in self._synonym_stems:
            # A word the synonym list knows is read through its group, not through its parts
            # ("bouwregels" is a verordening, no "regel") and is no typo ("melden" is no "melder").
            return []
        if parts and all(parts):
            if known:
                # Said only in an example question: the compound's parts are what the
                # records are named by ("verwaarlozingslijst": the "lijst" of "verwaarloosde").
                parts[0] = {**parts[0], direct: 1.0}
            weight = COMPOUND_WEIGHT if self._own_compound(word) else 1.0
            return [{term: weight * share for term, share in part.items()} for part in parts]
        rest = separable_rest(word)
        if rest and stem(rest) in self._postings:
            return [{stem(rest): PART_WEIGHT}]
        # A real Dutch word the records do not use is unknown, not misspelt: "gedicht" is no
        # "gericht", "hotel" no "hoteL". Only a spelling variant of it (ei/ij, dt) still counts.
        real = is_dutch_word(word)
        corrected = {
            stem(w): 1.0 if d == 0 else TYPO_WEIGHT for w, d in self.vocabulary.correct(word) if not (real and d)
        }
        # Nor is a real noun another form of a record word: an "elektricien" is no
        # "elektriciteit", a "studentenjob" no "studentenkamer".
        if not corrected and not (real and is_noun(word)):
            corrected = {stem(w): TYPO_WEIGHT for w in self.vocabulary.related(word)}
        concept = {term: weight for term, weight in corrected.items() if term in self._postings}
        return [concept] if concept else []


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


def _recognition(weight: float) -> float:
    """How much a matched term proves the query was understood: a typo or synonym match
    counts fully, an everyday word ("huis") only partly."""
    return min(1.0, weight / SYNONYM_WEIGHT)


def _extra_terms(word: str, parts: list[str]) -> list[tuple[str, float]]:
    """Weaker index terms a word also stands for: its compound parts and its verb."""
    extra = [(stem(part), INDEX_PART_WEIGHT) for part in parts]
    # The verb behind the word or behind its last part: "onbewoonbaarverklaring" is also
    # "verklaren", so "onbewoonbaar verklaard" finds it.
    for base in {derivation_base(word), derivation_base(parts[-1]) if parts else None} - {None}:
        extra.append((base, INDEX_PART_WEIGHT))
    return extra


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


@dataclass(frozen=True)
class _SynonymGroup:
    phrases: tuple[tuple[str, ...], ...]  # the members as stems
    # The multi-word members with every word replaced by its group key (see SearchIndex._keys).
    patterns: tuple[tuple[str, ...], ...]
    terms: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for phrase in self.phrases for w in phrase)

    @classmethod
    def of(cls, group: Sequence[str], key: Callable[[str], str] = lambda s: s) -> _SynonymGroup:
        phrases = tuple(p for p in (tuple(stem(w) for w in words(phrase)) for phrase in group) if p)
        # Only one-word members expand a query: the words of "uit mijn huis gezet" one by
        # one ("huis") would pull in unrelated records.
        terms = frozenset(phrase[0] for phrase in phrases if len(phrase) == 1)
        patterns = tuple(tuple(key(w) for w in phrase) for phrase in phrases if len(phrase) > 1)
        return cls(phrases=phrases, patterns=patterns, terms=terms)

    def trigger(self, sequence: list[str], stems: dict[str, int]) -> tuple[str, tuple[str, ...]] | None:
        """The query stem that brings this group in and the member that did: a one-word
        member the query contains, else a member phrase found in the query (its first
        word is the trigger); None when absent."""
        for phrase in self.phrases:
            if len(phrase) == 1 and phrase[0] in stems:
                return phrase[0], phrase
        for pattern in self.patterns:
            if contains(sequence, pattern, PHRASE_GAP):
                return pattern[0], pattern
        return None


# A multi-word synonym still matches with a word slipped in between its words:
# "huur niet betalen" in "huur niet kunnen betalen", "dak isoleren" in "dak laten isoleren".
PHRASE_GAP = 1


def _names_a_subject(word: str) -> bool:
    # Short words are mostly inflected verbs the noun list also has ("las", "zat").
    return len(word) > 3 and is_noun(word)


def _everyday_only(name: str) -> bool:
    # "Dienst Wonen" is every question about housing, not a name to find its record by.
    return all(is_everyday(w) for w in words(name) if is_content(w))


def _phrase(name: str) -> tuple[str, ...] | None:
    stems = tuple(stem(w) for w in words(name) if is_content(w))
    return stems if len(stems) > 1 else None


def _phrase_term(phrase: tuple[str, ...]) -> str:
    return PHRASE_MARK + " ".join(phrase)


def _read_as(word: str, reading: set[str]) -> bool:
    return word in reading


def _record_fields(record: Record) -> dict[str, str]:
    path = record.path[:-1] if record.path and record.path[-1] == record.title else record.path
    return {
        "title": record.title,
        "path": " ".join(path),
        "body": record.body,
        "keywords": " ".join(record.keywords),
        "examples": " ".join(record.examples),
    }


def _field_words(text: str) -> list[str]:
    return words(text) + hyphen_joins(text)
