"""SearchIndex on small hand-made records: the behaviour, independent of the parser."""

import pytest

from knowledge.curation import OutsideSubject
from knowledge.records import Record
from knowledge.search import SearchIndex, merge_groups, roles


def record(
    code: str, title: str, body: str = "", parents: tuple[str, ...] = (), keywords: tuple[str, ...] = ()
) -> Record:
    return Record(
        id=f"{code}-{title}".lower().replace(" ", "-"),
        code=code,
        title=title,
        path=(*parents, title),
        body=body,
        lines=(1,),
        has_content=bool(body),
        keywords=keywords,
    )


PREMIES = ("DUURZAAM WONEN EN VERBOUWEN", "SUBSIDIES/PREMIES/LENINGEN")
RECORDS = [
    record("6.B", "Dakisolatie", "Stad Kortrijk verstrekt een premie voor het isoleren van het dak.", PREMIES),
    record(
        "6.B",
        "Hemelwater",
        "Stad Kortrijk verstrekt een premie voor het plaatsen van een regenput.",
        PREMIES,
        keywords=("regenput",),
    ),
    record("6.B", "Vlaamse Woonlening", "", PREMIES),
    record(
        "2.A",
        "Sociaal Huis",
        "In het Sociaal Huis kan iedereen terecht met alle vragen rond sociale dienstverlening. "
        "Openingsuren: maandag 9 - 12u. Budastraat 27, 8500 Kortrijk.",
    ),
    record(
        "1.C",
        "Huurdersbond",
        "De huurdersbond geeft huurders juridisch advies over huurprijsverhogingen en opzeggingen.",
    ),
    record(
        "7.A",
        "Preventie van uithuiszetting",
        "Vanuit de griffie van het vredegerecht wordt het OCMW op de hoogte gebracht van de gerechtelijke "
        "uithuiszettingen. Er zijn afspraken om sneller op te treden bij huurachterstand.",
    ),
    record("2.A", "Woonwinkel"),
    record(
        "5.A.3", "Conformiteitsattest woningen/kamers", "Een conformiteitsattest kost 62,5 euro per woongelegenheid."
    ),
    record("1.B", "Lokale woonraad", "De Woonraad is een advies- en overlegorgaan. De Woonraad werkt met kerngroepen."),
    record("3", "Advisering door lokale woonraad"),
    record(
        "7.B",
        "RCK",
        "Hulpverleners buiten de kantooruren kunnen een beroep doen op het crisisbed.",
        keywords=("regionaal crisisnetwerk",),
    ),
    record("5.D", "Snelherstel"),
    record("5.D", "Herstelvordering", "De Stad Kortrijk sluit zich aan bij de herstelvorderingen van de inspectie."),
    record("7.A", "Wandelingstraat", "Het OCMW beheert een logementswoning waar alleenstaande mannen verblijven."),
    record(
        "7.A",
        "Begeleiding daklozen/thuislozen",
        "Thuis- en daklozen kunnen terecht in de inloopcentra voor een gesprek en een kom soep.",
    ),
    record(
        "4.C.3.1",
        "Studentenkamers",
        "Voorlopig geen vergunningen om bijkomende studentenkamers te bouwen.",
        keywords=("kot",),
    ),
]
SYNONYMS = [
    ["regenput", "regenwaterput", "hemelwaterput", "regenton"],
    ["uithuiszetting", "uitzetting", "uit mijn huis gezet", "moet uit mijn huis", "op straat zetten"],
    ["verhuurder", "huisbaas", "proprietaris"],
    ["dakloos", "daklozen", "thuisloos", "op straat"],
    # French and English next to the Dutch, in separate groups as in curation.yml.
    ["regenput", "citerne", "rainwater tank"],
    ["dakloos", "sans-abri", "homeless"],
    ["uithuiszetting", "expulsion", "eviction"],
    ["premie", "prime", "subsidy", "grant"],
    ["huis", "woning", "appartement"],
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(RECORDS, SYNONYMS)


def top(index: SearchIndex, query: str) -> str:
    result = index.search(query)
    assert result.hits, f"{query!r} found nothing"
    return result.hits[0].record.title


@pytest.mark.parametrize(
    "query, title",
    [
        ("premie dakisolatie", "Dakisolatie"),
        ("dakisolatiepremie", "Dakisolatie"),
        ("dakisolaite", "Dakisolatie"),
        ("isolatie van mijn dak", "Dakisolatie"),
        ("regenput premie?", "Hemelwater"),
        ("regenwaterput", "Hemelwater"),
        ("huurdersbon", "Huurdersbond"),
        ("conformitijtsattest", "Conformiteitsattest woningen/kamers"),
        ("wat kost een conformiteitsattest voor 3 kamers", "Conformiteitsattest woningen/kamers"),
        ("is da socaal huis open op maandag", "Sociaal Huis"),
        ("uitzetting", "Preventie van uithuiszetting"),
        ("huurachterstand vredegerecht", "Preventie van uithuiszetting"),
        ("woonwinkel", "Woonwinkel"),
        ("vlaamse woonlening", "Vlaamse Woonlening"),
        ("regionaal crisisnetwerk", "RCK"),
    ],
)
def test_finds_the_record(index, query, title):
    assert top(index, query) == title, f"{query!r} should find {title}"


def test_hits_are_ranked_and_limited(index):
    result = index.search("premie", limit=2)
    assert len(result.hits) == 2
    assert result.hits[0].score >= result.hits[1].score > 0
    assert {h.record.title for h in result.hits} == {"Dakisolatie", "Hemelwater"}


def test_record_with_text_beats_a_bare_heading_on_the_same_words(index):
    assert top(index, "lokale woonraad") == "Lokale woonraad"


def test_a_group_of_synonyms_counts_once(index):
    # "huisbaas" brings in "verhuurder" and "proprietaris"; neither is in any record, so the
    # query is only as good as its other words, and the exact word still wins.
    assert top(index, "huisbaas huurprijsverhogingen") == "Huurdersbond"


@pytest.mark.parametrize("query", ["k moe uit me huis", "ik moet dringend uit mijn huis"])
def test_a_synonym_phrase_matches_in_dialect_and_with_a_word_in_between(index, query):
    expanded = {term for concept in index.analyse(query).concepts for term in concept}
    assert any(term.startswith("uithuiszet") for term in expanded), f"{query!r} should bring in 'uithuiszetting'"


def test_synonyms_are_needed_for_words_the_records_lack():
    plain = SearchIndex(RECORDS)
    assert not plain.search("regenton").hits, "without the synonym group, 'regenton' matches nothing"
    assert SearchIndex(RECORDS, SYNONYMS).search("regenton").hits[0].record.title == "Hemelwater"


@pytest.mark.parametrize(
    "query",
    ["bestel een pizza", "wat is het weer morgen", "hoe laat sluit de colruyt", "where is the train station", "", "?!"],
)
def test_off_topic_gets_no_good_match(index, query):
    assert index.search(query).no_good_match, f"{query!r} should get no good match"


def test_on_topic_is_a_good_match(index):
    result = index.search("regenput premie")
    assert not result.no_good_match
    assert result.confidence > 0


def test_everyday_words_do_not_steer_the_search(index):
    assert top(index, "premie voor mijn huis") in {"Dakisolatie", "Hemelwater"}, "'huis' is not the Sociaal Huis"


def test_neutral_words_do_not_lower_the_confidence(index):
    assert index.search("regenput voor mijn dochter").confidence == index.search("regenput").confidence


def test_unknown_words_are_reported(index):
    result = index.search("regenput colruyt")
    assert result.unknown == ("colruyt",)
    assert result.confidence < index.search("regenput").confidence, "an unknown word lowers the confidence"


@pytest.mark.parametrize("query", ["sdfgh", "asdf jkl", "NaN", "xd"])
def test_keys_hit_at_random_are_unreadable(index, query):
    assert index.analyse(query).unreadable, query


@pytest.mark.parametrize("query", ["en hun nummer?", "mail?", "zondag", "wanneer", "schoonmoeder", "???"])
def test_words_and_questions_are_readable(index, query):
    assert not index.analyse(query).unreadable, query


def test_path_words_find_records_of_the_section(index):
    titles = {h.record.title for h in index.search("subsidies leningen", limit=10).hits}
    assert {"Dakisolatie", "Hemelwater", "Vlaamse Woonlening"} <= titles


def test_empty_index_finds_nothing():
    result = SearchIndex([]).search("regenput")
    assert result.hits == [] and result.no_good_match


@pytest.mark.parametrize(
    "query, title",
    [
        ("citerne eau de pluie", "Hemelwater"),
        ("rainwater tank", "Hemelwater"),
        ("prime pour une citerne", "Hemelwater"),
        ("eviction", "Preventie van uithuiszetting"),
        ("expulsion", "Preventie van uithuiszetting"),
        ("homeless soup", "Begeleiding daklozen/thuislozen"),
        ("sans-abri soupe", "Begeleiding daklozen/thuislozen"),
        ("is there a grant for a rainwater tank", "Hemelwater"),
    ],
)
def test_french_and_english_reach_the_dutch_record(index, query, title):
    result = index.search(query)
    assert result.hits and result.hits[0].record.title == title, f"{query!r} should find {title}"


def test_groups_that_share_a_word_are_merged():
    merged = merge_groups([["dakloos", "thuisloos"], ["dakloos", "homeless"], ["premie", "prime"]])
    assert sorted(merged) == [("dakloos", "thuisloos", "homeless"), ("premie", "prime")]


def test_a_foreign_word_reaches_the_other_dutch_words_of_its_subject(index):
    # "homeless" is only next to "dakloos"; through the merged group it also reaches
    # "thuislozen", which the record uses.
    expanded = {term for concept in index.analyse("homeless").concepts for term in concept}
    assert any(term.startswith("thuislo") for term in expanded), "'homeless' should also bring in 'thuisloos'"


@pytest.mark.parametrize("query", ["snel herstel", "snel herstel van een woning"])
def test_a_compound_written_as_two_words_finds_its_record(index, query):
    assert top(index, query) == "Snelherstel", f"{query!r} should find Snelherstel (5.D)"


def test_the_longest_synonym_phrase_wins(index):
    # "op straat" (dakloos) lies inside "op straat zetten" (uithuiszetting); and "straat"
    # inside the phrase is not the Wandelingstraat.
    query = "ze gaan ons op straat zetten"
    assert top(index, query) == "Preventie van uithuiszetting", f"{query!r} should find Preventie van uithuiszetting"


def test_a_separable_verb_is_read_as_its_verb(index):
    query = "mag ik nog een kot bijbouwen"
    result = index.search(query)
    assert result.hits[0].record.title == "Studentenkamers", f"{query!r} should find Studentenkamers"
    assert "bijbouwen" not in result.unknown, "'bijbouwen' is 'bouwen' with a prefix, not an unknown word"


def test_a_separable_verb_around_a_stop_word_is_no_unknown_word(index):
    assert index.search("regenput meegaan").unknown == (), "'meegaan' is as empty as 'gaan'"


def test_numbers_do_not_lower_the_confidence(index):
    assert index.search("regenput voor 3 kinderen").confidence == index.search("regenput").confidence


def test_a_word_that_names_the_record_is_stronger_evidence_than_one_in_its_text(index):
    # "regenput" is a keyword of Hemelwater, "sluit" only in the text of Herstelvordering;
    # both occur in exactly one record, so only the field makes the difference.
    assert index.search("regenput").confidence > index.search("sluit").confidence, (
        "'regenput' (names Hemelwater) should be surer than 'sluit' (only in the text of Herstelvordering)"
    )


@pytest.mark.parametrize("query", ["ze hebben mij uit mijn appartement gezet", "uit mijn woning gezet, wat nu"])
def test_a_synonym_phrase_matches_with_a_synonym_of_one_of_its_words(index, query):
    # The group only says "uit mijn huis gezet"; "appartement" and "woning" mean "huis".
    expanded = {term for concept in index.analyse(query).concepts for term in concept}
    assert any(term.startswith("uithuiszet") for term in expanded), f"{query!r} should bring in 'uithuiszetting'"


def test_a_real_dutch_word_is_not_corrected_into_a_record_word():
    index = SearchIndex([record("3", "Visie", "Een woningenbestand gericht op verschillende doelgroepen.")])
    assert index.search("gerricht").hits, "a misspelt 'gericht' is still corrected"
    result = index.search("kan je een gedicht schrijven")
    assert result.no_good_match and "gedicht" in result.unknown, "'gedicht' is a word of its own, no typo of 'gericht'"


def test_an_unknown_verb_or_adjective_is_no_unknown_subject(index):
    for query in ("regenput aanpakken", "regenput vroeger"):
        result = index.search(query)
        assert result.unknown == () and result.confidence == index.search("regenput").confidence, (
            f"{query!r}: a verb or adjective the records lack names no other subject"
        )


@pytest.mark.parametrize(
    "query, role",
    [
        ("Goedemiddag, ik ben maatschappelijk werker. Een gezin moet weg.", {"maatschappelijk", "werker"}),
        ("ik werk als hulpverlener bij het caw", {"hulpverlener"}),
        ("ik ben eigenaar, wat krijg ik bij het svk", {"eigenaar"}),
        ("ik ben dakloos", set()),
        ("ik ben gescheiden en sta op straat", set()),
        ("kzyn mijn huis kwyt", set()),
    ],
)
def test_roles_are_the_askers_introduction(query, role):
    assert roles(query) == role, f"{query!r}: the asker's role is {role}"


def test_the_askers_role_does_not_steer_the_search():
    social = record(
        "2.A", "Sociaal Huis", "De maatschappelijk werkers kennen de weg.", keywords=("maatschappelijk werker",)
    )
    records = [social if r.title == "Sociaal Huis" else r for r in RECORDS]
    query = "Goedemiddag, ik ben maatschappelijk werker. Mijn cliënt heeft een huurachterstand, wat nu?"
    assert top(SearchIndex(records), query) == "Preventie van uithuiszetting", (
        f"{query!r} should find Preventie van uithuiszetting (7.A): the social worker asks for a client"
    )
    assert top(SearchIndex(records), "ik zoek een maatschappelijk werker") == "Sociaal Huis"


def test_a_word_inside_a_record_compound_is_weaker_evidence_than_the_word_itself():
    inside = SearchIndex([record("5.A.2", "Verordening(en)", "De politieverordening staat online.")])
    itself = SearchIndex([record("5.A.2", "Verordening(en)", "De verordening van de politie staat online.")])
    assert inside.search("politie").confidence < itself.search("politie").confidence, (
        "'politie' inside 'politieverordening' should prove less than the word 'politie'"
    )


def test_a_dutch_compound_the_records_lack_is_read_weakly_through_its_parts():
    index = SearchIndex([record("4", "Markt Verhuur Kantoor", "Eén keer per jaar.")])
    compound = index.analyse("jaarmarkt")
    assert compound.concepts and all(w < 1 for c in compound.concepts for w in c.values())
    assert compound.understood < 1, "a 'jaarmarkt' is a market of its own, only half understood"


OUTSIDE = [
    OutsideSubject("EPC en energieprestatie", ("epc", "energieprestatiecertificaat"), "x"),
    OutsideSubject("Notariskosten bij aankoop", ("notaris",), "x"),
    OutsideSubject("Elektrische keuring", ("elektrische keuring",), "x"),
]


@pytest.mark.parametrize(
    "query, subject",
    [
        ("hoeveel kost een epc attest", "EPC en energieprestatie"),
        ("notariskosten voor mijn woning", "Notariskosten bij aankoop"),
        ("wie doet de elektrische keuring van mijn woning, wat kost dat", "Elektrische keuring"),
    ],
)
def test_a_subject_outside_the_page_is_no_match_and_named(query, subject):
    """Each of these shares a word with a record ("attest", "kost", "woning"): without the
    overlay's outside list the question would be answered with the conformiteitsattest."""
    outside = SearchIndex(RECORDS, SYNONYMS, outside=OUTSIDE).search(query)
    assert outside.no_good_match and outside.outside == (subject,), (
        f"{query!r}: expected no good match about {subject!r}, got {outside.outside} {outside.confidence:.2f}"
    )
    assert SearchIndex(RECORDS, SYNONYMS).search(query).confidence > outside.confidence


def test_an_outside_word_beside_a_named_record_keeps_the_answer():
    result = SearchIndex(RECORDS, SYNONYMS, outside=OUTSIDE).search(
        "de notaris vraagt een conformiteitsattest voor mijn woning, hoeveel kost een conformiteitsattest per woongelegenheid"
    )
    assert not result.no_good_match and result.hits[0].record.title == "Conformiteitsattest woningen/kamers"
