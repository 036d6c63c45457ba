"""The running assistant on the end-to-end question sets (tests/e2e), as a resident meets it.

Gates sit at the measured level and are raised as the assistant improves; the held-out
sets are never read case by case (the failures printed here are the tuning set's).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.evaluate import failure_text, load_all, report, run_all, summarise

pytestmark = pytest.mark.e2e

E2E = Path(__file__).resolve().parents[1] / "e2e"
# (overall, every kind with at least MIN_KIND_CASES cases), at the level measured on
# 2026-12-06 less a margin for retraining: tuning 0.953 (weakest kind out_of_scope 0.81),
# held-out 0.962 (weakest kinds overview 0.90, instrument 0.92). Raise them as the
# assistant improves.
GATES = {"tuning": (0.93, 0.75), "heldout": (0.93, 0.85)}
MIN_KIND_CASES = 10
MAX_MEDIAN_REPLY = 450


@pytest.mark.parametrize("part", ["tuning", "heldout"])
def test_end_to_end_pass_rate(assistant, part: str, capsys: pytest.CaptureFixture[str]) -> None:
    cases = load_all(sorted(E2E.glob(f"{part}_*.yml")))
    assert len(cases) >= 300, f"the {part} set should hold its cases, found {len(cases)}"
    outcomes = asyncio.run(run_all(cases, f"http://127.0.0.1:{assistant.ports.rasa}"))
    summary = summarise(outcomes)
    # The numbers belong in every run's log, passed or not; failures only for the tuning set.
    with capsys.disabled():
        print(f"\nend-to-end, {part} set:\n{report(summary)}")
    if part == "tuning":
        print("\n".join(failure_text(o) for o in outcomes if not o.passed))
    overall, per_kind = GATES[part]
    assert summary.empty_replies == 0, f"{summary.empty_replies} empty replies in the {part} set"
    assert summary.median_reply_chars <= MAX_MEDIAN_REPLY, f"median reply {summary.median_reply_chars} characters"
    assert any(total >= MIN_KIND_CASES for _, total in summary.per_kind.values()), (
        f"{part}: no kind has the {MIN_KIND_CASES} cases to be gated on"
    )
    weak = {
        kind: round(summary.kind_rate(kind), 3)
        for kind, (_, total) in summary.per_kind.items()
        if total >= MIN_KIND_CASES and summary.kind_rate(kind) < per_kind
    }
    assert summary.rate >= overall, f"{part}: pass rate {summary.rate:.3f} below {overall}"
    assert not weak, f"{part}: kinds below {per_kind}: {weak}"
