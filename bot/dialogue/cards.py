"""Flex cards and quick-reply menus the dialogue sends: the service picker, the request summary, request
status, centre cards, and the choices offered as quick replies."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from bot.dialogue import texts
from bot.dialogue.fields import MACHINE, PREFERRED_DATE, PREFERRED_TIME, QUESTIONS
from bot.line.outbound import Action, Choose, Flex, OpenLink, Say, ShareLocation, action_json, fit_text

if TYPE_CHECKING:
    from bot.dialogue.flows import Flow
    from storage.models import Centre, ServiceRequest

GREEN, GREY, INK, WHITE, PALE_GREEN = "#06C755", "#8A8F98", "#1F2933", "#FFFFFF", "#E9F9EF"
SERVICE_LOOKS = {
    "product_design": ("🎨", "#7048E8"), "prototype": ("🧩", "#1E6FD9"), "packaging": ("📦", "#E67700"),
    "machinery": ("⚙️", "#495057"), "food_processing": ("🥫", "#D9480F"), "training": ("🎓", "#0C8F6A"),
    "business_matching": ("🤝", "#C2255C"), "consulting": ("💡", "#0B7285"), "cluster": ("🏭", "#4C6EF5"),
    "contact_staff": ("🙋", GREEN),
}
STATUS_COLOURS = {"new": "#E67700", "accepted": "#1E6FD9", "in_progress": "#1E6FD9", "waiting": "#D9480F",
                  "done": GREEN, "rejected": "#868E96", "cancelled": "#868E96"}
REQUEST_BUTTON, UNSURE_TITLE = "ขอรับบริการ", "ยังไม่แน่ใจว่าบริการไหน?"
UNSURE_BLURB = "พิมพ์เล่าความต้องการมาได้เลย หรือให้เจ้าหน้าที่ติดต่อกลับเพื่อแนะนำบริการที่เหมาะค่ะ"
SERVICES_ALT = "บริการของศูนย์ ITC แตะ \"ขอรับบริการ\" ที่บริการที่ต้องการ: "
SUMMARY_CHECK = "ตรวจสอบข้อมูลให้ถูกต้อง แล้วแตะ \"ยืนยันส่งคำขอ\" ค่ะ"
EDIT_BUTTON = Choose(texts.EDIT, "confirm=edit", texts.EDIT)  # on the summary card
CENTRE_ROLE, NEAREST_ROLE = "ศูนย์ที่ดูแล จ.{province}", "ศูนย์ที่ใกล้ที่สุด · ประมาณ {km} กม."
MAP_BUTTON, CALL_BUTTON, CALL_CENTRE = "เปิดแผนที่", "โทร {phone}", "โทรหาศูนย์"
REQUEST_ROWS = ("ศูนย์ที่ดูแล", "วันที่ยื่น", "อัปเดตล่าสุด", "ความต้องการ", "ความคืบหน้า", "เจ้าหน้าที่")
# Quick-reply labels for the services whose names pass LINE's 20 characters (cut, they end mid-word).
# Short enough to follow a place in a list ("9. ผลิตภัณฑ์ต้นแบบ", bot/dialogue/withdrawal.py) within 20 characters.
SHORT_SERVICE_NAMES = {"machinery": "เครื่องจักรกลาง", "food_processing": "แปรรูปอาหาร",
                       "consulting": "ที่ปรึกษาธุรกิจ", "prototype": "ผลิตภัณฑ์ต้นแบบ", "training": "ฝึกอบรม/ดูงาน"}
INTENT_NAMES = {"request_status": "สถานะคำขอ", "event": "กิจกรรม", "center_info": "ข้อมูลศูนย์",
                "contact_staff": "คุยกับเจ้าหน้าที่"}


CONSENT_GIVEN, CONSENT_REFUSED = "consent=yes", "consent=no"  # the consent buttons, wherever consent is asked


def main_menu() -> tuple[Action, ...]:
    """The main choices, as quick replies."""
    return (Choose("ขอรับบริการ", "menu=services", "ขอรับบริการ"),
            Choose("สถานะคำขอ", "intent=request_status", "สถานะคำขอ"),
            Choose("กิจกรรม", "intent=event", "กิจกรรม"),
            Choose("ศูนย์ใกล้ฉัน", "intent=center_info", "ศูนย์ใกล้ฉัน"),
            Choose("คุยกับเจ้าหน้าที่", "intent=contact_staff", "คุยกับเจ้าหน้าที่"))


def consent_choices() -> tuple[Action, ...]:
    return (Choose("ยินยอม", CONSENT_GIVEN, "ยินยอม"), Choose("ไม่ยินยอม", CONSENT_REFUSED, "ไม่ยินยอม"),
            Choose("อ่านรายละเอียด", "privacy=show", "ข้อมูลส่วนบุคคลใช้ทำอะไร"))


def call_back_choice(province: str) -> Choose:
    """Consent to be called back, tapped under the card of the centre serving `province`."""
    return Choose("ยินยอมให้โทรกลับ", f"call_back={province}", "ยินยอมให้โทรกลับ")


def chip_label(label: str) -> str:
    """What a quick reply for a service or intent says, within LINE's 20 characters."""
    return SHORT_SERVICE_NAMES.get(label) or INTENT_NAMES.get(label) or texts.SERVICE_NAMES[label]


def intent_choices(labels: Iterable[str]) -> tuple[Action, ...]:
    """Quick replies for the likely meanings of an unclear message, then all services and staff, each once."""
    names = texts.SERVICE_NAMES | INTENT_NAMES
    likely = [label for label in dict.fromkeys(labels) if label in names and label != "contact_staff"]
    picks = tuple(Choose(chip_label(label), f"intent={label}", names[label]) for label in likely[:4])
    staff = INTENT_NAMES["contact_staff"]
    return picks + (Choose("ดูบริการทั้งหมด", "menu=services", "ดูบริการทั้งหมด"),
                    Choose(staff, "intent=contact_staff", staff))


def service_carousel(province: str | None = None) -> Flex:
    """One bubble per service (what the centre does, a "ขอรับบริการ" button), then one for the unsure.

    A province already known (from a shared location) rides along in the postback, so it is not asked."""
    suffix = f"&province={province}" if province else ""
    bubbles = [_service_bubble(label, name, texts.SERVICE_BLURBS[label], suffix)
               for label, name in texts.SERVICE_NAMES.items() if label in texts.SERVICE_BLURBS]
    bubbles.append(_service_bubble("contact_staff", UNSURE_TITLE, UNSURE_BLURB, "", intent=True))
    names = [name for label, name in texts.SERVICE_NAMES.items() if label in texts.SERVICE_BLURBS]
    return Flex(SERVICES_ALT + ", ".join(names), {"type": "carousel", "contents": bubbles})


def _service_bubble(label: str, name: str, blurb: str, suffix: str, intent: bool = False) -> dict[str, Any]:
    emoji, colour = SERVICE_LOOKS[label]
    data = "intent=contact_staff" if intent else f"service={label}{suffix}"
    button_label = "คุยกับเจ้าหน้าที่" if intent else REQUEST_BUTTON
    action = Choose(button_label, data, button_label if intent else f"{REQUEST_BUTTON}{name}")
    return {
        "type": "bubble", "size": "kilo",
        "header": _box([_text(emoji, size="3xl"), _text(name, size="lg", bold=True, colour=WHITE)],
                       backgroundColor=colour, paddingAll="16px", spacing="sm"),
        "body": _box([_text(blurb, size="sm", colour="#4A5560")], paddingAll="16px"),
        "footer": _box([_button(action, primary=True, colour=colour)], paddingAll="12px"),
    }


def summary_card(flow: Flow, answers: dict[str, Any]) -> Flex:
    """The request before submitting, with confirm / edit / cancel (which asks first)."""
    service = texts.SERVICE_NAMES[flow.service]
    emoji, _ = SERVICE_LOOKS.get(flow.service, ("📝", GREEN))
    rows = [_row(q.label, q.show(answers.get(q.key))) for q in flow.fields if q.key in answers]
    if answers.get(QUESTIONS):
        rows.append(_row(texts.QUESTIONS_LABEL, "\n".join(answers[QUESTIONS])))
    body = rows + [{"type": "separator", "margin": "lg"}, _text(SUMMARY_CHECK, size="xs", colour=GREY,
                                                                 margin="lg")]
    bubble = {
        "type": "bubble",
        "header": _box([_text(texts.SUMMARY_TITLE, size="sm", bold=True, colour=GREEN),
                        _text(f"{emoji} {service}", size="lg", bold=True)], backgroundColor=PALE_GREEN),
        "body": _box(body, spacing="md"),
        "footer": _box([_button(Choose(texts.CONFIRM, "confirm=yes", texts.CONFIRM), primary=True),
                        _button(EDIT_BUTTON),
                        _button(Choose(texts.CANCEL, "cancel=ask", texts.CANCEL), link=True)], spacing="sm"),
    }
    return Flex(texts.SUMMARY_ALT.format(service=service), bubble)


def requests_card(requests: list[ServiceRequest]) -> Flex:
    """The user's requests newest first, one bubble each; a single request also shows its history."""
    bubbles = [_request_bubble(request, detailed=len(requests) == 1) for request in requests[:12]]
    alt = texts.REQUESTS_TITLE + ": " + ", ".join(
        f"{r.reference} {texts.STATUS_NAMES.get(r.status, r.status)}" for r in requests)
    contents = bubbles[0] if len(bubbles) == 1 else {"type": "carousel", "contents": bubbles}
    return Flex(fit_text(alt, 400), contents, main_menu())


def _request_bubble(request: ServiceRequest, detailed: bool) -> dict[str, Any]:
    service = texts.SERVICE_NAMES.get(request.service, request.service)
    emoji, _ = SERVICE_LOOKS.get(request.service, ("📝", GREEN))
    status = texts.STATUS_NAMES.get(request.status, request.status)
    badge = _box([_text(status, size="sm", bold=True, colour=WHITE)], backgroundColor=STATUS_COLOURS.get(
        request.status, GREY), cornerRadius="md", paddingAll="8px")
    centre, filed, updated, details, progress, officer = REQUEST_ROWS
    rows = [badge, _row(centre, request.centre.name), _row(filed, texts.thai_date(request.created_at)),
            _row(updated, texts.thai_datetime(request.updated_at or request.created_at))]
    if request.assignee is not None and request.status in ("accepted", "in_progress", "waiting"):
        rows.append(_row(officer, texts.addressed(request.assignee.name)))  # whom the call will come from
    # A machine booked: which, the day and the time, as last moved.
    rows += [_row(field.label, field.show(request.answers[field.key]))
             for field in (MACHINE, PREFERRED_DATE, PREFERRED_TIME) if field.key in request.answers]
    if detailed:
        rows.append(_row(details, (request.details or "-")[:200]))
        history = [f"{texts.thai_datetime(c.changed_at)} {texts.STATUS_NAMES.get(c.to_status, c.to_status)}"
                   for c in request.history[-4:]]
        if history:
            rows += [{"type": "separator", "margin": "md"}, _text(progress, size="xs", bold=True, colour=GREY),
                     *[_text("• " + line, size="xs", colour=GREY) for line in history]]
    bubble: dict[str, Any] = {
        "type": "bubble", "size": "mega" if detailed else "kilo",
        "header": _box([_text(request.reference or "-", size="md", bold=True),
                        _text(f"{emoji} {service}", size="sm", colour=GREY)], spacing="xs"),
        "body": _box(rows, spacing="md", paddingTop="0px"),
    }
    phone = _dial(request.centre.phone)
    buttons = [_button(OpenLink(CALL_CENTRE, f"tel:{phone}"))] if phone else []
    if request.status == "new":  # no officer has it yet: the user may still withdraw it
        buttons.append(_button(Choose(texts.WITHDRAW, f"cancel_request=ask:{request.id}", texts.WITHDRAW), link=True))
    if buttons:
        bubble["footer"] = _box(buttons, spacing="sm")
    return bubble


def centre_card(centre: Centre, province: str, km: float | None = None, nearest: Centre | None = None) -> Flex:
    """The centre serving `province` (address, phone, hours, map, call, request), and the nearest
    centre beside it when a different one is closer."""
    bubbles = [_centre_bubble(centre, CENTRE_ROLE.format(province=province), province)]
    if nearest is not None and nearest.id != centre.id:
        bubbles.append(_centre_bubble(nearest, NEAREST_ROLE.format(km=km_text(km)), province))
    alt = f"{CENTRE_ROLE.format(province=province)}: {centre.name} โทร {centre.phone} เวลาทำการ {centre.hours}"
    contents = bubbles[0] if len(bubbles) == 1 else {"type": "carousel", "contents": bubbles}
    return Flex(fit_text(alt, 400), contents, main_menu())


def _centre_bubble(centre: Centre, role: str, province: str) -> dict[str, Any]:
    rows = [_icon_row("📍", centre.address), _icon_row("📞", centre.phone), _icon_row("🕘", centre.hours)]
    buttons = [_button(OpenLink(MAP_BUTTON, map_link(centre)), primary=True)]
    phone = _dial(centre.phone)
    if phone:
        buttons.append(_button(OpenLink(CALL_BUTTON.format(phone=centre.phone)[:20], f"tel:{phone}")))
    buttons.append(_button(Choose(REQUEST_BUTTON, f"menu=services&province={province}", REQUEST_BUTTON),
                           link=True))
    return {
        "type": "bubble",
        "header": _box([_text(role, size="xs", colour=WHITE), _text(centre.name, size="md", bold=True,
                                                                    colour=WHITE)],
                       backgroundColor=GREEN, spacing="xs"),
        "body": _box(rows, spacing="md"),
        "footer": _box(buttons, spacing="sm"),
    }


def map_link(centre: Centre) -> str:
    """A map search at the centre's coordinates (opens the map app on a phone)."""
    return f"https://www.google.com/maps/search/?api=1&query={centre.lat},{centre.lon}"


CARRY_ON = Choose("ทำต่อ", "resume=yes", "ทำต่อ")


def resume_choices() -> tuple[Action, ...]:
    return (CARRY_ON, Choose("ยกเลิก", "cancel=flow", "ยกเลิก"))


def yes_no(data_yes: str, data_no: str) -> tuple[Action, ...]:
    return (Choose(texts.YES, data_yes, texts.YES), Choose(texts.NO, data_no, texts.NO))


def province_choices() -> tuple[Action, ...]:
    return (ShareLocation(), Say("กรุงเทพฯ", "กรุงเทพมหานคร"))


def _dial(phone: str | None) -> str | None:
    """The first phone number in a centre's phone field, as digits for a tel: link."""
    found = re.search(r"0[\d\- ]{7,}\d", phone or "")
    return re.sub(r"\D", "", found.group()) if found else None


def km_text(km: float | None) -> str:
    """A distance as shown: one decimal under 10 km, whole kilometres above."""
    return "-" if km is None else f"{km:,.0f}" if km >= 10 else f"{km:.1f}"


def _box(contents: list[dict[str, Any]], layout: str = "vertical", **style: str) -> dict[str, Any]:
    return {"type": "box", "layout": layout, "contents": contents or [_text("-")], **style}


def _row(label: str, value: str) -> dict[str, Any]:
    return _box([_text(label, size="sm", colour=GREY, flex=3), _text(value[:300] or "-", size="sm", flex=6)],
                layout="baseline", spacing="sm")


def _icon_row(icon: str, value: str) -> dict[str, Any]:
    return _box([_text(icon, size="sm", flex=0, wrap=False), _text(value or "-", size="sm", flex=1)],
                layout="baseline", spacing="md")


def _text(text: str, *, size: str = "md", bold: bool = False, colour: str = INK, flex: int | None = None,
          wrap: bool = True, margin: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "text", "text": text or "-", "size": size, "color": colour, "wrap": wrap}
    if bold:
        body["weight"] = "bold"
    if flex is not None:
        body["flex"] = flex
    if margin:
        body["margin"] = margin
    return body


def _button(action: Action, primary: bool = False, link: bool = False, colour: str = GREEN) -> dict[str, Any]:
    style = "primary" if primary else "link" if link else "secondary"
    button = {"type": "button", "style": style, "height": "sm", "action": action_json(action)}
    if primary:
        button["color"] = colour
    return button
