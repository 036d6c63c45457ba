from __future__ import annotations

import pytest

from knowledge import store
from knowledge.settings import ROOT


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'kb' / 'knowledge.sqlite3'}"


def test_round_trip(url, records):
    report = store.build(url)
    assert not report.unchanged and report.records == len(records)
    assert store.load_records(url) == records


def test_rebuild_without_changes_is_a_no_op(url):
    store.build(url)
    again = store.build(url)
    assert again.unchanged and (again.added, again.removed, again.changed) == ([], [], [])


def test_rebuild_from_an_edited_document_reports_the_difference(url, source):
    store.build(url)
    edited = (
        source.replace("kost 62,5 euro per woongelegeheid", "kost 70 euro per woongelegeheid")
        .replace("Snelherstel\n", "")
        .replace("Woonwagenterrein\n", "Woonwagenterrein\nStandplaatsen\nEr zijn 12 standplaatsen.\n")
    )
    report = store.build(url, source=edited)
    assert report.added == ["7-c-standplaatsen"]
    assert report.removed == ["5-d-snelherstel"]
    assert report.changed == ["5-a-3-conformiteitsattest-woningen-kamers"]
    stored = {r.id: r for r in store.load_records(url)}
    assert stored["5-a-3-conformiteitsattest-woningen-kamers"].amounts[0].text == "70 euro"
    assert "5-d-snelherstel" not in stored


def test_report_counts(url, records):
    report = store.build(url)
    assert (report.with_content + report.without_content, report.hours, report.contacts) == (len(records), 2, 10)


def test_database_url_from_the_environment(tmp_path, monkeypatch, records):
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{target}")
    store.build()
    assert target.exists() and len(store.load_records()) == len(records)


def test_default_database_is_a_sqlite_file_under_var(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert store.database_url() == f"sqlite:///{ROOT / 'var' / 'knowledge.sqlite3'}"


def test_empty_store_loads_nothing(url):
    assert store.load_records(url) == []
