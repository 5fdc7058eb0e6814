"""Train the intent model: TF-IDF word and character n-grams, a linear classifier, calibrated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.base import ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from intents.features import FeatureOptions, Reading, TfidfBlock, make_vectorizers, read

ModelKind = Literal["svm", "logreg"]

SEED = 0


@dataclass(frozen=True)
class ModelOptions:
    """The model family and its settings; the defaults are the bot's own choice."""

    features: FeatureOptions = field(default_factory=FeatureOptions)
    kind: ModelKind = "svm"
    # C, larger trusts the training lines more. Of several, the one with the best out-of-fold accuracy
    # on the training lines is kept: the same folds that calibrate confidence.
    regularisation: tuple[float, ...] = (0.5, 1.0)
    calibration_folds: int = 5


def make_estimator(options: ModelOptions, regularisation: float) -> ClassifierMixin:
    """The linear classifier, seeded so training is repeatable."""
    if options.kind == "logreg":
        return LogisticRegression(C=regularisation, max_iter=5000, random_state=SEED)
    return LinearSVC(C=regularisation, random_state=SEED)


def build_pipeline(options: ModelOptions, regularisation: float) -> Pipeline:
    """Features and classifier over already read messages."""
    features = FeatureUnion(make_vectorizers(options.features))
    return Pipeline([("features", features), ("classifier", make_estimator(options, regularisation))])


def read_all(messages: Iterable[str], options: ModelOptions) -> list[Reading]:
    """Normalise and tokenise every message once, before any fitting."""
    return [read(message, options.features) for message in messages]


def _linear_scores(decision: np.ndarray) -> np.ndarray:
    """One column per class, also when a binary model gives a single column."""
    if decision.ndim == 1:
        return np.column_stack([-decision / 2, decision / 2])
    return decision


def cross_validated_scores(
    readings: Sequence[Reading], labels: Sequence[str], options: ModelOptions, folds: int
) -> dict[float, np.ndarray]:
    """Out-of-fold linear scores for each C, columns in sorted label order. Each fold's features are fitted
    once and serve every C."""
    targets = np.asarray(labels)
    scores: dict[float, np.ndarray] = {}
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for fitted_on, held_out in splitter.split(np.zeros(len(targets)), targets):
        features = FeatureUnion(make_vectorizers(options.features))
        known = features.fit_transform([readings[i] for i in fitted_on])
        unseen = features.transform([readings[i] for i in held_out])
        for regularisation in options.regularisation:
            decision = _fold_scores(make_estimator(options, regularisation), known, targets[fitted_on], unseen)
            scores.setdefault(regularisation, np.zeros((len(targets), decision.shape[1])))[held_out] = decision
    return scores


def _fold_scores(estimator: ClassifierMixin, known: Any, known_labels: np.ndarray, unseen: Any) -> np.ndarray:
    """Fit on a fold's training part and score its held-out part; the fitted weights go when this returns."""
    return _linear_scores(np.asarray(estimator.fit(known, known_labels).decision_function(unseen)))


def fit_inverse_temperature(scores: np.ndarray, label_indices: np.ndarray) -> float:
    """The scale of the scores whose softmax best predicts held-out labels (temperature scaling)."""

    def held_out_log_loss(log_scale: float) -> float:
        log_probabilities = log_softmax(np.exp(log_scale) * scores, axis=1)
        return float(-log_probabilities[np.arange(len(label_indices)), label_indices].mean())

    best = minimize_scalar(held_out_log_loss, bounds=(-4.0, 6.0), method="bounded")
    return float(np.exp(best.x))


def calibration_folds(labels: Sequence[str], wanted: int) -> int:
    """As many folds as wanted, but no more than the rarest label has lines."""
    rarest = min(Counter(labels).values())
    return max(2, min(wanted, rarest))


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


def _compile(pipeline: Pipeline, inverse_temperature: float, options: ModelOptions) -> IntentModel:
    """Keep the fitted vocabularies and weights, drop scikit-learn's per-call machinery."""
    blocks, offset = [], 0
    for _, vectorizer in pipeline.named_steps["features"].transformer_list:
        blocks.append(TfidfBlock.from_fitted(vectorizer, offset))
        offset += len(vectorizer.vocabulary_)
    estimator = pipeline.named_steps["classifier"]
    coef = np.asarray(estimator.coef_)
    intercept = np.asarray(estimator.intercept_)
    if coef.shape[0] == 1:  # binary: one weight vector for the second class
        coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
    return IntentModel(
        labels=tuple(str(label) for label in estimator.classes_),
        options=options,
        regularisation=float(estimator.C),
        blocks=tuple(blocks),
        coef=np.ascontiguousarray(coef.T, dtype=np.float32),  # half the memory; scores agree to 1e-6
        intercept=intercept,
        inverse_temperature=inverse_temperature,
    )


def train(rows: Iterable[tuple[str, str]], options: ModelOptions | None = None) -> IntentModel:
    """Fit and calibrate the model on (text, label) rows; deterministic for the same rows."""
    options = options or ModelOptions()
    pairs = list(rows)
    texts = [text for text, _ in pairs]
    labels = [label for _, label in pairs]
    if len(set(labels)) < 2:
        raise ValueError("training needs lines of at least two labels")
    readings = read_all(texts, options)
    folds = calibration_folds(labels, options.calibration_folds)
    column_of = {label: column for column, label in enumerate(sorted(set(labels)))}
    label_indices = np.array([column_of[label] for label in labels])
    held_out = cross_validated_scores(readings, labels, options, folds)
    # Ties go to the smaller C, the simpler model.
    chosen = max(held_out, key=lambda c: ((held_out[c].argmax(axis=1) == label_indices).mean(), -c))
    inverse_temperature = fit_inverse_temperature(held_out[chosen], label_indices)
    pipeline = build_pipeline(options, chosen).fit(readings, list(labels))
    return _compile(pipeline, inverse_temperature, options)
