import pytest

from knowledge.nl.stem import derivation_base, separable_rest, stem


@pytest.mark.parametrize(
    "one, other",
    [
        ("woningen", "woning"),
        ("huizen", "huis"),
        ("betaalt", "betalen"),
        ("daklozen", "dakloos"),
        ("dakloze", "dakloos"),
        ("premies", "premie"),
        ("kamers", "kamer"),
        ("straten", "straat"),
        ("huurt", "huren"),
        ("blijven", "blijf"),
        ("adressen", "adres"),
        ("geweigerd", "weigeren"),
        ("verwaarloosde", "verwaarloosd"),
        ("vrydag", "vrijdag"),
        ("studenten", "student"),
        ("clienten", "client"),
        ("maanden", "maand"),
        ("lege", "leeg"),
        ("vele", "veel"),
    ],
)
def test_stem_joins_inflected_forms(one, other):
    assert stem(one) == stem(other), f"{one!r} and {other!r} should share a stem"


@pytest.mark.parametrize(
    "one, other",
    [
        ("huis", "huur"),
        ("kamer", "kamp"),
        ("premie", "prijs"),
        ("maand", "man"),
        ("student", "studie"),
        ("markt", "marke"),
    ],
)
def test_stem_keeps_different_words_apart(one, other):
    assert stem(one) != stem(other)


def test_derivation_base_links_noun_to_verb():
    assert derivation_base("weigering") == stem("weigeren")
    assert derivation_base("woning") is None, "short '-ing' words are not derived from a verb"


@pytest.mark.parametrize(
    "verb, rest", [("bijbouwen", "bouwen"), ("meegaat", "gaat"), ("terugbetalen", "betalen"), ("opvangen", "vangen")]
)
def test_separable_rest_finds_the_verb_inside(verb, rest):
    assert separable_rest(verb) == rest, f"{verb!r} should contain the verb {rest!r}"


@pytest.mark.parametrize("word", ["bouwen", "opa", "uitje", "aanbod"])
def test_separable_rest_needs_a_prefix_and_four_letters_after_it(word):
    assert separable_rest(word) is None, f"{word!r} has no verb of four letters after a separable prefix"
