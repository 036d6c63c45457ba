"""Referral helper for social workers: a described situation -> ranked services from the document.

The knowledge is in referral.yml (human-reviewed): situations with their candidate records, and
modifiers that rank those candidates up or down ("verslaving" ranks the OCMW crisisopvang down,
because it does not take addiction cases). Every condition shown is a verbatim quote of the
record's body; every contact is the record's own, its curated responsible service, or an honest
"geen contact in het document; vraag het Sociaal Huis" with a contact the document gives.
No situation recognised -> no options, so the caller can fall back to the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from knowledge.nl.fuzzy import phonetic
from knowledge.nl.stem import stem
from knowledge.nl.words import words
from knowledge.overlays import (
    CandidateEntry,
    ModifierEntry,
    OverlayError,
    ReferralOverlay,
    SituationEntry,
    read_overlay,
)
from knowledge.records import Contact, Record
from knowledge.situations import Description

RULES_PATH = Path(__file__).with_name("referral.yml")

# Longest option line in the copyable summary: it is read on a phone.
OPTION_BUDGET = 250
SUMMARY_LIMIT = 5


class ReferralError(OverlayError):
    """referral.yml is malformed (missing `why`, bad record name, unknown key)."""


# --- rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerWord:
    folded: str
    key: str  # phonetic key of the stem, for typos
    stem: str
    exact: bool


@dataclass(frozen=True)
class Trigger:
    text: str
    words: tuple[TriggerWord, ...]


@dataclass(frozen=True)
class Candidate:
    record: tuple[str, str]  # (code, title)
    weight: float
    why: str
    conditions: tuple[str, ...]
    only_with: frozenset[str] = frozenset()  # modifiers: situation ids that must have brought the record in


@dataclass(frozen=True)
class Situation:
    id: str
    label: str
    why: str
    triggers: tuple[Trigger, ...]
    candidates: tuple[Candidate, ...]
    ages: tuple[int, int] | None = None


@dataclass(frozen=True)
class Fallback:
    record: tuple[str, str]
    say: str
    why: str


@dataclass(frozen=True)
class ReferralRules:
    situations: tuple[Situation, ...]
    modifiers: tuple[Situation, ...]
    fallback: Fallback
    contact_notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def references(self) -> list[tuple[str, Candidate]]:
        """Every (situation or modifier id, candidate) pair, for checks against the document."""
        return [(s.id, c) for s in (*self.situations, *self.modifiers) for c in s.candidates]


def load_referral_rules(path: Path | str | None = None) -> ReferralRules:
    path = Path(path or RULES_PATH)
    return parse_referral_rules(path.read_text(encoding="utf-8"), path)


@cache
def default_rules() -> ReferralRules:
    """referral.yml, parsed once per process rather than once per referral."""
    return load_referral_rules()


def parse_referral_rules(text: str, path: Path = RULES_PATH) -> ReferralRules:
    overlay = read_overlay(ReferralOverlay, text, path, ReferralError)
    fallback = overlay.fallback_contact
    return ReferralRules(
        situations=tuple(_situation(s, s.options) for s in overlay.situations),
        modifiers=tuple(_situation(m, m.adjust) for m in overlay.modifiers),
        fallback=Fallback(fallback.record, fallback.say, fallback.why),
        contact_notes={name: entry.note for name, entry in overlay.contact_notes.items()},
    )


def _situation(entry: SituationEntry | ModifierEntry, candidates: Sequence[CandidateEntry]) -> Situation:
    return Situation(
        id=entry.id,
        label=entry.label,
        why=entry.why,
        triggers=tuple(_trigger(t) for t in entry.triggers),
        candidates=tuple(Candidate(c.record, c.weight, c.why, tuple(c.conditions), c.only_with) for c in candidates),
        ages=entry.ages,
    )


def _trigger(raw: str) -> Trigger:
    exact = raw.startswith("=")
    tokens = words(raw.lstrip("="))
    return Trigger(raw, tuple(TriggerWord(w, phonetic(stem(w)), stem(w), exact) for w in tokens))


def check_rules(rules: ReferralRules, records: Sequence[Record]) -> list[str]:
    """Problems of the rules against the document: unknown records, quotes not in the body."""
    by_name = {(r.code, r.title): r for r in records}
    problems = []
    names = [(sid, c.record, c.conditions) for sid, c in rules.references()]
    names += [("fallback_contact", rules.fallback.record, ())]
    names += [("contact_notes", name, ()) for name in rules.contact_notes]
    for where, name, quotes in names:
        record = by_name.get(name)
        if record is None:
            problems.append(f"{where}: geen record {name[0]} {name[1]!r} in het document")
            continue
        problems += [
            f"{where}: {q!r} staat niet letterlijk in {name[0]} {name[1]}" for q in quotes if q not in record.body
        ]
    fallback = by_name.get(rules.fallback.record)
    if fallback is not None and fallback.primary_contact() is None:
        problems.append("fallback_contact: dat record heeft geen contact in het document")
    return problems


# --- referral --------------------------------------------------------------------------


@dataclass
class Option:
    record: Record
    score: float
    why: str
    conditions: list[str]
    contact: Contact | None  # the record's own contact or its responsible service
    contact_text: str  # Dutch, ready to show; says so when the document gives no contact
    warnings: list[str] = field(default_factory=list)  # why it is ranked down

    @property
    def ranked_down(self) -> bool:
        return bool(self.warnings)

    def line(self, number: int, budget: int = OPTION_BUDGET) -> str:
        """One option for the copyable summary, at most `budget` characters when the parts allow it."""
        return _fit(
            f"{number}. {self.name}: {_sentence(self.why)}", self.conditions, f" Contact: {self.contact_text}", budget
        )

    def warning_line(self, budget: int = OPTION_BUDGET) -> str:
        """A ranked-down option: what it is and why it does not fit, in the document's words."""
        return _fit(f"- {self.name}: {_sentence(self.warnings[0])}", self.conditions, "", budget)

    @property
    def name(self) -> str:
        """Short name for a phone line; the full section label goes to the summary's sources."""
        return f"{self.record.title} ({self.record.code})"


def _fit(head: str, conditions: Sequence[str], tail: str, budget: int) -> str:
    text = head
    for quote in conditions:  # in priority order: stop at the first that does not fit
        part = f" “{quote}”."
        if len(text) + len(part) + len(tail) > budget:
            break
        text += part
    return text + tail


@dataclass
class Referral:
    description: str
    situations: list[str]  # labels of the matched situations, then of the matched modifiers
    options: list[Option]

    @property
    def unmatched(self) -> bool:
        return not self.options

    @property
    def recommended(self) -> list[Option]:
        return [o for o in self.options if not o.ranked_down]

    @property
    def less_suitable(self) -> list[Option]:
        return [o for o in self.options if o.ranked_down]

    def summary_text(self, limit: int = SUMMARY_LIMIT) -> str:
        """Short Dutch referral a worker can copy; empty when no situation was recognised."""
        if self.unmatched:
            return ""
        lines = [f"Situatie: {'; '.join(self.situations)}."]
        lines += [option.line(n) for n, option in enumerate(self.recommended[:limit], 1)]
        if self.less_suitable:
            lines.append("Minder geschikt:")
            lines += [option.warning_line() for option in self.less_suitable]
        shown = self.recommended[:limit] + self.less_suitable
        sources = "; ".join(dict.fromkeys(o.record.section_label() for o in shown))
        lines.append(f"Bron: Instrumenten lokaal woonbeleid Kortrijk, {sources}.")
        return "\n".join(lines)


def refer(description: str, records: Sequence[Record], rules: ReferralRules | None = None) -> Referral:
    """Ranked services for a described situation; no options when no situation is recognised."""
    rules = rules if rules is not None else default_rules()
    described = Description(description)
    situations = [s for s in rules.situations if described.names(s)]
    if not situations:
        return Referral(description, [], [])
    modifiers = [m for m in rules.modifiers if described.names(m)]
    by_name = {(r.code, r.title): r for r in records}
    order = {r.id: i for i, r in enumerate(records)}
    drafts = _drafts(situations, by_name)
    applied = _apply_modifiers(drafts, modifiers)
    options = [_option(draft, rules, by_name) for draft in drafts.values()]
    options.sort(key=lambda o: (-o.score, order.get(o.record.id, 0)))
    return Referral(description, [s.label for s in situations + applied], options)


@dataclass
class _Draft:
    record: Record
    score: float = 0.0
    whys: list[tuple[float, str]] = field(default_factory=list)  # (weight, why)
    situations: set[str] = field(default_factory=set)  # ids of the situations that brought it in
    conditions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_conditions(self, quotes: Sequence[str], first: bool = False) -> None:
        """Merge quotes without repeating one inside another; `first` puts them in front."""
        kept = [c for c in self.conditions if not any(c in q for q in quotes)]
        new = [q for q in quotes if not any(q in c for c in kept)]
        if first:
            moved = [c for c in kept if any(q in c for q in quotes)]
            self.conditions = new + moved + [c for c in kept if c not in moved]
        else:
            self.conditions = kept + new


def _drafts(situations: Sequence[Situation], by_name: dict[tuple[str, str], Record]) -> dict[str, _Draft]:
    drafts: dict[str, _Draft] = {}
    for situation in situations:
        for candidate in situation.candidates:
            record = by_name.get(candidate.record)
            if record is None:
                continue  # check_rules reports it; a partial record set must not break a referral
            draft = drafts.setdefault(record.id, _Draft(record))
            draft.score += candidate.weight
            draft.situations.add(situation.id)
            draft.whys.append((candidate.weight, candidate.why))
            draft.add_conditions(candidate.conditions)
    return drafts


def _apply_modifiers(drafts: dict[str, _Draft], modifiers: Sequence[Situation]) -> list[Situation]:
    """Re-rank what the situations brought in (a modifier adds nothing); returns the modifiers that did.

    Ranking down comes last, so that the quote saying why a record does not fit ends up first.
    """
    by_name = {(d.record.code, d.record.title): d for d in drafts.values()}
    adjustments = sorted(((m, c) for m in modifiers for c in m.candidates), key=lambda pair: -pair[1].weight)
    applied: list[Situation] = []
    for modifier, candidate in adjustments:
        draft = by_name.get(candidate.record)
        if draft is None or (candidate.only_with and not candidate.only_with & draft.situations):
            continue
        if modifier not in applied:
            applied.append(modifier)
        draft.score += candidate.weight
        if candidate.weight < 0:
            draft.warnings.insert(0, candidate.why)
        else:
            draft.whys.append((candidate.weight + max(w for w, _ in draft.whys), candidate.why))
        # The quote that explains a modifier is the one the worker must see first.
        draft.add_conditions(candidate.conditions, first=True)
    return sorted(applied, key=modifiers.index)


def _option(draft: _Draft, rules: ReferralRules, by_name: dict[tuple[str, str], Record]) -> Option:
    why = max(draft.whys, key=lambda pair: pair[0])[1]
    contact = draft.record.primary_contact()
    return Option(
        record=draft.record,
        score=draft.score,
        why=why,
        conditions=draft.conditions,
        contact=contact,
        contact_text=_contact_text(draft.record, contact, rules, by_name),
        warnings=draft.warnings,
    )


def _contact_text(
    record: Record, contact: Contact | None, rules: ReferralRules, by_name: dict[tuple[str, str], Record]
) -> str:
    if contact is not None:
        return _describe(contact, record)
    note = rules.contact_notes.get((record.code, record.title))
    if note is None:
        has_addresses = any(place.street for place in record.places)
        note = (
            f"geen telefoon in het document, adressen in {record.code}"
            if has_addresses
            else "geen contact in het document"
        )
    fallback_record = by_name.get(rules.fallback.record)
    fallback = fallback_record.primary_contact() if fallback_record else None
    if fallback is None:
        return _sentence(note)
    return _sentence(f"{note}; {rules.fallback.say}, {fallback.phone or fallback.email}")


def _describe(contact: Contact, record: Record) -> str:
    parts = [p for p in (contact.name, contact.phone or contact.email) if p]
    text = ", ".join(parts)
    unconfirmed = any(not c.confirmed and contact.phone in c.values for c in record.conflicts if contact.phone)
    return _sentence(text + (" (nummer niet bevestigd, check)" if unconfirmed else ""))


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
