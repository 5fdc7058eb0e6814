"""The day of a machine booked in a request already sent, moved ("ขอเลื่อนวันจองเครื่องเป็น 3 ธ.ค. ค่ะ", "ไม่สะดวก
วันที่ 2 แล้วค่ะ"): the request's day changes, whoever has it is told on LINE with the user's words, and the console's
log keeps both days; nothing new is filed, nothing is cancelled. With several bookings open, the one meant is found
by its machine or its day, or asked. Without the new day in the message, it is asked for, and a closed day is refused
with the working days near it offered, as the request's own question does."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import intents
from bot.console import texts as staff_texts
from bot.console.workflow import OPEN, audit
from bot.dialogue import answers, cards, conversation, fields, flows, restoring, texts, turns, withdrawal
from bot.dialogue.context import Context, Reply
from bot.dialogue.mentions import find_machine
from bot.dialogue.refusals import Invalid
from bot.dialogue.when import read_date
from bot.domain import DeliveriesQueued
from bot.line.inbound import Inbound
from bot.line.outbound import Choose, PickDate, Say, Text
from bot.staff_alerts import queue_request_notice
from intents import dates, entities
from storage import repositories as repo
from storage.models import Conversation, ServiceRequest

MOVE = "move_date"  # the postback (move_date=ID, with the picker's date or :ISO) and the one-question conversation
MOVED = "day_moved"  # the staff notice's purpose and the console log's action
KEY, TIME = fields.PREFERRED_DATE.key, fields.PREFERRED_TIME.key
LISTED, SAID, WORDS = "move_listed", "move_said", "move_words"  # in the conversation: bookings offered, new day, message
# Not "ไม่เลื่อนแล้ว"; and back to a day ("ส่วนเลเซอร์ขอกลับเป็นวันที่ 3 เหมือนเดิม"), or to another ("เปลี่ยนเป็นวันที่ 15").
MOVES = re.compile(r"(?<!ไม่)(?<!ไม่ )เลื่อน|(?:เปลี่ยน|ย้าย|แก้|ป่าย)\s*(?:วัน|นัด)|กลับ(?=\s*(?:ไป)?\s*(?:เป็น)?\s*วัน)"
                   r"|(?:เปลี่ยน|ย้าย)(?=\s*เป็น\s*วัน)|postpone|reschedule", re.IGNORECASE)
# A time of day asked for, the cue right before it ("ขอเปลี่ยนเป็นช่วงบ่าย", "ขอช่วงบ่ายได้ไหมคะ", "อยากได้ช่วงเช้า",
# "ขอใช้เครื่องช่วงบ่ายนะคะ"); not a time said of something else ("จะเอาไปส่งช่วงเช้านะคะ", "พรุ่งนี้เช้าให้ลูกสาวไป
# แทน", "ขอบคุณค่ะ เจอกันช่วงเช้า"), nor the time for a call ("โทรมาช่วงบ่ายได้ไหมคะ").
_TIME = r"(?:ช่วง|ตอน|ภาค)?\s*(?:เช้า|บ่าย|เย็น|เที่ยง|\d{1,2}\s*(?:โมง|[:.]\d{2}))"
RETIMED = re.compile(rf"(?:ขอ(?!บคุณ|ทราบ|โทษ)|อยากได้|อยาก|เปลี่ยน(?:\s*เป็น)?|เป็น|สะดวก|เอา)\s*(?:ใช้\s*(?:เครื่อง\S*)?\s*)?"
                     rf"{_TIME}|^\s*(?:ช่วง|ตอน)\s*(?:เช้า|บ่าย|เย็น)\s*(?:ได้ไหม|ได้มั้ย|ได้บ่|แทน|ดีกว่า)")
A_CALL = re.compile(r"โทร|ติดต่อ|คุย|call", re.IGNORECASE)
BOOKS = re.compile(r"จอง|book", re.IGNORECASE)  # a booking asked for: a new request, not a time for the one made
# The day booked, refused ("ไม่สะดวกวันที่ 2 แล้วค่ะ", "วันอังคารไม่ว่างแล้ว"): a move, not a cancel.
UNFIT = re.compile(r"(?:ไม่|บ่)\s*(?:สะดวก|ว่าง)")
BOOKING = re.compile(r"จอง|เครื่อง")  # a move with a closed booking is about it only so ("ลูกค้าขอเลื่อนวันรับของ" is not)
# Where the new day starts ("ขอเลื่อนจากวันที่ 1 ไปวันที่ 3 ธ.ค."); a day named without it is the booked one
# ("ขอเลื่อนวันที่ 1 ธ.ค. ค่ะ"): the new one is asked for.
TO = re.compile(r"เป็น|ไป|แทน")
# The booking kept after all ("งั้นไม่เลื่อนแล้วครับ เอาวันเดิม"), or the move given up ("ยกเลิก" at its question).
KEEP = re.compile(r"ไม่เลื่อน|ไม่เปลี่ยน|วันเดิม|ตามเดิม|เหมือนเดิม")
# Not a booking moved: an event or an appointment with an officer ("สัมมนาเลื่อนเป็นวันที่ 9 หรือคะ", "ขอเลื่อนนัดกับ
# เจ้าหน้าที่"), whether something is moved ("งานเลื่อนไหมคะ"), or a cancel ("…ขอยกเลิกการจองเลยค่ะ").
NOT_A_MOVE = re.compile(r"กิจกรรม|event|cluster|สัมมนา|ลงทะเบียน|บูธ|อบรม|workshop|เวิร์ก?ช็อป|เจ้าหน้าที่|ประชุม"
                        r"|เลื่อน(?:ไหม|มั้ย|หรือ)|(?<!ไม่)(?<!ไม่ได้)(?<!ไม่ได้จะ)ยกเลิก", re.IGNORECASE)


def offer(ctx: Context, text: str, prediction: intents.Prediction) -> Reply | None:
    """A move asked for a day booked in an open request: made, or its new day (or the booking meant) asked for.
    None in a request's flow, with no booking open, or for what is about an event."""
    if conversation.request_flow(ctx) is not None:
        return None
    bookings = _bookings(ctx, text)
    # A time alone is read as the booking's only where nothing else is clearly meant ("ลงชื่อเข้างานไว้รอบเช้า…"), nor
    # another booking ("ขอจองเครื่องเลเซอร์ … ช่วงบ่าย" with a CNC booked).
    # An event is told apart by its words (`about_an_event`), not by the classifier, which reads a day typed with
    # "ได้ไหม" as one.
    elsewhere = prediction.intent not in ("machinery", "event") and prediction.confidence >= intents.INTERRUPT_THRESHOLD
    another = BOOKS.search(text) or (find_machine(text) and not withdrawal.machine_named(bookings, text))
    timed = dates.time_of_day(text) and not (A_CALL.search(text) or elsewhere or another)
    retimed = RETIMED.search(text) if timed else None
    mark = MOVES.search(text) or _booked_day_refused(bookings, text, ctx.today) or retimed
    about_an_event = NOT_A_MOVE.search(text) or (prediction.intent == "event" and "งาน" in text)
    if mark is None or about_an_event:
        return None
    if not bookings:
        return _closed(ctx, text)
    to = TO.search(text, mark.end())
    said = entities.without_reference(text[to.end():]) if to else None
    meant = _meant(bookings, text[:to.start()] if to else text, ctx.today)
    if len(meant) > 1:
        return _which(ctx, meant, said, text)
    return _answer(ctx, meant[0], said, text)


def _answer(ctx: Context, request: ServiceRequest, said: str | None, words: str) -> Reply:
    """The booking meant, moved to the day said (with its time of day), or to the time alone ("ขอเปลี่ยนเป็นช่วง
    บ่าย"); else its new day asked for."""
    moved = _read(ctx, request, said, words) if said else None
    if moved is None and (time := dates.time_of_day(said or words)):
        return _move(ctx, request, None, words, time)
    return moved or _ask(ctx, request, words)


def _closed(ctx: Context, text: str) -> Reply | None:
    """A move asked with no booking open: why nothing moves, if the user's latest booking was closed ("ยกเลิก
    แล้ว"), with the way back for one they withdrew lately; None if they never booked (the message is read as
    any other, as it is with another request open or no word of a booking: "ลูกค้าขอเลื่อนส่งของ")."""
    reference = entities.parse_reference(text)
    booked = [request for request in repo.requests_of_user(ctx.session, ctx.user)
              if KEY in request.answers and reference in (None, request.reference)]
    named = reference or BOOKING.search(text) or withdrawal.machine_named(booked[:1], text)
    if not booked or answers.open_requests(ctx) or not named:
        return None
    request = booked[0]
    said = texts.MOVE_CLOSED.format(booking=_booking(request), reference=request.reference,
                                    status=texts.STATUS_NAMES.get(request.status, request.status))
    undo = (restoring.chip(request),) if restoring.restorable(request, ctx.now) else ()
    return Reply([Text(said, (*undo, *cards.main_menu()))])


def _from(request: ServiceRequest, said: str, today: date) -> date:
    """The day a shift counts from: "ออกไปอีก 3 วัน" from the day booked, if it is to come; anything else from today."""
    booked = fields.stored_date(request.answers.get(KEY))
    return booked if booked is not None and booked > today and "อีก" in said else today


def typed_answer(ctx: Context, current: Conversation | None, text: str) -> Reply | None:
    """At the move's question: the booking meant, the new day typed ("วันศุกร์ค่ะ") or a day offered taken ("จันทร์
    ก็ได้"), or the booking kept ("เอาวันเดิม", "ยกเลิก"); None for anything else, and the question is forgotten."""
    if current is None or current.flow != MOVE:
        return None
    # A move asked again in full ("ขอเลื่อน CNC เป็น 8 ธ.ค.") is read afresh (`offer`), as is another topic.
    again = MOVES.search(text) or _another_topic(text, ctx.today)
    answer = None if again else (_booking_picked if current.state == "which" else _day_given)(ctx, current, text)
    if answer is None:
        repo.clear_conversation(ctx.session, ctx.user)
    return answer


def _booking_picked(ctx: Context, current: Conversation, text: str) -> Reply | None:
    """The answer to "which booking?": the one its machine, place or reference names."""
    found = (answers.own_request_with_id(ctx, i, open_only=True) for i in current.data.get(LISTED, []))
    picked = _picked([request for request in found if request], text)
    said, words = current.data.get(SAID), current.data.get(WORDS, "")
    if len(picked) == 1:
        return _answer(ctx, picked[0], said, words)
    return _kept(ctx, None) if _keeps(text) else None


def _day_given(ctx: Context, current: Conversation, text: str) -> Reply | None:
    """The answer to "เป็นวันไหนคะ": a day, one offered, or the booking kept."""
    request = answers.own_request_with_id(ctx, int(current.data.get(MOVE, 0)), open_only=True)
    if request is None:
        return None
    if _keeps(text):
        return _kept(ctx, request)
    offered, words = current.data.get(fields.OFFERED, []), current.data.get(WORDS, "")
    if len(offered) > 1 and flows.OFFER_TAKEN.read(text):  # "ใช่ค่ะ" to two days: which one
        return _ask(ctx, request, words, texts.PICK_AN_OFFER, offered)
    # The officer reads the answer beside the first words ("ขอเลื่อนเป็น 5 ธ.ค. / งั้น 8 ธ.ค. ค่ะ"), not only a day refused.
    return _read(ctx, request, flows.taken_offer(offered, text), f"{words} / {text}" if words else text, offered)


def _keeps(text: str) -> bool:
    return bool(KEEP.search(text)) or intents.is_cancel_command(text)


def _another_topic(text: str, today: date) -> bool:
    """True for a message that names no day and that the classifier is sure is about something else
    ("ขอคุยกับเจ้าหน้าที่ด่วนค่ะ": not "ด่วน" for the day)."""
    if dates.parse_date(text, today) or dates.parse_period(text, today):
        return False
    said = intents.classify(text)
    return said.confidence >= intents.INTERRUPT_THRESHOLD and said.intent not in ("machinery", "greeting",
                                                                                   "out_of_scope", "cancel")


def picked(ctx: Context, value: str, event: Inbound) -> Reply:
    """A booking picked (move_date=ID), the date picker's day (the same, with its date), or a day offered tapped
    (move_date=ID:ISO)."""
    request_id, _, day = value.partition(":")
    request = answers.own_request_with_id(ctx, int(request_id), open_only=True) if request_id.isdecimal() else None
    if request is None:
        return Reply([Text(texts.DAY_CLOSED_REQUEST, cards.main_menu())])
    current = conversation.active(ctx)
    data = current.data if current is not None and current.flow == MOVE else {}
    said = event.postback_params.get("date", day) or data.get(SAID)
    words = data.get(WORDS, "")
    return _answer(ctx, request, said, words)


def _bookings(ctx: Context, text: str) -> list[ServiceRequest]:
    """The open requests that book a day: the one whose reference was typed, else all of them, newest first."""
    reference = entities.parse_reference(text)
    if reference:
        typed = answers.own_request(ctx, reference)
        found = [typed] if typed is not None and typed.status in OPEN else []
    else:
        found = answers.open_requests(ctx)
    return [request for request in found if KEY in request.answers]


def _meant(bookings: list[ServiceRequest], before: str, today: date) -> list[ServiceRequest]:
    """The bookings the message names by machine ("ขอเลื่อน CNC…") or by the day booked ("จากวันที่ 2…"), else all."""
    by_day = [r for r in bookings if _booked_on(r, before, today)]
    return withdrawal.machine_named(bookings, before) or by_day or bookings


def _booked_day_refused(bookings: list[ServiceRequest], text: str, today: date) -> re.Match[str] | None:
    """"ไม่สะดวกวันที่ 2 แล้วค่ะ" of a day booked: where the refusal is; None for any other message."""
    unfit = UNFIT.search(text)
    return unfit if unfit and any(_booked_on(request, text, today) for request in bookings) else None


def _booked_on(request: ServiceRequest, text: str, today: date) -> bool:
    """True when the text names the day the request booked: its date, or its weekday said alone."""
    booked, day = fields.stored_date(request.answers.get(KEY)), dates.parse_date(text, today)
    if booked is None or day is None:
        return False
    return day == booked or (day.weekday() == booked.weekday() and not re.search(r"\d", text))


def _picked(listed: list[ServiceRequest], text: str) -> list[ServiceRequest]:
    """The bookings listed that a typed answer names: by reference, machine or place ("อันแรก")."""
    return withdrawal.named_in(listed, text) or []


def _which(ctx: Context, listed: list[ServiceRequest], said: str | None, words: str) -> Reply:
    """Several bookings open: which one, a line and a tap each (its machine and day), in the order filed."""
    listed = sorted(listed, key=lambda request: request.id)
    repo.save_conversation(ctx.session, ctx.user, MOVE, "which",
                           {LISTED: [r.id for r in listed], SAID: said, WORDS: words})
    lines = [f"{number}. {_booking(r)} ({r.reference})" for number, r in enumerate(listed, 1)]
    picks = tuple(Choose(f"{number}. {_booking(r)}"[:20], f"{MOVE}={r.id}", texts.MOVE_PICKED.format(
        reference=r.reference)) for number, r in enumerate(listed, 1))
    return Reply([Text(texts.ASK_WHICH_BOOKING.format(bookings="\n".join(lines)), picks)])


def _booking(request: ServiceRequest) -> str:
    """CNC 2 ธ.ค. 2569: the machine and the day booked."""
    shown = fields.PREFERRED_DATE.show(request.answers.get(KEY))
    return f"{request.answers.get('machine') or texts.SERVICE_NAMES['machinery']} {shown}"


def _read(ctx: Context, request: ServiceRequest, said: str, words: str,
          offered: list[list[str]] | None = None) -> Reply | None:
    """The day moved to what `said` names; a closed or refused day asked again, with the days near it offered; None
    for what names no day at all."""
    try:
        day = read_date(said, _from(request, said, ctx.today))
    except Invalid as refused:
        if str(refused) == texts.DATE_UNREAD:
            return None
        return _ask(ctx, request, words, str(refused), fields.offers(refused) or offered)
    return _move(ctx, request, day, words, dates.time_of_day(said) or dates.time_of_day(words))


def _ask(ctx: Context, request: ServiceRequest, words: str, hint: str | None = None,
         offered: list[list[str]] | None = None) -> Reply:
    """Ask for the new day; the days a refusal offered go first, each a tap."""
    offered = offered or []
    repo.save_conversation(ctx.session, ctx.user, MOVE, "day",
                           {MOVE: request.id, fields.OFFERED: offered, WORDS: words})
    chips = [Choose(label, f"{MOVE}={request.id}:{data.removeprefix(flows.ANSWER)}", label)
             for label, data in offered]
    question = texts.ASK_NEW_DAY.format(booking=_booking(request), reference=request.reference)
    return Reply([Text("\n".join(line for line in (hint, question) if line), (
        *chips, PickDate("เลือกวันที่", f"{MOVE}={request.id}"), Say("ยังไม่แน่ใจ", "ยังไม่แน่ใจ")))])


def _kept(ctx: Context, request: ServiceRequest | None) -> Reply:
    """No move after all: the booking keeps its day."""
    repo.clear_conversation(ctx.session, ctx.user)
    said = texts.DAY_KEPT.format(booking=_booking(request), reference=request.reference) if request else \
        texts.DAYS_KEPT
    return Reply([Text(said, cards.main_menu())])


def _move(ctx: Context, request: ServiceRequest, day: date | str | None, words: str, time: str | None) -> Reply:
    """The request's day (or, with `day` None, only its time of day) changed, logged and told to whoever has it
    with the user's words; the same day and time again change nothing. A time of day booked stays with a new day
    unless another is said."""
    current = conversation.active(ctx)
    if current is not None and current.flow == MOVE:
        repo.clear_conversation(ctx.session, ctx.user)
    old, old_time = request.answers.get(KEY), request.answers.get(TIME)
    new, new_time = (old if day is None else turns.stored(day)), time or old_time
    when: date | str = (fields.stored_date(old) or old or "") if day is None else day
    machine = request.answers.get("machine") or texts.SERVICE_NAMES["machinery"]
    if (new, new_time) == (old, old_time):  # the question stays: "พิมพ์วันใหม่" is answered by the next message
        unchanged = texts.DAY_UNCHANGED.format(machine=machine, reference=request.reference,
                                               day=_said(when, new_time))
        return _ask(ctx, request, words, unchanged)
    was, now = _shown(old, old_time), _shown(new, new_time)
    request.answers = request.answers | {KEY: new} | ({TIME: new_time} if new_time else {})
    audit(ctx.session, None, MOVED, request, f"{was} → {now}", ctx.now)
    body = staff_texts.DAY_MOVED.format(
        who=request.contact_name or request.business_name or staff_texts.SOMEONE, reference=request.reference,
        machine=machine, phone=fields.request_phone(request) or "-", old=was, new=now,
        words=" ".join(words.split())[:turns.QUESTION_LENGTH] or "-",
        url=f"{ctx.public_base_url.rstrip('/')}/staff/requests/{request.id}")
    told = queue_request_notice(ctx.session, request, MOVED, body)
    fixed = isinstance(when, date) or when.startswith(texts.DAYS_BETWEEN.format(days=""))
    template = texts.TIME_MOVED if new == old else texts.DAY_MOVED if fixed else texts.DAY_NOTED
    reply = template.format(machine=machine, reference=request.reference, day=_said(when, new_time) if fixed else now,
                            told=texts.STAFF_TOLD if told else texts.STAFF_WILL_SEE)
    return Reply([Text(reply, cards.main_menu())], [DeliveriesQueued(tuple(told))] if told else [])


def _said(day: Any, time: str | None = None) -> str:
    """วันพฤหัส 3 ธ.ค. 2569 (ช่วงบ่าย), or the stretch or words as kept."""
    said = f"วัน{texts.day_and_date(day)}" if isinstance(day, date) else fields.PREFERRED_DATE.show(day)
    return f"{said} {time}" if time and time != texts.NO_TIME else said


def _shown(day: Any, time: str | None) -> str:
    """1 ธ.ค. 2569 ช่วงบ่าย: a booking's day and time as the staff notice and the console's log show them."""
    shown = fields.PREFERRED_DATE.show(day) if day else "-"
    return f"{shown} {time}" if time and time != texts.NO_TIME else shown
