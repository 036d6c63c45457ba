"""One folding of text for every comparison: case, accents and curly apostrophes."""

from __future__ import annotations

import re
import unicodedata

_CURLY_APOSTROPHES = re.compile(r"[’‘`´]")


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes made straight: "Cliënt" -> "client",
    "EFFICIËNT" -> "efficient", "’s avonds" -> "'s avonds"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _CURLY_APOSTROPHES.sub("'", plain)
