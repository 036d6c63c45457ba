"""The end-to-end evaluator's own rules: how a case is read and judged (no Rasa needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import Case, CaseFileError, Outcome, judge, load_cases, reply_text, summarise


def case(**expected) -> Case:
    return Case(id="x-1", kind="instrument", turns=("vraag",), **{k: tuple(v) for k, v in expected.items()})


@pytest.mark.parametrize(
    "expected, reply, passed",
    [
        ({"expect_any": ["056/27.84.33", "27 84 33"]}, "Contact: tel. 056/27.84.33", True),
        ({"expect_any": ["€ 80"]}, "Ja: de stad betaalt €  80 per maand", True),  # whitespace folded
        ({"expect_all": ["gesloten", "13"]}, "Sociaal Huis: GESLOTEN. Weer open om 13 u.", True),  # case folded
        ({"expect_all": ["gesloten", "13"]}, "Sociaal Huis: gesloten.", False),
        ({"expect_none": ["Bron:"]}, "Daarover vind ik niets.", True),
        ({"expect_none": ["Bron:"]}, "Iets.\nBron: 6.B", False),
        ({}, "", False),  # an empty reply always fails
    ],
)
def test_judge(expected, reply, passed) -> None:
    assert judge(case(**expected), [reply])[0] is passed, f"{expected} on {reply!r}"


def test_a_silent_turn_fails_the_case_even_when_the_last_reply_is_right() -> None:
    assert not judge(case(expect_any=["80"]), ["", "€ 80"])[0]


def test_button_titles_count_as_reply_text() -> None:
    text = reply_text([{"text": "Bedoel je:", "buttons": [{"title": "Dakisolatie", "payload": "/x"}]}])
    assert "Dakisolatie" in text


@pytest.mark.parametrize(
    "body, problem",
    [
        ("cases: []", "no 'cases'"),
        ("cases:\n  - {id: a, kind: weather, question: q, expect_any: [x]}", "unknown kind"),
        ("cases:\n  - {id: a, kind: svk, question: q}", "no expectation"),
        ("cases:\n  - {id: a, kind: svk, question: q, turns: [q], expect_any: [x]}", "either"),
        ("cases:\n  - {id: a, kind: svk, question: q, expect_any: ['']}", "non-empty"),
    ],
)
def test_malformed_case_files_are_refused(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "set.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CaseFileError, match=problem):
        load_cases(path)


def test_every_committed_set_loads() -> None:
    files = sorted((Path(__file__).resolve().parents[1] / "e2e").glob("*.yml"))
    assert len(files) >= 4
    for path in files:
        assert load_cases(path), path


def test_summary_counts_per_kind() -> None:
    a, b = case(expect_any=["x"]), Case(id="y", kind="svk", turns=("q",), expect_any=("x",))
    summary = summarise([Outcome(a, ["x"], [0.1], True), Outcome(b, ["nee"], [0.3], False)])
    assert summary.per_kind == {"instrument": (1, 1), "svk": (0, 1)} and summary.rate == 0.5
