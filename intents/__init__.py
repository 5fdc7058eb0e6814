"""Thai language understanding for the ITC front desk: intents and entities of a LINE message.

>>> from intents import classify
>>> classify("อยากทำบรรจุภัณฑ์กาแฟใหม่ครับ").intent
'packaging'
"""

from intents.classifier import (
    CONFIDENCE_THRESHOLD,
    INTERRUPT_THRESHOLD,
    Prediction,
    classify,
    is_cancel_command,
    warm_up,
)
from intents.entities import extract_entities
from intents.labels import LABELS, SERVICE_LABELS

__all__ = [
    "CONFIDENCE_THRESHOLD",
    "INTERRUPT_THRESHOLD",
    "LABELS",
    "SERVICE_LABELS",
    "Prediction",
    "classify",
    "extract_entities",
    "is_cancel_command",
    "warm_up",
]
