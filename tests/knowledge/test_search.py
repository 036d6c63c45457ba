"""SearchIndex on small hand-made records: the behaviour, independent of the parser."""

import pytest

from knowledge.records import Record
from knowledge.search import SearchIndex


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
    record("6.B", "Hemelwater", "Stad Kortrijk verstrekt een premie voor het plaatsen van een regenput.", PREMIES),
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
]
SYNONYMS = [
    ["regenput", "regenwaterput", "hemelwaterput", "regenton"],
    ["uithuiszetting", "uitzetting", "uit mijn huis gezet", "moet uit mijn huis"],
    ["verhuurder", "huisbaas", "proprietaris"],
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


@pytest.mark.parametrize("query", ["bestel een pizza", "wat is het weer morgen", "hoe laat sluit de colruyt", "", "?!"])
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


def test_path_words_find_records_of_the_section(index):
    titles = {h.record.title for h in index.search("subsidies leningen", limit=10).hits}
    assert {"Dakisolatie", "Hemelwater", "Vlaamse Woonlening"} <= titles


def test_empty_index_finds_nothing():
    result = SearchIndex([]).search("regenput")
    assert result.hits == [] and result.no_good_match
