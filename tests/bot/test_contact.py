"""Without a usable knowledge base nothing starts, and the reason is plain."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import contact


@pytest.fixture(autouse=True)
def fresh():
    contact.sociaal_huis.cache_clear()
    yield
    contact.sociaal_huis.cache_clear()


def test_the_sociaal_huis_comes_from_the_page() -> None:
    assert contact.sociaal_huis() == "Sociaal Huis, tel. 056 24 42 22"


@pytest.mark.parametrize("content", [None, b"dit is geen database"], ids=["missing", "corrupt"])
def test_a_missing_or_corrupt_knowledge_base_says_what_to_do(tmp_path: Path, monkeypatch, content) -> None:
    db = tmp_path / "knowledge.sqlite3"
    if content is not None:
        db.write_bytes(content)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    with pytest.raises(contact.KnowledgeMissing, match="make kb"):
        contact.sociaal_huis()


def test_make_run_stops_before_starting_anything(tmp_path: Path, monkeypatch, capsys) -> None:
    from bot import run

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    monkeypatch.setattr(run, "PIDFILE", tmp_path / "run.pid")
    monkeypatch.setattr(run, "refuse_if_busy", lambda *_: None)
    assert run.main([]) == 1
    assert "kennisbank ontbreekt" in capsys.readouterr().err
