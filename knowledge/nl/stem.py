"""The search key of a Dutch word, and the words inside it.

A light, search-oriented Dutch stemmer: it only has to map the forms residents write and
the forms the city wrote onto the same key ("huizen"/"huis", "betaalt"/"betalen",
"daklozen"/"dakloos"). Also the verb inside a separable verb ("bijbouwen"), the verb
behind a noun in "-ing" and the parts of a compound.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from knowledge.nl.lemmas import dutch_lemmas

_DOUBLE_VOWEL = re.compile(r"([aeou])\1")
_DOUBLE_CONSONANT = re.compile(r"([bcdfghjklmnpqrstvwxz])\1")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Search key of a folded Dutch word; inflected forms share it ("woningen" -> "woning")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    # Chat spelling writes "ij" as "y": "vrydag", "kwyt".
    w = word.replace("y", "ij")
    # Past participles lose their "ge-": "geweigerd" meets "weigeren".
    if w.startswith("ge") and len(w) >= 7 and w.rstrip("e")[-1] in "dt":
        w = w[2:]
    w = _strip_suffix(w)
    # Not in five-letter words: "maand" must not become "maan" and then "man".
    if w.endswith("d") and len(w) > 5 and w[-2] not in "aeiouy":
        w = w[:-1]
    w = _DOUBLE_VOWEL.sub(r"\1", w)
    w = _DOUBLE_CONSONANT.sub(r"\1", w)
    # Dutch devoices a final z/v: "huizen"/"huis", "blijven"/"blijf".
    if w.endswith("z"):
        w = w[:-1] + "s"
    elif w.endswith("v"):
        w = w[:-1] + "f"
    return w


# Separable verb prefixes: "bijbouwen" is "bouwen" with "bij", "meegaan" is "gaan".
SEPARABLE_PREFIXES = ("terug", "binnen", "door", "over", "mee", "bij", "aan", "af", "op", "uit", "toe", "weg", "na")


def separable_rest(word: str) -> str | None:
    """The verb inside a separable verb ("bijbouwen" -> "bouwen"), None when there is none."""
    for prefix in SEPARABLE_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4:
            return rest
    return None


def derivation_base(word: str) -> str | None:
    """Stem of the verb behind a noun in "-ing": "weigering" -> stem of "weiger"."""
    if word.endswith("ing") and len(word) >= 8:
        return stem(word[:-3])
    return None


def _strip_suffix(w: str) -> str:
    if w.endswith("heden") and len(w) > 7:
        return w[:-5] + "heid"
    if w.endswith("ies") and len(w) > 5:
        return w[:-1]
    for suffix in ("tjes", "pjes", "etjes", "jes", "tje", "pje", "je"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    if w.endswith("en") and len(w) > 4:
        return w[:-2]
    # Also in four letters: "lege" is "leeg", "vele" is "veel".
    if w.endswith("e") and len(w) >= 4 and w[-2] not in "aeiouy":
        return w[:-1]
    if w.endswith("s") and len(w) > 4 and w[-2] not in "aeiouysj":
        return w[:-1]
    # A verb's "-t" goes ("huurt"), a noun's stays ("student", "client", "markt": no "Marke").
    if w.endswith("t") and len(w) > 4 and w[-2] in "lnrmkp" and not w.endswith("ent"):
        return w if w in dutch_lemmas()["noun"] else w[:-1]
    return w


def split_compound(word: str, known: frozenset[str], links: tuple[str, ...], min_part: int) -> list[str]:
    """The fewest `known` words, each at least `min_part` long and joined by one of the
    `links`, that make up `word`; [] when there are none."""

    @cache
    def best(start: int) -> tuple[str, ...] | None:
        if start == len(word):
            return ()
        found: tuple[str, ...] | None = None
        for end in range(len(word), start + min_part - 1, -1):
            part = word[start:end]
            if part not in known or (start == 0 and end == len(word)):
                continue
            for link in links:
                if not word.startswith(link, end):
                    continue
                rest = best(end + len(link))
                if rest is not None and (found is None or len(rest) + 1 < len(found)):
                    found = (part, *rest)
        return found

    parts = best(0)
    return list(parts) if parts else []
