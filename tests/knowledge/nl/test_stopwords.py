import pytest

from knowledge.nl.stopwords import is_content, is_everyday, is_neutral


@pytest.mark.parametrize(
    "word",
    ["de", "het", "ik", "zoekt", "zoeken", "wat", "k", "a", "haar", "gekregen", "the", "my", "pour", "les", "trop"],
)
def test_stop_words_in_any_form_carry_no_content(word):
    assert not is_content(word), f"{word!r} should not count as a content word"


@pytest.mark.parametrize("word", ["regenput", "huur", "450", "rck", "andere"])
def test_content_words(word):
    assert is_content(word), f"{word!r} should count as a content word"


@pytest.mark.parametrize("word", ["huis", "woningen", "adres", "kortrijk"])
def test_everyday_words(word):
    assert is_everyday(word) and is_content(word), f"{word!r} is an everyday word that still counts a little"


@pytest.mark.parametrize("word", ["kinders", "dochter", "vannacht", "buren", "90", "volgende"])
def test_neutral_words(word):
    assert is_neutral(word), f"{word!r} names no subject"
    assert not is_neutral("colruyt")
