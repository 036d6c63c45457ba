from __future__ import annotations

import pytest

from knowledge.curation import Curation
from knowledge.parser import parse, slug
from knowledge.records import Record, repeated_titles

# (code, title, has_content): the boundaries agreed in COMMON.md.
CONTRACT = [
    ("6.B", "Dakisolatie", True),
    ("2.A", "Sociaal Huis", True),
    ("2.A", "Balie Bouwen, Milieu en Wonen", True),
    ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", True),
    ("1.B", "Overleg andere actoren", False),
    ("1.B", "Overleg met de private woon- en zorgcentra", True),
    ("1.B", "Het Lokaal Steunpunt Thuiszorg Kortrijk (= afdeling Kortrijk van het SEL Z W Vl.)", True),
    ("1.B", "Stuurgroep thuisloosheid", True),
    ("1.C", "Huurdersbond", True),
    ("1.C", "Woonclub", True),
    ("6.B", "Aanpasbaar/levenslang wonen", True),
    ("7.B", "Daklozenopvang", False),
    ("7.B", "RCK", True),
    ("7.B", "Opvangcentra", True),
    ("7.B", "Nachtopvang", True),
    ("7.B", "Noodwoningen", False),
    ("7.B", "Doorgangswoningen", True),
    ("7.B", "Andere initiatieven", False),
    ("7.B", "Project Huis Inclusief", True),
    ("7.B", "Crisisopvang", True),
    ("4.B.3.1", "Wonen en zorg op een kruispunt", True),
    ("7.A", "Preventie van uithuiszetting", True),
    ("7.A", "Wandelingstraat", True),
    ("7.A", "Begeleiding daklozen/thuislozen", True),
    ("2.A", "Team Wonen OCMW", True),
    ("5.A.3", "Conformiteitsattest woningen/kamers", True),
    ("5.A.3", "Kwaliteitsonderzoek woningen/kamers", True),
    ("6.B", "Hemelwater", True),
    ("6.B", "Groendak en Co-veiligheid", True),
    ("6.A", "Loket", True),
    ("4.C.3.1", "Studentenkamers", True),
    ("4.A.1.1", "Register van onbebouwde percelen", True),
    ("2.A", "Woonwinkel", False),
    ("4.B.1", "Aankooppremie", False),
    ("5.D", "Snelherstel", False),
    ("6", "DUURZAAM WONEN EN VERBOUWEN", False),
    ("4.A.2.2.1.1.a", "Aankoop, verkoop of ruil van gronden", False),
    ("4.C.1.2.a", "Lokaal toewijzingsreglement", True),
]


@pytest.mark.parametrize("code, title, has_content", CONTRACT)
def test_contract_records(by_key, code, title, has_content):
    assert (code, title) in by_key, f"no record ({code!r}, {title!r})"
    assert by_key[code, title].has_content is has_content, f"({code}, {title}) has_content should be {has_content}"


def test_record_counts(records):
    with_content = sum(r.has_content for r in records)
    assert (len(records), with_content) == (189, 66)


def test_ids_are_unique_slugs(records):
    ids = [r.id for r in records]
    assert ids, "the source parsed into no records"
    assert len(ids) == len(set(ids))
    assert all(r.id.startswith(slug(r.code, r.title)) for r in records)


def test_duplicate_slugs_get_a_deterministic_suffix():
    text = "1. EEN\nA. SECTIE\nKamers\neerste tekst.\nKamers\ntweede tekst.\n"
    ids = [r.id for r in parse(text, Curation())]
    assert ids == ["1-een", "1-a-sectie", "1-a-kamers", "1-a-kamers-2"]


def test_id_example(by_key):
    assert by_key["6.B", "Dakisolatie"].id == "6-b-dakisolatie"


@pytest.mark.parametrize(
    "code, title, label",
    [
        ("6.B", "Dakisolatie", "6.B Subsidies/premies/leningen — Dakisolatie"),
        ("6.B", "SUBSIDIES/PREMIES/LENINGEN", "6.B Subsidies/premies/leningen"),
        ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", "4.C.2.1.a Oprichten of ondersteunen van een SVK"),
    ],
)
def test_section_label(by_key, code, title, label):
    assert by_key[code, title].section_label() == label


@pytest.mark.parametrize(
    "code, title, label",
    [
        ("7.C", "Andere", "Andere (Bijzondere woonvormen)"),
        ("9", "EXPERIMENTEN", "Experimenten"),
        ("6.B", "Dakisolatie", "Dakisolatie"),
    ],
)
def test_a_choice_button_names_its_record_on_its_own(records, by_key, code, title, label):
    """A resident who sees the button "Andere" cannot tell which "Andere" it is."""
    assert by_key[code, title].choice_label(repeated_titles(records)) == label


def test_paths_run_from_chapter_to_title(by_key):
    record = by_key["4.A.2.2.1.1.a", "Aankoop, verkoop of ruil van gronden"]
    assert record.path == (
        "AANBOD BETAALBARE WONINGEN VERHOGEN",
        "BETAALBARE GRONDPRIJS",
        "Verhogen betaalbaarheid bouwgrond via grondbeleid",
        "Gronden van het lokaal bestuur",
        "Decretaal instrumentarium",
        "Actief gemeentelijk grondbeleid",
        "Aankoop, verkoop of ruil van gronden",
    )
    assert by_key["6.B", "Dakisolatie"].path[-1] == "Dakisolatie"


@pytest.mark.parametrize(
    "code, title, fragment",
    [
        ("2.A", "Sociaal Huis", "vrijdag: 9 - 12u en 13 - 15u"),
        ("2.A", "Sociaal Huis", "Budastraat 27"),
        ("2.A", "Balie Bouwen, Milieu en Wonen", "Dinsdag, donderdag en vrijdag"),
        ("2.A", "Balie Bouwen, Milieu en Wonen", "bouwen.milieu.wonen@kortrijk.be"),
        ("1.C", "Huurdersbond", "Samenwerking Huurdersbond – OCMW - Stad Kortrijk"),
        ("4.B.3.1", "Wonen en zorg op een kruispunt", "Martine Knockaert"),
        ("6.B", "Aanpasbaar/levenslang wonen", "Verder"),
        ("6.B", "Aanpasbaar/levenslang wonen", "Medicura Orthoshop"),
        ("7.B", "Project Huis Inclusief", "Momenteel"),
        ("5.A.2", "andere", "uitbatingsvergunning"),
        ("4.C.1.2.a", "Lokaal toewijzingsreglement", "Gooedgekeurd november 2012"),
    ],
)
def test_body_boundaries(by_key, code, title, fragment):
    assert fragment in by_key[code, title].body, f"{fragment!r} should be in the body of ({code}, {title})"


def test_body_is_as_written_and_text_is_tidied(by_key, source):
    record = by_key["2.A", "Balie Bouwen, Milieu en Wonen"]
    assert source.split("\n")[77] in record.body.split("\n"), "line 78 (the contact block) should stay as written"
    assert "contact :\nBalie Bouwen, Milieu en Wonen\nGrote Markt 54, 8500 Kortrijk" in record.text


@pytest.mark.parametrize(
    "code, title, answer",
    [
        ("4.A.1.1", "Register van onbebouwde percelen", True),
        ("4.A.1.1", "Heffingen op onbebouwde percelen", False),
        ("5.C", "Gemeentelijke opcentiemen op de Vlaamse heffing op verwaarlozing", True),
        ("5.C", "Gemeentelijke heffing op verwaarlozing", False),
        ("5.C", "Recht van voorkoop obv Vlaamse Wooncode", True),
        ("5.D", "Lijst van ongeschikt of onbewoonbaar verklaarde woningen", True),
        ("5.D", "Gemeentelijke heffing op verkrotting", False),
        ("5.D", "Stimulerende maatregelen ter voorkoming/beëindiging van verkrotting", False),
    ],
)
def test_yes_no_answers(by_key, code, title, answer):
    assert by_key[code, title].answer is answer, f"({code}, {title}) should answer {'ja' if answer else 'nee'}"


def test_only_bare_ja_nee_bodies_are_answers(records):
    answered = [r for r in records if r.answer is not None]
    assert len(answered) == 10
    assert all(r.body.strip() in ("ja", "nee") for r in answered)


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Dakisolatie", True),
        (
            "Register van onbebouwde percelen in eigendom van Vlaamse besturen en Vlaamse semipublieke rechtspersonen",
            True,
        ),
        ("De balie Bouwen, Milieu en Wonen werkt met", False),
        ("Te verkrijgen bij de dienst Bouwen, Milieu en Wonen", False),
        ("Zie 1C - woonclub", False),
        ("Volgens Vlaamse Wooncode", False),
        ("Gooedgekeurd november 2012", False),
        ("Samenwerking stad-CAW-Samenlevingsopbouw.", False),
        ("Wij informeren de burger over :", False),
        ("van leegstand naar ondernemerschap", False),
    ],
)
def test_heading_heuristic(line, heading):
    text = f"1. HOOFDSTUK\nA. SECTIE\n{line}\n"
    records = parse(text, Curation())
    assert any(line in (r.title, *r.body.split("\n")) for r in records), (
        f"{line!r} is in no record of {[r.title for r in records]}"
    )
    assert any(r.title == line for r in records) is heading, f"{line!r} should {'' if heading else 'not '}be a heading"


def test_list_label_between_text_and_bullets_is_body():
    text = "1. HOOFDSTUK\nDienst\nWe helpen graag.\nMomenteel\n • 8 woningen\n"
    titles = [r.title for r in parse(text, Curation())]
    assert titles, f"{text!r} parsed into no records"
    assert "Momenteel" not in titles


def test_structure_overrides_decide_where_the_heuristic_cannot(source, curation):
    bare = {(r.code, r.title) for r in parse(source, Curation(noise=curation.noise))}
    assert ("4.B.3.1", "Martine Knockaert") in bare, "without the overlay the person's name looks like a heading"
    assert ("5.A.2", "andere") not in bare
    curated = {(r.code, r.title) for r in parse(source, curation)}
    assert ("4.B.3.1", "Martine Knockaert") not in curated and ("5.A.2", "andere") in curated


def test_records_are_records(records):
    assert records, "the source parsed into no records"
    assert all(isinstance(r, Record) for r in records)
