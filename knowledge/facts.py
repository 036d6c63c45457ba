"""Typed facts read from a record's body lines: contacts, opening hours, amounts, quantities, places, dates.

Every function takes the body as (line number, text as written) pairs and is pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Sequence

from knowledge.nl.times import WEEKDAYS
from knowledge.records import Amount, Contact, DateFact, Hours, Place, Quantity, Slot

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

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
AMOUNT_RANGE = re.compile(rf"tussen\s+(?P<low>{NUMBER})\s+en\s+(?P<high>{NUMBER})\s*(?:euro|€)", re.IGNORECASE)
AMOUNT = re.compile(
    rf"€\s*(?P<a>{NUMBER})|(?P<b>{NUMBER})\s*(?:euro\b|€)|(?P<c>{NUMBER})\s*%",
    re.IGNORECASE,
)
MAX_WORDS = re.compile(r"\b(?:max(?:imaal|imale|imum)?\.?|hoogstens|ten hoogste)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
MIN_WORDS = re.compile(r"\b(?:min(?:imaal|imale|imum)?\.?|minstens|ten minste)\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
ABOUT_WORDS = re.compile(r"\b(?:zo['’]n|ongeveer|circa|ca\.|een)\s*$", re.IGNORECASE)

COUNT = re.compile(
    r"(?<![\w/.,€§-])(?P<n>\d+)(?P<tal>tal)?(?![\d/:%€]|[.,]\d)"
    r"(?:\s*x\s+per\s+(?P<xper>\w+)|\s+(?P<unit>(?:[a-z]+e\s+)?[A-Za-z][\w-]*(?:\s+partners)?))?"
)
DURATION_UNITS = {"dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren", "nacht", "nachten"}
NOT_UNITS = {"en", "of", "van", "tot", "bus", "euro", "u"}
LIST_MARKER = re.compile(r"^\s*\d+\.\s")

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
DATE_DMY = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b")
DATE_MY = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)})\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)

ENUMERATION = re.compile(r"(?P<count>\d+)\s+(?P<what>[\w ]+?)\s+(?:uit,\s*nl\.|als)\s+(?P<items>[^.]+)")
# The document's own list labels decide what kind of place follows.
PLACE_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"lokale dienstencentra", re.I), "lokaal dienstencentrum"),
    (re.compile(r"regionale dienstencentra", re.I), "regionaal dienstencentrum"),
    (re.compile(r"opvangcentra", re.I), "opvangcentrum"),
    (re.compile(r"^verder$", re.I), "andere dienst"),
)
PLACE_AREAS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"kernstad", re.I), "kernstad"),
    (re.compile(r"deelgemeente", re.I), "deelgemeente"),
)
# A list item without a postcode is only read as an address when it ends in the city's own name.
HOME_TOWN = "Kortrijk"
PLACE_TAIL = re.compile(
    r"(?:,?\s*(?P<postcode>\d{4})\s+(?P<town>[A-Z][\w]*(?:-[A-Z][\w]*)*)|\s+(?P<home>" + HOME_TOWN + r"))\s*$"
)
PLACE_HEAD = re.compile(r"^(?P<name>.+)[,;]\s*(?P<street>[^,;]*?[a-z])(?:\s+(?P<number>\d+[a-z]?(?:\s+bus\s+\d+)?))?$")
BULLET = re.compile(r"^\s*[•·\-*]\s*")


def normalise_phone(text: str) -> str:
    """Belgian number as written -> international form: "056/27.84.30" -> "+3256278430"."""
    digits = re.sub(r"\D", "", text)
    return "+32" + digits[1:] if digits.startswith("0") else digits


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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
        name=name, kind=kind, phone=f.get("phone", ""), phone_normalised=normalise_phone(f["phone"]) if f.get("phone") else "",
        email=f.get("email", ""), street=f.get("street", ""), number=f.get("number", ""), postcode=f.get("postcode", ""),
        municipality=f.get("municipality", ""), website=f.get("website", ""), lines=tuple(draft.lines),
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
    for number, text in list(lines) + [(0, "")]:
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


# --- amounts and quantities -----------------------------------------------------------------------

def _decimal(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


ABBREVIATION = re.compile(r"(?:^|\s)(?:nl|ev|bv|vb|o\.a|m\.b\.t|i\.v\.m|e\.d\.m|excl|incl|nr|tel)\.$", re.IGNORECASE)


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of one line; "nl." and its kind do not end a sentence."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.;!?])\s+(?=[A-Z(])", text):
        if ABBREVIATION.search(text[start : m.start()]):
            continue
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def _purpose(text: str, start: int, end: int) -> str:
    """The clause around a match: its sentence, cut at commas, then at most 7 words either side."""
    for offset, sentence in _sentences(text):
        if offset <= start < offset + len(sentence) + 1:
            break
    rel_start, rel_end = start - offset, end - offset
    left = re.split(r"[,;]\s", BULLET.sub("", sentence[:rel_start]))[-1]
    right = re.split(r"[,;)]", sentence[rel_end:])[0]
    left_words, right_words = left.split()[-7:], right.split()[:7]
    clause = " ".join(left_words + [sentence[rel_start:rel_end]] + right_words)
    return tidy(clause.replace("(", " ").replace(")", " ")).rstrip(" .")


def _qualifier(before: str) -> str:
    if MAX_WORDS.search(before):
        return "max"
    if MIN_WORDS.search(before):
        return "min"
    if ABOUT_WORDS.search(before):
        return "ongeveer"
    return ""


def _per(text: str, start: int, end: int) -> str:
    if after := re.match(r"\s*per\s+(\w+)", text[end:]):
        return after.group(1)
    sentence = next(s for o, s in reversed(_sentences(text)) if o <= start)
    return "jaar" if re.search(r"\bjaarlijks\b|\bper jaar\b", sentence, re.I) else ""


def extract_amounts(lines: Sequence[Line]) -> tuple[Amount, ...]:
    amounts: list[Amount] = []
    for number, text in lines:
        taken: list[tuple[int, int]] = []
        for m in AMOUNT_RANGE.finditer(text):
            taken.append(m.span())
            amounts.append(_amount(text, number, m, _decimal(m["low"]), "EUR", _decimal(m["high"])))
        for m in AMOUNT.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            value = m["a"] or m["b"] or m["c"]
            amounts.append(_amount(text, number, m, _decimal(value), "%" if m["c"] else "EUR", None))
    return tuple(amounts)


def _amount(text: str, number: int, m: re.Match[str], value: Decimal, unit: str, high: Decimal | None) -> Amount:
    return Amount(
        value=value, unit=unit, text=m.group().strip(), purpose=_purpose(text, *m.span()), max_value=high,
        qualifier=_qualifier(text[: m.start()]), per=_per(text, *m.span()), line=number,
    )


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans that hold numbers of other kinds (phones, addresses, amounts, dates, times, list markers)."""
    spans: list[tuple[int, int]] = []
    for pattern in (PHONE, EMAIL, ADDRESS, POSTCODE_TOWN, AMOUNT_RANGE, AMOUNT, DATE_DMY, DATE_MY, TIME_SPAN, LIST_MARKER):
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.extend(m.span() for m in re.finditer(r"\b(?:19|20)\d{2}\b|artikel\s+\d+|§\s*\d+", text))
    return spans


def extract_quantities(lines: Sequence[Line]) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    for number, text in lines:
        masked = _masked_spans(text)
        for offset, sentence in _sentences(text):
            last_unit = ""
            for m in COUNT.finditer(sentence):
                start, end = offset + m.start(), offset + m.end()
                if any(s <= start < e for s, e in masked):
                    continue
                unit, per = _unit(m)
                if not unit:
                    if not last_unit:
                        continue
                    unit = last_unit  # "460 wooneenheden op een totaal aanbod van 1276"
                last_unit = unit
                found.append(Quantity(
                    value=Decimal(m["n"]), unit=unit, kind="duration" if unit in DURATION_UNITS else "count",
                    text=text[start:end].strip(), purpose=_purpose(text, start, end),
                    qualifier="ongeveer" if m["tal"] else _qualifier(text[:start]),
                    per=per or _per(text, start, end), line=number,
                ))
    return tuple(found)


def _unit(m: re.Match[str]) -> tuple[str, str]:
    if m["xper"]:
        return "keer", m["xper"]
    unit = (m["unit"] or "").strip()
    first = unit.split()[0] if unit else ""
    if not unit or first in NOT_UNITS:
        return "", ""
    return unit, ""


# --- dates, yes/no --------------------------------------------------------------------------------

def extract_dates(lines: Sequence[Line]) -> tuple[DateFact, ...]:
    dates: list[tuple[int, int, DateFact]] = []
    for number, text in lines:
        for m in DATE_DMY.finditer(text):
            iso = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
            dates.append((number, m.start(), DateFact(m.group(), iso, number)))
        for m in DATE_MY.finditer(text):
            iso = f"{m['y']}-{MONTHS.index(m['month'].lower()) + 1:02d}"
            dates.append((number, m.start(), DateFact(m.group(), iso, number)))
    return tuple(d for _, _, d in sorted(dates, key=lambda x: (x[0], x[1])))


def has_date(text: str) -> bool:
    return bool(DATE_DMY.search(text) or DATE_MY.search(text))


def extract_answer(body: str) -> bool | None:
    word = body.strip().lower()
    return {"ja": True, "nee": False}.get(word)


# --- places -------------------------------------------------------------------------------------

def extract_places(lines: Sequence[Line]) -> tuple[Place, ...]:
    places: list[Place] = []
    kind = area = group = ""
    for number, text in lines:
        places.extend(_enumerated_places(number, text))
        if not BULLET.match(text):
            label = tidy(text).rstrip(":")
            for pattern, value in PLACE_KINDS:
                if pattern.search(label):
                    sentence = next(s for _, s in _sentences(label) if pattern.search(s))
                    kind, area, group = value, "", sentence.rstrip(".")
            for pattern, value in PLACE_AREAS:
                if pattern.search(label) and len(label.split()) <= 4:
                    area, group = value, label
            continue
        if kind and (place := _listed_place(BULLET.sub("", text).strip(), number)):
            places.append(replace(place, kind=kind, area=area, group=group))
    return tuple(places)


def _listed_place(item: str, number: int) -> Place | None:
    tail = PLACE_TAIL.search(item)
    if not tail:
        return None
    head = PLACE_HEAD.match(item[: tail.start()].strip())
    if not head:
        return None
    return Place(
        name=tidy(head["name"]), kind="", street=tidy(head["street"]), number=head["number"] or "",
        postcode=tail["postcode"] or "", municipality=tail["town"] or tail["home"], line=number,
    )


def _enumerated_places(number: int, text: str) -> Iterable[Place]:
    """"5 WZC uit, nl. A, B, C, D en E": exactly as many names as the count says, or none."""
    previous = ""
    for _, sentence in _sentences(text):
        for m in ENUMERATION.finditer(sentence):
            context = previous + " " + sentence
            if not re.search(r"\bWZC\b|woonzorgcentr", context):
                continue
            count = int(m["count"])
            names = [n.strip() for n in re.split(r",\s*|\s+en\s+", m["items"])][:count]
            if len(names) != count:
                continue
            operator = "OCMW Kortrijk" if "OCMW" in sentence else ("privaat" if "privat" in sentence else "")
            for name in names:
                yield Place(name=name, kind="woonzorgcentrum", operator=operator, group=tidy(m.group("what")), line=number)
        previous = sentence
