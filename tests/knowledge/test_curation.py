from __future__ import annotations

import pytest

from knowledge.curation import CurationError, parse_curation
from knowledge.facts import PHONE, normalise_phone
from knowledge.nl.stem import stem
from knowledge.nl.stopwords import is_content
from knowledge.nl.words import words
from knowledge.parser import parse
from knowledge.search import SearchIndex


def test_every_entry_says_why(curation):
    entries = [
        *curation.noise,
        *curation.structure,
        *curation.spelling,
        *curation.conflicts,
        *curation.services,
        *curation.records.values(),
        *curation.outside,
    ]
    assert entries and all(e.why.strip() for e in entries)


def test_overrides_stay_few(curation):
    assert len(curation.structure) <= 5


def test_overlay_matches_the_current_source(source, curation, records):
    assert curation.stale(source, records) == []


@pytest.mark.parametrize(
    "code, title, wrong, right",
    [
        ("3", "Visie", "meot", "moet"),
        ("4.C.1.2.a", "Lokaal toewijzingsreglement", "Gooedgekeurd", "Goedgekeurd"),
        ("4.C.3.1", "Studentenkamers", "vergunnigen", "vergunningen"),
        ("5.A.3", "Conformiteitsattest woningen/kamers", "woongelegeheid", "woongelegenheid"),
        ("5.A.3", "Kwaliteitsonderzoek woningen/kamers", "dij de dienst", "bij de dienst"),
        ("1.B", "Lokaal woonoverleg", "private ector", "private sector"),
        ("1.B", "Stuurgroep thuisloosheid", "colloqium", "colloquium"),
    ],
)
def test_spelling_fixes_go_to_the_display_copy_only(by_key, code, title, wrong, right):
    record = by_key[code, title]
    assert wrong in record.body, f"body of ({code}, {title}) keeps {wrong!r} as written"
    assert wrong not in record.text and right in record.text, f"text of ({code}, {title}) should read {right!r}"


def test_spelling_fix_matches_whole_words_only(by_key):
    assert "sector" in by_key["1.B", "Lokaal woonoverleg"].text
    assert "ssector" not in " ".join(r.text for r in by_key.values())


def test_conflict_keeps_both_numbers_and_marks_the_preferred(by_key):
    record = by_key["5.A.3", "Kwaliteitsonderzoek woningen/kamers"]
    (conflict,) = record.conflicts
    assert set(conflict.values) == {"056/27.84.34", "056/24.84.34"}
    assert conflict.preferred == "056/27.84.34" and conflict.confirmed is False
    assert record.contacts[0].phone == "056/24.84.34" and record.contacts[0].preferred is False
    assert record.primary_contact().phone == "056/27.84.34", "show the preferred number, flagged as unconfirmed"


@pytest.mark.parametrize(
    "code, title, service_phone",
    [
        ("4.B.1", "Aankooppremie", "056/27.84.30"),
        ("6.B", "Andere subsidies/premies", "056/27.84.30"),
        ("7.B", "Crisisopvang", "056 24 42 22"),
        ("7.A", "Preventie van uithuiszetting", "056 24 42 22"),
        ("4.C.3.1", "Studentenkamers", "056/27.84.00"),
        ("5.A.3", "Conformiteitsattest woningen/kamers", "056/27.84.34"),
    ],
)
def test_responsible_service(by_key, code, title, service_phone):
    record = by_key[code, title]
    assert record.service is not None and record.service.phone == service_phone, f"({code}, {title}) → {service_phone}"
    assert record.primary_contact() is not None


def test_service_contacts_come_from_the_document(source, records):
    written = {normalise_phone(m.group()) for m in PHONE.finditer(source)}
    served = [record for record in records if record.service]
    assert served, "no record has a responsible service"
    for record in served:
        assert record.service.phone_normalised in written, f"{record.id}: service phone not in the document"


def test_keywords_and_examples(by_key):
    record = by_key["6.B", "Hemelwater"]
    assert "regenput" in record.keywords and "krijg ik iets terug voor een hemelwaterput" in record.examples


def test_synonyms_accept_plain_lists_and_mappings():
    curation = parse_curation("synonyms:\n  - [kot, studentenkamer]\n  - {terms: [regenput, hemelwaterput], why: x}\n")
    assert curation.synonyms == (("kot", "studentenkamer"), ("regenput", "hemelwaterput"))


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("spelling:\n  - {wrong: a, right: b}\n", "why"),
        ("noise:\n  - {text: x, pattern: y, why: z}\n", "text"),
        ("structure:\n  - {text: x, as: titel, why: z}\n", "as"),
        ("conflicts:\n  - {subject: s, values: [a, b], preferred: c, records: [], why: z}\n", "preferred"),
        ("records:\n  x: {keywords: [a]}\n", "why"),
        ("onbekend: []\n", "onbekende sectie"),
        ("services:\n  - {from: x, records: [y], why: z, extra: 1}\n", "onbekende sleutel"),
        ("outside:\n  - {label: EPC, terms: epc, why: z}\n", "terms"),
        ("outside:\n  - {label: EPC, terms: [epc]}\n", "why"),
    ],
)
def test_malformed_overlay_is_refused(text, complaint):
    with pytest.raises(CurationError, match=complaint):
        parse_curation(text)


def test_stale_entries_after_the_city_edits_the_page(source, curation):
    edited = (
        source.replace("meot", "moet")
        .replace("056/24.84.34", "056/27.84.34")
        .replace("Martine Knockaert", "Martine Knockaert-Verhaeghe")
        .replace("Studentenkamers\n", "Kamers voor studenten\n")
    )
    records = parse(edited, curation)
    stale = {(e.section, e.key) for e in curation.stale(edited, records)}
    assert ("spelling", "meot") in stale
    assert ("conflicts", "Telefoonnummer van de dienst Wonen") in stale
    assert ("structure", "Martine Knockaert") in stale
    assert ("services", "6-a-loket → 4-c-3-1-studentenkamers") in stale
    assert ("records", "records → 4-c-3-1-studentenkamers") in stale
    assert len(stale) == 5, stale


def test_an_outside_subject_the_page_starts_to_cover_is_stale(source, records):
    curation = parse_curation("outside:\n  - {label: EPC, terms: [epc, energielabel], why: x}\n")
    assert curation.stale(source, records) == []
    edited = source + "\nPremie voor een beter EPC\n"
    assert [(e.section, e.key) for e in curation.stale(edited, records)] == [("outside", "epc")]


def test_no_outside_term_is_a_word_of_the_records(curation, records):
    """An outside term names a subject the page lacks; a term the records, their keywords,
    example questions or the synonym list use would turn away questions the page answers."""
    index = SearchIndex.from_curation(records, curation)
    synonyms = {stem(w) for group in curation.synonyms for term in group for w in words(term)}
    assert curation.outside, "the overlay names no outside subject"
    clashes = [
        (subject.label, term)
        for subject in curation.outside
        for term in subject.terms
        if len(content := [w for w in words(term) if is_content(w)]) == 1
        and (content[0] in index.vocabulary.words or stem(content[0]) in synonyms)
    ]
    assert not clashes, f"outside terms that the records or synonyms use: {clashes}"
