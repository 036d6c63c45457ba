"""What a social worker types about a client loses the personal data; amounts and the city's contacts stay."""

from __future__ import annotations

import pytest

from knowledge.privacy import scrub


@pytest.mark.parametrize(
    "message, personal, label",
    [
        ("mijn rijksregisternummer is 85.07.30-033.61", "85.07.30-033.61", "[rijksregisternummer]"),
        ("rrn 85073003361 van mevrouw", "85073003361", "[rijksregisternummer]"),
        ("rijksregister 02 11 05 123 45", "02 11 05 123 45", "[rijksregisternummer]"),
        ("stort op BE68 5390 0754 7034 aub", "BE68 5390 0754 7034", "[rekeningnummer]"),
        ("rekening be68539007547034", "be68539007547034", "[rekeningnummer]"),
        ("mail mij op jan.peeters+huur@telenet.be", "jan.peeters+huur@telenet.be", "[e-mailadres]"),
        ("bel me op 0475 12 34 56", "0475 12 34 56", "[telefoonnummer]"),
        ("gsm 0475/12.34.56", "0475/12.34.56", "[telefoonnummer]"),
        ("mijn nummer is +32 475 12 34 56", "+32 475 12 34 56", "[telefoonnummer]"),
        ("tel 056 12 34 56", "056 12 34 56", "[telefoonnummer]"),
        ("cliënt woont in de Kerkstraat 12 te Heule", "Kerkstraat 12", "[adres]"),
        ("adres: Doorniksesteenweg 145 bus 3, 8500 Kortrijk", "Doorniksesteenweg 145 bus 3", "[adres]"),
        ("ze woont op de grote markt 5", "markt 5", "[adres]"),
        ("wij wonen in de leiestraat 7b", "leiestraat 7b", "[adres]"),
    ],
)
def test_personal_data_is_replaced(message: str, personal: str, label: str) -> None:
    scrubbed = scrub(message)
    assert personal not in scrubbed and label in scrubbed, f"{message!r} → {scrubbed!r}"


@pytest.mark.parametrize(
    "message",
    [
        "mijn KI is 850 en mijn huur 450 euro",
        "KI: 1.250, huur € 451 per maand",
        "kadastraal inkomen 745 huur 430",
        "we zijn met 4 personen en de huur is 650/maand",
        "ik ben 3 weken weg 2 dagen per week",
        "premie dakisolatie voor 2026?",
        "is het Sociaal Huis open op 25/12?",
    ],
)
def test_amounts_and_ordinary_words_stay(message: str) -> None:
    assert scrub(message) == message


@pytest.mark.parametrize(
    "message",
    [
        "klopt het nummer 056/27.84.33 van de balie?",
        "is dat 056 24 42 22?",
        "moet ik naar de Budastraat 27?",
        "mail ik naar info@sociaalhuiskortrijk.be",
        "is het in de Tuighuisstraat of Blekerstraat 31?",
    ],
)
def test_the_citys_own_contacts_stay(message: str) -> None:
    assert scrub(message) == message
