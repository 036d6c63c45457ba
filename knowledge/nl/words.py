"""Word tokens of what people type, with Flemish chat spelling and dialect read as standard Dutch."""

from __future__ import annotations

import re

from knowledge.nl.normalize import fold

# Flemish chat spellings and dialect forms, mapped to the standard word. Most of them
# are function words that end up as stop words anyway; mapping them first matters for
# phrases ("uit me huis" must read as "uit mijn huis").
DIALECT: dict[str, tuple[str, ...]] = {
    "da": ("dat",),
    "wa": ("wat",),
    "wuk": ("wat",),
    "kik": ("ik",),
    "mijne": ("mijn",),
    "den": ("de",),
    "k": ("ik",),
    "kb": ("ik", "heb"),
    "kzijn": ("ik", "ben"),
    "kzyn": ("ik", "ben"),
    "zyn": ("zijn",),
    "me": ("mijn",),
    "m": ("mijn",),
    "ma": ("maar",),
    "ge": ("je",),
    "gij": ("jij",),
    "gy": ("jij",),
    "zijt": ("bent",),
    "moe": ("moet",),
    "mo": ("moet",),
    "nie": ("niet",),
    "ni": ("niet",),
    "nen": ("een",),
    "ne": ("een",),
    "e": ("een",),
    "t": ("het",),
    "ier": ("hier",),
    "tis": ("het", "is"),
    "ist": ("is", "het"),
    "int": ("in", "het"),
    "vant": ("van", "het"),
    "opt": ("op", "het"),
    "wadde": ("wat", "je"),
    "kunde": ("kun", "je"),
    "hebde": ("heb", "je"),
    "zijde": ("ben", "je"),
    "moete": ("moet", "je"),
    "wilde": ("wil", "je"),
    "ekik": ("heb", "ik"),
    "azo": ("zo",),
    "allee": (),
    "amai": (),
    "ewel": (),
    "wel": (),
    "mss": ("misschien",),
    "nr": ("nummer",),
    "tel": ("telefoon",),
    "telnr": ("telefoon", "nummer"),
    "adr": ("adres",),
    "svp": (),
    "aub": (),
    "pls": (),
    "plz": (),
    "thx": (),
    "mvg": (),
    # West-Flemish words for the home and the neighbours.
    "huus": ("huis",),
    "gebuur": ("buur",),
    "gebuurs": ("buren",),
    "geburen": ("buren",),
    "moa": ("maar",),
    "gin": ("geen",),
    "giene": ("geen",),
    "oek": ("ook",),
}

# "kheb", "kmoet", "kzit": the clitic 'k glued to a verb.
_CLITIC_VERBS = frozenset("heb ben moet wil zou zit ga kan weet zoek woon huur krijg vraag kom sta betaal zal".split())

_WORD = re.compile(r"[a-z0-9]+")
_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _expand(token: str) -> tuple[str, ...]:
    if token in DIALECT:
        return DIALECT[token]
    if len(token) > 3 and token[0] == "k" and token[1:] in _CLITIC_VERBS:
        return ("ik", token[1:])
    return (token,)


def words(text: str) -> list[str]:
    """Folded word tokens with dialect forms mapped to standard Dutch, stop words kept."""
    out: list[str] = []
    for token in _WORD.findall(fold(text)):
        out.extend(_expand(token))
    return out


def hyphen_joins(text: str) -> list[str]:
    """The joined forms of hyphenated words: "CO-veiligheid" is also written "coveiligheid"."""
    return [match.replace("-", "") for match in _HYPHENATED.findall(fold(text))]
