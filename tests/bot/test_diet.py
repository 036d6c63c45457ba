"""The order DIET's epoch is trained in: every example once, batches of like length, balance kept."""

from __future__ import annotations

import numpy as np
import pytest

from bot.diet import WINDOW_BATCHES, length_order

# Word counts as the training data has them: mostly short, now and then a long story.
LENGTHS = np.random.default_rng(0).choice([3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 20, 25], size=1300)


def padded_tokens(lengths: np.ndarray, order: np.ndarray, batch_size: int) -> int:
    batches = [lengths[order[i : i + batch_size]] for i in range(0, len(order), batch_size)]
    return sum(len(batch) * int(batch.max()) for batch in batches)


@pytest.mark.parametrize("batch_size", [64, 128, 256])
def test_every_example_is_trained_on_once_an_epoch(batch_size: int):
    order = length_order(LENGTHS, batch_size, np.random.default_rng(1))
    assert sorted(order.tolist()) == list(range(len(LENGTHS)))


@pytest.mark.parametrize("batch_size", [64, 256])
def test_batches_of_like_length_need_far_less_padding(batch_size: int):
    rng = np.random.default_rng(2)
    shuffled = padded_tokens(LENGTHS, rng.permutation(len(LENGTHS)), batch_size)
    ordered = padded_tokens(LENGTHS, length_order(LENGTHS, batch_size, rng), batch_size)
    assert ordered < 0.6 * shuffled, (ordered, shuffled)


def test_a_batch_holds_examples_of_one_window_only():
    # Rasa's balancing spreads the classes over the epoch; sorting within windows keeps that.
    batch_size = 64
    window = batch_size * WINDOW_BATCHES
    order = length_order(LENGTHS, batch_size, np.random.default_rng(3))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    assert len(batches) > WINDOW_BATCHES
    assert all(len({int(p) // window for p in batch}) == 1 for batch in batches)


def test_the_order_follows_the_seed():
    first = length_order(LENGTHS, 64, np.random.default_rng(42))
    again = length_order(LENGTHS, 64, np.random.default_rng(42))
    other = length_order(LENGTHS, 64, np.random.default_rng(43))
    assert np.array_equal(first, again) and not np.array_equal(first, other)


def test_an_empty_epoch_stays_empty():
    assert length_order(np.array([], dtype=int), 64, np.random.default_rng(0)).size == 0
