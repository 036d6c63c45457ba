"""The human-reviewed overlay (curation.yml): what the parser cannot know from the text alone.

Every entry carries a `why`. The source stays verbatim; spelling fixes go to a display copy,
conflicts keep both values, responsible services point at contacts found in the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

import yaml

from knowledge.facts import normalise_phone
from knowledge.nl.normalize import fold
from knowledge.records import Conflict, Contact, Record

CURATION_PATH = Path(__file__).with_name("curation.yml")
SECTIONS = ("noise", "structure", "spelling", "conflicts", "services", "organisations", "records", "synonyms",
            "outside")


class CurationError(ValueError):
    """The overlay is malformed (missing `why`, unknown key, bad value)."""


@dataclass(frozen=True)
class NoiseRule:
    why: str
    text: str = ""
    pattern: str = ""

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        if self.text:
            return stripped == self.text
        return re.fullmatch(self.pattern, stripped) is not None


@dataclass(frozen=True)
class StructureRule:
    text: str
    kind: str  # "body" | "heading"
    why: str


@dataclass(frozen=True)
class OutsideSubject:
    """A subject close to housing that the page does not cover ("notariskosten"): its words
    make a question less of a question about the records, instead of being read through a
    part the records share ("kosten")."""

    label: str
    terms: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class SpellingFix:
    wrong: str
    right: str
    why: str

    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(self.wrong)}(?!\w)")


@dataclass(frozen=True)
class ConflictRule:
    subject: str
    values: tuple[str, ...]
    preferred: str
    records: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class ServiceRule:
    source: str  # record id whose contact is the service's contact
    name: str  # which contact of that record ("" = its first)
    records: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class RecordNotes:
    keywords: tuple[str, ...]
    examples: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class StaleEntry:
    section: str
    key: str
    reason: str  # Dutch, for the editor who maintains the overlay

    def __str__(self) -> str:
        return f"{self.section}: {self.key} — {self.reason}"


@dataclass(frozen=True)
class Curation:
    noise: tuple[NoiseRule, ...] = ()
    structure: tuple[StructureRule, ...] = ()
    spelling: tuple[SpellingFix, ...] = ()
    conflicts: tuple[ConflictRule, ...] = ()
    services: tuple[ServiceRule, ...] = ()
    records: dict[str, RecordNotes] = field(default_factory=dict)
    synonyms: tuple[tuple[str, ...], ...] = ()
    # Canonical service name (as the NLU's organisation entity gives it) -> the record describing it.
    organisations: dict[str, str] = field(default_factory=dict)
    outside: tuple[OutsideSubject, ...] = ()

    def is_noise(self, line: str) -> bool:
        return any(rule.matches(line) for rule in self.noise)

    def forced_kind(self, line: str) -> str:
        stripped = line.strip()
        return next((r.kind for r in self.structure if r.text == stripped), "")

    def fix_spelling(self, text: str) -> str:
        for fix in self.spelling:
            text = fix.pattern().sub(fix.right, text)
        return text

    def apply(self, records: Sequence[Record]) -> list[Record]:
        by_id = {r.id: r for r in records}
        out = []
        for record in records:
            record = replace(record, text=self.fix_spelling(record.text))
            record = self._apply_conflicts(record)
            record = self._apply_service(record, by_id)
            if notes := self.records.get(record.id):
                record = replace(record, keywords=notes.keywords, examples=notes.examples)
            out.append(record)
        return out

    def _apply_conflicts(self, record: Record) -> Record:
        rules = [c for c in self.conflicts if record.id in c.records]
        if not rules:
            return record
        rejected = {normalise_phone(v) for c in rules for v in c.values if v != c.preferred}
        contacts = tuple(
            replace(c, preferred=False) if c.phone_normalised in rejected else c for c in record.contacts
        )
        conflicts = tuple(Conflict(c.subject, c.values, c.preferred, c.why) for c in rules)
        return replace(record, contacts=contacts, conflicts=conflicts)

    def _apply_service(self, record: Record, by_id: dict[str, Record]) -> Record:
        rule = next((s for s in self.services if record.id in s.records), None)
        if rule is None or (contact := _service_contact(rule, by_id)) is None:
            return record
        return replace(record, service=contact, service_why=rule.why)

    def stale(self, text: str, records: Sequence[Record]) -> list[StaleEntry]:
        """Entries that no longer match the source: the editor should review or remove them."""
        ids = {r.id for r in records}
        by_id = {r.id: r for r in records}
        lines = text.split("\n")
        found: list[StaleEntry] = []
        for rule in self.noise:
            if not any(rule.matches(line) for line in lines):
                found.append(StaleEntry("noise", rule.text or rule.pattern, "geen enkele regel van de bron past hier nog op"))
        for rule in self.structure:
            if not any(line.strip() == rule.text for line in lines):
                found.append(StaleEntry("structure", rule.text, "deze regel staat niet meer in de bron"))
        for fix in self.spelling:
            if not fix.pattern().search(text):
                found.append(StaleEntry("spelling", fix.wrong, "deze schrijffout komt niet meer voor in de bron"))
        for conflict in self.conflicts:
            missing = [v for v in conflict.values if v not in text]
            if missing:
                found.append(StaleEntry("conflicts", conflict.subject, f"niet meer in de bron: {', '.join(missing)}"))
            found.extend(_unknown_ids("conflicts", conflict.subject, conflict.records, ids))
        for service in self.services:
            if _service_contact(service, by_id) is None:
                found.append(StaleEntry("services", service.source, "dit record bestaat niet meer of heeft dat contact niet meer"))
            found.extend(_unknown_ids("services", service.source, service.records, ids))
        found.extend(_unknown_ids("records", "records", tuple(self.records), ids))
        found.extend(_unknown_ids("organisations", "organisations", tuple(self.organisations.values()), ids))
        folded = fold(text)
        for subject in self.outside:
            for term in subject.terms:
                if re.search(rf"(?<!\w){re.escape(fold(term))}", folded):
                    found.append(StaleEntry("outside", term, "de bron gebruikt dit woord nu: staat het onderwerp er toch in?"))
        return found


def _unknown_ids(section: str, key: str, wanted: Sequence[str], ids: set[str]) -> list[StaleEntry]:
    return [StaleEntry(section, f"{key} → {i}", "dit record-id bestaat niet meer") for i in wanted if i not in ids]


def _service_contact(rule: ServiceRule, by_id: dict[str, Record]) -> Contact | None:
    source = by_id.get(rule.source)
    if source is None:
        return None
    return next((c for c in source.contacts if not rule.name or c.name == rule.name), None)


# --- loading and validation --------------------------------------------------------------------

def load_curation(path: Path | str | None = None) -> Curation:
    return parse_curation(Path(path or CURATION_PATH).read_text(encoding="utf-8"))


# The overlay is thousands of lines; libyaml reads it in a twentieth of the time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_curation(text: str) -> Curation:
    data = yaml.load(text, Loader=_LOADER) or {}
    if not isinstance(data, dict):
        raise CurationError("curation.yml moet een mapping zijn")
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise CurationError(f"onbekende sectie(s): {', '.join(sorted(unknown))}")
    return Curation(
        noise=tuple(_noise(e) for e in _entries(data, "noise")),
        structure=tuple(_structure(e) for e in _entries(data, "structure")),
        spelling=tuple(SpellingFix(_str(e, "wrong"), _str(e, "right"), _why(e)) for e in _entries(data, "spelling", {"wrong", "right"})),
        conflicts=tuple(_conflict(e) for e in _entries(data, "conflicts", {"subject", "values", "preferred", "records"})),
        services=tuple(_service(e) for e in _entries(data, "services", {"from", "contact", "records"})),
        records=_records(data.get("records") or {}),
        synonyms=tuple(_synonyms(g) for g in data.get("synonyms") or ()),
        organisations={_str(e, "name"): _str(e, "record")
                       for e in _entries(data, "organisations", {"name", "record"})},
        outside=tuple(_outside(e) for e in _entries(data, "outside", {"label", "terms"})),
    )


def _entries(data: dict[str, Any], section: str, keys: set[str] | None = None) -> list[dict[str, Any]]:
    entries = data.get(section) or []
    for entry in entries:
        if not isinstance(entry, dict):
            raise CurationError(f"{section}: elk item moet een mapping zijn, niet {entry!r}")
        _why(entry, section)
        if keys is not None and (extra := set(entry) - keys - {"why"}):
            raise CurationError(f"{section}: onbekende sleutel(s) {sorted(extra)} in {entry!r}")
    return entries


def _why(entry: dict[str, Any], section: str = "") -> str:
    why = entry.get("why")
    if not isinstance(why, str) or not why.strip():
        raise CurationError(f"{section or 'item'}: `why` ontbreekt in {entry!r}")
    return why.strip()


def _str(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise CurationError(f"`{key}` moet tekst zijn in {entry!r}")
    return value


def _ids(entry: dict[str, Any]) -> tuple[str, ...]:
    ids = entry.get("records") or []
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise CurationError(f"`records` moet een lijst van record-id's zijn in {entry!r}")
    return tuple(ids)


def _noise(entry: dict[str, Any]) -> NoiseRule:
    if ("text" in entry) == ("pattern" in entry):
        raise CurationError(f"noise: geef `text` of `pattern` in {entry!r}")
    if "pattern" in entry:
        re.compile(_str(entry, "pattern"))
        return NoiseRule(why=_why(entry), pattern=entry["pattern"])
    return NoiseRule(why=_why(entry), text=_str(entry, "text").strip())


def _structure(entry: dict[str, Any]) -> StructureRule:
    kind = entry.get("as")
    if kind not in ("body", "heading"):
        raise CurationError(f"structure: `as` moet body of heading zijn in {entry!r}")
    return StructureRule(_str(entry, "text").strip(), kind, _why(entry))


def _conflict(entry: dict[str, Any]) -> ConflictRule:
    values = entry.get("values")
    preferred = _str(entry, "preferred")
    if not isinstance(values, list) or len(values) < 2 or preferred not in values:
        raise CurationError(f"conflicts: `values` (minstens 2) moet `preferred` bevatten in {entry!r}")
    return ConflictRule(_str(entry, "subject"), tuple(values), preferred, _ids(entry), _why(entry))


def _service(entry: dict[str, Any]) -> ServiceRule:
    return ServiceRule(_str(entry, "from"), str(entry.get("contact") or ""), _ids(entry), _why(entry))


def _records(data: dict[str, Any]) -> dict[str, RecordNotes]:
    if not isinstance(data, dict):
        raise CurationError("records: moet een mapping van record-id naar keywords/examples zijn")
    notes = {}
    for record_id, entry in data.items():
        if not isinstance(entry, dict):
            raise CurationError(f"records.{record_id}: moet een mapping zijn")
        _why(entry, f"records.{record_id}")
        if extra := set(entry) - {"keywords", "examples", "why"}:
            raise CurationError(f"records.{record_id}: onbekende sleutel(s) {sorted(extra)}")
        notes[record_id] = RecordNotes(
            tuple(str(k) for k in entry.get("keywords") or ()), tuple(str(e) for e in entry.get("examples") or ()), entry["why"]
        )
    return notes


def _outside(entry: dict[str, Any]) -> OutsideSubject:
    terms = entry.get("terms")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t for t in terms):
        raise CurationError(f"outside: `terms` moet een lijst van woorden zijn in {entry!r}")
    return OutsideSubject(_str(entry, "label"), tuple(terms), _why(entry))


def _synonyms(group: Any) -> tuple[str, ...]:
    # A group is a plain list of interchangeable words, or {terms: [...], why: ...}.
    terms = group.get("terms") if isinstance(group, dict) else group
    if not isinstance(terms, list) or len(terms) < 2:
        raise CurationError(f"synonyms: een groep heeft minstens twee woorden: {group!r}")
    return tuple(str(t) for t in terms)
