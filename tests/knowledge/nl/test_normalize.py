import pytest

from knowledge.nl.normalize import fold


@pytest.mark.parametrize(
    "text, folded",
    [("Cliënt", "client"), ("COÖRDINEREN", "coordineren"), ("EFFICIËNT", "efficient"), ("één", "een")],
)
def test_fold_drops_case_and_accents(text, folded):
    assert fold(text) == folded, f"{text!r} should fold to {folded!r}"


@pytest.mark.parametrize(
    "text, folded", [("’s Avonds", "'s avonds"), ("‘t Cirkant", "'t cirkant"), ("`s morgens", "'s morgens")]
)
def test_fold_straightens_curly_apostrophes(text, folded):
    assert fold(text) == folded
