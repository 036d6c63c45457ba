"""Fixtures of the knowledge tests: the source parsed once with the real overlay."""

from __future__ import annotations

import pytest

from knowledge.curation import Curation, load_curation
from knowledge.parser import load_source, parse
from knowledge.records import Record


@pytest.fixture(scope="session")
def source() -> str:
    return load_source()


@pytest.fixture(scope="session")
def curation() -> Curation:
    return load_curation()


@pytest.fixture(scope="session")
def records(source: str, curation: Curation) -> list[Record]:
    return parse(source, curation)


@pytest.fixture(scope="session")
def by_key(records: list[Record]) -> dict[tuple[str, str], Record]:
    return {(r.code, r.title): r for r in records}


@pytest.fixture(scope="session")
def by_id(records: list[Record]) -> dict[str, Record]:
    return {r.id: r for r in records}
