"""Splitting long replies and forgetting repeated deliveries."""

from __future__ import annotations

import pytest

from bot.channels.common import RecentIds, split_message

ANSWER = (
    "De stad geeft een premie voor dakisolatie. Je vraagt ze aan bij de Dienst Bouwen, Milieu en Wonen. "
    "Bel 056/27.84.33 of mail naar wonen@kortrijk.be.\nBron: 6.B Dakisolatie"
)


@pytest.mark.parametrize("limit", [40, 80, 120, 4096])
def test_pieces_fit_and_keep_every_word(limit: int) -> None:
    pieces = split_message(ANSWER, limit)
    assert all(0 < len(p) <= limit for p in pieces), pieces
    assert " ".join(pieces).split() == ANSWER.split()


def test_cuts_after_a_sentence_when_one_fits() -> None:
    pieces = split_message(ANSWER, 120)
    assert pieces[0] == (
        "De stad geeft een premie voor dakisolatie. Je vraagt ze aan bij de Dienst Bouwen, Milieu en Wonen."
    )
    assert pieces[-1].endswith("Bron: 6.B Dakisolatie")


def test_a_word_longer_than_the_limit_is_cut() -> None:
    assert split_message("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_short_text_is_one_piece() -> None:
    assert split_message("  Hallo!  ", 4096) == ["Hallo!"]


def test_recent_ids_answer_a_retry_once_and_forget_the_oldest() -> None:
    recent = RecentIds(size=2)
    assert [recent.first_time(i) for i in (1, 1, 2, 3)] == [True, False, True, True]
    assert recent.first_time(1), "the oldest id is forgotten once more than `size` were seen"
    assert not recent.first_time(3)
