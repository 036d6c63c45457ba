import pytest

from knowledge.nl.words import hyphen_joins, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("k moe uit me huis", ["ik", "moet", "uit", "mijn", "huis"]),
        ("is da sociaal huis open", ["is", "dat", "sociaal", "huis", "open"]),
        ("wa moet ik doen", ["wat", "moet", "ik", "doen"]),
        ("kheb een vraag", ["ik", "heb", "een", "vraag"]),
        ("wuk moe kik doen", ["wat", "moet", "ik", "doen"]),
        ("kzyn mijne sleutel kwijt", ["ik", "ben", "mijn", "sleutel", "kwijt"]),
        ("Regenput premie?", ["regenput", "premie"]),
        ("€450 per maand", ["450", "per", "maand"]),
        ("t huus van de gebuur", ["het", "huis", "van", "de", "buur"]),
    ],
)
def test_words_maps_flemish_chat_spelling(text, expected):
    assert words(text) == expected, f"{text!r} should read as {expected}"


def test_hyphenated_words_are_also_joined():
    assert hyphen_joins("Groendak en CO-veiligheid") == ["coveiligheid"]
