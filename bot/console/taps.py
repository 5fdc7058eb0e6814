"""What a button the entrepreneur tapped said, for the transcript: LINE sends only the button's data
("confirm=yes", "cancel_request=cancel_asked:3"), the officer should read its label ("ยืนยันส่งคำขอ")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from urllib.parse import parse_qsl

from bot.console import texts as console_texts
from bot.dialogue import cards, flows
from bot.dialogue import texts as dialogue_texts
from bot.line.outbound import Choose

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1)
def _labels_by_data() -> dict[str, str]:
    """Every fixed button the bot shows: the main menu, consent, and each question's choices."""
    shown = [*cards.main_menu(), *cards.consent_choices(), cards.EDIT_BUTTON]
    for flow in flows.FLOWS.values():
        for question in flow.fields:
            shown.extend(question.choices)
    return {action.data: action.label for action in shown if isinstance(action, Choose)}


def _answer(value: str) -> str:
    if ISO_DATE.fullmatch(value):
        return dialogue_texts.thai_date(date.fromisoformat(value))
    return _labels_by_data().get(f"answer={value}", value)


def _withdrawal(value: str) -> str:
    if value.startswith("cancel_asked"):
        return dialogue_texts.PASS_ON_CANCEL
    if value.startswith("no"):
        return dialogue_texts.KEEP_REQUESTS
    return dialogue_texts.WITHDRAW


BY_KEY: dict[str, Callable[[str], str]] = {
    "confirm": lambda v: {"yes": dialogue_texts.CONFIRM, "edit": dialogue_texts.EDIT}.get(v, dialogue_texts.CANCEL),
    "cancel": lambda v: dialogue_texts.CANCEL,
    "intent": lambda v: cards.INTENT_NAMES.get(v, console_texts.TAPPED),
    "service": lambda v: dialogue_texts.SERVICE_NAMES.get(v.split(":")[0], console_texts.TAPPED),
    "answer": _answer,
    "cancel_request": _withdrawal,
    "restore_request": lambda v: dialogue_texts.RESTORE,
    "call_about": lambda v: dialogue_texts.CALL_ABOUT_THIS if v.isdecimal() else dialogue_texts.CALL_ABOUT_OTHER,
    "rate": lambda v: console_texts.TAPPED_RATING.format(score=v.rpartition(":")[2]),
    "accept": lambda v: console_texts.TAPPED_ACCEPT,
    "resume": lambda v: console_texts.TAPPED_RESUME,
    "erase": lambda v: console_texts.TAPPED_ERASE if v == "yes" else console_texts.TAPPED_KEEP_DATA,
    "edit": lambda v: console_texts.TAPPED_EDIT.format(
        field=next((q.label for f in flows.FLOWS.values() for q in f.fields if q.key == v), "")),
}


def tapped_label(data: str | None) -> str:
    """The label of the button whose postback data this is; a plain "แตะปุ่ม" when not known, never the data."""
    if not data:
        return console_texts.TAPPED
    if data in _labels_by_data():
        return _labels_by_data()[data]
    for key, value in parse_qsl(data):
        if key in BY_KEY:
            return BY_KEY[key](value)
    return console_texts.TAPPED
