import pytest

from knowledge.nl.lemmas import (
    dutch_parts_of_speech,
    is_dutch_word,
    is_noun,
    names_no_thing,
)


@pytest.mark.parametrize("word", ["gedicht", "gedichten", "hotels", "tandarts", "aanpakken", "schrijft", "vroeger"])
def test_real_dutch_words_are_known(word):
    assert is_dutch_word(word), f"{word!r} is a correctly spelt Dutch word"


@pytest.mark.parametrize("word", ["subsiedie", "crisisopfang", "gerricht", "dakisolatiepremie", "colruyt"])
def test_typos_and_unlisted_words_are_not_dutch_words(word):
    assert not is_dutch_word(word), f"{word!r} is a typo or a word no dictionary lists"


@pytest.mark.parametrize("word", ["aanpakken", "vroeger", "zwemmen", "valt", "brokkelt", "reageert"])
def test_verbs_and_adjectives_name_no_thing(word):
    assert names_no_thing(word), f"{word!r} says what happens, not what about"


@pytest.mark.parametrize("word", ["gedicht", "hotel", "hond", "schrijven"])
def test_nouns_name_a_thing(word):
    assert is_noun(word) and not names_no_thing(word), f"{word!r} is a noun: it names a subject"


def test_a_verb_form_in_t_is_a_verb_even_when_its_stem_is_a_noun():
    assert "verb" in dutch_parts_of_speech("valt"), "'valt' is 'vallen', not the noun 'val'"
