"""SearchWeights: today's values as defaults, and `python -m knowledge.evaluate --weight`."""

import dataclasses

import pytest

from knowledge import evaluate
from knowledge.search import NO_MATCH_THRESHOLD, SearchIndex, SearchWeights
from tests.knowledge.test_search import RECORDS

# The values the search was tuned to; a change here is a change of behaviour, not a refactor.
TUNED = {
    "title_weight": 3.0,
    "keywords_weight": 2.5,
    "examples_weight": 0.7,
    "body_weight": 1.0,
    "path_weight": 0.5,
    "bm25_k1": 1.2,
    "bm25_b": 0.4,
    "length_cap": 3.0,
    "part_weight": 0.5,
    "typo_weight": 0.8,
    "compound_weight": 0.3,
    "synonym_weight": 0.6,
    "everyday_weight": 0.4,
    "neutral_weight": 0.6,
    "phrase_word_weight": 0.3,
    "role_weight": 0.15,
    "role_context": 2,
    "phrase_weight": 0.3,
    "phrase_gap": 1,
    "index_part_weight": 0.7,
    "empty_prior": 0.8,
    "group_prior": 0.5,
    "no_match_threshold": 3.0,
    "body_evidence": 0.75,
    "example_evidence": 0.3,
    "part_evidence": 0.5,
    "outside_weight": 3.0,
    "unknown_noun": 1.5,
    "half_known": 0.5,
    "outside_part": 5,
}


def test_the_defaults_are_the_tuned_values():
    assert dataclasses.asdict(SearchWeights()) == TUNED
    assert TUNED["no_match_threshold"] == NO_MATCH_THRESHOLD
    assert SearchWeights().fields == {"title": 3.0, "keywords": 2.5, "examples": 0.7, "body": 1.0, "path": 0.5}


@pytest.mark.parametrize(
    "query", ["regenput premie", "premie voor het isoleren van het dak", "hoe laat sluit de colruyt"]
)
def test_an_index_without_weights_uses_the_defaults(query):
    default, explicit = SearchIndex(RECORDS), SearchIndex(RECORDS, weights=SearchWeights())
    assert default.search(query) == explicit.search(query)


def test_weight_assignments_change_only_the_named_weights():
    weights = evaluate.weights_from(["typo_weight=0.6", "phrase_gap=2"])
    assert weights == dataclasses.replace(SearchWeights(), typo_weight=0.6, phrase_gap=2)
    assert isinstance(weights.phrase_gap, int)
    with pytest.raises(ValueError, match="no search weight 'typo'"):
        evaluate.weights_from(["typo=0.6"])


def test_an_extreme_weight_changes_the_result():
    query = "premie voor een regenput"
    assert not SearchIndex(RECORDS).search(query).no_good_match
    sceptical = SearchIndex(RECORDS, weights=evaluate.weights_from(["no_match_threshold=1000"]))
    assert sceptical.search(query).no_good_match, "no question is sure enough for a threshold of 1000"
    titles_only = SearchIndex(RECORDS, weights=evaluate.weights_from(["body_weight=0", "keywords_weight=0"]))
    assert titles_only.search("regenput").hits[0].score == 0, "without body and keywords 'regenput' is nowhere"


def test_evaluate_measures_with_the_weight_given(capsys):
    evaluate.main(["--weight", "no_match_threshold=1000", "--heldout", "skip", "--worst", "0"])
    out = capsys.readouterr().out
    assert "== dev samen" in out
    assert "top-1 0.000   top-3 0.000   off-topic afgewezen 1.000" in out, "every question turned away"
    assert "drempel: 1000.0" in out


def test_evaluate_refuses_an_unknown_weight(capsys):
    with pytest.raises(SystemExit):
        evaluate.main(["--weight", "nonsense=1"])
    assert "no search weight 'nonsense'" in capsys.readouterr().err
