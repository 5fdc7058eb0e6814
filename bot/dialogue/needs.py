"""A second need in the message that starts a request ("อยากให้ช่วยออกแบบลายผ้าใหม่ แล้วก็อยากหาคนรับซื้อด้วยครับ"):
one request is made at a time, so the other is said to come next, and offered once the first is sent."""

from __future__ import annotations

import re

import intents

SECOND_NEED = "second_need"  # in a request's answers until it is sent: the other service its first message asked for
LATER = "later=second_need"  # the offer's "ไว้ก่อน": nothing started
# Where a message goes on to another need: "แล้วก็", "อีกเรื่องนึง", "และอยาก…".
_JOINTS = re.compile(r"แล้วก็|และก็|แล้วยัง|อีกเรื่อง(?:นึง|หนึ่ง)?|อีกอย่าง(?:นึง|หนึ่ง)?|นอกจากนี้|รวมถึง|พร้อมกับ"
                     r"|และ(?=\s*(?:อยาก|ต้องการ|ขอ|สนใจ))")


def other_need(text: str | None, service: str) -> str | None:
    """The service another part of the message asks for, besides `service`; None when it asks for one only."""
    parts = _JOINTS.split(text or "")
    if len(parts) < 2:
        return None
    for part in parts:
        said = intents.classify(part)
        if said.intent in intents.SERVICE_LABELS and said.intent != service and said.confidence >= intents.INTERRUPT_THRESHOLD:
            return said.intent
    return None
