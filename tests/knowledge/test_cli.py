from __future__ import annotations

import io
import json

import pytest

from knowledge import store
from knowledge.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_build_prints_progress_and_summary(db):
    code, text = run("build")
    assert code == 0
    assert "Records: 189 (66 met inhoud, 123 zonder)" in text
    assert "Tabellen met openingsuren: 2" in text and "Verouderde curatie-items: 0" in text
    code, text = run("build")
    assert "Kennisbank ongewijzigd" in text


def test_build_from_another_source(db, tmp_path, source):
    path = tmp_path / "bron.txt"
    path.write_text(source.replace("Snelherstel\n", ""), encoding="utf-8")
    run("build")
    code, text = run("build", "--source", str(path))
    assert code == 0 and "Verdwenen: 1" in text and "5-d-snelherstel" in text


def test_show_prints_every_field_in_dutch(db):
    run("build")
    code, text = run("show", "2-a-sociaal-huis")
    assert code == 0
    for label in (
        "Code: 2.A",
        "Titel: Sociaal Huis",
        "Contacten:",
        "056 24 42 22",
        "Openingsuren:",
        "vr 09:00-12:00 en 13:00-15:00",
        "Trefwoorden:",
        "Bronregels:",
    ):
        assert label in text, f"show should print {label!r}"


def test_show_flags_the_unconfirmed_number(db):
    run("build")
    _, text = run("show", "5-a-3-kwaliteitsonderzoek-woningen-kamers")
    assert "niet bevestigd" in text and "056/24.84.34" in text and "056/27.84.34" in text


def test_show_unknown_id_exits_1(db):
    run("build")
    assert run("show", "bestaat-niet")[0] == 1


@pytest.mark.parametrize("argv", [[], ["export"], ["vlieg"], ["search"], ["search", "x", "--limit", "0"]])
def test_bad_usage_exits_2(db, argv):
    with pytest.raises(SystemExit) as exit_:
        run(*argv)
    assert exit_.value.code == 2


def test_export_json_has_every_field(db, records):
    run("build")
    code, text = run("export", "--json")
    data = json.loads(text)
    assert code == 0 and len(data) == len(records)
    dakisolatie = next(r for r in data if r["id"] == "6-b-dakisolatie")
    assert set(dakisolatie) >= {
        "id",
        "code",
        "title",
        "path",
        "body",
        "text",
        "lines",
        "has_content",
        "keywords",
        "examples",
        "contacts",
        "hours",
        "amounts",
        "quantities",
        "answer",
        "places",
        "dates",
        "service",
        "conflicts",
    }
    svk = next(r for r in data if r["id"] == "4-c-2-1-a-oprichten-of-ondersteunen-van-een-svk")
    assert svk["amounts"][0] != {"value": "62.5"} and svk["amounts"][0]["value"] == "500"


def test_commands_build_an_empty_store_first(db):
    code, text = run("show", "6-b-dakisolatie")
    assert code == 0 and "Dakisolatie" in text and store.load_records(db)


def test_search(db):
    pytest.importorskip("knowledge.search")
    run("build")
    code, text = run("search", "premie om mijn dak te isoleren", "--json", "--limit", "3")
    result = json.loads(text)
    assert code == 0 and set(result) == {"query", "no_good_match", "confidence", "outside", "hits"}
    assert len(result["hits"]) <= 3
    assert result["hits"][0]["id"] == "6-b-dakisolatie", (
        "'premie om mijn dak te isoleren' should find Dakisolatie (6.B)"
    )
    code, text = run("search", "dakisolatie")
    assert code == 0 and "6.B Subsidies/premies/leningen — Dakisolatie" in text


def test_search_names_a_subject_outside_the_page(db):
    run("build")
    code, text = run("search", "wat kost een epc voor mijn huis")
    assert code == 0 and "'EPC en energieprestatie', en dat staat niet op de pagina" in text, text
