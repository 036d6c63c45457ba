"""NLU lookup tables generated from the records follow the document."""

from __future__ import annotations

import yaml

from knowledge.curation import load_curation
from knowledge.parser import load_source, parse
from knowledge.vocabulary import nlu_lookups


def _tables() -> dict[str, list[str]]:
    curation = load_curation()
    data = yaml.safe_load(nlu_lookups(parse(load_source(), curation), curation))
    return {t["lookup"]: [line[2:] for line in t["examples"].splitlines()] for t in data["nlu"]}


def test_topics_come_from_titles_and_keywords() -> None:
    topics = _tables()["topic"]
    for term in ("dakisolatie", "crisisopvang", "conformiteitsattest woningen/kamers", "regenput"):
        assert term in topics, f"{term!r} is a title or keyword of the document and should be a topic lookup"
    assert "andere" not in topics, "a title the page repeats names no topic"
    assert all(len(t) <= 40 for t in topics)


def test_long_keywords_are_no_topic_names() -> None:
    """A keyword of three or more words is a question fragment: as a lookup it marks wrong
    entity spans. Titles stay whatever their length."""
    curation = load_curation()
    records = parse(load_source(), curation)
    topics = set(_tables()["topic"])
    assert topics, "the NLU lookups have no topic"
    long_keywords = {k.lower() for r in records for k in r.keywords if len(k.split()) > 2}
    titles = {r.title.lower() for r in records}
    assert long_keywords, "the overlay has keywords of three or more words to leave out"
    assert not (topics & (long_keywords - titles))


def test_services_come_from_the_overlay() -> None:
    assert "sociaal huis" in _tables()["organisation"]


def test_the_output_is_rasa_training_data() -> None:
    curation = load_curation()
    text = nlu_lookups(parse(load_source(), curation), curation)
    assert "examples: |" in text and text.startswith("# Generated")
