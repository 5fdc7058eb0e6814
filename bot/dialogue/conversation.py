"""Running a request flow for one user, with its state in the database."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot import workdays
from bot.dialogue import asides, cards, fields, flows, needs, replies, texts, turns, withdrawal
from bot.dialogue.context import Context, Reply
from bot.domain import DeliveriesQueued
from bot.line.outbound import Choose, Text
from bot.staff_alerts import queue_centre_alerts
from storage import repositories as repo
from storage.models import Centre, Conversation, ServiceRequest

CONSENT, REUSE = "consent", "reuse_profile"
EXPIRY = timedelta(hours=24)
# A request given up ("ยกเลิก"), kept this long to be taken back: its chip, or "ทำต่อ", "เปลี่ยนใจ ส่งไปด้วย".
DROPPED, KEPT_FOR = "dropped_request", timedelta(minutes=30)
# In a flow's data: the service another was offered for and the message that seemed to ask for it ("จริงๆ อยากได้คน
# ออกแบบลายผ้าใหม่ค่ะ"), which starts that service if it is taken (`switched_from`).
SWITCH = "switch_offered"
ALSO = re.compile(r"ด้วย|อีกเรื่อง|อีกอย่าง")  # another service wanted as well as this one
TAKEN_BACK = re.compile(r"ทำต่อ|กลับไปทำ|เอา(?:อัน|เรื่อง)?(?:เดิม|เมื่อกี้)|ส่ง(?:เรื่อง)?\S{0,20}(?:ไปด้วย|ไปเลย)"
                        r"|เปลี่ยนใจ|ไม่ยกเลิก|ยกเลิก\s*ผิด|กด\s*ผิด|ไม่ได้\s*ตั้งใจ\s*(?:จะ)?\s*ยกเลิก")
MISSES_BEFORE_HELP = 2


def _save(ctx: Context, service: str, state: str, answers: dict[str, Any], previous: Conversation | None = None,
          misses: int = 0) -> None:
    """Store the flow's state, keeping when it started (files sent since then belong to the request)."""
    started = previous.data.get("started_at") if previous is not None else None
    repo.save_conversation(ctx.session, ctx.user, service, state, {
        "answers": answers, "started_at": started or ctx.now.isoformat(), "misses": misses})


def active(ctx: Context) -> Conversation | None:
    """The user's conversation, or None (an expired one is removed)."""
    conversation = repo.get_conversation(ctx.session, ctx.user)
    if conversation and ctx.now - conversation.updated_at > EXPIRY:
        repo.clear_conversation(ctx.session, ctx.user)
        if conversation.flow in flows.FLOWS:  # a one-question lookup goes without a word
            ctx.expired_flow = conversation.flow
        return None
    return conversation


def request_flow(ctx: Context) -> Conversation | None:
    """The user's request flow in progress, if any (not a one-question lookup)."""
    current = active(ctx)
    return current if current is not None and current.flow in flows.FLOWS else None


def aside(ctx: Context, current: Conversation, answer: Reply) -> Reply:
    """An answer given in the middle of a flow, then the offer to carry on with it: a yes-or-no question, so
    "ใช่ค่ะ" typed at a name question carries on instead of becoming the name."""
    asides.ask_yes_or_no(ctx, "resume=yes", "cancel=flow", about="resume")
    service = texts.SERVICE_NAMES.get(current.flow, "")
    return answer.then(Reply([Text(texts.OFFER_RESUME.format(service=service), cards.resume_choices())]))


def expiry_notice(ctx: Context) -> Reply:
    """Tell the user politely that their old flow was closed, if it just was."""
    if not ctx.expired_flow:
        return Reply()
    return Reply([Text(texts.FLOW_EXPIRED.format(service=texts.SERVICE_NAMES.get(ctx.expired_flow, "")))])


def start(ctx: Context, service: str, first_text: str | None, found: dict[str, Any]) -> Reply:
    """Begin the flow for a service: consent first, then profile reuse, then the first open question."""
    flow = flows.FLOWS[service]
    other = needs.other_need(first_text, service)
    answers = _carried(ctx, flow) | flows.prefill(flow, first_text, found, ctx.today) | (
        {needs.SECOND_NEED: other} if other else {})
    if ctx.user.consented_at is None:
        _save(ctx, service, CONSENT, answers)
        # "ค่าใช้เครื่อง CNC ชั่วโมงละเท่าไหร่": what the bot can say of it comes before the consent it needs.
        price = Reply([Text(texts.PRICE)]) if first_text and replies.asks_the_price(first_text) else Reply()
        return price.then(_ask_consent())
    return Reply([_intro(service, other)]).then(_continue(ctx, flow, answers))


def _intro(service: str, other: str | None = None) -> Text:
    """"ยินดีช่วยเรื่อง…ค่ะ", what the centre will do for a service whose first message may only ask, and that a
    second need said with it comes next."""
    said = [texts.START_FLOW.format(service=texts.SERVICE_NAMES[service]), texts.SERVICE_PROMISES.get(service),
            texts.SECOND_NEED_NEXT.format(service=texts.SERVICE_NAMES[other]) if other else None]
    return Text("\n".join(line for line in said if line))


def _carried(ctx: Context, flow: flows.Flow) -> dict[str, Any]:
    """What the user told the flow they are leaving for this one: their details, and for a person, the need."""
    previous = repo.get_conversation(ctx.session, ctx.user)
    if previous is None or previous.flow not in flows.FLOWS:
        return {}
    said = previous.data.get("answers", {})
    carried = {key: said[key] for key in (*flows.PROFILE_KEYS, "product") if key in said and flow.field(key)}
    if flow.service == "contact_staff" and previous.flow != flow.service and said.get("details"):
        carried["details"] = f"{texts.SERVICE_NAMES[previous.flow]}: {said['details']}"
    return carried


def offer_switch(ctx: Context, current: Conversation, new: str, text: str) -> Reply:
    """The user seems to want another service: start it from what they said, or carry on with the current one.
    Wanted as well ("…ด้วยค่ะ"), it comes next, offered once this request is sent (`needs.SECOND_NEED`)."""
    old_name, new_name = texts.SERVICE_NAMES.get(current.flow, ""), texts.SERVICE_NAMES[new]
    if ALSO.search(text):
        answers = current.data.get("answers", {}) | {needs.SECOND_NEED: new}
        repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, current.data | {"answers": answers})
        asked = turns.ask(flows.FLOWS[current.flow], current.state, answers)
        return Reply([Text(texts.SECOND_NEED_NEXT.format(service=new_name)), *asked])
    repo.save_conversation(ctx.session, ctx.user, current.flow, current.state, current.data | {SWITCH: [new, text]})
    return Reply([Text(texts.OFFER_SWITCH.format(new=new_name, old=old_name), (
        Choose(cards.chip_label(new), f"service={new}", f"เริ่มเรื่อง{new_name}"),
        Choose("ทำเรื่องเดิมต่อ", "resume=yes", "ทำเรื่องเดิมต่อ")))])


def switched_from(ctx: Context, service: str) -> str | None:
    """The message that was offered `service` in the middle of another request, if that is where the tap comes from."""
    current = request_flow(ctx)
    offered, said = (current.data.get(SWITCH) or (None, None)) if current is not None else (None, None)
    return said if offered == service else None


def ask_cancel(ctx: Context, conversation: Conversation) -> Reply:
    """Ask whether to drop the flow; a typed yes or no answers it as the buttons do."""
    asides.ask_yes_or_no(ctx, "cancel=flow", "resume=yes", about="cancel")
    service = texts.SERVICE_NAMES.get(conversation.flow, "")
    asked = texts.ASK_CANCEL_SUMMARY if conversation.state in turns.SUMMARY else texts.ASK_CANCEL_FLOW
    return Reply([Text(asked.format(service=service), cards.yes_no("cancel=flow", "resume=yes"))])


def _continue(ctx: Context, flow: flows.Flow, answers: dict[str, Any],
              previous: Conversation | None = None) -> Reply:
    """Ask the first open question; the service's own come first, then the contact details, those the profile
    knows offered from last time ("ใช้ข้อมูลเดิมไหมคะ")."""
    state = turns.next_question(flow, answers)
    if state in flows.PROFILE_KEYS and _reusable(ctx, flow, answers) == ["province"]:
        # Where they are, said in this chat or kept from before, is no detail to confirm alone (h102); the summary
        # shows it, to change there.
        answers = answers | {"province": _profile(ctx)["province"]}
        state = turns.next_question(flow, answers)
    if state in flows.PROFILE_KEYS and _reusable(ctx, flow, answers):
        state = REUSE
    _save(ctx, flow.service, state, answers, previous)
    return ask_reuse(ctx, flow, answers) if state == REUSE else Reply(turns.ask(flow, state, answers))


def _reusable(ctx: Context, flow: flows.Flow, answers: dict[str, Any]) -> list[str]:
    """The contact details still to ask that the profile knows: all of them from a request before, or the name and
    phone given when registering for an event (the rest are then asked)."""
    profile = _profile(ctx)
    return [k for k in flows.PROFILE_KEYS if flow.field(k) and k not in answers and k in profile]


def ask_reuse(ctx: Context, flow: flows.Flow, answers: dict[str, Any], again: bool = False) -> Reply:
    """Offer the details from last time instead of asking them one by one."""
    profile = _profile(ctx)
    shown = "\n".join(f"{flow.known_field(k).label}: {flow.known_field(k).show(profile[k])}"
                      for k in _reusable(ctx, flow, answers))
    text = texts.REUSE_PROFILE.format(profile=shown)
    return Reply([Text(f"{texts.REUSE_AGAIN}\n{shown}" if again else text, cards.yes_no("reuse=yes", "reuse=no"))])


def _profile(ctx: Context) -> dict[str, Any]:
    user = ctx.user
    values = {"business_name": user.business_name, "contact_name": user.contact_name,
              "phone": user.phone, "province": user.province}
    return {k: v for k, v in values.items() if v}


def after_consent(ctx: Context, conversation: Conversation) -> Reply:
    """Consent given while a flow waited for it: carry on with that flow."""
    flow = flows.FLOWS[conversation.flow]
    answers = dict(conversation.data.get("answers", {}))
    return Reply([_intro(flow.service, answers.get(needs.SECOND_NEED))]).then(_continue(ctx, flow, answers, conversation))


def reuse(ctx: Context, conversation: Conversation, accept: bool) -> Reply:
    """Apply the user's answer to "use your details from last time?"."""
    flow = flows.FLOWS[conversation.flow]
    turn = flows.reuse_profile(flow, dict(conversation.data.get("answers", {})), _profile(ctx), accept)
    _save(ctx, flow.service, turn.state, turn.answers, conversation)
    return Reply(turn.messages)


def step(ctx: Context, conversation: Conversation, reply: str, in_scope: bool = True,
         about_the_request: bool = False) -> Reply:
    """Feed one answer into the flow (`in_scope`: what it asks, if it is a question, is about the services;
    `about_the_request`: it reads as the request's own service); submit when the user confirms; offer a way out after
    repeated misses."""
    flow = flows.FLOWS[conversation.flow]
    answers = dict(conversation.data.get("answers", {}))
    turn = flows.answer(flow, conversation.state, answers, reply, ctx.today, in_scope, about_the_request)
    if turn.submit:
        return submit(ctx, flow, turn.answers, conversation)
    if _reaches_the_contact_details(flow, conversation.state, turn.state):
        return _continue(ctx, flow, turn.answers, conversation)
    missed = turn.state == conversation.state and fields.without_offers(turn.answers) == fields.without_offers(answers)
    misses = conversation.data.get("misses", 0) + 1 if missed else 0
    _save(ctx, flow.service, turn.state, turn.answers, conversation, misses)
    messages = list(turn.messages)
    if misses >= MISSES_BEFORE_HELP and messages and isinstance(messages[-1], Text):
        last = messages[-1]
        messages[-1] = Text(last.text, last.quick_replies + (
            Choose("ยกเลิกเรื่องนี้", "cancel=flow", "ยกเลิก"),
            Choose("คุยกับเจ้าหน้าที่", "intent=contact_staff", "คุยกับเจ้าหน้าที่")))
    return Reply(messages)


def _reaches_the_contact_details(flow: flows.Flow, before: str, after: str) -> bool:
    """True when an answer to one of the service's own questions leads on to the contact details (not a change
    made from the summary, nor one contact detail leading to the next)."""
    return flow.field(before) is not None and before not in flows.PROFILE_KEYS and after in flows.PROFILE_KEYS


def reask(ctx: Context, conversation: Conversation) -> Reply:
    """Ask the current question again (after an interruption)."""
    flow = flows.FLOWS[conversation.flow]
    answers = dict(conversation.data.get("answers", {}))
    if conversation.state == REUSE:
        return ask_reuse(ctx, flow, answers, again=True)
    if conversation.state == CONSENT:  # an old button tapped before consent: ask for consent again
        return _ask_consent()
    return Reply([Text(texts.RESUMING)] + turns.ask(flow, conversation.state, answers))


def _ask_consent() -> Reply:
    return Reply([Text(texts.NEED_CONSENT + "\n\n" + texts.CONSENT_NOTE, cards.consent_choices())])


def accepts_free_text(conversation: Conversation) -> bool:
    """True when the current question takes any text (so an off-topic message is not an error)."""
    question = flows.FLOWS[conversation.flow].field(conversation.state)
    return question is not None and question.takes_any_text


def submit(ctx: Context, flow: flows.Flow, answers: dict[str, Any], conversation: Conversation) -> Reply:
    """File the request, route it to the province's centre, write its staff alerts, remember the profile."""
    province = answers["province"]
    centre = repo.centre_for_province(ctx.session, province) or _central_centre(ctx)
    phone, phone_as_given = fields.filed_phone(answers.get("phone"))
    extra = {k: v for k, v in answers.items()
             if k not in ("details", needs.SECOND_NEED, fields.REFUSED, *flows.PROFILE_KEYS)} | phone_as_given
    request = repo.create_request(
        ctx.session, user=ctx.user, service=flow.service, centre=centre, province=province,
        business_name=answers.get("business_name"), contact_name=answers.get("contact_name"),
        phone=phone, details=answers.get("details"), answers=extra, files_since=_started(conversation))
    for key in flows.PROFILE_KEYS:  # what the flow never asked (a business typed with the name) adds, not replaces
        if answers.get(key) and (flow.field(key) or not getattr(ctx.user, key)):
            setattr(ctx.user, key, answers[key])
    repo.clear_conversation(ctx.session, ctx.user)
    alerts = queue_centre_alerts(ctx.session, request, ctx.public_base_url, ctx.now)
    text = _filed(request, told=bool(alerts))
    if flow.service == "contact_staff":
        ctx.user.waiting_for_staff_since = ctx.now
    text += _after_hours(ctx.now)
    sent = Reply([Text(text, cards.main_menu())], [DeliveriesQueued(tuple(alerts))])
    other = answers.get(needs.SECOND_NEED)
    return sent.then(_offer_second_need(ctx, other)) if other in flows.FLOWS else sent


def _filed(request: ServiceRequest, told: bool) -> str:
    """The reply to a request filed: a call-back promised when someone on LINE was told of it, else the centre's
    phone, and no promise (nobody may see it before the centre opens the console)."""
    centre = request.centre
    untold = texts.NOBODY_ON_LINE_YET.format(centre=centre.name, phone=centre.phone, hours=centre.hours)
    if request.service == "contact_staff":
        return (texts.CONTACT_QUEUED.format(centre=centre.name, hours=centre.hours, reference=request.reference)
                if told else texts.CONTACT_KEPT.format(reference=request.reference, untold=untold))
    call_back = (texts.CALL_BACK_BY_LINE if fields.reached_by_line(request) else texts.CALL_BACK).format(
        phone=fields.request_phone(request), hours=centre.response_hours)
    return texts.SUBMITTED.format(reference=request.reference, service=texts.SERVICE_NAMES[request.service],
                                  centre=centre.name, call_back=call_back if told else untold)


def _offer_second_need(ctx: Context, service: str) -> Reply:
    """The other need the request's first message told, offered now that the request is sent; typed, "ได้ค่ะ" starts
    it and "ไว้ก่อนค่ะ" leaves it for later."""
    name, start = texts.SERVICE_NAMES[service], f"service={service}"
    asides.ask_yes_or_no(ctx, start, needs.LATER, about="second_need")
    return Reply([Text(texts.SECOND_NEED_NOW.format(service=name), (
        Choose(cards.chip_label(service), start, f"เริ่มเรื่อง{name}"),
        Choose(texts.NOT_NOW, needs.LATER, texts.NOT_NOW)))])


def _started(conversation: Conversation) -> datetime | None:
    started = conversation.data.get("started_at")
    return datetime.fromisoformat(started) if started else None


def _central_centre(ctx: Context) -> Centre:
    centre = ctx.session.scalar(select(Centre).order_by(Centre.kind != "itc", Centre.id))
    if centre is None:
        raise LookupError("no centre to route requests to: the centres table is empty (seed it)")
    return centre


def cancel(ctx: Context, confirmed: bool = True, text: str | None = None) -> Reply:
    """End the flow in progress (at the summary, once the user `confirmed` it: every answer is given there), or
    with none, offer to withdraw a request sent (the one whose reference the `text` names, or a choice)."""
    conversation = active(ctx)
    if conversation is not None and conversation.state in turns.SUMMARY and not confirmed:
        return ask_cancel(ctx, conversation)
    if conversation is not None and conversation.flow in flows.FLOWS:  # kept a while, to be taken back
        draft = {"flow": conversation.flow, "state": conversation.state, "data": conversation.data}
        repo.save_conversation(ctx.session, ctx.user, DROPPED, "dropped", {DROPPED: draft})
        take_back = Choose(texts.TAKE_BACK, f"{DROPPED}=back", texts.TAKE_BACK)
        return Reply([Text(texts.FLOW_CANCELLED, (take_back, *cards.main_menu()))])
    if conversation is not None and conversation.flow != DROPPED:
        repo.clear_conversation(ctx.session, ctx.user)
        return Reply([Text(texts.FLOW_CANCELLED, cards.main_menu())])
    return withdrawal.offer(ctx, text)


def _after_hours(now: datetime) -> str:
    """When the centres open next, said on a line of its own if they are closed now (a Sunday evening); else ""."""
    opens = workdays.next_opening(now)
    if opens - now < timedelta(minutes=1):
        return ""
    local = opens.astimezone(workdays.BANGKOK)
    return "\n" + texts.CLOSED_NOW.format(day=texts.day_and_date(local.date()), time=f"{local:%H:%M}")


def takes_back(current: Conversation | None, text: str) -> bool:
    """A request just given up, and a message that wants it after all ("เปลี่ยนใจครับ ส่งเรื่องเมื่อกี้ไปด้วยเลย")."""
    return current is not None and current.flow == DROPPED and TAKEN_BACK.search(text) is not None


def take_back(ctx: Context) -> Reply:
    """The request given up, where it was, if it was given up lately; else what can be done instead."""
    current = active(ctx)
    draft = current.data.get(DROPPED) if current is not None and current.flow == DROPPED else None
    if current is None or draft is None or ctx.now - current.updated_at > KEPT_FOR:
        return Reply([Text(texts.NOTHING_TO_TAKE_BACK, cards.main_menu())])
    repo.save_conversation(ctx.session, ctx.user, draft["flow"], draft["state"], draft["data"])  # `current`, too
    service = texts.SERVICE_NAMES[draft["flow"]]
    return Reply([Text(texts.TAKEN_BACK.format(service=service))]).then(reask(ctx, current))


def already_submitted(ctx: Context, edit: bool = False) -> Reply:
    """The summary's "ยืนยันส่งคำขอ" or "แก้ไข" tapped once the request went: say so, with its reference, and
    for an edit how the request can still change (or that it was withdrawn, or that nothing is in progress
    when no request was just made)."""
    request = withdrawal.just_made(ctx)
    if request is None:
        return withdrawal.nothing_to_cancel()
    if edit:
        return _how_to_change(request)
    template = texts.ALREADY_WITHDRAWN if request.status == "cancelled" else texts.ALREADY_SUBMITTED
    return Reply([Text(template.format(reference=request.reference), cards.main_menu())])


def _how_to_change(request: ServiceRequest) -> Reply:
    """A request that went is changed by its staff when they call; one nobody has taken yet can also be
    withdrawn and sent again."""
    if request.status == "cancelled":
        return Reply([Text(texts.EDIT_WITHDRAWN.format(reference=request.reference), cards.main_menu())])
    said = texts.EDIT_AFTER_SENDING.format(reference=request.reference)
    if request.status != "new":
        return Reply([Text(said, cards.main_menu())])
    withdraw = Choose(texts.WITHDRAW, f"cancel_request={request.id}", texts.WITHDRAW)
    return Reply([Text(f"{said}\n{texts.EDIT_BY_RESENDING}", (withdraw, *cards.main_menu()))])
