import pytest

from knowledge.nl.phrases import contains, phrase_at, phrase_starts
from knowledge.nl.words import words


@pytest.mark.parametrize(
    "text, phrase, gap, found",
    [
        ("ik kan mijn huur niet betalen", "huur niet betalen", 1, True),
        ("ik kan mijn huur niet meer betalen", "huur niet betalen", 1, True),
        ("ik kan de huur echt niet meer betalen", "huur niet betalen", 1, True),
        ("huur betalen lukt niet", "huur niet betalen", 1, False),
        ("we moeten het dak laten isoleren", "dak isoleren", 1, True),
        ("ze zoekt een kleine huurwoning", "zoekt huurwoning", 1, False),
        ("ze zoekt een kleine huurwoning", "zoekt huurwoning", 2, True),
    ],
)
def test_a_phrase_allows_gap_words_between_its_words(text, phrase, gap, found):
    assert contains(words(text), words(phrase), gap) is found, f"{phrase!r} in {text!r} with gap {gap}"


def test_a_later_position_is_tried_when_the_first_leads_nowhere():
    # "uit" twice: the first one is too far from "gezet".
    tokens = words("uit de buurt uit huis gezet")
    assert phrase_at(tokens, 0, ("uit", "huis", "gezet"), str.__eq__, 1) is None
    assert phrase_starts(tokens, ("uit", "huis", "gezet"), str.__eq__, 1) == [3]


def test_matching_by_a_predicate_reads_each_token_as_a_set_of_readings():
    readings = [{"sociaal"}, {"huis", "woning"}, {"kortrijk"}]
    assert phrase_at(readings, 0, ("sociaal", "woning"), lambda word, reading: word in reading, 1) == (0, 1)
