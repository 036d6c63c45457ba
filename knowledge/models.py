"""SQL tables of the knowledge base: one row per record, one table per kind of fact.

Amounts are stored as text so that Decimal values survive every database exactly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

# SQLAlchemy 1.4 types its declarative base only through a mypy plugin and stubs we do not install.
Base: Any = declarative_base()


class Meta(Base):
    __tablename__ = "knowledge_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


class RecordRow(Base):
    __tablename__ = "knowledge_records"
    id = Column(String(120), primary_key=True)
    position = Column(Integer, nullable=False, index=True)
    code = Column(String(40), nullable=False, index=True)
    title = Column(Text, nullable=False)
    path = Column(JSON, nullable=False)
    body = Column(Text, nullable=False)
    text = Column(Text, nullable=False)
    lines = Column(JSON, nullable=False)
    has_content = Column(Boolean, nullable=False)
    answer = Column(Boolean, nullable=True)
    service_why = Column(Text, nullable=False, default="")

    contacts = relationship("ContactRow", cascade="all, delete-orphan", order_by="ContactRow.position")
    hours = relationship("HoursRow", cascade="all, delete-orphan", order_by="HoursRow.position")
    amounts = relationship("AmountRow", cascade="all, delete-orphan", order_by="AmountRow.position")
    quantities = relationship("QuantityRow", cascade="all, delete-orphan", order_by="QuantityRow.position")
    places = relationship("PlaceRow", cascade="all, delete-orphan", order_by="PlaceRow.position")
    dates = relationship("DateRow", cascade="all, delete-orphan", order_by="DateRow.position")
    conflicts = relationship("ConflictRow", cascade="all, delete-orphan", order_by="ConflictRow.position")
    terms = relationship("TermRow", cascade="all, delete-orphan", order_by="TermRow.position")


# Helpers rather than mixins: a mixin's foreign key must be a declared_attr, which SQLAlchemy
# 1.4 places after the class's own columns and so would reorder the tables.
def _fact_keys() -> tuple[Column, Column, Column]:
    """pk, record_id and position: every table of a record's facts starts with them."""
    return (
        Column(Integer, primary_key=True),
        Column(String(120), ForeignKey("knowledge_records.id", ondelete="CASCADE"), nullable=False, index=True),
        Column(Integer, nullable=False),
    )


def _measure_context() -> tuple[Column, Column, Column, Column, Column]:
    """text, purpose, qualifier, per and line: what an amount and a quantity both keep beside their value."""
    return (
        Column(Text, nullable=False),
        Column(Text, nullable=False),
        Column(String(16), nullable=False),
        Column(String(40), nullable=False),
        Column(Integer, nullable=False),
    )


class ContactRow(Base):
    __tablename__ = "knowledge_contacts"
    pk, record_id, position = _fact_keys()
    role = Column(String(16), nullable=False)  # "own" | "service"
    name = Column(Text, nullable=False)
    kind = Column(String(32), nullable=False)
    phone = Column(String(64), nullable=False)
    phone_normalised = Column(String(32), nullable=False, index=True)
    email = Column(String(200), nullable=False)
    street = Column(Text, nullable=False)
    number = Column(String(32), nullable=False)
    postcode = Column(String(8), nullable=False)
    municipality = Column(String(80), nullable=False)
    website = Column(String(200), nullable=False)
    lines = Column(JSON, nullable=False)
    preferred = Column(Boolean, nullable=False)


class HoursRow(Base):
    __tablename__ = "knowledge_hours"
    pk, record_id, position = _fact_keys()
    label = Column(Text, nullable=False)
    lines = Column(JSON, nullable=False)
    slots = relationship("HoursSlotRow", cascade="all, delete-orphan", order_by="HoursSlotRow.position")


class HoursSlotRow(Base):
    __tablename__ = "knowledge_hours_slots"
    pk = Column(Integer, primary_key=True)
    hours_pk = Column(Integer, ForeignKey("knowledge_hours.pk", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    day = Column(String(16), nullable=False)
    start = Column(String(5), nullable=False)
    end = Column(String(5), nullable=False)


class AmountRow(Base):
    __tablename__ = "knowledge_amounts"
    pk, record_id, position = _fact_keys()
    value = Column(String(32), nullable=False)
    max_value = Column(String(32), nullable=True)
    unit = Column(String(8), nullable=False)
    text, purpose, qualifier, per, line = _measure_context()


class QuantityRow(Base):
    __tablename__ = "knowledge_quantities"
    pk, record_id, position = _fact_keys()
    value = Column(String(32), nullable=False)
    unit = Column(String(80), nullable=False)
    kind = Column(String(16), nullable=False)
    text, purpose, qualifier, per, line = _measure_context()


class PlaceRow(Base):
    __tablename__ = "knowledge_places"
    pk, record_id, position = _fact_keys()
    name = Column(Text, nullable=False)
    kind = Column(String(40), nullable=False, index=True)
    operator = Column(String(80), nullable=False)
    area = Column(String(20), nullable=False)
    street = Column(Text, nullable=False)
    number = Column(String(32), nullable=False)
    postcode = Column(String(8), nullable=False)
    municipality = Column(String(80), nullable=False, index=True)
    group = Column(Text, nullable=False)
    line = Column(Integer, nullable=False)


class DateRow(Base):
    __tablename__ = "knowledge_dates"
    pk, record_id, position = _fact_keys()
    text = Column(String(80), nullable=False)
    value = Column(String(10), nullable=False)
    line = Column(Integer, nullable=False)


class ConflictRow(Base):
    __tablename__ = "knowledge_conflicts"
    pk, record_id, position = _fact_keys()
    subject = Column(Text, nullable=False)
    values = Column(JSON, nullable=False)
    preferred = Column(Text, nullable=False)
    why = Column(Text, nullable=False)
    confirmed = Column(Boolean, nullable=False)


class TermRow(Base):
    """Curated keywords and example questions of a record."""

    __tablename__ = "knowledge_terms"
    pk, record_id, position = _fact_keys()
    kind = Column(String(16), nullable=False)  # "keyword" | "example"
    text = Column(Text, nullable=False)
