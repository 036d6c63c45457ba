"""The sentence that answers comes first, a yes/no is said, and overviews follow the page's structure."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.focus import MAX_ANSWER_CHARS, focus, holds_kind, overview, sentences
from knowledge.questions import read_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_source()


def focused(kb: KnowledgeBase, question: str, record_id: str):
    record = kb.get(record_id)
    assert record is not None, record_id
    return focus(kb.index, kb.index.analyse(question), read_question(question), record)


@pytest.mark.parametrize(
    "question, record_id, first",
    [
        ("hoeveel geld krijgt de huurdersbond van het ocmw", "1-c-huurdersbond", "€ 18000"),
        ("hoe dikwijls zit de huurdersbond in het sociaal huis", "1-c-huurdersbond", "wekelijks twee zitdagen"),
        ("moet je iets betalen bij de woonclub", "1-c-woonclub", "gratis"),
        ("hoeveel namen krijgt het ocmw van de vrederechter per jaar", "7-a-preventie-van-uithuiszetting", "180 namen"),
        (
            "hoeveel woningen moet het svk jaarlijks huren voor het ocmw",
            "4-c-2-1-a-oprichten-of-ondersteunen-van-een-svk",
            "30 nieuwe woningen",
        ),
        ("wie heeft het svk opgestart", "4-c-2-1-a-oprichten-of-ondersteunen-van-een-svk", "aan de wieg"),
        ("sinds wanneer is er permanente nachtopvang", "7-b-nachtopvang", "december 2015"),
    ],
)
def test_the_answering_sentence_comes_first(kb, question, record_id, first) -> None:
    text = focused(kb, question, record_id).text
    assert first in sentences(text)[0], f"{question!r} should start with {first!r}:\n{text}"
    assert len(text) <= MAX_ANSWER_CHARS + 2


@pytest.mark.parametrize(
    "question, record_id, verdict",
    [
        ("kan iemand met een drugsprobleem in de crisisopvang", "7-b-crisisopvang", "Nee"),
        ("mag ik nog een studentenkamer bijbouwen", "4-c-3-1-studentenkamers", "Nee"),
        ("is er een e-loket voor wonen", "2-a-elektronisch-loket", "Nee"),
        ("is er een gemeentelijke heffing op verwaarlozing", "5-c-gemeentelijke-heffing-op-verwaarlozing", "Nee"),
        (
            "heft de stad opcentiemen op de vlaamse heffing op verwaarlozing",
            "5-c-gemeentelijke-opcentiemen-op-de-vlaamse-heffing-op-verwaarlozing",
            "Ja",
        ),
        ("geeft de stad een premie voor een regenput", "6-b-hemelwater", "Ja"),
    ],
)
def test_yes_or_no_first(kb, question, record_id, verdict) -> None:
    assert focused(kb, question, record_id).verdict == verdict, f"{question!r} is answered {verdict}"


def test_no_verdict_without_a_yes_no_question(kb) -> None:
    assert focused(kb, "premie regenput", "6-b-hemelwater").verdict is None


@pytest.mark.parametrize(
    "question, record_id",
    [
        ("Schiet het OCMW de huurwaarborg voor als mijn zoon een studio wil huren?", "2-a-sociaal-huis"),
        ("betaalt het ocmw de notariskosten als ik een huis koop", "2-a-sociaal-huis"),
    ],
)
def test_no_yes_or_no_about_a_subject_the_page_does_not_cover(kb, question, record_id) -> None:
    assert kb.index.analyse(question).outside, f"{question!r} should name a subject outside the page"
    verdict = focused(kb, question, record_id).verdict
    assert verdict is None, f"{question!r} is answered {verdict!r} by a record that does not speak of it"


@pytest.mark.parametrize(
    "question, section, items",
    [
        ("welke premies geeft de stad allemaal", "SUBSIDIES/PREMIES/LENINGEN", ["Dakisolatie", "Hemelwater"]),
        (
            "waarover kan de balie bouwen milieu en wonen informeren",
            "Balie Bouwen, Milieu en Wonen",
            ["stedelijke en andere premies", "vergunningen"],
        ),
        ("welke soorten tijdelijke opvang zijn er", "TIJDELIJKE OPVANG", ["Crisisopvang", "Nachtopvang"]),
        ("welke opvangcentra heeft het caw in de stad", "Opvangcentra", ["Vrouwenopvang", "Jongerenopvang"]),
    ],
)
def test_overviews_list_what_the_page_lists(kb, question, section, items) -> None:
    terms = kb.index.analyse(question)
    hits = [(h.record, h.score) for h in kb.search(question, limit=8).hits]
    found = overview(hits, kb.records, lambda title: kb.index.relevance(terms, title) >= 1)
    assert found is not None, f"{question!r} should get a list"
    assert found.record.title == section, f"{question!r} lists {section}, not {found.record.title}"
    listed = " ".join(found.lines)
    for item in items:
        assert item in listed, f"{question!r} should list {item!r}:\n{listed}"


@pytest.mark.parametrize(
    "question, record_id, holds",
    [
        ("wat kost een conformiteitsattest", "5-a-3-conformiteitsattest-woningen-kamers", True),
        ("wat kost een conformiteitsattest", "2-a-balie-bouwen-milieu-en-wonen", False),
        ("hoe lang mag je in de crisisopvang blijven", "7-b-crisisopvang", True),
        ("premie dakisolatie", "6-b-dakisolatie", True),
    ],
)
def test_a_record_holds_the_kind_of_fact_asked(kb, question, record_id, holds) -> None:
    assert holds_kind(kb.get(record_id), read_question(question).asks) is holds, f"{question!r} in {record_id}"
