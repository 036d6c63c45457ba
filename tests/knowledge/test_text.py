import pytest

from knowledge.text import (
    Vocabulary,
    derivation_base,
    dutch_parts_of_speech,
    edit_distance,
    fold,
    hyphen_joins,
    is_content,
    is_dutch_word,
    is_everyday,
    is_neutral,
    is_noun,
    names_no_thing,
    phonetic,
    separable_rest,
    stem,
    words,
)


@pytest.mark.parametrize(
    "text, folded",
    [("Cliënt", "client"), ("COÖRDINEREN", "coordineren"), ("EFFICIËNT", "efficient"), ("één", "een")],
)
def test_fold_drops_case_and_accents(text, folded):
    assert fold(text) == folded, f"{text!r} should fold to {folded!r}"


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


@pytest.mark.parametrize(
    "verb, rest", [("bijbouwen", "bouwen"), ("meegaat", "gaat"), ("terugbetalen", "betalen"), ("opvangen", "vangen")]
)
def test_separable_rest_finds_the_verb_inside(verb, rest):
    assert separable_rest(verb) == rest, f"{verb!r} should contain the verb {rest!r}"


@pytest.mark.parametrize("word", ["bouwen", "opa", "uitje", "aanbod"])
def test_separable_rest_needs_a_prefix_and_four_letters_after_it(word):
    assert separable_rest(word) is None, f"{word!r} has no verb of four letters after a separable prefix"


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
