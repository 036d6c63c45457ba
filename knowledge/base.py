"""The knowledge base as one object: records, search, services and their schedules.

Front ends (the Rasa actions, the CLI, later others) use this instead of
wiring the store, the overlay and the search together each on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from knowledge.curation import Curation, load_curation
from knowledge.nl.normalize import fold
from knowledge.parser import load_source, parse
from knowledge.records import Contact, Record, repeated_titles
from knowledge.rules.hours import Schedule, schedule_from_facts
from knowledge.search import SearchIndex, SearchResult
from knowledge.store import load_records

# The service everyone may turn to with any social question (2.A Sociaal Huis):
# the contact of last resort in apologies and fallbacks.
GENERAL_HELP = "Sociaal Huis"
# Words of a service name that do not name it: "Bouwen, Milieu en Wonen", "Team Wonen OCMW".
_NAME_FILLERS = frozenset({"en", "de", "het", "van", "wonen", "dienst", "team", "kortrijk", "ocmw"})


@dataclass(frozen=True)
class Service:
    """A service a person can call or visit, with the record that describes it."""

    name: str
    record: Record
    contact: Contact | None
    schedule: Schedule

    @property
    def has_hours(self) -> bool:
        return bool(self.schedule)


class KnowledgeBase:
    def __init__(self, records: Sequence[Record], curation: Curation):
        self.records = list(records)
        self.by_id = {r.id: r for r in self.records}
        self.curation = curation
        self.index = SearchIndex.from_curation(self.records, curation)
        self.repeated_titles = repeated_titles(self.records)
        self._services = {fold(name): name for name in curation.organisations}

    @classmethod
    def load(cls, url: str | None = None) -> KnowledgeBase:
        return cls(load_records(url), load_curation())

    @classmethod
    def from_source(cls) -> KnowledgeBase:
        """Straight from the document and the overlay, without the database."""
        curation = load_curation()
        return cls(parse(load_source(), curation), curation)

    def search(self, query: str, limit: int = 5) -> SearchResult:
        return self.index.search(query, limit=limit)

    def get(self, record_id: str) -> Record | None:
        return self.by_id.get(record_id)

    def service(self, name: str) -> Service | None:
        """A service by its canonical name or a variant ("sociaal huis", "Balie")."""
        key = fold(name)
        canonical = self._services.get(key)
        if canonical is None:
            partial = [n for k, n in self._services.items() if key and key in k]
            canonical = partial[0] if len(partial) == 1 else None
        if not canonical:
            return None
        record = self.by_id.get(self.curation.organisations[canonical])
        if record is None:
            return None
        return Service(canonical, record, record.primary_contact(), _schedule(record))

    def service_named_in(self, message: str) -> Service | None:
        """The service a message names in its own words: "sociaal huis", "balie bouwen milieu wonen",
        "de balie" (the first word of a long name is enough when it is a name, not a common word)."""
        said = set(re.findall(r"[a-z]+", fold(message)))
        best: tuple[int, str] | None = None
        for key, name in self._services.items():
            words = re.findall(r"[a-z]+", key)
            parts = [w for w in words if w not in _NAME_FILLERS] or words
            hits = sum(w in said for w in parts)
            named = hits == len(parts) or (len(parts) >= 3 and (hits >= 2 or (parts[0] in said and len(parts[0]) >= 5)))
            if named and (best is None or hits > best[0]):
                best = (hits, name)
        return self.service(best[1]) if best else None

    def services_with_hours(self) -> list[Service]:
        """Each service with opening hours once, though the overlay may give it several names."""
        found = {}
        for name, record_id in self.curation.organisations.items():
            if record_id not in found and (service := self.service(name)) and service.has_hours:
                found[record_id] = service
        return list(found.values())

    def service_of(self, record: Record) -> Service | None:
        """Who answers for a record: its own contact (or the overlay's), with the hours of its desk.

        The contact stays the record's own (the premiums' 056/27.84.33), while the name
        and the hours come from the service that contact belongs to (the Balie), when
        the overlay knows it.
        """
        contact = record.primary_contact()
        if contact is None:
            return None
        desk = self.service(contact.name) if contact.name else None
        if desk is None:
            # A number without a name ("Meer info 056/27 84 00") answers for the record itself.
            return Service(contact.name or record.title, record, contact, {})
        return Service(desk.name, desk.record, contact, desk.schedule)

    def general_help(self) -> Service:
        service = self.service(GENERAL_HELP)
        if service is None:
            raise LookupError(f"the overlay maps no record to {GENERAL_HELP!r}")
        return service

    def general_help_contact(self, short: bool = False) -> str:
        """The Sociaal Huis in full, or `short`: its name and phone, for a line under an answer."""
        contact = self.general_help().contact
        if contact is None:
            raise LookupError(f"the record of {GENERAL_HELP!r} has no contact")
        return f"{contact.name}, tel. {contact.phone}" if short and contact.phone else describe_contact(contact)

    def amount_per(self, record: Record, per: str) -> Decimal | None:
        """An amount of the record that is "per <per>" (e.g. per woongelegenheid)."""
        wanted = fold(per)[:8]
        return next((a.value for a in record.amounts if fold(a.per).startswith(wanted)), None)


def _schedule(record: Record) -> Schedule:
    return schedule_from_facts(record.hours[0].days) if record.hours else {}


def describe_contact(contact: Contact, with_email: bool = True) -> str:
    """ "Sociaal Huis, Budastraat 27, 8500 Kortrijk, tel. 056 24 42 22, info@..."."""
    parts = [contact.name, contact.address]
    if contact.phone:
        parts.append(f"tel. {contact.phone}")
    if with_email:
        parts.append(contact.email)
    return ", ".join(p for p in parts if p)
