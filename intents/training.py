"""Train the intent model: TF-IDF word and character n-grams, a linear classifier, calibrated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.base import ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from intents.features import CharAnalyzer, FeatureOptions, Reading, TfidfBlock, WordAnalyzer, read
from intents.model import IntentModel, ModelOptions

SEED = 0


def make_vectorizers(options: FeatureOptions) -> list[tuple[str, TfidfVectorizer]]:
    """The TF-IDF blocks, named, for a scikit-learn FeatureUnion; a (0, 0) range leaves a block out."""
    blocks = []
    if options.word_ngrams[1]:
        words = TfidfVectorizer(analyzer=WordAnalyzer(options.word_ngrams), sublinear_tf=True)
        blocks.append(("words", words))
    if options.char_ngrams[1]:
        chars = TfidfVectorizer(
            analyzer=CharAnalyzer(options.char_ngrams), sublinear_tf=True, min_df=options.char_min_df
        )
        blocks.append(("chars", chars))
    return blocks


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
    """Out-of-fold linear scores for each C, columns in sorted label order."""
    targets = np.asarray(labels)
    scores: dict[float, np.ndarray] = {}
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for fitted_on, held_out in splitter.split(np.zeros(len(targets)), targets):
        known = [readings[i] for i in fitted_on]
        unseen = [readings[i] for i in held_out]
        for regularisation, decision in _fold_scores(known, targets[fitted_on], unseen, options).items():
            scores.setdefault(regularisation, np.zeros((len(targets), decision.shape[1])))[held_out] = (
                decision
            )
    return scores


def _fold_scores(
    known: list[Reading], known_labels: np.ndarray, unseen: list[Reading], options: ModelOptions
) -> dict[float, np.ndarray]:
    """Fit one fold's features once and score its held-out part with each C. The fold's features and
    weights go when this returns, before the next fold builds its own (training's peak memory)."""
    features = FeatureUnion(make_vectorizers(options.features))
    known_features = features.fit_transform(known)
    unseen_features = features.transform(unseen)
    return {
        regularisation: _linear_scores(
            np.asarray(
                make_estimator(options, regularisation)
                .fit(known_features, known_labels)
                .decision_function(unseen_features)
            )
        )
        for regularisation in options.regularisation
    }


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
