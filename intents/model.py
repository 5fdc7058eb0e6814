"""The intent model as the bot serves it: numpy arrays and n-gram vocabularies, no scikit-learn."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from intents.features import FeatureOptions, Reading, TfidfBlock, read

ModelKind = Literal["svm", "logreg"]


@dataclass(frozen=True)
class ModelOptions:
    """The model family and its settings; the defaults are the bot's own choice."""

    features: FeatureOptions = field(default_factory=FeatureOptions)
    kind: ModelKind = "svm"
    # C, larger trusts the training lines more. Of several, the one with the best out-of-fold accuracy
    # on the training lines is kept: the same folds that calibrate confidence.
    regularisation: tuple[float, ...] = (0.5, 1.0)
    calibration_folds: int = 5


@dataclass(frozen=True)
class IntentModel:
    """A trained model, reduced to arrays so that scoring one message is fast."""

    labels: tuple[str, ...]
    options: ModelOptions
    regularisation: float  # the C that cross-validation chose
    blocks: tuple[TfidfBlock, ...]
    coef: np.ndarray  # (features, labels)
    intercept: np.ndarray  # (labels,)
    inverse_temperature: float

    def scores(self, reading: Reading) -> np.ndarray:
        """Linear scores of one reading, one per label."""
        weights = [block.weights(reading) for block in self.blocks]
        columns = np.concatenate([block_columns for block_columns, _ in weights])
        values = np.concatenate([block_values for _, block_values in weights])
        return self.intercept + values @ self.coef[columns]

    def read(self, message: str) -> Reading:
        """Normalise and tokenise a message the way this model was trained."""
        return read(message, self.options.features)

    def probabilities_of(self, reading: Reading) -> np.ndarray:
        """Calibrated probability of each label (in `labels` order) for one reading."""
        scaled = self.inverse_temperature * self.scores(reading)
        exponentials = np.exp(scaled - scaled.max())  # scipy's softmax costs more than the model here
        return exponentials / exponentials.sum()

    def probabilities(self, message: str) -> np.ndarray:
        """Calibrated probability of each label (in `labels` order) for one message."""
        return self.probabilities_of(self.read(message))

    def predict_proba(self, messages: Iterable[str]) -> np.ndarray:
        """Probabilities for many messages, one row each."""
        rows = [self.probabilities(message) for message in messages]
        return np.vstack(rows) if rows else np.empty((0, len(self.labels)))

    def predict(self, messages: Iterable[str]) -> list[str]:
        """The most likely label of each message."""
        return [self.labels[int(row.argmax())] for row in self.predict_proba(messages)]
