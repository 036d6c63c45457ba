"""The human-reviewed overlay (curation.yml): what the parser cannot know from the text alone.

Every entry carries a `why`. The source stays verbatim; spelling fixes go to a display copy,
conflicts keep both values, responsible services point at contacts found in the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from knowledge.facts import normalise_phone
from knowledge.nl.normalize import fold
from knowledge.overlays import CurationOverlay, OverlayError, read_overlay
from knowledge.records import Conflict, Contact, Record

CURATION_PATH = Path(__file__).with_name("curation.yml")


class CurationError(OverlayError):
    """curation.yml is malformed (missing `why`, unknown key, bad value)."""


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
        contacts = tuple(replace(c, preferred=False) if c.phone_normalised in rejected else c for c in record.contacts)
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
                found.append(
                    StaleEntry("noise", rule.text or rule.pattern, "geen enkele regel van de bron past hier nog op")
                )
        for structure in self.structure:
            if not any(line.strip() == structure.text for line in lines):
                found.append(StaleEntry("structure", structure.text, "deze regel staat niet meer in de bron"))
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
                found.append(
                    StaleEntry(
                        "services", service.source, "dit record bestaat niet meer of heeft dat contact niet meer"
                    )
                )
            found.extend(_unknown_ids("services", service.source, service.records, ids))
        found.extend(_unknown_ids("records", "records", tuple(self.records), ids))
        found.extend(_unknown_ids("organisations", "organisations", tuple(self.organisations.values()), ids))
        folded = fold(text)
        for subject in self.outside:
            for term in subject.terms:
                if re.search(rf"(?<!\w){re.escape(fold(term))}", folded):
                    found.append(
                        StaleEntry("outside", term, "de bron gebruikt dit woord nu: staat het onderwerp er toch in?")
                    )
        return found


def _unknown_ids(section: str, key: str, wanted: Sequence[str], ids: set[str]) -> list[StaleEntry]:
    return [StaleEntry(section, f"{key} → {i}", "dit record-id bestaat niet meer") for i in wanted if i not in ids]


def _service_contact(rule: ServiceRule, by_id: dict[str, Record]) -> Contact | None:
    source = by_id.get(rule.source)
    if source is None:
        return None
    return next((c for c in source.contacts if not rule.name or c.name == rule.name), None)


# --- loading --------------------------------------------------------------------------------


def load_curation(path: Path | str | None = None) -> Curation:
    path = Path(path or CURATION_PATH)
    return parse_curation(path.read_text(encoding="utf-8"), path)


def parse_curation(text: str, path: Path = CURATION_PATH) -> Curation:
    overlay = read_overlay(CurationOverlay, text, path, CurationError)
    return Curation(
        noise=tuple(NoiseRule(n.why, n.text or "", n.pattern or "") for n in overlay.noise),
        structure=tuple(StructureRule(s.text, s.kind, s.why) for s in overlay.structure),
        spelling=tuple(SpellingFix(s.wrong, s.right, s.why) for s in overlay.spelling),
        conflicts=tuple(
            ConflictRule(c.subject, tuple(c.values), c.preferred, tuple(c.records), c.why) for c in overlay.conflicts
        ),
        services=tuple(ServiceRule(s.source, s.contact, tuple(s.records), s.why) for s in overlay.services),
        records={i: RecordNotes(tuple(n.keywords), tuple(n.examples), n.why) for i, n in overlay.records.items()},
        synonyms=tuple(overlay.synonyms),
        organisations={o.name: o.record for o in overlay.organisations},
        outside=tuple(OutsideSubject(o.label, tuple(o.terms), o.why) for o in overlay.outside),
    )
