"""Rasa's DIET classifier, trained on batches of messages of about the same length.

Rasa pads every batch to its longest message. The questions here are 7 words long on average,
but a random batch of 64 nearly always holds one of 20, so about two thirds of what the
transformer computed in training was padding. This component keeps DIET as it is (same model,
same configuration, same predictions code) and only changes the order of the examples within
an epoch: after Rasa's shuffling and class balancing, each window of a few batches is sorted
by length and cut into batches, and the batches of a window are shuffled. The classes stay as
balanced as Rasa made them (a window is small), and every example is still seen once an epoch.
"""

from __future__ import annotations

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH
from rasa.utils.tensorflow.model_data import Data, RasaModelData

# How many batches are sorted together: enough to find messages of like length, few enough
# that each batch still mixes the classes of its part of the epoch.
WINDOW_BATCHES = 8


def length_order(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> np.ndarray:
    """Example positions such that each run of batch_size holds messages of like length."""
    order: list[np.ndarray] = []
    window = batch_size * WINDOW_BATCHES
    for start in range(0, len(lengths), window):
        positions = np.arange(start, min(start + window, len(lengths)))
        positions = positions[np.argsort(lengths[positions], kind="stable")]
        batches = [positions[i : i + batch_size] for i in range(0, len(positions), batch_size)]
        order.extend(batches[i] for i in rng.permutation(len(batches)))
    return np.concatenate(order) if order else np.arange(0)


class LengthBatchedModelData(RasaModelData):
    """Model data that hands the data generator its epoch in batches of like length."""

    def __init__(self, model_data: RasaModelData, seed: int | None) -> None:
        super().__init__(model_data.label_key, model_data.label_sub_key, model_data.data)
        self._rng = np.random.default_rng(seed)

    def balanced_data(self, data: Data, batch_size: int, shuffle: bool) -> Data:
        balanced = super().balanced_data(data, batch_size, shuffle)
        lengths = np.asarray(balanced[TEXT][SEQUENCE_LENGTH][0]).reshape(-1)
        return self._data_for_ids(balanced, length_order(lengths, batch_size, self._rng))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class LengthBatchedDIETClassifier(DIETClassifier):
    def preprocess_train_data(self, training_data: TrainingData) -> RasaModelData:
        model_data = super().preprocess_train_data(training_data)
        return LengthBatchedModelData(model_data, self.component_config.get("random_seed"))
