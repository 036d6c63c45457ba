from __future__ import annotations

from decimal import Decimal

import pytest

from knowledge import facts
from knowledge.measures import extract_quantities
from knowledge.places import extract_places

SOCIAAL_HUIS_HOURS = [
    ("maandag", (("09:00", "12:00"), ("13:00", "16:00"))),
    ("dinsdag", (("09:00", "12:00"), ("13:00", "18:00"))),
    ("woensdag", (("09:00", "12:00"), ("13:00", "16:00"))),
    ("donderdag", (("09:00", "12:00"), ("13:00", "16:00"))),
    ("vrijdag", (("09:00", "12:00"), ("13:00", "15:00"))),
    ("zaterdag", ()),
    ("zondag", ()),
]
BALIE_HOURS = [
    ("maandag", (("09:00", "12:30"), ("16:00", "19:00"))),
    ("dinsdag", (("09:00", "12:30"),)),
    ("woensdag", (("09:00", "16:00"),)),
    ("donderdag", (("09:00", "12:30"),)),
    ("vrijdag", (("09:00", "12:30"),)),
    ("zaterdag", ()),
    ("zondag", ()),
]


@pytest.mark.parametrize("day, slots", SOCIAAL_HUIS_HOURS)
def test_sociaal_huis_hours(by_key, day, slots):
    (hours,) = by_key["2.A", "Sociaal Huis"].hours
    assert hours.slots(day) == slots, f"Sociaal Huis op {day} should be {slots}"


@pytest.mark.parametrize("day, slots", BALIE_HOURS)
def test_balie_frontoffice_hours(by_key, day, slots):
    (hours,) = by_key["2.A", "Balie Bouwen, Milieu en Wonen"].hours
    assert hours.label == "frontoffice"
    assert hours.slots(day) == slots, f"Balie frontoffice op {day} should be {slots}"


def test_only_two_hours_tables(records):
    assert [r.title for r in records if r.hours] == ["Balie Bouwen, Milieu en Wonen", "Sociaal Huis"]


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Maandag tot vrijdag: 8u30 - 12u",
            {d: (("08:30", "12:00"),) for d in ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")},
        ),
        (" • zaterdag en zondag: 10:00-17:00", {"zaterdag": (("10:00", "17:00"),), "zondag": (("10:00", "17:00"),)}),
        ("woensdag: 9.15 - 11.45 u. en 14 - 16 u.", {"woensdag": (("09:15", "11:45"), ("14:00", "16:00"))}),
        (
            "Dinsdag, donderdag en vrijdag: 9 - 12.30 u.",
            {d: (("09:00", "12:30"),) for d in ("dinsdag", "donderdag", "vrijdag")},
        ),
    ],
)
def test_hours_phrasings(line, expected):
    (table,) = facts.extract_hours([(1, line)])
    assert dict(table.days) == expected, f"{line!r} should read as {expected}"


def test_lines_without_times_are_no_hours():
    assert facts.extract_hours([(1, "Maandag: gesloten"), (2, "De balie is open op maandag.")]) == ()


def test_day_range_expands():
    (table,) = facts.extract_hours([(1, "Maandag tot vrijdag: 9 - 12 u.")])
    assert [d for d, _ in table.days] == ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]


OCMW_WZC = ["Sint Jozef", "Lichtendal", "de Weister", "Biezenheem", "Ter Melle"]
PRIVATE_WZC = [
    "Home ’t Hoge",
    "De Korenbloem",
    "De Pottelberg",
    "Sint Carolus",
    "Heilig Hart",
    "Sint Vincentius",
    "De Ruysschaert",
]


def test_woonzorgcentra(by_key):
    places = by_key["1.B", "Overleg met de private woon- en zorgcentra"].places
    assert [p.name for p in places if p.operator == "OCMW Kortrijk"] == OCMW_WZC
    assert [p.name for p in places if p.operator == "privaat"] == PRIVATE_WZC
    assert {p.kind for p in places} == {"woonzorgcentrum"}


def test_enumeration_must_match_its_count():
    assert extract_places([(1, "Het OCMW baat zelf 3 WZC uit, nl. A en B.")]) == ()


def _dienstencentra(by_key):
    return [p for p in by_key["6.B", "Aanpasbaar/levenslang wonen"].places if p.kind == "lokaal dienstencentrum"]


@pytest.mark.parametrize(
    "town, name, street, number, postcode",
    [
        ("Heule", "De Zevenkamer", "Mellestraat", "15", "8501"),
        ("Bissegem", "De Vlaskapelle", "H. Dewildestraat", "8", "8501"),
        ("Marke", "t Cirkant", "Hellestraat", "6", "8510"),
        ("Rollegem", "Seniorenacties Kortrijk-Zuid", "Tombroekstraat", "2", "8510"),
    ],
)
def test_dienstencentrum_per_deelgemeente(by_key, town, name, street, number, postcode):
    found = [p for p in _dienstencentra(by_key) if p.municipality == town]
    assert len(found) == 1, f"one lokaal dienstencentrum expected in {town}"
    place = found[0]
    assert (place.name, place.street, place.number, place.postcode, place.area) == (
        name,
        street,
        number,
        postcode,
        "deelgemeente",
    )


@pytest.mark.parametrize("town", ["Aalbeke", "Bellegem", "Kooigem"])
def test_deelgemeenten_without_dienstencentrum(by_key, records, town):
    assert any(r.places for r in records), "the records hold no places"
    assert not [p for r in records for p in r.places if p.municipality == town], f"the document lists nothing in {town}"


def test_dienstencentra_in_kernstad(by_key):
    kernstad = [(p.name, p.street, p.number) for p in _dienstencentra(by_key) if p.area == "kernstad"]
    assert kernstad == [
        ("De Zonnewijzer", "Langemeersstraat", "6"),
        ("Overleie", "Overleiestraat", "45"),
        ("De Condé", "Condédreef", "16"),
    ]


def test_regional_and_other_services(by_key):
    places = by_key["6.B", "Aanpasbaar/levenslang wonen"].places
    regional = [p.municipality for p in places if p.kind == "regionaal dienstencentrum"]
    other = [p.name for p in places if p.kind == "andere dienst"]
    assert regional == ["Kortrijk", "Brugge", "Tielt"]
    assert len(other) == 5 and other[-1] == "Medicura Orthoshop"
    assert next(p for p in places if p.municipality == "Sint-Andries").number == "294 bus 1"


def test_caw_opvangcentra(by_key):
    places = by_key["7.B", "Opvangcentra"].places
    assert len(places) == 5 and {p.kind for p in places} == {"opvangcentrum"}
    assert [p.street for p in places] == [
        "Tuighuisstraat",
        "Blekerstraat",
        "Blekerstraat",
        "Stasegemsestraat",
        "Aalbeeksesteenweg",
    ]
    assert {p.municipality for p in places} == {"Kortrijk"}


@pytest.mark.parametrize(
    "code, title, value, unit, words",
    [
        ("1.C", "Huurdersbond", "18000", "EUR", "Huurdersbond"),
        ("5.A.3", "Conformiteitsattest woningen/kamers", "62.5", "EUR", "per woongelegeheid"),
        ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", "20", "%", "maandelijkse huurprijs"),
        ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", "450", "EUR", "maximale huurprijs"),
        ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", "1000", "EUR", "instappremie"),
        ("4.C.2.1.a", "Oprichten of ondersteunen van een SVK", "125000", "EUR", "jaarlijks"),
        ("7.A", "Begeleiding daklozen/thuislozen", "1", "EUR", "warme maaltijd"),
    ],
)
def test_amounts(by_key, code, title, value, unit, words):
    amounts = [a for a in by_key[code, title].amounts if a.value == Decimal(value) and a.max_value is None]
    assert amounts, f"({code}, {title}) should state {value} {unit}"
    assert amounts[0].unit == unit and words in amounts[0].purpose, amounts[0]


def test_amount_details(by_key):
    svk = {a.text: a for a in by_key["4.C.2.1.a", "Oprichten of ondersteunen van een SVK"].amounts}
    ki = svk["tussen 500 en 1000 euro"]
    assert (ki.value, ki.max_value, "KI" in ki.purpose) == (Decimal(500), Decimal(1000), True)
    assert svk["€450"].qualifier == "max"
    assert svk["125000 euro"].per == "jaar"
    assert by_key["1.C", "Huurdersbond"].amounts[0].per == "jaar"
    assert by_key["5.A.3", "Conformiteitsattest woningen/kamers"].amounts[0].per == "woongelegeheid"


def test_amount_count(records):
    assert sum(len(r.amounts) for r in records) == 8


@pytest.mark.parametrize(
    "code, title, text, value, unit, kind, qualifier, per",
    [
        ("7.B", "Crisisopvang", "30 dagen", 30, "dagen", "duration", "max", ""),
        ("7.B", "Project Huis Inclusief", "3 maand", 3, "maand", "duration", "", ""),
        ("7.B", "Doorgangswoningen", "20 doorgangswoningen", 20, "doorgangswoningen", "count", "", ""),
        ("7.A", "Preventie van uithuiszetting", "180 namen", 180, "namen", "count", "ongeveer", "jaar"),
        ("7.A", "Preventie van uithuiszetting", "50tal vragen", 50, "vragen", "count", "ongeveer", "jaar"),
        (
            "4.C.2.1.a",
            "Oprichten of ondersteunen van een SVK",
            "30 nieuwe woningen",
            30,
            "nieuwe woningen",
            "count",
            "",
            "jaar",
        ),
        ("7.B", "Project Huis Inclusief", "8 woningen", 8, "woningen", "count", "", ""),
        ("7.B", "Project Huis Inclusief", "2 woningen", 2, "woningen", "count", "", ""),
        ("1.B", "Overleg met de private woon- en zorgcentra", "460 wooneenheden", 460, "wooneenheden", "count", "", ""),
        ("1.B", "Overleg met de private woon- en zorgcentra", "1276", 1276, "wooneenheden", "count", "", ""),
        ("1.B", "Overleg met de private woon- en zorgcentra", "4 x per jaar", 4, "keer", "count", "", "jaar"),
    ],
)
def test_quantities(by_key, code, title, text, value, unit, kind, qualifier, per):
    found = [q for q in by_key[code, title].quantities if q.text == text]
    assert found, f"({code}, {title}) should state {text!r}"
    q = found[0]
    assert (q.value, q.unit, q.kind, q.qualifier, q.per) == (Decimal(value), unit, kind, qualifier, per)


def test_extension_of_huis_inclusief(by_key):
    stays = [q for q in by_key["7.B", "Project Huis Inclusief"].quantities if q.unit == "maand"]
    assert len(stays) == 2 and "verlengbaar" in stays[1].purpose


@pytest.mark.parametrize(
    "text",
    [
        "Budastraat 27  - 056/ 24 48 02",
        "Sinds 2008 geven we",
        "artikel 60 §3 van",
        "Maandag: 9 - 12.30 u.",
        " 1. Informatie, advies",
        "8500 Kortrijk",
    ],
)
def test_numbers_of_other_kinds_are_no_quantities(text):
    assert extract_quantities([(1, text)]) == ()


@pytest.mark.parametrize(
    "code, title, name, phone, normalised, email, street",
    [
        (
            "2.A",
            "Balie Bouwen, Milieu en Wonen",
            "Balie Bouwen, Milieu en Wonen",
            "056/27.84.30",
            "+3256278430",
            "bouwen.milieu.wonen@kortrijk.be",
            "Grote Markt",
        ),
        (
            "2.A",
            "Sociaal Huis",
            "Sociaal Huis",
            "056 24 42 22",
            "+3256244222",
            "info@sociaalhuiskortrijk.be",
            "Budastraat",
        ),
        ("6.B", "Dakisolatie", "Dienst Bouwen, Milieu en Wonen", "056/27.84.33", "+3256278433", "", ""),
        ("6.B", "Hemelwater", "dienst Bouwen, Milieu en Wonen", "056/27.84.33", "+3256278433", "", ""),
        ("5.A.2", "andere", "directie Wonen", "056/27.84.34", "+3256278434", "", ""),
        ("5.A.3", "Kwaliteitsonderzoek woningen/kamers", "dienst Wonen", "056/24.84.34", "+3256248434", "", ""),
        (
            "4.B.3.1",
            "Wonen en zorg op een kruispunt",
            "Martine Knockaert",
            "056/ 24 48 02",
            "+3256244802",
            "martine.knockaert@ocmwkortrijk.be",
            "Budastraat",
        ),
        ("4.C.3.1", "Studentenkamers", "", "056/27 84 00", "+3256278400", "", ""),
        ("6.A", "Loket", "dienst Bouwen, Milieu en Wonen", "056/27.84.00", "+3256278400", "", ""),
    ],
)
def test_contacts(by_key, code, title, name, phone, normalised, email, street):
    (contact,) = by_key[code, title].contacts
    assert (contact.name, contact.phone, contact.phone_normalised, contact.email, contact.street) == (
        name,
        phone,
        normalised,
        email,
        street,
    ), f"({code}, {title}) contact should be {name} {phone}"


def test_contact_addresses(by_key):
    balie = by_key["2.A", "Balie Bouwen, Milieu en Wonen"].contacts[0]
    assert (balie.number, balie.postcode, balie.municipality, balie.kind) == ("54", "8500", "Kortrijk", "service")
    martine = by_key["4.B.3.1", "Wonen en zorg op een kruispunt"].contacts[0]
    assert (martine.kind, martine.number, martine.postcode, martine.website) == (
        "person",
        "27",
        "",
        "www.ocmwkortrijk.be",
    )


def test_contact_count(records):
    assert sum(len(r.contacts) for r in records) == 10


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("056/27.84.30", "+3256278430"),
        ("056 24 42 22", "+3256244222"),
        ("056/ 24 48 02", "+3256244802"),
        ("056/27 84 00", "+3256278400"),
        ("09 123 45 67", "+3291234567"),
    ],
)
def test_normalise_phone(written, normalised):
    assert facts.normalise_phone(written) == normalised


@pytest.mark.parametrize(
    "code, title, text, value",
    [
        ("4.C.1.2.a", "Lokaal toewijzingsreglement", "november 2012", "2012-11"),
        ("7.A", "Recuperatie kosten herhuisvesting", "21/09/2011", "2011-09-21"),
        ("7.B", "Nachtopvang", "december 2015", "2015-12"),
        ("7.C", "Doortrekkersterrein", "oktober 2009", "2009-10"),
    ],
)
def test_dates(by_key, code, title, text, value):
    assert [(d.text, d.value) for d in by_key[code, title].dates] == [(text, value)]
