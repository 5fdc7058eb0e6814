"""Queries and writes the rest of the app uses; they take a session and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, bindparam, cast, delete, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from storage.models import (
    AnnouncementRecipient,
    Attachment,
    AuditEntry,
    Centre,
    Conversation,
    Delivery,
    LineUser,
    Message,
    ProcessedEvent,
    Province,
    Registration,
    RequestNote,
    ServiceRequest,
    Staff,
    StaffGroup,
    StatusChange,
    utcnow,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
LAST_SEEN_PRECISION = timedelta(minutes=1)


def claim_event(session: Session, webhook_event_id: str, event_type: str) -> bool:
    """Record a webhook event; False when it was already processed (a redelivery or duplicate)."""
    claim = _CLAIMS["postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite"]
    claimed = session.connection().execute(claim, {"webhook_event_id": webhook_event_id, "type": event_type})
    return claimed.first() is not None


# Built once, for each database's INSERT ... ON CONFLICT DO NOTHING (every webhook event runs one).
_CLAIMS = {
    name: dialect.insert(ProcessedEvent.__table__)
    .on_conflict_do_nothing(index_elements=["webhook_event_id"])
    .returning(ProcessedEvent.__table__.c.webhook_event_id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


def user_by_line_id(session: Session, line_user_id: str, lock: bool = False) -> LineUser | None:
    """The follower with their conversation, in one query (every message reads both)."""
    return session.scalar(_USER_LOCKED if lock else _USER, {"line_user_id": line_user_id})


# Built once (every webhook event runs one); `of` keeps PostgreSQL's row lock off the joined conversation.
_USER = (select(LineUser).where(LineUser.line_user_id == bindparam("line_user_id"))
         .options(joinedload(LineUser.conversation)))
_USER_LOCKED = _USER.with_for_update(of=LineUser)


def get_or_create_user(session: Session, line_user_id: str, lock: bool = False) -> LineUser:
    """The follower with this LINE id, created on first contact; `lock` serialises one user's events."""
    user = user_by_line_id(session, line_user_id, lock)
    if user is None:
        try:
            with session.begin_nested():
                user = LineUser(line_user_id=line_user_id)
                session.add(user)
        except IntegrityError:
            user = user_by_line_id(session, line_user_id, lock)
            if user is None:  # the insert clashed with a row this transaction cannot see
                raise RuntimeError(f"LINE user {line_user_id} exists but could not be read back")
    now = utcnow()
    if now - user.last_seen_at >= LAST_SEEN_PRECISION:  # not a write on every message
        user.last_seen_at = now
    return user


def get_conversation(session: Session, user: LineUser) -> Conversation | None:
    return user.conversation


def save_conversation(session: Session, user: LineUser, flow: str, state: str, data: dict[str, Any]) -> None:
    """Store where the user is in a flow (replacing any earlier state)."""
    # Written at once with a prepared statement, not left to the ORM's flush: most messages move a flow on,
    # and the unit of work cost more CPU than the UPDATE itself, inside the write lock (bench/README.md).
    values = {"flow": flow, "state": state, "data": dict(data), "updated_at": utcnow()}
    conversation = user.conversation
    if conversation is None:
        session.connection().execute(_NEW_CONVERSATION, {"user_id": user.id, **values})
        conversation = Conversation(user_id=user.id, **values)
        make_transient_to_detached(conversation)  # as if loaded: the row exists
        session.add(conversation)
        set_committed_value(user, "conversation", conversation)
        return
    session.connection().execute(_SAVE_CONVERSATION, {"key": user.id, **values})
    for name, value in values.items():
        set_committed_value(conversation, name, value)


def clear_conversation(session: Session, user: LineUser) -> None:
    conversation = user.conversation
    if conversation is not None:
        session.connection().execute(_CLEAR_CONVERSATION, {"key": user.id})
        set_committed_value(user, "conversation", None)
        session.expunge(conversation)


# Built once (most messages run one of them).
_NEW_CONVERSATION = insert(Conversation.__table__)
_SAVE_CONVERSATION = update(Conversation.__table__).where(Conversation.__table__.c.user_id == bindparam("key"))
_CLEAR_CONVERSATION = delete(Conversation.__table__).where(Conversation.__table__.c.user_id == bindparam("key"))


def log_message(session: Session, user: LineUser, direction: str, kind: str, text: str | None,
                intent: str | None = None, confidence: float | None = None, fallback: bool = False) -> None:
    """Add one line to the user's transcript (written at once: nothing reads it back in the same step)."""
    session.connection().execute(_TRANSCRIPT_LINE, {
        "user_id": user.id, "direction": direction, "kind": kind, "text": text, "intent": intent,
        "confidence": confidence, "fallback": fallback})


# Built once: a plain INSERT on the table, outside the ORM (every message writes one or two).
_TRANSCRIPT_LINE = insert(Message.__table__)


def centre_for_province(session: Session, province: str) -> Centre | None:
    """The centre responsible for an official province name."""
    return session.scalar(_CENTRE_OF_PROVINCE, {"province": province})


# Built once, one query: questions about a centre, and every request, ask it.
_CENTRE_OF_PROVINCE = (select(Centre).join(Province, Province.centre_id == Centre.id)
                       .where(Province.name == bindparam("province")))


def find_centre(session: Session, code_or_province: str) -> Centre | None:
    """A centre by its code, or the centre serving a province name."""
    centre = session.scalar(select(Centre).where(Centre.code == code_or_province))
    return centre or centre_for_province(session, code_or_province)


def be_year(moment: datetime) -> int:
    """The Buddhist-era year of a moment, in Bangkok."""
    return moment.astimezone(BANGKOK).year + 543


def create_request(session: Session, *, user: LineUser, service: str, centre: Centre, province: str,
                   business_name: str | None, contact_name: str | None, phone: str | None,
                   details: str | None, answers: dict[str, Any],
                   files_since: datetime | None = None) -> ServiceRequest:
    """File a new service request with its reference, first history entry and the files sent for it."""
    request = ServiceRequest(user_id=user.id, service=service, centre_id=centre.id, province=province,
                             business_name=business_name, contact_name=contact_name, phone=phone,
                             details=details, answers=answers, status="new", created_at=utcnow())
    session.add(request)
    session.flush()
    request.reference = f"ITC-{be_year(request.created_at)}-{request.id:06d}"
    session.add(StatusChange(request_id=request.id, from_status=None, to_status="new", changed_by="line"))
    if files_since is not None:
        session.execute(Attachment.__table__.update()
                        .where(Attachment.user_id == user.id, Attachment.request_id.is_(None),
                               Attachment.created_at >= files_since)
                        .values(request_id=request.id))
    return request


def set_request_status(session: Session, request: ServiceRequest, status: str, by: str,
                       note: str | None = None, at: datetime | None = None) -> None:
    """Move a request to a new status and keep the history."""
    session.add(StatusChange(request_id=request.id, from_status=request.status, to_status=status,
                             changed_by=by, note=note, changed_at=at or utcnow()))
    request.status = status


def requests_of_user(session: Session, user: LineUser, limit: int | None = 5) -> list[ServiceRequest]:
    """The user's requests, newest first (all of them with `limit=None`)."""
    query = (select(ServiceRequest).where(ServiceRequest.user_id == user.id)
             .order_by(ServiceRequest.id.desc()).limit(limit))
    return list(session.scalars(query))


def request_by_reference(session: Session, reference: str) -> ServiceRequest | None:
    return session.scalar(select(ServiceRequest).where(ServiceRequest.reference == reference))


def all_requests(session: Session) -> Iterable[ServiceRequest]:
    return session.scalars(select(ServiceRequest).order_by(ServiceRequest.id))


def add_attachment(session: Session, user: LineUser, line_message_id: str, kind: str,
                   file_name: str | None) -> Attachment | None:
    """Remember an image or file the user sent; None if this message was already recorded."""
    if session.scalar(select(Attachment).where(Attachment.line_message_id == line_message_id)):
        return None
    attachment = Attachment(user_id=user.id, line_message_id=line_message_id, kind=kind, file_name=file_name)
    session.add(attachment)
    session.flush()
    return attachment


def staff_line_ids(session: Session, centre_id: int) -> list[str]:
    """LINE ids to alert for a centre: its active staff who linked LINE, then its registered LINE groups."""
    query = select(Staff.line_user_id).where(Staff.centre_id == centre_id, Staff.line_user_id.is_not(None),
                                             Staff.active.is_(True))
    groups = select(StaffGroup.line_group_id).where(StaffGroup.centre_id == centre_id,
                                                    StaffGroup.active.is_(True))
    return [line_id for line_id in [*session.scalars(query), *session.scalars(groups)] if line_id]


def reachable(session: Session, line_ids: list[str]) -> list[str]:
    """The ids still worth sending to: everyone except followers who blocked the account."""
    blocked = set(session.scalars(select(LineUser.line_user_id).where(LineUser.line_user_id.in_(line_ids),
                                                                      LineUser.active.is_(False))))
    return [line_id for line_id in line_ids if line_id not in blocked]


def free_login(session: Session, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... whichever no staff member uses yet."""
    base = "".join(wanted.split()) or "staff"
    taken = set(session.scalars(select(Staff.login).where(Staff.login.like(f"{base}%"))))
    return next(c for c in [base] + [f"{base}-{n}" for n in range(2, len(taken) + 3)] if c not in taken)


def new_delivery(session: Session, purpose: str, recipients: list[str], messages: list[dict[str, Any]],
                 request_id: int | None = None) -> Delivery:
    """A pending send with a fresh retry key; the job that sends it keeps the key across retries."""
    delivery = Delivery(retry_key=str(uuid.uuid4()), purpose=purpose, recipients=recipients,
                        messages=messages, request_id=request_id)
    session.add(delivery)
    session.flush()
    return delivery


def erase_user(session: Session, user: LineUser) -> None:
    """Remove a user's personal data and transcript; requests stay as anonymous statistics."""
    request_ids = select(ServiceRequest.id).where(ServiceRequest.user_id == user.id).scalar_subquery()
    session.execute(delete(RequestNote).where(RequestNote.request_id.in_(request_ids)))
    session.execute(StatusChange.__table__.update().where(StatusChange.request_id.in_(request_ids))
                    .values(note=None))
    session.execute(AuditEntry.__table__.update().where(AuditEntry.request_id.in_(request_ids))
                    .values(detail=None))
    # Sent messages carry names, phones and the LINE id: keep only that a send happened.
    mentions = cast(Delivery.recipients, String).like(f"%{user.line_user_id}%")
    session.execute(Delivery.__table__.update().where(or_(Delivery.request_id.in_(request_ids), mentions))
                    .values(messages=[], recipients=[]))
    session.execute(delete(AnnouncementRecipient).where(AnnouncementRecipient.line_user_id == user.line_user_id))
    session.execute(ServiceRequest.__table__.update().where(ServiceRequest.user_id == user.id).values(
        user_id=None, business_name=None, contact_name=None, phone=None, details=None, answers={},
        close_reason=None))
    session.execute(delete(Attachment).where(Attachment.user_id == user.id))
    session.execute(delete(Message).where(Message.user_id == user.id))
    clear_conversation(session, user)
    session.execute(Registration.__table__.update().where(Registration.user_id == user.id).values(
        user_id=None, contact_name=None, phone=None, business_name=None))
    session.delete(user)


