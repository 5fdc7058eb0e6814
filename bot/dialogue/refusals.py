"""How a question refuses an answer: `Invalid`, whose message says what would fit, and the refusal the contact
details share (asked why they are needed, the bot says why)."""

from __future__ import annotations

from bot.dialogue import texts
from bot.dialogue.replies import asks_why
from bot.line.outbound import Action


class Invalid(ValueError):
    """The answer does not fit; the message says what would, and `choices` offer it where it is one tap."""

    def __init__(self, message: str, choices: tuple[Action, ...] = ()) -> None:
        super().__init__(message)
        self.choices = choices


def unread(text: str, message: str) -> Invalid:
    """What to say to a contact detail that was not given: why it is needed, when that is what the user asked."""
    return Invalid(texts.WHY_CONTACT_DETAILS if asks_why(text) else message)
