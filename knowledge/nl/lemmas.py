"""Whether a word is real Dutch, and a noun, a verb or an adjective.

From the lemma lists that spacy-lookups-data ships (read on first use, about 0.1 s,
once per process), without importing spaCy.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
from functools import cache, lru_cache

from knowledge.nl.normalize import fold

# The Dutch lemma lists of spaCy's lookup tables (spacy-lookups-data, a project dependency):
# some 160,000 nouns and 40,000 verbs and adjectives, read without importing spaCy.
DUTCH_LEMMAS = ("spacy_lookups_data", "data/nl_lemma_index.json.gz")
# Inflections that turn a lemma into the form typed: "gedichten", "hotels", "schrijft".
_INFLECTIONS = ("en", "s", "e", "t", "n")


@cache
def dutch_lemmas() -> dict[str, frozenset[str]]:
    """Part of speech ("noun", "verb", "adj", ...) -> its folded Dutch lemmas."""
    package, name = DUTCH_LEMMAS
    data = json.loads(gzip.decompress(importlib.resources.files(package).joinpath(name).read_bytes()))
    # Nearly all lemmas are plain lower-case ASCII already; only the rest need folding.
    return {
        pos: frozenset(lemmas).union(fold(w) for w in lemmas if not (w.isascii() and w.islower()))
        for pos, lemmas in data.items()
    }


@lru_cache(maxsize=65536)
def dutch_parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech of a correctly spelt Dutch word, in any common inflection
    ("gedichten", "schrijft"); empty for a misspelt or foreign word. A verb form in "-t"
    is a verb even when its stem is also a noun: "valt" is "vallen", no "val". A form that
    may be either keeps both: "voorwerpen" is a verb and the plural of "voorwerp"."""
    lemmas = dutch_lemmas()
    found = {pos for pos, known in lemmas.items() if word in known}
    if len(word) >= 4 and word.endswith("t") and _verb_forms(word[:-1]) & lemmas["verb"]:
        return frozenset(found | {"verb"})
    forms = {word[: -len(end)] for end in _INFLECTIONS if word.endswith(end) and len(word) > len(end) + 3}
    return frozenset(found | {pos for pos, known in lemmas.items() if forms & known})


def _verb_forms(root: str) -> set[str]:
    """Infinitives a verb stem may belong to: "brokkel" -> "brokkelen", "val" -> "vallen",
    "maak" -> "maken", "schrijf" -> "schrijven", "lees" -> "lezen"."""
    voiced = {"f": "v", "s": "z"}
    forms = {root + "n"}
    for base in {root, root[:-1] + voiced.get(root[-1], root[-1])}:
        forms |= {base + "en", base + base[-1] + "en"}
        if len(base) > 2 and base[-2] == base[-3] and base[-2] in "aeou":
            forms.add(base[:-2] + base[-1] + "en")
    return forms


def is_dutch_word(word: str) -> bool:
    """A correctly spelt Dutch word: no typo of a word the records use ("gedicht" is not "gericht")."""
    return bool(dutch_parts_of_speech(word))


def is_noun(word: str) -> bool:
    return "noun" in dutch_parts_of_speech(word)


def names_no_thing(word: str) -> bool:
    """A Dutch verb or adjective that is no noun ("aanpakken", "vroeger", "zwemmen"): it says
    what happens, not what about. Subjects, on topic or not, are nouns ("gedicht", "hotel")."""
    pos = dutch_parts_of_speech(word)
    return bool(pos) and "noun" not in pos
