import pytest

from knowledge.nl.language import detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("bonjour je cherche une prime", "fr"),
        ("je cherche un logement", "fr"),
        ("est-ce que le CPAS peut m'aider avec le loyer", "fr"),
        ("hello, where can I get help with rent", "en"),
        ("I need help", "en"),
        ("is the social house open on friday", "en"),
        ("k moe uit me huis tegen volgende week, wa moet ik doen", "nl"),
        ("is da sociaal huis open vrijdag om half 4", "nl"),
        ("ik zoek hulp", "nl"),
        ("regenput premie?", "nl"),
        ("help", "nl"),
        ("", "nl"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language, f"{text!r} is written in {language}"


@pytest.mark.parametrize("noise", ["ϕ🤘a갰ऎ j Ʉ i", "\x1ak s a p i n", "a", "j i a"])
def test_lone_letters_in_noise_are_no_foreign_language(noise):
    assert detect_language(noise, min_foreign=1) == "nl", f"{noise!r} is no French or English"
