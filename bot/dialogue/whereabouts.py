"""Where a follower yet to consent said they are ("อยู่โคราชค่ะ"), kept a while in their conversation and never on
their profile (PDPA: nothing personal is kept without consent), so that the next questions of the same chat ("ขอเบอร์
โทรหน่อยค่ะ", "มีที่จอดรถไหมคะ") are answered for that province. Once they consent, it goes on the profile as what
they say then does (`answers.note_where_they_are`).

The conversation row is replaced or cleared by most answers; the province is read before an event is answered and
put back into whatever conversation is left after it (`recall`, `keep`, both called by `handler.handle`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dialogue.context import Context
from storage import repositories as repo

KEY = "where_they_are"  # its key in a conversation's data, and the flow holding it when nothing else is going on
KEPT = "kept"  # that flow's one state
KEPT_FOR = timedelta(hours=2)  # from when it was said: the same chat, not a later one


def recall(ctx: Context) -> None:
    """Before an event is answered: the province the follower said within `KEPT_FOR`, if any, into the context."""
    current = repo.get_conversation(ctx.session, ctx.user)
    kept = current.data.get(KEY) if current is not None else None
    if not kept or ctx.erased:
        return
    said_at = datetime.fromisoformat(kept["at"])
    if ctx.now - said_at < KEPT_FOR:
        ctx.province_said, ctx.province_said_at = kept["province"], said_at


def note(ctx: Context, province: str) -> None:
    """The follower, yet to consent, says they are in `province` now."""
    ctx.province_said, ctx.province_said_at = province, ctx.now


def keep(ctx: Context) -> None:
    """After an event is answered: the province said kept in the conversation as the answer left it; given consent
    since, on the profile instead when it has none; gone once `KEPT_FOR` has passed or the follower's data is erased."""
    if ctx.erased:
        return
    if ctx.user.consented_at is not None and ctx.province_said is not None:
        ctx.user.province = ctx.user.province or ctx.province_said
        ctx.province_said = None
    current = repo.get_conversation(ctx.session, ctx.user)
    stored = current.data.get(KEY) if current is not None else None
    wanted = ({"province": ctx.province_said, "at": ctx.province_said_at.isoformat()}
              if ctx.province_said is not None and ctx.province_said_at is not None else None)
    if stored == wanted:
        return
    if current is None:
        repo.save_conversation(ctx.session, ctx.user, KEY, KEPT, {KEY: wanted})
    elif wanted is not None:
        repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, current.data | {KEY: wanted})
    elif current.flow == KEY:
        repo.clear_conversation(ctx.session, ctx.user)
    else:
        rest = {name: value for name, value in current.data.items() if name != KEY}
        repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, rest)
