"""The LINE card that tells a centre's staff a new request has arrived."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.dialogue import texts
from bot.line.outbound import Choose, Flex, OpenLink, action_json, to_line_messages
from storage.models import ServiceRequest

GREEN, GREY = "#06C755", "#888888"


def new_request_alert(request: ServiceRequest, public_base_url: str, now: datetime) -> list[dict[str, Any]]:
    """A Flex card with the request's essentials and "รับเรื่อง" / "เปิดในระบบ" buttons, as LINE JSON."""
    service = texts.SERVICE_NAMES.get(request.service, request.service)
    rows = [("เลขที่", request.reference), ("บริการ", service), ("กิจการ", request.business_name or "-"),
            ("ผู้ติดต่อ", f"{request.contact_name or '-'} {request.phone or ''}".strip()),
            ("จังหวัด", request.province), ("ความต้องการ", (request.details or "-")[:200]),
            ("เมื่อ", _ago(request.created_at, now))]
    accept = Choose("รับเรื่อง", f"accept={request.id}", f"รับเรื่อง {request.reference}")
    console = OpenLink("เปิดในระบบ", f"{public_base_url.rstrip('/')}/staff/requests/{request.id}")
    bubble = {
        "type": "bubble",
        "header": {"type": "box", "layout": "vertical", "contents": [
            {"type": "text", "text": f"คำขอใหม่ · {request.centre.name}", "weight": "bold", "wrap": True,
             "color": GREEN}]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
            {"type": "box", "layout": "baseline", "spacing": "sm", "contents": [
                {"type": "text", "text": label, "size": "sm", "color": GREY, "flex": 2},
                {"type": "text", "text": value or "-", "size": "sm", "flex": 5, "wrap": True}]}
            for label, value in rows]},
        "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
            {"type": "button", "style": "primary", "height": "sm", "action": action_json(accept)},
            {"type": "button", "style": "secondary", "height": "sm", "action": action_json(console)}]},
    }
    alt = f"คำขอใหม่ {request.reference} {service} จาก {request.business_name or '-'} จ.{request.province}"
    return to_line_messages([Flex(alt, bubble)])


def _ago(moment: datetime, now: datetime) -> str:
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 1:
        return "เมื่อสักครู่"
    if minutes < 60:
        return f"{minutes} นาทีที่แล้ว"
    return texts.thai_datetime(moment)
