"""The knowledge base's unit: one heading of the source document with its text and typed facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

Slot = tuple[str, str]  # ("09:00", "12:30")


def format_address(street: str, number: str, postcode: str, municipality: str) -> str:
    """ "Budastraat 27, 8500 Kortrijk"; the parts the document gives, in Belgian order."""
    town = " ".join(p for p in (postcode, municipality) if p)
    return ", ".join(p for p in (" ".join(p for p in (street, number) if p), town) if p)


@dataclass(frozen=True)
class Contact:
    name: str  # organisation, service or person as written ("" when the text names none)
    kind: str  # "service" | "organisation" | "person" | ""
    phone: str = ""  # as written
    phone_normalised: str = ""  # "+3256278430"
    email: str = ""
    street: str = ""
    number: str = ""
    postcode: str = ""
    municipality: str = ""
    website: str = ""
    lines: tuple[int, ...] = ()
    # False when the curation overlay records a conflict and prefers another number.
    preferred: bool = True

    @property
    def address(self) -> str:
        return format_address(self.street, self.number, self.postcode, self.municipality)


@dataclass(frozen=True)
class Hours:
    label: str  # "frontoffice", "Openingsuren"
    days: tuple[tuple[str, tuple[Slot, ...]], ...]  # weekday -> slots, only days the text lists
    lines: tuple[int, ...] = ()

    def slots(self, day: str) -> tuple[Slot, ...]:
        return dict(self.days).get(day.lower(), ())


@dataclass(frozen=True)
class Amount:
    value: Decimal
    unit: str  # "EUR" | "%"
    text: str  # as written
    purpose: str  # the clause of the sentence around the amount
    max_value: Decimal | None = None  # ranges: "tussen 500 en 1000 euro"
    qualifier: str = ""  # "max" | "min" | "ongeveer" | ""
    per: str = ""  # "jaar", "woongelegeheid" (as written)
    line: int = 0


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str  # "dagen", "doorgangswoningen", "keer"...
    kind: str  # "duration" | "count"
    text: str
    purpose: str
    qualifier: str = ""
    per: str = ""
    line: int = 0


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "woonzorgcentrum", "lokaal dienstencentrum", "opvangcentrum"...
    operator: str = ""  # "OCMW Kortrijk" | "privaat" | ""
    area: str = ""  # "kernstad" | "deelgemeente" | ""
    street: str = ""
    number: str = ""
    postcode: str = ""
    municipality: str = ""
    group: str = ""  # the document's own label above the list
    line: int = 0

    @property
    def address(self) -> str:
        return format_address(self.street, self.number, self.postcode, self.municipality)


@dataclass(frozen=True)
class DateFact:
    text: str
    value: str  # ISO: "2011-09-21" or "2012-11"
    line: int = 0


@dataclass(frozen=True)
class Conflict:
    """Two values the document gives for one fact; kept both so an answer can say 'check'."""

    subject: str
    values: tuple[str, ...]
    preferred: str
    why: str
    confirmed: bool = False


@dataclass(frozen=True)
class Record:
    id: str
    code: str
    title: str
    path: tuple[str, ...]
    body: str
    lines: tuple[int, ...]
    has_content: bool
    text: str = ""  # display copy of body: whitespace tidied, curated spelling fixes applied
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    hours: tuple[Hours, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    answer: bool | None = None  # body that is just "ja" / "nee"
    places: tuple[Place, ...] = ()
    dates: tuple[DateFact, ...] = ()
    service: Contact | None = None  # responsible service from the curation overlay
    service_why: str = ""
    conflicts: tuple[Conflict, ...] = ()

    def section_label(self) -> str:
        """E.g. "6.B Subsidies/premies/leningen — Dakisolatie"; a numbered heading is labelled by itself."""
        if _is_heading_of(self):
            return f"{self.code} {_calm(self.title)}"
        parent = self.path[-2] if len(self.path) >= 2 else ""
        return f"{self.code} {_calm(parent)} — {self.title}".replace("  ", " ")

    def choice_label(self, repeated: frozenset[str]) -> str:
        """A button that names the record on its own: "Andere" is one of many headings of
        that title (see repeated_titles), so it takes its section: "Andere (Bijzondere
        woonvormen)"."""
        if self.title.lower() in repeated and len(self.path) >= 2:
            return f"{_calm(self.title)} ({_calm(self.path[-2])})"
        return _calm(self.title)

    def primary_contact(self) -> Contact | None:
        """The contact to show: the record's own preferred one, else its responsible service."""
        own = [c for c in self.contacts if c.preferred and (c.phone or c.email)]
        return own[0] if own else self.service


def _is_heading_of(record: Record) -> bool:
    # A numbered heading's path has one entry per code level; an instrument adds its title after them.
    return len(record.path) == _code_depth(record.code)


def _code_depth(code: str) -> int:
    return len(code.split("."))


def _calm(title: str) -> str:
    """Upper-case chapter titles read as shouting; show them in sentence case."""
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return title[:1] + title[1:].lower()
    return title


def repeated_titles(records: Iterable[Record]) -> frozenset[str]:
    """Titles, in lower case, that the page gives more than one heading ("Andere", "Kamers"):
    such a title names no one topic."""
    return frozenset(t for t, n in Counter(r.title.lower() for r in records).items() if n > 1)


def to_jsonable(value: Any) -> Any:
    """Records and facts as plain JSON values (Decimal as a string, to stay exact)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value
