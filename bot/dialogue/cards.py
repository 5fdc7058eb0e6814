"""Flex cards and quick-reply menus the dialogue sends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from bot.dialogue import texts
from bot.line.outbound import Action, Choose, Flex, Say, ShareLocation, Text

if TYPE_CHECKING:
    from bot.dialogue.flows import Flow
    from storage.models import Centre, ServiceRequest

GREEN, GREY = "#06C755", "#888888"


def main_menu() -> tuple[Action, ...]:
    """The main choices, as quick replies."""
    return (Choose("ขอรับบริการ", "menu=services", "ขอรับบริการ"),
            Choose("สถานะคำขอ", "intent=request_status", "สถานะคำขอ"),
            Choose("กิจกรรม", "intent=event", "กิจกรรม"),
            Choose("ศูนย์ใกล้ฉัน", "intent=center_info", "ศูนย์ใกล้ฉัน"),
            Choose("คุยกับเจ้าหน้าที่", "intent=contact_staff", "คุยกับเจ้าหน้าที่"))


def consent_choices() -> tuple[Action, ...]:
    return (Choose("ยินยอม", "consent=yes", "ยินยอม"), Choose("ไม่ยินยอม", "consent=no", "ไม่ยินยอม"),
            Choose("อ่านรายละเอียด", "privacy=show", "ข้อมูลส่วนบุคคลใช้ทำอะไร"))


def intent_choices(labels: Iterable[str]) -> tuple[Action, ...]:
    """Quick replies for the likely meanings of an unclear message."""
    names = texts.SERVICE_NAMES | {"request_status": "สถานะคำขอ", "event": "กิจกรรม",
                                   "center_info": "ข้อมูลศูนย์", "contact_staff": "คุยกับเจ้าหน้าที่"}
    picks = [Choose(names[label][:20], f"intent={label}", names[label]) for label in labels if label in names]
    return tuple(picks[:4]) + (Choose("ดูบริการทั้งหมด", "menu=services", "ดูบริการทั้งหมด"),
                               Choose("คุยกับเจ้าหน้าที่", "intent=contact_staff", "คุยกับเจ้าหน้าที่"))


def service_carousel() -> Flex:
    """One bubble per service with a request button."""
    bubbles = [_bubble(name, [_body_text(texts.SERVICE_BLURBS[label], wrap=True, color=GREY)],
                       [_button("ขอรับบริการ", Choose("ขอรับบริการ", f"service={label}", name))])
               for label, name in texts.SERVICE_NAMES.items() if label in texts.SERVICE_BLURBS]
    return Flex("บริการของศูนย์ ITC: " + " / ".join(list(texts.SERVICE_NAMES.values())[:9]),
                {"type": "carousel", "contents": bubbles})


def summary_card(flow: Flow, answers: dict[str, Any]) -> Flex:
    """The request before submitting, with confirm / edit / cancel."""
    rows = [_row(q.label, q.show(_as_shown(answers.get(q.key)))) for q in flow.fields if q.key in answers]
    service = texts.SERVICE_NAMES[flow.service]
    buttons = [_button(texts.CONFIRM, Choose(texts.CONFIRM, "confirm=yes", texts.CONFIRM), primary=True),
               _button(texts.EDIT, Choose(texts.EDIT, "confirm=edit", texts.EDIT)),
               _button(texts.CANCEL, Choose(texts.CANCEL, "cancel=flow", texts.CANCEL))]
    return Flex(texts.SUMMARY_ALT.format(service=service),
                _bubble(f"{texts.SUMMARY_TITLE}: {service}", rows, buttons))


def requests_card(requests: list[ServiceRequest]) -> Flex:
    """The user's requests, newest first."""
    rows = []
    for request in requests:
        rows.append(_body_text(f"{request.reference}", bold=True))
        rows.append(_body_text(f"{texts.SERVICE_NAMES.get(request.service, request.service)} · "
                               f"{texts.STATUS_NAMES.get(request.status, request.status)}", wrap=True))
        rows.append(_body_text(f"{request.centre.name} · {texts.thai_date(request.created_at)}",
                               wrap=True, color=GREY))
    alt = texts.REQUESTS_TITLE + ": " + ", ".join(
        f"{r.reference} {texts.STATUS_NAMES.get(r.status, r.status)}" for r in requests)
    return Flex(alt, _bubble(texts.REQUESTS_TITLE, rows, []))


def centre_text(centre: Centre) -> Text:
    """Where a centre is, its phone and hours, with a map link."""
    link = f"https://www.google.com/maps/search/?api=1&query={centre.lat},{centre.lon}"
    return Text(texts.CENTRE_INFO.format(name=centre.name, address=centre.address, phone=centre.phone,
                                         hours=centre.hours, map=link), main_menu())


def resume_choices() -> tuple[Action, ...]:
    return (Choose("ทำต่อ", "resume=yes", "ทำต่อ"), Choose("ยกเลิก", "cancel=flow", "ยกเลิก"))


def yes_no(data_yes: str, data_no: str) -> tuple[Action, ...]:
    return (Choose(texts.YES, data_yes, texts.YES), Choose(texts.NO, data_no, texts.NO))


def province_choices() -> tuple[Action, ...]:
    return (ShareLocation(), Say("กรุงเทพฯ", "กรุงเทพมหานคร"))


def _as_shown(value: Any) -> Any:
    from datetime import date
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _bubble(title: str, body: list[dict[str, Any]], buttons: list[dict[str, Any]]) -> dict[str, Any]:
    bubble: dict[str, Any] = {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical",
                   "contents": [_body_text(title, bold=True, wrap=True, color=GREEN)]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm",
                 "contents": body or [_body_text("-")]},
    }
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons}
    return bubble


def _row(label: str, value: str) -> dict[str, Any]:
    return {"type": "box", "layout": "baseline", "spacing": "sm", "contents": [
        {"type": "text", "text": label, "size": "sm", "color": GREY, "flex": 2, "wrap": True},
        {"type": "text", "text": value[:300] or "-", "size": "sm", "flex": 4, "wrap": True}]}


def _body_text(text: str, bold: bool = False, wrap: bool = False, color: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "text", "text": text or "-", "wrap": wrap}
    if bold:
        body["weight"] = "bold"
    if color:
        body["color"] = color
    return body


def _button(label: str, action: Choose, primary: bool = False) -> dict[str, Any]:
    from bot.line.outbound import action_json
    return {"type": "button", "style": "primary" if primary else "secondary", "height": "sm",
            "action": action_json(action)}
