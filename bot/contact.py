"""The Sociaal Huis, as the page gives it: the contact every channel names when
it cannot answer. Read once, at start-up, so that an apology never needs the
database that may be what failed; without a usable knowledge base nothing starts."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.exc import SQLAlchemyError

from knowledge.base import KnowledgeBase


class KnowledgeMissing(RuntimeError):
    """The knowledge base is missing or broken; the message is Dutch and says what to do."""


@lru_cache(maxsize=1)
def sociaal_huis() -> str:
    """ "Sociaal Huis, tel. 056 24 42 22"."""
    try:
        return KnowledgeBase.load().general_help_contact(short=True)
    except (SQLAlchemyError, LookupError, OSError) as error:
        raise KnowledgeMissing(
            f"De kennisbank ontbreekt of is stuk ({error}). "
            "Bouw ze opnieuw met 'make kb' (of 'python -m knowledge build')."
        ) from error
