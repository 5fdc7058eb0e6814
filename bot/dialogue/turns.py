"""What a step returns (`Turn`), and how a flow asks for the state it moves to: a question, the summary card
or its "ต้องการแก้ข้อไหนคะ". Shared by the question steps (`flows`) and the summary's (`summary`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.dialogue import fields as f
from bot.dialogue import texts
from bot.dialogue.cards import summary_card
from bot.line.outbound import MAX_QUICK_REPLIES, Action, Choose, Outbound, Text

if TYPE_CHECKING:
    from bot.dialogue.flows import Flow

SUMMARY = ("confirm", "edit")  # the summary card and its "ต้องการแก้ข้อไหนคะ": every answer given
MOST_QUESTIONS, QUESTION_LENGTH = 5, 300  # kept for the officer (`noted`)


@dataclass(frozen=True)
class Turn:
    """The result of one step: where the flow goes next, what it now knows, what to say."""

    state: str
    answers: dict[str, Any]
    messages: list[Outbound] = field(default_factory=list)
    submit: bool = False


def next_question(flow: Flow, answers: dict[str, Any]) -> str:
    """The first question not yet answered, or `confirm` when all are."""
    return next((q.key for q in flow.fields if q.key not in answers and q.asked), "confirm")


def ask(flow: Flow, state: str, answers: dict[str, Any], hint: str | None = None,
        offered: tuple[Action, ...] = ()) -> list[Outbound]:
    """What to say to ask for `state`; `offered` choices go before the question's own."""
    if state == "confirm":
        return [summary_card(flow, answers)]
    if state == "edit":
        choices = tuple(Choose(q.label, f"edit={q.key}", f"แก้{q.label}") for q in flow.fields
                        if q.asked or q.key in answers)
        unchanged = Choose(texts.NO_CHANGE_SEND, "confirm=yes", texts.NO_CHANGE_SEND)
        return [Text(texts.ASK_EDIT, (*choices, unchanged))]
    question = flow.known_field(state)
    refused = answers.get(f.REFUSED, {})  # the first message's answer to it, refused: said now
    hint = hint or (refused["hint"] if refused.get("key") == state else None)
    lines = [hint, question.question] if hint else [question.question]
    # The chips a refusal offered stay while its question waits, whatever comes between (`fields.OFFERED`).
    shown = offered_at(answers, state)
    offered = offered or tuple(Choose(label, data, label) for label, data in shown)
    return [Text("\n".join(lines), (*offered, *question.choices)[:MAX_QUICK_REPLIES])]


def noted(answers: dict[str, Any], reply: str) -> dict[str, Any]:
    """The answers with the question kept for the officer (a few, each cut short, none twice)."""
    asked = answers.get(f.QUESTIONS, [])
    question = " ".join(reply.split())[:QUESTION_LENGTH]
    return answers | {f.QUESTIONS: asked if question in asked else [*asked, question][-MOST_QUESTIONS:]}


def stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def offered_at(answers: dict[str, Any], state: str) -> list[list[str]]:
    """The days a refusal offered for the question in `state`: at it, or in the first message (`fields.REFUSED`)."""
    refused = answers.get(f.REFUSED, {})
    return answers.get(f.OFFERED) or (refused["offered"] if refused.get("key") == state else [])
