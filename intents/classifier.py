"""Classify a message into one intent label with a calibrated confidence."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from intents.features import Reading
from intents.labels import OUT_OF_SCOPE
from intents.model import IntentModel
from intents.model_store import current_model
from intents.tokenize import warm_up_tokenizer

__all__ = ["CONFIDENCE_THRESHOLD", "INTERRUPT_THRESHOLD", "Prediction", "classify", "warm_up"]

log = logging.getLogger(__name__)

# Below this the bot offers choices instead of acting. Chosen by bench/threshold.py (figures in
# bench/README.md, "Threshold"): the lowest value at which, on both held-out sets, no out_of_scope
# line starts a service request and the bot is right at least 98% of the times it acts.
CONFIDENCE_THRESHOLD = 0.8
# Surer still, to change the subject of a conversation in progress: a question answered beside a request, a need
# taken for a second one.
INTERRUPT_THRESHOLD = 0.85

# How many runner-up labels a prediction carries, for quick replies.
ALTERNATIVES = 3

# The whole message is the command "cancel" or "stop" (stop the conversation, as PRODUCT.md's table has it; stopping
# the news says so: "stop ข่าวสาร"), said once or twice, give or take politeness and punctuation.
_CANCEL_COMMAND = re.compile(
    r"^(?:ยกเลิก|cancel|stop)(?:[\s!.]*(?:ยกเลิก|cancel|stop))?"
    r"(?:\s*(?:ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|จ้า|จ้ะ|นะ|ด้วย|please|pls))*[\s!.]*$"
)

# A request reference as the bot issues it (ITC-2569-000042), after normalisation.
_REQUEST_REFERENCE = re.compile(r"(?<![a-z0-9])itc\s*-?\s*\d{4}\s*-?\s*\d{6}(?!\d)")
ABOUT_A_REQUEST = ("cancel", "contact_staff")  # what else than its status a message with a reference may want


@dataclass(frozen=True)
class Prediction:
    """The intent of a message, how sure we are, and the next best labels to offer."""

    intent: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()


UNREADABLE = Prediction(OUT_OF_SCOPE, 0.0)


def _model_prediction(model: IntentModel, reading: Reading) -> Prediction:
    """The model's best label and its runners-up (never out_of_scope as a runner-up)."""
    probabilities = model.probabilities_of(reading)
    ranked = sorted(zip(model.labels, probabilities.tolist()), key=lambda pair: -pair[1])
    (intent, confidence), rest = ranked[0], ranked[1:]
    offered = tuple((label, round(p, 4)) for label, p in rest if label != OUT_OF_SCOPE)
    return Prediction(intent, min(1.0, max(0.0, confidence)), offered[:ALTERNATIVES])


def _classify(message: str) -> Prediction:
    """Exact commands and references by rule; everything else by the model."""
    model = current_model()
    reading = model.read(message)
    if not reading.text:
        return UNREADABLE
    if _CANCEL_COMMAND.match(reading.text):
        return Prediction("cancel", 1.0)
    reference = _REQUEST_REFERENCE.search(reading.text)
    if reference is None:
        return _model_prediction(model, reading)
    # A reference means a request exists: the user asks about it, unless clearly cancelling it or asking for a person
    # about it. The words around the reference say which; the model reads them alone, as the reference's digits
    # would pull it to a status.
    around = model.read(f"{reading.text[:reference.start()]} {reading.text[reference.end():]}")
    prediction = _model_prediction(model, around) if around.text else None
    if prediction is not None and prediction.intent in ABOUT_A_REQUEST and prediction.confidence >= CONFIDENCE_THRESHOLD:
        return prediction
    return Prediction("request_status", 1.0, prediction.alternatives if prediction else ())


def is_cancel_command(text: str) -> bool:
    """True when the whole message is the command to cancel or stop ("ยกเลิก", "stop ครับ"), which `classify` reads by
    rule, with nothing to say what is to stop."""
    try:
        return _CANCEL_COMMAND.match(current_model().read(text).text) is not None
    except Exception:  # as classify: never raises
        log.exception("reading a message of %d characters failed", len(str(text)))
        return False


def classify(text: str) -> Prediction:
    """The intent of one message; never raises, whatever the string."""
    try:
        return _classify(text)
    except Exception:  # a message must never take the webhook down; log it for the fix
        log.exception("classification failed for a message of %d characters", len(str(text)))
        return UNREADABLE


def warm_up() -> None:
    """Load (or train and cache) the model and dictionaries now, not on the first message."""
    warm_up_tokenizer()
    current_model()
