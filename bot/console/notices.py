"""What the entrepreneur hears about their request: status updates, staff replies, the rating question.

Each message is a `Delivery` row written in the caller's transaction (so a rolled-back change never
notifies anyone); the caller queues the returned delivery ids after its commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.console import texts
from bot.dialogue import texts as dialogue_texts
from bot.line.outbound import MAX_TEXT_UTF16, Choose, Text, to_line_messages
from storage import repositories as repo
from storage.models import LineUser, ServiceRequest

RATING_LABELS = {5: "5 ดีมาก", 4: "4 ดี", 3: "3 พอใช้", 2: "2 ควรปรับปรุง", 1: "1 ไม่พอใจ"}


def rating_choices(request_id: int) -> tuple[Choose, ...]:
    """Quick replies 5..1; the postback is handled by bot.console.line_side."""
    return tuple(Choose(label, f"rate={request_id}:{score}", f"ให้คะแนน {score}")
                 for score, label in RATING_LABELS.items())


def status_text(request: ServiceRequest, reason: str | None = None, message: str | None = None) -> str:
    """The update for the request's current status, with the reason and the staff member's words."""
    service = dialogue_texts.SERVICE_NAMES.get(request.service, request.service)
    template = texts.STATUS_UPDATES.get(request.status, dialogue_texts.REQUESTER_UPDATE)
    text = template.format(reference=request.reference, service=service, centre=request.centre.name,
                           status=dialogue_texts.STATUS_NAMES.get(request.status, request.status))
    if reason:
        text += texts.REASON_LINE.format(reason=reason)
    if message:
        text += texts.STAFF_MESSAGE_LINE.format(message=message)
    return text


def text_length(text: str) -> int:
    """How long LINE counts a text: UTF-16 code units (an emoji is two), as a browser's `value.length`."""
    return len(text.encode("utf-16-le")) // 2


def room_for_reply(request: ServiceRequest, staff_name: str) -> int:
    """How long a console reply may be: LINE's limit less the "💬 เจ้าหน้าที่ … (name):" framing."""
    framing = texts.STAFF_REPLY.format(centre=request.centre.name, name=staff_name, text="")
    return MAX_TEXT_UTF16 - text_length(framing)


def room_for_status_words(request: ServiceRequest, statuses: tuple[str, ...] | list[str]) -> int:
    """How long the reason and the staff's message together may be, for any of these statuses' updates."""
    service = dialogue_texts.SERVICE_NAMES.get(request.service, request.service)
    longest = max((text_length(texts.STATUS_UPDATES.get(status, dialogue_texts.REQUESTER_UPDATE).format(
        reference=request.reference, service=service, centre=request.centre.name,
        status=dialogue_texts.STATUS_NAMES.get(status, status))) for status in statuses), default=0)
    framing = text_length(texts.REASON_LINE.format(reason="") + texts.STAFF_MESSAGE_LINE.format(message=""))
    return MAX_TEXT_UTF16 - longest - framing


def queue_status_update(session: Session, request: ServiceRequest, reason: str | None = None,
                        message: str | None = None) -> int | None:
    """Write the push telling the entrepreneur the request's new status; None when they cannot be reached."""
    user = request.user
    if user is None or not user.active:
        return None
    if reason is None and request.history and request.history[-1].to_status == request.status:
        reason = request.history[-1].note if request.status in ("rejected", "cancelled") else None
    messages = [Text(status_text(request, reason, message))]
    if request.status == "done" and request.rating is None:
        messages.append(Text(texts.ASK_RATING, rating_choices(request.id)))
    return _push(session, user, "status_update", messages, request.id)


def queue_transfer_notice(session: Session, request: ServiceRequest) -> int | None:
    """Write the push telling the entrepreneur which centre now looks after their request."""
    user = request.user
    if user is None or not user.active:
        return None
    centre = request.centre
    text = texts.TRANSFERRED.format(reference=request.reference, centre=centre.name,
                                    service=dialogue_texts.SERVICE_NAMES.get(request.service, request.service),
                                    phone=centre.phone or "-")
    return _push(session, user, "status_update", [Text(text)], request.id)


def queue_staff_reply(session: Session, request: ServiceRequest, staff_name: str, text: str) -> int | None:
    """Write the push carrying a staff member's reply typed in the console."""
    user = request.user
    if user is None or not user.active:
        return None
    body = texts.STAFF_REPLY.format(centre=request.centre.name, name=staff_name, text=text)
    return _push(session, user, "staff_reply", [Text(body)], request.id, transcript_kind="staff")


def queue_hand_back(session: Session, user: LineUser, request_id: int | None) -> int | None:
    """Write the push saying the staff member has finished and the bot answers again."""
    if not user.active:
        return None
    return _push(session, user, "staff_reply", [Text(texts.HANDBACK_NOTICE)], request_id)


def _push(session: Session, user: LineUser, purpose: str, messages: list[Text], request_id: int | None,
          transcript_kind: str = "text") -> int:
    payload = to_line_messages(messages)
    for message in messages:
        repo.log_message(session, user, "out", transcript_kind, message.text)
    return repo.new_delivery(session, purpose, [user.line_user_id], payload, request_id).id
