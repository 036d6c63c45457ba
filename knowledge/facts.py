"""Typed facts read from a record's body lines: contacts, opening hours, a yes/no answer; and the
patterns and helpers knowledge.measures and knowledge.places share.

Every function takes the body as (line number, text as written) pairs and is pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.nl.times import WEEKDAYS
from knowledge.records import Contact, Hours, Slot

Line = tuple[int, str]

PHONE = re.compile(r"(?<!\d)0\d{2,3}\s*/?\s*\d{2}[ .]?\d{2}[ .]?\d{2}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEBSITE = re.compile(r"\bwww\.[\w-]+(?:\.[\w-]+)+")
STREET = r"(?:[A-Z][\w'.-]*\s)?(?:[A-Z][\w'.-]*?(?:straat|laan|markt|park|dreef|steenweg|weg|plein)|Markt|Plein)"
ADDRESS = re.compile(
    rf"(?P<street>{STREET})\s+(?P<number>\d+[a-z]?(?:\s+bus\s+\d+)?)"
    r"(?:,?\s*(?P<postcode>\d{4})\s+(?P<municipality>[A-Z][\w]*(?:-[A-Z][\w]*)*))?"
)
POSTCODE_TOWN = re.compile(r"\b\d{4}\s+[A-Z]")
# "dienst Wonen", "Dienst Bouwen, Milieu en Wonen", "directie Wonen", "balie Bouwen, Milieu en Wonen"
SERVICE = re.compile(r"\b(?:[Dd]ienst|[Dd]irectie|[Bb]alie)\s+[A-Z]\w*(?:,\s[A-Z]\w*)*(?:\sen\s[A-Z]\w*)?")
PERSON = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}$")

DAY = "|".join(WEEKDAYS)
DAY_LIST = re.compile(
    rf"(?P<days>(?:{DAY})(?:\s*(?:,|\ben\b|&|\btot\b|t\.e\.m\.|-)\s*(?:{DAY}))*)\s*:\s*(?P<times>.*)$",
    re.IGNORECASE,
)
TIME_SPAN = re.compile(
    r"(?P<h1>\d{1,2})(?:[.:hu](?P<m1>\d{2}))?\s*u?\.?\s*(?:-|–|tot)\s*(?P<h2>\d{1,2})(?:[.:hu](?P<m2>\d{2}))?\s*(?:u\b\.?)?",
)

BULLET = re.compile(r"^\s*[•·\-*]\s*")


def normalise_phone(text: str) -> str:
    """Belgian number as written -> international form: "056/27.84.30" -> "+3256278430"."""
    digits = re.sub(r"\D", "", text)
    return "+32" + digits[1:] if digits.startswith("0") else digits


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


ABBREVIATION = re.compile(r"(?:^|\s)(?:nl|ev|bv|vb|o\.a|m\.b\.t|i\.v\.m|e\.d\.m|excl|incl|nr|tel)\.$", re.IGNORECASE)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of one line; "nl." and its kind do not end a sentence."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.;!?])\s+(?=[A-Z(])", text):
        if ABBREVIATION.search(text[start : m.start()]):
            continue
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


# --- contacts -----------------------------------------------------------------------------------


@dataclass
class _Draft:
    fields: dict[str, str]
    lines: list[int]

    def can_take(self, new: dict[str, str]) -> bool:
        return all(self.fields.get(k, "").lower() in ("", v.lower()) for k, v in new.items())


def extract_contacts(lines: Sequence[Line], title: str) -> tuple[Contact, ...]:
    """Contacts whose parts may spread over consecutive lines; a part already filled starts a new contact."""
    drafts: list[_Draft] = []
    for number, text in lines:
        found = _contact_parts(text, title, lines)
        if not found:
            continue
        if drafts and drafts[-1].can_take(found):
            drafts[-1].fields.update(found)
            drafts[-1].lines.append(number)
        else:
            drafts.append(_Draft(dict(found), [number]))
    return tuple(_contact(d) for d in drafts if _reachable(d.fields))


def _reachable(fields: dict[str, str]) -> bool:
    # An address alone is a place (see extract_places), not a way to reach someone.
    return any(fields.get(k) for k in ("phone", "email"))


def _contact(draft: _Draft) -> Contact:
    f = draft.fields
    name = f.get("name", "")
    kind = "person" if f.get("person") else ("service" if SERVICE.fullmatch(name) else ("organisation" if name else ""))
    return Contact(
        name=name,
        kind=kind,
        phone=f.get("phone", ""),
        phone_normalised=normalise_phone(f["phone"]) if f.get("phone") else "",
        email=f.get("email", ""),
        street=f.get("street", ""),
        number=f.get("number", ""),
        postcode=f.get("postcode", ""),
        municipality=f.get("municipality", ""),
        website=f.get("website", ""),
        lines=tuple(draft.lines),
    )


def _contact_parts(text: str, title: str, lines: Sequence[Line]) -> dict[str, str]:
    parts: dict[str, str] = {}
    stripped = text.strip()
    if phone := PHONE.search(text):
        parts["phone"] = phone.group().strip()
    if email := EMAIL.search(text):
        parts["email"] = email.group()
    if site := WEBSITE.search(text):
        parts["website"] = site.group()
    if address := ADDRESS.search(text):
        parts.update({k: v for k, v in address.groupdict().items() if v})
    if service := SERVICE.search(text):
        parts["name"] = service.group()
    elif title and re.search(rf"\b(?:het|de)\s+{re.escape(title)}\b", text, re.IGNORECASE):
        # "Het sociaal huis is gevestigd ...": the record's own title, used as a name, names the contact.
        parts["name"] = title
    elif PERSON.match(stripped) and _person_has_mail(stripped, lines):
        parts["name"] = stripped
        parts["person"] = "yes"
    return parts


def _person_has_mail(name: str, lines: Sequence[Line]) -> bool:
    first = name.split()[0].lower()
    return any(first in m.group().lower() for _, t in lines for m in EMAIL.finditer(t))


# --- opening hours --------------------------------------------------------------------------------

_HoursLine = tuple[int, list[tuple[str, tuple[Slot, ...]]]]  # line number, (day, slots) pairs


def extract_hours(lines: Sequence[Line]) -> tuple[Hours, ...]:
    """Runs of consecutive "dag(en): 9 - 12u en 13 - 16u" lines, each run one table."""
    tables: list[Hours] = []
    run: list[_HoursLine] = []
    previous = ""
    label = ""
    for number, text in [*list(lines), (0, "")]:
        parsed = _hours_line(text)
        if parsed:
            if not run:
                label = parsed[0] or _label(previous)
            run.append((number, parsed[1]))
        else:
            if run:
                tables.append(_table(label, run))
                run = []
            previous = text
    return tuple(tables)


def _label(previous: str) -> str:
    words = tidy(previous).rstrip(":")
    return words if 0 < len(words.split()) <= 3 else "openingsuren"


def _table(label: str, run: list[_HoursLine]) -> Hours:
    days: dict[str, list[Slot]] = {}
    for _, entries in run:
        for day, slots in entries:
            days.setdefault(day, []).extend(slots)
    ordered = tuple((d, tuple(days[d])) for d in WEEKDAYS if d in days)
    return Hours(label=label, days=ordered, lines=tuple(n for n, _ in run))


def _hours_line(text: str) -> tuple[str, list[tuple[str, tuple[Slot, ...]]]] | None:
    """(label before the days, [(day, slots)]) or None when the line holds no day with times."""
    match = DAY_LIST.search(text)
    if not match:
        return None
    slots = tuple(_slot(m) for m in TIME_SPAN.finditer(match.group("times")))
    if not slots:
        return None
    label = tidy(BULLET.sub("", text[: match.start()])).strip("( ")
    return label, [(day, slots) for day in _days(match.group("days"))]


def _days(text: str) -> list[str]:
    names = [d.lower() for d in re.findall(DAY, text, re.IGNORECASE)]
    if len(names) == 2 and re.search(r"\btot\b|t\.e\.m\.|-", text):
        first, last = WEEKDAYS.index(names[0]), WEEKDAYS.index(names[1])
        return list(WEEKDAYS[first : last + 1])
    return names


def _slot(match: re.Match[str]) -> Slot:
    return (f"{int(match['h1']):02d}:{match['m1'] or '00'}", f"{int(match['h2']):02d}:{match['m2'] or '00'}")


# --- yes/no -------------------------------------------------------------------------------------


def extract_answer(body: str) -> bool | None:
    word = body.strip().lower()
    return {"ja": True, "nee": False}.get(word)
