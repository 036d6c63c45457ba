import pytest

from knowledge.nl.fuzzy import Spelling, edit_distance, phonetic, same_word


@pytest.mark.parametrize(
    "a, b, distance",
    [("dakisolatie", "dakisolaite", 1), ("huurdersbond", "huurdersbon", 1), ("abc", "abc", 0), ("abc", "xyz", 3)],
)
def test_edit_distance_counts_transpositions_as_one(a, b, distance):
    assert edit_distance(a, b, limit=5) == distance


def test_edit_distance_stops_above_limit():
    assert edit_distance("regenput", "crisisopvang", limit=2) == 3


def test_phonetic_ignores_classic_dutch_spelling_doubts():
    assert phonetic("conformitijtsattest") == phonetic("conformiteitsattest")
    assert phonetic("kadaster") == phonetic("cadaster")
    assert phonetic("hij wordt") == phonetic("hij word")


@pytest.mark.parametrize(
    "want, seen",
    [
        ("verslaving", "verslavingen"),
        ("huis", "huizen"),
        ("crisisopvang", "crisisopfang"),
        ("drugs", "drugsproblematiek"),
        ("dakloos", "daklozen"),
    ],
)
def test_same_word_reads_forms_typos_and_compounds(want, seen):
    assert same_word(Spelling.of(want), Spelling.of(seen)), f"{seen!r} should be read as {want!r}"


@pytest.mark.parametrize("want, seen", [("huis", "muizen"), ("vocht", "vochtig"), ("zoontje", "zonder")])
def test_same_word_keeps_other_words_apart(want, seen):
    assert not same_word(Spelling.of(want), Spelling.of(seen)), f"{seen!r} is not {want!r}"
