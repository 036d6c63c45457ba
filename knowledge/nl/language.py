"""Which language a message is in: Dutch, French or English."""

from __future__ import annotations

import re

from knowledge.nl.normalize import fold
from knowledge.nl.stopwords import LANGUAGE_STOPWORDS

MIN_FOREIGN_WORDS = 2


def detect_language(text: str, min_foreign: int = MIN_FOREIGN_WORDS) -> str:
    """ "nl", "fr" or "en" by counting stopwords; Dutch when it is a tie or unclear, and when
    fewer than `min_foreign` words ("client", "in") speak for another language."""
    words = re.findall(r"[a-z]+", fold(text))
    # A lone letter ("a", "i", "j") in noise or initials is no sign of French or English.
    scores = {
        lang: sum(word in stop and (lang == "nl" or len(word) > 1) for word in words)
        for lang, stop in LANGUAGE_STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: (scores[lang], lang == "nl"))
    return best if best == "nl" or scores[best] >= min_foreign else "nl"
