import pytest

from knowledge.nl.vocabulary import Vocabulary

VOCABULARY = Vocabulary(
    "dak dakisolatie premie regenput hemelwaterput huur achterstand woning aanpassing leegstand register "
    "conformiteitsattest huurdersbond sociaal huis regen water put student kamers".split()
)


@pytest.mark.parametrize(
    "compound, parts",
    [
        ("dakisolatiepremie", ["dakisolatie", "premie"]),
        ("huurachterstand", ["huur", "achterstand"]),
        ("woningaanpassing", ["woning", "aanpassing"]),
        ("leegstandsregister", ["leegstand", "register"]),
        ("regenwaterput", ["regen", "water", "put"]),
        ("studentenkamers", ["student", "kamers"]),
    ],
)
def test_split_compounds_into_known_words(compound, parts):
    assert VOCABULARY.split(compound) == parts, f"{compound!r} should split into {parts}"


def test_split_leaves_unknown_words_whole():
    assert VOCABULARY.split("stoofvlees") == []
    assert VOCABULARY.split("premie") == [], "a known word is no compound of itself"


def test_open_end_split_allows_one_unknown_part():
    assert VOCABULARY.split("dakgoot", open_end=True) == [], "an unknown part must be five letters or more"
    assert VOCABULARY.split("dakbedekking", open_end=True) == ["dak", "bedekking"]


@pytest.mark.parametrize(
    "typo, meant",
    [
        ("conformitijtsattest", "conformiteitsattest"),
        ("dakisolaite", "dakisolatie"),
        ("huurdersbon", "huurdersbond"),
        ("hemelwatreput", "hemelwaterput"),
    ],
)
def test_correct_typos_to_known_words(typo, meant):
    assert meant in [w for w, _ in VOCABULARY.correct(typo)], f"{typo!r} should be read as {meant!r}"


def test_correct_leaves_short_words_and_inflections_alone():
    assert Vocabulary(["huis"]).correct("huiz") == [], "four letters are too short to guess"
    assert Vocabulary(["melder"]).correct("melden") == [], "another form of a word is not a typo"
    assert Vocabulary(["premie"]).correct("premi") == [("premie", 1)], "a dropped last letter is a typo"
    assert Vocabulary(["vrouwen"]).correct("trouwen") == [], "typos rarely hit the first letter"


def test_related_finds_derived_forms_by_their_long_beginning():
    assert Vocabulary(["psychiatrisch"]).related("psychiatrie") == ["psychiatrisch"]
    assert Vocabulary(["begeleiding"]).related("begeleid") == [], "too short to judge by its beginning"
