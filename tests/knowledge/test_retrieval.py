"""The search on the real records (parse() + curation), measured on the question sets.

retrieval_dev.yml is what the search was tuned on; retrieval_heldout.yml was written
apart and never tuned on. Run with `pytest -s` to see the numbers.
"""

import time

import pytest

from knowledge.evaluate import (
    DEV_PATH,
    HELDOUT_PATH,
    Outcome,
    QuestionSet,
    Report,
    build_index,
    evaluate,
    load_questions,
    target_of,
)
from knowledge.search import SearchIndex

MIN_TOP1 = 0.90
MIN_REJECTION = 0.90
# On-topic questions the search turns away get no answer at all; they also count as
# top-1 misses, and may be at most this share of a set.
MAX_ON_TOPIC_REJECTED = 0.05


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index()


def question_set(name: str) -> QuestionSet:
    path = {"dev": DEV_PATH, "heldout": HELDOUT_PATH}[name]
    if not path.exists():
        pytest.fail(f"{path} ontbreekt: de held-out vragenset moet bestaan om de zoekfunctie eerlijk te meten")
    return load_questions(path)


@pytest.fixture(scope="module", params=["dev", "heldout"])
def report(request, index) -> Report:
    result = evaluate(index, question_set(request.param))
    print(
        f"\n{request.param}: {len(result.outcomes)} vragen, top-1 {result.top(1):.3f}, top-3 {result.top(3):.3f}, "
        f"off-topic afgewezen {result.rejection():.3f} ({len(result.off_topic)}), "
        f"on-topic afgewezen {len(result.rejected_on_topic)}"
    )
    return result


def describe(outcome: Outcome) -> str:
    code, title = outcome.question.expect
    found = "; ".join(f"{h.record.code} {h.record.title}" for h in outcome.result.hits) or "niets"
    rejected = " (afgewezen)" if outcome.result.no_good_match else ""
    return f"{outcome.question.q!r} should find {code} {title}{rejected}, found: {found}"


def test_set_sizes():
    dev = question_set("dev")
    assert len(dev.questions) >= 110 and len(dev.off_topic) >= 25, "dev set: at least 110 on-topic and 25 off-topic"


def test_expected_records_exist(index, report):
    """Every expected record is one the parser produces; otherwise the question can never pass."""
    targets = {target_of(r.code, r.title) for r in index.records}
    missing = sorted({t for o in report.outcomes for t in o.question.targets} - targets)
    assert not missing, f"{report.name}: no record with (code, title) {missing}"


def test_top1(report):
    misses = report.misses(1)
    assert report.top(1) >= MIN_TOP1, f"{report.name}: top-1 {report.top(1):.3f} < {MIN_TOP1}; misses:\n" + "\n".join(
        describe(o) for o in misses
    )


def test_off_topic_rejected(report):
    accepted = [f"{r.query!r} -> {r.hits[0].record.title}" for r in report.accepted_off_topic()]
    assert report.rejection() >= MIN_REJECTION, (
        f"{report.name}: off-topic rejection {report.rejection():.3f} < {MIN_REJECTION}; accepted:\n"
        + "\n".join(accepted)
    )


def test_on_topic_not_rejected(report):
    rejected = report.rejected_on_topic
    share = len(rejected) / len(report.outcomes)
    assert share <= MAX_ON_TOPIC_REJECTED, f"{report.name}: {len(rejected)} on-topic questions rejected:\n" + "\n".join(
        describe(o) for o in rejected
    )


def test_fast_enough(index):
    started = time.perf_counter()
    SearchIndex(index.records, index.synonyms)
    build = time.perf_counter() - started
    queries = [q.q for q in question_set("dev").questions]
    started = time.perf_counter()
    for query in queries:
        index.search(query)
    per_query = (time.perf_counter() - started) / len(queries)
    print(f"\nindex {build * 1000:.0f} ms, zoeken {per_query * 1000:.2f} ms per vraag")
    assert build < 1.0, f"building the index took {build:.2f} s"
    assert per_query < 0.05, f"a query took {per_query * 1000:.1f} ms on average"
