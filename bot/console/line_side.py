"""What staff (and ratings) do through LINE itself: hooks the dialogue and the webhook call.

- `intercept_text`: a staff member sending the code that links their LINE account; and, while a staff member
  talks with this user from the console, a word that the officer has it at the start of each burst, then silence
  (the message is in the transcript, the officer, or else their centre, gets a LINE ping). The bot still answers
  a status question, a cancel (asked first, as ever), a new need (offered as a request of its own) and the answers
  to what it asked since the officer last wrote (`bot.console.handover_chat`).
- `information_typed`, `file_for_staff`: the answer to "รอข้อมูลจากท่าน" goes to the request waiting for it
  (`bot.console.information`).
- `POSTBACKS`: the entrepreneur's 1-5 rating of a finished request (or the score typed right after the question).
- `on_group_event`: a centre's LINE group: greeting on join, registering with a code, accepting requests.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import parse_qsl

from sqlalchemy import select
from sqlalchemy.orm import Session

import intents
from bot import staff_alerts
from bot.console import handover_chat, information, linking, texts, workflow
from bot.dialogue import staff as staff_actions
from bot.dialogue.context import Context, Reply
from bot.line.inbound import Inbound
from bot.line.outbound import Text
from intents.normalize import normalize
from storage.models import Attachment, Centre, Message, ServiceRequest, Staff, StaffGroup

log = logging.getLogger(__name__)

RATING_LENGTH = 60  # characters: a longer message says more than a score
STARS = re.compile("⭐{1,5}")
OUT_OF_FIVE = re.compile(r"\s*(?:/|เต็ม|จาก)\s*5(?!\d)")
SCORE_WORDS = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5}
SCORE = re.compile(r"^(?:ให้|ได้)?\s*(?:คะแนน)?\s*(?P<lead>[1-5])(?!\d)|(?<!\d)(?P<beside>[1-5])\s*(?:ดาว|คะแนน)"
                   r"|(?P<word>หนึ่ง|สอง|สาม|สี่|ห้า)\s*(?:ดาว|คะแนน)")


def intercept_text(ctx: Context, event: Inbound) -> Reply | None:
    """A reply when the text is for the staff side (a link code, a staff conversation), else None."""
    code = linking.valid_code(ctx.session, event.text or "", ctx.now)
    if code is not None and code.staff_id is not None:
        return _link_staff(ctx, code)
    if code is not None:
        return Reply([Text(texts.GROUP_CODE_IN_CHAT)])
    rated = _typed_rating(ctx, event)
    if rated is not None:
        return rated
    if workflow.in_handover(ctx.user, ctx.now):
        return handover_chat.typed(ctx, event.text or "")
    return None


def information_typed(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """The entrepreneur's answer to a request waiting for their information; None for any other message."""
    return information.typed(ctx, text, prediction)


def file_for_staff(ctx: Context, attachment: Attachment | None, kind: str) -> Reply | None:
    """A photo or file (its Thai `kind`) sent outside a request being made: kept on the request waiting for it, its
    officer told; during a staff conversation, on the request talked about; None otherwise."""
    if not workflow.in_handover(ctx.user, ctx.now):
        return information.sent_file(ctx, attachment, kind)
    request = staff_alerts.handover_request(ctx.session, ctx.user)
    if attachment is not None and request is not None:
        attachment.request_id = request.id
    return handover_chat.for_the_officer(ctx, texts.FILE_SENT.format(kind=kind))


def _link_staff(ctx: Context, code) -> Reply:
    """Tie this LINE account to the staff account that asked for the code."""
    staff = ctx.session.get(Staff, code.staff_id)
    other = ctx.session.scalar(select(Staff).where(Staff.line_user_id == ctx.user.line_user_id))
    if staff is None or not staff.active:
        return Reply([Text(texts.GROUP_CODE_WRONG)])
    if other is not None and other.id != staff.id:
        return Reply([Text(texts.LINE_ALREADY_LINKED)])
    code.used_at = ctx.now
    staff.line_user_id = ctx.user.line_user_id
    workflow.audit(ctx.session, staff, "link_line", None, None, ctx.now)
    return Reply([Text(texts.LINKED.format(name=staff.name, centre=staff.centre.name))])


def rate(ctx: Context, value: str, event: Inbound) -> Reply:
    """The entrepreneur's 1-5 rating of a finished request (once per request)."""
    request_id, _, score = value.partition(":")
    if not (request_id.isdecimal() and score.isdecimal() and 1 <= int(score) <= 5):
        return Reply([Text(texts.RATING_NOT_YOURS)])
    request = ctx.session.get(ServiceRequest, int(request_id), with_for_update=True)
    if request is None or request.user_id != ctx.user.id or request.status != "done":
        return Reply([Text(texts.RATING_NOT_YOURS)])
    if request.rating is not None:
        return Reply([Text(texts.RATING_ALREADY.format(reference=request.reference))])
    request.rating = int(score)
    workflow.audit(ctx.session, None, "rating", request, f"{score}/5", ctx.now)
    thanks = Text(texts.RATING_THANKS.format(stars="⭐" * int(score)))
    return Reply([thanks, Text(texts.RATING_LOW)] if int(score) <= 2 else [thanks])


def _typed_rating(ctx: Context, event: Inbound) -> Reply | None:
    """A score typed right after the rating question ("5 เลยจ้า", "๔ ค่ะ", "ให้ 5 ดาว") is the rating, as if tapped."""
    score = typed_score(event.text or "")
    if score is None:
        return None
    last_said = ctx.session.scalar(select(Message.text).where(Message.user_id == ctx.user.id, Message.direction == "out")
                                   .order_by(Message.id.desc()).limit(1))
    if last_said != texts.ASK_RATING:
        return None
    asked = ctx.session.scalar(select(ServiceRequest.id).where(
        ServiceRequest.user_id == ctx.user.id, ServiceRequest.status == "done", ServiceRequest.rating.is_(None))
        .order_by(ServiceRequest.closed_at.desc(), ServiceRequest.id.desc()).limit(1))
    return None if asked is None else rate(ctx, f"{asked}:{score}", event)


def typed_score(text: str) -> int | None:
    """The 1-5 score a short message gives: a digit (Thai too) leading it or beside ดาว/คะแนน, a score "out of 5",
    a number word with ดาว/คะแนน, or a row of stars; None for anything else ("มี 2 เรื่องค่ะ")."""
    if STARS.fullmatch(text.strip()):
        return len(text.strip())
    said = OUT_OF_FIVE.sub("", normalize(text, emoji="strip"))
    found = SCORE.search(said) if len(said) <= RATING_LENGTH else None
    if found is None:
        return None
    digit = found["lead"] or found["beside"]
    return int(digit) if digit else SCORE_WORDS[found["word"]]


POSTBACKS: dict[str, Callable[[Context, str, Inbound], Reply]] = {"rate": rate}


def on_group_event(session: Session, event: Inbound, now: datetime) -> Reply | None:
    """Events from LINE groups and rooms (a centre registering its staff group, accepting requests)."""
    if event.line_type == "join":
        return Reply([Text(texts.GROUP_WELCOME)])
    if event.line_type == "leave" and event.group_id:
        for group in session.scalars(select(StaffGroup).where(StaffGroup.line_group_id == event.group_id)):
            group.active = False
        return None
    if event.kind == "text" and event.group_id:
        return _group_text(session, event, event.group_id, now)
    if event.kind == "postback":
        data = dict(parse_qsl(event.postback or ""))
        if data.get("accept", "").isdecimal():
            return staff_actions.accept_as(session, event.user_id, int(data["accept"]), now, in_group=True)
    return None


def _group_text(session: Session, event: Inbound, group_id: str, now: datetime) -> Reply | None:
    """Only a registration code gets an answer: the bot never chats in staff groups."""
    if linking.looks_like_code(event.text or "") is None:
        return None
    code = linking.valid_code(session, event.text or "", now)
    if code is None or code.centre_id is None:
        return Reply([Text(texts.GROUP_CODE_WRONG)])
    code.used_at = now
    linking.register_group(session, code.centre_id, group_id)
    centre = session.get(Centre, code.centre_id)
    assert centre is not None, "centres are never deleted"
    workflow.audit(session, None, "register_group", None, f"{centre.code} {group_id}", now)
    log.info("LINE group %s now receives the alerts of %s", group_id, centre.code)
    return Reply([Text(texts.GROUP_REGISTERED.format(centre=centre.name))])
