"""One-time codes that link a staff member's LINE account, or a centre's LINE group, to the console."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import LinkCode, Staff, StaffGroup

CODE_LIFETIME = timedelta(minutes=15)
CODE_DIGITS = 8
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_CODE_SHAPE = re.compile(r"^\s*(?:รหัส\s*)?(\d{4})[\s-]?(\d{4})\s*$")


def new_code(session: Session, now: datetime, staff: Staff | None = None, centre_id: int | None = None) -> str:
    """A fresh code for a staff member's own LINE account, or (no staff) for a centre's group."""
    while True:
        code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
        if session.get(LinkCode, code) is None:
            break
    session.add(LinkCode(code=code, staff_id=staff.id if staff else None,
                         centre_id=None if staff else centre_id, expires_at=now + CODE_LIFETIME))
    session.flush()
    return code


def shown(code: str) -> str:
    """How a code is displayed: 1234 5678."""
    return f"{code[:4]} {code[4:]}"


def looks_like_code(text: str) -> str | None:
    """The digits when the whole message is a code (Thai digits, spaces and a dash allowed)."""
    match = _CODE_SHAPE.match((text or "").translate(_THAI_DIGITS))
    return match.group(1) + match.group(2) if match else None


def valid_code(session: Session, text: str, now: datetime) -> LinkCode | None:
    """The unused, unexpired code this whole message is (locked); the caller marks it used."""
    digits = looks_like_code(text)
    if digits is None:
        return None
    code = session.get(LinkCode, digits, with_for_update=True)
    if code is None or code.used_at is not None or code.expires_at <= now:
        return None
    return code


def register_group(session: Session, centre_id: int, line_group_id: str) -> StaffGroup:
    """Make a LINE group receive a centre's alerts (re-registering moves or re-activates it)."""
    group = session.scalar(select(StaffGroup).where(StaffGroup.line_group_id == line_group_id))
    if group is None:
        group = StaffGroup(centre_id=centre_id, line_group_id=line_group_id)
        session.add(group)
    group.centre_id, group.active = centre_id, True
    session.flush()
    return group
