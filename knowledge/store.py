"""Build the knowledge base into SQL and read it back as Records.

The database is `DATABASE_URL` or a SQLite file under var/. A build whose source, overlay and
parser are unchanged (same fingerprint) writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, selectinload

from knowledge import models as m
from knowledge import settings
from knowledge.curation import CURATION_PATH, StaleEntry, load_curation
from knowledge.parser import load_source, parse
from knowledge.records import Amount, Conflict, Contact, DateFact, Hours, Place, Quantity, Record, to_jsonable

# The parse depends on these files too: a change in them is a change of the knowledge base.
CODE_FILES = (
    "parser.py",
    "facts.py",
    "measures.py",
    "places.py",
    "curation.py",
    "overlays.py",
    "records.py",
    "models.py",
)


def database_url(url: str | None = None) -> str:
    return url or settings.database_url()


def engine_for(url: str | None = None) -> Engine:
    resolved = make_url(database_url(url))
    if resolved.drivername.startswith("sqlite") and resolved.database not in (None, "", ":memory:"):
        Path(resolved.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(resolved, future=True)
    m.Base.metadata.create_all(engine)
    return engine


@dataclass
class BuildReport:
    fingerprint: str
    unchanged: bool
    records: int
    with_content: int
    without_content: int
    contacts: int
    hours: int
    amounts: int
    quantities: int
    places: int
    dates: int
    stale: list[StaleEntry] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def fingerprint(source: str, curation_text: str) -> str:
    digest = hashlib.sha256()
    for part in (source, curation_text, *((Path(__file__).parent / f).read_text("utf-8") for f in CODE_FILES)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def build(
    url: str | None = None,
    source: str | None = None,
    curation_path: Path | str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> BuildReport:
    """Parse the source with the overlay and store it; report what changed since the last build."""
    text = source if source is not None else load_source()
    curation_text = Path(curation_path or CURATION_PATH).read_text(encoding="utf-8")
    curation = load_curation(curation_path)
    progress("Document inlezen en opdelen in records ...")
    records = parse(text, curation)
    stale = curation.stale(text, records)
    stamp = fingerprint(text, curation_text)
    engine = engine_for(url)
    with Session(engine, future=True) as session:
        previous = session.get(m.Meta, "fingerprint")
        if previous is not None and previous.value == stamp:
            progress("Niets veranderd sinds de vorige opbouw.")
            return _report(stamp, True, records, stale)
        progress("Vorige versie vergelijken ...")
        old = {r.id: r for r in _load(session)}
        new = {r.id: r for r in records}
        progress(f"{len(records)} records wegschrijven ...")
        _replace_all(session, records)
        session.merge(m.Meta(key="fingerprint", value=stamp))
        session.commit()
    report = _report(stamp, False, records, stale)
    report.added = [i for i in new if i not in old]
    report.removed = [i for i in old if i not in new]
    report.changed = [i for i in new if i in old and _content(old[i]) != _content(new[i])]
    return report


def _content(record: Record) -> object:
    """A record without its line numbers: an edit higher up the page shifts them but changes nothing."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("lines", "line")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(to_jsonable(record))


def _report(stamp: str, unchanged: bool, records: Sequence[Record], stale: list[StaleEntry]) -> BuildReport:
    with_content = sum(r.has_content for r in records)
    return BuildReport(
        fingerprint=stamp,
        unchanged=unchanged,
        records=len(records),
        with_content=with_content,
        without_content=len(records) - with_content,
        contacts=sum(len(r.contacts) for r in records),
        hours=sum(len(r.hours) for r in records),
        amounts=sum(len(r.amounts) for r in records),
        quantities=sum(len(r.quantities) for r in records),
        places=sum(len(r.places) for r in records),
        dates=sum(len(r.dates) for r in records),
        stale=stale,
    )


def load_records(url: str | None = None) -> list[Record]:
    """The stored records in document order (empty when nothing was built yet)."""
    with Session(engine_for(url), future=True) as session:
        return _load(session)


def _load(session: Session) -> list[Record]:
    query = (
        select(m.RecordRow)
        .order_by(m.RecordRow.position)
        .options(
            selectinload(m.RecordRow.contacts),
            selectinload(m.RecordRow.hours).selectinload(m.HoursRow.slots),
            selectinload(m.RecordRow.amounts),
            selectinload(m.RecordRow.quantities),
            selectinload(m.RecordRow.places),
            selectinload(m.RecordRow.dates),
            selectinload(m.RecordRow.conflicts),
            selectinload(m.RecordRow.terms),
        )
    )
    return [_from_row(row) for row in session.execute(query).scalars()]


def _replace_all(session: Session, records: Sequence[Record]) -> None:
    # Children first: SQLite does not enforce ON DELETE CASCADE unless asked to.
    for table in (
        m.HoursSlotRow,
        m.ContactRow,
        m.HoursRow,
        m.AmountRow,
        m.QuantityRow,
        m.PlaceRow,
        m.DateRow,
        m.ConflictRow,
        m.TermRow,
        m.RecordRow,
    ):
        session.execute(delete(table))
    session.add_all(_to_row(position, record) for position, record in enumerate(records))


# --- Record <-> rows -----------------------------------------------------------------------------

CONTACT_FIELDS = (
    "name",
    "kind",
    "phone",
    "phone_normalised",
    "email",
    "street",
    "number",
    "postcode",
    "municipality",
    "website",
    "preferred",
)
PLACE_FIELDS = ("name", "kind", "operator", "area", "street", "number", "postcode", "municipality", "group", "line")
AMOUNT_FIELDS = ("value", "max_value", "unit", "text", "purpose", "qualifier", "per", "line")
QUANTITY_FIELDS = ("value", "unit", "kind", "text", "purpose", "qualifier", "per", "line")
DECIMAL_FIELDS = ("value", "max_value")  # text in SQL, Decimal in a Record (models.py says why)


def _measure(source: object, names: tuple[str, ...], decimal: Callable[[Any], object]) -> dict[str, Any]:
    """The named fields of an amount or a quantity, or of its row; `decimal` converts the decimals, None stays."""
    values = {name: getattr(source, name) for name in names}
    return {name: decimal(v) if name in DECIMAL_FIELDS and v is not None else v for name, v in values.items()}


def _to_row(position: int, r: Record) -> m.RecordRow:
    contacts = [("own", c) for c in r.contacts] + ([("service", r.service)] if r.service else [])
    return m.RecordRow(
        id=r.id,
        position=position,
        code=r.code,
        title=r.title,
        path=list(r.path),
        body=r.body,
        text=r.text,
        lines=list(r.lines),
        has_content=r.has_content,
        answer=r.answer,
        service_why=r.service_why,
        contacts=[
            m.ContactRow(position=i, role=role, lines=list(c.lines), **{f: getattr(c, f) for f in CONTACT_FIELDS})
            for i, (role, c) in enumerate(contacts)
        ],
        hours=[
            m.HoursRow(
                position=i,
                label=h.label,
                lines=list(h.lines),
                slots=[
                    m.HoursSlotRow(position=j, day=day, start=start, end=end)
                    for j, (day, start, end) in enumerate((d, s, e) for d, slots in h.days for s, e in slots)
                ],
            )
            for i, h in enumerate(r.hours)
        ],
        amounts=[m.AmountRow(position=i, **_measure(a, AMOUNT_FIELDS, str)) for i, a in enumerate(r.amounts)],
        quantities=[m.QuantityRow(position=i, **_measure(q, QUANTITY_FIELDS, str)) for i, q in enumerate(r.quantities)],
        places=[m.PlaceRow(position=i, **{f: getattr(p, f) for f in PLACE_FIELDS}) for i, p in enumerate(r.places)],
        dates=[m.DateRow(position=i, text=d.text, value=d.value, line=d.line) for i, d in enumerate(r.dates)],
        conflicts=[
            m.ConflictRow(
                position=i,
                subject=c.subject,
                values=list(c.values),
                preferred=c.preferred,
                why=c.why,
                confirmed=c.confirmed,
            )
            for i, c in enumerate(r.conflicts)
        ],
        terms=[m.TermRow(position=i, kind="keyword", text=k) for i, k in enumerate(r.keywords)]
        + [m.TermRow(position=len(r.keywords) + i, kind="example", text=e) for i, e in enumerate(r.examples)],
    )


def _from_row(row: m.RecordRow) -> Record:
    def contact(c: m.ContactRow) -> Contact:
        return Contact(lines=tuple(c.lines), **{f: getattr(c, f) for f in CONTACT_FIELDS})

    service = next((contact(c) for c in row.contacts if c.role == "service"), None)
    return Record(
        id=row.id,
        code=row.code,
        title=row.title,
        path=tuple(row.path),
        body=row.body,
        lines=tuple(row.lines),
        has_content=row.has_content,
        text=row.text,
        keywords=tuple(t.text for t in row.terms if t.kind == "keyword"),
        examples=tuple(t.text for t in row.terms if t.kind == "example"),
        contacts=tuple(contact(c) for c in row.contacts if c.role == "own"),
        hours=tuple(_hours(h) for h in row.hours),
        amounts=tuple(Amount(**_measure(a, AMOUNT_FIELDS, Decimal)) for a in row.amounts),
        quantities=tuple(Quantity(**_measure(q, QUANTITY_FIELDS, Decimal)) for q in row.quantities),
        answer=row.answer,
        places=tuple(Place(**{f: getattr(p, f) for f in PLACE_FIELDS}) for p in row.places),
        dates=tuple(DateFact(d.text, d.value, d.line) for d in row.dates),
        service=service,
        service_why=row.service_why,
        conflicts=tuple(Conflict(c.subject, tuple(c.values), c.preferred, c.why, c.confirmed) for c in row.conflicts),
    )


def _hours(row: m.HoursRow) -> Hours:
    days: dict[str, list[tuple[str, str]]] = {}
    for slot in row.slots:
        days.setdefault(slot.day, []).append((slot.start, slot.end))
    return Hours(label=row.label, days=tuple((d, tuple(s)) for d, s in days.items()), lines=tuple(row.lines))
