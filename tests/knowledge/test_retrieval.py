"""The search on the real records (parse() + curation), measured on the question sets.

retrieval_dev*.yml are what the search is tuned on; retrieval_heldout*.yml were written apart,
by other authors, and are never tuned on. Run with `pytest -s` to see the numbers.
"""

import pytest

from knowledge.evaluate import (
    DEV_PATHS,
    HELDOUT_PATHS,
    Outcome,
    QuestionSet,
    Report,
    build_index,
    evaluate,
    load_questions,
    pooled,
    target_of,
)
from knowledge.search import SearchIndex

# The targets, for the dev sets pooled and for the held-out sets pooled ("held-out").
MIN_TOP1 = 0.90
# Each held-out set alone is smaller, and its number is noisier (one standard error is 0.010
# on 838 questions, 0.015 on 400, 0.028 on 120 off-topic ones). Measured on 2026-11-27, the
# search frozen (summary only): heldout 0.897 top-1 / 0.892 off-topic (its second read),
# heldout2 0.930 / 0.958, heldout3 0.895 / 0.897 (read once); pooled 0.905 / 0.916. These
# gates keep each from slipping; the pooled gates are the issue's. Never tune on them.
MIN_TOP1_HELDOUT = 0.87
MIN_REJECTION_HELDOUT = 0.85
MIN_REJECTION = 0.90
# On-topic questions the search turns away get no answer at all; they also count as
# top-1 misses, and may be at most this share of a set.
MAX_ON_TOPIC_REJECTED = 0.05


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index()


def question_set(name: str) -> QuestionSet:
    path = {path.stem.removeprefix("retrieval_"): path for path in (*DEV_PATHS, *HELDOUT_PATHS)}[name]
    if not path.exists():
        pytest.fail(f"{path} ontbreekt: de held-out vragenset moet bestaan om de zoekfunctie eerlijk te meten")
    return load_questions(path)


def _printed(result: Report) -> Report:
    print(
        f"\n{result.name}: {len(result.outcomes)} vragen, top-1 {result.top(1):.3f}, top-3 {result.top(3):.3f}, "
        f"off-topic afgewezen {result.rejection():.3f} ({len(result.off_topic)}), "
        f"on-topic afgewezen {len(result.rejected_on_topic)}"
    )
    return result


@pytest.fixture(scope="module", params=["tuning", "held-out", "heldout", "heldout2", "heldout3"])
def report(request, index) -> Report:
    """The dev sets pooled, the held-out sets pooled, and each held-out set alone: one dev
    set's 27 off-topic questions move its rate by almost 4 points each, too coarse to gate
    on one by one."""
    if request.param not in ("tuning", "held-out"):
        return _printed(evaluate(index, question_set(request.param)))
    paths = DEV_PATHS if request.param == "tuning" else HELDOUT_PATHS
    return _printed(pooled([_printed(evaluate(index, load_questions(path))) for path in paths], request.param))


def describe(outcome: Outcome) -> str:
    code, title = outcome.question.expect
    found = "; ".join(f"{h.record.code} {h.record.title}" for h in outcome.result.hits) or "niets"
    rejected = " (afgewezen)" if outcome.result.no_good_match else ""
    return f"{outcome.question.q!r} should find {code} {title}{rejected}, found: {found}"


@pytest.mark.parametrize("name, on_topic, off_topic", [("dev", 110, 25), ("dev2", 120, 30), ("dev3", 150, 40)])
def test_set_sizes(name, on_topic, off_topic):
    questions = question_set(name)
    assert len(questions.questions) >= on_topic and len(questions.off_topic) >= off_topic, (
        f"{name}: at least {on_topic} on-topic and {off_topic} off-topic questions"
    )


def test_a_third_of_all_questions_is_held_out():
    """The issue keeps a third of its question set (the questions with an expected record)
    apart; a held-out set much smaller than the tuning sets would measure too few questions
    to trust its top-1. Off-topic questions are a measurement of their own."""
    held_out = sum(len(load_questions(path).questions) for path in HELDOUT_PATHS)
    tuning = sum(len(load_questions(path).questions) for path in DEV_PATHS)
    assert held_out * 3 >= held_out + tuning, f"{held_out} held out of {held_out + tuning}, less than a third"


def test_every_record_with_content_is_asked_about(index):
    """The dev sets together cover every record that has a description: a record nobody
    asks about in tuning is a record whose vocabulary was never checked."""
    asked = {t for path in DEV_PATHS for q in load_questions(path).questions for t in q.targets}
    unasked = sorted(target_of(r.code, r.title) for r in index.records if r.has_content)
    assert unasked, "the index has no record with content"
    missing = [t for t in unasked if t not in asked]
    assert not missing, f"no dev question expects these records: {missing}"


def test_expected_records_exist(index, report):
    """Every expected record is one the parser produces; otherwise the question can never pass."""
    targets = {target_of(r.code, r.title) for r in index.records}
    assert report.outcomes, f"{report.name}: no questions were asked"
    missing = sorted({t for o in report.outcomes for t in o.question.targets} - targets)
    assert not missing, f"{report.name}: no record with (code, title) {missing}"


def test_top1(report):
    gate = MIN_TOP1_HELDOUT if report.name.startswith("retrieval_heldout") else MIN_TOP1
    misses = report.misses(1)
    assert report.top(1) >= gate, f"{report.name}: top-1 {report.top(1):.3f} < {gate}; misses:\n" + "\n".join(
        describe(o) for o in misses
    )


def test_off_topic_rejected(report):
    gate = MIN_REJECTION_HELDOUT if report.name.startswith("retrieval_heldout") else MIN_REJECTION
    accepted = [f"{r.query!r} -> {r.hits[0].record.title}" for r in report.accepted_off_topic()]
    assert report.rejection() >= gate, (
        f"{report.name}: off-topic rejection {report.rejection():.3f} < {gate}; accepted:\n" + "\n".join(accepted)
    )


def test_on_topic_not_rejected(report):
    rejected = report.rejected_on_topic
    share = len(rejected) / len(report.outcomes)
    assert share <= MAX_ON_TOPIC_REJECTED, f"{report.name}: {len(rejected)} on-topic questions rejected:\n" + "\n".join(
        describe(o) for o in rejected
    )


@pytest.mark.parametrize(
    "question, code, title",
    [
        ("loyer trop cher, le cpas peut aider?", "4.C.2.1.a", "Oprichten of ondersteunen van een SVK"),
        ("subsidy for roof insulation", "6.B", "Dakisolatie"),
        ("prime pour isoler le toit", "6.B", "Dakisolatie"),
        ("is there a night shelter", "7.B", "Nachtopvang"),
        ("sans-abri douche", "7.A", "Begeleiding daklozen/thuislozen"),
        ("risk of eviction, landlord went to court", "7.A", "Preventie van uithuiszetting"),
        ("horaires du sociaal huis", "2.A", "Sociaal Huis"),
        ("opening hours of the ocmw", "2.A", "Sociaal Huis"),
        ("student room permit", "4.C.3.1", "Studentenkamers"),
        ("taxe sur les logements inoccupés", "5.B", "Gemeentelijke leegstandsheffing"),
    ],
)
def test_french_and_english_questions_find_the_dutch_record(index, question, code, title):
    result = index.search(question, limit=3)
    found = [target_of(h.record.code, h.record.title) for h in result.hits]
    assert not result.no_good_match and found[:1] == [(code, title)], (
        f"{question!r} should find {code} {title}; found {found}, unknown {result.unknown}"
    )


@pytest.mark.parametrize(
    "question, code, title",
    [
        (
            "mijn bomma wil een regenput laten plaatsen achter in haar tuin, wat geeft de stad",
            "6.B",
            "Hemelwater",
        ),
        (
            "goeiemiddag, mijn cliente kreeg een brief van de vrederechter en de huisbaas wil haar eruit",
            "7.A",
            "Preventie van uithuiszetting",
        ),
        (
            "ons pa is 84 en geraakt zijn trap niet meer op, kan het huis aangepast worden",
            "6.B",
            "Aanpasbaar/levenslang wonen",
        ),
    ],
)
def test_a_long_on_topic_story_with_unknown_everyday_words_is_answered(index, question, code, title):
    """The confidence scales with the plain share of understood words: a few everyday
    words the records lack ("tuin", "brief", "geraakt") do not turn a story away."""
    result = index.search(question, limit=3)
    found = [target_of(h.record.code, h.record.title) for h in result.hits]
    assert not result.no_good_match and (code, title) in found, (
        f"{question!r} should find {code} {title}; found {found}, unknown {result.unknown}"
    )
